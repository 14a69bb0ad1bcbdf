/**
 * `npm run test:vscode`: the vscode-API suite (test/vscode/suite, bundled to
 * dist/vscode-suite/index.js) in a desktop VS Code that @vscode/test-electron
 * downloads, so it needs the internet (`npm run test:e2e` runs the same
 * suite offline in code-server). On a Linux machine without a display:
 * `xvfb-run -a npm run test:vscode`.
 *
 * The workspace is a temporary copy of examples/; user data and extensions
 * live in temporary folders; every extension but ours is disabled. The VS
 * Code download is cached in .tools/vscode-test. VSCODE_TEST_VERSION picks
 * the version (default: stable; e.g. 1.90.0, the oldest package.json accepts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { writeUserSettings } from '../e2e/codeServer';
import { REPO_ROOT, copyExamples, tempFolder } from '../e2e/support';
import { verdict, type SuiteResult } from './suite/verdict';

async function main(): Promise<void> {
  const suite = path.join(REPO_ROOT, 'dist', 'vscode-suite', 'index.js');
  if (!fs.existsSync(suite)) throw new Error(`${suite} is missing: run \`npm run build\` first`);
  const results = path.join(REPO_ROOT, 'test-output', 'vscode-suite.json');
  fs.rmSync(results, { force: true });
  const tmp = tempFolder('vscode');
  try {
    const userData = path.join(tmp.path, 'user-data');
    writeUserSettings(userData);
    // Rejects when VS Code exits non-zero, which the suite's run() causes on any failure.
    await runTests({
      version: process.env.VSCODE_TEST_VERSION ?? 'stable',
      cachePath: path.join(REPO_ROOT, '.tools', 'vscode-test'),
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: suite.replace(/\.js$/, ''),
      extensionTestsEnv: { MICROVM_LINT_SUITE_RESULTS: results },
      launchArgs: [copyExamples(tmp.path), '--disable-extensions', '--user-data-dir', userData, '--extensions-dir', path.join(tmp.path, 'extensions')],
    });
  } finally {
    tmp.remove();
  }
  const { failures, results: ran } = JSON.parse(fs.readFileSync(results, 'utf8')) as { failures: number; results: SuiteResult[] };
  const problem = verdict(failures, ran);
  if (problem) throw new Error(problem);
  console.log(`vscode-API suite: ${ran.length} tests passed`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
