/**
 * A server whose parser cannot load (issue 14, item 2): it must not exit
 * (the client would restart it into the same failure, in a loop). It stays
 * up, says so once (microvmLint/serverStatus and the log), answers every
 * request with an empty result, and shuts down cleanly. A healthy server
 * says "ok" once. The corrupt grammar is handed in with MICROVM_LINT_WASM_DIR.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ServerStatus } from '../../server/src/serverStatus';
import { LspClient } from '../support/lspClient';

const DIST = join(__dirname, '..', '..'); // dist/test/protocol -> dist
const GUEST = '{\n  microvm.interfaces = [ { type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01"; macvtap.link = "eth0"; } ];\n}\n';

/** Starts a server and records its status notifications and logged errors from the first message on. */
async function startRecording(env?: Record<string, string>) {
  const statuses: ServerStatus[] = [];
  const errors: string[] = [];
  const { client } = await LspClient.start({ env });
  // Registered before any message from the server can be read (start() returns right after writing `initialized`).
  client.connection.onNotification('microvmLint/serverStatus', (s: ServerStatus) => statuses.push(s));
  client.connection.onNotification('window/logMessage', (m: { type: number; message: string }) => m.type === 1 && errors.push(m.message));
  return { client, statuses, errors };
}

/** Resolves once `list` has an entry (polled on the event loop; the deadline only guards against hanging). */
async function first<T>(list: T[]): Promise<T> {
  const deadline = Date.now() + 30_000;
  while (list.length === 0) {
    if (Date.now() > deadline) throw new Error('no microvmLint/serverStatus notification');
    await new Promise((r) => setImmediate(r));
  }
  return list[0];
}

describe('a server whose parser cannot load', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'microvm-lint-corrupt-'));
    copyFileSync(join(DIST, 'web-tree-sitter.wasm'), join(dir, 'web-tree-sitter.wasm'));
    writeFileSync(join(dir, 'tree-sitter-nix.wasm'), Buffer.from('this is not WebAssembly'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reports it once, stays up answering empty, and exits cleanly', async (t) => {
    const { client, statuses, errors } = await startRecording({ MICROVM_LINT_WASM_DIR: dir });
    t.after(() => client.kill());
    const status = await first(statuses);
    assert.equal(status.health, 'error');
    assert.match(status.message ?? '', /^cannot load the Nix parser: /);

    const uri = 'file:///ws/guest.nix';
    await client.open(uri, GUEST, 1);
    const at = { textDocument: { uri }, position: { line: 1, character: 40 } };
    assert.equal(await client.request('textDocument/hover', at), null);
    assert.deepEqual(await client.request('textDocument/completion', at), []);
    const range = { start: at.position, end: at.position };
    assert.deepEqual(await client.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } }), []);
    await client.change(uri, 2, [{ range, text: 'x' }]);
    await client.close(uri);
    // A last round trip: everything above has been handled, without a second report or a crash.
    assert.equal(await client.request('textDocument/hover', at), null);
    assert.ok(client.alive, 'the server did not exit');
    assert.deepEqual(statuses, [status], 'reported once');
    assert.equal(errors.filter((e) => e.includes('cannot load the Nix parser')).length, 1, errors.join('\n'));
    assert.deepEqual(client.published.filter((p) => p.diagnostics.length > 0), [], 'no diagnostics from a server that cannot parse');
    assert.equal(await client.stop(), 0);
  });

  it('reports a missing grammar the same way', async (t) => {
    const empty = mkdtempSync(join(tmpdir(), 'microvm-lint-missing-'));
    t.after(() => rmSync(empty, { recursive: true, force: true }));
    const { client, statuses } = await startRecording({ MICROVM_LINT_WASM_DIR: join(empty, 'nothing-here') });
    t.after(() => client.kill());
    // Looked up from a folder with no tree-sitter-nix.wasm in it or above.
    assert.equal((await first(statuses)).health, 'error');
    assert.equal(await client.stop(), 0);
  });
});

describe('a healthy server', () => {
  it('reports ok once', async (t) => {
    const { client, statuses } = await startRecording();
    t.after(() => client.kill());
    assert.deepEqual(await first(statuses), { health: 'ok' });
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: 'file:///ws/none.nix' }, position: { line: 0, character: 0 } }), null);
    assert.equal(statuses.length, 1);
    assert.equal(await client.stop(), 0);
  });
});
