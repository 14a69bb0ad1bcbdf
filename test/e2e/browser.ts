/**
 * Headless Chromium (Debian's package, driven by playwright-core) showing a
 * code-server workbench.
 */
import * as fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { isolatedEnv } from './support';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launches Chromium with HOME/XDG folders under `home`. */
export async function launchBrowser(home: string): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    env: isolatedEnv(home),
    // The runner's own signal handlers close the browser after stopping code-server (run.ts).
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export interface Workbench {
  page: Page;
  /** The page's console lines (the extension host forwards its log there). */
  console: string[];
}

/** Opens `url` in a new page and resolves when the workbench has rendered. */
export async function openWorkbench(browser: Browser, url: string, viewport = { width: 1400, height: 900 }): Promise<Workbench> {
  const page = await browser.newPage({ viewport });
  const lines: string[] = [];
  page.on('console', (m) => lines.push(`[${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => lines.push(`[pageerror] ${e.message}`));
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
  return { page, console: lines };
}
