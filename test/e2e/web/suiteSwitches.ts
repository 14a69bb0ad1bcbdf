/**
 * What the web suite asks of its runner. A test in the web extension host
 * cannot reach past the browser: it fetches
 * `<its origin>/microvm-lint-test/<what>` (test/vscode/suite/support.ts,
 * askRunner), and Playwright routes that here before test-web sees it.
 *
 *   grammar/corrupt    from now on the extension's tree-sitter-nix.wasm arrives
 *                      corrupt, as from a broken install (the next server start
 *                      cannot load its parser)
 *   grammar/restore    it arrives as it is again
 *   server-workers     how many language server Web Workers the page runs now
 *
 * Each answer is sent after the change took effect, so the test goes on
 * knowing it holds.
 */
import type { BrowserContext, Page, Route } from 'playwright-core';
import { serverWorkers } from './serverWorkers';

export const SWITCH_PREFIX = '/microvm-lint-test/';

export async function serveSuiteSwitches(context: BrowserContext, page: () => Page | undefined): Promise<void> {
  let corruptGrammar = false;
  const answer = (route: Route, status: number, body: string) =>
    route.fulfill({ status, body, contentType: 'text/plain', headers: { 'Access-Control-Allow-Origin': '*' } });

  await context.route(`**${SWITCH_PREFIX}**`, async (route) => {
    const what = new URL(route.request().url()).pathname.slice(SWITCH_PREFIX.length);
    switch (what) {
      case 'grammar/corrupt':
      case 'grammar/restore':
        corruptGrammar = what === 'grammar/corrupt';
        return answer(route, 200, what);
      case 'server-workers': {
        const p = page();
        return p ? answer(route, 200, String((await serverWorkers(p)).length)) : answer(route, 503, 'no page');
      }
      default:
        return answer(route, 404, `unknown switch ${what}`);
    }
  });
  // The server worker fetches its grammar at each start (server/src/web/workerMain.ts).
  await context.route('**/dist/tree-sitter-nix.wasm', (route) =>
    corruptGrammar ? route.fulfill({ status: 200, body: 'this is not WebAssembly', contentType: 'application/wasm' }) : route.fallback(),
  );
}
