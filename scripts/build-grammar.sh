#!/usr/bin/env bash
# Rebuilds server/wasm/tree-sitter-nix.wasm from the npm package tree-sitter-nix
# with emscripten (Debian's emcc 3.1.6 was used for the committed copy; see
# server/wasm/tree-sitter-nix.info). The build is deterministic, so
# `--verify` rebuilds into a temp dir and fails if the bytes differ.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
src="$root/node_modules/tree-sitter-nix/src"
out="$root/server/wasm/tree-sitter-nix.wasm"
[ -f "$src/parser.c" ] || { echo "build-grammar: $src/parser.c not found (run npm ci first)" >&2; exit 2; }
command -v emcc >/dev/null || { echo "build-grammar: emcc not found (apt-get install emscripten)" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
emcc -o "$tmp/tree-sitter-nix.wasm" -Os -fno-exceptions -s WASM=1 -s SIDE_MODULE=2 \
     -s "EXPORTED_FUNCTIONS=['_tree_sitter_nix']" -I "$src" "$src/parser.c" "$src/scanner.c"

if [ "${1:-}" = "--verify" ]; then
  if cmp -s "$tmp/tree-sitter-nix.wasm" "$out"; then
    echo "build-grammar: rebuild is byte-identical to the committed $(basename "$out")"
  else
    echo "build-grammar: rebuild differs from the committed $(basename "$out")" >&2
    sha256sum "$tmp/tree-sitter-nix.wasm" "$out" >&2
    exit 1
  fi
else
  cp "$tmp/tree-sitter-nix.wasm" "$out"
  ver=$(node -p "require('$root/node_modules/tree-sitter-nix/package.json').version")
  cat > "$root/server/wasm/tree-sitter-nix.info" <<INFO
grammar: npm tree-sitter-nix@$ver (src/parser.c, src/scanner.c; ABI $(grep -m1 -o 'LANGUAGE_VERSION [0-9]*' "$src/parser.c" | awk '{print $2}'))
compiler: $(emcc --version | head -1)
flags: -Os -fno-exceptions -s WASM=1 -s SIDE_MODULE=2 -s EXPORTED_FUNCTIONS=['_tree_sitter_nix']
sha256: $(sha256sum "$out" | awk '{print $1}')
rebuild: npm run grammar:build   (check: npm run grammar:verify)
INFO
  echo "build-grammar: wrote $out"
fi
