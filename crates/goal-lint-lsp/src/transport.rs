//! A guard in front of tower-lsp-server's transport.
//!
//! tower-lsp-server reads with tokio-util's `FramedRead`, which ends the stream after the first
//! frame it cannot decode: one malformed message from a client would end the session. This
//! module reads frames itself, answers what is not JSON-RPC as the specification says
//! (`-32700` parse error or `-32600` invalid request, with id `null` when there is none),
//! answers `$/` requests (`-32601`, see [`route`]) and passes only well-formed messages on.
//! Header blocks are bounded ([`MAX_HEADER`]), so bytes that never form a frame cost neither
//! memory nor repeated scans. Output from the server and from the guard is written
//! frame by frame from one task, so frames never interleave.
//!
//! JSON-RPC allows any string or number (or `null`) as a request id, but tower-lsp-server
//! decodes ids as 64-bit integers or strings and ends the session on any other (`1.5`, `1.0`,
//! `9223372036854775808`). So the guard gives every request an id of its own ([`IdMap`]) and
//! puts the client's id back into the response, and it passes on only messages that
//! tower-lsp-server can decode: the server never sees an id it cannot represent, and the client
//! gets its own id back, whatever it was.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Value, json};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Request, Response};

/// Largest body accepted; a bigger declared length is answered with a parse error and skipped.
const MAX_BODY: usize = 256 * 1024 * 1024;

/// Longest header block accepted, its blank line included. An LSP header block is one or two
/// short lines; bytes that go this far without one are not a header, and keeping them would
/// let a client that writes unframed bytes fill memory.
pub const MAX_HEADER: usize = 4096;

/// The header that starts every frame: after garbage, reading resumes at its next occurrence.
const LENGTH_HEADER: &[u8] = b"content-length";

/// What the reader found in the input.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    /// A well-formed JSON-RPC message.
    Message(Value),
    /// Something to answer with an error response.
    Invalid {
        code: i64,
        message: String,
        id: Value,
    },
}

/// Splits a byte stream into frames, whatever sizes the reads have (the frames and errors
/// depend only on the bytes). A header block ends at its first empty line: `\r\n\r\n` as
/// the specification says, or `\n\n` (and `\n\r\n`) as some clients write, which would
/// otherwise be read as the start of a header that runs into the next request. After bytes
/// that are not a header, reading resumes at the next `Content-Length`; such a run is reported
/// once, and at most [`MAX_HEADER`] of it is ever kept.
#[derive(Default)]
pub struct FrameReader {
    buf: Vec<u8>,
    /// Bytes at the front of `buf` already read (dropped at the next `push`, so that reading
    /// a frame never moves the rest).
    start: usize,
    /// Where, after `start`, the look for the end of the header block resumes (no end starts
    /// before it): each byte is looked at once, however many reads a header arrives in.
    scanned: usize,
    /// Bytes of an oversized body still to skip.
    skipping: usize,
    /// Garbage was reported and no frame has been read since: more of it is not reported again.
    in_garbage: bool,
}

impl FrameReader {
    pub fn push(&mut self, mut data: &[u8]) {
        if self.skipping > 0 {
            let n = self.skipping.min(data.len());
            self.skipping -= n;
            data = &data[n..];
        }
        self.buf.drain(..self.start);
        self.start = 0;
        self.buf.extend_from_slice(data);
    }

    /// How many bytes the reader keeps (at most [`MAX_HEADER`] plus the last read, or the
    /// header and body of the frame being read).
    pub fn buffered(&self) -> usize {
        self.buf.len() - self.start
    }

    /// The next complete frame, if the buffer holds one.
    pub fn next_frame(&mut self) -> Option<Frame> {
        self.next_with(classify)
            .map(|read| read.unwrap_or_else(|invalid| invalid))
    }

    /// The next complete frame's body, read by `body`; `Err`: what is wrong with the input.
    fn next_with<T>(&mut self, body: impl FnOnce(&[u8]) -> T) -> Option<Result<T, Frame>> {
        loop {
            let pending = &self.buf[self.start..];
            let limit = pending.len().min(MAX_HEADER);
            let (header_end, body_start) = match header_end(&pending[..limit], self.scanned) {
                Ok(found) => found,
                Err(scanned) if pending.len() < MAX_HEADER => {
                    self.scanned = scanned;
                    return None;
                }
                Err(scanned) => {
                    // No header block within the bound: skip to the next header (keeping a
                    // tail that may be the start of one).
                    let skip = find_header_name(pending)
                        .unwrap_or(pending.len() - (LENGTH_HEADER.len() - 1));
                    self.drop_front(skip, scanned);
                    match self.garbage("Parse error: no Content-Length header block") {
                        Some(frame) => return Some(Err(frame)),
                        None => continue,
                    }
                }
            };
            let headers = String::from_utf8_lossy(&pending[..header_end]);
            let length = headers.lines().find_map(|line| {
                let (name, value) = line.split_once(':')?;
                name.trim()
                    .eq_ignore_ascii_case("content-length")
                    .then(|| value.trim().parse::<usize>().ok())?
            });
            let Some(length) = length else {
                // Not a header block: drop it (up to the header inside it, if any).
                let skip = find_header_name(&pending[..header_end]).unwrap_or(body_start);
                self.drop_front(skip, 0);
                match self.garbage("Parse error: missing Content-Length header") {
                    Some(frame) => return Some(Err(frame)),
                    None => continue,
                }
            };
            self.in_garbage = false;
            if length > MAX_BODY {
                let n = length.min(pending.len() - body_start);
                self.drop_front(body_start + n, 0);
                self.skipping = length - n;
                return Some(Err(invalid(
                    -32700,
                    "Parse error: message too large",
                    Value::Null,
                )));
            }
            if pending.len() < body_start + length {
                // The header is read; the next look starts at its end.
                self.scanned = header_end;
                return None;
            }
            let read = body(&pending[body_start..body_start + length]);
            self.drop_front(body_start + length, 0);
            return Some(Ok(read));
        }
    }

    /// Take `n` bytes off the front; no header end started before `scanned`.
    fn drop_front(&mut self, n: usize, scanned: usize) {
        self.start += n;
        self.scanned = scanned.saturating_sub(n);
    }

    /// The error for a run of garbage: the first of a run only.
    fn garbage(&mut self, message: &str) -> Option<Frame> {
        (!std::mem::replace(&mut self.in_garbage, true))
            .then(|| invalid(-32700, message, Value::Null))
    }
}

/// The end of the header block at the start of `bytes` (the offset of its blank line and of
/// the body), looking from `from`; else how far it is known not to be.
fn header_end(bytes: &[u8], from: usize) -> Result<(usize, usize), usize> {
    let mut i = from;
    while let Some(k) = bytes[i.min(bytes.len())..].iter().position(|&b| b == b'\n') {
        let at = i + k;
        match bytes.get(at + 1..) {
            Some([b'\n', ..]) => return Ok((at, at + 2)),
            Some([b'\r', b'\n', ..]) => return Ok((at, at + 3)),
            // Too few bytes to tell.
            Some([] | [b'\r']) => return Err(at),
            _ => i = at + 1,
        }
    }
    Err(bytes.len())
}

/// Where the next `Content-Length` (any case) after the first byte starts.
fn find_header_name(bytes: &[u8]) -> Option<usize> {
    bytes
        .get(1..)?
        .windows(LENGTH_HEADER.len())
        .position(|w| w.eq_ignore_ascii_case(LENGTH_HEADER))
        .map(|i| i + 1)
}

fn invalid(code: i64, message: &str, id: Value) -> Frame {
    Frame::Invalid {
        code,
        message: message.to_string(),
        id,
    }
}

/// Check that a body is a JSON-RPC 2.0 request, notification or response.
fn classify(body: &[u8]) -> Frame {
    let Ok(value) = serde_json::from_slice::<Value>(body) else {
        return invalid(
            -32700,
            "Parse error: the message is not valid JSON",
            Value::Null,
        );
    };
    let Some(obj) = value.as_object() else {
        return invalid(
            -32600,
            "Invalid request: a message must be a JSON object",
            Value::Null,
        );
    };
    let id = obj.get("id").cloned().unwrap_or(Value::Null);
    let id_ok = matches!(
        obj.get("id"),
        None | Some(Value::Number(_) | Value::String(_) | Value::Null)
    );
    let versioned = obj.get("jsonrpc").and_then(Value::as_str) == Some("2.0");
    let request = matches!(obj.get("method"), Some(Value::String(_)))
        && matches!(
            obj.get("params"),
            None | Some(Value::Object(_) | Value::Array(_) | Value::Null)
        );
    let response =
        obj.contains_key("id") && (obj.contains_key("result") || obj.contains_key("error"));
    if !versioned || !id_ok || !(request || response) {
        let id = if id_ok { id } else { Value::Null };
        return invalid(-32600, "Invalid request: not a JSON-RPC 2.0 message", id);
    }
    Frame::Message(value)
}

/// What tower-lsp-server decodes a message as (its own `Message` type is private): a message
/// that is neither would end its session.
#[derive(Deserialize)]
#[serde(untagged)]
enum Decodable {
    #[allow(dead_code)]
    Response(Response),
    #[allow(dead_code)]
    Request(Request),
}

fn decodable(body: &[u8]) -> bool {
    serde_json::from_slice::<Decodable>(body).is_ok()
}

/// The ids of requests in flight: the client's own id for each id the server was given. Ids
/// come back as serde_json reads them: exactly, except a number that is neither a 64-bit
/// integer (signed or unsigned) nor a double, which comes back as the nearest double.
#[derive(Debug, Default)]
pub struct IdMap {
    next: i64,
    /// Server id → the client's id.
    client_id: HashMap<i64, Value>,
    /// The client's id (as JSON text) → the server id of its latest request, for
    /// `$/cancelRequest`.
    server_id: HashMap<String, i64>,
}

/// An [`IdMap`] shared by the input guard and the output forwarder.
pub type SharedIds = Arc<Mutex<IdMap>>;

impl IdMap {
    /// Prepare a client message for the server: a request gets a fresh id, a cancellation
    /// names that id. `None`: nothing to pass on (a cancellation of a request not in flight, a
    /// response to no request of the server's).
    pub fn to_server(&mut self, mut message: Value) -> Option<Value> {
        let obj = message.as_object_mut()?;
        let method = obj.get("method").and_then(Value::as_str).map(str::to_owned);
        match method {
            Some(method) => {
                if let Some(id) = obj.get_mut("id") {
                    self.next += 1;
                    let client = std::mem::replace(id, Value::from(self.next));
                    self.server_id.insert(client.to_string(), self.next);
                    self.client_id.insert(self.next, client);
                } else if method == "$/cancelRequest" {
                    let id = obj.get_mut("params")?.get_mut("id")?;
                    *id = Value::from(*self.server_id.get(&id.to_string())?);
                }
            }
            // A response: the server's requests have integer ids.
            None => {
                obj.get("id")?.as_i64()?;
            }
        }
        Some(message)
    }

    /// Put the client's id back into a response from the server.
    pub fn to_client(&mut self, message: &mut Value) {
        let Some(obj) = message.as_object_mut() else {
            return;
        };
        if obj.contains_key("method") {
            return;
        }
        let Some(server) = obj.get("id").and_then(Value::as_i64) else {
            return;
        };
        if let Some(client) = self.forget(server) {
            obj.insert("id".to_string(), client);
        }
    }

    /// Take a request out of the map: the client's id it had.
    pub fn forget(&mut self, server: i64) -> Option<Value> {
        let client = self.client_id.remove(&server)?;
        let key = client.to_string();
        if self.server_id.get(&key) == Some(&server) {
            self.server_id.remove(&key);
        }
        Some(client)
    }
}

/// A message from the server as the client gets it: a response with the client's id put
/// back ([`IdMap::to_client`]), anything else as it is. Only the top level is read: a
/// report's diagnostics (hundreds of kB on a large document) are copied, not parsed and
/// written again. `None`: not a JSON object (the server writes none).
fn to_client_body(ids: &mut IdMap, body: &[u8]) -> Option<Vec<u8>> {
    let fields: Vec<(String, &RawValue)> = serde_json::from_slice::<Fields>(body).ok()?.0;
    if fields.iter().any(|(k, _)| k == "method") {
        return Some(body.to_vec());
    }
    let Some(server) = fields
        .iter()
        .find(|(k, _)| k == "id")
        .and_then(|(_, id)| serde_json::from_str::<i64>(id.get()).ok())
    else {
        return Some(body.to_vec());
    };
    let Some(client) = ids.forget(server) else {
        return Some(body.to_vec());
    };
    let client = serde_json::value::to_raw_value(&client).ok()?;
    let mut out = Vec::with_capacity(body.len() + 16);
    out.push(b'{');
    for (i, (key, value)) in fields.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        serde_json::to_writer(&mut out, key).ok()?;
        out.push(b':');
        let value = if key == "id" { &client } else { *value };
        out.extend_from_slice(value.get().as_bytes());
    }
    out.push(b'}');
    Some(out)
}

/// A JSON object's fields in order, their values unparsed.
struct Fields<'a>(Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for Fields<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Fields<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(
                self,
                mut map: M,
            ) -> std::result::Result<Fields<'de>, M::Error> {
                let mut fields = Vec::new();
                while let Some(entry) = map.next_entry::<String, &'de RawValue>()? {
                    fields.push(entry);
                }
                Ok(Fields(fields))
            }
        }
        d.deserialize_map(Visit)
    }
}

fn error_response(code: i64, message: &str, id: Value) -> Vec<u8> {
    let response =
        json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code, "message": message } });
    encode(response.to_string().as_bytes())
}

fn encode(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// Where a frame from the client goes.
#[derive(Debug, PartialEq, Eq)]
pub enum Route {
    /// To the server: the message's body, its request id replaced (see [`IdMap`]).
    Server(Vec<u8>),
    /// Answered here: a framed error response.
    Client(Vec<u8>),
    /// Nowhere: a notification or response that the server cannot decode (there is no one to
    /// answer), a cancellation of nothing in flight, a response to no request of the server's.
    Nowhere,
}

/// What to do with one frame from the client. Requests whose method starts with `$/` are
/// answered `MethodNotFound` here, as the specification asks of a server that does not
/// implement them: tower-lsp-server drops its own answer to any `$/` request (it treats them
/// all as notifications), and the client would wait forever. The same methods as notifications
/// (`$/cancelRequest`, `$/setTrace`) are passed on.
pub fn route(ids: &mut IdMap, frame: Frame) -> Route {
    let message = match frame {
        Frame::Message(message) => message,
        Frame::Invalid { code, message, id } => {
            return Route::Client(error_response(code, &message, id));
        }
    };
    let method = message.get("method").and_then(Value::as_str);
    let client_id = method.and(message.get("id")).cloned();
    if let (Some(method), Some(id)) = (method, &client_id)
        && method.starts_with("$/")
    {
        let text = format!("Method not found: {method} (a $/ request)");
        return Route::Client(error_response(-32601, &text, id.clone()));
    }
    let Some(forwarded) = ids.to_server(message) else {
        return Route::Nowhere;
    };
    let body = forwarded.to_string().into_bytes();
    if decodable(&body) {
        return Route::Server(body);
    }
    let Some(id) = client_id else {
        return Route::Nowhere;
    };
    if let Some(server) = forwarded.get("id").and_then(Value::as_i64) {
        ids.forget(server);
    }
    Route::Client(error_response(
        -32600,
        "Invalid request: not a JSON-RPC 2.0 message",
        id,
    ))
}

/// Read frames from `input`: well-formed ones go to `to_server` (re-framed), errors to `to_client`.
pub async fn guard_input<R, W>(
    mut input: R,
    mut to_server: W,
    to_client: mpsc::UnboundedSender<Vec<u8>>,
    ids: SharedIds,
) where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut reader = FrameReader::default();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = match input.read(&mut chunk).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        reader.push(&chunk[..n]);
        while let Some(frame) = reader.next_frame() {
            let routed = route(
                &mut ids.lock().unwrap_or_else(PoisonError::into_inner),
                frame,
            );
            match routed {
                Route::Server(body) => {
                    if to_server.write_all(&encode(&body)).await.is_err() {
                        return;
                    }
                }
                Route::Client(answer) => {
                    let _ = to_client.send(answer);
                }
                Route::Nowhere => {}
            }
        }
        let _ = to_server.flush().await;
    }
    let _ = to_server.shutdown().await;
}

/// Read the server's output and pass it on frame by frame.
pub async fn forward_output<R>(
    mut from_server: R,
    to_client: mpsc::UnboundedSender<Vec<u8>>,
    ids: SharedIds,
) where
    R: AsyncRead + Unpin,
{
    let mut reader = FrameReader::default();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = match from_server.read(&mut chunk).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        reader.push(&chunk[..n]);
        while let Some(read) = reader.next_with(|body| {
            to_client_body(
                &mut ids.lock().unwrap_or_else(PoisonError::into_inner),
                body,
            )
        }) {
            if let Ok(Some(body)) = read {
                let _ = to_client.send(encode(&body));
            }
        }
    }
}

/// Write whole frames as they come, from the server and from the guard, until the server's
/// output ends (the guard's answers only matter while the server runs).
pub async fn write_frames<W>(
    mut output: W,
    mut from_server: mpsc::UnboundedReceiver<Vec<u8>>,
    mut from_guard: mpsc::UnboundedReceiver<Vec<u8>>,
) where
    W: AsyncWrite + Unpin,
{
    loop {
        let frame = tokio::select! {
            biased;
            frame = from_server.recv() => match frame {
                Some(f) => f,
                None => break,
            },
            Some(frame) = from_guard.recv() => frame,
        };
        if output.write_all(&frame).await.is_err() || output.flush().await.is_err() {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> Vec<Frame> {
        let mut r = FrameReader::default();
        let mut out = Vec::new();
        // Feed byte by byte: framing must not depend on how reads are split.
        for b in input {
            r.push(std::slice::from_ref(b));
            while let Some(f) = r.next_frame() {
                out.push(f);
            }
        }
        out
    }

    fn framed(body: &str) -> Vec<u8> {
        encode(body.as_bytes())
    }

    #[test]
    fn passes_well_formed_messages() {
        let body = r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#;
        assert_eq!(
            frames(&framed(body)),
            vec![Frame::Message(serde_json::from_str(body).unwrap())]
        );
        let note = r#"{"jsonrpc":"2.0","method":"exit"}"#;
        let resp = r#"{"jsonrpc":"2.0","id":"a","result":null}"#;
        let mut both = framed(note);
        both.extend(framed(resp));
        assert_eq!(frames(&both).len(), 2);
        // Content-Type and case-insensitive names are fine.
        let mut with_type = format!(
            "content-length: {}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n",
            note.len()
        )
        .into_bytes();
        with_type.extend(note.as_bytes());
        assert_eq!(
            frames(&with_type),
            vec![Frame::Message(serde_json::from_str(note).unwrap())]
        );
    }

    #[test]
    fn answers_malformed_input_and_resynchronises() {
        let good = r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#;
        let mut input = framed("{not json");
        input.extend(framed(r#"{"hello":"world"}"#));
        input.extend(framed("[1,2]"));
        input.extend(framed(r#"{"jsonrpc":"2.0","id":{"x":1},"method":"m"}"#));
        input.extend(b"garbage line\r\n\r\n");
        input.extend(framed(good));
        let got = frames(&input);
        let codes: Vec<i64> = got
            .iter()
            .filter_map(|f| match f {
                Frame::Invalid { code, .. } => Some(*code),
                Frame::Message(_) => None,
            })
            .collect();
        assert_eq!(codes, vec![-32700, -32600, -32600, -32600, -32700]);
        assert_eq!(
            got.last(),
            Some(&Frame::Message(serde_json::from_str(good).unwrap()))
        );
    }

    #[test]
    fn a_header_block_ending_in_lf_lf_does_not_swallow_the_next_request() {
        let first = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        let second = r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#;
        for end in ["\n\n", "\r\n\n"] {
            let mut input = format!("Content-Length: {}{end}{first}", first.len()).into_bytes();
            input.extend(framed(second));
            assert_eq!(
                frames(&input),
                vec![
                    Frame::Message(serde_json::from_str(first).unwrap()),
                    Frame::Message(serde_json::from_str(second).unwrap()),
                ],
                "{end:?}"
            );
        }
    }

    #[test]
    fn unframed_bytes_are_dropped_as_they_come_and_reported_once() {
        let good = r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#;
        let mut r = FrameReader::default();
        let mut got = Vec::new();
        // 8 MB without a header end, in reads of 64 KiB: the reader keeps no more than a
        // header's worth of them, and the time is linear (the old reader rescanned everything
        // it kept on every read).
        let line = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"} "#.repeat(1500);
        let chunk = &line.as_bytes()[..64 * 1024];
        let started = std::time::Instant::now();
        for _ in 0..128 {
            r.push(chunk);
            while let Some(f) = r.next_frame() {
                got.push(f);
            }
            assert!(r.buf.len() <= MAX_HEADER + chunk.len(), "{}", r.buf.len());
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        r.push(&framed(good));
        while let Some(f) = r.next_frame() {
            got.push(f);
        }
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(matches!(got[0], Frame::Invalid { code: -32700, .. }));
        assert_eq!(got[1], Frame::Message(serde_json::from_str(good).unwrap()));
    }

    #[test]
    fn oversized_bodies_are_skipped() {
        let mut input = b"Content-Length: 999999999999\r\n\r\nxx".to_vec();
        input.extend(framed(r#"{"jsonrpc":"2.0","method":"exit"}"#));
        let mut r = FrameReader::default();
        r.push(&input);
        assert!(matches!(
            r.next_frame(),
            Some(Frame::Invalid { code: -32700, .. })
        ));
    }

    #[test]
    fn every_request_gets_a_server_id_and_its_response_the_client_id() {
        let mut ids = IdMap::default();
        let client_ids = [
            json!(1.5),
            json!(1.0),
            json!(9_223_372_036_854_775_808u64),
            json!("a"),
            json!(null),
            json!(7),
            json!("7"),
        ];
        let mut server_ids = Vec::new();
        for id in &client_ids {
            let sent = ids
                .to_server(json!({"jsonrpc": "2.0", "id": id, "method": "shutdown"}))
                .unwrap();
            let server = sent["id"].as_i64().expect("an integer id");
            assert!(decodable(sent.to_string().as_bytes()), "{sent}");
            server_ids.push(server);
        }
        server_ids.dedup();
        assert_eq!(server_ids.len(), client_ids.len(), "distinct ids");
        // A cancellation names the server's id; one for a request not in flight is dropped.
        let cancel = ids
            .to_server(
                json!({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 1.5}}),
            )
            .unwrap();
        assert_eq!(cancel["params"]["id"], json!(server_ids[0]));
        let unknown = json!({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 99}});
        assert_eq!(ids.to_server(unknown), None);
        // Responses go back with the client's id, in any order; others pass unchanged.
        for (server, client) in server_ids.iter().zip(&client_ids).rev() {
            let mut response = json!({"jsonrpc": "2.0", "id": server, "result": null});
            ids.to_client(&mut response);
            assert_eq!(&response["id"], client);
        }
        let mut request = json!({"jsonrpc": "2.0", "id": 1, "method": "workspace/configuration"});
        ids.to_client(&mut request);
        assert_eq!(request["id"], json!(1));
        assert!(ids.client_id.is_empty() && ids.server_id.is_empty());
        // A response from the client to no request of the server's is dropped.
        let stray = json!({"jsonrpc": "2.0", "id": 1.5, "result": null});
        assert_eq!(ids.to_server(stray), None);
    }

    #[test]
    fn dollar_requests_are_answered_method_not_found_and_dollar_notifications_passed_on() {
        let mut ids = IdMap::default();
        for method in ["$/foo", "$/setTrace", "$/cancelRequest"] {
            for id in [json!(3), json!("x"), json!(1.5), json!(null)] {
                let request = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": {}});
                let Route::Client(answer) = route(&mut ids, Frame::Message(request)) else {
                    panic!("{method} not answered");
                };
                let mut r = FrameReader::default();
                r.push(&answer);
                let Some(Frame::Message(answer)) = r.next_frame() else {
                    panic!("not a frame");
                };
                assert_eq!(answer["id"], id);
                assert_eq!(answer["error"]["code"], json!(-32601));
            }
        }
        assert!(ids.client_id.is_empty(), "nothing left in flight");
        let set_trace =
            json!({"jsonrpc": "2.0", "method": "$/setTrace", "params": {"value": "off"}});
        assert!(matches!(
            route(&mut ids, Frame::Message(set_trace)),
            Route::Server(_)
        ));
        let shutdown = json!({"jsonrpc": "2.0", "id": 1, "method": "shutdown"});
        assert!(matches!(
            route(&mut ids, Frame::Message(shutdown)),
            Route::Server(_)
        ));
    }

    #[test]
    fn server_output_gets_the_client_ids_back_and_is_otherwise_copied() {
        let mut ids = IdMap::default();
        let sent = ids
            .to_server(json!({"jsonrpc": "2.0", "id": "a\"b", "method": "textDocument/diagnostic"}))
            .unwrap();
        let server = sent["id"].as_i64().unwrap();
        let result = json!({"kind": "full", "items": [{"message": "x \"y\" é", "range": {}}]});
        let response = json!({"jsonrpc": "2.0", "result": result, "id": server}).to_string();
        let out = to_client_body(&mut ids, response.as_bytes()).unwrap();
        let out: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(
            out,
            json!({"jsonrpc": "2.0", "result": result, "id": "a\"b"})
        );
        assert!(ids.client_id.is_empty());
        // Notifications, requests of the server's and responses to no request: as they are.
        for body in [
            r#"{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"u","diagnostics":[]}}"#,
            r#"{"jsonrpc":"2.0","id":1,"method":"workspace/configuration","params":{}}"#,
            r#"{"jsonrpc":"2.0","id":99,"result":null}"#,
            r#"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"m"}}"#,
        ] {
            assert_eq!(
                to_client_body(&mut ids, body.as_bytes()).unwrap(),
                body.as_bytes()
            );
        }
        assert_eq!(to_client_body(&mut ids, b"[1]"), None);
    }

    #[test]
    fn only_what_the_server_can_decode_is_passed_on() {
        assert!(decodable(br#"{"jsonrpc":"2.0","id":1,"method":"m"}"#));
        assert!(decodable(br#"{"jsonrpc":"2.0","id":1,"result":null}"#));
        assert!(!decodable(br#"{"jsonrpc":"2.0","id":1.5,"method":"m"}"#));
        assert!(decodable(br#"{"jsonrpc":"2.0","id":"x","method":"m"}"#));
    }
}
