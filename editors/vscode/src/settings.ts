// What the extension lints and what it tells the server: the document selector, the settings
// read from VS Code and the payloads they become, how diagnostics are pulled. Kept free of the
// `vscode` module (types only) so that the Node tests (test/*.test.ts) check the same code.

import type { ServerSettings } from "./server";

/** The only URI schemes the extension lints: files on disk and new unsaved files. Not `git:`
 * (diff views and timelines), `vscode-notebook-cell:` (Markdown cells), `output:`,
 * `vscode-vfs:`, and so on: each would report the problems of the file again. */
export const DOCUMENT_SCHEMES = ["file", "untitled"] as const;

export type WorkspaceDiagnostics = "off" | "openFiles" | "workspace";
export type RunMode = "onType" | "onSave";

export const WORKSPACE_DIAGNOSTICS: readonly WorkspaceDiagnostics[] = ["off", "openFiles", "workspace"];
export const RUN_MODES: readonly RunMode[] = ["onType", "onSave"];

/** Every `goal-lint.*` setting the extension reads. */
export interface ExtensionSettings extends ServerSettings {
  enable: boolean;
  documentGlobs: string[];
  /** Rules to run (codes, names or prefixes); empty: what `goal-lint.toml` says. */
  select: string[];
  /** Rules not to run, besides those `goal-lint.toml` ignores. */
  ignore: string[];
  run: RunMode;
  workspaceDiagnostics: WorkspaceDiagnostics;
}

export const DEFAULT_SETTINGS: ExtensionSettings = {
  enable: true,
  serverPath: "",
  configPath: "",
  documentGlobs: [],
  select: [],
  ignore: [],
  run: "onType",
  workspaceDiagnostics: "openFiles",
};

/** A configuration reader: `vscode.workspace.getConfiguration("goal-lint").get`. */
export type SettingReader = (key: string) => unknown;

function strings(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === "string").map((v) => v.trim()).filter((v) => v !== "")
    : [];
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

/** The settings as the extension uses them: a value of the wrong type (settings.json is edited
 * by hand) falls back to the default instead of reaching the server. */
export function readSettings(get: SettingReader): ExtensionSettings {
  const d = DEFAULT_SETTINGS;
  const text = (key: keyof ExtensionSettings, fallback: string) => {
    const v = get(key);
    return typeof v === "string" ? v : fallback;
  };
  const enable = get("enable");
  return {
    enable: typeof enable === "boolean" ? enable : d.enable,
    serverPath: text("serverPath", d.serverPath),
    configPath: text("configPath", d.configPath),
    documentGlobs: strings(get("documentGlobs")),
    select: strings(get("select")),
    ignore: strings(get("ignore")),
    run: oneOf(get("run"), RUN_MODES, d.run),
    workspaceDiagnostics: oneOf(get("workspaceDiagnostics"), WORKSPACE_DIAGNOSTICS, d.workspaceDiagnostics),
  };
}

/** One entry of a document selector (`vscode.DocumentFilter`). */
export interface DocumentFilter {
  scheme: string;
  language?: string;
  pattern?: string;
}

/** Markdown documents and the files `goal-lint.documentGlobs` names, each only in the schemes
 * the extension lints. */
export function documentSelector(documentGlobs: readonly string[]): DocumentFilter[] {
  return DOCUMENT_SCHEMES.flatMap((scheme) => [
    { scheme, language: "markdown" },
    ...documentGlobs.map((pattern) => ({ scheme, pattern })),
  ]);
}

export function isLintedScheme(scheme: string): boolean {
  return (DOCUMENT_SCHEMES as readonly string[]).includes(scheme);
}

/** The settings the server reads, by the names it reads them: in `initializationOptions` and,
 * on a change, in `workspace/didChangeConfiguration` under `goal-lint`. `select` is `null`
 * when the setting is empty: then `goal-lint.toml` chooses the rules (an empty list would
 * select none). */
export interface ServerSettingsPayload {
  configPath: string;
  select: string[] | null;
  ignore: string[];
  run: RunMode;
  workspaceDiagnostics: WorkspaceDiagnostics;
}

export function serverSettings(s: ExtensionSettings): ServerSettingsPayload {
  return {
    configPath: s.configPath.trim(),
    select: s.select.length > 0 ? [...s.select] : null,
    ignore: [...s.ignore],
    run: s.run,
    workspaceDiagnostics: s.workspaceDiagnostics,
  };
}

/** What the extension tells the server at start-up. */
export function initializationOptions(s: ExtensionSettings): Record<string, unknown> {
  return {
    // The extension implements `goal-lint.insertSnippet`, so templates come with tab stops.
    snippetCommand: true,
    ...serverSettings(s),
  };
}

/** The `workspace/didChangeConfiguration` parameters for a settings change. */
export function didChangeConfigurationParams(s: ExtensionSettings): { settings: { "goal-lint": ServerSettingsPayload } } {
  return { settings: { "goal-lint": serverSettings(s) } };
}

/** vscode-languageclient's `DiagnosticPullOptions.filter`: `true` skips a pull. With `run` set
 * to `onSave`, typing pulls nothing (opening and saving do); a document in a scheme the
 * extension does not lint is never pulled. The setting is read at each pull, so a change
 * needs no restart. */
export function pullFilter(run: () => RunMode): (document: { uri: { scheme: string } }, mode: string) => boolean {
  return (document, mode) => !isLintedScheme(document.uri.scheme) || (mode === "onType" && run() === "onSave");
}

/** Whether the client must pull itself after a save: vscode-languageclient pulls on save only
 * after sending `textDocument/didSave`, which it sends only to a server that asks for it
 * (`textDocumentSync.save`). Without it, `run: onSave` would lint a document once, on open. */
export function needsSavePull(capabilities: unknown): boolean {
  const sync = (capabilities as { textDocumentSync?: unknown } | undefined)?.textDocumentSync;
  if (typeof sync === "number") {
    // A bare sync kind other than None: the client sends didSave as if asked to.
    return sync === 0;
  }
  return !(typeof sync === "object" && sync !== null && (sync as { save?: unknown }).save);
}

/** The `diagnosticProvider` options the client registers: without workspace diagnostics unless
 * the setting is `workspace`. vscode-languageclient pulls `workspace/diagnostic` every 2
 * seconds as long as the server offers it, and has no option to stop it; a client that does
 * not see the offer pulls open documents only (and clears a document's problems when it is
 * closed). */
export function scopeDiagnosticOptions<T>(options: T, mode: WorkspaceDiagnostics): T {
  if (mode === "workspace" || typeof options !== "object" || options === null) {
    return options;
  }
  if (!(options as { workspaceDiagnostics?: unknown }).workspaceDiagnostics) {
    return options;
  }
  return { ...options, workspaceDiagnostics: false };
}

/** The part of a vscode-languageclient feature that receives its registrations (the server's
 * static capabilities and dynamic `client/registerCapability` alike). */
export interface RegisteringFeature<T> {
  register(data: { id: string; registerOptions: T }): void;
}

/** Make the diagnostic feature register what [`scopeDiagnosticOptions`] leaves of the server's
 * offer. */
export function scopeDiagnosticRegistrations<T>(feature: RegisteringFeature<T> | undefined, mode: WorkspaceDiagnostics): void {
  if (!feature) {
    return;
  }
  const register = feature.register.bind(feature);
  feature.register = (data) => register({ ...data, registerOptions: scopeDiagnosticOptions(data.registerOptions, mode) });
}

/** Settings whose change needs a new client: the server binary, the document selector
 * (`documentGlobs`), which a running client cannot change, and whether workspace diagnostics
 * are pulled (decided when the client registers the server's diagnostics; a new client also
 * drops the problems of files no longer reported). */
export function restartsServer(affects: (section: string) => boolean): boolean {
  return [
    "goal-lint.serverPath",
    "goal-lint.enable",
    "goal-lint.documentGlobs",
    "goal-lint.workspaceDiagnostics",
  ].some(affects);
}
