/**
 * Huge files never freeze the server (issue 14, item 1), over the real
 * stdio server: a 20 MB file and a 1,000,000-binding file are over
 * maxFileSize and get one notice each, never a parse; a hover on a small file
 * is answered while they are open; 10,000-deep nesting is checked; and a
 * request that is cancelled, or whose document changed, answers with the
 * LSP error codes. No timings here: bench/hugeFiles.ts measures them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource, LSPErrorCodes, ResponseError, type Diagnostic, type Hover } from 'vscode-languageserver-protocol';
import { deeplyNested, deepInterfaceSet, manyBindings, MISTAKE, sizedFile } from '../support/hugeNix';
import { LspClient } from '../support/lspClient';

const SMALL = ['{', MISTAKE.trimEnd(), '}', ''].join('\n');
const TYPE_COLUMN = MISTAKE.indexOf('"macvtap"') + 2; // inside the type's value, on line 1 of SMALL

const brief = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code} ${d.severity}`);
const hoverText = (h: Hover | null) => (h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '');

describe('huge files over stdio', () => {
  let client: LspClient;
  before(async () => {
    ({ client } = await LspClient.start());
  });
  after(() => client.kill());

  it('a 20 MB and a 1,000,000-binding file get one notice each, and a small file is still answered', async () => {
    const big = 'file:///ws/generated-20mb.nix';
    const many = 'file:///ws/many-bindings.nix';
    const small = 'file:///ws/small.nix';
    const bigText = sizedFile(20 << 20);
    const manyText = manyBindings(1_000_000);
    await client.open(big, bigText, 1);
    await client.open(many, manyText, 1);
    await client.open(small, SMALL, 1);
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: small }, position: { line: 1, character: TYPE_COLUMN } });
    assert.match(hoverText(hover), /macvtap/);

    for (const [uri, text] of [[big, bigText], [many, manyText]] as const) {
      const [notice, ...rest] = await client.forVersion(uri, 1);
      assert.deepEqual(rest, [], 'one notice, no findings (the file is not parsed)');
      assert.deepEqual(notice.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
      assert.equal(notice.severity, 3);
      assert.equal(notice.code, 'file-not-checked');
      assert.match(notice.message, new RegExp(`^MicroVM Lint did not check this file: it is [0-9.]+ MB \\(${Buffer.byteLength(text)} bytes\\), over the 4\\.0 MB limit \\(4194304 bytes\\) set by microvmLint\\.maxFileSize\\.`));
    }
    assert.deepEqual(brief(await client.forVersion(small, 1)), ['1:27 macvtap-mode-missing 1']);

    // Requests on the huge file answer empty; an edit gets the notice again for its version.
    const at = { textDocument: { uri: big }, position: { line: 2, character: TYPE_COLUMN } };
    assert.equal(await client.request('textDocument/hover', at), null);
    assert.deepEqual(await client.request('textDocument/completion', at), []);
    const range = { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } };
    assert.deepEqual(await client.request('textDocument/codeAction', { textDocument: { uri: big }, range, context: { diagnostics: [] } }), []);
    await client.change(big, 2, [{ range, text: '  # edited\n' }]);
    assert.deepEqual(brief(await client.forVersion(big, 2)), ['0:0 file-not-checked 3']);
    await client.close(big);
    await client.close(many);
  });

  it('checks a file again when maxFileSize changes, and edits across the limit switch the notice', async (t) => {
    const { client: c } = await LspClient.start({ settings: { maxFileSize: 100 } });
    t.after(() => c.kill());
    const uri = 'file:///ws/limit.nix';
    await c.open(uri, SMALL, 1);
    assert.deepEqual(brief(await c.forVersion(uri, 1)), ['0:0 file-not-checked 3']);
    const since = c.published.length;
    c.settings = { maxFileSize: 10_000 };
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const rechecked = await c.diagnostics(uri, (p) => p.diagnostics.length > 0 && p.diagnostics[0].code !== 'file-not-checked', since);
    assert.deepEqual(brief(rechecked.diagnostics), ['1:27 macvtap-mode-missing 1']);
    // Grows over the limit by an edit: the notice again (and its tree is dropped); shrinks back: checked.
    const end = { line: 3, character: 0 };
    await c.change(uri, 2, [{ range: { start: end, end }, text: `# ${'x'.repeat(20_000)}\n` }]);
    assert.deepEqual(brief(await c.forVersion(uri, 2)), ['0:0 file-not-checked 3']);
    await c.change(uri, 3, [{ range: { start: end, end: { line: 4, character: 0 } }, text: '' }]);
    assert.deepEqual(brief(await c.forVersion(uri, 3)), ['1:27 macvtap-mode-missing 1']);
  });

  for (const [name, text] of [
    ['lists', deeplyNested(10_000, '[ ', ' ]')],
    ['parentheses', deeplyNested(10_000, '( ', ' )')],
    ['mkIf calls', deeplyNested(10_000, 'lib.mkIf c (', ')')],
    ['sets inside the interface', deepInterfaceSet(10_000)],
  ] as const) {
    it(`checks 10,000-deep ${name} and answers a hover there`, async () => {
      const uri = `file:///ws/deep-${name.replace(/\W+/g, '-')}.nix`;
      await client.open(uri, text, 1);
      assert.deepEqual(brief(await client.forVersion(uri, 1)).map((d) => d.split(' ')[1]), ['macvtap-mode-missing']);
      const offset = text.indexOf('"macvtap"') + 2;
      const line = text.slice(0, offset).split('\n').length - 1;
      const character = offset - (text.lastIndexOf('\n', offset - 1) + 1);
      const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } });
      assert.match(hoverText(hover), /macvtap/);
      assert.ok(client.alive);
      await client.close(uri);
    });
  }

  describe('long requests', () => {
    /** Holds the server in its workspace/configuration request, so that what the test sends next arrives first. */
    async function heldRequest(c: LspClient, uri: string) {
      let release!: () => void;
      c.configurationGate = new Promise((r) => (release = r));
      const asked = new Promise<void>((r) => (c.onConfigurationRequest = r));
      await c.open(uri, sizedFile(200_000), 1);
      await asked;
      const source = new CancellationTokenSource();
      const hover = c.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: TYPE_COLUMN } }, source.token);
      return { hover, source, release };
    }

    const codeOf = async (p: Promise<unknown>) => {
      try {
        await p;
        return 'answered';
      } catch (e) {
        assert.ok(e instanceof ResponseError, String(e));
        return e.code;
      }
    };

    it('a cancelled request answers RequestCancelled', async (t) => {
      const { client: c } = await LspClient.start();
      t.after(() => c.kill());
      const { hover, source, release } = await heldRequest(c, 'file:///ws/cancel.nix');
      source.cancel();
      // A round trip after the cancel: the server has read it before the gate opens.
      await c.request('textDocument/hover', { textDocument: { uri: 'file:///ws/not-open.nix' }, position: { line: 0, character: 0 } });
      release();
      assert.equal(await codeOf(hover), LSPErrorCodes.RequestCancelled);
    });

    it('a request whose document changed meanwhile answers ContentModified', async (t) => {
      const { client: c } = await LspClient.start();
      t.after(() => c.kill());
      const uri = 'file:///ws/modified.nix';
      const { hover, release } = await heldRequest(c, uri);
      await c.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# new\n' }]);
      await c.request('textDocument/hover', { textDocument: { uri: 'file:///ws/not-open.nix' }, position: { line: 0, character: 0 } });
      release();
      assert.equal(await codeOf(hover), LSPErrorCodes.ContentModified);
    });

    it('the same request, neither cancelled nor outdated, is answered', async (t) => {
      const { client: c } = await LspClient.start();
      t.after(() => c.kill());
      const { hover, release } = await heldRequest(c, 'file:///ws/answered.nix');
      release();
      assert.match(hoverText((await hover) as Hover | null), /macvtap/);
    });
  });
});
