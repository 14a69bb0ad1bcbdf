/**
 * What every e2e entry (desktop and web) does around its parts: pick the
 * parts named on the command line, start one headless browser for all of
 * them, and leave no code-server, file watcher, browser or temp folder
 * behind, also when interrupted.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { stopAllCodeServers } from './codeServer';
import { removeAllTempFolders, tempFolder } from './support';

export interface E2eRun<P extends string> {
  /** True when `part` was named on the command line, or none was. */
  wanted(part: P): boolean;
  /** The shared browser (launched in `before`). */
  browser(): Browser;
}

export function setUpE2eRun<P extends string>(parts: readonly P[], outputDir: string, name: string): E2eRun<P> {
  const chosen = process.argv.slice(2);
  for (const c of chosen) if (!(parts as readonly string[]).includes(c)) throw new Error(`unknown part ${c}; known: ${parts.join(', ')}`);
  const browserHome = tempFolder(`${name}-browser`);
  let browser: Browser | undefined;

  // Interrupted (Ctrl+C, a CI timeout): leave nothing running behind.
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      console.error(`# ${sig}: stopping code-server and the browser`);
      void Promise.allSettled([stopAllCodeServers(), browser?.close()]).finally(() => {
        removeAllTempFolders();
        process.exit(128 + os.constants.signals[sig]);
      });
    });
  }
  before(async () => {
    fs.mkdirSync(outputDir, { recursive: true });
    browser = await launchBrowser(browserHome.path);
  });
  after(async () => {
    await browser?.close();
    browserHome.remove();
  });

  return {
    wanted: (part) => chosen.length === 0 || chosen.includes(part),
    browser: () => {
      if (!browser) throw new Error('the browser is not running (before() failed?)');
      return browser;
    },
  };
}
