//! A guard in front of tower-lsp-server's transport.
//!
//! tower-lsp-server reads with tokio-util's `FramedRead`, which ends the stream after the first
//! frame it cannot decode: one malformed message from a client would end the session. This
//! module reads frames itself, answers what is not JSON-RPC as the specification says
//! (`-32700` parse error or `-32600` invalid request, with id `null` when there is none), and
//! passes only well-formed messages on. Output from the server and from the guard is written
//! frame by frame from one task, so frames never interleave.

use serde_json::{Value, json};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;

/// Largest body accepted; a bigger declared length is answered with a parse error and skipped.
const MAX_BODY: usize = 256 * 1024 * 1024;

/// What the reader found in the input.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    /// A well-formed JSON-RPC message (the body, unchanged).
    Message(Vec<u8>),
    /// Something to answer with an error response.
    Invalid {
        code: i64,
        message: String,
        id: Value,
    },
}

/// Splits a byte stream into frames. Resynchronises after garbage by looking for the next
/// `Content-Length` header.
#[derive(Default)]
pub struct FrameReader {
    buf: Vec<u8>,
    /// Bytes of an oversized body still to skip.
    skipping: usize,
}

impl FrameReader {
    pub fn push(&mut self, data: &[u8]) {
        self.buf.extend_from_slice(data);
    }

    /// The next complete frame, if the buffer holds one.
    pub fn next_frame(&mut self) -> Option<Frame> {
        if self.skipping > 0 {
            let n = self.skipping.min(self.buf.len());
            self.buf.drain(..n);
            self.skipping -= n;
            if self.skipping > 0 {
                return None;
            }
        }
        let header_end = find(&self.buf, b"\r\n\r\n")?;
        let headers = String::from_utf8_lossy(&self.buf[..header_end]).to_string();
        let length = headers.lines().find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.trim()
                .eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse::<usize>().ok())?
        });
        let Some(length) = length else {
            // Not a header block: drop it (up to the next header, if any) and report it.
            let skip = find(&self.buf[1..], b"Content-Length").map_or(header_end + 4, |i| i + 1);
            self.buf.drain(..skip.min(self.buf.len()));
            return Some(invalid(
                -32700,
                "Parse error: missing Content-Length header",
                Value::Null,
            ));
        };
        if length > MAX_BODY {
            self.buf.drain(..header_end + 4);
            self.skipping = length;
            let n = self.skipping.min(self.buf.len());
            self.buf.drain(..n);
            self.skipping -= n;
            return Some(invalid(
                -32700,
                "Parse error: message too large",
                Value::Null,
            ));
        }
        if self.buf.len() < header_end + 4 + length {
            return None;
        }
        let body: Vec<u8> = self.buf[header_end + 4..header_end + 4 + length].to_vec();
        self.buf.drain(..header_end + 4 + length);
        Some(classify(body))
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn invalid(code: i64, message: &str, id: Value) -> Frame {
    Frame::Invalid {
        code,
        message: message.to_string(),
        id,
    }
}

/// Check that a body is a JSON-RPC 2.0 request, notification or response.
fn classify(body: Vec<u8>) -> Frame {
    let Ok(value) = serde_json::from_slice::<Value>(&body) else {
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
    Frame::Message(body)
}

fn encode(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// Read frames from `input`: well-formed ones go to `to_server` (re-framed), errors to `to_client`.
pub async fn guard_input<R, W>(
    mut input: R,
    mut to_server: W,
    to_client: mpsc::UnboundedSender<Vec<u8>>,
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
            match frame {
                Frame::Message(body) => {
                    if to_server.write_all(&encode(&body)).await.is_err() {
                        return;
                    }
                }
                Frame::Invalid { code, message, id } => {
                    let response = json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code, "message": message } });
                    let _ = to_client.send(encode(response.to_string().as_bytes()));
                }
            }
        }
        let _ = to_server.flush().await;
    }
    let _ = to_server.shutdown().await;
}

/// Read the server's output and pass it on frame by frame.
pub async fn forward_output<R>(mut from_server: R, to_client: mpsc::UnboundedSender<Vec<u8>>)
where
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
        while let Some(frame) = reader.next_frame() {
            if let Frame::Message(body) = frame {
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
            vec![Frame::Message(body.as_bytes().to_vec())]
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
            vec![Frame::Message(note.as_bytes().to_vec())]
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
        assert_eq!(got.last(), Some(&Frame::Message(good.as_bytes().to_vec())));
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
}
