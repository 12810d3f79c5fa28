//! Hostile and odd input for the `goal-lint` binary: each case ends in a clear error or a
//! correct result, quickly, without a panic, and `--fix` writes nothing it should not.
//! (Invalid UTF-8, a vanished file, symlink loops, read-only files, a directory as `--config`
//! and bad configuration are in `cli.rs`.)

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

const TODAY: &str = "--today=2025-07-01";

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_goal-lint"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("goal-lint runs")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited normally, not by a signal")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Lints one file holding `bytes`; returns (exit code, JSON diagnostics, stderr).
fn lint_bytes(bytes: &[u8], extra: &[&str]) -> (i32, Vec<Value>, String) {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("doc.md"), bytes).unwrap();
    let mut args = vec!["--format=json", TODAY, "doc.md"];
    args.extend_from_slice(extra);
    let o = run_in(dir.path(), &args);
    assert!(
        !stderr(&o).contains("panicked"),
        "goal-lint panicked: {}",
        stderr(&o)
    );
    let json: Value = serde_json::from_slice(&o.stdout).expect("JSON on stdout");
    (code(&o), json.as_array().unwrap().clone(), stderr(&o))
}

/// `(code, line, column)` of each diagnostic.
fn found(diagnostics: &[Value]) -> Vec<(String, u64, u64)> {
    diagnostics
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["start"]["line"].as_u64().unwrap(),
                d["start"]["column"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn gl001(line: u64, column: u64) -> (String, u64, u64) {
    ("GL001".to_string(), line, column)
}

#[test]
fn an_empty_file() {
    let (code, diagnostics, _) = lint_bytes(b"", &[]);
    assert_eq!((code, diagnostics.len()), (0, 0));
}

#[test]
fn only_front_matter() {
    // Opted in as a quarterly plan with nothing in it: the missing sections are reported.
    let (code, diagnostics, _) = lint_bytes(b"---\ngoal-lint: quarterly\n---\n", &[]);
    assert_eq!(code, 0);
    let codes: Vec<String> = found(&diagnostics).into_iter().map(|d| d.0).collect();
    assert_eq!(codes, ["GL601", "GL601"], "{diagnostics:?}");
    // Ordinary front matter alone, and front matter that never closes.
    let (code, diagnostics, _) = lint_bytes(b"---\ntitle: Notes\n---\n", &[]);
    assert_eq!((code, diagnostics.len()), (0, 0));
    let (code, diagnostics, _) = lint_bytes(b"---\ntitle: x\n## Goals\n- Work on payments\n", &[]);
    assert_eq!(code, 0);
    assert_eq!(found(&diagnostics), [gl001(4, 3)]);
}

#[test]
fn a_byte_order_mark_crlf_and_mixed_line_endings() {
    let (_, diagnostics, _) =
        lint_bytes("\u{FEFF}## Goals\n\n- Work on payments\n".as_bytes(), &[]);
    assert_eq!(found(&diagnostics), [gl001(3, 3)]);
    let mixed = "## Goals\r\n\r\n- Ship v2 by Week 3\r- Work on payments\n- ⭐️ Improve design consistency\r\n";
    let (_, diagnostics, _) = lint_bytes(mixed.as_bytes(), &[]);
    // A lone CR ends a line, as in the LSP; columns count characters (the star and its
    // variation selector are two).
    assert_eq!(found(&diagnostics), [gl001(4, 3), gl001(5, 6)]);
}

#[test]
fn nul_bytes_end_nothing() {
    let text =
        b"## Goals\n\n- Ship v2 by Week 3\0 now\n- Work on payments\n\0\n- Help with hiring\n";
    let (code, diagnostics, _) = lint_bytes(text, &[]);
    assert_eq!(code, 0);
    assert_eq!(found(&diagnostics), [gl001(4, 3), gl001(6, 3)]);
}

#[test]
fn a_one_megabyte_line() {
    let mut line = String::from("## Goals\n\n- Ship payments v2 to 100% of traffic");
    let mut i = 0;
    while line.len() < 1 << 20 {
        line.push_str(&format!(" `c{i}` *e* [l](u) ⭐️ word"));
        i += 1;
    }
    line.push_str(" TODO\n");
    let column = line.lines().nth(2).unwrap().chars().count() - 4 + 1;
    let (code, diagnostics, _) = lint_bytes(line.as_bytes(), &[]);
    assert_eq!(code, 1, "an unfilled placeholder is an error");
    assert_eq!(
        found(&diagnostics),
        [("GL201".to_string(), 3, column as u64)]
    );
    // The human report shows a window of the line, not a megabyte of it.
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("doc.md"), &line).unwrap();
    let o = run_in(dir.path(), &["--color=never", TODAY, "doc.md"]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.len() < 2000, "{} bytes of report", out.len());
    assert!(out.contains("| …") && out.contains("word TODO"), "{out}");
}

#[test]
fn ten_thousand_levels_of_nesting() {
    let depth = 10_000;
    let cases = [
        // Lists nested on one line, and block quotes.
        format!("## Goals\n\n{}Work on payments\n", "- ".repeat(depth)),
        format!("## Goals\n\n{}Work on payments\n", "> ".repeat(depth)),
        format!("## Goals\n\n{}\n", ">".repeat(depth)),
        // A thousand levels of indented list items.
        format!(
            "## Goals\n\n{}",
            (0..1000)
                .map(|i| format!("{}- Work on item {i}\n", "  ".repeat(i)))
                .collect::<String>()
        ),
    ];
    for text in cases {
        let (code, _, err) = lint_bytes(text.as_bytes(), &[]);
        assert!(code == 0 || code == 1, "{err}");
    }
}

/// A goal document over `max-file-size` (default 10 MiB) is a clear error, found without a
/// parse, and `--fix` leaves it alone; ordinary Markdown of the same size is checked (and has
/// nothing to report).
#[test]
fn fifty_megabytes() {
    let block = "- **Goal:** Ship payments v2 to production handling 100% of transactions ⭐️\n  - Work on the design\n<!-- goal-lint-disable-line GL001 -->\n\n";
    let mut goals = String::from("## Q3 Goals\n\n");
    while goals.len() < 50 << 20 {
        goals.push_str(block);
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("goals.md");
    fs::write(&path, &goals).unwrap();
    let o = run_in(dir.path(), &["--fix", TODAY, "goals.md"]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(
        err.contains(
            "goals.md: not linted: a goal document of 50.0 MiB is over the 10.0 MiB limit"
        ),
        "{err}"
    );
    assert_eq!(
        fs::read(&path).unwrap(),
        goals.as_bytes(),
        "nothing written"
    );

    let paragraph = "Some prose about a library, with `code`, *emphasis* and a [link](https://example.com).\n\n";
    let mut plain = String::from("# Reference\n\n");
    while plain.len() < 50 << 20 {
        plain.push_str(paragraph);
    }
    fs::write(dir.path().join("plain.md"), &plain).unwrap();
    let o = run_in(dir.path(), &["--format=json", TODAY, "plain.md"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(String::from_utf8(o.stdout).unwrap().trim(), "[]");
}

/// The limit is configurable: raised, a 12 MB goal document is analysed.
#[test]
fn max_file_size_is_configurable() {
    let dir = tempfile::tempdir().unwrap();
    let mut goals = String::from("## Q3 Goals\n\n- Work on payments\n\n");
    let filler = "Background prose that is not a goal, written to make the file large.\n\n";
    while goals.len() < 12 << 20 {
        goals.push_str(filler);
    }
    fs::write(dir.path().join("goals.md"), &goals).unwrap();
    let o = run_in(dir.path(), &["--format=json", TODAY, "goals.md"]);
    assert_eq!(code(&o), 2);
    fs::write(
        dir.path().join("goal-lint.toml"),
        "max-file-size = \"16 MiB\"\n",
    )
    .unwrap();
    let o = run_in(dir.path(), &["--format=json", TODAY, "goals.md"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let json: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(found(json.as_array().unwrap()), [gl001(3, 3)]);
}

/// Make a named pipe and a thread that writes `text` into it once a reader opens it. Returns
/// the thread; `finish` unblocks it if no one ever opened the pipe.
#[cfg(unix)]
fn fifo_with_writer(path: &Path, text: &'static str) -> std::thread::JoinHandle<()> {
    let made = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let path = path.to_path_buf();
    std::thread::spawn(move || {
        use std::io::Write;
        // Blocks until someone opens the pipe for reading.
        let mut pipe = fs::OpenOptions::new().write(true).open(&path).unwrap();
        let _ = pipe.write_all(text.as_bytes());
    })
}

/// Join the writer: if goal-lint never opened the pipe, open it here so the writer goes on.
#[cfg(unix)]
fn finish(path: &Path, writer: std::thread::JoinHandle<()>) {
    if !writer.is_finished() {
        let mut reader = fs::File::open(path).unwrap();
        let _ = std::io::Read::read_to_end(&mut reader, &mut Vec::new());
    }
    writer.join().unwrap();
}

/// A named pipe, named on the command line, is refused without being opened (opening it would
/// wait for a writer); so is one given as `--config`.
#[cfg(unix)]
#[test]
fn named_pipes_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("p.md");
    let writer = fifo_with_writer(&pipe, "## Q3 Goals\n\n- Work on payments\n");
    let o = run_in(dir.path(), &["--no-config", TODAY, "p.md"]);
    finish(&pipe, writer);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("p.md: not a regular file (a named pipe)"),
        "{}",
        stderr(&o)
    );

    let config = dir.path().join("fifo.toml");
    let writer = fifo_with_writer(&config, "select = [\"GL001\"]\n");
    fs::write(
        dir.path().join("plan.md"),
        "## Q3 Goals\n\n- Work on payments\n",
    )
    .unwrap();
    let o = run_in(dir.path(), &["--config", "fifo.toml", TODAY, "plan.md"]);
    finish(&config, writer);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("fifo.toml: not a regular file (a named pipe)"),
        "{}",
        stderr(&o)
    );
}

/// Devices are not read: `/dev/null` would look empty and `/dev/zero` never ends.
#[cfg(unix)]
#[test]
fn devices_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    for device in ["/dev/null", "/dev/zero"] {
        let o = run_in(dir.path(), &["--no-config", TODAY, device]);
        assert_eq!(code(&o), 2, "{device}: {}", stderr(&o));
        assert!(
            stderr(&o).contains(&format!(
                "{device}: not a regular file (a character device)"
            )),
            "{}",
            stderr(&o)
        );
    }
}

/// A file over the read limit (256 MiB) is refused before it is read; standard input stops
/// being read at the limit.
#[test]
fn the_size_is_checked_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let big = fs::File::create(dir.path().join("sparse.md")).unwrap();
    big.set_len(300 << 20).unwrap();
    drop(big);
    let o = run_in(dir.path(), &["--no-config", TODAY, "sparse.md"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("sparse.md: not read: 300.0 MiB is over the 256.0 MiB a file may have"),
        "{}",
        stderr(&o)
    );

    #[cfg(unix)]
    {
        let o = Command::new(env!("CARGO_BIN_EXE_goal-lint"))
            .current_dir(dir.path())
            .args(["--no-config", TODAY, "-"])
            .stdin(fs::File::open("/dev/zero").unwrap())
            .output()
            .unwrap();
        assert_eq!(code(&o), 2, "{}", stderr(&o));
        assert!(
            stderr(&o).contains("<stdin>: not read: standard input is over the 256.0 MiB"),
            "{}",
            stderr(&o)
        );
    }
}

#[test]
fn multibyte_whitespace_before_a_label_colon_does_not_panic() {
    for ws in ["\u{3000}", "\u{2028}", "\u{2029}", "\u{a0}"] {
        let text =
            format!("## Goals\n- Goal{ws}: Ship payments v2\n- Objective {ws}: y\n- KR{ws}: z\n");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("goals.md");
        std::fs::write(&path, &text).unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_goal-lint"))
            .args(["--no-config", "--format", "json"])
            .arg(&path)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "whitespace {ws:?}: exit {:?}\n{stderr}",
            out.status.code()
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

/// Document text (a template prompt, a rule named in a suppression comment), file names and
/// paths on the command line reach every report cleaned: no escape sequence drives the
/// terminal, and under `--format github` no line break lets them start a workflow command of
/// their own (on standard output or on standard error, which the runner reads too).
#[cfg(unix)]
#[test]
fn text_and_file_names_cannot_drive_the_terminal_or_start_a_workflow_command() {
    let dir = tempfile::tempdir().unwrap();
    let doc = "## Q3 Goals\n\n- Lower build times to [TBD\x1b]0;pwned\x07\x1b[2J]\n\
               - Ship v2 by Week 8 <!-- goal-lint-disable-line \x1b[2Jbogus\u{202e} -->\n";
    fs::write(
        dir.path()
            .join("x\n::error file=README.md::injected\x1b[2J.md"),
        doc,
    )
    .unwrap();
    fs::write(dir.path().join("bad\r\n::error::utf8\x07.md"), b"\xff\n").unwrap();
    for format in ["human", "github", "junit"] {
        let o = run_in(
            dir.path(),
            &[
                "--format",
                format,
                TODAY,
                ".",
                "missing\n::error::named\x1b]0;t\x07.md",
            ],
        );
        assert_eq!(code(&o), 2, "{format}: {}", stderr(&o));
        for (stream, bytes) in [("stdout", &o.stdout), ("stderr", &o.stderr)] {
            let text = String::from_utf8_lossy(bytes);
            assert!(
                !text.contains(['\x1b', '\x07', '\r', '\u{202e}']),
                "{format} {stream}: {text:?}"
            );
            // Each file is still named, recognisably.
            let named: &[&str] = match (stream, format) {
                ("stderr", _) => &["named\u{FFFD}]0;t\u{FFFD}.md", "utf8\u{FFFD}.md"],
                ("stdout", "github") => &["injected\u{FFFD}[2J.md"],
                _ => &["x\u{FFFD}::error file=README.md::injected\u{FFFD}[2J.md"],
            };
            for name in named {
                assert!(text.contains(name), "{format} {stream}: {name} in {text:?}");
            }
            for line in text.lines() {
                if format == "github" && stream == "stdout" {
                    assert!(line.starts_with("::"), "{line:?}");
                    assert_eq!(line.matches("::").count(), 2, "one command: {line:?}");
                } else {
                    assert!(
                        !line.trim_start().starts_with("::"),
                        "{format} {stream}: {line:?}"
                    );
                }
            }
        }
    }
}

/// A JUnit report is well-formed XML 1.0 whatever the document holds: U+FFFE and U+FFFF
/// (and the control characters) are characters XML cannot carry.
#[test]
fn junit_reports_carry_only_xml_characters() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("plan.md"),
        "## Goals\n\n- Lower build times to [TBD\u{FFFF}\u{FFFE}\u{1}]\n",
    )
    .unwrap();
    let o = run_in(dir.path(), &["--format=junit", TODAY, "plan.md"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let xml = String::from_utf8(o.stdout).unwrap();
    assert!(xml.contains("template prompt"), "{xml}");
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
            || c >= '\u{10000}'
    };
    assert!(xml.chars().all(allowed), "{xml:?}");
}
