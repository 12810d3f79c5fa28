#!/usr/bin/env bash
# Build the fuzz corpus from the project's own Markdown: every rule fixture, the plain-Markdown
# fixtures and the project's docs. lsp_edits inputs get an edit script appended
# after a 0xFF byte; lsp_frames starts from its saved regressions. The corpus directories are
# not committed; this script recreates them.
set -euo pipefail
cd "$(dirname "$0")"
root=..
mkdir -p corpus/parse_lint corpus/fixes corpus/lsp_edits corpus/lsp_frames
n=0
while IFS= read -r -d '' f; do
  n=$((n + 1))
  name=$(printf 'seed-%04d' "$n")
  cp "$f" "corpus/parse_lint/$name"
  cp "$f" "corpus/fixes/$name"
  { cat "$f"; printf '\xff'; for i in 1 2 3 4; do printf '%s-%s' "$i" "$f" | sha256sum | head -c 64 | xxd -r -p; done; } > "corpus/lsp_edits/$name"
done < <(git -C "$root" ls-files -z '*.md' | sed -z "s|^|$root/|")
for d in regressions/*/; do
  [ -d "$d" ] && cp "$d"* "corpus/$(basename "$d")/" 2>/dev/null || true
done
echo "seeded $n inputs per target"
