/**
 * Nix's own parser as the judge of our fixes: for every case whose input
 * Nix accepts, every fix output and the fix-all output must parse with
 * `nix-instantiate --parse` too. CI installs nix-bin and sets
 * MICROVM_LINT_REQUIRE_NIX=1, so there the check can never be skipped.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CASE_TABLES } from '../support/allCases';

const hasNix = spawnSync('nix-instantiate', ['--version']).status === 0;
const required = process.env.MICROVM_LINT_REQUIRE_NIX === '1';
const dir = mkdtempSync(join(tmpdir(), 'microvm-lint-nix-'));
after(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function write(text: string): string {
  const file = join(dir, `${n++}.nix`);
  writeFileSync(file, text);
  return file;
}

/** The files Nix rejects (one invocation for all; one each only when that fails). */
function rejected(files: string[]): string[] {
  if (files.length === 0) return [];
  const all = spawnSync('nix-instantiate', ['--parse', ...files], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (all.status === 0) return [];
  return files.filter((f) => spawnSync('nix-instantiate', ['--parse', f], { stdio: 'ignore' }).status !== 0);
}

describe('fixes keep files valid for Nix', { skip: !hasNix && !required && 'nix-instantiate not installed (apt-get install nix-bin)' }, () => {
  it('finds nix-instantiate', () => assert.ok(hasNix, 'MICROVM_LINT_REQUIRE_NIX=1 but nix-instantiate is missing'));

  for (const [family, table] of Object.entries(CASE_TABLES)) {
    it(`${family}: every fix output parses when the input does`, () => {
      const inputs = table.invalid.map((c) => ({ c, file: write(c.code) }));
      const badInputs = new Set(rejected(inputs.map((i) => i.file)));
      const outputs: { label: string; file: string }[] = [];
      for (const { c, file } of inputs) {
        if (badInputs.has(file)) continue; // a case about broken syntax: nothing to prove
        for (const f of c.findings) for (const fix of [...f.fixes, ...(f.ignore ?? [])]) outputs.push({ label: `${c.name}: ${fix.title}`, file: write(fix.output) });
        if (c.fixAll !== undefined) outputs.push({ label: `${c.name}: fix all`, file: write(c.fixAll) });
      }
      assert.ok(outputs.length > 0);
      const bad = new Set(rejected(outputs.map((o) => o.file)));
      assert.deepEqual(outputs.filter((o) => bad.has(o.file)).map((o) => o.label), []);
    });
  }
});
