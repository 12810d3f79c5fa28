//! The language server: protocol handling over `goal-lint-core`. No lint logic lives here.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use goal_lint_config::{ConfigResolver, Stamp, stamp};
use goal_lint_core::actions::{applies_to, file_suppression, not_a_goal_document, suppression};
use goal_lint_core::config::RuleSelector;
use goal_lint_core::diagnostic::Applicability;
use goal_lint_core::fix::{FixMode, fix_text};
use goal_lint_core::line_index::PositionEncoding;
use goal_lint_core::model::ItemKind;
use goal_lint_core::snippets::edit_snippet;
use goal_lint_core::{Date, LintOptions, Settings, TextRange};
use serde_json::{Value, json};
use tokio::sync::{Mutex as AsyncMutex, OwnedMutexGuard};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use crate::convert;
use crate::document::{Change, Document, Linted, hash_text};

/// The command our editor clients implement to insert a snippet (code-action templates with
/// tab stops); clients that do not announce it get plain edits with `[…]` placeholders.
pub const SNIPPET_COMMAND: &str = "goal-lint.insertSnippet";
/// The server's command: what goal-lint understood of a document (`goal-lint outline`).
pub const OUTLINE_COMMAND: &str = "goal-lint.outline";
const FIX_ALL_KIND: &str = "source.fixAll.goal-lint";
/// The adaptive push debounce (no `debounceMs`): half as long as the document's last lint
/// took, within these bounds. It keeps a cheap document's diagnostics within a few
/// milliseconds of the keystroke (the wait adds half a lint), and spares an expensive one a
/// lint per key while keys come faster than half its lint (an edit waits for a running lint
/// of its document).
const MIN_DEBOUNCE: Duration = Duration::from_millis(2);
const MAX_DEBOUNCE: Duration = Duration::from_millis(150);
/// How often the server looks at the configuration files itself when the client cannot
/// watch files for it.
const DEFAULT_CONFIG_POLL: Duration = Duration::from_millis(1000);
/// `ServerCancelled` (LSP 3.17): the server gave up on a request; the client may send it again.
const SERVER_CANCELLED: i64 = -32802;

/// What the client and the user configured for this session.
#[derive(Clone, Debug)]
struct Session {
    encoding: PositionEncoding,
    pull_diagnostics: bool,
    snippet_completion: bool,
    snippet_command: bool,
    watch_dynamically: bool,
    /// The client handles `workspace/diagnostic/refresh`.
    refresh_support: bool,
    /// The client applies workspace edits that create files (`documentChanges` with the
    /// `create` resource operation): "ignore this rule" may then create a `goal-lint.toml`.
    create_files: bool,
    /// The client accepts server-initiated progress (`window/workDoneProgress/create`).
    work_done_progress: bool,
    /// `debounceMs`: a fixed push debounce; `None`: adaptive ([`Session::push_delay`]).
    debounce: Option<Duration>,
    config_poll: Duration,
    /// Log where each lint's time went (`window/logMessage`, for the latency benchmark).
    timings: bool,
    /// A fixed "today" (tests); otherwise the system date.
    today: Option<Date>,
    /// `select` from the client's settings: only these rules (empty: those of the
    /// configuration), applied over the configuration file as the CLI's `--select`.
    select: Vec<RuleSelector>,
    /// `ignore` from the client's settings, as the CLI's `--ignore`.
    ignore: Vec<RuleSelector>,
    /// `run = "onSave"`: diagnostics follow saves, not keystrokes.
    run_on_save: bool,
    /// `workspaceDiagnostics`: what `workspace/diagnostic` reports.
    workspace_scope: WorkspaceScope,
}

impl Session {
    /// How long a push waits after an edit for a quieter moment: `debounceMs` when set, else
    /// half the time the document's last lint took (`None`: not linted yet), clamped to
    /// [`MIN_DEBOUNCE`]..=[`MAX_DEBOUNCE`].
    fn push_delay(&self, last_lint: Option<Duration>) -> Duration {
        match self.debounce {
            Some(fixed) => fixed,
            None => (last_lint.unwrap_or(MIN_DEBOUNCE) / 2).clamp(MIN_DEBOUNCE, MAX_DEBOUNCE),
        }
    }
}

/// What `workspace/diagnostic` reports (the `workspaceDiagnostics` setting).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum WorkspaceScope {
    /// Nothing (and the capability is not announced when set at initialization).
    Off,
    /// The open documents only.
    OpenFiles,
    /// Every goal document of the workspace folders.
    Workspace,
}

impl Default for Session {
    fn default() -> Self {
        Session {
            encoding: PositionEncoding::Utf16,
            pull_diagnostics: false,
            snippet_completion: false,
            snippet_command: false,
            watch_dynamically: false,
            refresh_support: false,
            create_files: false,
            work_done_progress: false,
            debounce: None,
            config_poll: DEFAULT_CONFIG_POLL,
            timings: false,
            today: None,
            select: Vec::new(),
            ignore: Vec::new(),
            run_on_save: false,
            workspace_scope: WorkspaceScope::Workspace,
        }
    }
}

/// An open document and the newest version the client has announced for it (set as soon as
/// a change arrives, before it is applied): a pull that finds a newer version than the one it
/// came after is superseded.
struct Slot {
    latest: AtomicI32,
    /// The configuration key last announced to the client as changed (see `watch_configs`).
    announced: AtomicU64,
    /// The configuration key of the diagnostics last given to the client (0: none yet),
    /// whether they came from a lint or said the configuration is invalid (which lints
    /// nothing): `watch_configs` compares it with the current key.
    answered: AtomicU64,
    /// `run = "onSave"` with pulled diagnostics: the answer of the version last saved (or
    /// opened), given to every pull until the next save. `None`: lint at the next pull.
    saved: Mutex<Option<(i32, String, Vec<Diagnostic>)>>,
    /// How long the last lint that was not cached took, in microseconds (0: none yet): the
    /// adaptive debounce.
    lint_micros: AtomicU64,
    /// The template the text names in its front matter (`template: ../templates/1on1.md`),
    /// as written; kept beside the text so that the settings can be resolved without it.
    template: Mutex<Option<String>>,
    doc: Arc<AsyncMutex<Document>>,
}

impl Slot {
    fn last_lint(&self) -> Option<Duration> {
        match self.lint_micros.load(Ordering::Relaxed) {
            0 => None,
            us => Some(Duration::from_micros(us)),
        }
    }
}

impl Slot {
    fn new(doc: Document) -> SharedDoc {
        Arc::new(Slot {
            latest: AtomicI32::new(doc.version),
            announced: AtomicU64::new(0),
            answered: AtomicU64::new(0),
            saved: Mutex::new(None),
            lint_micros: AtomicU64::new(0),
            template: Mutex::new(goal_lint_core::model::front_matter_template(&doc.text)),
            doc: Arc::new(AsyncMutex::new(doc)),
        })
    }
}

type SharedDoc = Arc<Slot>;

/// The configuration files of the documents: looked for and stamped on every lint, read again
/// when they changed (the configured `configPath`, else the nearest `goal-lint.toml`).
struct Configs(ConfigResolver);

impl Default for Configs {
    fn default() -> Self {
        Configs(ConfigResolver::watching())
    }
}

#[derive(Default)]
struct State {
    session: RwLock<Session>,
    docs: Mutex<HashMap<Uri, SharedDoc>>,
    configs: Mutex<Configs>,
    /// Configuration errors already shown to the user (each is shown once).
    reported: Mutex<Vec<String>>,
    /// Bumped on every configuration change the client tells of; part of every result id.
    generation: AtomicU64,
    /// The workspace folders (for `workspace/diagnostic`).
    roots: Mutex<Vec<PathBuf>>,
    /// Files on disk linted for `workspace/diagnostic`, by path: reused while the file's
    /// stamp and configuration key are the same.
    on_disk: Mutex<HashMap<PathBuf, DiskLint>>,
    /// Numbers server-created progress tokens.
    progress_tokens: AtomicU64,
    /// What the initialization options held that was not understood (shown once initialized).
    init_problems: Mutex<Vec<String>>,
    /// Where every lint runs (see `linter`).
    linter: crate::linter::LintThread,
}

struct DiskLint {
    stamp: Stamp,
    key: u64,
    result_id: String,
    /// `None`: not a goal document (no report).
    items: Option<Vec<Diagnostic>>,
}

/// The settings that apply to a document, and a key naming them: the key changes when the
/// editor settings, the configuration file (its path, modification time or size) or the date
/// change. Result ids and cached lints carry it.
struct Effective {
    settings: std::result::Result<Settings, String>,
    key: u64,
    /// The configuration's `exclude` globs match the document: it gets no diagnostics, as
    /// the CLI's walk would skip it.
    excluded: bool,
}

/// A pull's result id: the configuration key and a hash of the text, which together decide
/// the diagnostics, so one id always names one answer. (An id made of the version answered
/// `unchanged` to a document closed and opened again with new text under the same version.)
fn result_id(key: u64, text_hash: u64) -> String {
    format!("{key:x}.{text_hash:x}")
}

#[derive(Clone)]
pub struct Backend {
    client: Client,
    state: Arc<State>,
    /// Set by `shutdown`: an `exit` without it ends the process with code 1.
    shut_down: Arc<std::sync::atomic::AtomicBool>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// What a request handler works on: see [`Backend::current`].
struct Current {
    doc: OwnedMutexGuard<Document>,
    linted: Arc<Linted>,
    settings: Settings,
}

/// When a lint may be skipped.
#[derive(Default)]
struct Gate {
    /// Push: only this version (a newer edit has its own lint scheduled).
    only_version: Option<i32>,
    /// Pull: the newest version announced when the request arrived; a newer edit since
    /// supersedes the request (the client pulls again for it).
    seen: Option<i32>,
    /// Pull: set when the request is cancelled (its future dropped).
    cancelled: Option<Arc<AtomicBool>>,
    /// Pull: the client's previous result id; the same id is answered `unchanged`.
    previous: Option<String>,
}

/// What [`Backend::diagnostics`] found.
enum Outcome {
    /// Version, result id and diagnostics.
    Items(i32, String, Vec<Diagnostic>),
    /// The client's previous result is still right.
    Unchanged(String),
    /// Cancelled, or a newer edit arrived.
    Superseded,
}

/// Sets its flag when dropped: a cancelled request's future is dropped, and the lint it was
/// waiting for is then not started.
struct CancelOnDrop(Arc<AtomicBool>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

/// Besides diagnostics, what a lint run has to tell the user.
enum Problem {
    /// The configuration is invalid.
    Config(String),
    /// The document was not analysed.
    Skipped(String),
    /// Where the time went (when asked for).
    Timings(Value),
}

impl Backend {
    pub fn new(client: Client, shut_down: Arc<std::sync::atomic::AtomicBool>) -> Self {
        Backend {
            client,
            state: Arc::default(),
            shut_down,
        }
    }

    fn session(&self) -> Session {
        self.state
            .session
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    fn doc(&self, uri: &Uri) -> Option<SharedDoc> {
        lock(&self.state.docs).get(uri).cloned()
    }

    /// An open document, locked, with the lint of its current version (cached when nothing
    /// changed). `None` for a document that is not open or whose configuration is invalid
    /// (its diagnostic says why): requests then answer with nothing.
    async fn current(&self, uri: &Uri) -> Option<Current> {
        let slot = self.doc(uri)?;
        let Effective {
            settings,
            key,
            excluded,
        } = self.effective(uri);
        let settings = settings.ok().filter(|_| !excluded)?;
        let options = self.options();
        // The lint, when this version has none yet, is made on the lint thread (see
        // `linter`), not on an async thread; what follows then finds it cached (or, if an
        // edit came in between, lints the newer text here).
        let (doc, for_lint) = (Arc::clone(&slot.doc), settings.clone());
        let state = Arc::clone(&self.state);
        let _ = self
            .state
            .linter
            .run(move || {
                let mut doc = doc.blocking_lock();
                doc.lint_keyed(&for_lint, &options, key);
                // Freed on the lint thread after this job, once the answer is on its way.
                if let Some(spent) = doc.take_spent_memo() {
                    state.linter.spawn(move || drop(spent));
                }
            })
            .await;
        let mut doc = Arc::clone(&slot.doc).lock_owned().await;
        let linted = doc.lint_keyed(&settings, &options, key);
        Some(Current {
            doc,
            linted,
            settings,
        })
    }

    fn options(&self) -> LintOptions {
        let session = self.session();
        let today = session.today.or_else(|| {
            let secs = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .ok()?
                .as_secs();
            Date::from_unix_days(i64::try_from(secs / 86_400).ok()?)
        });
        LintOptions { today }
    }

    /// The configuration file that applies to a document: the configured one, else the
    /// nearest `goal-lint.toml` above it.
    fn config_file(&self, uri: &Uri) -> Option<PathBuf> {
        let path = uri.to_file_path();
        lock(&self.state.configs).0.file_for(path.as_deref())
    }

    /// The key of a document's effective configuration (cheap: a few `stat` calls, nothing
    /// read): the session's generation, the date, the configuration file and its stamp.
    fn key_for(&self, config_file: Option<&Path>) -> (u64, Stamp) {
        let stamp = config_file.and_then(stamp);
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.state.generation.load(Ordering::SeqCst).hash(&mut h);
        self.options().today.map(|d| d.to_string()).hash(&mut h);
        config_file.hash(&mut h);
        stamp.hash(&mut h);
        (h.finish(), stamp)
    }

    /// [`Server::key_for`] of a document, with the template its front matter names: that
    /// file's state on disk is part of the key, so an edited template is read again (the
    /// configuration poll sees it as it sees an edited configuration).
    fn key_of(&self, uri: &Uri, config_file: Option<&Path>) -> (u64, Stamp) {
        let (key, stamp) = self.key_for(config_file);
        let Some(named) = self.doc(uri).and_then(|slot| lock(&slot.template).clone()) else {
            return (key, stamp);
        };
        let path = uri.to_file_path();
        let mut h = std::collections::hash_map::DefaultHasher::new();
        key.hash(&mut h);
        named.hash(&mut h);
        goal_lint_config::named_template_path(path.as_deref(), &named)
            .and_then(|p| goal_lint_config::stamp(&p))
            .hash(&mut h);
        (h.finish(), stamp)
    }

    /// The settings for a document: its nearest `goal-lint.toml` (or the configured file),
    /// resolved for its path, read again whenever the file changed on disk (so an edited file
    /// is picked up without the client watching files). An invalid configuration is an error
    /// to show, not a crash.
    fn effective(&self, uri: &Uri) -> Effective {
        let path = uri.to_file_path().map(|p| p.into_owned());
        let config_file = self.config_file(uri);
        let (key, stamp) = self.key_of(uri, config_file.as_deref());
        let named = self.doc(uri).and_then(|slot| lock(&slot.template).clone());
        let lookup = config_file.map(|file| lock(&self.state.configs).0.load(&file, stamp));
        let excluded = match (&lookup, &path) {
            (Some(Ok(Some(config))), Some(path)) => {
                config.config.is_excluded(&config.relative(path))
            }
            _ => false,
        };
        let settings = match lookup {
            Some(Ok(Some(config))) => Ok(config.settings_for(path.as_deref())),
            None | Some(Ok(None)) => Ok(Settings::default()),
            Some(Err(e)) => Err(e.to_string()),
        };
        let settings = match &named {
            None => settings,
            Some(named) => settings.and_then(|mut settings| {
                goal_lint_config::apply_named_template(&mut settings, path.as_deref(), named)
                    .map(|()| settings)
            }),
        };
        // The client's `select` and `ignore` over the file's, as the CLI's flags are.
        let settings = settings.map(|mut settings| {
            let session = self.session();
            if !session.select.is_empty() {
                settings.select(&session.select);
            }
            settings.ignore(&session.ignore);
            settings
        });
        Effective {
            settings,
            key,
            excluded,
        }
    }

    /// Lint a document's current version (off the async threads) and turn the results into
    /// protocol diagnostics. `None` when the document is not open or (`gate`) a newer
    /// version arrived meanwhile.
    async fn diagnostics(&self, uri: &Uri, gate: Gate) -> Option<Outcome> {
        let slot = self.doc(uri)?;
        let Effective {
            settings,
            key,
            excluded,
        } = self.effective(uri);
        let options = self.options();
        let session = self.session();
        let encoding = session.encoding;
        let log_timings = session.timings;
        let uri_for_task = uri.clone();
        let state = Arc::clone(&self.state);
        let task = self.state.linter.run(move || {
            let mut d = slot.doc.blocking_lock();
            if gate
                .cancelled
                .as_ref()
                .is_some_and(|c| c.load(Ordering::SeqCst))
            {
                return Some((Outcome::Superseded, None));
            }
            if gate
                .seen
                .is_some_and(|seen| slot.latest.load(Ordering::SeqCst) != seen)
            {
                return Some((Outcome::Superseded, None));
            }
            if gate.only_version.is_some_and(|v| v != d.version) {
                return None;
            }
            let id = result_id(key, d.text_hash());
            // What the client gets now (an answer, or the one it has) is of this key.
            slot.answered.store(key, Ordering::SeqCst);
            if gate.previous.as_deref() == Some(id.as_str()) {
                return Some((Outcome::Unchanged(id), None));
            }
            if excluded {
                return Some((Outcome::Items(d.version, id, Vec::new()), None));
            }
            let settings = match settings {
                Ok(s) => s,
                Err(e) => {
                    let diagnostic = config_error_diagnostic(&e);
                    return Some((
                        Outcome::Items(d.version, id, vec![diagnostic]),
                        Some(Problem::Config(e)),
                    ));
                }
            };
            let started = std::time::Instant::now();
            let cached = d
                .linted
                .as_ref()
                .is_some_and(|l| l.version == d.version && l.key == key);
            let linted = d.lint_keyed(&settings, &options, key);
            let linting = started.elapsed();
            // Freed on the lint thread after this job, once the answer is on its way.
            if let Some(spent) = d.take_spent_memo() {
                state.linter.spawn(move || drop(spent));
            }
            if !cached {
                let micros = u64::try_from(linting.as_micros())
                    .unwrap_or(u64::MAX)
                    .max(1);
                slot.lint_micros.store(micros, Ordering::Relaxed);
            }
            let converting = std::time::Instant::now();
            let items: Vec<Diagnostic> = linted
                .diagnostics
                .iter()
                .map(|x| convert::diagnostic(&uri_for_task, &d.text, &d.index, x, encoding))
                .collect();
            let skipped = linted.skipped.clone().map(Problem::Skipped);
            let problem = if log_timings {
                let convert = converting.elapsed();
                let serialising = std::time::Instant::now();
                let bytes = serde_json::to_vec(&items).map_or(0, |v| v.len());
                let t = &linted.timings;
                // `cached`: the lint of this version and configuration was already there.
                Some(Problem::Timings(json!({
                    "version": d.version,
                    "cached": linting < t.parse + t.model + t.analysis,
                    "parse_ms": t.parse.as_secs_f64() * 1e3,
                    "model_ms": t.model.as_secs_f64() * 1e3,
                    "analysis_ms": t.analysis.as_secs_f64() * 1e3,
                    "convert_ms": convert.as_secs_f64() * 1e3,
                    "serialise_ms": serialising.elapsed().as_secs_f64() * 1e3,
                    "diagnostics": items.len(),
                    "bytes": bytes,
                })))
            } else {
                skipped
            };
            Some((Outcome::Items(d.version, id, items), problem))
        });
        match task.await {
            Ok(Some((outcome, problem))) => {
                match problem {
                    Some(Problem::Config(e)) => self.report_config_error(&e).await,
                    Some(Problem::Skipped(reason)) => {
                        // Once per document: the size in the message changes as it is edited.
                        self.report_once(
                            &format!("too large: {}", uri.as_str()),
                            MessageType::WARNING,
                            format!("goal-lint: {}: {reason}", uri.as_str()),
                        )
                        .await;
                    }
                    Some(Problem::Timings(t)) => {
                        self.client
                            .log_message(MessageType::LOG, format!("goal-lint timings {t}"))
                            .await;
                    }
                    None => {}
                }
                Some(outcome)
            }
            Ok(None) => None,
            Err(e) => {
                self.client
                    .log_message(
                        MessageType::ERROR,
                        format!("goal-lint: linting {} failed: {e}", uri.as_str()),
                    )
                    .await;
                None
            }
        }
    }

    /// A pull's answer for an open document: [`Backend::diagnostics`], except with
    /// `run = "onSave"`, where the answer of the version last saved stands until the next save.
    async fn pulled(&self, uri: &Uri, gate: Gate) -> Option<Outcome> {
        let on_save = self.session().run_on_save;
        if on_save {
            let saved = self.doc(uri).and_then(|slot| lock(&slot.saved).clone());
            if let Some((version, id, items)) = saved {
                return Some(if gate.previous.as_deref() == Some(id.as_str()) {
                    Outcome::Unchanged(id)
                } else {
                    Outcome::Items(version, id, items)
                });
            }
        }
        let outcome = self.diagnostics(uri, gate).await?;
        if on_save
            && let Outcome::Items(version, id, items) = &outcome
            && let Some(slot) = self.doc(uri)
        {
            *lock(&slot.saved) = Some((*version, id.clone(), items.clone()));
        }
        Some(outcome)
    }

    /// "Ignore this rule in goal-lint.toml": the rule's name added to `ignore` in the
    /// configuration file that applies to the document, or a new `goal-lint.toml` in its
    /// workspace folder (else beside it) when there is none and the client can create files.
    /// `None` when the file cannot be read or edited safely.
    fn ignore_action(
        &self,
        uri: &Uri,
        diag: &goal_lint_core::Diagnostic,
        lsp_diag: &Diagnostic,
        session: &Session,
    ) -> Option<CodeAction> {
        use goal_lint_config::edit::{add_to_ignore, new_ignore_file};
        let rule = diag.name();
        let edit = match self.config_file(uri) {
            Some(file) => {
                let bytes =
                    goal_lint_config::read::read_regular(&file, goal_lint_config::MAX_CONFIG_SIZE)
                        .ok()?;
                let source = String::from_utf8(bytes).ok()?;
                let edit = add_to_ignore(&source, rule).ok()??;
                let index = goal_lint_core::line_index::LineIndex::new(&source);
                let text_edit = convert::text_edit(&source, &index, &edit, session.encoding);
                WorkspaceEdit::new(HashMap::from([(
                    Uri::from_file_path(&file)?,
                    vec![text_edit],
                )]))
            }
            None if session.create_files => {
                let path = uri.to_file_path()?;
                let roots = lock(&self.state.roots).clone();
                let dir = roots
                    .iter()
                    .filter(|r| path.starts_with(r))
                    .max_by_key(|r| r.components().count())
                    .cloned()
                    .or_else(|| path.parent().map(Path::to_path_buf))?;
                let config = Uri::from_file_path(dir.join("goal-lint.toml"))?;
                WorkspaceEdit {
                    document_changes: Some(DocumentChanges::Operations(vec![
                        DocumentChangeOperation::Op(ResourceOp::Create(CreateFile {
                            uri: config.clone(),
                            options: Some(CreateFileOptions {
                                overwrite: Some(false),
                                ignore_if_exists: Some(true),
                            }),
                            annotation_id: None,
                        })),
                        DocumentChangeOperation::Edit(TextDocumentEdit {
                            text_document: OptionalVersionedTextDocumentIdentifier {
                                uri: config,
                                version: None,
                            },
                            edits: vec![OneOf::Left(TextEdit::new(
                                Range::new(Position::new(0, 0), Position::new(0, 0)),
                                new_ignore_file(rule),
                            ))],
                        }),
                    ])),
                    ..WorkspaceEdit::default()
                }
            }
            None => return None,
        };
        Some(CodeAction {
            title: format!("Ignore {} ({rule}) in goal-lint.toml", diag.code()),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![lsp_diag.clone()]),
            edit: Some(edit),
            ..CodeAction::default()
        })
    }

    async fn report_config_error(&self, e: &str) {
        self.report_once(
            e,
            MessageType::ERROR,
            format!("goal-lint: invalid configuration: {e}"),
        )
        .await;
    }

    /// Show `message` to the user once per `key` until the configuration is reloaded (a
    /// re-lint must not repeat it).
    async fn report_once(&self, key: &str, kind: MessageType, message: String) {
        let first = {
            let mut seen = lock(&self.state.reported);
            let new = !seen.iter().any(|s| s == key);
            if new {
                seen.push(key.to_string());
            }
            new
        };
        if first {
            self.client.show_message(kind, message).await;
        }
    }

    /// One file's report for `workspace/diagnostic`; `None` for a file that is not a goal
    /// document (or cannot be read).
    async fn workspace_report(
        &self,
        path: &Path,
        previous: &HashMap<String, String>,
    ) -> Option<WorkspaceDocumentDiagnosticReport> {
        let uri = Uri::from_file_path(path)?;
        let prior = previous.get(uri.as_str()).cloned();
        if self.doc(&uri).is_some() {
            let gate = Gate {
                previous: prior,
                ..Gate::default()
            };
            return match self.pulled(&uri, gate).await? {
                Outcome::Items(version, result_id, items) => {
                    Some(WorkspaceDocumentDiagnosticReport::Full(
                        WorkspaceFullDocumentDiagnosticReport {
                            uri,
                            version: Some(i64::from(version)),
                            full_document_diagnostic_report: FullDocumentDiagnosticReport {
                                result_id: Some(result_id),
                                items,
                            },
                        },
                    ))
                }
                Outcome::Unchanged(result_id) => Some(unchanged_report(uri, None, result_id)),
                Outcome::Superseded => None,
            };
        }
        let Effective {
            settings,
            key,
            excluded,
        } = self.effective(&uri);
        let settings = settings.ok().filter(|_| !excluded)?;
        let file_stamp = stamp(path);
        let cached = lock(&self.state.on_disk)
            .get(path)
            .filter(|c| c.stamp == file_stamp && c.key == key)
            .map(|c| (c.result_id.clone(), c.items.clone()));
        let (result_id, items) = match cached {
            Some(found) => found,
            None => {
                let options = self.options();
                let encoding = self.session().encoding;
                let (file, task_uri) = (path.to_path_buf(), uri.clone());
                let (text_hash, items) = self
                    .state
                    .linter
                    .run(move || {
                        let text = crate::workspace::read_text(&file, settings.max_file_size)?;
                        if !goal_lint_core::model::may_be_goal_document(&text, &settings.document) {
                            return Some((hash_text(&text), None));
                        }
                        let index = goal_lint_core::line_index::LineIndex::new(&text);
                        let items = goal_lint_core::lint(&text, &settings, &options)
                            .iter()
                            .map(|d| convert::diagnostic(&task_uri, &text, &index, d, encoding))
                            .collect::<Vec<_>>();
                        Some((hash_text(&text), Some(items)))
                    })
                    .await
                    .ok()??;
                let id = format!("disk.{}", result_id(key, text_hash));
                lock(&self.state.on_disk).insert(
                    path.to_path_buf(),
                    DiskLint {
                        stamp: file_stamp,
                        key,
                        result_id: id.clone(),
                        items: items.clone(),
                    },
                );
                (id, items)
            }
        };
        let items = items?;
        if prior.as_deref() == Some(result_id.as_str()) {
            return Some(unchanged_report(uri, None, result_id));
        }
        Some(WorkspaceDocumentDiagnosticReport::Full(
            WorkspaceFullDocumentDiagnosticReport {
                uri,
                version: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: Some(result_id),
                    items,
                },
            },
        ))
    }

    /// Push diagnostics for a version after the debounce delay, unless a newer edit arrives.
    fn schedule(&self, uri: Uri, version: i32) {
        let session = self.session();
        if session.pull_diagnostics {
            return;
        }
        let last_lint = self.doc(&uri).and_then(|slot| slot.last_lint());
        self.push(uri, version, session.push_delay(last_lint));
    }

    /// Lint a version after `delay` (unless a newer edit arrives) and publish its diagnostics.
    fn push(&self, uri: Uri, version: i32, delay: Duration) {
        let this = self.clone();
        tokio::spawn(async move {
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            let Some(slot) = this.doc(&uri) else { return };
            if slot.latest.load(Ordering::SeqCst) != version {
                return; // A newer edit has its own lint scheduled.
            }
            let gate = Gate {
                only_version: Some(version),
                ..Gate::default()
            };
            if let Some(Outcome::Items(v, _, items)) = this.diagnostics(&uri, gate).await {
                let still_current = this
                    .doc(&uri)
                    .is_some_and(|slot| slot.latest.load(Ordering::SeqCst) == v);
                if still_current {
                    this.client.publish_diagnostics(uri, items, Some(v)).await;
                }
            }
        });
    }

    /// The configuration changed (the client said so): forget every cached configuration and
    /// lint, and lint every open document again (push) or ask the client to pull again.
    async fn relint_all(&self) {
        self.state.generation.fetch_add(1, Ordering::SeqCst);
        lock(&self.state.configs).0.forget();
        lock(&self.state.reported).clear();
        let docs: Vec<(Uri, SharedDoc)> = lock(&self.state.docs)
            .iter()
            .map(|(u, d)| (u.clone(), d.clone()))
            .collect();
        for (_, slot) in &docs {
            *lock(&slot.saved) = None;
            slot.doc.lock().await.linted = None;
        }
        self.announce(docs.into_iter().map(|(u, _)| u).collect())
            .await;
    }

    /// Tell the client that the diagnostics of `uris` are out of date: push new ones, or ask
    /// a pulling client to pull again. A pulling client that cannot be asked (no
    /// `workspace/diagnostic/refresh`) would keep what it pulled until the next edit: it gets
    /// them published.
    async fn announce(&self, uris: Vec<Uri>) {
        let session = self.session();
        if session.pull_diagnostics && session.refresh_support {
            if !uris.is_empty() {
                let _ = self.client.workspace_diagnostic_refresh().await;
            }
            return;
        }
        for uri in uris {
            if let Some(slot) = self.doc(&uri) {
                let delay = if session.pull_diagnostics {
                    Duration::ZERO
                } else {
                    session.push_delay(slot.last_lint())
                };
                self.push(uri, slot.latest.load(Ordering::SeqCst), delay);
            }
        }
    }

    /// For clients that cannot watch files: look at the configuration files of the open
    /// documents every `config_poll` (a `stat` each) and announce the documents whose
    /// effective configuration changed: an edited, created or deleted `goal-lint.toml`.
    fn watch_configs(&self) {
        let this = self.clone();
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(this.session().config_poll).await;
                if this.shut_down.load(Ordering::SeqCst) {
                    return;
                }
                let docs: Vec<(Uri, SharedDoc)> = lock(&this.state.docs)
                    .iter()
                    .map(|(u, d)| (u.clone(), d.clone()))
                    .collect();
                let mut changed = Vec::new();
                for (uri, slot) in docs {
                    let (key, _) = this.key_of(&uri, this.config_file(&uri).as_deref());
                    // The key of what the client was last given, a lint or a configuration
                    // error (which lints nothing, so the cached lint cannot tell).
                    let answered = slot.answered.load(Ordering::SeqCst);
                    if answered != 0
                        && answered != key
                        && slot.announced.swap(key, Ordering::SeqCst) != key
                    {
                        changed.push(uri);
                    }
                }
                if !changed.is_empty() {
                    lock(&this.state.reported).clear();
                    this.announce(changed).await;
                }
            }
        });
    }

    /// Take the settings a client sends (initialization options, or
    /// `workspace/didChangeConfiguration` `{settings: {"goal-lint": {...}}}`); a key left out
    /// keeps its value, `null` restores the default. Returns what was not understood.
    fn apply_settings(&self, value: &Value) -> Vec<String> {
        let mut problems = Vec::new();
        let section = value
            .get("goal-lint")
            .or_else(|| value.get("goalLint"))
            .unwrap_or(value);
        if let Some(path) = section.get("configPath").and_then(Value::as_str) {
            let explicit = (!path.trim().is_empty()).then(|| PathBuf::from(path));
            lock(&self.state.configs).0.set_explicit(explicit);
        }
        let mut session = self
            .state
            .session
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match section.get("debounceMs") {
            Some(Value::Null) => session.debounce = None,
            Some(v) => match v.as_u64() {
                Some(ms) => session.debounce = Some(Duration::from_millis(ms.min(10_000))),
                None => problems.push(format!(
                    "`debounceMs` must be a number of milliseconds, not {v}"
                )),
            },
            None => {}
        }
        if let Some(ms) = section.get("configPollMs").and_then(Value::as_u64) {
            session.config_poll = Duration::from_millis(ms.clamp(50, 60_000));
        }
        if let Some(timings) = section.get("timings").and_then(Value::as_bool) {
            session.timings = timings;
        }
        if let Some(today) = section.get("today").and_then(Value::as_str) {
            session.today = Date::parse_iso(today);
        }
        let session = &mut *session;
        for (key, list) in [
            ("select", &mut session.select),
            ("ignore", &mut session.ignore),
        ] {
            match section.get(key) {
                None => {}
                Some(Value::Null) => list.clear(),
                Some(Value::Array(names)) => {
                    list.clear();
                    for name in names {
                        match name.as_str().map(RuleSelector::parse) {
                            Some(Ok(selector)) => list.push(selector),
                            Some(Err(e)) => problems.push(format!("`{key}`: {e}")),
                            None => problems.push(format!("`{key}`: {name} is not a rule name")),
                        }
                    }
                }
                Some(other) => {
                    problems.push(format!(
                        "`{key}` must be an array of rule names, not {other}"
                    ));
                }
            }
        }
        match section.get("run") {
            None => {}
            Some(Value::Null) => session.run_on_save = false,
            Some(Value::String(run)) if run == "onType" => session.run_on_save = false,
            Some(Value::String(run)) if run == "onSave" => session.run_on_save = true,
            Some(other) => problems.push(format!(
                "`run` must be \"onType\" or \"onSave\", not {other}"
            )),
        }
        match section.get("workspaceDiagnostics") {
            None => {}
            Some(Value::Null) => session.workspace_scope = WorkspaceScope::Workspace,
            Some(Value::String(scope)) if scope == "off" => {
                session.workspace_scope = WorkspaceScope::Off;
            }
            Some(Value::String(scope)) if scope == "openFiles" => {
                session.workspace_scope = WorkspaceScope::OpenFiles;
            }
            Some(Value::String(scope)) if scope == "workspace" => {
                session.workspace_scope = WorkspaceScope::Workspace;
            }
            Some(other) => problems.push(format!(
                "`workspaceDiagnostics` must be \"off\", \"openFiles\" or \"workspace\", not {other}"
            )),
        }
        problems
    }

    async fn report_settings_problems(&self, problems: Vec<String>) {
        for problem in problems {
            self.client
                .show_message(
                    MessageType::WARNING,
                    format!("goal-lint: settings: {problem}"),
                )
                .await;
        }
    }
}

fn unchanged_report(
    uri: Uri,
    version: Option<i64>,
    result_id: String,
) -> WorkspaceDocumentDiagnosticReport {
    WorkspaceDocumentDiagnosticReport::Unchanged(WorkspaceUnchangedDocumentDiagnosticReport {
        uri,
        version,
        unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport { result_id },
    })
}

fn config_error_diagnostic(message: &str) -> Diagnostic {
    Diagnostic {
        range: Range::new(Position::new(0, 0), Position::new(0, 0)),
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some("goal-lint".into()),
        message: format!("invalid goal-lint configuration: {message}"),
        ..Diagnostic::default()
    }
}

fn negotiate_encoding(params: &InitializeParams) -> PositionEncoding {
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref())
        .cloned()
        .unwrap_or_default();
    let has = |kind: &PositionEncodingKind| offered.iter().any(|k| k == kind);
    if has(&PositionEncodingKind::UTF8) {
        PositionEncoding::Utf8
    } else if has(&PositionEncodingKind::UTF32) {
        PositionEncoding::Utf32
    } else {
        PositionEncoding::Utf16
    }
}

fn encoding_kind(e: PositionEncoding) -> PositionEncodingKind {
    match e {
        PositionEncoding::Utf8 => PositionEncodingKind::UTF8,
        PositionEncoding::Utf16 => PositionEncodingKind::UTF16,
        PositionEncoding::Utf32 => PositionEncodingKind::UTF32,
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let encoding = negotiate_encoding(&params);
        let caps = &params.capabilities;
        let text_caps = caps.text_document.as_ref();
        {
            let mut session = self
                .state
                .session
                .write()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            session.encoding = encoding;
            session.pull_diagnostics = text_caps.and_then(|t| t.diagnostic.as_ref()).is_some();
            session.snippet_completion = text_caps
                .and_then(|t| t.completion.as_ref())
                .and_then(|c| c.completion_item.as_ref())
                .and_then(|i| i.snippet_support)
                .unwrap_or(false);
            session.watch_dynamically = caps
                .workspace
                .as_ref()
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false);
            session.refresh_support = caps
                .workspace
                .as_ref()
                .and_then(|w| w.diagnostics.as_ref())
                .and_then(|d| d.refresh_support)
                .unwrap_or(false);
            let workspace_edit = caps
                .workspace
                .as_ref()
                .and_then(|w| w.workspace_edit.as_ref());
            session.create_files = workspace_edit.is_some_and(|e| {
                e.document_changes == Some(true)
                    && e.resource_operations
                        .as_ref()
                        .is_some_and(|ops| ops.contains(&ResourceOperationKind::Create))
            });
            session.work_done_progress = caps
                .window
                .as_ref()
                .and_then(|w| w.work_done_progress)
                .unwrap_or(false);
            if let Some(init) = &params.initialization_options {
                session.snippet_command = init
                    .get("snippetCommand")
                    .and_then(Value::as_bool)
                    .unwrap_or(false);
            }
        }
        let problems = params
            .initialization_options
            .as_ref()
            .map(|init| self.apply_settings(init))
            .unwrap_or_default();
        *lock(&self.state.init_problems) = problems;
        let mut roots: Vec<PathBuf> = params
            .workspace_folders
            .iter()
            .flatten()
            .filter_map(|f| f.uri.to_file_path().map(|p| p.into_owned()))
            .collect();
        #[allow(deprecated)]
        if roots.is_empty()
            && let Some(root) = params.root_uri.as_ref().and_then(|u| u.to_file_path())
        {
            roots.push(root.into_owned());
        }
        *lock(&self.state.roots) = roots;
        let pull = self.session().pull_diagnostics;
        let workspace_scope = self.session().workspace_scope;
        Ok(InitializeResult {
            server_info: Some(ServerInfo {
                name: "goal-lint".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            capabilities: ServerCapabilities {
                position_encoding: Some(encoding_kind(encoding)),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        // For `run = "onSave"`.
                        save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                        ..TextDocumentSyncOptions::default()
                    },
                )),
                diagnostic_provider: pull.then(|| {
                    DiagnosticServerCapabilities::Options(DiagnosticOptions {
                        identifier: Some("goal-lint".into()),
                        inter_file_dependencies: false,
                        workspace_diagnostics: workspace_scope != WorkspaceScope::Off,
                        work_done_progress_options: WorkDoneProgressOptions {
                            work_done_progress: Some(true),
                        },
                    })
                }),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::from(FIX_ALL_KIND),
                        ]),
                        resolve_provider: Some(false),
                        work_done_progress_options: WorkDoneProgressOptions::default(),
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                completion_provider: Some(CompletionOptions {
                    // Only `(`, for a week range after an entry's words: a client that opens the
                    // menu on every trigger and inserts the first item (Neovim's autotrigger
                    // with the default `completeopt`) must not change ordinary typing, so
                    // neither a space nor a list marker triggers; labels and blocks come on
                    // request (Ctrl+Space, <C-x><C-o>).
                    trigger_characters: Some(vec!["(".to_string()]),
                    ..CompletionOptions::default()
                }),
                document_symbol_provider: Some(OneOf::Left(true)),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: vec![OUTLINE_COMMAND.to_string()],
                    work_done_progress_options: WorkDoneProgressOptions::default(),
                }),
                ..ServerCapabilities::default()
            },
            ..InitializeResult::default()
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        // Ready for the first document before it comes (see `linter::warm_up`).
        crate::linter::warm_up(&self.state.linter);
        let problems = std::mem::take(&mut *lock(&self.state.init_problems));
        self.report_settings_problems(problems).await;
        let session = self.session();
        if session.watch_dynamically {
            let watchers = ["**/goal-lint.toml", "**/.goal-lint.toml"]
                .iter()
                .map(|g| FileSystemWatcher {
                    glob_pattern: GlobPattern::String((*g).to_string()),
                    kind: None,
                })
                .collect();
            let options = DidChangeWatchedFilesRegistrationOptions { watchers };
            let registration = Registration {
                id: "goal-lint-config-watcher".into(),
                method: "workspace/didChangeWatchedFiles".into(),
                register_options: serde_json::to_value(options).ok(),
            };
            if let Err(e) = self.client.register_capability(vec![registration]).await {
                self.client
                    .log_message(
                        MessageType::WARNING,
                        format!("goal-lint: could not watch configuration files: {e}"),
                    )
                    .await;
            }
        } else {
            self.watch_configs();
        }
        self.client
            .log_message(
                MessageType::INFO,
                format!(
                    "goal-lint {} ready ({:?} positions, {} diagnostics)",
                    env!("CARGO_PKG_VERSION"),
                    session.encoding,
                    if session.pull_diagnostics {
                        "pull"
                    } else {
                        "push"
                    }
                ),
            )
            .await;
    }

    async fn shutdown(&self) -> Result<()> {
        self.shut_down
            .store(true, std::sync::atomic::Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let version = doc.version;
        lock(&self.state.docs).insert(doc.uri.clone(), Slot::new(Document::new(doc.text, version)));
        // Opening is not typing: no debounce.
        if !self.session().pull_diagnostics {
            self.push(doc.uri, version, Duration::ZERO);
        }
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let Some(slot) = self.doc(&uri) else {
            self.client
                .log_message(
                    MessageType::WARNING,
                    format!(
                        "goal-lint: change to a document that is not open: {}",
                        uri.as_str()
                    ),
                )
                .await;
            return;
        };
        let version = params.text_document.version;
        // Before waiting for the document: a pull already waiting is superseded by this edit.
        slot.latest.store(version, Ordering::SeqCst);
        let encoding = self.session().encoding;
        let changes: Vec<Change> = params
            .content_changes
            .into_iter()
            .map(|c| Change {
                range: c.range.map(|r| {
                    (
                        convert::from_lsp_position(r.start),
                        convert::from_lsp_position(r.end),
                    )
                }),
                text: c.text,
            })
            .collect();
        let template = {
            let mut doc = slot.doc.lock().await;
            doc.apply(&changes, version, encoding);
            goal_lint_core::model::front_matter_template(&doc.text)
        };
        *lock(&slot.template) = template;
        if !self.session().run_on_save {
            self.schedule(uri, version);
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        if !self.session().run_on_save {
            return;
        }
        let uri = params.text_document.uri;
        let Some(slot) = self.doc(&uri) else { return };
        *lock(&slot.saved) = None;
        self.announce(vec![uri]).await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let closed = lock(&self.state.docs).remove(&uri);
        if let Some(slot) = closed {
            // Freed on the lint thread, which allocated most of it (its tree, model, memo and
            // diagnostics), and not here: the server goes on reading while it is freed. Then
            // the freed pages go back to the system (`memory`), once the lint thread is idle:
            // a document opened next reuses them first.
            self.state.linter.spawn(move || drop(slot));
            self.state.linter.release_when_idle();
        }
        // Pushed (to a pulling client too, when it could not be asked to pull again): cleared.
        let session = self.session();
        if !session.pull_diagnostics || !session.refresh_support {
            self.client.publish_diagnostics(uri, Vec::new(), None).await;
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let problems = self.apply_settings(&params.settings);
        self.report_settings_problems(problems).await;
        self.relint_all().await;
    }

    async fn did_change_watched_files(&self, _: DidChangeWatchedFilesParams) {
        self.relint_all().await;
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let uri = params.text_document.uri;
        let Some(slot) = self.doc(&uri) else {
            return Err(Error::invalid_params(format!(
                "document not open: {}",
                uri.as_str()
            )));
        };
        let cancelled = Arc::new(AtomicBool::new(false));
        let _cancel_on_drop = CancelOnDrop(Arc::clone(&cancelled));
        let gate = Gate {
            seen: Some(slot.latest.load(Ordering::SeqCst)),
            cancelled: Some(cancelled),
            previous: params.previous_result_id,
            ..Gate::default()
        };
        let report = match self.pulled(&uri, gate).await {
            Some(Outcome::Items(_, result_id, items)) => {
                DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                    related_documents: None,
                    full_document_diagnostic_report: FullDocumentDiagnosticReport {
                        result_id: Some(result_id),
                        items,
                    },
                })
            }
            Some(Outcome::Unchanged(result_id)) => {
                DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                    related_documents: None,
                    unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                        result_id,
                    },
                })
            }
            Some(Outcome::Superseded) => {
                // A newer edit arrived: its own pull answers (the specification's
                // ServerCancelled, which clients retrigger when they still want it).
                return Err(Error {
                    code: tower_lsp_server::jsonrpc::ErrorCode::ServerError(SERVER_CANCELLED),
                    message: "superseded by a newer edit".into(),
                    data: Some(json!({ "retriggerRequest": true })),
                });
            }
            None => {
                return Err(Error::invalid_params(format!(
                    "document not open: {}",
                    uri.as_str()
                )));
            }
        };
        Ok(DocumentDiagnosticReportResult::Report(report))
    }

    /// Every goal document of the workspace folders: open ones as they are in the editor,
    /// the others from disk (reused while unchanged), with work-done progress.
    async fn workspace_diagnostic(
        &self,
        params: WorkspaceDiagnosticParams,
    ) -> Result<WorkspaceDiagnosticReportResult> {
        let scope = self.session().workspace_scope;
        let roots = match scope {
            WorkspaceScope::Off => {
                return Ok(WorkspaceDiagnosticReportResult::Report(
                    WorkspaceDiagnosticReport { items: Vec::new() },
                ));
            }
            WorkspaceScope::OpenFiles => Vec::new(),
            WorkspaceScope::Workspace => lock(&self.state.roots).clone(),
        };
        let previous: HashMap<String, String> = params
            .previous_result_ids
            .into_iter()
            .map(|p| (p.uri.as_str().to_string(), p.value))
            .collect();
        let token = match params.work_done_progress_params.work_done_token {
            Some(token) => Some(token),
            // Server-initiated progress only for the first (the long) workspace pull: VS Code
            // pulls again every two seconds, and those answer from the cache.
            None if self.session().work_done_progress
                && self.state.progress_tokens.load(Ordering::SeqCst) == 0 =>
            {
                let n = self.state.progress_tokens.fetch_add(1, Ordering::SeqCst);
                let token = ProgressToken::String(format!("goal-lint-workspace-{n}"));
                self.client
                    .send_request::<request::WorkDoneProgressCreate>(WorkDoneProgressCreateParams {
                        token: token.clone(),
                    })
                    .await
                    .ok()
                    .map(|()| token)
            }
            None => None,
        };
        let limit = crate::workspace::MAX_FILES;
        let Ok(found) =
            tokio::task::spawn_blocking(move || crate::workspace::markdown_files(&roots, limit))
                .await
        else {
            return Ok(WorkspaceDiagnosticReportResult::Report(
                WorkspaceDiagnosticReport { items: Vec::new() },
            ));
        };
        if found.stopped {
            // Said once: clients pull again every few seconds.
            let message = format!(
                "goal-lint: the workspace has more than {limit} Markdown files; workspace \
                 diagnostics cover only the first {limit} found (open a file to lint it)"
            );
            self.report_once("workspace file limit", MessageType::WARNING, message)
                .await;
        }
        let mut files = found.files;
        if scope == WorkspaceScope::OpenFiles {
            files = lock(&self.state.docs)
                .keys()
                .filter_map(|uri| uri.to_file_path().map(|p| p.into_owned()))
                .collect();
            files.sort();
        }
        let progress = match token {
            Some(token) => Some(
                self.client
                    .progress(token, "goal-lint: goal documents")
                    .with_message(format!("0/{}", files.len()))
                    .with_percentage(0)
                    .begin()
                    .await,
            ),
            None => None,
        };
        let mut items = Vec::new();
        let total = files.len();
        for (i, path) in files.iter().enumerate() {
            if let Some(report) = self.workspace_report(path, &previous).await {
                items.push(report);
            }
            if let Some(p) = &progress
                && (i % 16 == 15 || i + 1 == total)
            {
                let percent = u32::try_from((i + 1) * 100 / total.max(1)).unwrap_or(100);
                p.report_with_message(format!("{}/{total}", i + 1), percent)
                    .await;
            }
        }
        if let Some(p) = progress {
            p.finish_with_message(format!("{} goal documents", items.len()))
                .await;
        }
        Ok(WorkspaceDiagnosticReportResult::Report(
            WorkspaceDiagnosticReport { items },
        ))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri.clone();
        let Some(Current {
            doc: d,
            linted,
            settings,
        }) = self.current(&uri).await
        else {
            return Ok(None);
        };
        let session = self.session();
        let enc = session.encoding;
        let only = params.context.only.clone();
        let wants = |kind: &str| {
            only.as_ref()
                .is_none_or(|o| o.iter().any(|k| kind.starts_with(k.as_str())))
        };
        let requested = convert::text_range(&d.text, &d.index, params.range, enc);
        // The diagnostics the client names, and every one on a line the request touches (the
        // cursor anywhere on a flagged line, e.g. at its list marker).
        let named: Vec<(String, TextRange)> = params
            .context
            .diagnostics
            .iter()
            .filter(|x| x.source.as_deref().is_none_or(|s| s == "goal-lint"))
            .filter_map(|x| match &x.code {
                Some(NumberOrString::String(code)) => Some((
                    code.clone(),
                    convert::text_range(&d.text, &d.index, x.range, enc),
                )),
                _ => None,
            })
            .collect();
        let mut actions = Vec::new();
        if wants(CodeActionKind::QUICKFIX.as_str()) {
            let mut ignored_rules: Vec<&str> = Vec::new();
            let mut any = false;
            for diag in linted.diagnostics.iter().filter(|x| {
                applies_to(&d.text, x.range, requested)
                    || named
                        .iter()
                        .any(|(code, r)| code == x.code() && *r == x.range)
            }) {
                any = true;
                let lsp_diag = convert::diagnostic(&uri, &d.text, &d.index, diag, enc);
                // The rule's main fix (its first that is not unsafe) is the preferred one.
                let main_fix = diag
                    .fixes
                    .iter()
                    .position(|f| f.applicability != Applicability::Unsafe);
                for (n, fix) in diag.fixes.iter().enumerate() {
                    let edits = &fix.edits;
                    // A client that inserts snippets itself indents them (see `snippets`).
                    let snippet = (fix.applicability == Applicability::Template
                        && session.snippet_command
                        && edits.len() == 1
                        && !edits[0].placeholders.is_empty())
                    .then(|| edit_snippet(&d.text, &edits[0]))
                    .flatten();
                    let mut action = CodeAction {
                        title: fix.title.clone(),
                        kind: Some(CodeActionKind::QUICKFIX),
                        diagnostics: Some(vec![lsp_diag.clone()]),
                        is_preferred: Some(main_fix == Some(n)),
                        ..CodeAction::default()
                    };
                    if let Some(snippet) = snippet {
                        let e = &edits[0];
                        action.command = Some(Command {
                            title: fix.title.clone(),
                            command: SNIPPET_COMMAND.into(),
                            arguments: Some(vec![json!({
                                "uri": uri.as_str(),
                                "range": convert::range(&d.text, &d.index, e.range, enc),
                                "snippet": snippet,
                            })]),
                        });
                    } else {
                        let edits = edits
                            .iter()
                            .map(|e| convert::text_edit(&d.text, &d.index, e, enc))
                            .collect();
                        action.edit =
                            Some(WorkspaceEdit::new(HashMap::from([(uri.clone(), edits)])));
                    }
                    actions.push(CodeActionOrCommand::CodeAction(action));
                }
                let suppressions = [
                    suppression(&linted.model, &d.text, diag),
                    file_suppression(&linted.model, &d.text, diag),
                ];
                for s in suppressions.into_iter().flatten() {
                    actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                        title: s.title,
                        kind: Some(CodeActionKind::QUICKFIX),
                        diagnostics: Some(vec![lsp_diag.clone()]),
                        edit: Some(WorkspaceEdit::new(HashMap::from([(
                            uri.clone(),
                            vec![convert::text_edit(&d.text, &d.index, &s.edit, enc)],
                        )]))),
                        ..CodeAction::default()
                    }));
                }
                if !ignored_rules.contains(&diag.name())
                    && let Some(action) = self.ignore_action(&uri, diag, &lsp_diag, &session)
                {
                    ignored_rules.push(diag.name());
                    actions.push(CodeActionOrCommand::CodeAction(action));
                }
            }
            if any {
                let edit = not_a_goal_document(&linted.model, &d.text);
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: "Mark this file as not a goal document (goal-lint: off)".into(),
                    kind: Some(CodeActionKind::QUICKFIX),
                    edit: Some(WorkspaceEdit::new(HashMap::from([(
                        uri.clone(),
                        vec![convert::text_edit(&d.text, &d.index, &edit, enc)],
                    )]))),
                    ..CodeAction::default()
                }));
            }
        }
        let fix_all_requested = only.as_ref().is_some_and(|o| {
            o.iter()
                .any(|k| FIX_ALL_KIND.starts_with(k.as_str()) && k.as_str().starts_with("source"))
        });
        let has_safe = linted.diagnostics.iter().any(|x| {
            x.fixes
                .iter()
                .any(|f| f.applicability == Applicability::Safe)
        });
        if (fix_all_requested || only.is_none()) && has_safe {
            let fixed = fix_text(&d.text, &settings, &self.options(), FixMode::default());
            if fixed.text != d.text {
                let edit = convert::minimal_edit(&d.text, &fixed.text);
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!("Fix all safe goal-lint problems ({})", fixed.applied),
                    kind: Some(CodeActionKind::from(FIX_ALL_KIND)),
                    edit: Some(WorkspaceEdit::new(HashMap::from([(
                        uri.clone(),
                        vec![convert::text_edit(&d.text, &d.index, &edit, enc)],
                    )]))),
                    ..CodeAction::default()
                }));
            }
        }
        drop(d);
        Ok((!actions.is_empty()).then_some(actions))
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let uri = params.text_document_position_params.text_document.uri;
        let Some(Current { doc: d, linted, .. }) = self.current(&uri).await else {
            return Ok(None);
        };
        let enc = self.session().encoding;
        let at = convert::offset(
            &d.text,
            &d.index,
            params.text_document_position_params.position,
            enc,
        );
        // The findings under the cursor, each with its help (messages are one short line; the
        // help lives here), then the docs of their rules.
        let mut rules: Vec<&'static goal_lint_core::rules::RuleMeta> = Vec::new();
        let mut findings = Vec::new();
        let mut covered: Option<TextRange> = None;
        for diag in &linted.diagnostics {
            if diag.range.start <= at && at <= diag.range.end {
                let mut finding = format!("**{}** {}", diag.code(), diag.message);
                if let Some(help) = &diag.help {
                    finding.push_str(&format!("\n\n{help}"));
                }
                findings.push(finding);
                if !rules.contains(&diag.rule) {
                    rules.push(diag.rule);
                }
                covered = Some(covered.map_or(diag.range, |c| c.cover(diag.range)));
            }
        }
        let Some(covered) = covered else {
            return Ok(None);
        };
        let value = findings
            .into_iter()
            .chain(rules.iter().map(|m| m.markdown()))
            .collect::<Vec<_>>()
            .join("\n\n---\n\n");
        Ok(Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value,
            }),
            range: Some(convert::range(&d.text, &d.index, covered, enc)),
        }))
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let uri = params.text_document_position.text_document.uri;
        let Some(Current { doc: d, linted, .. }) = self.current(&uri).await else {
            return Ok(None);
        };
        let session = self.session();
        let at = convert::offset(
            &d.text,
            &d.index,
            params.text_document_position.position,
            session.encoding,
        );
        let items = goal_lint_core::completion::completions(
            &d.text,
            at,
            &linted.model,
            session.snippet_completion,
        );
        if items.is_empty() {
            return Ok(None);
        }
        let items = items
            .into_iter()
            .map(|c| {
                let range = convert::range(&d.text, &d.index, c.range, session.encoding);
                CompletionItem {
                    label: c.label.into(),
                    kind: Some(if c.block {
                        CompletionItemKind::SNIPPET
                    } else {
                        CompletionItemKind::KEYWORD
                    }),
                    detail: Some(c.detail.into()),
                    filter_text: Some(c.filter.into()),
                    text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, c.text))),
                    insert_text_format: Some(if c.snippet {
                        InsertTextFormat::SNIPPET
                    } else {
                        InsertTextFormat::PLAIN_TEXT
                    }),
                    sort_text: Some(format!("{}{}", u8::from(!c.preferred), c.label)),
                    preselect: Some(c.preferred),
                    ..CompletionItem::default()
                }
            })
            .collect();
        Ok(Some(CompletionResponse::Array(items)))
    }

    /// `goal-lint.outline` with `[{"uri": ...}]` (or `["uri"]`): what goal-lint understood
    /// of an open document, as `goal-lint outline` prints it: `{uri, kind, evidence, outline,
    /// report}` (`kind` is `null` for a file that is not a goal document; `report` is
    /// `goal-lint outline --format json`'s).
    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        if params.command != OUTLINE_COMMAND {
            return Err(Error::invalid_params(format!(
                "unknown command: {}",
                params.command
            )));
        }
        let arg = params.arguments.first();
        let uri = arg
            .and_then(|a| a.get("uri").unwrap_or(a).as_str())
            .and_then(|u| u.parse::<Uri>().ok())
            .ok_or_else(|| Error::invalid_params("expected [{\"uri\": \"file:///...\"}]"))?;
        let Some(Current {
            doc: d, settings, ..
        }) = self.current(&uri).await
        else {
            return Err(Error::invalid_params(format!(
                "not an open document with a valid configuration: {}",
                uri.as_str()
            )));
        };
        let text = d.text.clone();
        drop(d);
        let (outline, report) = self
            .state
            .linter
            .run(move || {
                (
                    goal_lint_core::outline(&text, &settings),
                    goal_lint_core::outline_report(&text, &settings),
                )
            })
            .await
            .map_err(|_| Error::internal_error())?;
        Ok(Some(json!({
            "uri": uri.as_str(),
            "kind": report.kind,
            "evidence": report.evidence,
            "outline": outline,
            // As `goal-lint outline --format json`: sections and entries with their roles.
            "report": report,
        })))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let uri = params.text_document.uri;
        let Some(Current { doc: d, linted, .. }) = self.current(&uri).await else {
            return Ok(None);
        };
        let enc = self.session().encoding;
        let symbols = crate::symbols::outline(&linted.model, &d.text, &d.index, enc);
        Ok(Some(DocumentSymbolResponse::Nested(symbols)))
    }
}

/// The kinds shown in the outline.
pub fn outline_kind(kind: ItemKind) -> Option<SymbolKind> {
    Some(match kind {
        ItemKind::Goal => SymbolKind::CLASS,
        ItemKind::Objective => SymbolKind::STRUCT,
        ItemKind::KeyResult => SymbolKind::FIELD,
        ItemKind::SuccessCriterion => SymbolKind::PROPERTY,
        ItemKind::Action => SymbolKind::EVENT,
        ItemKind::Category => SymbolKind::NAMESPACE,
        ItemKind::Capability => SymbolKind::METHOD,
        ItemKind::SupportRequest => SymbolKind::INTERFACE,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_push_debounce_follows_the_last_lint_unless_debounce_ms_is_set() {
        let adaptive = Session::default();
        let ms = Duration::from_millis;
        // A cheap lint: the diagnostics follow the keystroke within a few milliseconds.
        assert_eq!(adaptive.push_delay(Some(ms(8))), ms(4));
        assert!(adaptive.push_delay(Some(ms(50))) <= ms(30));
        assert_eq!(
            adaptive.push_delay(Some(Duration::from_micros(300))),
            MIN_DEBOUNCE
        );
        assert_eq!(adaptive.push_delay(None), MIN_DEBOUNCE);
        // An expensive one waits for a quiet spell, at most the old fixed 150 ms.
        assert_eq!(adaptive.push_delay(Some(ms(180))), ms(90));
        assert_eq!(adaptive.push_delay(Some(ms(900))), MAX_DEBOUNCE);
        // `debounceMs` is an explicit override, 0 included.
        for fixed in [0, 40, 150] {
            let session = Session {
                debounce: Some(ms(fixed)),
                ..Session::default()
            };
            assert_eq!(session.push_delay(Some(ms(3))), ms(fixed));
            assert_eq!(session.push_delay(Some(ms(900))), ms(fixed));
        }
    }
}
