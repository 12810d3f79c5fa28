//! `cargo xtask <task>`: project tasks that are not part of the shipped tools.
//!
//! - `eval [--corpus DIR] [--out FILE] [--min-precision P] [--min-recall R]
//!   [--min-doc-precision P] [--min-doc-recall R]`: quality of the rules on `../shared/corpus`
//!   (labelled statements, real goal documents, plain Markdown, judged whole documents).
//! - `fit [--write] [--write-roles] [--train DIR]... [--test DIR]...`: fit the document-kind
//!   model and the entry-confidence model to labelled real documents, cross-validated by source
//!   repository (see `fit.rs`).
//! - `gen-corpus DIR [N]`: write N generated goal documents (for benchmarks).
//! - `gen-doc LINES`: print one goal document of about LINES lines (for latency benchmarks).
//! - `docs`: regenerate `docs/rules.md` from the rule registry.
//! - `schema`: regenerate `schema/goal-lint.schema.json`, the JSON schema of `goal-lint.toml`,
//!   from the rule table (see `schema.rs`).
#![forbid(unsafe_code)]

mod eval;
mod fit;
mod gen_corpus;
mod judged;
mod schema;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("eval") => eval::run(&args[1..]),
        Some("fit") => fit::run(&args[1..]),
        Some("gen-corpus") => gen_corpus::run(&args[1..]),
        Some("docs") => docs(),
        Some("schema") => schema::run(),
        Some("gen-doc") => gen_corpus::run_doc(&args[1..]),
        _ => Err("usage: cargo xtask eval [--corpus DIR] [--out FILE] [--min-precision P] [--min-recall R] [--min-doc-precision P] [--min-doc-recall R]\n       cargo xtask fit [--write] [--write-roles] [--train DIR]... [--test DIR]...\n       cargo xtask gen-corpus DIR [N]\n       cargo xtask gen-doc LINES\n       cargo xtask docs\n       cargo xtask schema".to_string()),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::from(2)
        }
    }
}

fn docs() -> Result<ExitCode, String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules.md");
    std::fs::write(&path, goal_lint_core::rules::reference_markdown())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    println!("wrote {}", path.display());
    Ok(ExitCode::SUCCESS)
}
