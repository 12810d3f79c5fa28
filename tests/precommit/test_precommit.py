"""The pre-commit hooks, installed with the real `pre-commit` tool from this checkout.

pre-commit clones the repository at a commit and runs `cargo install --path .` in it. The
test points at this checkout's HEAD (so it tests what is committed) and shares the workspace's
target directory with that build so it does not compile everything a second time.
"""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
VAGUE = "## Q3 Goals\n\n- Work on payments\n"
GOOD = "## Q3 Goals\n\n- Ship payments v2 to 100% of transactions by Week 8\n"
UNUSED = "## Q3 Goals\n\n- Ship payments v2 by Week 8 <!-- goal-lint-disable-line vague-goal -->\n"


def git(repo: pathlib.Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=check)


def head_of_checkout() -> str:
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    if rev.returncode != 0:
        pytest.skip("this checkout is not a git repository with a commit")
    tracked = subprocess.run(["git", "cat-file", "-e", "HEAD:.pre-commit-hooks.yaml"], cwd=ROOT)
    if tracked.returncode != 0:
        pytest.skip(".pre-commit-hooks.yaml is not committed yet")
    return rev.stdout.strip()


@pytest.fixture
def repo(tmp_path: pathlib.Path) -> pathlib.Path:
    repo = tmp_path / "plans"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "test@example.com")
    git(repo, "config", "user.name", "Test")
    git(repo, "config", "commit.gpgsign", "false")
    return repo


def env(tmp_path: pathlib.Path) -> dict[str, str]:
    e = dict(os.environ)
    e["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-home")
    e["CARGO_TARGET_DIR"] = str(ROOT / "target")
    e.pop("NO_COLOR", None)
    return e


def pre_commit() -> str:
    exe = shutil.which("pre-commit")
    if exe is None:
        pytest.skip("pre-commit is not installed (tests/run.sh installs it)")
    return exe


def configure(repo: pathlib.Path, hook: str, rev: str, environ: dict[str, str]) -> None:
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {rev}\n    hooks:\n      - id: {hook}\n", encoding="utf-8"
    )
    subprocess.run([pre_commit(), "install"], cwd=repo, env=environ, check=True, capture_output=True)
    git(repo, "add", ".pre-commit-config.yaml")


def commit(repo: pathlib.Path, environ: dict[str, str], message: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "commit", "-m", message], cwd=repo, env=environ, capture_output=True, text=True, timeout=1200)


def test_a_vague_goal_is_rejected_and_a_good_one_accepted(repo: pathlib.Path, tmp_path: pathlib.Path):
    environ = env(tmp_path)
    configure(repo, "goal-lint", head_of_checkout(), environ)
    (repo / "q3.md").write_text(VAGUE, encoding="utf-8")
    git(repo, "add", "q3.md")
    rejected = commit(repo, environ, "Add Q3 goals")
    output = rejected.stdout + rejected.stderr
    assert rejected.returncode != 0, output
    assert "GL001" in output and "vague-goal" in output, output
    assert git(repo, "rev-parse", "HEAD", check=False).returncode != 0, "nothing was committed"

    (repo / "q3.md").write_text(GOOD, encoding="utf-8")
    git(repo, "add", "q3.md")
    accepted = commit(repo, environ, "Add Q3 goals")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    hook_output = accepted.stdout + accepted.stderr
    assert "goal-lint" in hook_output and "Passed" in hook_output, hook_output
    # Files that are not Markdown are not passed to the hook.
    (repo / "notes.txt").write_text(VAGUE, encoding="utf-8")
    git(repo, "add", "notes.txt")
    skipped = commit(repo, environ, "Add notes")
    assert skipped.returncode == 0, skipped.stdout + skipped.stderr


def test_the_fix_hook_applies_safe_fixes(repo: pathlib.Path, tmp_path: pathlib.Path):
    environ = env(tmp_path)
    configure(repo, "goal-lint-fix", head_of_checkout(), environ)
    (repo / "q3.md").write_text(UNUSED, encoding="utf-8")
    git(repo, "add", "q3.md")
    first = commit(repo, environ, "Add Q3 goals")
    assert first.returncode != 0, "the hook changed a file, so pre-commit stops the commit"
    assert (repo / "q3.md").read_text(encoding="utf-8") == "## Q3 Goals\n\n- Ship payments v2 by Week 8\n"
    git(repo, "add", "q3.md")
    second = commit(repo, environ, "Add Q3 goals")
    assert second.returncode == 0, second.stdout + second.stderr
