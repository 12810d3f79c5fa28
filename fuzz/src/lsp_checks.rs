//! (c) Incremental edits as the language server applies them, and (d) the framing and
//! routing of what a client writes to the server ([`lsp_frames`]).
//!
//! (c)
//! Input: the initial text, then (after a `0xFF` byte, which UTF-8 never contains) an edit
//! script. The server's document must hold the same text as a naive model that recomputes
//! lines from scratch and splices a `String`, and the diagnostics of its incrementally
//! reparsed tree must equal a fresh lint of the same text.

use goal_lint_core::line_index::{Position, PositionEncoding};
use goal_lint_core::{LintOptions, Settings, lint};
use goal_lint_lsp::document::{Change, Document};
use goal_lint_lsp::transport::{Frame, FrameReader, IdMap, MAX_HEADER, Route, route};

/// Pieces inserted by the script: Markdown structure, goal vocabulary and characters that
/// stress the position conversions.
const PIECES: &[&str] = &[
    "a",
    " ",
    "\n",
    "\r\n",
    "\r",
    "⭐️",
    "✅",
    "🎯",
    "中文",
    "e\u{301}",
    "- ",
    "* ",
    "1. ",
    "## Goals\n",
    "# Q3 2025 Goals\n",
    "**Goal:** ",
    "**Why it matters:** ",
    "**Success looks like:** ",
    "Week 3",
    "Weeks 2-5",
    "by March 3",
    "Work on payments",
    "Ship payments v2",
    "TODO",
    "Q[X] 20XX",
    "[ ] ",
    "[x] ",
    "`",
    "*",
    "> ",
    "---\n",
    "```\n",
    "<!--",
    "-->",
    "<!-- goal-lint-disable GL001 -->",
    "    ",
    "\t",
    "|",
    "KR: ",
    "Objective: ",
    "Increase NPS from 30 to 45",
];

/// Reads the script one byte at a time; runs out gracefully.
struct Script<'a> {
    bytes: &'a [u8],
}

impl Script<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.bytes.split_first()?;
        self.bytes = rest;
        Some(b)
    }
}

/// Offset of `position` computed the slow, obvious way (lines end at `\n`, `\r\n`, `\r`; a
/// column past the end clamps to the line end; one inside a character rounds down).
pub fn naive_offset(text: &str, position: Position, encoding: PositionEncoding) -> usize {
    let mut line_starts = vec![0];
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let crlf_head = c == '\r' && chars.get(k + 1).map(|&(_, n)| n) == Some('\n');
        if (c == '\n') || (c == '\r' && !crlf_head) {
            line_starts.push(i + 1);
        }
    }
    let Some(&start) = line_starts.get(position.line as usize) else {
        return text.len();
    };
    let mut units = 0usize;
    for (i, c) in text[start..].char_indices() {
        if c == '\n' || c == '\r' {
            return start + i;
        }
        let width = match encoding {
            PositionEncoding::Utf8 => c.len_utf8(),
            PositionEncoding::Utf16 => c.len_utf16(),
            PositionEncoding::Utf32 => 1,
        };
        if units + width > position.character as usize {
            return start + i;
        }
        units += width;
    }
    text.len()
}

pub fn lsp_edits(data: &[u8]) {
    let (initial, script) = match data.iter().position(|&b| b == 0xFF) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let mut naive = String::from_utf8_lossy(initial).into_owned();
    let mut doc = Document::new(naive.clone(), 0);
    let settings = Settings::default();
    let options = LintOptions::default();
    let mut script = Script { bytes: script };
    let mut version = 0;
    let mut steps = 0;
    while let Some(op) = script.byte() {
        steps += 1;
        if steps > 200 {
            break;
        }
        let encoding = match op % 3 {
            0 => PositionEncoding::Utf8,
            1 => PositionEncoding::Utf16,
            _ => PositionEncoding::Utf32,
        };
        let lines = naive.matches('\n').count() as u32 + 2;
        let mut changes = Vec::new();
        let n = 1 + (op >> 6) as usize; // 1..=4 changes in one notification
        for _ in 0..n {
            let (Some(l1), Some(c1), Some(dl), Some(c2), Some(k)) = (
                script.byte(),
                script.byte(),
                script.byte(),
                script.byte(),
                script.byte(),
            ) else {
                break;
            };
            let start = Position::new(u32::from(l1) % lines, u32::from(c1));
            let end = Position::new(start.line + u32::from(dl % 3), u32::from(c2));
            let mut inserted = String::new();
            for _ in 0..(k % 4) {
                let p = script.byte().unwrap_or(0) as usize;
                inserted.push_str(PIECES[p % PIECES.len()]);
            }
            let full = op & 0x38 == 0x38 && k & 0x80 != 0;
            changes.push(Change {
                range: (!full).then_some((start, end)),
                text: inserted,
            });
        }
        for change in &changes {
            match change.range {
                None => naive = change.text.clone(),
                Some((start, end)) => {
                    let a = naive_offset(&naive, start, encoding);
                    let b = naive_offset(&naive, end, encoding);
                    naive.replace_range(a.min(b)..a.max(b), &change.text);
                }
            }
        }
        version += 1;
        doc.apply(&changes, version, encoding);
        assert_eq!(doc.text, naive, "stored text differs after step {steps}");
        // Lint every few steps (the server lints after each debounce, not each keystroke), so
        // the tree sees several edits between parses.
        if op & 0x04 != 0 {
            assert_lint_is_fresh(
                &mut doc,
                &settings,
                &options,
                &format!("after step {steps}"),
            );
        }
    }
    assert_lint_is_fresh(&mut doc, &settings, &options, "at the end");
}

/// The diagnostics of the document's incrementally reparsed tree equal a fresh `lint`.
fn assert_lint_is_fresh(
    doc: &mut Document,
    settings: &Settings,
    options: &LintOptions,
    when: &str,
) {
    let incremental = doc.lint(settings, options);
    assert_eq!(
        incremental.diagnostics,
        lint(&doc.text, settings, options),
        "incremental lint differs {when} on {:?}",
        doc.text
    );
}

/// (d) The server's input guard (`goal_lint_lsp::transport`) on a byte stream a script builds:
/// frames of requests and notifications (`$/` ones among them) with headers ended by
/// `\r\n\r\n`, `\n\n` or `\r\n\n`, frames whose body is not a message, and unframed bytes
/// (pieces of the input, repeated up to 16 KiB, and messages without a header).
///
/// Properties: the frames read do not depend on how the stream is split into reads (whole,
/// byte by byte, in pieces the input sizes); every well-formed message comes out, unchanged and
/// in order, whatever unframed bytes came before it; each unframed run costs at most one
/// error and each bad frame exactly one; the reader never keeps more than a header block
/// ([`MAX_HEADER`]) plus the body it is reading; every `$/` request is answered
/// `MethodNotFound` with its own id, every other request goes to the server with an integer
/// id, and no notification is answered.
///
/// Unframed bytes never contain a `c` or `C`: a `Content-Length` inside them would be a
/// header, and a header may rightly take the bytes after it as its body.
pub fn lsp_frames(data: &[u8]) {
    let (stream, expected, bad_frames, unframed_runs) = frame_stream(data);
    let longest = expected.iter().map(String::len).max().unwrap_or(0).max(64);
    let whole = read_frames(&stream, &[stream.len().max(1)], longest);
    assert_eq!(
        read_frames(&stream, &[1], longest),
        whole,
        "byte by byte differs"
    );
    let sizes: Vec<usize> = data.iter().map(|&b| 1 + usize::from(b) * 23).collect();
    if !sizes.is_empty() {
        assert_eq!(
            read_frames(&stream, &sizes, longest),
            whole,
            "split reads differ"
        );
    }
    let messages: Vec<String> = whole
        .iter()
        .filter_map(|f| match f {
            Frame::Message(m) => Some(m.to_string()),
            Frame::Invalid { .. } => None,
        })
        .collect();
    assert_eq!(messages, expected, "messages lost or changed");
    let errors = whole.len() - messages.len();
    assert!(
        (bad_frames..=bad_frames + unframed_runs).contains(&errors),
        "{errors} errors for {bad_frames} bad frames and {unframed_runs} unframed runs"
    );
    let mut ids = IdMap::default();
    for frame in whole {
        let request = match &frame {
            Frame::Message(m) => m.get("id").is_some().then(|| {
                let method = m["method"].as_str().unwrap_or_default().to_owned();
                (method, m["id"].to_string())
            }),
            Frame::Invalid { .. } => None,
        };
        let invalid = matches!(frame, Frame::Invalid { .. });
        let routed = route(&mut ids, frame);
        match (request, routed) {
            (Some((method, id)), Route::Client(answer)) if method.starts_with("$/") => {
                let (code, answered) = code_and_id(&answer);
                assert_eq!(code, Some(-32601), "{method}");
                assert_eq!(answered, id, "{method}");
            }
            (Some((method, _)), Route::Server(body)) if !method.starts_with("$/") => {
                let (_, sent) = code_and_id(&frame_bytes(&body));
                assert!(sent.parse::<i64>().is_ok(), "server id {sent}");
            }
            (None, Route::Client(answer)) if invalid => {
                let (code, _) = code_and_id(&answer);
                assert!(matches!(code, Some(-32700 | -32600)), "{code:?}");
            }
            (None, Route::Server(_) | Route::Nowhere) if !invalid => {}
            (request, routed) => panic!("{request:?} routed as {routed:?}"),
        }
    }
}

/// Methods of the messages the script frames.
const METHODS: &[&str] = &[
    "$/foo",
    "$/setTrace",
    "$/cancelRequest",
    "$/progress",
    "shutdown",
    "textDocument/hover",
    "initialized",
];

/// Request ids, as JSON text (serde_json writes each back the same).
const IDS: &[&str] = &[
    "1",
    "\"a\"",
    "1.5",
    "null",
    "9223372036854775808",
    "-7",
    "\"\"",
];

/// How a header block ends.
const HEADER_ENDS: &[&str] = &[
    "\r\n\r\n",
    "\n\n",
    "\r\n\n",
    "\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n",
];

/// Bodies that are not JSON-RPC messages.
const BAD_BODIES: &[&str] = &["{not json", "[1,2]", r#"{"hello":1}"#, "", "\u{0}"];

/// The stream a script builds, the bodies of its well-formed messages (keys in order, as
/// serde_json writes them back), and how many bad frames and unframed runs it holds.
fn frame_stream(data: &[u8]) -> (Vec<u8>, Vec<String>, usize, usize) {
    let mut script = Script { bytes: data };
    let mut stream = Vec::new();
    let mut expected = Vec::new();
    let (mut bad_frames, mut unframed_runs) = (0, 0);
    for _ in 0..64 {
        let Some(op) = script.byte() else { break };
        let pick = usize::from(script.byte().unwrap_or(0));
        let method = METHODS[pick % METHODS.len()];
        let id = IDS[(pick / 8) % IDS.len()];
        let message = if op & 0x10 == 0 {
            format!(r#"{{"id":{id},"jsonrpc":"2.0","method":"{method}","params":{{}}}}"#)
        } else {
            format!(r#"{{"jsonrpc":"2.0","method":"{method}","params":{{}}}}"#)
        };
        match op % 5 {
            0..=2 => {
                let name = ["Content-Length", "content-length"][usize::from(op & 0x20 != 0)];
                let end = HEADER_ENDS[usize::from(op >> 6)];
                stream.extend(format!("{name}: {}{end}{message}", message.len()).bytes());
                expected.push(message);
            }
            3 => {
                let len = 1 + pick % 32;
                let piece: Vec<u8> = (0..len)
                    .map_while(|_| script.byte())
                    .map(|b| if matches!(b, b'c' | b'C') { b'.' } else { b })
                    .collect();
                let times = 1 + usize::from(op >> 3) * 16;
                for _ in 0..times {
                    stream.extend(&piece);
                }
                if op & 0x04 != 0 {
                    stream.extend(message.bytes());
                }
                unframed_runs += 1;
            }
            _ => {
                let body = BAD_BODIES[pick % BAD_BODIES.len()];
                stream.extend(format!("Content-Length: {}\r\n\r\n{body}", body.len()).bytes());
                bad_frames += 1;
            }
        }
    }
    (stream, expected, bad_frames, unframed_runs)
}

/// The frames of `stream` read in pieces of the given sizes (cycled), checking after each
/// read that the reader keeps no more than a header block and the body being read.
fn read_frames(stream: &[u8], sizes: &[usize], longest_body: usize) -> Vec<Frame> {
    let mut reader = FrameReader::default();
    let mut frames = Vec::new();
    let mut rest = stream;
    for &size in sizes.iter().cycle() {
        if rest.is_empty() {
            break;
        }
        let (piece, after) = rest.split_at(size.clamp(1, rest.len()));
        rest = after;
        reader.push(piece);
        while let Some(frame) = reader.next_frame() {
            frames.push(frame);
        }
        assert!(
            reader.buffered() <= MAX_HEADER + longest_body,
            "{} bytes kept",
            reader.buffered()
        );
    }
    frames
}

fn frame_bytes(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// The error code (if any) and the id (as JSON text) of the one message framed in `bytes`.
fn code_and_id(bytes: &[u8]) -> (Option<i64>, String) {
    let mut reader = FrameReader::default();
    reader.push(bytes);
    match reader.next_frame() {
        Some(Frame::Message(m)) => (m["error"]["code"].as_i64(), m["id"].to_string()),
        other => panic!("not one message: {other:?}"),
    }
}
