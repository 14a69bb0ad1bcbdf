/** `microvm-lint check`'s exit code as CI reads it: 1 when something at the --fail-on level or above is found (or would remain after --fix-dry-run), else 0. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli, writeTree } from '../support/cli';

const tmp = mkdtempSync(join(tmpdir(), 'microvm-lint-exit-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** One finding: mac-not-local (information by default), whose fix is not preferred. */
const VENDOR_MAC = '{ microvm.interfaces = [ { type = "tap"; id = "vm-a"; mac = "00:16:3e:00:00:01"; } ]; }\n';
/** Two interfaces with one id (an error no fix resolves), one of them with a dashed MAC (fixed). */
const DUPLICATE_ID = [
  '{ microvm.interfaces = [',
  '  { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; }',
  '  { type = "tap"; id = "vm-a"; mac = "02-00-00-00-00-02"; }',
  ']; }',
  '',
].join('\n');

describe('check: exit code', () => {
  it('--fail-on info fails on information but not on a hint', () => {
    const dir = writeTree(join(tmp, 'hint'), { 'vm.nix': VENDOR_MAC });
    const hint = runCli(['check', 'vm.nix', '--rule', 'mac-not-local=hint', '--fail-on', 'info'], dir);
    assert.match(hint.stdout, /^vm\.nix:1:61: hint \[mac-not-local\] /);
    assert.equal(hint.code, 0);
    assert.equal(runCli(['check', 'vm.nix', '--rule', 'mac-not-local=info', '--fail-on', 'info'], dir).code, 1);
  });

  it('--fix-dry-run exits 1 when problems would remain after the fixes, and writes nothing', () => {
    const dir = writeTree(join(tmp, 'dry-run'), { 'vm.nix': DUPLICATE_ID });
    const r = runCli(['check', 'vm.nix', '--fix-dry-run'], dir);
    assert.match(r.stdout, /^\+ {2}\{ type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:02"; \}$/m, 'the dashed MAC is fixed');
    assert.equal(r.stderr, 'microvm-lint: 2 problems would remain after these fixes\n');
    assert.equal(r.code, 1);
    assert.equal(readFileSync(join(dir, 'vm.nix'), 'utf8'), DUPLICATE_ID);
  });
});
