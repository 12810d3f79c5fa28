import * as vscode from "vscode";
import {
  CodeActionKind,
  CodeActionRequest,
  DocumentDiagnosticRequest,
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
} from "vscode-languageclient/node";

import { findServer, INSTALL_URL, isSnippetArguments, serverCommand } from "./server";
import {
  didChangeConfigurationParams,
  documentSelector,
  ExtensionSettings,
  initializationOptions,
  isLintedScheme,
  needsSavePull,
  pullFilter,
  readSettings,
  restartsServer,
  scopeDiagnosticRegistrations,
} from "./settings";
import { DISABLED, KindStatus, KindStatusController, NO_SERVER, offersOutline, outlineParams, PENDING, STATUS_NAME } from "./status";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;
let kindItem: vscode.LanguageStatusItem | undefined;
let kinds: KindStatusController | undefined;

function settings(): ExtensionSettings {
  const config = vscode.workspace.getConfiguration("goal-lint");
  return readSettings((key) => config.get(key));
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const s = settings();
  if (!s.enable) {
    showKind(DISABLED, false);
    return;
  }
  const server = findServer(s.serverPath, context.extensionPath);
  if (!server) {
    showKind(NO_SERVER, false);
    const missing = s.serverPath
      ? `the server binary "${s.serverPath}" (goal-lint.serverPath) was not found`
      : "this extension has no bundled server for this platform and goal-lint is not on PATH";
    const choice = await vscode.window.showErrorMessage(
      `goal-lint: ${missing}. Install goal-lint (pipx install goal-lint) or set goal-lint.serverPath.`,
      "How to install",
      "Open Settings",
    );
    if (choice === "How to install") {
      await vscode.env.openExternal(vscode.Uri.parse(INSTALL_URL));
    } else if (choice === "Open Settings") {
      await vscode.commands.executeCommand("workbench.action.openSettings", "goal-lint.serverPath");
    }
    return;
  }
  output?.appendLine(`goal-lint: starting ${server.path} (${server.source})`);
  showKind(PENDING, false);
  if (kindItem) {
    kindItem.selector = documentSelector(s.documentGlobs);
  }
  const { args } = serverCommand(s);
  const serverOptions: ServerOptions = { command: server.path, args };
  const clientOptions: LanguageClientOptions = {
    // `file` and `untitled` only: not diff views (`git:`), notebook cells, output panes.
    documentSelector: documentSelector(s.documentGlobs),
    initializationOptions: initializationOptions(s),
    // Pulled on open, on save and (unless `goal-lint.run` is `onSave`) as you type.
    diagnosticPullOptions: {
      onChange: true,
      onSave: true,
      filter: pullFilter(() => settings().run),
    },
    outputChannel: output,
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher("**/{goal-lint,.goal-lint}.toml"),
    },
  };
  client = new LanguageClient("goal-lint", "goal-lint", serverOptions, clientOptions);
  // Workspace diagnostics only when `goal-lint.workspaceDiagnostics` is `workspace`.
  scopeDiagnosticRegistrations(client.getFeature(DocumentDiagnosticRequest.method), s.workspaceDiagnostics);
  await client.start();
  context.subscriptions.push(client);
  void updateKind();
}

/** With `run: onSave`, lint a saved document when the client would not (a server that does not
 * ask for `didSave`): ask the client to pull its open documents again (unchanged ones are
 * answered "unchanged" by result id). */
function pullAfterSave(document: vscode.TextDocument): void {
  if (!client || client.state !== State.Running || !isLintedScheme(document.uri.scheme) || settings().run !== "onSave") {
    return;
  }
  if (needsSavePull(client.initializeResult?.capabilities)) {
    client.getFeature(DocumentDiagnosticRequest.method)?.getProvider(document)?.onDidChangeDiagnosticsEmitter.fire();
  }
}

/** The active document, when the extension lints it (the document selector matches it). */
function activeDocument(): vscode.TextDocument | undefined {
  const document = vscode.window.activeTextEditor?.document;
  return document && vscode.languages.match(documentSelector(settings().documentGlobs), document) > 0 ? document : undefined;
}

function showKind(status: KindStatus, busy: boolean): void {
  if (!kindItem) {
    return;
  }
  kindItem.text = status.text;
  kindItem.detail = status.detail;
  kindItem.severity =
    status.severity === "warning" ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
  kindItem.busy = busy;
}

async function updateKind(): Promise<void> {
  const document = activeDocument();
  if (!kinds || !document || !client || client.state !== State.Running) {
    return;
  }
  await kinds.update(document.uri.toString());
}

async function stop(): Promise<void> {
  if (client && client.state !== State.Stopped) {
    await client.stop();
  }
  client = undefined;
}

/** Insert a template with tab stops (the server sends this command with template fixes). */
async function insertSnippet(args: unknown): Promise<void> {
  if (!isSnippetArguments(args)) {
    return;
  }
  const uri = vscode.Uri.parse(args.uri);
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document);
  const range = new vscode.Range(
    args.range.start.line,
    args.range.start.character,
    args.range.end.line,
    args.range.end.character,
  );
  await editor.insertSnippet(new vscode.SnippetString(args.snippet), range);
}

async function fixAll(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!client || !editor) {
    return;
  }
  const document = editor.document;
  const actions = await client.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: document.uri.toString() },
    range: { start: { line: 0, character: 0 }, end: { line: document.lineCount, character: 0 } },
    context: { diagnostics: [], only: [CodeActionKind.SourceFixAll + ".goal-lint"] },
  });
  for (const action of actions ?? []) {
    if ("edit" in action && action.edit) {
      const edit = await client.protocol2CodeConverter.asWorkspaceEdit(action.edit);
      await vscode.workspace.applyEdit(edit);
    }
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("goal-lint");
  kindItem = vscode.languages.createLanguageStatusItem("goal-lint.kind", documentSelector(settings().documentGlobs));
  kindItem.name = STATUS_NAME;
  kindItem.command = { title: "Show Output", command: "goal-lint.showOutput" };
  showKind(PENDING, false);
  kinds = new KindStatusController({
    offersOutline: () => offersOutline(client?.initializeResult?.capabilities),
    requestOutline: async (uri) => client?.sendRequest(ExecuteCommandRequest.type, outlineParams(uri)),
    show: showKind,
  });
  // The kind is judged when the document is linted: ask again when its problems change.
  let pending: NodeJS.Timeout | undefined;
  const updateSoon = () => {
    clearTimeout(pending);
    pending = setTimeout(() => void updateKind(), 300);
  };
  context.subscriptions.push(
    output,
    kindItem,
    { dispose: () => clearTimeout(pending) },
    vscode.window.onDidChangeActiveTextEditor(() => void updateKind()),
    vscode.languages.onDidChangeDiagnostics((event) => {
      const active = activeDocument()?.uri.toString();
      if (active && event.uris.some((uri) => uri.toString() === active)) {
        updateSoon();
      }
    }),
    vscode.workspace.onDidSaveTextDocument((document) => {
      pullAfterSave(document);
      if (document === activeDocument()) {
        updateSoon();
      }
    }),
    vscode.commands.registerCommand("goal-lint.insertSnippet", insertSnippet),
    vscode.commands.registerCommand("goal-lint.fixAll", fixAll),
    vscode.commands.registerCommand("goal-lint.showOutput", () => output?.show()),
    vscode.commands.registerCommand("goal-lint.restartServer", async () => {
      await stop();
      await start(context);
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (restartsServer((section) => event.affectsConfiguration(section))) {
        await stop();
        await start(context);
      } else if (event.affectsConfiguration("goal-lint") && client) {
        await client.sendNotification("workspace/didChangeConfiguration", didChangeConfigurationParams(settings()));
      }
    }),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  await stop();
}
