/**
 * Edits the server has not analysed yet: several changes in one didChange
 * (a multi-cursor edit), two didChange notifications in flight, and a burst
 * of them. What the editor shows for the last version must be the
 * diagnostics of the last text, whatever was analysed in between.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, Position } from 'vscode-languageserver-protocol';
import { LspClient } from '../support/lspClient';

/** Two interfaces, every value valid. */
const TWO = [
  '{ ... }:',
  '{',
  '  microvm.interfaces = [',
  '    { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; }',
  '    { type = "tap"; id = "vm-b"; mac = "02:00:00:00:00:02"; }',
  '  ];',
  '}',
  '',
].join('\n');

/** The last hex digit of the MAC on `line` (3: vm-a, 4: vm-b). */
const macDigit = (line: number): { start: Position; end: Position } => ({ start: { line, character: 56 }, end: { line, character: 57 } });
const codes = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line}:${d.range.start.character} ${String(d.code)}`);

describe('edits not analysed yet', () => {
  let client: LspClient;
  before(async () => {
    ({ client } = await LspClient.start());
  });
  after(() => client.kill());

  it('applies every change of one didChange (a multi-cursor edit), not only the last one', async () => {
    const uri = 'file:///ws/multi-cursor.nix';
    await client.open(uri, TWO);
    await client.forVersion(uri, 1);
    await client.change(uri, 2, [{ range: macDigit(4), text: 'g' }]);
    assert.deepEqual(codes(await client.forVersion(uri, 2)), ['4:39 mac-invalid']);
    // One notification: the second MAC fixed and the first one changed to another valid MAC.
    await client.change(uri, 3, [
      { range: macDigit(4), text: '2' },
      { range: macDigit(3), text: '3' },
    ]);
    assert.deepEqual(codes(await client.forVersion(uri, 3)), []);
  });

  it('two edits sent at once: the fix of a MAC, then an edit of another interface; the last version shows no stale mac-invalid', async () => {
    const uri = 'file:///ws/two-in-flight.nix';
    await client.open(uri, TWO);
    await client.forVersion(uri, 1);
    await client.change(uri, 2, [{ range: macDigit(4), text: 'g' }]);
    assert.deepEqual(codes(await client.forVersion(uri, 2)), ['4:39 mac-invalid']);
    const since = client.published.length;
    await Promise.all([client.change(uri, 3, [{ range: macDigit(4), text: '2' }]), client.change(uri, 4, [{ range: macDigit(3), text: '3' }])]);
    assert.deepEqual(codes(await client.forVersion(uri, 4)), []);
    const versions = client.published.slice(since).filter((p) => p.uri === uri).map((p) => p.version);
    assert.equal(versions.at(-1), 4, `the last publish is of the last version (${versions})`);
  });
});

describe('a burst of edits', () => {
  // The contract an editor sees, whatever schedules the analysis: edits that come faster than they can be
  // analysed are coalesced (fewer publishes than edits), versions only go up, and the last one is published last.
  it('sent at once, is coalesced, and the last version is published last', async (t) => {
    const { client } = await LspClient.start();
    t.after(() => client.kill());
    const uri = 'file:///ws/burst.nix';
    await client.open(uri, TWO);
    await client.forVersion(uri, 1);
    const since = client.published.length;
    const at = { line: 6, character: 1 };
    const edits = 40;
    const sent: Promise<void>[] = [];
    for (let v = 2; v < 2 + edits; v++) sent.push(client.change(uri, v, [{ range: { start: at, end: at }, text: ' ' }]));
    await Promise.all(sent);
    await client.forVersion(uri, 1 + edits);
    // One more round trip, so that anything the server sent before answering has arrived.
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    const versions = client.published.slice(since).filter((p) => p.uri === uri).map((p) => p.version!);
    assert.ok(versions.length < edits, `coalesced: ${versions.length} publishes for ${edits} edits`);
    assert.deepEqual(versions, [...new Set(versions)].sort((a, b) => a - b), `each version at most once, in order: ${versions}`);
    assert.equal(versions.at(-1), 1 + edits, 'the last version is published last');
  });
});
