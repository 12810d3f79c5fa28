"""The pre-commit hooks, installed with the real `pre-commit` tool from this checkout.

The `language: python` hooks (`goal-lint`, `goal-lint-fix`) are installed as a user's
pre-commit installs them: it clones this repository at HEAD, makes a virtualenv and runs
`pip install .`, which needs the `goal-lint` wheel. The index is off (`PIP_NO_INDEX`) and the
wheel tests/run.sh built for this machine is offered instead (`PIP_FIND_LINKS`), and nothing of
Rust is on PATH while the commits run: the hook must need no toolchain.

The `language: rust` hooks run `cargo install --path .`, minutes of compiling; their manifest is
checked here (pre-commit's own validation, and that they run what the Python hooks run).
"""

from __future__ import annotations

import os
import pathlib
import re
import shutil
import subprocess
import sys

import pytest
import yaml
from identify.identify import tags_from_filename

ROOT = pathlib.Path(__file__).resolve().parents[2]
VAGUE = "## Q3 Goals\n\n- Work on payments\n"
GOOD = "## Q3 Goals\n\n- Ship payments v2 to 100% of transactions by Week 8\n"
UNUSED = "## Q3 Goals\n\n- Ship payments v2 by Week 8 <!-- goal-lint-disable-line vague-goal -->\n"


def git(repo: pathlib.Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=check)


def head_of_checkout() -> str:
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    assert rev.returncode == 0, "the pre-commit test needs this checkout to be a git repository"
    for tracked in (".pre-commit-hooks.yaml", "pyproject.toml", "python/hook_backend.py"):
        shown = subprocess.run(["git", "cat-file", "-e", f"HEAD:{tracked}"], cwd=ROOT)
        assert shown.returncode == 0, f"{tracked} is not committed: pre-commit installs from HEAD"
    return rev.stdout.strip()


def wheels() -> pathlib.Path:
    found = os.environ.get("GOAL_LINT_WHEELS")
    assert found, "GOAL_LINT_WHEELS: the directory of the goal-lint wheel (tests/run.sh builds it)"
    path = pathlib.Path(found)
    assert list(path.glob("goal_lint-*.whl")), f"no goal-lint wheel in {path}"
    return path


def path_without_rust() -> str:
    """This virtualenv (pre-commit, Python) and the system directories that hold no Rust tool."""
    dirs = [str(pathlib.Path(sys.executable).parent)]
    for d in ("/usr/local/bin", "/usr/bin", "/bin"):
        if not any(os.path.exists(os.path.join(d, tool)) for tool in ("cargo", "rustc", "rustup")):
            dirs.append(d)
    path = os.pathsep.join(dirs)
    assert shutil.which("cargo", path=path) is None and shutil.which("rustc", path=path) is None
    assert shutil.which("git", path=path), "git is needed on PATH"
    return path


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
    e = {k: v for k, v in os.environ.items() if not k.startswith(("CARGO", "RUSTUP", "PIP_", "VIRTUAL_ENV"))}
    e["PATH"] = path_without_rust()
    e["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-home")
    e["PIP_NO_INDEX"] = "1"
    e["PIP_FIND_LINKS"] = str(wheels())
    e["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    e.pop("NO_COLOR", None)
    return e


def pre_commit() -> str:
    exe = pathlib.Path(sys.executable).parent / "pre-commit"
    assert exe.exists(), "pre-commit is not installed (tests/run.sh installs it)"
    return str(exe)


def readme_snippet() -> str:
    """The `.pre-commit-config.yaml` the README's pre-commit section tells a user to write."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("\n## Pre-commit\n") :]
    return re.search(r"```yaml\n(.*?)```", section, re.S).group(1)


def test_the_readme_snippet_names_this_repository_a_rev_to_replace_and_real_hooks():
    snippet = readme_snippet()
    cargo = (ROOT / "Cargo.toml").read_text(encoding="utf-8")
    repository = re.search(r'^repository = "(.+)"$', cargo, re.M).group(1)
    config = yaml.safe_load(snippet)
    (entry,) = config["repos"]
    assert entry["repo"] == repository
    # No release is tagged yet, so the rev is a placeholder: the line says what to put there,
    # and the README's next paragraph how to find one.
    rev_line = next(line for line in snippet.splitlines() if line.strip().startswith("rev:"))
    assert "commit sha" in rev_line and "release tag" in rev_line, rev_line
    after = (ROOT / "README.md").read_text(encoding="utf-8").split(snippet, 1)[1]
    assert "git ls-remote" in after.split("\n## ", 1)[0], "the README says how to find a commit sha"
    assert all(h["id"] in hooks() for h in entry["hooks"]), entry["hooks"]


def configure(repo: pathlib.Path, hook: str, environ: dict[str, str]) -> None:
    """The README's snippet, with this checkout for the repository and its HEAD for the rev."""
    config = yaml.safe_load(readme_snippet())
    (entry,) = config["repos"]
    entry["repo"], entry["rev"] = str(ROOT), head_of_checkout()
    assert [h["id"] for h in entry["hooks"]] == ["goal-lint"], entry["hooks"]
    entry["hooks"] = [{"id": hook}]
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    subprocess.run([pre_commit(), "install"], cwd=repo, env=environ, check=True, capture_output=True)
    git(repo, "add", ".pre-commit-config.yaml")


def commit(repo: pathlib.Path, environ: dict[str, str], message: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", "commit", "-m", message], cwd=repo, env=environ, capture_output=True, text=True, timeout=600
    )


def test_a_vague_goal_is_rejected_and_a_good_one_accepted_without_rust(repo: pathlib.Path, tmp_path: pathlib.Path):
    environ = env(tmp_path)
    configure(repo, "goal-lint", environ)
    (repo / "q3.md").write_text(VAGUE, encoding="utf-8")
    git(repo, "add", "q3.md")
    rejected = commit(repo, environ, "Add Q3 goals")
    output = rejected.stdout + rejected.stderr
    assert rejected.returncode != 0, output
    assert "GL001" in output and "vague-goal" in output, output
    assert git(repo, "rev-parse", "HEAD", check=False).returncode != 0, "nothing was committed"

    # The hook ran the binary of the wheel, installed in pre-commit's virtualenv.
    installed = list((tmp_path / "pre-commit-home").glob("repo*/py_env-*/bin/goal-lint"))
    assert len(installed) == 1, installed
    version = subprocess.run([str(installed[0]), "--version"], capture_output=True, text=True, check=True)
    cargo_version = re.search(r'^version = "(.+)"$', (ROOT / "Cargo.toml").read_text(encoding="utf-8"), re.M)
    assert version.stdout.strip() == f"goal-lint {cargo_version.group(1)}"

    (repo / "q3.md").write_text(GOOD, encoding="utf-8")
    git(repo, "add", "q3.md")
    accepted = commit(repo, environ, "Add Q3 goals")
    hook_output = accepted.stdout + accepted.stderr
    assert accepted.returncode == 0, hook_output
    assert "goal-lint" in hook_output and "Passed" in hook_output, hook_output

    # Plain-text notes are linted, as a directory walk lints them.
    (repo / "notes.txt").write_text(VAGUE, encoding="utf-8")
    git(repo, "add", "notes.txt")
    rejected = commit(repo, environ, "Add notes")
    assert rejected.returncode != 0 and "notes.txt" in rejected.stdout + rejected.stderr, rejected.stdout

    # Unless goal-lint.toml excludes them: pre-commit names the file, --force-exclude skips it.
    (repo / "goal-lint.toml").write_text('exclude = ["notes.txt", "archive/**"]\n', encoding="utf-8")
    (repo / "archive").mkdir()
    (repo / "archive" / "2019.md").write_text(VAGUE, encoding="utf-8")
    git(repo, "add", "goal-lint.toml", "archive/2019.md")
    excluded = commit(repo, environ, "Add notes and the archive")
    assert excluded.returncode == 0, excluded.stdout + excluded.stderr

    # Other files are not passed to the hook.
    (repo / "main.py").write_text("# Work on payments\n", encoding="utf-8")
    git(repo, "add", "main.py")
    assert commit(repo, environ, "Add code").returncode == 0


def test_the_fix_hook_applies_safe_fixes(repo: pathlib.Path, tmp_path: pathlib.Path):
    environ = env(tmp_path)
    configure(repo, "goal-lint-fix", environ)
    (repo / "q3.md").write_text(UNUSED, encoding="utf-8")
    git(repo, "add", "q3.md")
    first = commit(repo, environ, "Add Q3 goals")
    assert first.returncode != 0, "the hook changed a file, so pre-commit stops the commit"
    assert (repo / "q3.md").read_text(encoding="utf-8") == "## Q3 Goals\n\n- Ship payments v2 by Week 8\n"
    git(repo, "add", "q3.md")
    second = commit(repo, environ, "Add Q3 goals")
    assert second.returncode == 0, second.stdout + second.stderr


def hooks() -> dict[str, dict]:
    return {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}


def test_the_manifest_is_valid_and_the_source_hooks_mirror_the_wheel_hooks():
    valid = subprocess.run(
        [pre_commit(), "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")], capture_output=True, text=True
    )
    assert valid.returncode == 0, valid.stdout + valid.stderr
    all_hooks = hooks()
    assert {h: all_hooks[h]["language"] for h in all_hooks} == {
        "goal-lint": "python",
        "goal-lint-fix": "python",
        "goal-lint-from-source": "rust",
        "goal-lint-fix-from-source": "rust",
    }
    for wheel, source in (("goal-lint", "goal-lint-from-source"), ("goal-lint-fix", "goal-lint-fix-from-source")):
        for key in ("entry", "types_or", "name"):
            assert all_hooks[wheel][key] == all_hooks[source][key], (wheel, key)
        assert "--force-exclude" in all_hooks[wheel]["entry"].split()
    # `cargo install --path .` installs a binary of that name: the root package's.
    cargo = (ROOT / "Cargo.toml").read_text(encoding="utf-8")
    assert re.search(r'\[\[bin\]\]\nname = "goal-lint"', cargo)


def test_the_hooks_take_the_files_a_directory_walk_lints():
    discover = (ROOT / "crates/goal-lint-cli/src/discover.rs").read_text(encoding="utf-8")
    extensions = re.search(r"pub const EXTENSIONS: \[&str; \d+\] = \[(.*?)\];", discover).group(1)
    walked = re.findall(r'"(\w+)"', extensions)
    assert walked == ["md", "markdown", "txt"]
    for hook in hooks().values():
        assert "types" not in hook and "files" not in hook, hook["id"]
        wanted = set(hook["types_or"])
        for ext in walked + [e.upper() for e in walked]:
            assert tags_from_filename(f"plan.{ext}") & wanted, (hook["id"], ext)
        for other in ("mdx", "rs", "py", "toml"):
            assert not tags_from_filename(f"plan.{other}") & wanted, (hook["id"], other)
