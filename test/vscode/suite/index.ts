/**
 * The vscode-API suite's entry: VS Code's test runner (test-electron, or
 * code-server/test-web via the URL payload) calls `run()` inside the
 * extension host. Results also go to a JSON file the outer runner reads,
 * since a browser-driven run has no exit code to hand back. A skipped
 * (pending) test is listed and fails the run, as does a run of no tests.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { verdict, type SuiteResult } from './verdict';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  // Define describe/it as globals, then load the suites (their bodies run now).
  mocha.suite.emit('pre-require', globalThis, 'suite', mocha);
  await import('./extension.suite');
  await import('./settings.suite');
  await import('./workspace.suite');
  await import('./recovery.suite');

  const results: SuiteResult[] = [];
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    runner.on('pass', (t) => results.push({ title: t.fullTitle(), state: 'passed', duration: t.duration }));
    runner.on('fail', (t, err: Error) => results.push({ title: t.fullTitle(), state: 'failed', duration: t.duration, error: String(err?.stack ?? err) }));
    runner.on('pending', (t) => results.push({ title: t.fullTitle(), state: 'pending' }));
  });
  const out = process.env.MICROVM_LINT_SUITE_RESULTS ?? path.join(__dirname, '..', '..', 'test-output', 'vscode-suite.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ failures, results }, null, 2));
  const problem = verdict(failures, results);
  if (problem) throw new Error(problem);
}
