// How the extension starts the server. Kept free of the `vscode` module so that the Node test
// (test/server.test.ts) starts the server exactly the same way outside VS Code.

export interface ServerSettings {
  serverPath: string;
  configPath: string;
}

/** The command line that starts the language server. */
export function serverCommand(settings: ServerSettings): { command: string; args: string[] } {
  return { command: settings.serverPath || "goal-lint", args: ["lsp"] };
}

/** What the extension tells the server at start-up. */
export function initializationOptions(settings: ServerSettings): Record<string, unknown> {
  return {
    // The extension implements `goal-lint.insertSnippet`, so templates come with tab stops.
    snippetCommand: true,
    configPath: settings.configPath || undefined,
  };
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

/** Settings whose change needs a new client: the server binary, and the document selector
 * (`documentGlobs`), which a running client cannot change. */
export function restartsServer(affects: (section: string) => boolean): boolean {
  return ["goal-lint.serverPath", "goal-lint.enable", "goal-lint.documentGlobs"].some(affects);
}

export const INSTALL_URL = "https://github.com/goal-lint/goal-lint#install";
