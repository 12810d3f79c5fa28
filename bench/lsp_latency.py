#!/usr/bin/env python3
"""Language server latency and memory.

    python3 bench/lsp_latency.py [--lines 5000] [--runs 40] [--out bench/results/lsp.md]

With the release server and no debounce: the time from a one-character `didChange` to the
`publishDiagnostics` that answers it on a LINES-line goal document (incremental: the server
edits its syntax tree and reparses only what changed), against a full re-lint of the same
document (its whole text replaced, so everything is parsed again) and against the CLI linting
the same file. Then the server's peak memory with 100 documents open.
"""

from __future__ import annotations

import argparse
import datetime
import os
import pathlib
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "lsp"))
from rawclient import RawClient  # noqa: E402

from peers import machine  # noqa: E402


def peak_rss_mib(pid: int) -> float:
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def diagnostics_after(raw: RawClient, uri: str, version: int) -> float:
    start = time.perf_counter()
    raw.wait_notification("textDocument/publishDiagnostics", lambda p: p["uri"] == uri and p.get("version") == version, timeout=60)
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lines", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=40)
    ap.add_argument("--out", type=pathlib.Path, default=ROOT / "bench" / "results" / "lsp.md")
    args = ap.parse_args()

    subprocess.run(["cargo", "build", "--release", "--quiet", "--locked"], cwd=ROOT, check=True)
    binary = str(ROOT / "target" / "release" / "goal-lint")
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

    with RawClient(binary, work) as raw:
        raw.initialize(options={"debounceMs": 0, "today": "2025-07-01"})
        raw.notify("initialized", {})
        uri = path.as_uri()
        raw.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
        diagnostics_after(raw, uri, 1)
        version = 1
        keystroke, full = [], []
        middle = lines // 2
        for i in range(args.runs):
            # Type a character in the middle of the document, then delete it.
            version += 1
            edit = {"range": {"start": {"line": middle, "character": 0}, "end": {"line": middle, "character": 0}}, "text": "x"}
            if i % 2:
                edit = {"range": {"start": {"line": middle, "character": 0}, "end": {"line": middle, "character": 1}}, "text": ""}
            raw.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [edit]})
            keystroke.append(diagnostics_after(raw, uri, version))
        for _ in range(max(5, args.runs // 4)):
            version += 1
            raw.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]})
            full.append(diagnostics_after(raw, uri, version))
        single_doc_peak = peak_rss_mib(raw.proc.pid)

    with RawClient(binary, work) as raw:
        raw.initialize(options={"debounceMs": 0, "today": "2025-07-01"})
        raw.notify("initialized", {})
        medium = subprocess.run(["cargo", "xtask", "gen-doc", "300"], cwd=ROOT, check=True, capture_output=True, text=True).stdout
        for i in range(100):
            uri = (work / f"doc{i:03}.md").as_uri()
            raw.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": medium + f"\n<!-- {i} -->\n"}})
        for i in range(100):
            uri = (work / f"doc{i:03}.md").as_uri()
            diagnostics_after(raw, uri, 1)
        hundred_peak = peak_rss_mib(raw.proc.pid)
        medium_lines = medium.count("\n")

    k, f, c = statistics.median(keystroke), statistics.median(full), statistics.median(cli)
    p90 = sorted(keystroke)[int(len(keystroke) * 0.9) - 1]
    table = "\n".join(
        [
            f"Measured {datetime.date.today().isoformat()} on {machine()}; release build, debounce off.",
            "",
            f"| {lines}-line goal document ({len(text) / 1e6:.2f} MB) | median | |",
            "|---|---:|---|",
            f"| one-character `didChange` → `publishDiagnostics` (incremental) | {k * 1000:.1f} ms | p90 {p90 * 1000:.1f} ms, {len(keystroke)} edits |",
            f"| whole text replaced → `publishDiagnostics` (full re-lint) | {f * 1000:.1f} ms | {len(full)} runs |",
            f"| `goal-lint` CLI on the same file (process included) | {c * 1000:.1f} ms | 5 runs |",
            f"| keystroke ÷ full re-lint | {k / f:.2f} | |",
            "",
            "| memory | peak RSS |",
            "|---|---:|",
            f"| server with that one document open | {single_doc_peak:.0f} MiB |",
            f"| server with 100 documents of {medium_lines} lines open | {hundred_peak:.0f} MiB |",
            "",
        ]
    )
    print(table)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(table, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
