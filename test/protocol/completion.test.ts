/**
 * Completion as an editor lists it: the items ordered by sortText (the label
 * when there is none), as VS Code and other clients do before anything is
 * typed, the preselected one marked. The preferred macvtap mode comes first,
 * whichever way it was chosen.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CompletionItem } from 'vscode-languageserver-protocol';
import { LspClient } from '../support/lspClient';

const TEXT = '{ microvm.interfaces = [ { type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01"; macvtap.link = "eth0"; macvtap.mode = ""; } ]; }\n';
const AT = { line: 0, character: TEXT.indexOf('mode = ""') + 8 };

/** The labels in the order a client shows them, `*` after the preselected one. */
function asListed(items: CompletionItem[]): string[] {
  const key = (i: CompletionItem) => i.sortText ?? i.label;
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).map((i) => `${i.label}${i.preselect ? '*' : ''}`);
}

describe('completion of macvtap.mode, as listed', () => {
  let client: LspClient;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'microvm-lint-completion-'));
    ({ client } = await LspClient.start());
  });
  after(() => {
    client.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  const listed = async (uri: string) => asListed(await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: AT }));

  it('puts vepa first by default, preselected', async () => {
    const uri = 'file:///ws/default-mode.nix';
    await client.open(uri, TEXT);
    assert.deepEqual(await listed(uri), ['vepa*', 'bridge', 'private', 'passthru', 'source']);
  });

  it('puts the mode of microvm-lint.json first', async () => {
    writeFileSync(join(dir, 'microvm-lint.json'), JSON.stringify({ preferredMode: 'passthru' }));
    const uri = pathToFileURL(join(dir, 'vm.nix')).href;
    await client.open(uri, TEXT);
    assert.deepEqual(await listed(uri), ['passthru*', 'vepa', 'bridge', 'private', 'source']);
  });

  it('puts the mode of the editor setting first, once changed', async () => {
    const uri = 'file:///ws/setting-mode.nix';
    await client.open(uri, TEXT);
    await client.forVersion(uri, 1);
    client.settings = { macvtap: { preferredMode: 'bridge' } };
    const since = client.published.length;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.diagnostics(uri, () => true, since); // the settings were read again
    assert.deepEqual(await listed(uri), ['bridge*', 'vepa', 'private', 'passthru', 'source']);
  });
});
