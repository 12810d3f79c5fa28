// The server, started the way the extension starts it (src/server.ts), driven by the same
// protocol library the extension's client uses (vscode-jsonrpc / vscode-languageserver-protocol).

import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import {
  CodeAction,
  CodeActionRequest,
  Command,
  Diagnostic,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
} from "vscode-languageserver-protocol";

import { isSnippetArguments, serverCommand } from "../src/server";
import { DEFAULT_SETTINGS, initializationOptions } from "../src/settings";
import { binary, shutdown, startServer } from "../testing/rpc";

test("the server as the extension starts it: diagnostics, snippet templates, shutdown", async () => {
  assert.ok(fs.existsSync(binary), `${binary} not found: build goal-lint first`);
  const settings = { ...DEFAULT_SETTINGS, serverPath: binary };
  const { command, args } = serverCommand(settings);
  const { child, connection } = startServer(command, args);
  const published: PublishDiagnosticsParams[] = [];
  const waiters: Array<() => void> = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
    published.push(p);
    waiters.splice(0).forEach((w) => w());
  });
  connection.onRequest("client/registerCapability", () => null);
  connection.listen();
  const until = async (check: () => boolean) => {
    const deadline = Date.now() + 10_000;
    while (!check()) {
      assert.ok(Date.now() < deadline, "timed out waiting for diagnostics");
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  };

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "goal-lint-vscode-"));
  const init = await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(dir).toString(),
    capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } } } },
    initializationOptions: { ...initializationOptions(settings), today: "2025-07-01" },
    workspaceFolders: null,
  });
  assert.equal(init.serverInfo?.name, "goal-lint");
  await connection.sendNotification(InitializedNotification.type, {});

  const uri = pathToFileURL(path.join(dir, "goals.md")).toString();
  const text = "## Goals\n\n1. **Goal:** Cut p95 latency to 200ms\n   - **Why it matters:** carts\n2. **Goal:** Hire 2 engineers by Week 10\n";
  await connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: "markdown", version: 1, text },
  });
  await until(() => published.some((p) => p.uri === uri && p.diagnostics.some((d) => d.code === "GL004")));
  const diagnostic = published.filter((p) => p.uri === uri).at(-1)!.diagnostics.find((d: Diagnostic) => d.code === "GL004")!;
  assert.equal(diagnostic.range.start.line, 4);
  assert.equal(diagnostic.source, "goal-lint");

  // Templates come as the extension's snippet command, with tab stops.
  const actions = (await connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic] },
  })) as Array<CodeAction | Command>;
  const template = actions.find((a) => a.title === 'Add a "Why it matters" field') as CodeAction;
  assert.ok(template, JSON.stringify(actions));
  assert.equal(template.edit, undefined);
  assert.equal(template.command?.command, "goal-lint.insertSnippet");
  const snippet = template.command?.arguments?.[0];
  assert.ok(isSnippetArguments(snippet));
  assert.equal(snippet.snippet, "\n   - **Why it matters:** ${1:[impact on the business or team]}");
  assert.deepEqual(snippet.range.start, { line: 4, character: 40 });

  // An edit that resolves it: what the snippet inserts once filled in.
  await connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: snippet.range, text: "\n   - **Why it matters:** the team is underwater" }],
  });
  await until(() => {
    const last = published.filter((p) => p.uri === uri).at(-1);
    return last !== undefined && last.version === 2 && last.diagnostics.length === 0;
  });

  assert.equal(await shutdown(connection, child), 0);
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
});
