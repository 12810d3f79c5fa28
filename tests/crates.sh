#!/usr/bin/env bash
# The crates as crates.io would receive them, packaged in dependency order (core, config, lsp,
# cli, the binary): `cargo publish --workspace --dry-run` resolves each crate's dependencies on the
# others through a local registry of the packages just made, as the real publish will.
#
# `--no-verify`: verifying would compile all five crates again from their packages (several
# minutes on two cores); the sources are those `cargo test` built, and the metadata (licence,
# readme, exact versions between the crates, rust-version) is checked in tests/cli.rs.
# `--allow-dirty`: the suite runs on uncommitted work too.
set -euo pipefail
cd "$(dirname "$0")/.."

out=$(cargo publish --workspace --dry-run --no-verify --locked --allow-dirty 2>&1) || {
    echo "$out" >&2
    exit 1
}
order=$(sed -n 's/^ *Packaging \([a-z-]*\) v.*/\1/p' <<<"$out" | tr '\n' ' ')
if [ "$order" != "goal-lint-core goal-lint-config goal-lint-lsp goal-lint-cli goal-lint " ]; then
    echo "$out" >&2
    echo "unexpected packages or order: $order" >&2
    exit 1
fi
# Tests of the binary stay in the repository (they need the workspace): cargo says so.
warnings=$(grep '^warning' <<<"$out" | grep -v -e 'aborting upload due to dry run' -e 'is not included in the published package' || true)
if [ -n "$warnings" ]; then
    echo "$warnings" >&2
    exit 1
fi
# The binary's package holds the binary's sources, its README and its licences, nothing else.
files=$(cargo package --list --locked --allow-dirty -p goal-lint | tr '\n' ' ')
expected=".cargo_vcs_info.json Cargo.lock Cargo.toml Cargo.toml.orig LICENSE-APACHE LICENSE-MIT README.md src/main.rs "
if [ "$files" != "$expected" ] && [ "$files" != "${expected/.cargo_vcs_info.json /}" ]; then
    echo "goal-lint's package: $files" >&2
    exit 1
fi
echo "5 crates packaged: $order"
