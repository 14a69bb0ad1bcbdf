/**
 * `npm run test:e2e`: MicroVM Lint in a real VS Code (code-server) shown in
 * headless Chromium, one editor and one browser at a time.
 *
 *   suite     the vscode-API mocha suite inside code-server's extension host
 *   ui        the packaged VSIX as a user meets it: squiggle, Problems, hover, quick fix (screenshots)
 *   nix-ide   the same with a Nix IDE stand-in installed beside it (same language id and scope)
 *
 * `node dist/e2e/run.js [suite] [ui] [nix-ide]` runs a subset (default: all).
 * Screenshots and results go to test-output/e2e/ (failed-<part>.png when a
 * part fails). Environment: MICROVM_LINT_VSIX (default microvm-lint.vsix),
 * CODE_SERVER (default .tools/code-server), CHROMIUM_PATH (default
 * /usr/bin/chromium), MICROVM_LINT_E2E_KEEP=1 keeps the temporary folders.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { setUpE2eRun } from './harness';
import { runUiChecks, runCoexistenceCheck, packagedVsix } from './ui';
import { runVscodeSuite } from './vscodeSuite';
import { verdict } from '../vscode/suite/verdict';
import { OUTPUT_DIR, tempFolder } from './support';

const PARTS = ['suite', 'ui', 'nix-ide'] as const;
const { wanted, browser } = setUpE2eRun(PARTS, OUTPUT_DIR, 'e2e');

if (wanted('suite')) test('vscode-API suite inside code-server', { timeout: 6 * 60_000 }, async (t) => {
  const tmp = tempFolder('e2e-suite');
  try {
    const { failures, results } = await runVscodeSuite(browser(), tmp.path, path.join(OUTPUT_DIR, 'vscode-suite.json'));
    // A skipped test shows up as a failing one here: node:test would not count it otherwise.
    for (const r of results) {
      await t.test(r.title, () => {
        if (r.state === 'pending') assert.fail('skipped in the vscode-API suite (it.skip, this.skip() or a pending it)');
        if (r.state !== 'passed') assert.fail(r.error ?? r.state);
      });
    }
    t.diagnostic(`mocha: ${results.filter((r) => r.state === 'passed').length} passed, ${failures} failed, ${results.filter((r) => r.state === 'pending').length} skipped`);
    assert.equal(failures, results.filter((r) => r.state === 'failed').length, 'mocha counted failures the results do not list');
    assert.equal(verdict(failures, results), undefined);
  } finally {
    tmp.remove();
  }
});

if (wanted('ui')) test('UI: the packaged extension in code-server', { timeout: 4 * 60_000 }, async (t) => {
  const tmp = tempFolder('e2e-ui');
  try {
    await runUiChecks(t, browser(), tmp.path, packagedVsix());
  } finally {
    tmp.remove();
  }
});

if (wanted('nix-ide')) test('UI: beside a Nix IDE stand-in (same language id and grammar scope)', { timeout: 4 * 60_000 }, async (t) => {
  const tmp = tempFolder('e2e-nix-ide');
  try {
    await runCoexistenceCheck(t, browser(), tmp.path, packagedVsix());
  } finally {
    tmp.remove();
  }
});
