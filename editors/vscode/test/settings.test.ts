// What the extension lints (the scheme filter), what it sends the server (the settings, at
// start-up and on a change) and how it pulls diagnostics (src/settings.ts), checked as pure
// functions and against the real server.

import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { minimatch } from "minimatch";
import {
  DidChangeConfigurationNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticReport,
  DocumentDiagnosticRequest,
  InitializedNotification,
  InitializeRequest,
} from "vscode-languageserver-protocol";

import { serverCommand } from "../src/server";
import {
  DEFAULT_SETTINGS,
  didChangeConfigurationParams,
  DocumentFilter,
  documentSelector,
  ExtensionSettings,
  initializationOptions,
  isLintedScheme,
  needsSavePull,
  pullFilter,
  readSettings,
  RegisteringFeature,
  restartsServer,
  scopeDiagnosticOptions,
  scopeDiagnosticRegistrations,
} from "../src/settings";
import { binary, shutdown, startServer } from "../testing/rpc";

/** VS Code's rule for a document filter (vscode.languages.match): every field given must match;
 * a pattern is a glob over the file's path. */
function matches(selector: DocumentFilter[], doc: { scheme: string; path: string; languageId: string }): boolean {
  return selector.some(
    (f) =>
      f.scheme === doc.scheme &&
      (f.language === undefined || f.language === doc.languageId) &&
      (f.pattern === undefined || minimatch(doc.path, f.pattern, { dot: true })),
  );
}

test("only file and untitled documents are linted: not diff views, notebook cells, output", () => {
  const selector = documentSelector(["**/*goals*.md", "**/OKR*.md"]);
  assert.ok(selector.length > 0);
  for (const filter of selector) {
    assert.ok(["file", "untitled"].includes(filter.scheme), JSON.stringify(filter));
  }
  const doc = (scheme: string, p = "/w/q3-goals.md", languageId = "markdown") => ({ scheme, path: p, languageId });
  assert.ok(matches(selector, doc("file")));
  assert.ok(matches(selector, doc("untitled", "Untitled-1")));
  assert.ok(matches(selector, doc("file", "/w/OKR-2026.md", "plaintext")), "documentGlobs still apply to files");
  for (const scheme of ["git", "vscode-notebook-cell", "output", "vscode-vfs", "vscode-userdata", "gitlens", "pr", "review"]) {
    assert.ok(!matches(selector, doc(scheme)), scheme);
    assert.ok(!matches(selector, doc(scheme, "/w/OKR-2026.md", "plaintext")), `${scheme} by glob`);
    assert.ok(!isLintedScheme(scheme), scheme);
  }
  assert.ok(!matches(selector, doc("file", "/w/notes.txt", "plaintext")));
  assert.ok(isLintedScheme("file") && isLintedScheme("untitled"));
  // Even when a document reaches the pull (a selector given by hand), it is not pulled.
  const filter = pullFilter(() => "onType");
  assert.equal(filter({ uri: { scheme: "git" } }, "onType"), true);
  assert.equal(filter({ uri: { scheme: "vscode-notebook-cell" } }, "onSave"), true);
  assert.equal(filter({ uri: { scheme: "file" } }, "onType"), false);
});

test("settings read from VS Code: defaults, and wrong values fall back instead of reaching the server", () => {
  assert.deepEqual(readSettings(() => undefined), DEFAULT_SETTINGS);
  assert.equal(DEFAULT_SETTINGS.workspaceDiagnostics, "openFiles");
  assert.equal(DEFAULT_SETTINGS.run, "onType");
  const values: Record<string, unknown> = {
    enable: true,
    serverPath: "/opt/goal-lint",
    configPath: " /w/goal-lint.toml ",
    documentGlobs: ["**/OKR*.md"],
    select: ["GL0", " vague-goal ", "", 3],
    ignore: ["missing-why"],
    run: "onSave",
    workspaceDiagnostics: "workspace",
  };
  const s = readSettings((key) => values[key]);
  assert.deepEqual(s.select, ["GL0", "vague-goal"]);
  assert.equal(s.run, "onSave");
  assert.equal(s.workspaceDiagnostics, "workspace");
  const wrong = readSettings((key) => ({ run: "onIdle", workspaceDiagnostics: true, select: "GL001", enable: "yes" })[key]);
  assert.equal(wrong.run, "onType");
  assert.equal(wrong.workspaceDiagnostics, "openFiles");
  assert.deepEqual(wrong.select, []);
  assert.equal(wrong.enable, true);
});

test("what is sent: initializationOptions and workspace/didChangeConfiguration carry the same settings", () => {
  const s: ExtensionSettings = {
    ...DEFAULT_SETTINGS,
    configPath: "/w/goal-lint.toml",
    select: ["GL0", "GL101"],
    ignore: ["missing-why"],
    run: "onSave",
    workspaceDiagnostics: "off",
  };
  const expected = {
    configPath: "/w/goal-lint.toml",
    select: ["GL0", "GL101"],
    ignore: ["missing-why"],
    run: "onSave",
    workspaceDiagnostics: "off",
  };
  assert.deepEqual(initializationOptions(s), { snippetCommand: true, ...expected });
  assert.deepEqual(didChangeConfigurationParams(s), { settings: { "goal-lint": expected } });
  // Not set: `select` is null (goal-lint.toml decides), never `[]` (which would select nothing).
  assert.deepEqual(didChangeConfigurationParams(DEFAULT_SETTINGS), {
    settings: {
      "goal-lint": { configPath: "", select: null, ignore: [], run: "onType", workspaceDiagnostics: "openFiles" },
    },
  });
  // serverPath, documentGlobs and enable are the extension's own.
  const sent = Object.keys(didChangeConfigurationParams(s).settings["goal-lint"]).sort();
  assert.deepEqual(sent, ["configPath", "ignore", "run", "select", "workspaceDiagnostics"]);
});

test("run onSave: typing pulls nothing, opening and saving do; the setting is read at each pull", () => {
  let run: "onType" | "onSave" = "onSave";
  const filter = pullFilter(() => run);
  const file = { uri: { scheme: "file" } };
  assert.equal(filter(file, "onType"), true);
  assert.equal(filter(file, "onSave"), false);
  run = "onType";
  assert.equal(filter(file, "onType"), false);
  assert.equal(filter(file, "onSave"), false);
});

test("the extension pulls after a save only for a server that does not ask for didSave", () => {
  assert.ok(needsSavePull({ textDocumentSync: { openClose: true, change: 2 } }), "goal-lint's server today");
  assert.ok(needsSavePull({ textDocumentSync: { openClose: true, change: 2, save: false } }));
  assert.ok(!needsSavePull({ textDocumentSync: { openClose: true, change: 2, save: { includeText: false } } }));
  assert.ok(!needsSavePull({ textDocumentSync: { change: 2, save: true } }));
  // A bare sync kind: vscode-languageclient sends didSave (and pulls after it) by itself.
  assert.ok(!needsSavePull({ textDocumentSync: 2 }));
  assert.ok(needsSavePull({ textDocumentSync: 0 }));
  assert.ok(needsSavePull(undefined));
});

test("workspace diagnostics are registered only when the setting is workspace", () => {
  const offer = { identifier: "goal-lint", interFileDependencies: false, workspaceDiagnostics: true, documentSelector: null };
  assert.deepEqual(scopeDiagnosticOptions(offer, "workspace"), offer);
  assert.deepEqual(scopeDiagnosticOptions(offer, "openFiles"), { ...offer, workspaceDiagnostics: false });
  assert.deepEqual(scopeDiagnosticOptions(offer, "off"), { ...offer, workspaceDiagnostics: false });
  assert.equal(offer.workspaceDiagnostics, true, "the server's offer is not modified");
  assert.equal(scopeDiagnosticOptions(undefined, "off"), undefined);

  // The feature's registrations (static capabilities and dynamic ones alike) go through it.
  for (const mode of ["off", "openFiles", "workspace"] as const) {
    const registered: unknown[] = [];
    const feature: RegisteringFeature<typeof offer> = { register: (data) => registered.push(data.registerOptions) };
    scopeDiagnosticRegistrations(feature, mode);
    feature.register({ id: "1", registerOptions: offer });
    assert.deepEqual(registered, [{ ...offer, workspaceDiagnostics: mode === "workspace" }], mode);
  }
  scopeDiagnosticRegistrations(undefined, "off");
});

test("changing workspaceDiagnostics restarts the client; select, ignore, run and configPath do not", () => {
  const affects = (changed: string[]) => (section: string) => changed.some((c) => c === section || c.startsWith(section + "."));
  assert.ok(restartsServer(affects(["goal-lint.workspaceDiagnostics"])));
  assert.ok(restartsServer(affects(["goal-lint.documentGlobs"])));
  for (const setting of ["select", "ignore", "run", "configPath"]) {
    assert.ok(!restartsServer(affects([`goal-lint.${setting}`])), setting);
  }
});

test("the real server takes the settings at start-up and on a change, and its workspace offer is scoped", async () => {
  assert.ok(fs.existsSync(binary), `${binary} not found: build goal-lint first`);
  const settings: ExtensionSettings = { ...DEFAULT_SETTINGS, serverPath: binary, ignore: ["missing-why"], run: "onSave" };
  const { command, args } = serverCommand(settings);
  const { child, connection } = startServer(command, args);
  connection.onRequest("client/registerCapability", () => null);
  connection.onRequest("workspace/diagnostic/refresh", () => null);
  connection.listen();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "goal-lint-settings-"));
  const init = await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(dir).toString(),
    // What vscode-languageclient declares: pulled diagnostics with refresh.
    capabilities: {
      textDocument: { diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false } },
      workspace: { diagnostics: { refreshSupport: true } },
    },
    initializationOptions: { ...initializationOptions(settings), today: "2025-07-01" },
    workspaceFolders: null,
  });
  const offer = init.capabilities.diagnosticProvider;
  assert.ok(offer, "the server offers pulled diagnostics to VS Code");
  assert.equal(
    (scopeDiagnosticOptions(offer, "openFiles") as { workspaceDiagnostics?: boolean }).workspaceDiagnostics ?? false,
    false,
    "with openFiles the client never sees a workspace offer",
  );
  await connection.sendNotification(InitializedNotification.type, {});

  const uri = pathToFileURL(path.join(dir, "goals.md")).toString();
  const text = "## Goals\n\n1. **Goal:** Cut p95 latency to 200ms by Week 6\n   - **Success looks like:** p95 under 200ms\n";
  await connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: "markdown", version: 1, text },
  });
  const pull = async () =>
    (await connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as DocumentDiagnosticReport;
  const first = await pull();
  assert.equal(first.kind, "full");
  // A change of settings, as the extension sends it, is taken without an error.
  await connection.sendNotification(
    DidChangeConfigurationNotification.type,
    didChangeConfigurationParams({ ...settings, ignore: [], select: ["GL0"], run: "onType" }),
  );
  const second = await pull();
  assert.equal(second.kind, "full");

  assert.equal(await shutdown(connection, child), 0);
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
});

// The server reads select and ignore from initializationOptions and didChangeConfiguration.
test(
  "the server applies goal-lint.ignore and goal-lint.select from the extension",
  async () => {
    const settings: ExtensionSettings = { ...DEFAULT_SETTINGS, serverPath: binary, ignore: ["missing-why"] };
    const { child, connection } = startServer(binary, serverCommand(settings).args);
    connection.onRequest("client/registerCapability", () => null);
    connection.onRequest("workspace/diagnostic/refresh", () => null);
    connection.listen();
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: { textDocument: { diagnostic: { dynamicRegistration: true } } },
      initializationOptions: { ...initializationOptions(settings), today: "2025-07-01" },
      workspaceFolders: null,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    const uri = "untitled:Untitled-1";
    // The second goal lacks the "Why it matters" the first has: missing-why (GL004).
    const text = "## Goals\n\n1. **Goal:** Cut p95 latency to 200ms\n   - **Why it matters:** carts\n2. **Goal:** Hire 2 engineers by Week 10\n";
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: "markdown", version: 1, text },
    });
    const codes = async () => {
      const report = (await connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as {
        items?: Array<{ code?: unknown }>;
      };
      return (report.items ?? []).map((d) => d.code);
    };
    try {
      assert.ok(!(await codes()).includes("GL004"), "missing-why ignored from initializationOptions");
      await connection.sendNotification(DidChangeConfigurationNotification.type, didChangeConfigurationParams({ ...settings, ignore: [] }));
      assert.ok((await codes()).includes("GL004"), "missing-why back once the setting is emptied");
      await connection.sendNotification(
        DidChangeConfigurationNotification.type,
        didChangeConfigurationParams({ ...settings, ignore: [], select: ["GL101"] }),
      );
      assert.deepEqual(await codes(), [], "select keeps only GL101");
    } finally {
      child.kill();
      connection.dispose();
    }
  },
);
