/**
 * The packaged extension as a user meets it in VS Code (code-server in
 * headless Chromium): the squiggle on the right line, the Problems entry,
 * the hover, the quick-fix menu and its result, with a screenshot of each
 * step in test-output/e2e/. Then the same file with a Nix IDE stand-in
 * installed beside it (the same language id `nix` and grammar scope
 * `source.nix`). Every wait is on a DOM condition; timeouts are hang guards.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TestContext } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { openWorkbench } from './browser';
import { colourOf, editorLines, squiggleSpots, viewLine } from './editorDom';
import { codeServerDirs, installExtension, listExtensions, startCodeServer, workbenchUrl, type CodeServer } from './codeServer';
import { OUTPUT_DIR, REPO_ROOT, copyExamples, waitFor } from './support';

const FILE = 'guest-macvtap.nix';
const FLAGGED_TEXT = 'type = "macvtap";';
const LINK_TEXT = 'macvtap.link = "eth0";';
const COMMENT_TEXT = '# A MicroVM.nix guest';
const FIXED_TEXT = 'macvtap.mode = "vepa";';
const MESSAGE = 'Interface "vm-web" has type "macvtap" but no macvtap.mode';
const CODE = 'macvtap-mode-missing';
const PREFERRED_FIX = 'Set macvtap.mode = "vepa"';

/** Where `text` is in the example file (1-based line and column, as the editor shows them), read from the file so that the checks follow it when it changes. */
function exampleSpot(text: string): { line: number; column: number } {
  const lines = fs.readFileSync(path.join(REPO_ROOT, 'examples', FILE), 'utf8').split(/\r?\n/);
  const hits = lines.flatMap((l, i) => (l.includes(text) ? [{ line: i + 1, column: l.indexOf(text) + 1 }] : []));
  if (hits.length !== 1) throw new Error(`examples/${FILE} must contain ${text} on exactly one line (found ${hits.length})`);
  return hits[0];
}
const FLAGGED = exampleSpot(FLAGGED_TEXT);
const FLAGGED_LINE = FLAGGED.line;
const LINK = exampleSpot(LINK_TEXT);

/** How long the language server may take to start and publish (hang guard). */
const DIAGNOSTICS_TIMEOUT_MS = 60_000;
const UI_TIMEOUT_MS = 15_000;

/** The VSIX `npm run package` writes (MICROVM_LINT_VSIX overrides); warns when it is older than what it packs. */
export function packagedVsix(): string {
  const vsix = process.env.MICROVM_LINT_VSIX ?? path.join(REPO_ROOT, 'microvm-lint.vsix');
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing: run \`npm run package\` first`);
  const built = fs.statSync(vsix).mtimeMs;
  const newer = ['dist/client.js', 'dist/server.js', 'syntaxes/nix.tmLanguage.json', 'package.json'].filter((f) => {
    const p = path.join(REPO_ROOT, f);
    return fs.existsSync(p) && fs.statSync(p).mtimeMs > built;
  });
  if (newer.length > 0) console.log(`# warning: ${path.basename(vsix)} is older than ${newer.join(', ')}; \`npm run package\` rebuilds it`);
  return vsix;
}

const STAND_IN_DIR = path.join(REPO_ROOT, 'test/fixtures/nix-ide-standin');
const STAND_IN_ID = (() => {
  const { publisher, name } = JSON.parse(fs.readFileSync(path.join(STAND_IN_DIR, 'package.json'), 'utf8')) as { publisher: string; name: string };
  return `${publisher}.${name}`;
})();

/** Packages test/fixtures/nix-ide-standin with vsce into `dir`. */
function packageStandIn(dir: string): string {
  const out = path.join(dir, 'nix-ide-standin.vsix');
  const vsce = path.join(REPO_ROOT, 'node_modules/@vscode/vsce/vsce');
  const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--skip-license', '--out', out], {
    cwd: STAND_IN_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`vsce package of the Nix IDE stand-in failed:\n${r.stdout}${r.stderr}`);
  return out;
}

export interface Session {
  page: Page;
  server: CodeServer;
  console: string[];
}

/**
 * Installs `vsixes` into a fresh code-server under `root`, opens a copy of
 * examples/ and hands the page to `use`; on failure saves failed-`name`.png.
 */
async function withWorkbench(browser: Browser, root: string, name: string, vsixes: string[], use: (s: Session) => Promise<void>, outputDir = OUTPUT_DIR): Promise<void> {
  fs.rmSync(path.join(outputDir, `failed-${name}.png`), { force: true });
  const dirs = codeServerDirs(root);
  for (const v of vsixes) await installExtension(dirs, v);
  const workspace = copyExamples(root);
  const server = await startCodeServer(dirs);
  let session: Session | undefined;
  try {
    const wb = await openWorkbench(browser, workbenchUrl(server, workspace));
    session = { page: wb.page, server, console: wb.console };
    await use(session);
  } catch (e) {
    // What the page showed when it failed, beside the step screenshots.
    await session?.page.screenshot({ path: path.join(outputDir, `failed-${name}.png`) }).catch(() => undefined);
    const tail = session?.console.slice(-30).join('\n') ?? '';
    if (e instanceof Error) e.message += `\n--- browser console (last 30 lines) ---\n${tail}\n--- code-server log ---\n${server.log()}`;
    throw e;
  } finally {
    await session?.page.close();
    await server.stop();
  }
}

async function screenshot(page: Page, name: string, outputDir = OUTPUT_DIR): Promise<void> {
  await page.screenshot({ path: path.join(outputDir, name) });
}

/**
 * Opens quick input with `key`, types `text`, waits for a row containing
 * `expect` and accepts it. The first key press can arrive before the
 * workbench has bound its keys, so the press is repeated until the widget shows.
 */
async function quickInput(page: Page, key: string, text: string, expect: string): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  await waitFor(
    `quick input after ${key}`,
    async () => {
      await page.keyboard.press(key);
      return (await widget.waitFor({ state: 'visible', timeout: 2000 }).then(() => true, () => undefined));
    },
    UI_TIMEOUT_MS,
    0,
  );
  await page.keyboard.type(text);
  await widget.locator('.monaco-list-row', { hasText: expect }).first().waitFor({ timeout: UI_TIMEOUT_MS });
  await page.keyboard.press('Enter');
  await widget.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
}

/** Opens `name` with Quick Open (Ctrl+P) and waits until the editor shows `someText` of it. */
async function openFile(page: Page, name: string, someText: string): Promise<Locator> {
  await quickInput(page, 'Control+P', name, name);
  await page.locator('.tab.active', { hasText: name }).waitFor({ timeout: UI_TIMEOUT_MS });
  const editor = page.locator('.editor-group-container.active .monaco-editor').first();
  await viewLine(editor, someText).waitFor({ timeout: UI_TIMEOUT_MS });
  return editor;
}

/**
 * Highlighting that both our grammar and the stand-in's give: the comment,
 * the string and the plain `=` in three different colours. Returns whether
 * the attribute name `type` is coloured too (our grammar does, the stand-in does not).
 */
async function assertHighlighted(editor: Locator): Promise<{ attributeColoured: boolean }> {
  const comment = await colourOf(editor, COMMENT_TEXT, '#');
  const string = await colourOf(editor, FLAGGED_TEXT, '"macvtap"');
  const plain = await colourOf(editor, FLAGGED_TEXT, '=');
  assert.equal(new Set([comment, string, plain]).size, 3, `comment ${comment}, string ${string} and "=" ${plain} differ`);
  return { attributeColoured: (await colourOf(editor, FLAGGED_TEXT, 'type')) !== plain };
}

/** Waits until exactly one squiggle is in `editor`, then asserts it underlines exactly the flagged binding on its line. */
async function assertSquiggle(editor: Locator): Promise<void> {
  await editor.locator('.squiggly-error').first().waitFor({ timeout: DIAGNOSTICS_TIMEOUT_MS });
  // The index's pushed squiggle for a file not yet open gives way to the pulled one when the
  // file opens (a repaint apart), so wait for one squiggle to be on screen, not just for the first.
  let spots: Awaited<ReturnType<typeof squiggleSpots>> = [];
  await waitFor('one squiggle on screen', async () => ((spots = await squiggleSpots(editor, FLAGGED_TEXT)).length === 1 ? true : undefined), UI_TIMEOUT_MS).catch(() => undefined);
  assert.equal(spots.length, 1, `one squiggle: ${JSON.stringify(spots)}`);
  assert.equal(spots[0].lineNumber, String(FLAGGED_LINE), `squiggle beside line number ${FLAGGED_LINE}: ${JSON.stringify(spots[0])}`);
  assert.equal(spots[0].lineText.trim(), FLAGGED_TEXT);
  assert.ok(spots[0].offset >= 0 && spots[0].offset <= 2, `squiggle spans exactly ${FLAGGED_TEXT} (ends off by ${spots[0].offset}px)`);
}

export interface UiCheckOptions {
  /** Where the screenshots go (default test-output/e2e/). */
  outputDir?: string;
  /** Runs after the walk-through, with the workbench still open (extra checks on the same session). */
  after?: (session: Session) => Promise<void>;
}

export async function runUiChecks(t: TestContext, browser: Browser, root: string, vsix: string, options: UiCheckOptions = {}): Promise<void> {
  const outputDir = options.outputDir ?? OUTPUT_DIR;
  await withWorkbench(browser, root, 'ui', [vsix], async (session) => {
    const { page } = session;
    const editor = await openFile(page, FILE, FLAGGED_TEXT);

    await t.test(`squiggle under \`${FLAGGED_TEXT}\` on line ${FLAGGED_LINE}, text highlighted`, async () => {
      await assertSquiggle(editor);
      const { attributeColoured } = await assertHighlighted(editor);
      assert.ok(attributeColoured, 'our grammar colours the attribute name `type`');
      await page.locator('.statusbar-item', { hasText: 'MicroVM Lint' }).first().waitFor({ timeout: UI_TIMEOUT_MS });
      await screenshot(page, '01-squiggle.png', outputDir);
    });

    await t.test(`Problems panel lists ${CODE}`, async () => {
      await page.keyboard.press('Control+Shift+M');
      // The workspace index lists the other example files' problems too: show this file's.
      await problemsFilter(page, '**/guest-macvtap.nix');
      const row = page.locator('.markers-panel .monaco-list-row', { hasText: MESSAGE });
      await row.waitFor({ timeout: UI_TIMEOUT_MS });
      const text = (await row.innerText()).replace(/\s+/g, ' ');
      assert.match(text, /has type "macvtap" but no macvtap\.mode/);
      assert.match(text, new RegExp(`microvm-lint\\W*${CODE}`));
      assert.match(text, new RegExp(`\\[Ln ${FLAGGED_LINE}, Col ${FLAGGED.column}\\]`));
      await waitFor('only this file in the Problems panel', async () => ((await page.locator('.markers-panel .monaco-list-row').count()) === 2 ? true : undefined), UI_TIMEOUT_MS);
      await screenshot(page, '02-problems.png', outputDir);
    });

    await t.test('Problems panel lists a MAC duplicated across two files never opened, with the related location', async () => {
      await problemsFilter(page, '**/linked/**');
      const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'is also declared on interface "vm-router" of VM "router" in router.nix' });
      await row.first().waitFor({ timeout: UI_TIMEOUT_MS });
      assert.match((await row.first().innerText()).replace(/\s+/g, ' '), /microvm-lint\W*mac-duplicate/);
      // relatedInformation: a child row naming the other file and what is there.
      const related = page.locator('.markers-panel .monaco-list-row', { hasText: 'also used by interface "vm-router" of VM "router" in router.nix' });
      await related.first().waitFor({ timeout: UI_TIMEOUT_MS });
      assert.match(await related.first().innerText(), /router\.nix/);
      await screenshot(page, '02b-problems-cross-file.png', outputDir);
      await problemsFilter(page, '**/guest-macvtap.nix');
    });

    await t.test('hovering the squiggle shows the message', async () => {
      const box = (await editor.locator('.squiggly-error').first().boundingBox())!;
      const hover = page.locator('.monaco-hover:visible', { hasText: MESSAGE });
      // Hovers open on mouse movement: move onto the squiggle from beside it until one shows.
      await waitFor(
        'the hover',
        async () => {
          await page.mouse.move(box.x - 40, box.y - 30);
          await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 4, { steps: 4 });
          return hover.first().waitFor({ timeout: 3000 }).then(() => true, () => undefined);
        },
        UI_TIMEOUT_MS,
        0,
      );
      const text = await hover.first().innerText();
      assert.match(text, new RegExp(`microvm-lint\\W*${CODE}`));
      await screenshot(page, '03-hover.png', outputDir);
      // Out of the way: a hover left open covers the quick-fix list.
      await page.mouse.move(box.x + 600, box.y + 400);
      await page.keyboard.press('Escape');
      await hover.first().waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
    });

    await t.test(`Ctrl+. offers ${PREFERRED_FIX} first`, async () => {
      await quickInput(page, 'Control+G', `${FLAGGED_LINE}:${FLAGGED.column + 1}`, `${FLAGGED_LINE}`);
      // The lightbulb that says a preferred fix is there.
      await editor.locator('.lightBulbWidget.codicon-lightbulb-autofix').waitFor({ timeout: UI_TIMEOUT_MS });
      await page.keyboard.press('Control+.');
      const actions = page.locator('.action-widget .monaco-list-row.action');
      await actions.first().waitFor({ timeout: UI_TIMEOUT_MS });
      const titles = (await actions.allInnerTexts()).map((s) => s.trim());
      assert.equal(titles[0], PREFERRED_FIX, `actions: ${JSON.stringify(titles)}`);
      assert.match(await actions.first().getAttribute('class') ?? '', /\bfocused\b/, 'the preferred fix is focused');
      await screenshot(page, '04-quickfix-menu.png', outputDir);
    });

    await t.test('Enter applies it: the mode line appears and the squiggle goes', async () => {
      await page.keyboard.press('Enter');
      await page.locator('.action-widget').waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
      await viewLine(editor, FIXED_TEXT).waitFor({ timeout: UI_TIMEOUT_MS });
      await editor.locator('.squiggly-error').first().waitFor({ state: 'detached', timeout: DIAGNOSTICS_TIMEOUT_MS });
      const lines = await editorLines(editor);
      // View lines are 0-based: the link line, then the inserted mode line with the same indentation.
      const indent = ' '.repeat(LINK.column - 1);
      assert.equal(lines[LINK.line - 1], `${indent}${LINK_TEXT}`);
      assert.equal(lines[LINK.line], `${indent}${FIXED_TEXT}`);
      await page.locator('.markers-panel .monaco-list-row', { hasText: MESSAGE }).waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
      // VS Code asks for code actions again once the diagnostics change: none are left on the line.
      await editor.locator('.lightBulbWidget').waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
      await screenshot(page, '05-fixed.png', outputDir);
    });

    await options.after?.(session);
  }, outputDir);
}

/**
 * The console warning VS Code's renderer prints when a second grammar claims
 * a scope; the later one serves. Seen here: extensions register in id order,
 * so ours (microvm-lint.*) replaces the stand-in's (microvm-lint-test.*), as
 * it would replace Nix IDE's (jnoortheen.*); a stand-in published as
 * zz-test.* served instead, and these checks passed with it too.
 */
const GRAMMAR_OVERWRITE = /Overwriting grammar scope name to file mapping for scope source\.nix\.\s*Old grammar file: (\S+)\.\s*New grammar file: (\S+)/;

export async function runCoexistenceCheck(t: TestContext, browser: Browser, root: string, vsix: string): Promise<void> {
  const standIn = packageStandIn(root);
  await withWorkbench(browser, root, 'nix-ide', [standIn, vsix], async ({ page, server, console: lines }) => {
    const installed = await listExtensions(server.dirs);
    assert.deepEqual(installed.map((id) => id.replace(/@.*/, '')).sort(), [STAND_IN_ID, 'microvm-lint.microvm-lint'].sort());
    // The Extensions view, filtered to what is installed, shows both side by side.
    await page.keyboard.press('Control+Shift+X');
    await page.locator('.extensions-viewlet .suggest-input-container').waitFor({ timeout: UI_TIMEOUT_MS });
    await page.keyboard.type('@installed ');
    const names = page.locator('.extensions-viewlet .monaco-list-row .extension-list-item .name');
    for (const name of [/^MicroVM Lint$/, /^Nix IDE stand-in$/]) await names.filter({ hasText: name }).waitFor({ timeout: UI_TIMEOUT_MS });
    const editor = await openFile(page, FILE, FLAGGED_TEXT);

    await t.test(`the squiggle is still on line ${FLAGGED_LINE} and the text is still highlighted`, async (st) => {
      await assertSquiggle(editor);
      const { attributeColoured } = await assertHighlighted(editor);
      // Both grammars were registered for source.nix; the colours show the one VS Code says it kept.
      const overwrite = await waitFor('VS Code to register the second source.nix grammar', () => lines.map((l) => GRAMMAR_OVERWRITE.exec(l)).find((m) => m !== null) ?? undefined, UI_TIMEOUT_MS);
      const served = overwrite[2].includes(`/${STAND_IN_ID}-`) ? 'the stand-in' : 'MicroVM Lint';
      assert.equal(attributeColoured, served === 'MicroVM Lint', `the colours match the grammar VS Code kept (${overwrite[2]})`);
      st.diagnostic(`grammar serving source.nix: ${served}'s (${overwrite[2]}), in place of ${overwrite[1]}`);
      await screenshot(page, '06-with-nix-ide.png');
    });
  });
}

/** Types `text` into the Problems panel's filter box (a glob shows one file's problems). */
async function problemsFilter(page: Page, text: string): Promise<void> {
  const input = page.locator('.markers-panel-action-filter input, .viewpane-filter input').first();
  await input.waitFor({ timeout: UI_TIMEOUT_MS });
  await input.fill(text);
  await page.keyboard.press('Enter');
}
