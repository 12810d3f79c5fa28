"""The `goal-lint` wheel (python/goal-lint/pyproject.toml), as a user without Rust gets it.

tests/run.sh builds the wheel for this machine once, from the test build, into
$GOAL_LINT_WHEELS. Here it is installed with the index off, into fresh environments, with no
Rust tool on PATH: by pip into a virtualenv, by pipx as `pipx install` (with pipx's pip
backend, a user's default, and with its uv backend), and by uv as `uv tool install` and `uvx`
(the README's install lines); then run on a goal document and as the language server.
"""

from __future__ import annotations

import json
import os
import pathlib
import re
import shutil
import stat
import subprocess
import sys
import zipfile
from email.parser import Parser

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
VAGUE = "## Q3 Goals\n\n- Work on payments\n"
GOOD = "## Q3 Goals\n\n- Ship payments v2 to 100% of transactions by Week 8\n"


def cargo_version() -> str:
    return re.search(r'^version = "(.+)"$', (ROOT / "Cargo.toml").read_text(encoding="utf-8"), re.M).group(1)


@pytest.fixture(scope="module")
def wheel_dir() -> pathlib.Path:
    found = os.environ.get("GOAL_LINT_WHEELS")
    assert found, "GOAL_LINT_WHEELS: the directory of the goal-lint wheel (tests/run.sh builds it)"
    return pathlib.Path(found)


@pytest.fixture(scope="module")
def wheel(wheel_dir: pathlib.Path) -> pathlib.Path:
    wheels = list(wheel_dir.glob("goal_lint-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def without_rust(*first: pathlib.Path) -> dict[str, str]:
    """An environment whose PATH has `first`, then the system directories that hold no Rust tool."""
    dirs = [str(d) for d in first]
    for d in ("/usr/local/bin", "/usr/bin", "/bin"):
        if not any(os.path.exists(os.path.join(d, tool)) for tool in ("cargo", "rustc", "rustup")):
            dirs.append(d)
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("CARGO", "RUSTUP", "PIP_", "PIPX_", "UV_", "VIRTUAL_ENV"))
    }
    env["PATH"] = os.pathsep.join(dirs)
    env.pop("NO_COLOR", None)
    assert shutil.which("cargo", path=env["PATH"]) is None and shutil.which("rustc", path=env["PATH"]) is None
    return env


def test_the_wheel_holds_the_binary_with_cargo_metadata(wheel: pathlib.Path):
    assert wheel.name.startswith(f"goal_lint-{cargo_version()}-py3-none-"), wheel.name
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        script = f"goal_lint-{cargo_version()}.data/scripts/goal-lint"
        assert script in names, names
        assert stat.S_IMODE(z.getinfo(script).external_attr >> 16) & 0o111, "the binary is executable"
        meta = Parser().parsestr(z.read(f"goal_lint-{cargo_version()}.dist-info/METADATA").decode())
    assert meta["Name"] == "goal-lint"
    assert meta["Version"] == cargo_version()
    assert meta["Description-Content-Type"].startswith("text/markdown")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert meta.get_payload().strip() == readme.strip(), "the README is the description"
    assert "linter for Markdown goal documents" in meta["Summary"]
    assert meta["License"] == "MIT OR Apache-2.0" or meta["License-Expression"] == "MIT OR Apache-2.0"
    # Nothing but the binary and the metadata: no Rust sources.
    assert all(n.startswith((f"goal_lint-{cargo_version()}.data/", f"goal_lint-{cargo_version()}.dist-info/")) for n in names), names


def lsp_session(exe: str, env: dict[str, str]) -> tuple[dict, int]:
    """initialize, initialized, shutdown, exit over stdio; the initialize result and exit code."""

    def frame(message: dict) -> bytes:
        body = json.dumps(message).encode()
        return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)

    messages = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": None, "rootUri": None, "capabilities": {}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "id": 2, "method": "shutdown"},
        {"jsonrpc": "2.0", "method": "exit"},
    ]
    # The client waits for each answer before the next request, as editors do.
    child = subprocess.Popen([exe, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
    answers: dict[int, dict] = {}

    def read_message() -> dict:
        headers = {}
        while True:
            line = child.stdout.readline()
            assert line, "the server closed its output"
            if line in (b"\r\n", b"\n"):
                break
            key, _, value = line.decode().partition(":")
            headers[key.strip().lower()] = value.strip()
        return json.loads(child.stdout.read(int(headers["content-length"])))

    for message in messages:
        child.stdin.write(frame(message))
        child.stdin.flush()
        if "id" in message:
            while message["id"] not in answers:
                got = read_message()
                if "id" in got and "method" not in got:
                    answers[got["id"]] = got
    child.stdin.close()
    code = child.wait(timeout=30)
    assert answers[2].get("result", "missing") is None, answers[2]
    return answers[1]["result"], code


def check_installed(exe: str, env: dict[str, str], work: pathlib.Path) -> None:
    version = subprocess.run([exe, "--version"], env=env, capture_output=True, text=True, check=True)
    assert version.stdout.strip() == f"goal-lint {cargo_version()}"
    (work / "q3.md").write_text(VAGUE, encoding="utf-8")
    (work / "good.md").write_text(GOOD, encoding="utf-8")
    vague = subprocess.run([exe, "--max-warnings=0", "q3.md"], cwd=work, env=env, capture_output=True, text=True)
    assert vague.returncode == 1, vague.stdout + vague.stderr
    assert "warning[GL001 vague-goal]" in vague.stdout, vague.stdout
    good = subprocess.run([exe, "--max-warnings=0", "good.md"], cwd=work, env=env, capture_output=True, text=True)
    assert good.returncode == 0 and "No problems found in 1 file." in good.stdout, good.stdout + good.stderr
    result, code = lsp_session(exe, env)
    assert result["serverInfo"] == {"name": "goal-lint", "version": cargo_version()}
    assert "textDocumentSync" in result["capabilities"]
    assert code == 0


def test_pip_install_in_a_fresh_virtualenv_without_rust(wheel_dir: pathlib.Path, wheel: pathlib.Path, tmp_path: pathlib.Path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    bindir = venv / "bin"
    env = without_rust(bindir)
    env.update(PIP_NO_INDEX="1", PIP_FIND_LINKS=str(wheel_dir), PIP_DISABLE_PIP_VERSION_CHECK="1")
    # pip from this test environment installs into the new one (`--prefix`-free: --python).
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "--quiet", "goal-lint"],
        env=env,
        check=True,
    )
    exe = shutil.which("goal-lint", path=env["PATH"])
    assert exe == str(bindir / "goal-lint"), exe
    check_installed(exe, env, tmp_path)


@pytest.mark.parametrize("backend", ["pip", "uv"])
def test_pipx_install_without_rust(wheel_dir: pathlib.Path, tmp_path: pathlib.Path, backend: str):
    pipx = pathlib.Path(sys.executable).parent / "pipx"
    assert pipx.exists(), "pipx is not installed (tests/run.sh installs it)"
    home, bindir = tmp_path / "pipx", tmp_path / "bin"
    env = without_rust(bindir)
    env.update(PIPX_HOME=str(home), PIPX_BIN_DIR=str(bindir), PIPX_MAN_DIR=str(tmp_path / "man"))
    # The index is off: pipx's pip backend reads pip's environment, its uv backend gets the same
    # as --pip-args. --skip-maintenance: the pip that comes with Python, not one from the index.
    command = [str(pipx), "install", "--skip-maintenance", "--backend", backend, "goal-lint"]
    if backend == "pip":
        env.update(PIP_NO_INDEX="1", PIP_FIND_LINKS=str(wheel_dir), PIP_DISABLE_PIP_VERSION_CHECK="1")
    else:
        command += ["--pip-args", f"--no-index --find-links {wheel_dir}"]
        env.update(UV_CACHE_DIR=str(tmp_path / "cache"), UV_OFFLINE="1", UV_PYTHON_DOWNLOADS="never")
    installed = subprocess.run(command, env=env, capture_output=True, text=True)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    exe = shutil.which("goal-lint", path=env["PATH"])
    assert exe == str(bindir / "goal-lint"), exe
    assert pathlib.Path(exe).resolve().is_relative_to(home / "venvs" / "goal-lint"), "pipx's own virtualenv"
    check_installed(exe, env, tmp_path)


def test_uv_tool_install_and_uvx_without_rust(wheel_dir: pathlib.Path, tmp_path: pathlib.Path):
    uv = pathlib.Path(sys.executable).parent / "uv"
    assert uv.exists(), "uv is not installed (tests/run.sh installs it)"
    tools, bindir = tmp_path / "tools", tmp_path / "bin"
    env = without_rust(bindir)
    env.update(
        UV_TOOL_DIR=str(tools),
        UV_TOOL_BIN_DIR=str(bindir),
        UV_CACHE_DIR=str(tmp_path / "cache"),
        UV_NO_INDEX="1",
        UV_FIND_LINKS=str(wheel_dir),
        UV_PYTHON=sys.executable,
        UV_PYTHON_DOWNLOADS="never",
        UV_OFFLINE="1",
    )
    installed = subprocess.run([str(uv), "tool", "install", "goal-lint"], env=env, capture_output=True, text=True)
    assert installed.returncode == 0, installed.stderr
    exe = shutil.which("goal-lint", path=env["PATH"])
    assert exe == str(bindir / "goal-lint"), exe
    check_installed(exe, env, tmp_path)
    # `uvx goal-lint FILE` runs it without installing it.
    uvx = pathlib.Path(sys.executable).parent / "uvx"
    run = subprocess.run([str(uvx), "goal-lint", "--version"], env=env, capture_output=True, text=True)
    assert run.returncode == 0 and run.stdout.strip() == f"goal-lint {cargo_version()}", run.stderr
    run = subprocess.run(
        [str(uvx), "goal-lint", "--max-warnings=0", "q3.md"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert run.returncode == 1 and "warning[GL001 vague-goal]" in run.stdout, run.stdout + run.stderr
