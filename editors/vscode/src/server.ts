// How the extension finds and starts the server. Kept free of the `vscode` module so that the
// Node tests (test/*.test.ts) find and start the server exactly the same way outside VS Code.

import * as fs from "fs";
import * as path from "path";

export interface ServerSettings {
  serverPath: string;
  configPath: string;
}

/** Where a platform-specific .vsix carries the binary: `bin/goal-lint` in the extension. */
export function bundledServer(extensionPath: string, platform: string = process.platform): string {
  return path.join(extensionPath, "bin", platform === "win32" ? "goal-lint.exe" : "goal-lint");
}

/** A name looked up on PATH, as a shell would (PATHEXT on Windows). */
export function onPath(name: string, env: NodeJS.ProcessEnv = process.env, platform: string = process.platform): string | undefined {
  const exts = platform === "win32" ? (env.PATHEXT ?? ".EXE").split(";") : [""];
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      if (dir && fs.existsSync(candidate) && fs.statSync(candidate).isFile()) {
        return candidate;
      }
    }
  }
  return undefined;
}

export type ServerSource = "setting" | "bundled" | "PATH";

/**
 * The server binary to start: `goal-lint.serverPath` when it is set (a path, or a name looked up
 * on PATH); otherwise the binary bundled in the extension; otherwise `goal-lint` on PATH.
 */
export function findServer(
  serverPath: string,
  extensionPath: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: string = process.platform,
): { path: string; source: ServerSource } | undefined {
  const setting = serverPath.trim();
  if (setting) {
    const isPath = setting.includes("/") || setting.includes(path.sep);
    const found = isPath ? (fs.existsSync(setting) ? setting : undefined) : onPath(setting, env, platform);
    return found ? { path: found, source: "setting" } : undefined;
  }
  const bundled = bundledServer(extensionPath, platform);
  if (fs.existsSync(bundled)) {
    return { path: bundled, source: "bundled" };
  }
  const found = onPath("goal-lint", env, platform);
  return found ? { path: found, source: "PATH" } : undefined;
}

/** The command line that starts the language server. */
export function serverCommand(settings: ServerSettings): { command: string; args: string[] } {
  return { command: settings.serverPath || "goal-lint", args: ["lsp"] };
}

/** Arguments of the `goal-lint.insertSnippet` command the server sends with template fixes. */
export interface SnippetArguments {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  snippet: string;
}

export function isSnippetArguments(value: unknown): value is SnippetArguments {
  const v = value as SnippetArguments | undefined;
  return (
    typeof v === "object" &&
    v !== null &&
    typeof v.uri === "string" &&
    typeof v.snippet === "string" &&
    typeof v.range?.start?.line === "number" &&
    typeof v.range?.end?.character === "number"
  );
}

export const INSTALL_URL = "https://github.com/goal-lint/goal-lint#install";
