// What the tests that talk to a real goal-lint server share (outside test/, so that `node --test
// out/test/` does not run it as a test file): where the binary is, starting it with a JSON-RPC
// connection, and ending the session as a client does.

import { ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import { after } from "node:test";
import { createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node";
import { ExitNotification, ShutdownRequest } from "vscode-languageserver-protocol";

export const repo = path.resolve(__dirname, "..", "..", "..", "..");
export const binary = process.env.GOAL_LINT_BIN ?? path.join(repo, "target", "debug", "goal-lint");

/** The server started as `command args`, killed after the test (a failed assertion must not
 * leave it running), and a connection to it: add handlers, then `listen()`. */
export function startServer(
  command: string,
  args: string[],
  env?: NodeJS.ProcessEnv,
): { child: ChildProcess; connection: MessageConnection } {
  const child = spawn(command, args, { stdio: ["pipe", "pipe", "inherit"], ...(env ? { env } : {}) });
  after(() => child.kill());
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  return { child, connection };
}

/** `shutdown` then `exit`, as a client ends a session; the server's exit code. */
export async function shutdown(connection: MessageConnection, child: ChildProcess): Promise<number | null> {
  await connection.sendRequest(ShutdownRequest.type);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  await connection.sendNotification(ExitNotification.type);
  const code = await exited;
  connection.dispose();
  return code;
}
