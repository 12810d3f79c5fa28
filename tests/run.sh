#!/usr/bin/env bash
# The whole test suite. On a fresh machine it installs its test clients first (from PyPI and
# npm, into tests/.venv and editors/vscode/node_modules); later runs reuse them.
#
#   tests/run.sh            everything
#   tests/run.sh --rust     only `cargo test --workspace`
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo test --workspace"
cargo test --workspace --locked

if [ "${1:-}" = "--rust" ]; then
    exit 0
fi

echo "== test clients (tests/.venv)"
venv=tests/.venv
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r tests/requirements.txt

# The end-to-end suites drive the binary the Rust tests just built.
export GOAL_LINT_BIN="$PWD/target/debug/goal-lint"
echo "== language server with pytest-lsp"
"$venv/bin/python" -m pytest -q -p no:cacheprovider tests/lsp

echo "== pre-commit hooks with the real pre-commit (builds the hook with cargo install)"
PATH="$PWD/$venv/bin:$PATH" "$venv/bin/python" -m pytest -q -p no:cacheprovider tests/precommit

echo "== Neovim plugin in headless Neovim"
PATH="$PWD/$venv/bin:$PATH" "$venv/bin/python" -m pytest -q -p no:cacheprovider tests/nvim

echo "== VS Code extension: strict build, Node client test, .vsix package"
(
    cd editors/vscode
    npm ci --no-audit --no-fund --loglevel=error
    npm run --silent compile
    npm test
    npx --no-install vsce package --out goal-lint.vsix
    test -s goal-lint.vsix
)
