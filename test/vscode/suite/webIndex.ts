/**
 * The same vscode-API suite in the web extension host (a Web Worker, no
 * Node): mocha's browser build, results printed to the console, which the
 * runner (test/e2e/web) reads through test-web's automation hooks. Skipped
 * tests and a run of no tests fail it, as on the desktop.
 */
import 'mocha/mocha';
import { verdict, type SuiteResult } from './verdict';

export function run(): Promise<void> {
  mocha.setup({ ui: 'bdd', reporter: undefined, timeout: 60_000 });
  return import('./extension.suite').then(() => import('./settings.suite')).then(() => import('./workspace.suite')).then(() => import('./recovery.suite')).then(
    () =>
      new Promise<void>((resolve, reject) => {
        const results: Pick<SuiteResult, 'title' | 'state'>[] = [];
        const runner = mocha.run((failures) => {
          const problem = verdict(failures, results);
          if (problem) reject(new Error(problem));
          else resolve();
        });
        runner.on('pass', (t) => results.push({ title: t.fullTitle(), state: 'passed' }));
        runner.on('fail', (t) => results.push({ title: t.fullTitle(), state: 'failed' }));
        runner.on('pending', (t) => results.push({ title: t.fullTitle(), state: 'pending' }));
      }),
  );
}
