import * as vscode from "vscode";
import {
  CodeActionKind,
  CodeActionRequest,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
} from "vscode-languageclient/node";

import { findServer, INSTALL_URL, initializationOptions, isSnippetArguments, restartsServer, serverCommand, ServerSettings } from "./server";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;

function settings(): ServerSettings & { enable: boolean; documentGlobs: string[] } {
  const config = vscode.workspace.getConfiguration("goal-lint");
  return {
    enable: config.get<boolean>("enable", true),
    serverPath: config.get<string>("serverPath", ""),
    configPath: config.get<string>("configPath", ""),
    documentGlobs: config.get<string[]>("documentGlobs", []),
  };
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const s = settings();
  if (!s.enable) {
    return;
  }
  const server = findServer(s.serverPath, context.extensionPath);
  if (!server) {
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
  const { args } = serverCommand(s);
  const serverOptions: ServerOptions = { command: server.path, args };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: "markdown" },
      ...s.documentGlobs.map((pattern) => ({ pattern })),
    ],
    initializationOptions: initializationOptions(s),
    outputChannel: output,
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher("**/{goal-lint,.goal-lint}.toml"),
    },
  };
  client = new LanguageClient("goal-lint", "goal-lint", serverOptions, clientOptions);
  await client.start();
  context.subscriptions.push(client);
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
  context.subscriptions.push(
    output,
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
        await client.sendNotification("workspace/didChangeConfiguration", {
          settings: { "goal-lint": { configPath: settings().configPath } },
        });
      }
    }),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  await stop();
}
