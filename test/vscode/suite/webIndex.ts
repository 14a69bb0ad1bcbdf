/**
 * The same vscode-API suite in the web extension host (a Web Worker, no
 * Node): mocha's browser build, results printed to the console, which the
 * runner (test/e2e/web) reads through test-web's automation hooks.
 */
import 'mocha/mocha';

export function run(): Promise<void> {
  mocha.setup({ ui: 'bdd', reporter: undefined, timeout: 60_000 });
  return import('./extension.suite').then(() => import('./recovery.suite')).then(
    () =>
      new Promise<void>((resolve, reject) => {
        mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} vscode-API test(s) failed`)) : resolve()));
      }),
  );
}
