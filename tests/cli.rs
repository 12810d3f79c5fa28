//! End-to-end tests of the `goal-lint` binary.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const VAGUE: &str = "## Q3 Goals\n\n- Work on payments\n- Ship payments v2 by Week 8\n";
const CLEAN: &str = "## Q3 Goals\n\n- Ship payments v2 by Week 8\n";
const PLACEHOLDER: &str = "## Goals\n\n- Lower build times to X\n";
const TODAY: &str = "--today=2025-07-01";

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_goal-lint"));
    c.env_remove("NO_COLOR");
    c
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    bin()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("goal-lint runs")
}

fn run_stdin(dir: &Path, args: &[&str], input: &[u8]) -> Output {
    let mut child = bin()
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("goal-lint runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited normally")
}

fn dir_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    dir
}

fn json_of(o: &Output) -> Vec<Value> {
    serde_json::from_str::<Value>(&stdout(o))
        .expect("valid JSON")
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn human_report_has_source_line_caret_help_and_summary() {
    let dir = dir_with(&[("goals.md", VAGUE)]);
    let o = run_in(dir.path(), &["goals.md", "--color=never", TODAY]);
    assert_eq!(code(&o), 0, "warnings do not fail the run");
    let out = stdout(&o);
    assert!(
        out.contains("warning[GL001 vague-goal]: vague goal: \"work on\" names an activity"),
        "{out}"
    );
    assert!(out.contains("--> goals.md:3:3"), "{out}");
    assert!(out.contains("3 | - Work on payments"), "{out}");
    assert!(out.contains("  |   ^^^^^^^^^^^^^^^^"), "{out}");
    assert!(out.contains("= help: "), "{out}");
    assert!(out.contains("1 problem (1 warning) in 1 file"), "{out}");
    assert!(!out.contains('\x1b'), "no colour when not asked");
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let dir = dir_with(&[("goals.md", VAGUE)]);
    let always = run_in(dir.path(), &["goals.md", "--color=always", TODAY]);
    assert!(stdout(&always).contains("\x1b["));
    let auto = run_in(dir.path(), &["goals.md", TODAY]);
    assert!(!stdout(&auto).contains("\x1b["), "stdout is a pipe here");
}

#[test]
fn exit_codes() {
    let dir = dir_with(&[
        ("clean.md", CLEAN),
        ("vague.md", VAGUE),
        ("template.md", PLACEHOLDER),
    ]);
    assert_eq!(code(&run_in(dir.path(), &["clean.md", TODAY])), 0);
    assert_eq!(code(&run_in(dir.path(), &["vague.md", TODAY])), 0);
    assert_eq!(
        code(&run_in(
            dir.path(),
            &["vague.md", "--max-warnings=0", TODAY]
        )),
        1
    );
    assert_eq!(
        code(&run_in(
            dir.path(),
            &["vague.md", "--max-warnings=1", TODAY]
        )),
        0
    );
    assert_eq!(
        code(&run_in(dir.path(), &["template.md", TODAY])),
        1,
        "placeholders are errors"
    );
    assert_eq!(
        code(&run_in(
            dir.path(),
            &["vague.md", "--severity", "vague-goal=error", TODAY]
        )),
        1
    );
    // Usage errors.
    for args in [
        &["--format=xml", "clean.md"][..],
        &["--select=nope", "clean.md"],
        &["--severity=GL001", "clean.md"],
        &["--severity=GL001=loud", "clean.md"],
        &["--today=yesterday", "clean.md"],
        &["--templates", "clean.md"],
        &["missing.md"],
    ] {
        let o = run_in(dir.path(), args);
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("error"), "{args:?}");
    }
}

/// `--today` is a date exactly as YYYY-MM-DD: four-digit year, no sign, two-digit month and
/// day, a day the month has.
#[test]
fn today_must_be_exactly_a_yyyy_mm_dd_date() {
    let dir = dir_with(&[("clean.md", CLEAN)]);
    for bad in [
        "+202-01-01",
        "-202-01-01",
        "2026-8-001",
        "2026-08-1 ",
        " 2026-08-01",
        "02026-08-1",
        "2026-02-30",
        "2026-13-01",
        "2026-00-10",
        "2026/08/01",
        "2026-08-01T00:00",
        "２０２６-08-01",
    ] {
        let o = run_in(dir.path(), &[&format!("--today={bad}"), "clean.md"]);
        assert_eq!(code(&o), 2, "{bad:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("--today: expected a date as YYYY-MM-DD"),
            "{bad:?}: {}",
            stderr(&o)
        );
    }
    for good in ["2026-08-01", "2024-02-29", "0999-12-31"] {
        let o = run_in(dir.path(), &["--today", good, "clean.md"]);
        assert_eq!(code(&o), 0, "{good}: {}", stderr(&o));
    }
}

#[test]
fn json_format_is_stable_and_uses_character_columns() {
    let text = "## Q3 Goals\n\n- ⭐️ Work on payments\n";
    let dir = dir_with(&[("goals.md", text)]);
    let o = run_in(dir.path(), &["--format=json", "goals.md", TODAY]);
    let all = json_of(&o);
    assert_eq!(all.len(), 1);
    let d = &all[0];
    assert_eq!(d["path"], "goals.md");
    assert_eq!(d["code"], "GL001");
    assert_eq!(d["rule"], "vague-goal");
    assert_eq!(d["severity"], "warning");
    // "- ⭐️ " is 4 characters (the star and its variation selector are two).
    assert_eq!(d["start"], serde_json::json!({"line": 3, "column": 6}));
    assert_eq!(d["end"], serde_json::json!({"line": 3, "column": 22}));
    let fix = &d["fixes"][0];
    assert_eq!(fix["applicability"], "template");
    assert_eq!(
        fix["edits"][0]["text"],
        "[verb] payments [measurable outcome] by [when]"
    );
}

/// A file name that is not UTF-8 is given exactly in `path_bytes`, so a tool can open it.
#[cfg(unix)]
#[test]
fn json_gives_non_utf8_file_names_exactly() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"goals-\xff.md");
    fs::write(dir.path().join(name), VAGUE).unwrap();
    let o = bin()
        .current_dir(dir.path())
        .args(["--format=json", TODAY])
        .arg(name)
        .output()
        .unwrap();
    let all = json_of(&o);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0]["path"], "goals-\u{FFFD}.md");
    let bytes: Vec<u8> = all[0]["path_bytes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| u8::try_from(b.as_u64().unwrap()).unwrap())
        .collect();
    assert_eq!(bytes, b"goals-\xff.md");
    assert!(
        dir.path()
            .join(std::ffi::OsStr::from_bytes(&bytes))
            .is_file()
    );
    // A UTF-8 name has no `path_bytes`.
    fs::write(dir.path().join("plan.md"), VAGUE).unwrap();
    let o = run_in(dir.path(), &["--format=json-lines", TODAY, "plan.md"]);
    let line: Value = serde_json::from_str(stdout(&o).lines().next().unwrap()).unwrap();
    assert_eq!(line["path"], "plan.md");
    assert!(line.get("path_bytes").is_none());
}

#[test]
fn json_lines_sarif_github_junit_gitlab() {
    let dir = dir_with(&[("a.md", VAGUE), ("b.md", PLACEHOLDER), ("c.md", CLEAN)]);
    let args = |f: &str| {
        vec![
            format!("--format={f}"),
            "a.md".into(),
            "b.md".into(),
            "c.md".into(),
            TODAY.into(),
        ]
    };
    let run = |f: &str| {
        let a = args(f);
        run_in(
            dir.path(),
            &a.iter().map(String::as_str).collect::<Vec<_>>(),
        )
    };

    let lines = stdout(&run("json-lines"));
    let objects: Vec<Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(objects.len(), 2);
    assert_eq!(objects[1]["code"], "GL201");

    let sarif: Value = serde_json::from_str(&stdout(&run("sarif"))).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let run0 = &sarif["runs"][0];
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), goal_lint_core::rules::registry().len());
    assert!(
        rules
            .iter()
            .all(|r| r["id"].as_str().unwrap().starts_with("GL")
                && r["help"]["markdown"].is_string())
    );
    let results = run0["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    for r in results {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
        assert!(["error", "warning", "note"].contains(&r["level"].as_str().unwrap()));
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().unwrap() >= 1);
    }

    let github = stdout(&run("github"));
    assert!(github.contains("::warning file=a.md,line=3,col=3,endLine=3,endColumn=19,title=GL001 vague-goal::vague goal"), "{github}");
    assert!(github.contains("::error file=b.md,line=3,"), "{github}");

    let junit = stdout(&run("junit"));
    assert!(junit.starts_with("<?xml"));
    assert!(
        junit.contains("<testsuites name=\"goal-lint\" tests=\"3\" failures=\"2\">"),
        "{junit}"
    );
    assert!(
        junit.contains("<testcase name=\"goal-lint\" classname=\"c.md\"/>"),
        "{junit}"
    );
    assert!(
        junit.contains("&quot;work on&quot;"),
        "messages are escaped: {junit}"
    );

    let gitlab: Vec<Value> = serde_json::from_str(&stdout(&run("gitlab"))).unwrap();
    assert_eq!(gitlab.len(), 2);
    assert_eq!(gitlab[0]["location"]["path"], "a.md");
    assert_eq!(gitlab[0]["severity"], "minor");
    assert_eq!(gitlab[1]["severity"], "major");
    assert_ne!(gitlab[0]["fingerprint"], gitlab[1]["fingerprint"]);
}

#[test]
fn directories_are_walked_in_order_respecting_gitignore() {
    let dir = dir_with(&[
        ("b/goals.md", VAGUE),
        ("a/goals.markdown", VAGUE),
        ("a/notes.txt", VAGUE),
        ("a/page.mdx", VAGUE),
        ("a/README.rst", VAGUE),
        ("ignored/goals.md", VAGUE),
        (".hidden/goals.md", VAGUE),
        (".gitignore", "ignored/\n"),
    ]);
    let o = run_in(dir.path(), &["--format=json", ".", TODAY]);
    let paths: Vec<String> = json_of(&o)
        .iter()
        .map(|d| d["path"].as_str().unwrap().replace('\\', "/"))
        .collect();
    assert_eq!(
        paths,
        vec!["./a/goals.markdown", "./a/notes.txt", "./b/goals.md"]
    );
    // The default is the current directory.
    let o = run_in(dir.path(), &["--format=json", TODAY]);
    assert_eq!(json_of(&o).len(), 3);
}

#[test]
fn standard_input_with_a_filename_for_messages_and_config() {
    let dir = dir_with(&[("team/goal-lint.toml", "ignore = [\"GL001\"]\n")]);
    let o = run_stdin(dir.path(), &["-", "--format=json", TODAY], VAGUE.as_bytes());
    let all = json_of(&o);
    assert_eq!(all[0]["path"], "<stdin>");
    let o = run_stdin(
        dir.path(),
        &[
            "-",
            "--stdin-filename",
            "team/q3.md",
            "--format=json",
            TODAY,
        ],
        VAGUE.as_bytes(),
    );
    assert!(
        json_of(&o).is_empty(),
        "team/goal-lint.toml applies: {}",
        stdout(&o)
    );
    let o = run_stdin(
        dir.path(),
        &["-", "--stdin-filename", "q3.md", "--color=never", TODAY],
        VAGUE.as_bytes(),
    );
    assert!(stdout(&o).contains("--> q3.md:3:3"));
}

#[test]
fn nearest_config_wins_and_overrides_apply() {
    let dir = dir_with(&[
        (
            "goal-lint.toml",
            "[severity]\nvague-goal = \"error\"\n\n[[overrides]]\nfiles = [\"archive/**\"]\nignore = [\"vague-goal\"]\n",
        ),
        ("q3.md", VAGUE),
        ("archive/2019.md", VAGUE),
        ("team/.goal-lint.toml", "ignore = [\"GL0\"]\n"),
        ("team/q3.md", VAGUE),
    ]);
    let o = run_in(
        dir.path(),
        &[
            "--format=json",
            "q3.md",
            "archive/2019.md",
            "team/q3.md",
            TODAY,
        ],
    );
    let all = json_of(&o);
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0]["path"], "q3.md");
    assert_eq!(all[0]["severity"], "error");
    assert_eq!(code(&o), 1);
    // Command-line flags go over the file.
    let o = run_in(
        dir.path(),
        &["--format=json", "--severity", "GL001=info", "q3.md", TODAY],
    );
    assert_eq!(json_of(&o)[0]["severity"], "info");
    let o = run_in(
        dir.path(),
        &["--format=json", "--ignore", "vague-goal", "q3.md", TODAY],
    );
    assert!(json_of(&o).is_empty());
    let o = run_in(
        dir.path(),
        &["--format=json", "--select", "GL2", "q3.md", TODAY],
    );
    assert!(json_of(&o).is_empty());
    // --config replaces discovery; --no-config ignores files.
    fs::write(
        dir.path().join("strict.toml"),
        "[severity]\nGL001 = \"hint\"\n",
    )
    .unwrap();
    let o = run_in(
        dir.path(),
        &[
            "--format=json",
            "--config",
            "strict.toml",
            "team/q3.md",
            TODAY,
        ],
    );
    assert_eq!(json_of(&o)[0]["severity"], "hint");
    let o = run_in(
        dir.path(),
        &["--format=json", "--no-config", "team/q3.md", TODAY],
    );
    assert_eq!(json_of(&o)[0]["severity"], "warning");
}

#[test]
fn invalid_configuration_names_file_and_line() {
    let dir = dir_with(&[
        (
            "goal-lint.toml",
            "ignore = []\n[rules.too-many-goals]\nmaximum = 4\n",
        ),
        ("q3.md", VAGUE),
    ]);
    let o = run_in(dir.path(), &["q3.md", TODAY]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(
        err.contains("goal-lint.toml:3:") && err.contains("maximum"),
        "{err}"
    );
    // A directory given as the configuration.
    fs::create_dir(dir.path().join("conf")).unwrap();
    let o = run_in(dir.path(), &["--config", "conf", "q3.md", TODAY]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("is a directory"), "{}", stderr(&o));
    // A value of the wrong type.
    fs::write(
        dir.path().join("goal-lint.toml"),
        "[rules.too-many-goals]\nmax = \"three\"\n",
    )
    .unwrap();
    let o = run_in(dir.path(), &["q3.md", TODAY]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("goal-lint.toml:2:"), "{}", stderr(&o));
}

/// `max-week = 0` would put every week outside the plan: a configuration error.
#[test]
fn a_plan_of_zero_weeks_is_a_configuration_error() {
    let dir = dir_with(&[
        (
            "goal-lint.toml",
            "[rules.invalid-week-range]\nmax-week = 0\n",
        ),
        ("q3.md", "## Q3 Goals\n\n- Ship payments v2 by Week 2\n"),
    ]);
    let o = run_in(dir.path(), &["q3.md", TODAY]);
    assert_eq!(code(&o), 2, "{}", stdout(&o));
    assert!(
        stderr(&o).contains("goal-lint.toml:2: `max-week` must be at least 1"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_bad_file_is_reported_and_the_others_still_linted() {
    let dir = dir_with(&[("good.md", VAGUE)]);
    fs::write(
        dir.path().join("binary.md"),
        b"## Goals\n\n- \xff\xfe broken\n",
    )
    .unwrap();
    let o = run_in(
        dir.path(),
        &["--format=json", "good.md", "binary.md", "gone.md", TODAY],
    );
    assert_eq!(code(&o), 2);
    assert_eq!(json_of(&o).len(), 1, "good.md is still linted");
    let err = stderr(&o);
    assert!(err.contains("binary.md: invalid UTF-8 at byte 12"), "{err}");
    assert!(err.contains("gone.md: no such file or directory"), "{err}");
}

#[cfg(unix)]
#[test]
fn unreadable_files_and_symlink_loops() {
    use std::os::unix::fs::PermissionsExt;
    let dir = dir_with(&[("docs/good.md", VAGUE), ("docs/secret.md", VAGUE)]);
    let secret = dir.path().join("docs/secret.md");
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o000)).unwrap();
    std::os::unix::fs::symlink(dir.path().join("docs"), dir.path().join("docs/loop")).unwrap();
    let o = run_in(dir.path(), &["--format=json", "docs", TODAY]);
    let readable_by_us = fs::read(&secret).is_ok(); // root can read anything
    let all = json_of(&o);
    if readable_by_us {
        assert_eq!(all.len(), 2);
    } else {
        assert_eq!(code(&o), 2);
        assert!(
            stderr(&o).contains("secret.md: permission denied"),
            "{}",
            stderr(&o)
        );
        assert_eq!(all.len(), 1);
    }
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o644)).unwrap();
}

fn fix_case(text: &[u8], extra: &[&str]) -> (Vec<u8>, Output) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.md");
    fs::write(&path, text).unwrap();
    let mut args = vec!["--fix", "plan.md", TODAY, "--color=never"];
    args.extend_from_slice(extra);
    let o = run_in(dir.path(), &args);
    let after = fs::read(&path).unwrap();
    // No temporary files are left behind.
    let leftovers: Vec<PathBuf> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p != &path)
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    (after, o)
}

const UNUSED: &str = "## Goals\n\n- Ship payments v2 by Week 8 <!-- goal-lint-disable-line vague-goal -->\n<!-- goal-lint-disable-next-line GL001 -->\n- Cut p95 latency to 200ms\n";

#[test]
fn fix_applies_safe_fixes_and_is_idempotent() {
    let (after, o) = fix_case(UNUSED.as_bytes(), &[]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert_eq!(
        String::from_utf8(after.clone()).unwrap(),
        "## Goals\n\n- Ship payments v2 by Week 8\n- Cut p95 latency to 200ms\n"
    );
    assert!(
        stdout(&o).contains("Fixed 2 problems in 1 file"),
        "{}",
        stdout(&o)
    );
    let (again, o) = fix_case(&after, &[]);
    assert_eq!(again, after, "a second run changes nothing");
    assert!(!stdout(&o).contains("Fixed"));
}

/// One file named several ways (relative, with `./`, absolute, through a directory walk, and
/// on unix through a symbolic link) is linted and fixed once, under the first of its names.
#[test]
fn a_file_named_several_ways_is_linted_and_fixed_once() {
    let dir = dir_with(&[("docs/dup.md", UNUSED)]);
    let abs = dir.path().join("docs/dup.md");
    let abs = abs.to_str().unwrap();
    let mut names = vec![
        "docs/dup.md",
        "./docs/dup.md",
        "docs/../docs/dup.md",
        abs,
        "docs",
    ];
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("docs/dup.md", dir.path().join("link.md")).unwrap();
        names.push("link.md");
    }
    let o = run_in(
        dir.path(),
        &[&names[..], &["--format=json", TODAY]].concat(),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let paths: Vec<String> = json_of(&o)
        .iter()
        .map(|d| d["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths, ["docs/dup.md", "docs/dup.md"], "{paths:?}");
    let o = run_in(dir.path(), &[&names[..], &["--fix", TODAY]].concat());
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
    assert!(
        stdout(&o).starts_with("Fixed 2 problems in 1 file.\n"),
        "{}",
        stdout(&o)
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("docs/dup.md")).unwrap(),
        "## Goals\n\n- Ship payments v2 by Week 8\n- Cut p95 latency to 200ms\n"
    );
}

#[test]
fn fix_keeps_crlf_bom_and_untouched_bytes() {
    let text = format!("\u{FEFF}{}", UNUSED.replace('\n', "\r\n"));
    let (after, _) = fix_case(text.as_bytes(), &[]);
    let expected =
        "\u{FEFF}## Goals\r\n\r\n- Ship payments v2 by Week 8\r\n- Cut p95 latency to 200ms\r\n";
    assert_eq!(String::from_utf8(after).unwrap(), expected);
    // Mixed endings: only the fixed bytes change.
    let mixed = "## Goals\r\n\n- Ship it by Week 2 <!-- goal-lint-disable-line GL001 -->\r\n- Cut p95 to 200ms\n";
    let (after, _) = fix_case(mixed.as_bytes(), &[]);
    assert_eq!(
        String::from_utf8(after).unwrap(),
        "## Goals\r\n\n- Ship it by Week 2\r\n- Cut p95 to 200ms\n"
    );
}

#[test]
fn fix_templates_keep_an_entrys_leading_symbol() {
    // The same rewrite the editor's quick fix makes: what the author put before the words
    // (a star here, which is not a status emoji) stays.
    let (after, _) = fix_case(
        "## Goals\n\n- ★ Work on payments\n".as_bytes(),
        &["--templates"],
    );
    let after = String::from_utf8(after).unwrap();
    assert!(
        after.starts_with("## Goals\n\n- ★ [verb] payments"),
        "{after:?}"
    );
}

#[test]
fn fix_templates_in_a_table_stay_inside_the_rows_cell() {
    // A week range for an action kept in a table goes after the action's words, in its
    // cell: the row keeps its columns.
    let text = "## Actions\n\n| Action | When |\n|---|---|\n| Draft the schema | Week 1-2 |\n| Write the runbook | |\n";
    let (after, _) = fix_case(text.as_bytes(), &["--templates"]);
    let after = String::from_utf8(after).unwrap();
    assert!(
        after.ends_with("| Write the runbook (Week X-Y) | |\n"),
        "{after:?}"
    );
}

#[test]
fn fix_templates_insert_fields_with_the_documents_line_endings() {
    let text = "## Goals\r\n\r\n1. **Goal:** Ship payments v2\r\n   - **Success looks like:** 100% of transactions\r\n2. **Goal:** Launch the partner API\r\n";
    let (after, o) = fix_case(text.as_bytes(), &["--templates"]);
    let after = String::from_utf8(after).unwrap();
    assert!(
        after.contains("2. **Goal:** Launch the partner API\r\n   - **Success looks like:** [a number, a shipped thing or a visible change]"),
        "{after:?}"
    );
    assert!(
        !after.replace("\r\n", "").contains('\n'),
        "only CRLF endings: {after:?}"
    );
    // The inserted slot is itself a placeholder, so the run still reports it.
    assert!(stdout(&o).contains("GL201"), "{}", stdout(&o));
}

/// A template inserted where Markdown hides it (here inside an unclosed `<!--`) does not fix
/// its finding: it is not inserted, and `--fix --templates` converges instead of adding
/// copies on every run.
#[test]
fn fix_templates_converge_when_an_unclosed_comment_hides_them() {
    let text = "---\ngoal-lint: planning-review\n---\n\n# Review\n\n<!--\n";
    let (first, o) = fix_case(text.as_bytes(), &["--templates"]);
    assert!(stdout(&o).contains("GL601"), "{}", stdout(&o));
    assert!(!stdout(&o).contains("Fixed"), "{}", stdout(&o));
    let (second, _) = fix_case(&first, &["--templates"]);
    assert_eq!(
        String::from_utf8(second).unwrap(),
        String::from_utf8(first).unwrap(),
        "a second run changes nothing"
    );
}

/// Removing a suppression line that sits between a lone `\r` and a `\n` does not join them
/// into one CRLF: the blank line after it stays.
#[test]
fn fix_never_joins_a_lone_cr_and_a_lf() {
    let text =
        "## Goals\r<!-- goal-lint-disable-next-line GL001 -->\n\n- Ship payments v2 by Week 8\n";
    let (after, o) = fix_case(text.as_bytes(), &[]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert_eq!(
        String::from_utf8(after).unwrap(),
        "## Goals\n\n- Ship payments v2 by Week 8\n"
    );
}

/// A "safe" fix that would change the document's structure is not safe: removing the unused
/// suppression that separates two lists would join them (the second goal would become part
/// of the first), so `--fix` leaves it and reports it as unsafe.
#[test]
fn safe_fixes_keep_the_structure() {
    let text = "## Goals\n\n- Ship payments v2 by Week 8\n<!-- goal-lint-disable-next-line GL001 -->\n   1. Cut p95 latency to 200ms\n";
    let (after, o) = fix_case(text.as_bytes(), &["--format=json"]);
    assert_eq!(String::from_utf8(after).unwrap(), text, "nothing written");
    let all = json_of(&o);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0]["code"], "GL901");
    assert_eq!(all[0]["fixes"][0]["applicability"], "unsafe");
}

/// Many unused suppressions are all removed in one run: a second run changes nothing.
#[test]
fn fix_removes_hundreds_of_unused_suppressions_in_one_run() {
    let text: String = std::iter::once("## Goals\n\n".to_string())
        .chain((0..300).map(|i| {
            format!("- Ship payments v{i} by Week 8 <!-- goal-lint-disable-line GL001 -->\n")
        }))
        .collect();
    let (after, o) = fix_case(text.as_bytes(), &[]);
    assert!(stdout(&o).contains("Fixed 300 problems"), "{}", stdout(&o));
    let after = String::from_utf8(after).unwrap();
    assert!(!after.contains("goal-lint-disable"), "{after}");
    let (again, _) = fix_case(after.as_bytes(), &[]);
    assert_eq!(String::from_utf8(again).unwrap(), after);
}

#[test]
fn diff_shows_changes_without_writing() {
    let dir = dir_with(&[("plan.md", UNUSED)]);
    let o = run_in(dir.path(), &["--diff", "plan.md", TODAY]);
    assert_eq!(code(&o), 1, "changes would be made");
    let out = stdout(&o);
    assert!(
        out.contains("--- a/plan.md") && out.contains("+++ b/plan.md"),
        "{out}"
    );
    assert!(
        out.contains("-<!-- goal-lint-disable-next-line GL001 -->"),
        "{out}"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("plan.md")).unwrap(),
        UNUSED
    );
}

/// `--diff` on a file whose lines end with a lone carriage return (classic Mac OS): every
/// line of the diff ends with a line feed, and `patch` applies it, giving what `--fix`
/// writes. Lines are what `patch` reads as lines: ended by a line feed.
#[test]
fn diff_of_a_file_with_lone_carriage_returns_is_a_patch() {
    let text = UNUSED.replace('\n', "\r");
    let dir = dir_with(&[
        ("plan.md", &text),
        ("mixed.md", &format!("{UNUSED}\r{UNUSED}")),
    ]);
    let o = run_in(
        dir.path(),
        &["--diff", "--quiet", "plan.md", "mixed.md", TODAY],
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let out = stdout(&o);
    let diff = &out[..out.find("Would fix").expect("a summary")];
    assert!(
        diff.contains("--- a/plan.md\n+++ b/plan.md\n@@ -1 +1 @@\n-## Goals\r"),
        "{diff:?}"
    );
    for line in diff.split_inclusive('\n') {
        assert!(line.ends_with('\n'), "{line:?} in {diff:?}");
        assert!(
            [
                " ",
                "-",
                "+",
                "@@ ",
                "--- ",
                "+++ ",
                "\\ No newline at end of file\n"
            ]
            .iter()
            .any(|p| line.starts_with(p)),
            "{line:?} in {diff:?}"
        );
    }
    let has_patch = Command::new("patch")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_patch {
        eprintln!("patch is not installed: the diff was checked but not applied");
        return;
    }
    let applied = dir_with(&[
        ("plan.md", &text),
        ("mixed.md", &format!("{UNUSED}\r{UNUSED}")),
    ]);
    let mut child = Command::new("patch")
        .current_dir(applied.path())
        .args(["-p1", "--quiet"])
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(diff.as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success(), "patch applies {diff:?}");
    let o = run_in(dir.path(), &["--fix", "plan.md", "mixed.md", TODAY]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    for name in ["plan.md", "mixed.md"] {
        assert_eq!(
            fs::read(applied.path().join(name)).unwrap(),
            fs::read(dir.path().join(name)).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn fixing_standard_input_prints_the_fixed_text() {
    let dir = tempfile::tempdir().unwrap();
    let o = run_stdin(dir.path(), &["--fix", "-", TODAY], UNUSED.as_bytes());
    assert_eq!(
        stdout(&o),
        "## Goals\n\n- Ship payments v2 by Week 8\n- Cut p95 latency to 200ms\n"
    );
}

/// Fixing standard input among other files: the fixed text is the output, and the other
/// files' findings are reported on standard error, in the format asked for (the exit code
/// counts them).
#[test]
fn fixing_standard_input_among_other_files_reports_theirs_on_standard_error() {
    let dir = dir_with(&[("plan.md", PLACEHOLDER), ("ok.md", CLEAN)]);
    let fixed = "## Goals\n\n- Ship payments v2 by Week 8\n- Cut p95 latency to 200ms\n";
    let args = ["--fix", "-", "plan.md", "ok.md", TODAY];
    let o = run_stdin(dir.path(), &args, UNUSED.as_bytes());
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert_eq!(stdout(&o), fixed);
    let err = stderr(&o);
    assert!(err.contains("unfilled-placeholder"), "{err}");
    assert!(err.contains("--> plan.md:3:"), "{err}");
    assert!(err.ends_with("1 problem (1 error) in 1 file\n"), "{err}");
    let o = run_stdin(
        dir.path(),
        &[&args[..], &["--format=json"]].concat(),
        UNUSED.as_bytes(),
    );
    assert_eq!(code(&o), 1);
    assert_eq!(stdout(&o), fixed);
    let json: Value = serde_json::from_slice(&o.stderr).expect("JSON on standard error");
    let paths: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["plan.md"]);
}

#[cfg(unix)]
#[test]
fn read_only_files_are_not_fixed() {
    use std::os::unix::fs::PermissionsExt;
    let dir = dir_with(&[("plan.md", UNUSED)]);
    let path = dir.path().join("plan.md");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let o = run_in(dir.path(), &["--fix", "plan.md", TODAY]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("plan.md: not fixed: the file is read-only"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), UNUSED);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
}

/// A file with several hard links is not replaced: the other names would keep the old text.
#[cfg(unix)]
#[test]
fn files_with_several_hard_links_are_not_fixed() {
    let dir = dir_with(&[("plan.md", UNUSED)]);
    fs::hard_link(dir.path().join("plan.md"), dir.path().join("copy.md")).unwrap();
    let o = run_in(dir.path(), &["--fix", "plan.md", TODAY]);
    assert_eq!(code(&o), 2, "{}", stdout(&o));
    assert!(
        stderr(&o).contains("plan.md: not fixed: the file has 2 hard links"),
        "{}",
        stderr(&o)
    );
    for name in ["plan.md", "copy.md"] {
        assert_eq!(fs::read_to_string(dir.path().join(name)).unwrap(), UNUSED);
    }
}

/// `(uid, gid)` of the test process, from a file it creates.
#[cfg(unix)]
fn our_ids(dir: &Path) -> (u32, u32) {
    use std::os::unix::fs::MetadataExt;
    let probe = dir.join(".ids");
    fs::write(&probe, "").unwrap();
    let meta = fs::metadata(&probe).unwrap();
    fs::remove_file(&probe).unwrap();
    (meta.uid(), meta.gid())
}

/// Fixed by root, another user's file stays theirs.
#[cfg(unix)]
#[test]
fn fixing_keeps_the_owner_and_group() {
    use std::os::unix::fs::MetadataExt;
    let dir = dir_with(&[("plan.md", UNUSED)]);
    let path = dir.path().join("plan.md");
    if our_ids(dir.path()).0 != 0 {
        eprintln!("skipped: needs root to give the file another owner");
        return;
    }
    std::os::unix::fs::chown(&path, Some(65534), Some(65534)).unwrap();
    let o = run_in(dir.path(), &["--fix", "plan.md", TODAY]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let meta = fs::metadata(&path).unwrap();
    assert!(
        !fs::read_to_string(&path)
            .unwrap()
            .contains("goal-lint-disable")
    );
    assert_eq!((meta.uid(), meta.gid()), (65534, 65534));
}

/// An unprivileged user, in a directory anyone may write, cannot fix root's file: not one
/// they may not write (0644), nor one they may write but do not own (0666), which a rename
/// would make theirs. Runs as root, dropping to `nobody` with `setpriv`; skipped otherwise.
#[cfg(unix)]
#[test]
fn fixing_writes_only_what_the_user_may_write() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = dir_with(&[("plan.md", UNUSED)]);
    let path = dir.path().join("plan.md");
    let setpriv = Command::new("setpriv").arg("--version").output();
    if our_ids(dir.path()).0 != 0 || !setpriv.is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: needs root and setpriv");
        return;
    }
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o777)).unwrap();
    for (mode, message) in [
        (
            0o644,
            "plan.md: not fixed: you may not write this file (permission denied)",
        ),
        (
            0o666,
            "plan.md: not fixed: the file belongs to another user, and replacing it would make it yours",
        ),
    ] {
        fs::set_permissions(&path, fs::Permissions::from_mode(mode)).unwrap();
        let o = Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_goal-lint"))
            .args(["--fix", "plan.md", TODAY])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert_eq!(code(&o), 2, "{mode:o}: {}", stdout(&o));
        assert!(stderr(&o).contains(message), "{mode:o}: {}", stderr(&o));
        let meta = fs::metadata(&path).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), UNUSED);
        assert_eq!((meta.uid(), meta.mode() & 0o777), (0, mode));
    }
    let leftovers = fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(leftovers, 1, "no temporary file is left behind");
}

#[cfg(unix)]
#[test]
fn fixing_through_a_symlink_keeps_the_link() {
    let dir = dir_with(&[("real/plan.md", UNUSED)]);
    std::os::unix::fs::symlink(dir.path().join("real/plan.md"), dir.path().join("link.md"))
        .unwrap();
    let o = run_in(dir.path(), &["--fix", "link.md", TODAY]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        fs::symlink_metadata(dir.path().join("link.md"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        !fs::read_to_string(dir.path().join("real/plan.md"))
            .unwrap()
            .contains("goal-lint-disable")
    );
}

#[test]
fn rules_explain_init_new() {
    let dir = tempfile::tempdir().unwrap();
    let o = run_in(dir.path(), &["rules"]);
    assert_eq!(code(&o), 0);
    let table = stdout(&o);
    assert!(table.contains("GL001  vague-goal"), "{table}");
    assert_eq!(
        table.lines().count(),
        goal_lint_core::rules::registry().len() + 1
    );
    let o = run_in(dir.path(), &["rules", "--format=json"]);
    let rules: Vec<Value> = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(rules[0]["code"], "GL001");

    let o = run_in(dir.path(), &["explain", "vague-goal"]);
    assert!(stdout(&o).starts_with("## GL001 vague-goal"));
    assert_eq!(
        stdout(&run_in(dir.path(), &["explain", "gl001"])),
        stdout(&o)
    );
    let o = run_in(dir.path(), &["explain", "vauge-goal"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("did you mean `GL001` / `vague-goal`"),
        "{}",
        stderr(&o)
    );

    let o = run_in(dir.path(), &["init"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let written = fs::read_to_string(dir.path().join("goal-lint.toml")).unwrap();
    assert!(goal_lint_core::Config::from_toml(&written).is_ok());
    let o = run_in(dir.path(), &["init"]);
    assert_eq!(code(&o), 2, "refuses to overwrite");
    assert!(stderr(&o).contains("already exists"));
    assert_eq!(
        fs::read_to_string(dir.path().join("goal-lint.toml")).unwrap(),
        written
    );

    let o = run_in(dir.path(), &["new"]);
    assert!(stdout(&o).contains("quarterly"));
    assert_eq!(code(&run_in(dir.path(), &["new", "weekly"])), 2);
}

/// Each template fails as printed (its slots are placeholders) and passes once they are filled.
#[test]
fn templates_pass_once_filled() {
    let dir = tempfile::tempdir().unwrap();
    for (kind, _, _) in goal_lint_core::templates::TEMPLATES {
        let o = run_in(dir.path(), &["new", kind]);
        let template = stdout(&o);
        let path = dir.path().join(format!("{kind}.md"));
        fs::write(&path, &template).unwrap();
        let unfilled = run_in(
            dir.path(),
            &["--format=json", path.to_str().unwrap(), TODAY],
        );
        assert!(
            json_of(&unfilled).iter().any(|d| d["code"] == "GL201"),
            "{kind}: the template's slots are flagged"
        );
        let filled = fill(&template);
        fs::write(&path, &filled).unwrap();
        let o = run_in(
            dir.path(),
            &["--format=json", path.to_str().unwrap(), TODAY],
        );
        let left = json_of(&o);
        assert!(
            left.is_empty(),
            "{kind} filled in:\n{filled}\nstill has: {left:#?}"
        );
    }
}

/// Fill a template's slots the way a person would.
fn fill(template: &str) -> String {
    let mut goal = 0;
    let goals = [
        "Ship payments v2 to 100% of transactions",
        "Cut p95 API latency from 800ms to 200ms",
        "Hire 2 senior engineers by Week 10",
    ];
    let mut out = String::new();
    for line in template.lines() {
        let mut l = line
            .replace("Q[X] 20XX", "Q3 2025")
            .replace("[quarter, e.g. Q3 2025]", "Q3 2025")
            .replace("[team]", "Payments team")
            .replace("[your name]", "Sam Lee")
            .replace("(Week X-Y)", "(Week 2-4)")
            .replace("20XX", "2025");
        if l.contains("[verb + thing + outcome]") {
            l = l.replace("[verb + thing + outcome]", goals[goal % goals.len()]);
            goal += 1;
        }
        for (slot, value) in [
            (
                "[impact on the business or team]",
                "unlocks $2M ARR from enterprise customers",
            ),
            ("[the business goal it serves]", "grows enterprise revenue"),
            (
                "[a number, a shipped thing or a visible change]",
                "100% of transactions on the new system",
            ),
            ("[first step]", "Write the migration plan"),
            ("[next step]", "Migrate the first 10% of traffic"),
            (
                "[what, from whom, how much or by when]",
                "Budget approval for $5K/month of Redis",
            ),
            (
                "[something you will do that shows the new skill]",
                "run a design review for 10 engineers without help",
            ),
            (
                "[the project, course or practice]",
                "lead 8 payments design reviews",
            ),
            (
                "[what you will ship or do]",
                "architecture approved with zero major revisions",
            ),
            (
                "[a qualitative, inspiring direction]",
                "Make payments boringly reliable",
            ),
            (
                "[metric] from [baseline] to [target]",
                "Checkout errors from 2% to 0.5%",
            ),
            (
                "[deliverable] shipped by [date]",
                "Retry service shipped by August 15",
            ),
            (
                "[how well last quarter's goals were met, and the data behind that]",
                "We met 2 of 3 goals.",
            ),
            (
                "[how the product serves customers and the business; metrics against targets]",
                "Conversion is at 12%.",
            ),
            (
                "[KPI] from [baseline] to [target]",
                "Conversion from 8% to 12%",
            ),
            (
                "[risk, and its mitigation]",
                "Stripe limits; we have a fallback processor.",
            ),
            (
                "[alternative considered, and why not this quarter]",
                "A new checkout: not before Q4.",
            ),
        ] {
            l = l.replace(slot, value);
        }
        out.push_str(&l);
        out.push('\n');
    }
    out
}

/// The language server answers a request whatever its id (JSON-RPC allows any number or
/// string, or null) with that same id, and goes on: an id that is not a 64-bit integer used to
/// end the session (exit code 1, the later requests unanswered).
#[test]
fn lsp_answers_any_request_id_with_that_id() {
    use std::io::{BufRead, BufReader, Read};
    let ids = [
        "1.5",
        "1.0",
        "9223372036854775808",
        "-9223372036854775809",
        "\"abc\"",
        "null",
        "7",
    ];
    let dir = tempfile::tempdir().unwrap();
    let mut child = bin()
        .current_dir(dir.path())
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut send = |body: &str| {
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        stdin.flush().unwrap();
    };
    // The next message from the server; `None` when its output has ended.
    let mut receive = || -> Option<Value> {
        let mut length = None;
        loop {
            let mut line = String::new();
            if stdout.read_line(&mut line).unwrap() == 0 {
                return None;
            }
            match line.trim_end() {
                "" => break,
                header => {
                    if let Some(n) = header.strip_prefix("Content-Length: ") {
                        length = Some(n.parse::<usize>().unwrap());
                    }
                }
            }
        }
        let mut body = vec![0; length.unwrap()];
        stdout.read_exact(&mut body).unwrap();
        Some(serde_json::from_slice(&body).unwrap())
    };
    send(r#"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"capabilities":{}}}"#);
    assert_eq!(receive().unwrap()["id"], 0);
    send(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#);
    for id in ids {
        send(&format!(
            r#"{{"jsonrpc":"2.0","id":{id},"method":"textDocument/documentSymbol","params":{{"textDocument":{{"uri":"file:///none.md"}}}}}}"#
        ));
    }
    send(r#"{"jsonrpc":"2.0","id":"last","method":"shutdown"}"#);
    let mut responses = Vec::new();
    while let Some(message) = receive() {
        if message.get("method").is_some() {
            continue;
        }
        assert!(message.get("error").is_none(), "{message}");
        let last = message["id"] == "last";
        responses.push(message["id"].clone());
        if last {
            break;
        }
    }
    send(r#"{"jsonrpc":"2.0","method":"exit"}"#);
    assert_eq!(child.wait().unwrap().code(), Some(0), "{responses:?}");
    for id in ids.iter().chain(&["\"last\""]) {
        let id: Value = serde_json::from_str(id).unwrap();
        let answered = responses.iter().filter(|r| **r == id).count();
        assert_eq!(answered, 1, "id {id}: responses {responses:?}");
    }
}

#[test]
fn outline_prints_the_document_kind_evidence_and_tree() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("guide.md"),
        "# How to write goals\n\n## Goals\n\n- Work on payments\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("plan.md"),
        "## Q3 2026 Goals\n\n- Work on payments\n",
    )
    .unwrap();
    let o = run_in(dir.path(), &["outline", "guide.md"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.starts_with("kind: not a plan (guide)\n"), "{out}");
    assert!(out.contains("evidence: the title names a guide"), "{out}");
    let o = run_in(dir.path(), &["outline", "plan.md"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.starts_with("kind: plan\n"), "{out}");
    assert!(out.contains("goal 3"), "{out}");
    let o = run_in(dir.path(), &["outline", "missing.md"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("missing.md"), "{}", stderr(&o));
    // Read as `check` reads: a directory (or a pipe) is refused, not opened.
    let o = run_in(dir.path(), &["outline", "."]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains(".: is a directory"), "{}", stderr(&o));
    // The guide is linted to silence, the plan is not.
    let o = run_in(dir.path(), &["--no-config", "guide.md"]);
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stdout));
}

/// `outline` reads the configuration `check` would (`--config`, `--no-config`); a command
/// typed after options is a missing path, and the error says to write it first.
#[test]
fn outline_takes_the_configuration_options_and_a_late_command_gets_a_hint() {
    let dir = dir_with(&[
        (
            "goal-lint.toml",
            "[kinds.mine]\nrequired-sections = []\nbroken = \n",
        ),
        ("plan.md", "## Q3 2026 Goals\n\n- Work on payments\n"),
    ]);
    let o = run_in(dir.path(), &["outline", "plan.md"]);
    assert_eq!(code(&o), 2, "the broken configuration is read");
    let o = run_in(dir.path(), &["outline", "--no-config", "plan.md"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("kind: plan\n"));
    let o = run_in(dir.path(), &["--no-config", "outline", "plan.md"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("`outline` is a command: write it first"),
        "{}",
        stderr(&o)
    );
}

/// `exclude` in goal-lint.toml: the walk skips matching files; a file named on the command line
/// is linted anyway, unless `--force-exclude` (what the pre-commit hooks pass, since pre-commit
/// names every file).
#[test]
fn force_exclude_skips_excluded_files_named_on_the_command_line() {
    let dir = dir_with(&[
        (
            "goal-lint.toml",
            "exclude = [\"archive/**\", \"notes.txt\"]\n",
        ),
        ("archive/2019.md", VAGUE),
        ("notes.txt", VAGUE),
        ("q3.md", VAGUE),
    ]);
    let paths = |o: &Output| -> Vec<String> {
        json_of(o)
            .iter()
            .map(|d| d["path"].as_str().unwrap().replace('\\', "/"))
            .collect()
    };
    let walked = run_in(dir.path(), &["--format=json", ".", TODAY]);
    assert_eq!(
        paths(&walked),
        vec!["./q3.md"],
        "the walk skips excluded files"
    );
    let named = ["archive/2019.md", "notes.txt", "q3.md"];
    let o = run_in(
        dir.path(),
        &[&["--format=json", TODAY][..], &named].concat(),
    );
    assert_eq!(
        paths(&o),
        vec!["archive/2019.md", "notes.txt", "q3.md"],
        "named files are linted without --force-exclude"
    );
    let o = run_in(
        dir.path(),
        &[&["--format=json", "--force-exclude", TODAY][..], &named].concat(),
    );
    assert_eq!(paths(&o), vec!["q3.md"]);
    // From a subdirectory, globs stay relative to the configuration file.
    let o = run_in(
        &dir.path().join("archive"),
        &["--force-exclude", "--max-warnings=0", "2019.md", TODAY],
    );
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    // Only excluded files named: nothing to lint is not a failure.
    let o = run_in(
        dir.path(),
        &["--force-exclude", "--max-warnings=0", "notes.txt", TODAY],
    );
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    assert!(!stdout(&o).contains("No problems found"), "{}", stdout(&o));
}

/// `force-exclude = true` in goal-lint.toml does what `--force-exclude` does, for the files
/// that configuration covers (ruff's `force-exclude`); false or absent, a named file is linted.
/// `--no-force-exclude` overrides the key, and either flag given last wins.
#[test]
fn force_exclude_in_the_configuration_skips_excluded_files_named_on_the_command_line() {
    let dir = dir_with(&[("archive/2019.md", VAGUE), ("q3.md", VAGUE)]);
    let config = dir.path().join("goal-lint.toml");
    let named = |extra: &[&str]| -> Vec<String> {
        let o = run_in(
            dir.path(),
            &[
                &["--format=json", TODAY][..],
                extra,
                &["archive/2019.md", "q3.md"],
            ]
            .concat(),
        );
        assert!(code(&o) < 2, "{}", stderr(&o));
        let mut paths: Vec<String> = json_of(&o)
            .iter()
            .map(|d| d["path"].as_str().unwrap().replace('\\', "/"))
            .collect();
        paths.dedup();
        paths
    };
    let both = ["archive/2019.md", "q3.md"];
    for (key, skipped) in [
        ("force-exclude = true\n", true),
        ("force-exclude = false\n", false),
        ("", false),
    ] {
        fs::write(&config, format!("exclude = [\"archive/**\"]\n{key}")).unwrap();
        let expected: &[&str] = if skipped { &["q3.md"] } else { &both };
        assert_eq!(named(&[]), expected, "{key:?}");
        // The flag still forces exclusion, whatever the key says.
        assert_eq!(named(&["--force-exclude"]), ["q3.md"], "{key:?}");
        assert_eq!(named(&["--no-force-exclude"]), both, "{key:?}");
        assert_eq!(
            named(&["--no-force-exclude", "--force-exclude"]),
            ["q3.md"],
            "{key:?}"
        );
        assert_eq!(
            named(&["--force-exclude", "--no-force-exclude"]),
            both,
            "{key:?}"
        );
        // A directory walk skips excluded files either way.
        let o = run_in(dir.path(), &["--format=json", ".", TODAY]);
        assert!(
            json_of(&o).iter().all(|d| d["path"] == "./q3.md"),
            "{key:?}"
        );
    }
    // The key of the configuration that covers the file decides: a nearer one without it
    // lints the files it covers.
    fs::write(
        &config,
        "exclude = [\"archive/**\"]\nforce-exclude = true\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("archive/goal-lint.toml"),
        "exclude = [\"2019.md\"]\n",
    )
    .unwrap();
    assert_eq!(named(&[]), both);
    // Only excluded files named: nothing to lint, not a failure (as under pre-commit).
    fs::remove_file(dir.path().join("archive/goal-lint.toml")).unwrap();
    let o = run_in(dir.path(), &["--max-warnings=0", "archive/2019.md", TODAY]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    assert!(stderr(&o).contains("no files to lint"), "{}", stderr(&o));
    // Standard input named as an excluded file (an editor piping a buffer) is skipped as that
    // file is; fixing it passes the text through unchanged, as a filter must.
    for (flags, skipped) in [
        (&[][..], true),
        (&["--force-exclude"][..], true),
        (&["--no-force-exclude"][..], false),
    ] {
        let piped = |extra: &[&str]| {
            run_stdin(
                dir.path(),
                &[
                    &["-", "--stdin-filename", "archive/2020.md", TODAY][..],
                    flags,
                    extra,
                ]
                .concat(),
                UNUSED.as_bytes(),
            )
        };
        let o = piped(&["--format=json"]);
        assert_eq!(code(&o), 0, "{flags:?}: {}", stderr(&o));
        assert_eq!(json_of(&o).is_empty(), skipped, "{flags:?}: {}", stdout(&o));
        assert_eq!(stderr(&o), "", "{flags:?}");
        let o = piped(&["--fix"]);
        assert_eq!(code(&o), 0, "{flags:?}: {}", stderr(&o));
        if skipped {
            assert_eq!(stdout(&o), UNUSED, "{flags:?}");
        } else {
            assert_ne!(stdout(&o), UNUSED, "{flags:?}: fixed");
        }
    }
    fs::write(&config, "exclude = [\"archive/**\"]\n").unwrap();
    let o = run_stdin(
        dir.path(),
        &[
            "-",
            "--stdin-filename",
            "archive/2020.md",
            "--format=json",
            TODAY,
        ],
        VAGUE.as_bytes(),
    );
    assert!(!json_of(&o).is_empty(), "not forced: linted");
    // A value of the wrong type is a configuration error naming the file and line.
    fs::write(&config, "exclude = []\nforce-exclude = \"yes\"\n").unwrap();
    let o = run_in(dir.path(), &["q3.md", TODAY]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("goal-lint.toml:2:"), "{}", stderr(&o));
}

/// Every key of goal-lint.toml is documented: in the file `goal-lint init` writes and in the
/// README's configuration section, whose example is a valid configuration.
#[test]
fn every_configuration_key_is_documented() {
    // Naming every field: a new key does not compile until it is listed here.
    let goal_lint_core::Config {
        select: _,
        ignore: _,
        severity: _,
        kind: _,
        exclude: _,
        force_exclude: _,
        rules: _,
        kinds: _,
        overrides: _,
        max_file_size: _,
        template: _,
        templates: _,
    } = goal_lint_core::Config::default();
    let keys = [
        "select",
        "ignore",
        "severity",
        "kind",
        "exclude",
        "force-exclude",
        "rules",
        "kinds",
        "overrides",
        "max-file-size",
        "template",
        "templates",
    ];
    let init = goal_lint_core::config::DEFAULT_CONFIG.as_str();
    let readme =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = &readme[readme.find("\n## Configuration\n").unwrap()..];
    let section = &section[..section[1..].find("\n## ").unwrap()];
    for key in keys {
        let written = |text: &str| {
            text.lines().any(|l| {
                let l = l.trim_start_matches(['#', ' ', '`']);
                l.starts_with(&format!("{key} ="))
                    || l.starts_with(&format!("[{key}"))
                    || l.starts_with(&format!("[[{key}]]"))
            })
        };
        assert!(written(init), "`goal-lint init` does not show `{key}`");
        assert!(
            written(section) || section.contains(&format!("`{key}")),
            "the README's configuration section does not show `{key}`"
        );
    }
    let example = section
        .split("```toml\n")
        .nth(1)
        .and_then(|s| s.split("```").next())
        .unwrap();
    if let Err(e) = goal_lint_core::Config::from_toml(example) {
        panic!("the README's example configuration: {e}");
    }
}

/// A configuration that does not parse is reported once, however many files it covers, and
/// nothing is linted.
#[test]
fn a_bad_configuration_is_reported_once() {
    let dir = dir_with(&[
        ("goal-lint.toml", "[rules.too-many-goals]\nmaximum = 4\n"),
        ("a.md", VAGUE),
        ("b.md", VAGUE),
        ("docs/c.md", VAGUE),
        ("docs/d.txt", VAGUE),
    ]);
    for args in [
        &["."][..],
        &["a.md", "b.md", "docs"],
        &["--format=json", "."],
    ] {
        let o = run_in(dir.path(), &[args, &[TODAY]].concat());
        assert_eq!(code(&o), 2, "{args:?}");
        let err = stderr(&o);
        assert_eq!(
            err.matches("goal-lint.toml:2:").count(),
            1,
            "{args:?}: {err}"
        );
        assert!(
            err.starts_with("goal-lint: error: invalid configuration: "),
            "{err}"
        );
        assert!(err.contains("nothing was linted"), "{err}");
        assert!(!err.contains("a.md") && !err.contains("c.md"), "{err}");
        assert_eq!(stdout(&o), "", "no report and no summary: {args:?}");
    }
    // Two broken configurations: each once.
    fs::write(dir.path().join("docs/goal-lint.toml"), "colour = 1\n").unwrap();
    let o = run_in(dir.path(), &[".", TODAY]);
    let err = stderr(&o);
    assert_eq!(err.matches("invalid configuration").count(), 2, "{err}");
    assert_eq!(code(&o), 2);
}

/// A path that does not exist is an error, not "No problems found".
#[test]
fn a_missing_file_is_not_reported_as_clean() {
    let dir = dir_with(&[("q3.md", CLEAN)]);
    let o = run_in(dir.path(), &["missing.md", TODAY]);
    assert_eq!(code(&o), 2);
    assert_eq!(
        stderr(&o),
        "goal-lint: error: missing.md: no such file or directory\n"
    );
    assert_eq!(stdout(&o), "1 file could not be linted.\n");
    // With another file: the summary counts it.
    let o = run_in(dir.path(), &["q3.md", "missing.md", TODAY]);
    assert_eq!(code(&o), 2);
    assert_eq!(
        stdout(&o),
        "No problems found in 1 file; 1 file could not be linted.\n"
    );
    // Fixing standard input (its text is the output): the missing file is still reported.
    let o = run_stdin(
        dir.path(),
        &["--fix", "-", "missing.md", TODAY],
        CLEAN.as_bytes(),
    );
    assert_eq!(code(&o), 2);
    assert_eq!(stdout(&o), CLEAN);
    assert_eq!(
        stderr(&o),
        "goal-lint: error: missing.md: no such file or directory\n"
    );
}

/// A directory with nothing to lint says so (a warning, exit 0), rather than "No problems
/// found in 0 files".
#[test]
fn an_empty_directory_says_no_files_were_found() {
    let dir = dir_with(&[("docs/page.mdx", VAGUE), ("docs/notes.rst", VAGUE)]);
    fs::create_dir(dir.path().join("empty")).unwrap();
    for (args, shown) in [(&["empty"][..], "empty"), (&["docs"], "docs"), (&[], ".")] {
        let o = run_in(dir.path(), &[args, &[TODAY]].concat());
        assert_eq!(code(&o), 0, "{args:?}");
        assert_eq!(stdout(&o), "", "{args:?}");
        let err = stderr(&o);
        assert!(
            err.starts_with(&format!(
                "goal-lint: warning: no files to lint in {shown}: goal-lint lints .md, .markdown and .txt files"
            )),
            "{args:?}: {err}"
        );
    }
    // Machine formats still print their (empty) report.
    let o = run_in(dir.path(), &["--format=json", "empty", TODAY]);
    assert_eq!(json_of(&o).len(), 0);
    assert!(stderr(&o).contains("no files to lint"));
}

/// `--diff` shows what `--fix` would write, and reports the problems of the file as it is:
/// not the placeholders that `--templates` would insert, nor positions in the fixed text.
#[test]
fn diff_with_templates_reports_the_files_own_problems() {
    let text = "## Goals\n\n1. **Goal:** Ship payments v2\n   - **Success looks like:** 100% of transactions\n2. **Goal:** Launch the partner API\n";
    let dir = dir_with(&[("plan.md", text)]);
    let own = run_in(dir.path(), &["--format=json", "plan.md", TODAY]);
    let own = json_of(&own);
    assert!(!own.is_empty());
    assert!(own.iter().all(|d| d["code"] != "GL201"));
    let o = run_in(
        dir.path(),
        &["--diff", "--templates", "--format=json", "plan.md", TODAY],
    );
    assert_eq!(code(&o), 1, "changes would be made");
    assert_eq!(
        json_of(&o),
        own,
        "the same findings, at the same places, as without --diff"
    );
    let o = run_in(
        dir.path(),
        &["--diff", "--templates", "--color=never", "plan.md", TODAY],
    );
    let out = stdout(&o);
    assert!(
        out.contains(
            "+   - **Success looks like:** [a number, a shipped thing or a visible change]"
        ),
        "{out}"
    );
    assert!(!out.contains("error"), "no placeholder errors: {out}");
    assert_eq!(
        fs::read_to_string(dir.path().join("plan.md")).unwrap(),
        text
    );
}

fn cargo_metadata() -> Value {
    let o = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version=1", "--locked", "--offline"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn version_tuple(v: &str) -> Vec<u64> {
    v.split('.').map(|p| p.parse().unwrap()).collect()
}

/// The declared minimum Rust is at least what every dependency declares (tree-sitter 0.27
/// needs 1.90).
#[test]
fn rust_version_covers_every_dependency() {
    let meta = cargo_metadata();
    let members: Vec<&str> = meta["workspace_members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    let packages = meta["packages"].as_array().unwrap();
    let ours = packages.iter().find(|p| p["name"] == "goal-lint").unwrap();
    let declared = version_tuple(ours["rust_version"].as_str().unwrap());
    for p in packages {
        let Some(needed) = p["rust_version"].as_str() else {
            continue;
        };
        if members.contains(&p["id"].as_str().unwrap()) {
            assert_eq!(version_tuple(needed), declared, "{}", p["name"]);
        } else {
            assert!(
                version_tuple(needed) <= declared,
                "{} {} needs Rust {needed}, rust-version says {:?}",
                p["name"],
                p["version"],
                declared
            );
        }
    }
}

/// What crates.io needs of each published crate, and exact versions between them (they are
/// released together). tests/crates.sh packages them.
#[test]
fn crates_are_ready_for_crates_io() {
    let meta = cargo_metadata();
    let packages = meta["packages"].as_array().unwrap();
    let ours: Vec<&Value> = packages.iter().filter(|p| p["source"].is_null()).collect();
    let published: Vec<&Value> = ours
        .iter()
        .copied()
        .filter(|p| p["publish"] != serde_json::json!([]))
        .collect();
    let names: Vec<&str> = published
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        {
            let mut n = names.clone();
            n.sort();
            n
        },
        [
            "goal-lint",
            "goal-lint-cli",
            "goal-lint-config",
            "goal-lint-core",
            "goal-lint-lsp"
        ]
    );
    for p in &published {
        let name = p["name"].as_str().unwrap();
        for key in [
            "description",
            "license",
            "repository",
            "readme",
            "rust_version",
        ] {
            assert!(
                p[key].as_str().is_some_and(|v| !v.is_empty()),
                "{name}: {key}"
            );
        }
        assert_eq!(p["license"], "MIT OR Apache-2.0");
        let readme = Path::new(p["manifest_path"].as_str().unwrap())
            .parent()
            .unwrap()
            .join(p["readme"].as_str().unwrap());
        assert!(readme.is_file(), "{name}: {}", readme.display());
        let keywords = p["keywords"].as_array().unwrap();
        assert!((1..=5).contains(&keywords.len()), "{name}: keywords");
        assert!(!p["categories"].as_array().unwrap().is_empty(), "{name}");
        for dep in p["dependencies"].as_array().unwrap() {
            let dep_name = dep["name"].as_str().unwrap();
            if names.contains(&dep_name) && dep["kind"].is_null() {
                assert_eq!(
                    dep["req"],
                    format!("={}", p["version"].as_str().unwrap()),
                    "{name} -> {dep_name}: an exact version"
                );
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for licence in ["LICENSE-MIT", "LICENSE-APACHE"] {
        assert!(root.join(licence).is_file(), "{licence}");
    }
}

/// `template: …` in a document's front matter names the template it is a copy of, relative to
/// the document: it is read as a configured one is (the author's lines judged, the slots left
/// reported, `outline` naming it); a template that cannot be read is an error naming the
/// document and the template, and the file is not linted.
#[test]
fn a_template_named_in_the_front_matter_is_read_beside_the_document() {
    let template = "# Team goals for [half]\n\n## Goal: [outcome the team will deliver]\n\n- **Why:** [who benefits and how]\n- **Measure:** [number or shipped thing]\n";
    let copy = "---\ntemplate: ../templates/team.md\n---\n\n# Team goals for H1 2027\n\n## Goal: Improve search\n\n- **Why:** Search is where sessions start\n- **Measure:** [number or shipped thing]\n";
    let broken = copy.replace("team.md", "gone.md");
    let dir = dir_with(&[
        ("templates/team.md", template),
        ("plans/copy.md", copy),
        ("plans/broken.md", &broken),
    ]);
    let o = run_in(
        dir.path(),
        &["check", "--no-config", "--format", "json", "plans/copy.md"],
    );
    let rules: Vec<(u64, String)> = json_of(&o)
        .iter()
        .map(|d| {
            (
                d["start"]["line"].as_u64().unwrap(),
                d["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        rules,
        vec![
            (7, "vague-goal".to_string()),
            (10, "unfilled-placeholder".to_string())
        ],
        "{}",
        stdout(&o)
    );
    let o = run_in(dir.path(), &["outline", "--no-config", "plans/copy.md"]);
    assert!(
        stdout(&o).contains("template: ../templates/team.md"),
        "{}",
        stdout(&o)
    );

    let o = run_in(dir.path(), &["check", "--no-config", "plans/broken.md"]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(
        err.contains("plans/broken.md") && err.contains("template ../templates/gone.md"),
        "{err}"
    );
    // Standard input has no folder to read a relative template path from, unless it is
    // given one.
    let o = run_stdin(dir.path(), &["check", "--no-config", "-"], copy.as_bytes());
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("needs the document's own path"),
        "{}",
        stderr(&o)
    );
    let o = run_stdin(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--stdin-filename",
            "plans/copy.md",
            "-",
        ],
        copy.as_bytes(),
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
}

/// Site generators use `template:` for their own layouts (`template: BlogPost`): a value that
/// is not the path of a Markdown file is not goal-lint's, and the post is linted as written
/// instead of failing on a template that does not exist.
#[test]
fn a_site_generators_template_key_is_not_a_goal_lint_template() {
    let post = "---\ntemplate: BlogPost\ntitle: Goals for 2027\n---\n\n# Goals for 2027\n\n- Work on my public speaking\n";
    let dir = dir_with(&[("posts/goals.md", post)]);
    let o = run_in(
        dir.path(),
        &["check", "--no-config", "--format", "json", "posts/goals.md"],
    );
    // Warnings only: exit 0 (not 2, a template that cannot be read).
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let rules: Vec<String> = json_of(&o)
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(rules, vec!["vague-goal"], "{}", stdout(&o));
    let o = run_in(dir.path(), &["outline", "--no-config", "posts/goals.md"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(!stdout(&o).contains("template: BlogPost"), "{}", stdout(&o));
}

/// `outline --format json`: the kind, the template, every section and every entry with its
/// role, lines, parent and (in a copy of a template) its source; and the fitted model's
/// probabilities when the model decided the kind.
#[test]
fn outline_as_json() {
    let copy = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/crates/goal-lint-core/tests/fixtures/templates/builtin/quarterly-partial.md"
    ))
    .unwrap();
    let plain = "# Notes\n\n## Goals\n\n- Ship the importer by June 30\n- Cut build times from 20 to 8 minutes\n";
    let dir = dir_with(&[
        ("copy.md", &copy),
        ("plain.md", plain),
        ("readme.md", "# Hello\n\nWords.\n"),
    ]);
    let json = |file: &str| -> Value {
        let o = run_in(
            dir.path(),
            &["outline", "--no-config", "--format", "json", file],
        );
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        serde_json::from_str(&stdout(&o)).unwrap()
    };
    let v = json("copy.md");
    assert_eq!(v["goal_document"], true);
    assert_eq!(v["kind"], "plan");
    assert_eq!(v["template"]["name"], "quarterly");
    assert!(
        v["probabilities"].is_null(),
        "a matched template decides: {v}"
    );
    let entries = v["entries"].as_array().unwrap();
    let at = |line: u64| entries.iter().find(|e| e["line"] == line).unwrap();
    assert_eq!(at(16)["role"], "goal");
    assert_eq!(at(16)["text"], "Work on onboarding");
    assert_eq!(at(16)["source"], "author");
    assert_eq!(at(17)["role"], "why");
    assert_eq!(at(17)["parent_line"], 16);
    assert_eq!(at(20)["source"], "slot");
    assert_eq!(at(28)["role"], "action");
    // Plan entries carry how sure their reading is; the others (a why field) do not.
    let sure = |e: &Value| e["confidence"].as_f64();
    assert!(
        sure(at(16)).is_some_and(|c| (0.0..=1.0).contains(&c)),
        "{}",
        at(16)
    );
    assert!(
        sure(at(28)).is_some_and(|c| (0.0..=1.0).contains(&c)),
        "{}",
        at(28)
    );
    assert!(at(17)["confidence"].is_null(), "{}", at(17));
    let sections = v["sections"].as_array().unwrap();
    assert_eq!(sections[1]["title"], "Goals");
    assert_eq!(sections[1]["role"], "Goals");

    let v = json("plain.md");
    let p = v["probabilities"].as_object().expect("the model decided");
    let total: f64 = p.values().map(|x| x.as_f64().unwrap()).sum();
    assert!((total - 1.0).abs() < 0.01, "{p:?}");

    let v = json("readme.md");
    assert_eq!(v["goal_document"], false);
    assert!(v["kind"].is_null() && v["entries"].as_array().unwrap().is_empty());
}

/// A reader that stops early (`goal-lint rules | head -1`) ends the output quietly: no panic.
#[test]
fn a_closed_output_pipe_is_no_panic() {
    for args in [
        &["rules"][..],
        &["explain", "vague-goal"],
        &["new", "quarterly"],
    ] {
        let mut child = bin()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let o = child.wait_with_output().unwrap();
        assert_eq!(code(&o), 0, "{args:?}: {}", stderr(&o));
        assert!(!stderr(&o).contains("panicked"), "{args:?}: {}", stderr(&o));
    }
}
