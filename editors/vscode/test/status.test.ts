// The language status item's logic (src/status.ts): the document kind from the server's
// `goal-lint.outline` command, and what the item says when the server has no such command or
// the request fails.

import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import { test } from "node:test";
import {
  DidOpenTextDocumentNotification,
  ExecuteCommandRequest,
  InitializedNotification,
  InitializeRequest,
} from "vscode-languageserver-protocol";

import { serverCommand } from "../src/server";
import { DEFAULT_SETTINGS, initializationOptions } from "../src/settings";
import {
  KindStatus,
  KindStatusController,
  kindStatus,
  offersOutline,
  OUTLINE_COMMAND,
  outlineParams,
  PENDING,
  UNAVAILABLE,
} from "../src/status";
import { binary, shutdown, startServer } from "../testing/rpc";

test("the outline command is asked for only when the server offers it", () => {
  assert.equal(OUTLINE_COMMAND, "goal-lint.outline");
  assert.ok(offersOutline({ executeCommandProvider: { commands: ["goal-lint.insertSnippet", "goal-lint.outline"] } }));
  assert.ok(!offersOutline({ executeCommandProvider: { commands: ["goal-lint.insertSnippet"] } }));
  assert.ok(!offersOutline({}));
  assert.ok(!offersOutline(undefined));
  assert.ok(!offersOutline({ executeCommandProvider: { commands: "goal-lint.outline" } }));
  assert.deepEqual(outlineParams("file:///w/q3.md"), { command: "goal-lint.outline", arguments: ["file:///w/q3.md"] });
});

test("the kind shown for each answer of the outline command", () => {
  assert.deepEqual(kindStatus({ kind: "plan" }), { text: "plan", detail: "every rule applies", severity: "information" });
  // The same answer as JSON text.
  assert.deepEqual(kindStatus('{"kind": "plan"}'), kindStatus({ kind: "plan" }));
  const guide = kindStatus({ kind: "not a plan (guide)", evidence: ["title says guide", "addresses the reader"] });
  assert.equal(guide.text, "not a plan (guide)");
  assert.match(guide.detail, /no findings/);
  assert.match(guide.detail, /title says guide; addresses the reader/);
  const template = kindStatus({ kind: "pristine template", template: "templates/okr.md" });
  assert.match(template.detail, /one notice/);
  assert.match(template.detail, /templates\/okr\.md/);
  assert.equal(kindStatus({ kind: "no goal content" }).text, "no goal content");
  for (const unreadable of [undefined, null, 3, "not json", "{}", { kind: 3 }, { kind: " " }, []]) {
    const status = kindStatus(unreadable);
    assert.equal(status.text, "goal-lint", JSON.stringify(unreadable));
    assert.equal(status.severity, "warning");
  }
});

function host(offers: boolean, answer: (uri: string) => Promise<unknown>) {
  const shown: Array<{ status: KindStatus; busy: boolean }> = [];
  const asked: string[] = [];
  const controller = new KindStatusController({
    offersOutline: () => offers,
    requestOutline: (uri) => {
      asked.push(uri);
      return answer(uri);
    },
    show: (status, busy) => shown.push({ status, busy }),
  });
  return { controller, shown, asked };
}

test("a server without the outline command: the item says so and nothing is asked", async () => {
  const { controller, shown, asked } = host(false, async () => ({ kind: "plan" }));
  await controller.update("file:///w/q3.md");
  assert.deepEqual(asked, []);
  assert.deepEqual(shown, [{ status: UNAVAILABLE, busy: false }]);
  // No active document: nothing changes.
  await controller.update(undefined);
  assert.equal(shown.length, 1);
});

test("the item is busy while asking, then shows the kind; failures degrade, never throw", async () => {
  const { controller, shown } = host(true, async () => ({ kind: "plan" }));
  await controller.update("file:///w/q3.md");
  assert.deepEqual(shown, [
    { status: PENDING, busy: true },
    { status: kindStatus({ kind: "plan" }), busy: false },
  ]);

  const unknown = host(true, async () => {
    throw Object.assign(new Error("Unhandled method workspace/executeCommand"), { code: -32601 });
  });
  await unknown.controller.update("file:///w/q3.md");
  assert.deepEqual(unknown.shown.at(-1), { status: UNAVAILABLE, busy: false });

  const failing = host(true, async () => {
    throw new Error("document not open");
  });
  await failing.controller.update("file:///w/q3.md");
  const last = failing.shown.at(-1)!;
  assert.equal(last.busy, false);
  assert.equal(last.status.severity, "warning");
  assert.match(last.status.detail, /document not open/);
});

test("an answer overtaken by a later update (another document active) is dropped", async () => {
  const pending = new Map<string, (value: unknown) => void>();
  const { controller, shown } = host(true, (uri) => new Promise((resolve) => pending.set(uri, resolve)));
  const first = controller.update("file:///w/a.md");
  const second = controller.update("file:///w/b.md");
  pending.get("file:///w/b.md")!({ kind: "not a plan (report)" });
  await second;
  pending.get("file:///w/a.md")!({ kind: "plan" });
  await first;
  const final = shown.filter((s) => !s.busy);
  assert.deepEqual(
    final.map((s) => s.status.text),
    ["not a plan (report)"],
  );
});

test("against the real server: the kind when it offers goal-lint.outline, else the fallback", async () => {
  assert.ok(fs.existsSync(binary), `${binary} not found: build goal-lint first`);
  const settings = { ...DEFAULT_SETTINGS, serverPath: binary };
  const { child, connection } = startServer(binary, serverCommand(settings).args);
  connection.onRequest("client/registerCapability", () => null);
  connection.listen();
  const init = await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: { textDocument: { diagnostic: { dynamicRegistration: true } } },
    initializationOptions: { ...initializationOptions(settings), today: "2025-07-01" },
    workspaceFolders: null,
  });
  await connection.sendNotification(InitializedNotification.type, {});
  const uri = "untitled:Untitled-1";
  const text = "## Goals\n\n1. **Goal:** Cut p95 latency to 200ms by Week 6\n   - **Why it matters:** carts\n";
  await connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: "markdown", version: 1, text },
  });
  const { controller, shown } = host(offersOutline(init.capabilities), (u) =>
    connection.sendRequest(ExecuteCommandRequest.type, outlineParams(u)),
  );
  await controller.update(uri);
  const last = shown.at(-1)!;
  if (offersOutline(init.capabilities)) {
    assert.equal(last.status.text, "plan", JSON.stringify(last));
  } else {
    assert.deepEqual(last, { status: UNAVAILABLE, busy: false });
  }
  assert.equal(await shutdown(connection, child), 0);
});
