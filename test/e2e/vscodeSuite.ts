/**
 * Runs the mocha vscode-API suite (test/vscode/suite, bundled to
 * dist/vscode-suite/index.js) inside code-server's extension host: the
 * workbench URL carries extensionDevelopmentPath = the repository and
 * extensionTestsPath = the suite, and the suite writes its results to the
 * file named by MICROVM_LINT_SUITE_RESULTS, which this runner waits for.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { openWorkbench, type Workbench } from './browser';
import { codeServerDirs, startCodeServer, workbenchUrl, type CodeServer } from './codeServer';
import { GiveUp, REPO_ROOT, copyExamples, waitFor } from './support';
import type { SuiteResult } from '../vscode/suite/verdict';

interface SuiteFile {
  failures: number;
  results: SuiteResult[];
}

const SUITE_ENTRY = path.join(REPO_ROOT, 'dist', 'vscode-suite', 'index.js');

/** Hang guard for the whole suite (its own tests time out after 60 s each). */
const SUITE_TIMEOUT_MS = 5 * 60_000;

function remote(server: CodeServer, file: string): string {
  return `vscode-remote://127.0.0.1:${server.port}${file}`;
}

/**
 * Starts code-server on a copy of examples/ in `root`, opens the test URL in
 * `browser` and resolves with the suite's results. `resultsFile` is deleted
 * first, so only this run's results count.
 */
export async function runVscodeSuite(browser: Browser, root: string, resultsFile: string): Promise<SuiteFile> {
  if (!fs.existsSync(SUITE_ENTRY)) throw new Error(`${SUITE_ENTRY} is missing: run \`npm run build\` first`);
  fs.rmSync(resultsFile, { force: true });
  const dirs = codeServerDirs(root);
  const workspace = copyExamples(root);
  const server = await startCodeServer(dirs, { env: { MICROVM_LINT_SUITE_RESULTS: resultsFile } });
  let wb: Workbench | undefined;
  try {
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(server, REPO_ROOT)],
      ['extensionTestsPath', remote(server, SUITE_ENTRY.replace(/\.js$/, ''))],
    ]);
    wb = await openWorkbench(browser, workbenchUrl(server, workspace, { payload }));
    return await waitFor(
      `the suite's results in ${resultsFile}`,
      () => {
        // After run() the extension host exits; an exit with no results means the suite never got to write them.
        const exited = /Extension Host Process exited/.test(server.log());
        if (fs.existsSync(resultsFile)) return JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as SuiteFile; // half-written: throws, try again
        if (exited) throw new GiveUp('the extension host exited without writing results (see the console for the error)');
        return undefined;
      },
      SUITE_TIMEOUT_MS,
      250,
    );
  } catch (e) {
    const tail = wb?.console.slice(-40).join('\n') ?? '';
    throw new Error(`${(e as Error).message}\n--- browser console (last 40 lines) ---\n${tail}\n--- code-server log ---\n${server.log()}`);
  } finally {
    await wb?.page.close();
    await server.stop();
  }
}
