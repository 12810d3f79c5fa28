// The server binary the extension picks (src/server.ts findServer), and the binary bundled in the
// platform .vsix started as the extension starts it. tests/run.sh packages the .vsix, unpacks it
// as VS Code installs it and points GOAL_LINT_EXTENSION_DIR at the unpacked extension.

import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { InitializedNotification, InitializeRequest } from "vscode-languageserver-protocol";

import { bundledServer, findServer, serverCommand } from "../src/server";
import { shutdown, startServer } from "../testing/rpc";

function executable(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, "#!/bin/sh\n");
  fs.chmodSync(file, 0o755);
}

test("the setting wins, then the bundled binary, then PATH", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "goal-lint-find-"));
  const extension = path.join(root, "extension");
  const onPath = path.join(root, "path-dir");
  const env = { PATH: onPath };
  fs.mkdirSync(extension);

  assert.equal(findServer("", extension, env, "linux"), undefined, "nothing anywhere");
  executable(path.join(onPath, "goal-lint"));
  assert.deepEqual(findServer("", extension, env, "linux"), { path: path.join(onPath, "goal-lint"), source: "PATH" });
  executable(bundledServer(extension, "linux"));
  assert.deepEqual(findServer("", extension, env, "linux"), {
    path: path.join(extension, "bin", "goal-lint"),
    source: "bundled",
  });
  assert.equal(bundledServer(extension, "win32"), path.join(extension, "bin", "goal-lint.exe"));

  const custom = path.join(root, "custom", "goal-lint");
  executable(custom);
  assert.deepEqual(findServer(custom, extension, env, "linux"), { path: custom, source: "setting" });
  assert.deepEqual(findServer("goal-lint", extension, env, "linux"), { path: path.join(onPath, "goal-lint"), source: "setting" });
  // A setting that points nowhere is an error, not a silent fall back to another binary.
  assert.equal(findServer(path.join(root, "nope", "goal-lint"), extension, env, "linux"), undefined);
  assert.equal(findServer("nope", extension, env, "linux"), undefined);
  fs.rmSync(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
});

test("the installed extension starts its bundled server with nothing on PATH", async () => {
  const extension = process.env.GOAL_LINT_EXTENSION_DIR ?? path.resolve(__dirname, "..", "..");
  const found = findServer("", extension, { PATH: "" });
  assert.ok(found, `no bundled server in ${extension}/bin: package the platform .vsix first (tests/run.sh)`);
  assert.equal(found.source, "bundled");
  fs.accessSync(found.path, fs.constants.X_OK);

  const { args } = serverCommand({ serverPath: found.path, configPath: "" });
  const { child, connection } = startServer(found.path, args, { PATH: "" });
  connection.onRequest("client/registerCapability", () => null);
  connection.listen();
  const init = await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: {},
    workspaceFolders: null,
  });
  assert.equal(init.serverInfo?.name, "goal-lint");
  const packageJson = JSON.parse(fs.readFileSync(path.join(extension, "package.json"), "utf8"));
  assert.equal(init.serverInfo?.version, packageJson.version, "the bundled server is the extension's version");
  await connection.sendNotification(InitializedNotification.type, {});
  assert.equal(await shutdown(connection, child), 0);
});
