// The bundled extension (out/extension.js) with vscode-languageclient inside, activated under a
// stand-in `vscode` module and talking to a recording language server: what the real client
// sends (initializationOptions, workspace/didChangeConfiguration), whether it pulls workspace
// diagnostics, and the status item filled from `goal-lint.outline`. VS Code itself cannot run
// here; the stand-in implements the part of its API the client uses (events, URIs,
// cancellation, configuration) and answers the rest with inert objects.

import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import Module = require("node:module");
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";

const extension = process.env.GOAL_LINT_EXTENSION_DIR ?? path.resolve(__dirname, "..", "..");
const bundle = path.join(extension, "out", "extension.js");

/** A language server that records every message it gets (one JSON line each) and offers what
 * goal-lint offers VS Code: pulled diagnostics with workspace diagnostics, and the outline
 * command. */
function recordingServer(dir: string, askForSave = false): { command: string; log: string } {
  const log = path.join(dir, "messages.jsonl");
  const command = path.join(dir, "server.js");
  const jsonrpc = require.resolve("vscode-jsonrpc/node");
  fs.writeFileSync(
    command,
    `#!/usr/bin/env node
const fs = require("fs");
const rpc = require(${JSON.stringify(jsonrpc)});
const log = (method, params) => fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ method, params }) + "\\n");
const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(process.stdin), new rpc.StreamMessageWriter(process.stdout));
connection.onRequest((method, params) => {
  log(method, params);
  switch (method) {
    case "initialize":
      return {
        serverInfo: { name: "goal-lint", version: "0.0.0" },
        capabilities: {
          // As goal-lint's server: incremental changes, and no didSave unless asked for.
          textDocumentSync: { openClose: true, change: 2${askForSave ? ", save: { includeText: false }" : ""} },
          diagnosticProvider: { identifier: "goal-lint", interFileDependencies: false, workspaceDiagnostics: true },
          executeCommandProvider: { commands: ["goal-lint.outline"] },
        },
      };
    case "workspace/diagnostic":
      return { items: [] };
    case "textDocument/diagnostic":
      return { kind: "full", items: [] };
    case "workspace/executeCommand":
      return { kind: "not a plan (guide)", evidence: ["its title says guide"] };
    default:
      return null;
  }
});
connection.onNotification((method, params) => {
  log(method, params);
  if (method === "exit") process.exit(0);
});
connection.listen();
`,
  );
  fs.chmodSync(command, 0o755);
  return { command, log };
}

function messages(log: string): Array<{ method: string; params: any }> {
  return fs.existsSync(log)
    ? fs
        .readFileSync(log, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];
}

class EventEmitter<T> {
  private listeners: Array<(e: T) => unknown> = [];
  event = (listener: (e: T) => unknown, thisArgs?: unknown) => {
    const bound = (e: T) => listener.call(thisArgs, e);
    this.listeners.push(bound);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== bound)) };
  };
  fire(e: T) {
    for (const l of [...this.listeners]) l(e);
  }
  dispose() {
    this.listeners = [];
  }
}
class Disposable {
  constructor(private readonly callOnDispose: () => void = () => {}) {}
  static from(...items: Array<{ dispose(): unknown }>) {
    return new Disposable(() => items.forEach((i) => i?.dispose?.()));
  }
  dispose() {
    this.callOnDispose();
  }
}
class CancellationTokenSource {
  private readonly emitter = new EventEmitter<void>();
  token = { isCancellationRequested: false, onCancellationRequested: this.emitter.event };
  cancel() {
    this.token.isCancellationRequested = true;
    this.emitter.fire();
  }
  dispose() {}
}
class Uri {
  constructor(
    readonly scheme: string,
    readonly path: string,
    private readonly text: string,
  ) {}
  get fsPath() {
    return this.path;
  }
  static parse(text: string) {
    const scheme = text.slice(0, text.indexOf(":"));
    return new Uri(scheme, text.slice(scheme.length + 1).replace(/^\/\//, ""), text);
  }
  static file(p: string) {
    return new Uri("file", p, `file://${p}`);
  }
  toString() {
    return this.text;
  }
  with() {
    return this;
  }
}

/** What an editor tab shows (vscode.TabInputText): the client pulls only documents in a tab. */
class TabInputText {
  constructor(readonly uri: Uri) {}
}

interface Stage {
  vscode: unknown;
  settings: Record<string, unknown>;
  changeConfiguration: (sections: string[]) => void;
  fire: (event: string, value: unknown) => void;
  statusItems: Array<Record<string, unknown>>;
}

/** VS Code's rule for a document selector (vscode.languages.match): a filter matches when every
 * field it gives matches; the pattern a glob (only `**` and `*` here). */
function match(selector: unknown, doc: { uri: Uri; languageId: string }): number {
  const filters = (Array.isArray(selector) ? selector : [selector]) as Array<{ scheme?: string; language?: string; pattern?: string }>;
  const glob = (pattern: string, p: string) =>
    new RegExp("^" + pattern.split("**/").map((part) => part.replace(/[.]/g, "\\.").replace(/\*/g, "[^/]*")).join("(?:.*/)?") + "$").test(p);
  return filters.some(
    (f) =>
      (f.scheme === undefined || f.scheme === doc.uri.scheme) &&
      (f.language === undefined || f.language === doc.languageId) &&
      (f.pattern === undefined || glob(f.pattern, doc.uri.path)),
  )
    ? 10
    : 0;
}

function textDocument(uri: string, languageId = "markdown") {
  return { uri: Uri.parse(uri), languageId, version: 1, isClosed: false, getText: () => "## Goals\n", fileName: Uri.parse(uri).path };
}

function stage(
  settings: Record<string, unknown>,
  activeUri: string,
  open: Array<ReturnType<typeof textDocument>> = [],
  activeLanguage = "markdown",
): Stage {
  const inert: unknown = new Proxy(function () {}, {
    get: (_t, name) => (name === "then" ? undefined : name === Symbol.iterator ? [][Symbol.iterator] : inert),
    apply: () => new Disposable(),
    construct: () => inert as object,
  });
  // Events (`onDid…`, `onWill…`) are kept by name, so that the test can fire them.
  const emitters = new Map<string, EventEmitter<unknown>>();
  const emitter = (name: string) => emitters.get(name) ?? emitters.set(name, new EventEmitter()).get(name)!;
  const ns = (own: Record<string, unknown>, label = "") =>
    new Proxy(own, {
      get: (t, name) =>
        typeof name !== "string" ? undefined : name in t ? t[name] : /^on(Did|Will)/.test(name) ? emitter(`${label}${name}`).event : inert,
    });
  const configuration = new EventEmitter<{ affectsConfiguration(section: string): boolean }>();
  const statusItems: Array<Record<string, unknown>> = [];
  const document = { uri: Uri.parse(activeUri), languageId: activeLanguage, version: 1, getText: () => "" };
  const vscode = ns({
    version: "1.82.0",
    Uri,
    EventEmitter,
    Disposable,
    CancellationTokenSource,
    TabInputText,
    CancellationError: class extends Error {},
    env: ns({ language: "en", appName: "stand-in", openExternal: async () => true }),
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    LanguageStatusSeverity: { Information: 0, Warning: 1, Error: 2 },
    window: ns({
      createOutputChannel: (name: string) => ({ name, append() {}, appendLine() {}, replace() {}, clear() {}, show() {}, hide() {}, dispose() {} }),
      showErrorMessage: async () => undefined,
      showWarningMessage: async () => undefined,
      showInformationMessage: async () => undefined,
      activeTextEditor: { document },
      tabGroups: { all: [{ tabs: open.map((d) => ({ input: new TabInputText(d.uri) })) }], onDidChangeTabs: new EventEmitter().event, onDidChangeTabGroups: new EventEmitter().event },
      withProgress: async (_o: unknown, task: (p: unknown, t: unknown) => unknown) => task({ report() {} }, new CancellationTokenSource().token),
    }),
    workspace: ns({
      getConfiguration: (section?: string) => ({
        get: (key: string, fallback?: unknown) => (section === "goal-lint" && key in settings ? settings[key] : fallback),
        has: () => false,
        inspect: () => undefined,
        update: async () => undefined,
      }),
      onDidChangeConfiguration: configuration.event,
      textDocuments: open,
      workspaceFolders: undefined,
      createFileSystemWatcher: () => ({
        onDidCreate: new EventEmitter().event,
        onDidChange: new EventEmitter().event,
        onDidDelete: new EventEmitter().event,
        dispose() {},
      }),
      applyEdit: async () => true,
    }, "workspace."),
    languages: ns({
      match,
      createDiagnosticCollection: () => ({ set() {}, delete() {}, clear() {}, dispose() {}, get: () => undefined, has: () => false, forEach() {} }),
      createLanguageStatusItem: (id: string, selector: unknown) => {
        const item: Record<string, unknown> = { id, selector, dispose() {} };
        statusItems.push(item);
        return item;
      },
    }),
    commands: ns({ registerCommand: () => new Disposable(), executeCommand: async () => undefined }),
  });
  return {
    vscode,
    settings,
    statusItems,
    fire: (event, value) => emitter(event).fire(value),
    changeConfiguration: (sections) =>
      configuration.fire({ affectsConfiguration: (s: string) => sections.some((c) => c === s || c.startsWith(s + ".")) }),
  };
}

function load(vscode: unknown): { activate(context: unknown): Promise<void>; deactivate(): Promise<void> } {
  const loader = Module as unknown as { _load: (request: string, parent: { filename?: string } | undefined, ...rest: unknown[]) => unknown };
  const original = loader._load;
  loader._load = (request, parent, ...rest) =>
    request === "vscode" && parent?.filename === bundle ? vscode : original(request, parent, ...rest);
  try {
    delete require.cache[bundle];
    return require(bundle);
  } finally {
    loader._load = original;
  }
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

interface Session {
  server: { command: string; log: string };
  s: Stage;
  deactivate(): Promise<void>;
}

/** Activate the bundle against a recording server, run `body`, and always stop the client (a
 * failed assertion must not leave the server, and this test run, waiting). */
async function session(
  options: { settings?: Record<string, unknown>; active: string; activeLanguage?: string; open?: Array<ReturnType<typeof textDocument>>; askForSave?: boolean },
  body: (session: Session) => Promise<void>,
): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "goal-lint-client-"));
  const server = recordingServer(dir, options.askForSave ?? false);
  const s = stage({ serverPath: server.command, ...options.settings }, options.active, options.open ?? [], options.activeLanguage);
  const ext = load(s.vscode);
  const deactivate = async () => {
    await Promise.race([ext.deactivate(), new Promise((r) => setTimeout(r, 5000))]);
    await until(() => messages(server.log).some((m) => m.method === "exit"), "exit");
  };
  try {
    await ext.activate({ subscriptions: [], extensionPath: extension });
    await until(() => messages(server.log).some((m) => m.method === "initialized"), "initialized");
    await body({ server, s, deactivate });
  } finally {
    await Promise.race([ext.deactivate(), new Promise((r) => setTimeout(r, 5000))]);
    // The recording server appends to its log until it exits: a folder removed while it still
    // writes is not empty by the time it is removed (ENOTEMPTY). Wait for its exit, then
    // remove the folder, retrying as Node does for a folder still in use.
    await until(() => messages(server.log).some((m) => m.method === "exit"), "exit").catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  }
}

const methods = (server: { log: string }, method: string) => messages(server.log).filter((m) => m.method === method);

test("through vscode-languageclient: the settings sent, no workspace pull with openFiles, the kind shown", async () => {
  assert.ok(fs.existsSync(bundle), `${bundle} missing: run npm run compile`);
  const settings = { select: ["GL0"], ignore: ["missing-why"], run: "onSave", workspaceDiagnostics: "openFiles" };
  await session({ settings, active: "file:///w/how-to-write-okrs.md" }, async ({ server, s, deactivate }) => {
    assert.deepEqual(methods(server, "initialize")[0].params.initializationOptions, {
      snippetCommand: true,
      configPath: "",
      select: ["GL0"],
      ignore: ["missing-why"],
      run: "onSave",
      workspaceDiagnostics: "openFiles",
    });
    // The language status item: the kind of the active document, from goal-lint.outline.
    await until(() => s.statusItems[0]?.text === "not a plan (guide)", "the status item's kind");
    assert.deepEqual(methods(server, "workspace/executeCommand")[0].params, {
      command: "goal-lint.outline",
      arguments: ["file:///w/how-to-write-okrs.md"],
    });
    assert.match(String(s.statusItems[0].detail), /its title says guide/);

    // A settings change reaches the server as workspace/didChangeConfiguration.
    s.settings.ignore = [];
    s.settings.select = [];
    s.changeConfiguration(["goal-lint", "goal-lint.ignore", "goal-lint.select"]);
    await until(() => methods(server, "workspace/didChangeConfiguration").length > 0, "didChangeConfiguration");
    assert.deepEqual(methods(server, "workspace/didChangeConfiguration")[0].params, {
      settings: { "goal-lint": { configPath: "", select: null, ignore: [], run: "onSave", workspaceDiagnostics: "openFiles" } },
    });

    // vscode-languageclient pulls workspace diagnostics at once when it registers them: give it
    // time, then check it never did.
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(methods(server, "workspace/diagnostic"), [], "pulled workspace diagnostics");
    await deactivate();
  });
});

test("through vscode-languageclient: workspace diagnostics are pulled when the setting is workspace", async () => {
  await session({ settings: { workspaceDiagnostics: "workspace" }, active: "file:///w/q3.md" }, async ({ server }) => {
    await until(() => methods(server, "workspace/diagnostic").length > 0, "a workspace pull");
  });
});

test("through vscode-languageclient: only file and untitled documents reach the server", async () => {
  const open = [
    textDocument("file:///w/q3-goals.md"),
    textDocument("untitled:Untitled-1"),
    textDocument("git:/w/q3-goals.md"),
    textDocument("vscode-notebook-cell:/w/plan.ipynb"),
    textDocument("output:extension-output-goal-lint"),
    textDocument("file:///w/OKR-2026.txt", "plaintext"),
    textDocument("git:/w/OKR-2026.txt", "plaintext"),
    textDocument("file:///w/notes.txt", "plaintext"),
  ];
  await session({ settings: { documentGlobs: ["**/OKR*.txt"] }, active: "file:///w/q3-goals.md", open }, async ({ server }) => {
    await until(() => methods(server, "textDocument/diagnostic").length >= 3, "the pulls");
    await new Promise((r) => setTimeout(r, 300));
    const uris = (method: string) => [...new Set(methods(server, method).map((m) => m.params.textDocument.uri))].sort();
    const linted = ["file:///w/OKR-2026.txt", "file:///w/q3-goals.md", "untitled:Untitled-1"];
    assert.deepEqual(uris("textDocument/didOpen"), linted);
    assert.deepEqual(uris("textDocument/diagnostic"), linted);
  });
});

/** A keystroke in `document`, as VS Code reports it. */
function keystroke(document: ReturnType<typeof textDocument>) {
  const at = { line: 0, character: 2 };
  (document as { version: number }).version += 1;
  return { document, reason: undefined, contentChanges: [{ range: { start: at, end: at }, rangeOffset: 2, rangeLength: 0, text: "x" }] };
}

for (const [run, askForSave] of [
  ["onType", false],
  ["onSave", false],
  ["onSave", true],
] as const) {
  const title =
    run === "onType"
      ? "run onType pulls as you type"
      : `run onSave pulls on save, not as you type, once per save, with ${askForSave ? "a server that asks for didSave" : "a server that does not ask for didSave (goal-lint's)"}`;
  test(`through vscode-languageclient: ${title}`, async () => {
    const document = textDocument("file:///w/q3-goals.md");
    await session({ settings: { run }, active: "file:///w/q3-goals.md", open: [document], askForSave }, async ({ server, s }) => {
      const pulls = () => methods(server, "textDocument/diagnostic").length;
      await until(() => pulls() === 1, "the pull on open");
      s.fire("workspace.onDidChangeTextDocument", keystroke(document));
      await until(() => methods(server, "textDocument/didChange").length > 0, "didChange");
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(pulls(), run === "onType" ? 2 : 1, "pulls after a keystroke");
      // Saved: the client pulls after sending didSave; to a server that does not ask for it,
      // the extension has the client pull.
      s.fire("workspace.onDidSaveTextDocument", document);
      if (run === "onSave") {
        await until(() => pulls() === 2, "the pull after saving");
        await new Promise((r) => setTimeout(r, 300));
        assert.equal(pulls(), 2, "one pull per save");
      }
    });
  });
}

test("through vscode-languageclient: the status item asks nothing for a diff view or a file it does not lint", async () => {
  for (const [active, activeLanguage] of [
    ["git:/w/q3-goals.md", "markdown"],
    ["file:///w/notes.txt", "plaintext"],
  ]) {
    await session({ active, activeLanguage }, async ({ server }) => {
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual(methods(server, "workspace/executeCommand"), [], active);
    });
  }
});
