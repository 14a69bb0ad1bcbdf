/**
 * A second real LSP client: Neovim's built-in one, configured with the exact
 * snippet the README shows (editors/neovim/microvm-lint.lua). CI installs
 * neovim and sets MICROVM_LINT_REQUIRE_NVIM=1, so there it cannot be skipped.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

const ROOT = join(__dirname, '..', '..', '..');
const SNIPPET = join(ROOT, 'editors/neovim/microvm-lint.lua');
const hasNvim = spawnSync('nvim', ['--version']).status === 0;
const required = process.env.MICROVM_LINT_REQUIRE_NVIM === '1';
const tmp = mkdtempSync(join(tmpdir(), 'microvm-lint-nvim-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('Neovim with the README snippet', { skip: !hasNvim && !required && 'nvim not installed (apt-get install neovim)' }, () => {
  it('finds nvim', () => assert.ok(hasNvim, 'MICROVM_LINT_REQUIRE_NVIM=1 but nvim is missing'));

  it('shows the diagnostic and applies the preferred quick fix', () => {
    // `microvm-lint` on PATH, as after `npm install -g .`.
    const bin = join(tmp, 'bin');
    spawnSync('mkdir', ['-p', bin]);
    writeFileSync(join(bin, 'microvm-lint'), `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'dist/cli.js')}" "$@"\n`);
    chmodSync(join(bin, 'microvm-lint'), 0o755);
    const file = join(tmp, 'guest.nix');
    copyFileSync(join(ROOT, 'examples/guest-macvtap.nix'), file);
    const out = join(tmp, 'out.json');
    const r = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '--clean', '-c', `luafile ${join(ROOT, 'test/nvim/check.lua')}`], {
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, HOME: tmp, XDG_CONFIG_HOME: tmp, XDG_STATE_HOME: tmp, XDG_DATA_HOME: tmp, MICROVM_LINT_SNIPPET: SNIPPET, MICROVM_LINT_FILE: file, MICROVM_LINT_NVIM_OUT: out },
      encoding: 'utf8',
      timeout: 90_000,
    });
    assert.equal(r.status, 0, `nvim failed: ${r.stderr}`);
    const seen = JSON.parse(readFileSync(out, 'utf8'));
    assert.deepEqual(
      seen.diagnostics.map((d: { lnum: number; col: number; end_lnum: number; end_col: number; severity: number; source: string; code: string }) => [d.lnum, d.col, d.end_lnum, d.end_col, d.severity, d.source, d.code]),
      [[10, 8, 10, 25, 1, 'microvm-lint', 'macvtap-mode-missing']],
    );
    assert.equal(seen.titles[0], 'Set macvtap.mode = "vepa"');
    const original = readFileSync(join(ROOT, 'examples/guest-macvtap.nix'), 'utf8');
    assert.equal(seen.fixed, original.replace('        macvtap.link = "eth0";\n', '        macvtap.link = "eth0";\n        macvtap.mode = "vepa";\n'));
  });

  it('is the snippet the README shows', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    assert.ok(readme.includes('```lua\n' + readFileSync(SNIPPET, 'utf8') + '```'), 'README embeds editors/neovim/microvm-lint.lua verbatim');
  });
});
