// Snippets through the client's path: a completion item converted by vscode-languageclient's
// own protocol converter (which turns snippet text into a `vscode.SnippetString`), and the
// template quick fix that the extension's `goal-lint.insertSnippet` command hands to
// `TextEditor.insertSnippet`. VS Code itself does not run here, so the indentation VS Code
// adds when it inserts a snippet is reproduced from its source (SnippetSession.adjustWhitespace:
// every line after the first gets the leading whitespace of the line the snippet starts on).

import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import Module = require("node:module");
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import {
  CodeAction,
  CodeActionRequest,
  Command,
  CompletionList,
  CompletionRequest,
  Diagnostic,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  CompletionItem as LspCompletionItem,
} from "vscode-languageserver-protocol";

import { isSnippetArguments, serverCommand } from "../src/server";
import { DEFAULT_SETTINGS, initializationOptions, restartsServer } from "../src/settings";
import { binary, shutdown, startServer } from "../testing/rpc";

// The few `vscode` API classes the protocol converter uses for completion items; everything
// else it touches at load time is a stand-in class.
class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}
class Range {
  readonly start: Position;
  readonly end: Position;
  // vscode.Range(start, end) or vscode.Range(startLine, startCharacter, endLine, endCharacter)
  constructor(...a: [Position, Position] | [number, number, number, number]) {
    [this.start, this.end] = a.length === 2 ? a : [new Position(a[0], a[1]), new Position(a[2], a[3])];
  }
}
class SnippetString {
  constructor(readonly value: string) {}
}
class CompletionItem {
  insertText?: string | SnippetString;
  range?: Range;
  constructor(readonly label: string) {}
}
class StandIn {}
const vscodeStub = new Proxy({ Position, Range, SnippetString, CompletionItem } as Record<string, unknown>, {
  get: (target, name: string) => target[name] ?? (target[name] = class extends StandIn {}),
});
const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const originalLoad = loader._load;
loader._load = (request: string, ...rest: unknown[]) => (request === "vscode" ? vscodeStub : originalLoad(request, ...rest));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createConverter } = require("vscode-languageclient/lib/common/protocolConverter") as {
  createConverter: (uri: undefined, trust: boolean, supportHtml: boolean) => {
    asCompletionResult: (r: CompletionList | LspCompletionItem[]) => Promise<CompletionItem[] | { items: CompletionItem[] }>;
  };
};

/** What VS Code's `insertSnippet` does to `text`: replace `range` with the snippet, each line
 * after the first indented by the start line's leading whitespace, slots filled with their
 * placeholder text. */
function insertSnippet(text: string, range: Range, snippet: string): string {
  const lines = text.split("\n");
  const offset = (p: Position) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const startLine = lines[range.start.line];
  const leading = /^[ \t]*/.exec(startLine.slice(0, range.start.character))![0];
  const adjusted = snippet
    .split("\n")
    .map((l, i) => (i === 0 ? l : leading + l))
    .join("\n");
  const expanded = adjusted.replace(/\$\{\d+:((?:\\.|[^}\\])*)\}/g, (_, d: string) => d).replace(/\\([$}\\])/g, "$1");
  return text.slice(0, offset(range.start)) + expanded + text.slice(offset(range.end));
}

test("snippets after an indented line land at the right indentation in VS Code", async () => {
  assert.ok(fs.existsSync(binary), `${binary} not found: build goal-lint first`);
  const settings = { ...DEFAULT_SETTINGS, serverPath: binary };
  const { command, args } = serverCommand(settings);
  const { child, connection } = startServer(command, args);
  const published: PublishDiagnosticsParams[] = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => published.push(p));
  connection.onRequest("client/registerCapability", () => null);
  connection.listen();

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "goal-lint-vscode-"));
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(dir).toString(),
    capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } } } },
    initializationOptions: { ...initializationOptions(settings), today: "2025-07-01", debounceMs: 0 },
    workspaceFolders: null,
  });
  await connection.sendNotification(InitializedNotification.type, {});
  const uri = pathToFileURL(path.join(dir, "goals.md")).toString();
  const text = [
    "## Goals",
    "",
    "1. **Goal:** Cut p95 latency to 200ms",
    "   - **Why it matters:** 800ms costs 15% of carts",
    "   - **Success looks like:** p95 under 200ms for 4 weeks",
    "2. **Goal:** Ship the onboarding guide to every new hire",
    "   - **Why it matters:** new hires wait two weeks",
    "",
  ].join("\n");
  await connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: "markdown", version: 1, text },
  });
  const deadline = Date.now() + 10_000;
  let gl002: Diagnostic | undefined;
  while (!(gl002 = published.at(-1)?.diagnostics.find((d) => d.code === "GL002"))) {
    assert.ok(Date.now() < deadline, "no GL002 diagnostic");
    await new Promise((r) => setTimeout(r, 50));
  }

  // The quick fix, asked for with the cursor on the list marker (outside the finding).
  const cursor = { line: gl002.range.start.line, character: 0 };
  const actions = (await connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: { start: cursor, end: cursor },
    context: { diagnostics: [gl002] },
  })) as Array<CodeAction | Command>;
  const template = actions.find((a) => a.title === 'Add a "Success looks like" field') as CodeAction;
  assert.ok(template?.command, JSON.stringify(actions));
  const snippet = template.command.arguments?.[0];
  assert.ok(isSnippetArguments(snippet));
  const r = snippet.range;
  const fixed = insertSnippet(text, new Range(new Position(r.start.line, r.start.character), new Position(r.end.line, r.end.character)), snippet.snippet);
  assert.deepEqual(fixed.split("\n").slice(5, 8), [
    "2. **Goal:** Ship the onboarding guide to every new hire",
    "   - **Why it matters:** new hires wait two weeks",
    "   - **Success looks like:** [a number, a shipped thing or a visible change]",
  ]);

  // Completion after a goal label on an indented line, through vscode-languageclient's
  // converter: the rest of the goal block, its fields one level deeper.
  const typed = text + "\n## Team goals\n\n- **Platform**\n  - **Goal:** \n";
  await connection.sendNotification("textDocument/didChange", {
    textDocument: { uri, version: 2 },
    contentChanges: [{ text: typed }],
  });
  const completion = await connection.sendRequest(CompletionRequest.type, {
    textDocument: { uri },
    position: { line: 11, character: "  - **Goal:** ".length },
  });
  assert.ok(completion, "no completion after a goal label");
  const converted = await createConverter(undefined, false, false).asCompletionResult(completion as LspCompletionItem[]);
  const items = Array.isArray(converted) ? converted : converted.items;
  const fields = items.find((i) => i.label === "goal fields");
  assert.ok(fields && fields.insertText instanceof SnippetString, JSON.stringify(items));
  const completed = insertSnippet(typed, fields.range!, fields.insertText.value);
  assert.deepEqual(completed.split("\n").slice(10, 13), [
    "- **Platform**",
    "  - **Goal:** [verb + thing + outcome]",
    "    - **Why it matters:** [impact on the business or team]",
  ]);
  assert.equal(completed.split("\n")[13], "    - **Success looks like:** [a number, a shipped thing or a visible change]");

  assert.equal(await shutdown(connection, child), 0);
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
});

test("changing documentGlobs restarts the client (its document selector is fixed at start)", () => {
  const affects = (changed: string[]) => (section: string) => changed.some((c) => c === section || c.startsWith(section + "."));
  assert.ok(restartsServer(affects(["goal-lint.documentGlobs"])));
  assert.ok(restartsServer(affects(["goal-lint.serverPath"])));
  assert.ok(!restartsServer(affects(["goal-lint.configPath"])));
});
