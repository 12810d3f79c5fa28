//! The `goal-lint` command line. The binary (`src/main.rs` at the repository root) calls
//! [`main`]; everything here is argument parsing, I/O and report formatting over
//! `goal-lint-core`, which holds all Markdown and goal logic.
#![forbid(unsafe_code)]

pub mod args;
pub mod discover;
pub mod output;
pub mod run;

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;
use goal_lint_core::config::DEFAULT_CONFIG;
use goal_lint_core::fix::FixMode;
use goal_lint_core::line_index::LineIndex;
use goal_lint_core::rules::{lookup, registry, suggest};
use goal_lint_core::{Date, LintOptions, Severity, templates};

use crate::args::{CheckArgs, Cli, ColorChoice, Command, Format, OutlineFormat, RulesFormat};
use goal_lint_config::ConfigResolver;
use goal_lint_config::read::{Bounded, io_message, read_bounded, read_regular};

use crate::discover::{Source, discover};
use crate::output::{Style, Tally};
use crate::run::{FixAction, Job, Overrides};

/// Exit codes.
pub const SUCCESS: u8 = 0;
pub const PROBLEMS: u8 = 1;
pub const FAILURE: u8 = 2;

/// `print!` that never panics: a reader that stops early (`goal-lint rules | head -1`)
/// ends the output quietly instead of aborting the program.
macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout().lock(), $($t)*);
    }};
}

/// [`out!`] with a line break.
macro_rules! outln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($t)*);
    }};
}

/// Run the command line with the process's arguments.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { FAILURE } else { SUCCESS });
        }
    };
    ExitCode::from(run_cli(cli))
}

fn run_cli(cli: Cli) -> u8 {
    match cli.command {
        None => check(&cli.check),
        Some(Command::Check(args)) => check(&args),
        Some(Command::Rules { format }) => rules(format),
        Some(Command::Explain { rule }) => explain(&rule),
        Some(Command::Init { dir }) => init(&dir),
        Some(Command::New { kind }) => new(kind.as_deref()),
        Some(Command::Outline {
            file,
            config,
            no_config,
            format,
        }) => outline(&file, config.as_deref(), no_config, format),
        Some(Command::Lsp) => lsp(),
    }
}

/// A line on standard error, prefixed `goal-lint: `. The line holds paths, file names and
/// text from configuration files: it is [`output::clean`]ed, as every report is.
fn say(line: &str) {
    eprintln!("goal-lint: {}", output::clean(line));
}

fn usage_error(message: &str) -> u8 {
    say(&format!("error: {message}"));
    FAILURE
}

/// Today's date in UTC, from the system clock.
pub fn system_today() -> Option<Date> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    Date::from_unix_days(i64::try_from(secs / 86_400).ok()?)
}

/// A `--today` date: exactly `YYYY-MM-DD` (ASCII digits: four for the year, no sign, two
/// for the month and the day), a day that exists. `Date::parse_iso` reads numbers, so on its
/// own it takes `+202-01-01` and `2026-8-001`; the shape is checked here first.
fn parse_today(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    shape.then(|| Date::parse_iso(s)).flatten()
}

fn check(args: &CheckArgs) -> u8 {
    let overrides = match Overrides::parse(&args.select, &args.ignore, &args.severity) {
        Ok(o) => o,
        Err(e) => return usage_error(&e),
    };
    let today = match &args.today {
        Some(s) => match parse_today(s) {
            Some(d) => Some(d),
            None => {
                return usage_error(&format!(
                    "--today: expected a date as YYYY-MM-DD, got `{s}`"
                ));
            }
        },
        None => system_today(),
    };
    if args.templates && !(args.fix || args.diff) {
        return usage_error("--templates only applies with --fix or --diff");
    }
    if args.unsafe_fixes && !(args.fix || args.diff) {
        return usage_error("--unsafe-fixes only applies with --fix or --diff");
    }
    let stdin_count = args.paths.iter().filter(|p| p.as_os_str() == "-").count();
    if stdin_count > 1 {
        return usage_error("`-` (standard input) can be given only once");
    }
    if args.stdin_filename.is_some() && stdin_count == 0 {
        return usage_error("--stdin-filename needs `-` among the paths");
    }
    let mode = FixMode {
        unsafe_fixes: args.unsafe_fixes,
        templates: args.templates,
    };
    let action = if args.fix {
        FixAction::Write(mode)
    } else if args.diff {
        FixAction::Diff(mode)
    } else {
        FixAction::None
    };
    let mut configs = ConfigResolver::new(args.config.as_deref(), args.no_config);
    // A configuration given explicitly must be valid before anything is linted.
    if let Some(path) = &args.config
        && let Err(e) = configs.for_path(path)
    {
        return usage_error(&e);
    }
    let (mut sources, path_errors) = discover(&args.paths, &mut configs, args.force_exclude());
    // A configuration file that does not parse is reported once, and nothing is linted: the
    // settings every file under it should have are unknown.
    let config_errors =
        configuration_errors(&sources, &mut configs, args.stdin_filename.as_deref());
    if !config_errors.is_empty() {
        for e in &config_errors {
            say(&format!("error: invalid configuration: {e}"));
        }
        say(
            "nothing was linted: fix the configuration, or run with --no-config to lint without it",
        );
        return FAILURE;
    }
    // Standard input under the name of an excluded file (an editor or a script piping a
    // buffer) is skipped as that file would be when named.
    let stdin_excluded = match args.stdin_filename.as_deref() {
        Some(name) if sources.contains(&Source::Stdin) => {
            configs.force_excludes(name, args.force_exclude())
        }
        _ => false,
    };
    if stdin_excluded {
        sources.retain(|s| *s != Source::Stdin);
    }
    if sources.is_empty() && path_errors.is_empty() && !stdin_excluded {
        // Nothing to lint is not a failure (pre-commit may pass only excluded files), but it
        // is rarely what was meant.
        let searched: Vec<String> = if args.paths.is_empty() {
            vec![".".to_string()]
        } else {
            args.paths.iter().map(|p| p.display().to_string()).collect()
        };
        say(&format!(
            "warning: no files to lint in {}: goal-lint lints .md, .markdown and .txt files, skipping hidden, git-ignored and excluded ones",
            searched.join(", ")
        ));
    }
    let job = Job {
        overrides: &overrides,
        options: LintOptions { today },
        action,
        stdin_filename: args.stdin_filename.as_deref(),
    };
    let reports = run::run(&sources, &mut configs, &job);

    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let style = |terminal: bool| Style {
        color: match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && terminal
            }
        },
    };

    // Fixed standard input goes to standard output, like any filter; excluded, it goes
    // through unchanged.
    if let FixAction::Write(_) = action {
        let fixed = reports
            .iter()
            .find(|r| r.source == Source::Stdin && r.error.is_none());
        if fixed.is_some() || stdin_excluded {
            match fixed {
                Some(r) => {
                    let _ = out.write_all(r.text.as_bytes());
                }
                None => {
                    if let Err(e) = std::io::copy(&mut std::io::stdin().lock(), &mut out) {
                        say(&format!("error: standard input: {}", io_message(&e)));
                        return FAILURE;
                    }
                }
            }
            let _ = out.flush();
            for e in &path_errors {
                say(&format!("error: {}: {}", e.path, e.message));
            }
            for r in &reports {
                if let Some(e) = &r.error {
                    say(&format!("error: {}: {e}", r.display));
                }
            }
            let code = exit_code(args, &reports, &path_errors);
            // The other files' findings are still reported, on standard error: standard
            // output is the fixed text.
            let others: Vec<run::FileReport> = reports
                .into_iter()
                .filter(|r| r.source != Source::Stdin)
                .collect();
            if others.iter().any(|r| r.linted) {
                let style = style(std::io::stderr().is_terminal());
                eprint!("{}", report(args, &others, path_errors.len(), style));
            }
            return code;
        }
    }

    let text = report(
        args,
        &reports,
        path_errors.len(),
        style(std::io::stdout().is_terminal()),
    );
    // Errors first: the summary, on standard output, is the last line a terminal shows.
    for e in &path_errors {
        say(&format!("error: {}: {}", e.path, e.message));
    }
    for r in &reports {
        if let Some(e) = &r.error {
            say(&format!("error: {}: {e}", r.display));
        }
    }
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
    exit_code(args, &reports, &path_errors)
}

/// The report of `reports` in the format asked for; `not_linted` paths were not even found.
fn report(
    args: &CheckArgs,
    reports: &[run::FileReport],
    not_linted: usize,
    style: Style,
) -> String {
    match args.format {
        Format::Human => {
            let mut s = String::new();
            for r in reports {
                if let Some(diff) = &r.diff {
                    s.push_str(diff);
                }
            }
            if !args.quiet && !args.diff {
                for r in reports {
                    let index = LineIndex::new(&r.text);
                    for d in &r.diagnostics {
                        s.push_str(&output::human_diagnostic(
                            &r.display, &r.text, &index, d, style,
                        ));
                        s.push('\n');
                    }
                }
            }
            let mut tally = Tally::of(reports);
            tally.not_linted += not_linted;
            if tally.files + tally.not_linted > 0 {
                s.push_str(&output::summary(&tally, style, args.diff));
            }
            s
        }
        Format::Json => output::json(reports),
        Format::JsonLines => output::json_lines(reports),
        Format::Sarif => output::sarif(reports),
        Format::Github => output::github(reports),
        Format::Junit => output::junit(reports),
        Format::Gitlab => output::gitlab(reports),
    }
}

/// The distinct errors of the configuration files that apply to `sources`, in order.
fn configuration_errors(
    sources: &[Source],
    configs: &mut ConfigResolver,
    stdin_filename: Option<&Path>,
) -> Vec<String> {
    let mut errors: Vec<String> = Vec::new();
    for source in sources {
        let lookup = match source {
            Source::File(p) => p.as_path(),
            Source::Stdin => stdin_filename.unwrap_or(Path::new("<stdin>")),
        };
        if let Err(e) = configs.for_path(lookup) {
            let e = e.to_string();
            if !errors.contains(&e) {
                errors.push(e);
            }
        }
    }
    errors
}

fn exit_code(
    args: &CheckArgs,
    reports: &[run::FileReport],
    path_errors: &[discover::PathError],
) -> u8 {
    if !path_errors.is_empty() || reports.iter().any(|r| r.error.is_some()) {
        return FAILURE;
    }
    let errors = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .filter(|d| d.severity == Severity::Warning)
        .count();
    let too_many_warnings = args.max_warnings.is_some_and(|max| warnings > max);
    let would_change = args.diff && reports.iter().any(|r| r.diff.is_some());
    if errors > 0 || too_many_warnings || would_change {
        PROBLEMS
    } else {
        SUCCESS
    }
}

fn rules(format: RulesFormat) -> u8 {
    match format {
        RulesFormat::Json => {
            let all: Vec<serde_json::Value> = registry()
                .iter()
                .map(|r| {
                    let m = r.meta();
                    serde_json::json!({
                        "code": m.code,
                        "name": m.name,
                        "summary": m.summary,
                        "severity": m.default_severity.as_str(),
                        "fix": m.fix.as_str(),
                        "url": m.url(),
                    })
                })
                .collect();
            outln!(
                "{}",
                serde_json::to_string_pretty(&all).expect("JSON values serialise")
            );
        }
        RulesFormat::Table => {
            outln!(
                "{:<6} {:<31} {:<8} {:<9} summary",
                "code",
                "name",
                "severity",
                "fix"
            );
            for r in registry() {
                let m = r.meta();
                outln!(
                    "{:<6} {:<31} {:<8} {:<9} {}",
                    m.code,
                    m.name,
                    m.default_severity.as_str(),
                    m.fix.as_str(),
                    m.summary
                );
            }
        }
    }
    SUCCESS
}

fn explain(rule: &str) -> u8 {
    match lookup(rule) {
        Some(m) => {
            out!("{}", m.markdown());
            SUCCESS
        }
        None => {
            let hint = suggest(rule)
                .map(|m| format!(" (did you mean `{}` / `{}`?)", m.code, m.name))
                .unwrap_or_default();
            usage_error(&format!(
                "unknown rule `{rule}`{hint}; `goal-lint rules` lists them"
            ))
        }
    }
}

fn outline(file: &Path, config: Option<&Path>, no_config: bool, format: OutlineFormat) -> u8 {
    let settings = match ConfigResolver::new(config, no_config).settings_for(file) {
        Ok(settings) => settings,
        Err(e) => return usage_error(&format!("invalid configuration: {e}")),
    };
    // Read as `check` reads: regular files only, bounded.
    let limit = settings.max_file_size.max(run::READ_LIMIT);
    let (shown, bytes) = if file == Path::new("-") {
        let read = read_bounded(std::io::stdin(), limit).map_err(|e| match e {
            Bounded::Io(e) => io_message(&e),
            Bounded::TooLarge => "not read: over the size limit".to_string(),
        });
        ("<stdin>".to_string(), read)
    } else {
        (file.display().to_string(), read_regular(file, limit))
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => return usage_error(&format!("{shown}: {e}")),
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return usage_error(&format!("{shown}: not valid UTF-8"));
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if let Some(message) = settings.too_large(text) {
        return usage_error(&format!("{shown}: {message}"));
    }
    let mut settings = settings;
    let path = (file != Path::new("-")).then_some(file);
    if let Err(e) = goal_lint_config::apply_front_matter_template(&mut settings, path, text) {
        return usage_error(&format!("{shown}: {e}"));
    }
    match format {
        OutlineFormat::Text => out!("{}", goal_lint_core::outline(text, &settings)),
        OutlineFormat::Json => {
            let report = goal_lint_core::outline_report(text, &settings);
            match serde_json::to_string_pretty(&report) {
                Ok(json) => outln!("{json}"),
                Err(e) => return usage_error(&format!("{shown}: {e}")),
            }
        }
    }
    SUCCESS
}

fn init(dir: &Path) -> u8 {
    if !dir.is_dir() {
        return usage_error(&format!("{}: not a directory", dir.display()));
    }
    for name in discover::CONFIG_NAMES {
        let existing = dir.join(name);
        if existing.exists() {
            return usage_error(&format!(
                "{} already exists; not overwriting it",
                existing.display()
            ));
        }
    }
    let path = dir.join(discover::CONFIG_NAMES[0]);
    let result = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .and_then(|mut f| f.write_all(DEFAULT_CONFIG.as_bytes()));
    match result {
        Ok(()) => {
            outln!("Wrote {}", output::clean(&path.display().to_string()));
            SUCCESS
        }
        Err(e) => usage_error(&format!("{}: {}", path.display(), io_message(&e))),
    }
}

fn new(kind: Option<&str>) -> u8 {
    match kind.map(|k| (k, templates::get(k))) {
        Some((_, Some(template))) => {
            out!("{template}");
            SUCCESS
        }
        Some((k, None)) => {
            let names: Vec<&str> = templates::TEMPLATES.iter().map(|(n, _, _)| *n).collect();
            usage_error(&format!(
                "unknown template `{k}` (choose one of: {})",
                names.join(", ")
            ))
        }
        None => {
            outln!("Templates (goal-lint new KIND > FILE.md):");
            for (name, about, _) in templates::TEMPLATES {
                outln!("  {name:<16} {about}");
            }
            SUCCESS
        }
    }
}

fn lsp() -> u8 {
    match goal_lint_lsp::run_stdio() {
        Ok(true) => SUCCESS,
        // `exit` without `shutdown`, or the client went away.
        Ok(false) => PROBLEMS,
        Err(e) => usage_error(&format!("language server: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_comes_from_the_clock() {
        let today = system_today().unwrap();
        assert!(today > Date::new(2024, 1, 1).unwrap(), "{today}");
    }
}
