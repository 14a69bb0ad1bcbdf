#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3) into .tools/code-server for
# the editor end-to-end tests, without the downloads its install script makes
# (ripgrep comes from Debian). Idempotent: does nothing when already there.
# Needs: apt packages libkrb5-dev pkg-config ripgrep chromium (see .ci/run).
set -euo pipefail
# Run from `npm run`, this inherits the project's ignore-scripts=true (.npmrc),
# which would make `npm rebuild` below skip the native builds it exists for.
unset npm_config_ignore_scripts NPM_CONFIG_IGNORE_SCRIPTS
root=$(cd "$(dirname "$0")/.." && pwd)
tools="$root/.tools/code-server"
bin="$tools/node_modules/.bin/code-server"
if [ -x "$bin" ] && [ -f "$tools/.complete" ]; then echo "code-server already set up in $tools"; exit 0; fi

mkdir -p "$tools"
cd "$tools"
[ -f package.json ] || echo '{ "name": "microvm-lint-tools", "private": true }' > package.json
npm i --no-audit --no-fund --ignore-scripts code-server@4.100.3
cd node_modules/code-server/lib/vscode
npm install --no-audit --no-fund --omit=dev --ignore-scripts
mkdir -p node_modules/@vscode/ripgrep/bin && cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
npm_config_yes=true npm rebuild --ignore-scripts=false @parcel/watcher @vscode/spdlog kerberos native-watchdog node-pty
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
(cd extensions && npm install --no-audit --no-fund --omit=dev --ignore-scripts)
cd "$tools"
npm_config_yes=true npm rebuild --ignore-scripts=false argon2
# Fail here, not in the tests, when a native module did not build.
node -e "require('argon2')"
touch .complete
echo "code-server set up in $tools"
