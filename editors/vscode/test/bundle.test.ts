// The bundle the .vsix ships (out/extension.js, built by esbuild), loaded as VS Code loads it:
// it needs nothing but `vscode` and Node's own modules (vscode-languageclient is inside), and
// its activation registers the commands and a language status item limited to `file` and
// `untitled` documents. VS Code itself does not run here: `vscode` is a recording stand-in.
// tests/run.sh points GOAL_LINT_EXTENSION_DIR at the unpacked .vsix; without it, the bundle
// `npm run compile` built.

import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import Module = require("node:module");
import * as path from "node:path";
import { test } from "node:test";

const extension = process.env.GOAL_LINT_EXTENSION_DIR ?? path.resolve(__dirname, "..", "..");
const bundle = path.join(extension, "out", "extension.js");

interface Recorded {
  statusItems: Array<{ id: string; selector: unknown; item: Record<string, unknown> }>;
  commands: string[];
  errors: string[];
}

/** A `vscode` module whose every function returns a disposable stand-in, recording what the
 * extension asks for. */
function vscodeStub(settings: Record<string, unknown>, recorded: Recorded): unknown {
  const disposable = () => ({ dispose() {} });
  const anything: unknown = new Proxy(function () {}, {
    get: (_target, name) => (name === "then" ? undefined : name === "dispose" ? () => {} : anything),
    apply: () => disposable(),
  });
  const namespace = (own: Record<string, unknown>) =>
    new Proxy(own, { get: (target, name: string) => (name in target ? target[name] : anything) });
  return namespace({
    window: namespace({
      createOutputChannel: () => ({ appendLine() {}, show() {}, dispose() {} }),
      showErrorMessage: async (message: string) => {
        recorded.errors.push(message);
        return undefined;
      },
    }),
    languages: namespace({
      createLanguageStatusItem: (id: string, selector: unknown) => {
        const item: Record<string, unknown> = { id, selector, dispose() {} };
        recorded.statusItems.push({ id, selector, item });
        return item;
      },
    }),
    commands: namespace({
      registerCommand: (name: string) => {
        recorded.commands.push(name);
        return disposable();
      },
    }),
    workspace: namespace({
      getConfiguration: () => ({ get: (key: string) => settings[key] }),
    }),
    LanguageStatusSeverity: { Information: 0, Warning: 1, Error: 2 },
  });
}

/** Load the bundle with `vscode` replaced, recording every module it requires. */
function load(stub: unknown): { exports: Record<string, unknown>; required: string[] } {
  const loader = Module as unknown as { _load: (request: string, parent: { filename?: string } | undefined, ...rest: unknown[]) => unknown };
  const original = loader._load;
  const required: string[] = [];
  loader._load = (request, parent, ...rest) => {
    if (parent?.filename === bundle) {
      required.push(request);
      if (request === "vscode") {
        return stub;
      }
    }
    return original(request, parent, ...rest);
  };
  try {
    delete require.cache[bundle];
    return { exports: require(bundle) as Record<string, unknown>, required };
  } finally {
    loader._load = original;
  }
}

test("the bundle needs only vscode and Node's modules", () => {
  assert.ok(fs.existsSync(bundle), `${bundle} missing: run npm run compile`);
  const recorded: Recorded = { statusItems: [], commands: [], errors: [] };
  const { exports, required } = load(vscodeStub({ enable: false }, recorded));
  assert.equal(typeof exports.activate, "function");
  assert.equal(typeof exports.deactivate, "function");
  const builtins = new Set(Module.builtinModules);
  const foreign = required.filter((r) => r !== "vscode" && !builtins.has(r.replace(/^node:/, "")));
  assert.deepEqual(foreign, [], "modules the bundle would look for in node_modules");
  const manifest = JSON.parse(fs.readFileSync(path.join(extension, "package.json"), "utf8"));
  assert.equal(path.normalize(manifest.main), path.normalize("./out/extension.js"));
});

test("activation: the commands, and a language status item for file and untitled documents only", async () => {
  const recorded: Recorded = { statusItems: [], commands: [], errors: [] };
  const { exports } = load(vscodeStub({ enable: false, documentGlobs: ["**/OKR*.md"] }, recorded));
  const context = { subscriptions: [] as unknown[], extensionPath: extension };
  await (exports.activate as (c: unknown) => Promise<void>)(context);
  for (const command of ["goal-lint.fixAll", "goal-lint.restartServer", "goal-lint.showOutput", "goal-lint.insertSnippet"]) {
    assert.ok(recorded.commands.includes(command), command);
  }
  assert.equal(recorded.statusItems.length, 1);
  const [{ id, selector, item }] = recorded.statusItems;
  assert.equal(id, "goal-lint.kind");
  assert.deepEqual(selector, [
    { scheme: "file", language: "markdown" },
    { scheme: "file", pattern: "**/OKR*.md" },
    { scheme: "untitled", language: "markdown" },
    { scheme: "untitled", pattern: "**/OKR*.md" },
  ]);
  assert.equal(item.name, "goal-lint document kind");
  assert.equal(item.text, "goal-lint");
  assert.match(String(item.detail), /goal-lint\.enable/);
  assert.ok(context.subscriptions.length > 0);
  await (exports.deactivate as () => Promise<void>)();
});

test("activation with a serverPath that points nowhere says so instead of starting", async () => {
  const recorded: Recorded = { statusItems: [], commands: [], errors: [] };
  const { exports } = load(vscodeStub({ serverPath: path.join(extension, "no-such-dir", "goal-lint") }, recorded));
  await (exports.activate as (c: unknown) => Promise<void>)({ subscriptions: [], extensionPath: extension });
  assert.equal(recorded.errors.length, 1);
  assert.match(recorded.errors[0], /goal-lint\.serverPath/);
  assert.match(String(recorded.statusItems[0].item.detail), /no goal-lint server/);
  await (exports.deactivate as () => Promise<void>)();
});

test("goal-lint.toml gets the JSON schema in Even Better TOML (tomlValidation names the committed schema)", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(extension, "package.json"), "utf8"));
  const repo = path.resolve(__dirname, "..", "..", "..", "..");
  const schema = JSON.parse(fs.readFileSync(path.join(repo, "schema", "goal-lint.schema.json"), "utf8"));
  assert.deepEqual(manifest.contributes.tomlValidation, [
    { fileMatch: ["goal-lint.toml", ".goal-lint.toml"], url: schema.$id },
  ]);
});
