#!/usr/bin/env bash
# Entry of the pre-commit hooks (.pre-commit-hooks.yaml, language: script). pre-commit runs it from
# its own clone of this repository with the staged .nix files as arguments: the CLI is built there
# on first use (npm ci + esbuild; needs the npm registry once), then every run is just node.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -f "$here/dist/cli.js" ]; then
  echo "microvm-lint: building the CLI for pre-commit (first run only)" >&2
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >&2 && node scripts/build.mjs >&2)
fi
exec node "$here/dist/cli.js" "$@"
