// The language status item: the kind of the active document as goal-lint judged it (a plan, a
// pristine template, not a plan: a guide, a report…), from the server's `goal-lint.outline`
// command. Kept free of the `vscode` module so that the Node tests check the same logic.

/** The server command that answers a document's outline as JSON with a `kind` field. */
export const OUTLINE_COMMAND = "goal-lint.outline";

/** Whether the server offers the outline command (`executeCommandProvider.commands` in its
 * capabilities). A server without it gets no request: the item says so instead. */
export function offersOutline(capabilities: unknown): boolean {
  const commands = (capabilities as { executeCommandProvider?: { commands?: unknown } } | undefined)?.executeCommandProvider
    ?.commands;
  return Array.isArray(commands) && commands.includes(OUTLINE_COMMAND);
}

/** The `workspace/executeCommand` parameters that ask for a document's outline. */
export function outlineParams(uri: string): { command: string; arguments: [string] } {
  return { command: OUTLINE_COMMAND, arguments: [uri] };
}

/** What the item shows: `text` in the status bar, `detail` beside it, `severity` its colour. */
export interface KindStatus {
  text: string;
  detail: string;
  severity: "information" | "warning";
}

export const STATUS_NAME = "goal-lint document kind";

/** Before the first answer, or while the server starts. */
export const PENDING: KindStatus = { text: "goal-lint", detail: "judging the document…", severity: "information" };

/** The extension is turned off (`goal-lint.enable`), or its server could not be found. */
export const DISABLED: KindStatus = { text: "goal-lint", detail: "not running (goal-lint.enable is off)", severity: "information" };
export const NO_SERVER: KindStatus = { text: "goal-lint", detail: "not running: no goal-lint server found", severity: "warning" };

/** A server without `goal-lint.outline` (an older goal-lint on PATH or in `serverPath`). */
export const UNAVAILABLE: KindStatus = {
  text: "goal-lint",
  detail: "document kind: this goal-lint server has no goal-lint.outline command (update goal-lint)",
  severity: "information",
};

/** The status for an answer of the outline command: an object with a `kind` string, or the same
 * as JSON text. Anything else is reported as an unreadable answer, never thrown. */
export function kindStatus(answer: unknown): KindStatus {
  let value = answer;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return unreadable();
    }
  }
  const outline = value as { kind?: unknown; evidence?: unknown; template?: unknown } | null;
  if (typeof outline !== "object" || outline === null || typeof outline.kind !== "string" || outline.kind.trim() === "") {
    return unreadable();
  }
  const kind = outline.kind.trim();
  const parts = [kindDetail(kind)];
  if (typeof outline.template === "string" && outline.template) {
    parts.push(`read against the template ${outline.template}`);
  }
  const evidence = Array.isArray(outline.evidence) ? outline.evidence.filter((e): e is string => typeof e === "string") : [];
  if (evidence.length > 0) {
    parts.push(evidence.slice(0, 3).join("; "));
  }
  return { text: kind, detail: parts.join(" · "), severity: "information" };
}

/** What a kind means for the findings. */
function kindDetail(kind: string): string {
  const k = kind.toLowerCase();
  if (k === "plan") {
    return "every rule applies";
  }
  if (k.startsWith("pristine")) {
    return "one notice until a slot is filled in";
  }
  if (k.startsWith("not a plan")) {
    return "no findings: goal-lint does not judge its entries";
  }
  return "document kind";
}

function unreadable(): KindStatus {
  return { text: "goal-lint", detail: "document kind: the server's outline had no kind", severity: "warning" };
}

/** The status after a failed request (the server stopped, the document closed meanwhile). */
export function failedStatus(error: unknown): KindStatus {
  const message = error instanceof Error ? error.message : String(error);
  return { text: "goal-lint", detail: `document kind unavailable: ${message}`, severity: "warning" };
}

/** What the item controller needs from the extension: whether the running server offers the
 * command, the request itself, and the item to show the result on. */
export interface KindStatusHost {
  offersOutline(): boolean;
  requestOutline(uri: string): Promise<unknown>;
  show(status: KindStatus, busy: boolean): void;
}

/** Keeps the item on the active document: each update asks for the outline once; an answer
 * that a later update overtook (another document became active, the text changed) is dropped. */
export class KindStatusController {
  private generation = 0;
  private last: KindStatus = PENDING;

  constructor(private readonly host: KindStatusHost) {}

  async update(uri: string | undefined): Promise<void> {
    const generation = ++this.generation;
    if (uri === undefined) {
      return;
    }
    if (!this.host.offersOutline()) {
      this.host.show((this.last = UNAVAILABLE), false);
      return;
    }
    this.host.show(this.last, true);
    let status: KindStatus;
    try {
      status = kindStatus(await this.host.requestOutline(uri));
    } catch (error) {
      // -32601: a server that lists the command but does not know it (or an older one).
      status = (error as { code?: unknown } | null)?.code === -32601 ? UNAVAILABLE : failedStatus(error);
    }
    if (generation === this.generation) {
      this.host.show((this.last = status), false);
    }
  }
}
