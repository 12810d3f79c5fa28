#!/usr/bin/env python3
"""Language server latency and memory.

    tests/.venv/bin/python bench/lsp_latency.py [--lines 5000] [--runs 40] [--out bench/results/lsp.md]

With the release server and no debounce, on a LINES-line goal document:

- one-character `didChange` -> `publishDiagnostics` (push), and -> the answer to a
  `textDocument/diagnostic` pull sent right after it (pull, as VS Code and Neovim 0.11 do);
- a burst of keystrokes (one every 40 ms) with a pull after each, the client retriggering
  pulls the server cancels, as clients do: the time from the last key to the full report of the
  last version;
- a full re-lint (the whole text replaced), and the CLI on the same file;
- where a keystroke's time goes: the server's own timings (`timings` option) of reparse,
  model, analysis, conversion to protocol diagnostics and JSON serialisation;
- rumdl's language server (PyPI `rumdl`, installed by bench/peers.py into bench/.peers, or
  `--rumdl PATH`) on the same file in the same run, pull after a one-character edit, for
  reference;
- the server's peak memory with 100 documents open;
- whether the keystroke target is met: a one-character edit's diagnostics (push and pull
  medians) within 30 ms and within a quarter of a CLI lint of the same text (`--check`: exit 1
  when it is not);
- as a user meets the server (its defaults: the adaptive push debounce, no `debounceMs`),
  beside rumdl in the same run (issue 25): a push client's keystroke (one-character edit →
  `publishDiagnostics`, the next key after a typing pause), open → first diagnostics, and
  memory (resident, not peak) after the first pulled edit, after EDITS pulled edits and after
  `didClose`, with the ratios the issue asks for.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import pathlib
import select
import shutil
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "lsp"))
from rawclient import RawClient  # noqa: E402

from peers import machine  # noqa: E402

SERVER_CANCELLED = -32802
# A one-character edit's diagnostics (median), at most; and at most a quarter of a CLI lint.
TARGET_MS = 30


def peak_rss_mib(pid: int) -> float:
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class Client(RawClient):
    """RawClient for any server command, with non-blocking reads."""

    def __init__(self, cmd: list[str], root: pathlib.Path):
        self.root = root
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.next_id = 1
        self.pending: list[dict] = []
        self.buffer = b""

    def send_request(self, method: str, params) -> int:
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        return rid

    def poll(self, until: float, first: bool = False) -> list[tuple[float, dict]]:
        """The responses that arrive before `until` (perf_counter time), timestamped;
        notifications are kept in `pending`, requests from the server answered. `first`:
        return as soon as a response is there."""
        out = []
        while True:
            remaining = until - time.perf_counter()
            if (remaining <= 0 or (first and out)) and b"\r\n\r\n" not in self.buffer and not select.select([self.proc.stdout.fileno()], [], [], 0)[0]:
                return out
            try:
                msg = self.read(timeout=max(remaining, 0.001))
            except AssertionError:
                return out
            if "method" in msg:
                self.answer_or_keep(msg)
            else:
                out.append((time.perf_counter(), msg))


def edit(line: int, i: int) -> dict:
    """Type a character at the start of `line`, then delete it."""
    if i % 2 == 0:
        return {"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "text": "x"}
    return {"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 1}}, "text": ""}


def apply(text: str, line: int, i: int) -> str:
    lines = text.split("\n")
    lines[line] = ("x" + lines[line]) if i % 2 == 0 else lines[line][1:]
    return "\n".join(lines)


def wait_response(client: Client, rid: int, timeout: float = 60) -> dict:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        for _, msg in client.poll(min(deadline, time.perf_counter() + 0.05), first=True):
            if msg.get("id") == rid:
                return msg
    raise AssertionError("no response")


def pull_after_keystroke(client: Client, uri: str, text: str, runs: int, incremental: bool) -> list[float]:
    """didChange then a pull; the time to the pull's full answer (retriggered when cancelled)."""
    middle = text.count("\n") // 2
    times = []
    version = 100
    for i in range(runs):
        version += 1
        text = apply(text, middle, i)
        change = edit(middle, i) if incremental else {"text": text}
        start = time.perf_counter()
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})
        while True:
            rid = client.send_request("textDocument/diagnostic", {"textDocument": {"uri": uri}})
            msg = wait_response(client, rid)
            if msg.get("error", {}).get("code") != SERVER_CANCELLED:
                break
        assert "result" in msg, msg
        times.append(time.perf_counter() - start)
    return times


def burst(client: Client, uri: str, text: str, keys: int, gap: float, first_version: int) -> float:
    """A pull after every keystroke, `gap` seconds apart; cancelled pulls are retriggered, as
    clients do. Returns the time from the last keystroke to the full report of the last
    version: the first full answer to a pull sent after the last key (earlier pulls that would
    answer later are superseded by it and cancelled; result ids no longer carry the version)."""
    middle = text.count("\n") // 2 + 3
    done_at = None
    after_last: set[int] = set()
    final = False

    def handle(responses: list[tuple[float, dict]]) -> None:
        nonlocal done_at
        for at, msg in responses:
            if msg.get("error", {}).get("code") == SERVER_CANCELLED:
                rid = client.send_request("textDocument/diagnostic", {"textDocument": {"uri": uri}})
                if final:
                    after_last.add(rid)
            elif msg.get("id") in after_last and "result" in msg and done_at is None:
                done_at = at

    last_key = 0.0
    for i in range(keys):
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": first_version + 1 + i}, "contentChanges": [edit(middle, i)]})
        last_key = time.perf_counter()
        final = i == keys - 1
        rid = client.send_request("textDocument/diagnostic", {"textDocument": {"uri": uri}})
        if final:
            after_last.add(rid)
        else:
            handle(client.poll(last_key + gap))
    while done_at is None:
        assert time.perf_counter() - last_key < 60, "the last version was never reported"
        handle(client.poll(time.perf_counter() + 0.02, first=True))
    # Let the pulls still outstanding finish before the next measurement.
    final = False
    handle(client.poll(time.perf_counter() + 0.3))
    return done_at - last_key


def rss_mib(pid: int) -> float:
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def push_keystrokes(client: Client, uri: str, text: str, runs: int, incremental: bool, pause: float = 0.1) -> list[float]:
    """One-character edits, each `pause` after the last one's diagnostics (a typing pause, so a
    debounce is paid in full): the time from the edit to the diagnostics published for it."""
    middle = text.count("\n") // 2
    times = []
    version = 1
    for i in range(runs):
        version += 1
        text = apply(text, middle, i)
        change = edit(middle, i) if incremental else {"text": text}
        client.pending.clear()
        start = time.perf_counter()
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})
        v = version
        client.wait_notification(
            "textDocument/publishDiagnostics",
            lambda p: p["uri"] == uri and p.get("version") in (v, None),
            timeout=60,
        )
        times.append(time.perf_counter() - start)
        time.sleep(pause)
    return times


def open_to_diagnostics(client: Client, work: pathlib.Path, text: str, runs: int, pull: bool) -> list[float]:
    """didOpen of a new document (the same text under another name) → its first diagnostics
    (published, or the answer to a pull sent right after the open)."""
    times = []
    for i in range(runs):
        uri = (work / f"open{i:03}.md").as_uri()
        client.pending.clear()
        start = time.perf_counter()
        client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
        if pull:
            while True:
                msg = wait_response(client, client.send_request("textDocument/diagnostic", {"textDocument": {"uri": uri}}))
                if msg.get("error", {}).get("code") != SERVER_CANCELLED:
                    break
        else:
            client.wait_notification("textDocument/publishDiagnostics", lambda p: p["uri"] == uri, timeout=60)
        times.append(time.perf_counter() - start)
        client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    return times


def memory_over_edits(client: Client, uri: str, text: str, edits: int) -> dict:
    """Resident memory (MiB): before the open, after the first pulled edit, after `edits`
    pulled one-character edits (a pull after each, as Neovim and VS Code do), and after
    `didClose`."""
    pid = client.proc.pid
    time.sleep(0.3)
    out = {"baseline": rss_mib(pid)}
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
    wait_response(client, client.send_request("textDocument/diagnostic", {"textDocument": {"uri": uri}}))
    middle = text.count("\n") // 2
    for i in range(edits):
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": i + 2}, "contentChanges": [edit(middle + (i // 2) % 40, i)]})
        while True:
            msg = wait_response(client, client.send_request("textDocument/diagnostic", {"textDocument": {"uri": uri}}))
            if msg.get("error", {}).get("code") != SERVER_CANCELLED:
                break
        client.pending.clear()
        if i == 0:
            out["first_edit"] = rss_mib(pid)
        if i + 1 in (1000, 2500):
            out[f"after_{i + 1}"] = rss_mib(pid)
    out["after_edits"] = rss_mib(pid)
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    # A request after the close, answered: the server has handled the close.
    wait_response(client, client.send_request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}))
    time.sleep(1.0)
    out["after_close"] = rss_mib(pid)
    return out


def timings_of(client: Client) -> list[dict]:
    out = []
    for msg in client.pending:
        if msg.get("method") == "window/logMessage" and msg["params"]["message"].startswith("goal-lint timings "):
            t = json.loads(msg["params"]["message"][len("goal-lint timings ") :])
            if not t["cached"]:
                out.append(t)
    client.pending.clear()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lines", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=40)
    ap.add_argument("--rumdl", default=str(ROOT / "bench" / ".peers" / "venv" / "bin" / "rumdl"))
    ap.add_argument("--binary", help="a goal-lint binary to measure instead of building one (e.g. an older build)")
    ap.add_argument("--out", type=pathlib.Path, default=ROOT / "bench" / "results" / "lsp.md")
    ap.add_argument("--check", action="store_true", help="exit 1 when the keystroke target is not met")
    ap.add_argument("--edits", type=int, default=5000, help="pulled edits for the memory measurement")
    args = ap.parse_args()

    if args.binary:
        binary = args.binary
    else:
        subprocess.run(["cargo", "build", "--release", "--quiet", "--locked"], cwd=ROOT, check=True)
        target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
        binary = str(target / "release" / "goal-lint")
    work = ROOT / "bench" / "out" / "lsp"
    work.mkdir(parents=True, exist_ok=True)
    text = subprocess.run(["cargo", "xtask", "gen-doc", str(args.lines)], cwd=ROOT, check=True, capture_output=True, text=True).stdout
    path = work / "long.md"
    path.write_text(text, encoding="utf-8")
    lines = text.count("\n")

    # The CLI on the same file (process start included), for scale.
    cli = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([binary, "--no-config", "--quiet", str(path)], stdout=subprocess.DEVNULL, check=False)
        cli.append(time.perf_counter() - start)

    uri = path.as_uri()
    open_params = {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}
    options = {"debounceMs": 0, "today": "2025-07-01", "timings": True}
    with Client([binary, "lsp"], work) as raw:
        raw.initialize(options=options)
        raw.notify("initialized", {})
        raw.notify("textDocument/didOpen", open_params)
        raw.wait_notification("textDocument/publishDiagnostics", lambda p: p["uri"] == uri and p.get("version") == 1, timeout=60)
        version = 1
        keystroke, full = [], []
        middle = lines // 2
        timings_of(raw)
        for i in range(args.runs):
            version += 1
            raw.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [edit(middle, i)]})
            start = time.perf_counter()
            raw.wait_notification("textDocument/publishDiagnostics", lambda p: p["uri"] == uri and p.get("version") == version, timeout=60)
            keystroke.append(time.perf_counter() - start)
        stages = timings_of(raw)
        for _ in range(max(5, args.runs // 4)):
            version += 1
            raw.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]})
            start = time.perf_counter()
            raw.wait_notification("textDocument/publishDiagnostics", lambda p: p["uri"] == uri and p.get("version") == version, timeout=60)
            full.append(time.perf_counter() - start)
        single_doc_peak = peak_rss_mib(raw.proc.pid)

    # Pull mode: a pull after each edit, and a burst of keystrokes with a pull after each.
    with Client([binary, "lsp"], work) as raw:
        raw.initialize(capabilities={"textDocument": {"diagnostic": {}}}, options=options)
        raw.notify("initialized", {})
        raw.notify("textDocument/didOpen", open_params)
        wait_response(raw, raw.send_request("textDocument/diagnostic", {"textDocument": {"uri": uri}}))
        pull = pull_after_keystroke(raw, uri, text, args.runs, incremental=True)
        bursts = [burst(raw, uri, text, 10, 0.04, 1000 + 100 * k) for k in range(5)]
        pull_stages = timings_of(raw)

    rumdl_pull: list[float] = []
    rumdl = shutil.which(args.rumdl) or (args.rumdl if os.path.exists(args.rumdl) else None)
    rumdl_version = ""
    if rumdl:
        rumdl_version = subprocess.run([rumdl, "--version"], capture_output=True, text=True).stdout.strip()
        with Client([rumdl, "server"], work) as peer:
            peer.initialize(capabilities={"textDocument": {"diagnostic": {}}})
            peer.notify("initialized", {})
            peer.notify("textDocument/didOpen", open_params)
            wait_response(peer, peer.send_request("textDocument/diagnostic", {"textDocument": {"uri": uri}}))
            rumdl_pull = pull_after_keystroke(peer, uri, text, args.runs, incremental=False)

    with Client([binary, "lsp"], work) as raw:
        raw.initialize(options={"debounceMs": 0, "today": "2025-07-01"})
        raw.notify("initialized", {})
        medium = subprocess.run(["cargo", "xtask", "gen-doc", "300"], cwd=ROOT, check=True, capture_output=True, text=True).stdout
        for i in range(100):
            u = (work / f"doc{i:03}.md").as_uri()
            raw.notify("textDocument/didOpen", {"textDocument": {"uri": u, "languageId": "markdown", "version": 1, "text": medium + f"\n<!-- {i} -->\n"}})
        for i in range(100):
            u = (work / f"doc{i:03}.md").as_uri()
            raw.wait_notification("textDocument/publishDiagnostics", lambda p: p["uri"] == u and p.get("version") == 1, timeout=60)
        hundred_peak = peak_rss_mib(raw.proc.pid)
        medium_lines = medium.count("\n")

    # As a user meets it: the server's defaults (the adaptive debounce), beside rumdl.
    defaults = {"today": "2025-07-01", "debounceMs": None}
    with Client([binary, "lsp"], work) as raw:
        raw.initialize(options=defaults)
        raw.notify("initialized", {})
        user_open_push = open_to_diagnostics(raw, work, text, max(5, args.runs // 4), pull=False)
        raw.notify("textDocument/didOpen", open_params)
        raw.wait_notification("textDocument/publishDiagnostics", lambda p: p["uri"] == uri, timeout=60)
        user_push = push_keystrokes(raw, uri, text, args.runs, incremental=True)
    with Client([binary, "lsp"], work) as raw:
        raw.initialize(capabilities={"textDocument": {"diagnostic": {}}}, options=defaults)
        raw.notify("initialized", {})
        user_open_pull = open_to_diagnostics(raw, work, text, max(5, args.runs // 4), pull=True)
    # Memory on a fresh server (what the opens above left is not counted).
    with Client([binary, "lsp"], work) as raw:
        raw.initialize(capabilities={"textDocument": {"diagnostic": {}}}, options=defaults)
        raw.notify("initialized", {})
        memory = memory_over_edits(raw, (work / "memory.md").as_uri(), text, args.edits)
    peer_push: list[float] = []
    peer_open_push: list[float] = []
    peer_memory: dict = {}
    if rumdl:
        with Client([rumdl, "server"], work) as peer:
            peer.initialize()
            peer.notify("initialized", {})
            peer_open_push = open_to_diagnostics(peer, work, text, max(5, args.runs // 4), pull=False)
            peer.notify("textDocument/didOpen", open_params)
            peer.wait_notification("textDocument/publishDiagnostics", lambda p: p["uri"] == uri, timeout=60)
            peer_push = push_keystrokes(peer, uri, text, args.runs, incremental=False)
        with Client([rumdl, "server"], work) as peer:
            peer.initialize(capabilities={"textDocument": {"diagnostic": {}}})
            peer.notify("initialized", {})
            peer_memory = memory_over_edits(peer, (work / "memory.md").as_uri(), text, args.edits)

    def ms(values: list[float]) -> str:
        return f"{statistics.median(values) * 1000:.1f} ms"

    def p90(values: list[float]) -> str:
        return f"{sorted(values)[max(0, int(len(values) * 0.9) - 1)] * 1000:.1f} ms"

    k, f, c, p = (statistics.median(x) for x in (keystroke, full, cli, pull))
    rows = [
        f"Measured {datetime.date.today().isoformat()} on {machine()}; release build, debounce off.",
        "",
        f"| {lines}-line goal document ({len(text) / 1e6:.2f} MB) | median | |",
        "|---|---:|---|",
        f"| one-character `didChange` → `publishDiagnostics` (push) | {ms(keystroke)} | p90 {p90(keystroke)}, {len(keystroke)} edits |",
        f"| one-character `didChange` → answer to the pull sent after it | {ms(pull)} | p90 {p90(pull)}, {len(pull)} edits |",
        f"| 10 keystrokes 40 ms apart, a pull after each: last key → last version's report | {ms(bursts)} | {len(bursts)} bursts |",
        f"| whole text replaced → `publishDiagnostics` (full re-lint) | {ms(full)} | {len(full)} runs |",
        f"| `goal-lint` CLI on the same file (process included) | {ms(cli)} | 5 runs |",
    ]
    if rumdl_pull:
        r = statistics.median(rumdl_pull)
        rows.append(f"| {rumdl_version or 'rumdl'} server: one-character edit (full text, its sync kind) → pull answered | {ms(rumdl_pull)} | p90 {p90(rumdl_pull)}, {len(rumdl_pull)} edits |")
    rows += [
        "",
        "| ratio | |",
        "|---|---:|",
        f"| push keystroke ÷ full re-lint | {k / f:.2f} |",
        f"| push keystroke ÷ CLI | {k / c:.2f} |",
        f"| pull keystroke ÷ CLI | {p / c:.2f} |",
    ]
    if rumdl_pull:
        rows += [f"| goal-lint pull keystroke ÷ rumdl pull keystroke | {p / statistics.median(rumdl_pull):.2f} |"]
    met = max(k, p) <= TARGET_MS / 1000 and max(k, p) <= c / 4
    rows += [f"| target: push and pull keystroke ≤ {TARGET_MS} ms and ≤ CLI ÷ 4 | {'met' if met else '**not met**'} |"]
    all_stages = stages + pull_stages
    if all_stages:
        rows += ["", f"Where a keystroke's time goes (server timings, median of {len(all_stages)} lints):", "", "| stage | median |", "|---|---:|"]
        for key, name in [
            ("parse_ms", "tree-sitter incremental reparse"),
            ("model_ms", "goal model (with inline parsing)"),
            ("analysis_ms", "rules (analysis)"),
            ("convert_ms", "conversion to protocol diagnostics"),
            ("serialise_ms", "JSON serialisation of the diagnostics"),
        ]:
            rows.append(f"| {name} | {statistics.median(t[key] for t in all_stages):.1f} ms |")
        rows.append(f"| diagnostics per report | {statistics.median(t['diagnostics'] for t in all_stages):.0f} ({statistics.median(t['bytes'] for t in all_stages) / 1000:.0f} kB of JSON) |")
    rows += [
        "",
        "| memory | peak RSS |",
        "|---|---:|",
        f"| server with that one document open | {single_doc_peak:.0f} MiB |",
        f"| server with 100 documents of {medium_lines} lines open | {hundred_peak:.0f} MiB |",
        "",
    ]
    med = statistics.median
    rows += [
        f"As a user meets it (issue 25): the server's defaults (adaptive push debounce), {args.runs} keystrokes each 0.1 s after the last one's diagnostics, beside {rumdl_version or 'rumdl (not found)'} in the same run.",
        "",
        "| | goal-lint | rumdl | ratio | target |",
        "|---|---:|---:|---:|---|",
    ]

    def row(name: str, ours: list[float], theirs: list[float], target: str) -> str:
        if theirs:
            return f"| {name} | {ms(ours)} | {ms(theirs)} | {med(ours) / med(theirs):.2f} | {target} |"
        return f"| {name} | {ms(ours)} | | | {target} |"

    rows += [
        row("push: one-character edit → `publishDiagnostics` (p50)", user_push, peer_push, "≤ 2× rumdl"),
        row("pull: one-character edit → answer (p50, from above)", pull, rumdl_pull, "≤ 30 ms"),
        row("open → first published diagnostics", user_open_push, peer_open_push, "≤ 2× rumdl"),
        f"| open → first pulled diagnostics | {ms(user_open_pull)} | | | |",
        "",
        f"Resident memory (VmRSS) of the server, the same {lines}-line document, a pull after each edit:",
        "",
        "| MiB | goal-lint | rumdl |",
        "|---|---:|---:|",
    ]
    for key, name in [
        ("baseline", "initialized, nothing open"),
        ("first_edit", "after the first edit"),
        ("after_1000", "after 1,000 edits"),
        ("after_2500", "after 2,500 edits"),
        ("after_edits", f"after {args.edits:,} edits"),
        ("after_close", "after `didClose`"),
    ]:
        if key in memory:
            theirs = f"{peer_memory[key]:.0f}" if key in peer_memory else ""
            rows.append(f"| {name} | {memory[key]:.0f} | {theirs} |")
    growth = memory["after_edits"] / memory["first_edit"]
    released = memory["after_close"] - memory["baseline"]
    rows += [
        "",
        "| ratio | | target |",
        "|---|---:|---|",
        f"| memory after {args.edits:,} edits ÷ after the first | {growth:.2f} | ≤ 1.5 |",
        f"| memory after `didClose` − before the open | {released:+.0f} MiB | back to baseline |",
        "",
    ]
    table = "\n".join(rows)
    print(table)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(table, encoding="utf-8")
    return 1 if args.check and not met else 0


if __name__ == "__main__":
    sys.exit(main())
