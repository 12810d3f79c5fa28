//! The language server: protocol handling over `goal-lint-core`. No lint logic lives here.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use goal_lint_core::config::find_config_file;
use goal_lint_core::diagnostic::{Applicability, Edit, Part};
use goal_lint_core::fix::{FixMode, fix_text, line_end};
use goal_lint_core::line_index::PositionEncoding;
use goal_lint_core::model::{ItemKind, SectionRole};
use goal_lint_core::{Config, Date, LintOptions, Settings, TextRange};
use serde_json::{Value, json};
use tokio::sync::{Mutex as AsyncMutex, OwnedMutexGuard};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use crate::convert;
use crate::document::{Change, Document, Linted};

/// The command our editor clients implement to insert a snippet (code-action templates with
/// tab stops); clients that do not announce it get plain edits with `[…]` placeholders.
pub const SNIPPET_COMMAND: &str = "goal-lint.insertSnippet";
const FIX_ALL_KIND: &str = "source.fixAll.goal-lint";
const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(150);

/// What the client and the user configured for this session.
#[derive(Clone, Debug)]
struct Session {
    encoding: PositionEncoding,
    pull_diagnostics: bool,
    snippet_completion: bool,
    snippet_command: bool,
    watch_dynamically: bool,
    /// A configuration file that applies to every document (editor setting).
    config_path: Option<PathBuf>,
    debounce: Duration,
    /// A fixed "today" (tests); otherwise the system date.
    today: Option<Date>,
}

impl Default for Session {
    fn default() -> Self {
        Session {
            encoding: PositionEncoding::Utf16,
            pull_diagnostics: false,
            snippet_completion: false,
            snippet_command: false,
            watch_dynamically: false,
            config_path: None,
            debounce: DEFAULT_DEBOUNCE,
            today: None,
        }
    }
}

type SharedDoc = Arc<AsyncMutex<Document>>;
type ConfigLookup = std::result::Result<Option<(PathBuf, Arc<Config>)>, String>;

#[derive(Default)]
struct State {
    session: RwLock<Session>,
    docs: Mutex<HashMap<Uri, SharedDoc>>,
    configs: Mutex<HashMap<PathBuf, ConfigLookup>>,
    /// Configuration errors already shown to the user (each is shown once).
    reported: Mutex<Vec<String>>,
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

/// Besides diagnostics, what a lint run has to tell the user.
enum Problem {
    /// The configuration is invalid.
    Config(String),
    /// The document was not analysed.
    Skipped(String),
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
        let doc = self.doc(uri)?;
        let settings = self.settings_for(uri).ok()?;
        let mut doc = doc.lock_owned().await;
        let linted = doc.lint(&settings, &self.options());
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

    /// The settings for a document: its nearest `goal-lint.toml` (or the configured file),
    /// resolved for its path. An invalid configuration is an error to show, not a crash.
    fn settings_for(&self, uri: &Uri) -> std::result::Result<Settings, String> {
        let path = uri.to_file_path().map(|p| p.into_owned());
        let session = self.session();
        let config_file = match (&session.config_path, &path) {
            (Some(explicit), _) => Some(explicit.clone()),
            (None, Some(p)) => p
                .parent()
                .and_then(|dir| find_config_file(dir, Path::is_file)),
            (None, None) => None,
        };
        let Some(config_file) = config_file else {
            return Ok(Settings::default());
        };
        let lookup = lock(&self.state.configs)
            .entry(config_file.clone())
            .or_insert_with(|| load_config(&config_file))
            .clone();
        match lookup {
            Ok(Some((dir, config))) => {
                let relative = path.as_deref().and_then(|p| p.strip_prefix(&dir).ok());
                Ok(config.settings_for(relative))
            }
            Ok(None) => Ok(Settings::default()),
            Err(e) => Err(e),
        }
    }

    /// Lint a document's current version (off the async threads) and turn the results into
    /// protocol diagnostics. `None` when a newer version arrived meanwhile.
    async fn diagnostics(
        &self,
        uri: &Uri,
        only_version: Option<i32>,
    ) -> Option<(i32, Vec<Diagnostic>)> {
        let doc = self.doc(uri)?;
        let settings = self.settings_for(uri);
        let options = self.options();
        let encoding = self.session().encoding;
        let uri_for_task = uri.clone();
        let task = tokio::task::spawn_blocking(move || {
            let mut d = doc.blocking_lock();
            if only_version.is_some_and(|v| v != d.version) {
                return None;
            }
            let settings = match settings {
                Ok(s) => s,
                Err(e) => {
                    let diagnostic = config_error_diagnostic(&e);
                    return Some((d.version, vec![diagnostic], Some(Problem::Config(e))));
                }
            };
            let linted = d.lint(&settings, &options);
            let items = linted
                .diagnostics
                .iter()
                .map(|x| convert::diagnostic(&uri_for_task, &d.text, &d.index, x, encoding))
                .collect();
            let skipped = linted.skipped.clone().map(Problem::Skipped);
            Some((d.version, items, skipped))
        });
        match task.await {
            Ok(Some((version, items, problem))) => {
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
                    None => {}
                }
                Some((version, items))
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

    /// Push diagnostics for a version after the debounce delay, unless a newer edit arrives.
    fn schedule(&self, uri: Uri, version: i32) {
        let session = self.session();
        if session.pull_diagnostics {
            return;
        }
        let this = self.clone();
        tokio::spawn(async move {
            if !session.debounce.is_zero() {
                tokio::time::sleep(session.debounce).await;
            }
            let Some(doc) = this.doc(&uri) else { return };
            if doc.lock().await.version != version {
                return; // A newer edit has its own lint scheduled.
            }
            if let Some((v, items)) = this.diagnostics(&uri, Some(version)).await {
                let still_current = match this.doc(&uri) {
                    Some(doc) => doc.lock().await.version == v,
                    None => false,
                };
                if still_current {
                    this.client.publish_diagnostics(uri, items, Some(v)).await;
                }
            }
        });
    }

    /// Lint every open document again (configuration changed).
    async fn relint_all(&self) {
        lock(&self.state.configs).clear();
        lock(&self.state.reported).clear();
        if self.session().pull_diagnostics {
            let _ = self.client.workspace_diagnostic_refresh().await;
            return;
        }
        let docs: Vec<(Uri, SharedDoc)> = lock(&self.state.docs)
            .iter()
            .map(|(u, d)| (u.clone(), d.clone()))
            .collect();
        for (uri, doc) in docs {
            let version = {
                let mut d = doc.lock().await;
                d.linted = None;
                d.version
            };
            self.schedule(uri, version);
        }
    }

    fn apply_settings(&self, value: &Value) {
        let section = value
            .get("goal-lint")
            .or_else(|| value.get("goalLint"))
            .unwrap_or(value);
        let mut session = self
            .state
            .session
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(path) = section.get("configPath").and_then(Value::as_str) {
            session.config_path = (!path.trim().is_empty()).then(|| PathBuf::from(path));
        }
        if let Some(ms) = section.get("debounceMs").and_then(Value::as_u64) {
            session.debounce = Duration::from_millis(ms.min(10_000));
        }
        if let Some(today) = section.get("today").and_then(Value::as_str) {
            session.today = Date::parse_iso(today);
        }
    }
}

/// Largest configuration file read.
const MAX_CONFIG_SIZE: u64 = 1024 * 1024;

/// Only a regular file is read (opening a named pipe would wait for a writer, a device may
/// never end), and only up to [`MAX_CONFIG_SIZE`].
fn load_config(path: &Path) -> ConfigLookup {
    use std::io::Read;
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| format!("{shown}: {e}"))?;
    if meta.is_dir() {
        return Err(format!("{shown}: is a directory, not a configuration file"));
    }
    if !meta.is_file() {
        return Err(format!(
            "{shown}: not a regular file; goal-lint reads only regular files"
        ));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_CONFIG_SIZE + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("{shown}: {e}"))?;
    if bytes.len() as u64 > MAX_CONFIG_SIZE {
        return Err(format!(
            "{shown}: over 1 MiB, too large for a configuration file"
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| format!("{shown}: {e}"))?;
    let config = Config::from_toml(&text).map_err(|e| e.in_file(&shown))?;
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    Ok(Some((dir, Arc::new(config))))
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
            if let Some(init) = &params.initialization_options {
                session.snippet_command = init
                    .get("snippetCommand")
                    .and_then(Value::as_bool)
                    .unwrap_or(false);
            }
        }
        if let Some(init) = &params.initialization_options {
            self.apply_settings(init);
        }
        let pull = self.session().pull_diagnostics;
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
                        save: None,
                        ..TextDocumentSyncOptions::default()
                    },
                )),
                diagnostic_provider: pull.then(|| {
                    DiagnosticServerCapabilities::Options(DiagnosticOptions {
                        identifier: Some("goal-lint".into()),
                        inter_file_dependencies: false,
                        workspace_diagnostics: false,
                        work_done_progress_options: WorkDoneProgressOptions::default(),
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
                completion_provider: Some(CompletionOptions::default()),
                document_symbol_provider: Some(OneOf::Left(true)),
                ..ServerCapabilities::default()
            },
            ..InitializeResult::default()
        })
    }

    async fn initialized(&self, _: InitializedParams) {
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
        lock(&self.state.docs).insert(
            doc.uri.clone(),
            Arc::new(AsyncMutex::new(Document::new(doc.text, version))),
        );
        self.schedule(doc.uri, version);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let Some(doc) = self.doc(&uri) else {
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
        let version = params.text_document.version;
        doc.lock().await.apply(&changes, version, encoding);
        self.schedule(uri, version);
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        lock(&self.state.docs).remove(&uri);
        if !self.session().pull_diagnostics {
            self.client.publish_diagnostics(uri, Vec::new(), None).await;
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        self.apply_settings(&params.settings);
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
        let Some((version, items)) = self.diagnostics(&uri, None).await else {
            return Err(Error::invalid_params(format!(
                "document not open: {}",
                uri.as_str()
            )));
        };
        let result_id = version.to_string();
        if params.previous_result_id.as_deref() == Some(result_id.as_str()) {
            return Ok(DocumentDiagnosticReportResult::Report(
                DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                    related_documents: None,
                    unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                        result_id,
                    },
                }),
            ));
        }
        Ok(DocumentDiagnosticReportResult::Report(
            DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: Some(result_id),
                    items,
                },
            }),
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
        let mut actions = Vec::new();
        if wants(CodeActionKind::QUICKFIX.as_str()) {
            for diag in linted.diagnostics.iter().filter(|x| {
                x.range.intersects(requested)
                    || x.range.contains(requested.start)
                    || requested.contains(x.range.start)
                    || x.range.start == requested.start
            }) {
                let lsp_diag = convert::diagnostic(&uri, &d.text, &d.index, diag, enc);
                for fix in &diag.fixes {
                    let snippet = fix.applicability == Applicability::Template
                        && session.snippet_command
                        && fix.edits.len() == 1
                        && !fix.edits[0].placeholders.is_empty();
                    let mut action = CodeAction {
                        title: fix.title.clone(),
                        kind: Some(CodeActionKind::QUICKFIX),
                        diagnostics: Some(vec![lsp_diag.clone()]),
                        is_preferred: Some(fix.applicability == Applicability::Safe),
                        ..CodeAction::default()
                    };
                    if snippet {
                        let e = &fix.edits[0];
                        action.command = Some(Command {
                            title: fix.title.clone(),
                            command: SNIPPET_COMMAND.into(),
                            arguments: Some(vec![json!({
                                "uri": uri.as_str(),
                                "range": convert::range(&d.text, &d.index, e.range, enc),
                                "snippet": e.snippet(1),
                            })]),
                        });
                    } else {
                        let edits = fix
                            .edits
                            .iter()
                            .map(|e| convert::text_edit(&d.text, &d.index, e, enc))
                            .collect();
                        action.edit =
                            Some(WorkspaceEdit::new(HashMap::from([(uri.clone(), edits)])));
                    }
                    actions.push(CodeActionOrCommand::CodeAction(action));
                }
                if let Some(edit) = suppression_edit(&d.text, &linted.model, diag) {
                    actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                        title: format!(
                            "Disable {} ({}) for this {}",
                            diag.code(),
                            diag.name(),
                            if edit.1 { "file" } else { "line" }
                        ),
                        kind: Some(CodeActionKind::QUICKFIX),
                        diagnostics: Some(vec![lsp_diag.clone()]),
                        edit: Some(WorkspaceEdit::new(HashMap::from([(
                            uri.clone(),
                            vec![convert::text_edit(&d.text, &d.index, &edit.0, enc)],
                        )]))),
                        ..CodeAction::default()
                    }));
                }
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
        let mut rules: Vec<&'static goal_lint_core::rules::RuleMeta> = Vec::new();
        let mut covered: Option<TextRange> = None;
        for diag in &linted.diagnostics {
            if diag.range.start <= at && at <= diag.range.end && !rules.contains(&diag.rule) {
                rules.push(diag.rule);
                covered = Some(covered.map_or(diag.range, |c| c.cover(diag.range)));
            }
        }
        let Some(covered) = covered else {
            return Ok(None);
        };
        let value = rules
            .iter()
            .map(|m| m.markdown())
            .collect::<Vec<_>>()
            .join("\n---\n");
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
        let line_start = d.text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let before = &d.text[line_start..at];
        // Only at the start of a list entry (an empty line or a bare marker).
        let trimmed = before.trim_start();
        let bare_marker = trimmed.is_empty()
            || ["- ", "* ", "+ "].contains(&trimmed)
            || trimmed
                .strip_suffix(". ")
                .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()));
        if !bare_marker {
            return Ok(None);
        }
        let model = &linted.model;
        let section = model
            .sections
            .iter()
            .filter(|s| s.range.contains(at) || s.range.end == at)
            .max_by_key(|s| s.range.start)
            .map(|s| (s.role, s.goal_content));
        let (role, goal_content) = section.unwrap_or((SectionRole::Other, false));
        if !goal_content && !model.is_goal_document {
            return Ok(None);
        }
        let indent = " ".repeat(before.chars().count());
        let marker = if trimmed.is_empty() { "- " } else { "" };
        let items = completion_items(role, marker, &indent, session.snippet_completion);
        Ok(Some(CompletionResponse::Array(items)))
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

/// The edit that silences `diag`: a `disable-line` comment at the end of its line, or, for a
/// finding about the whole document, a `disable-file` comment at its end. `bool`: file-wide.
fn suppression_edit(
    text: &str,
    model: &goal_lint_core::GoalDocument,
    diag: &goal_lint_core::Diagnostic,
) -> Option<(Edit, bool)> {
    let in_front_matter = model
        .front_matter
        .as_ref()
        .is_some_and(|f| f.range.contains(diag.range.start));
    if in_front_matter || diag.rule.code == "GL601" {
        let eol = model.line_ending.as_str();
        let lead = if text.is_empty() || text.ends_with(['\n', '\r']) {
            ""
        } else {
            eol
        };
        return Some((
            Edit::insert(
                text.len(),
                format!("{lead}<!-- goal-lint-disable-file {} -->{eol}", diag.code()),
            ),
            true,
        ));
    }
    if model.in_code_block(diag.range.start) || diag.rule.code == "GL901" {
        return None;
    }
    let end = line_end(text, diag.range.start);
    let start_of_line = text[..end].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let at = start_of_line + text[start_of_line..end].trim_end().len();
    Some((
        Edit::insert(
            at,
            format!(" <!-- goal-lint-disable-line {} -->", diag.code()),
        ),
        false,
    ))
}

fn completion_items(
    role: SectionRole,
    marker: &str,
    indent: &str,
    snippets: bool,
) -> Vec<CompletionItem> {
    let child = format!("{indent}  ");
    let goal = [
        Part::Literal(&format!("{marker}**Goal:** ")),
        Part::Slot("[verb + thing + outcome]"),
        Part::Literal(&format!("\n{child}- **Why it matters:** ")),
        Part::Slot("[impact on the business or team]"),
        Part::Literal(&format!("\n{child}- **Success looks like:** ")),
        Part::Slot("[a number, a shipped thing or a visible change]"),
    ];
    let action = [
        Part::Literal(marker),
        Part::Slot("[step]"),
        Part::Literal(" (Week "),
        Part::Slot("X"),
        Part::Literal("-"),
        Part::Slot("Y"),
        Part::Literal(")"),
    ];
    let objective = [
        Part::Literal(&format!("{marker}**Objective:** ")),
        Part::Slot("[a qualitative direction]"),
        Part::Literal(&format!("\n{child}- **KR:** ")),
        Part::Slot("[metric from baseline to target]"),
        Part::Literal(&format!("\n{child}- **KR:** ")),
        Part::Slot("[deliverable shipped by date]"),
    ];
    let preferred = match role {
        SectionRole::Actions => "action",
        SectionRole::Objectives | SectionRole::KeyResults => "objective",
        _ => "goal",
    };
    [
        ("goal", "Goal with why and success criterion", &goal[..]),
        ("action", "Action with a week range", &action[..]),
        ("objective", "Objective with key results", &objective[..]),
    ]
    .into_iter()
    .map(|(label, detail, parts)| {
        let edit = Edit::template(TextRange::empty(0), parts);
        let (text, format) = if snippets {
            (edit.snippet(1), InsertTextFormat::SNIPPET)
        } else {
            (edit.text.clone(), InsertTextFormat::PLAIN_TEXT)
        };
        CompletionItem {
            label: label.into(),
            kind: Some(CompletionItemKind::SNIPPET),
            detail: Some(detail.into()),
            insert_text: Some(text),
            insert_text_format: Some(format),
            sort_text: Some(if label == preferred {
                format!("0{label}")
            } else {
                format!("1{label}")
            }),
            preselect: Some(label == preferred),
            ..CompletionItem::default()
        }
    })
    .collect()
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
