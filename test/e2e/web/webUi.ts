/**
 * The UI walk-through of test/e2e/ui.ts (squiggle, Problems, hover,
 * lightbulb fix applied from the UI, squiggle gone; screenshots 01–05) with
 * a VSIX packaged without `main`, so code-server runs the `browser` entry in
 * its web-worker extension host. Then, on the same workbench, where it ran:
 * the Running Extensions editor (06), the web-worker extension host's log
 * (07), the language server's Web Worker, and no Node language server.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TestContext } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { viewLine } from '../editorDom';
import { waitFor } from '../support';
import { runUiChecks, type Session } from '../ui';
import { serverWorkers, type ServerWorker } from './serverWorkers';
import { packageWebOnlyVsix } from './webVsix';

const UI_TIMEOUT_MS = 15_000;
const EXTENSION_ID = 'microvm-lint.microvm-lint';
/** What VS Code's web-worker extension host logs when it activates an extension. */
const ACTIVATED = `ExtensionService#_doActivateExtension ${EXTENSION_ID}`;

/** Command lines of the processes running now (Linux /proc). */
function commandLines(): string[] {
  return fs.readdirSync('/proc').flatMap((name) => {
    if (!/^\d+$/.test(name)) return [];
    try {
      return [fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ')];
    } catch {
      return []; // exited meanwhile
    }
  });
}

/** The Web Worker that runs our language server, started from the installed extension. */
async function serverWorker(page: Page): Promise<ServerWorker> {
  return waitFor('the language server Web Worker', async () => (await serverWorkers(page)).find((w) => w.name.includes(`/${EXTENSION_ID}-`)), UI_TIMEOUT_MS);
}

async function checkWebWorkerHost(t: TestContext, { page, server }: Session, outputDir: string): Promise<void> {
  const failed = path.join(outputDir, 'failed-web-host.png');
  fs.rmSync(failed, { force: true });
  await t.test('it ran in the web-worker extension host, not in Node', async (st) => {
    try {
      await webWorkerHostChecks(st, page, server, outputDir);
    } catch (e) {
      await page.screenshot({ path: failed }).catch(() => undefined);
      throw e;
    }
  });
}

async function webWorkerHostChecks(st: TestContext, page: Page, server: Session['server'], outputDir: string): Promise<void> {
  // The language server: a Web Worker started by the extension host, with no Node `process`.
  const worker = await serverWorker(page); // runs dist/web/server.js of the installed extension
  assert.equal(worker.scope, 'DedicatedWorkerGlobalScope');
  assert.equal(worker.hasProcess, false, 'no Node `process` in the server worker');
  st.diagnostic(`server worker: ${worker.name.replace(/&tkn=.*/, '')}`);
  // The Node client would have forked dist/server.js from the installed extension.
  const nodeServers = commandLines().filter((c) => c.includes(server.dirs.extensionsDir) && c.includes('dist/server.js'));
  assert.deepEqual(nodeServers, [], 'no Node language server process');

  // What a user sees: Developer: Show Running Extensions says where each extension runs.
  await runCommand(page, 'Developer: Show Running Extensions');
  const list = page.locator('.runtime-extensions-editor .monaco-list');
  const ours = list.locator('.monaco-list-row').filter({ hasText: 'MicroVM Lint' });
  await list.waitFor({ timeout: UI_TIMEOUT_MS });
  // The list renders only the rows in view, and where ours sorts depends on activation times:
  // scroll down a step at a time (back to the top after the end) until it is drawn.
  let steps = 0;
  await waitFor(
    'MicroVM Lint in Running Extensions',
    async () => {
      if ((await ours.count()) > 0) return true;
      await list.hover();
      await page.mouse.wheel(0, ++steps % 12 === 0 ? -10_000 : 250);
      return undefined;
    },
    UI_TIMEOUT_MS,
  );
  await ours.scrollIntoViewIfNeeded();
  assert.match(await ours.innerText(), /\bweb worker\b/i, 'MicroVM Lint runs in the "web worker" host');
  // (Built-in extensions such as Git show the code-server host here once they activate; whether they
  // have by now depends on timing, so they are not asserted.)
  await page.screenshot({ path: path.join(outputDir, '06-running-extensions.png') });

  // The web-worker extension host's own log (Output: "Extension Host (Worker)") has the activation.
  await runCommand(page, 'Output: Show Output Channels', 'Extension Host (Worker)');
  const output = page.locator('.part.panel .monaco-editor').first();
  await output.waitFor({ timeout: UI_TIMEOUT_MS });
  // The panel's filter box still holds the Problems filter, and the log is longer than the view
  // (the editor draws only the lines in view): filter the log down to our activation line.
  const filter = page.locator('.part.panel .viewpane-filter input:visible').first();
  await filter.fill(ACTIVATED);
  await page.keyboard.press('Enter');
  await viewLine(output, ACTIVATED).waitFor({ timeout: UI_TIMEOUT_MS });
  st.diagnostic(`Extension Host (Worker) log: ${(await viewLine(output, ACTIVATED).innerText()).replace(/\u00a0/g, ' ').trim()}`);
  await page.screenshot({ path: path.join(outputDir, '07-exthost-worker-log.png') });
}

/**
 * Runs `command` from the command palette (F1), then, when given, picks
 * `item` from the list the command opens. Enter goes only to a focused row
 * with the wanted text: while the palette still filters, the focused row can
 * be another command. The first F1 can come before the workbench bound its
 * keys, so it is pressed again until the palette shows.
 */
async function runCommand(page: Page, command: string, item?: string): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  await waitFor(
    'the command palette',
    async () => {
      await page.keyboard.press('F1');
      return widget.waitFor({ state: 'visible', timeout: 2000 }).then(() => true, () => undefined);
    },
    UI_TIMEOUT_MS,
    0,
  );
  await page.keyboard.type(command);
  await widget.locator('.monaco-list-row.focused', { hasText: command }).first().waitFor({ timeout: UI_TIMEOUT_MS });
  await page.keyboard.press('Enter');
  if (item !== undefined) {
    // The same widget comes back with the command's own list.
    await widget.locator('.monaco-list-row', { hasText: item }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await page.keyboard.type(item);
    await widget.locator('.monaco-list-row.focused', { hasText: item }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await page.keyboard.press('Enter');
  }
  await widget.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
}

export async function runWebUiChecks(t: TestContext, browser: Browser, root: string, outputDir: string): Promise<void> {
  const { vsix, manifest } = packageWebOnlyVsix(path.join(root, 'stage'), path.join(outputDir, 'microvm-lint-web.vsix'));
  assert.equal(manifest.main, undefined);
  t.diagnostic(`packaged ${path.relative(process.cwd(), vsix)} (${fs.statSync(vsix).size} bytes) with browser: ${String(manifest.browser)} and no main`);
  await runUiChecks(t, browser, root, vsix, { outputDir, after: (s) => checkWebWorkerHost(t, s, outputDir) });
}
