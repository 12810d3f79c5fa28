//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXAMPLES: &str = "\
Examples:
  goal-lint goals.md                     Lint one file
  goal-lint docs/planning                Lint every Markdown file under a directory
  goal-lint --format json goals.md       Machine-readable output
  goal-lint --fix goals.md               Apply safe fixes
  goal-lint --fix --templates goals.md   Also insert templates (Why it matters, Week X-Y, ...)
  goal-lint --diff goals.md              Show what --fix would change
  cat goals.md | goal-lint - --stdin-filename goals.md
  goal-lint rules                        List every rule
  goal-lint explain vague-goal           Explain a rule (by code or name)
  goal-lint new quarterly > q3.md        Start from a template
  goal-lint lsp                          Start the language server on stdio

Exit codes: 0 no problems at or above the failing level; 1 problems found
(errors, more warnings than --max-warnings, or changes with --diff);
2 usage error, unreadable file, invalid UTF-8 or invalid configuration.";

#[derive(Parser, Debug)]
#[command(
    name = "goal-lint",
    version,
    about = "Lint Markdown goal documents: vague goals, missing success metrics, actions without week ranges, unfilled templates",
    after_help = EXAMPLES,
    args_conflicts_with_subcommands = true,
    disable_help_subcommand = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub check: CheckArgs,
}

/// The names of the commands, as typed.
pub const COMMANDS: &[&str] = &["check", "rules", "explain", "init", "new", "outline", "lsp"];

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Lint files (the default command).
    Check(CheckArgs),
    /// List every rule: code, name, default severity, fix.
    Rules {
        #[arg(long, value_enum, default_value_t = RulesFormat::Table)]
        format: RulesFormat,
    },
    /// Explain a rule, by code (GL001) or name (vague-goal).
    Explain { rule: String },
    /// Write a commented default goal-lint.toml (refuses to overwrite one).
    Init {
        /// Directory to write it in.
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Print a goal document template that passes lint once filled in.
    New {
        /// quarterly, okr, planning-review or career-plan. Lists them when left out.
        kind: Option<String>,
    },
    /// Print what goal-lint understood of a file: its kind (plan, template, guide…) with the
    /// evidence, then its sections and entries with line numbers.
    Outline {
        /// The Markdown file (`-` for standard input).
        file: PathBuf,
        /// Use this configuration file instead of the nearest one.
        #[arg(long)]
        config: Option<PathBuf>,
        /// Ignore configuration files.
        #[arg(long, conflicts_with = "config")]
        no_config: bool,
        /// `text` for people; `json`: the kind with the model's probabilities and evidence,
        /// the template, every section and every entry with its role and lines.
        #[arg(long, value_enum, default_value_t = OutlineFormat::Text)]
        format: OutlineFormat,
    },
    /// Start the language server on stdio (for editors).
    Lsp,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Table,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutlineFormat {
    Text,
    Json,
}

#[derive(Args, Debug, Default, Clone)]
pub struct CheckArgs {
    /// Files or directories to lint; `-` reads standard input. Default: the current directory.
    pub paths: Vec<PathBuf>,

    /// Use this configuration file for every file (instead of the nearest goal-lint.toml).
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Ignore goal-lint.toml files.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,

    /// Skip files that match `exclude` in goal-lint.toml even when they are named on the
    /// command line (as pre-commit and editors name them). Without it, only the directory walk
    /// skips them, unless the configuration says `force-exclude = true`.
    #[arg(long, overrides_with = "no_force_exclude")]
    pub force_exclude: bool,

    /// Lint files named on the command line even when they match `exclude`, whatever
    /// `force-exclude` in goal-lint.toml says.
    #[arg(long, overrides_with = "force_exclude")]
    pub no_force_exclude: bool,

    /// Run only these rules (codes, names or code prefixes; comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,

    /// Do not run these rules.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,

    /// Set a rule's severity: RULE=error|warning|info|hint|off (repeatable).
    #[arg(long, value_name = "RULE=LEVEL")]
    pub severity: Vec<String>,

    /// "Today" for the overdue rule, as YYYY-MM-DD. Default: the system date.
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,

    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Colour the human output: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Apply safe fixes in place.
    #[arg(long)]
    pub fix: bool,

    /// With --fix or --diff, also apply unsafe fixes.
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// With --fix or --diff, also insert templates (fields and slots to fill in).
    #[arg(long)]
    pub templates: bool,

    /// Show the changes --fix would make, without writing them.
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,

    /// Fail when there are more than N warnings (errors always fail).
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,

    /// The path to report (and to look up configuration for) when reading standard input.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,

    /// Print only the summary line (human format).
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// A report with the source line and a caret under each problem.
    #[default]
    Human,
    /// One JSON array.
    Json,
    /// One JSON object per line.
    JsonLines,
    /// SARIF 2.1.0, for code-scanning uploads.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// JUnit XML.
    Junit,
    /// GitLab Code Quality report.
    Gitlab,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

impl CheckArgs {
    /// `--force-exclude` (`Some(true)`), `--no-force-exclude` (`Some(false)`, the last one
    /// given wins), or neither: `force-exclude` in each file's configuration decides.
    pub fn force_exclude(&self) -> Option<bool> {
        if self.force_exclude {
            Some(true)
        } else if self.no_force_exclude {
            Some(false)
        } else {
            None
        }
    }
}
