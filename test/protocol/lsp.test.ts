/**
 * Protocol tests: the real server (`microvm-lint lsp --stdio`) over pipes.
 * Each test asserts what an editor would show: diagnostics with exact
 * ranges and versions, code actions whose edits give exact text, hovers,
 * completions, and settings that apply without a restart.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, CompletionItem, Diagnostic, Hover, Range, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient } from '../support/lspClient';

const GUEST = [
  '{ config, lib, ... }:',
  '{',
  '  microvm.interfaces = [{',
  '    type = "macvtap";',
  '    id = "vm-web";',
  '    mac = "02:00:00:00:00:01";',
  '    macvtap.link = "eth0";',
  '  }];',
  '}',
  '',
].join('\n');

const FIXED_VEPA = GUEST.replace('    macvtap.link = "eth0";\n', '    macvtap.link = "eth0";\n    macvtap.mode = "vepa";\n');

const TYPE_RANGE: Range = { start: { line: 3, character: 4 }, end: { line: 3, character: 21 } };

/** Applies LSP edits to `text` (positions in UTF-16 code units, "\n" or "\r\n" lines). */
function applyLspEdits(text: string, edits: TextEdit[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const off = (p: { line: number; character: number }) => starts[p.line] + p.character;
  return [...edits]
    .sort((a, b) => off(b.range.start) - off(a.range.start))
    .reduce((t, e) => t.slice(0, off(e.range.start)) + e.newText + t.slice(off(e.range.end)), text);
}

const editsOf = (a: CodeAction, uri: string) => a.edit?.changes?.[uri] ?? [];

describe('language server over stdio', () => {
  let client: LspClient;
  before(async () => {
    ({ client } = await LspClient.start());
  });
  after(() => client.kill());

  it('exits with 0 after shutdown and exit', async (t) => {
    const { client: c } = await LspClient.start();
    t.after(() => c.kill());
    assert.equal(await c.stop(), 0);
  });

  it('announces its capabilities', async (t) => {
    const { client: c, init } = await LspClient.start();
    t.after(() => c.kill());
    assert.equal(init.serverInfo?.name, 'microvm-lint');
    assert.deepEqual(init.capabilities.textDocumentSync, { openClose: true, change: 2 });
    assert.equal(init.capabilities.hoverProvider, true);
    assert.deepEqual(init.capabilities.completionProvider?.triggerCharacters, ['"']);
    assert.deepEqual((init.capabilities.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, [
      'quickfix',
      'source.fixAll.microvm-lint',
    ]);
    assert.equal(init.capabilities.diagnosticProvider, undefined, 'no pull diagnostics for a client without support');
    await c.stop();
  });

  it('publishes the missing-mode error with range, version, code and docs link', async () => {
    const uri = 'file:///ws/guest.nix';
    await client.open(uri, GUEST, 7);
    const diagnostics = await client.forVersion(uri, 7);
    assert.equal(diagnostics.length, 1);
    const d = diagnostics[0];
    assert.deepEqual(d.range, TYPE_RANGE);
    assert.equal(d.severity, 1);
    assert.equal(d.source, 'microvm-lint');
    assert.equal(d.code, 'macvtap-mode-missing');
    assert.match(d.codeDescription!.href, /docs\/rules\/macvtap-mode-missing\.md$/);
    assert.match(d.message, /^Interface "vm-web" has type "macvtap" but no macvtap\.mode/);
  });

  it('offers one fix per mode, vepa preferred, and applies exactly', async () => {
    const uri = 'file:///ws/fixes.nix';
    await client.open(uri, GUEST);
    const [d] = await client.forVersion(uri, 1);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d] },
    });
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.isPreferred ?? false]),
      [
        ['Set macvtap.mode = "vepa"', 'quickfix', true],
        ['Set macvtap.mode = "bridge"', 'quickfix', false],
        ['Set macvtap.mode = "private"', 'quickfix', false],
        ['Set macvtap.mode = "passthru"', 'quickfix', false],
        ['Set macvtap.mode = "source"', 'quickfix', false],
        ['Fix all macvtap-mode-missing problems in this file', 'quickfix', false],
        ['Ignore macvtap-mode-missing on this line', 'quickfix', false],
        ['Ignore macvtap-mode-missing in this file', 'quickfix', false],
      ],
    );
    assert.deepEqual(actions[0].diagnostics, [d]);
    assert.equal(applyLspEdits(GUEST, editsOf(actions[0], uri)), FIXED_VEPA);
    assert.equal(applyLspEdits(GUEST, editsOf(actions[1], uri)), FIXED_VEPA.replace('"vepa"', '"bridge"'));
    assert.equal(
      applyLspEdits(GUEST, editsOf(actions[6], uri)),
      GUEST.replace('    type = "macvtap";', '    # microvm-lint: disable-next-line macvtap-mode-missing\n    type = "macvtap";'),
    );
    assert.equal(applyLspEdits(GUEST, editsOf(actions[7], uri)), '# microvm-lint: disable macvtap-mode-missing\n' + GUEST);
  });

  it('clears the diagnostic after an incremental edit inserts the mode', async () => {
    const uri = 'file:///ws/incremental.nix';
    await client.open(uri, GUEST);
    assert.deepEqual((await client.forVersion(uri, 1)).map((d) => d.code), ['macvtap-mode-missing']);
    const at = { line: 6, character: 26 }; // end of `macvtap.link = "eth0";`
    await client.change(uri, 2, [{ range: { start: at, end: at }, text: '\n    macvtap.mode = "bridge";' }]);
    assert.deepEqual(await client.forVersion(uri, 2), []);
    // Typing a typo into the value brings an invalid-mode error at the value.
    await client.change(uri, 3, [{ range: { start: { line: 7, character: 20 }, end: { line: 7, character: 26 } }, text: 'brigde' }]);
    const [d] = await client.forVersion(uri, 3);
    assert.equal(d.code, 'macvtap-mode-invalid');
    assert.deepEqual(d.range, { start: { line: 7, character: 19 }, end: { line: 7, character: 27 } });
    assert.match(d.message, /Did you mean "bridge"\?$/);
  });

  it('publishes the latest version after rapid edits and never an older one after it', async () => {
    const uri = 'file:///ws/rapid.nix';
    const since = client.published.length;
    await client.open(uri, GUEST);
    const at = { line: 8, character: 1 };
    for (let v = 2; v <= 40; v++) await client.change(uri, v, [{ range: { start: at, end: at }, text: ' ' }]);
    const last = await client.forVersion(uri, 40);
    assert.equal(last.length, 1);
    const versions = client.published.slice(since).filter((p) => p.uri === uri).map((p) => p.version!);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `versions in order: ${versions}`);
    assert.ok(versions.length < 39, `rapid edits are debounced (${versions.length} publishes for 40 versions)`);
  });

  it('sends an empty publish on close and nothing after it, not even when the pending debounced publish was due', async () => {
    const uri = 'file:///ws/closing.nix';
    await client.open(uri, GUEST);
    await client.forVersion(uri, 1);
    const since = client.published.length;
    // An edit schedules a debounced publish; the close comes before it is due.
    await client.change(uri, 2, [{ range: { start: { line: 8, character: 1 }, end: { line: 8, character: 1 } }, text: ' ' }]);
    await client.close(uri);
    await client.diagnostics(uri, (p) => p.diagnostics.length === 0 && p.version === undefined, since);
    // A later document's edit is debounced by the same delay and scheduled after the closed one's:
    // its publish comes only after the closed document's timer was due (timers of one delay fire in order).
    const other = 'file:///ws/after-close.nix';
    await client.open(other, GUEST);
    await client.forVersion(other, 1);
    await client.change(other, 2, [{ range: { start: { line: 8, character: 1 }, end: { line: 8, character: 1 } }, text: ' ' }]);
    await client.forVersion(other, 2);
    // One more round trip, so that anything the server sent before answering has arrived.
    await client.request('textDocument/hover', { textDocument: { uri: other }, position: { line: 0, character: 0 } });
    const forClosed = client.published.slice(since).filter((p) => p.uri === uri);
    assert.deepEqual(forClosed.map((p) => [p.version, p.diagnostics.length]), [[undefined, 0]], 'only the clearing publish, nothing after it');
  });

  it('survives a close while the document\'s diagnostics wait for settings', async () => {
    const uri = 'file:///ws/close-mid-request.nix';
    let release!: () => void;
    client.configurationGate = new Promise((r) => (release = r));
    const asked = new Promise<void>((r) => (client.onConfigurationRequest = r));
    await client.open(uri, GUEST);
    await asked; // the server is now waiting for this document's settings
    await client.close(uri);
    release();
    client.onConfigurationRequest = undefined;
    // The server answers on: a new document gets its diagnostics; the closed one got only its empty publish.
    const other = 'file:///ws/after-mid-request-close.nix';
    await client.open(other, GUEST);
    assert.equal((await client.forVersion(other, 1))[0].code, 'macvtap-mode-missing');
    assert.deepEqual(client.published.filter((p) => p.uri === uri).map((p) => [p.version, p.diagnostics.length]), [[undefined, 0]]);
    assert.ok(client.alive);
  });

  it('counts columns in UTF-16 and lines across CRLF', async () => {
    const uri = 'file:///ws/crlf.nix';
    const text = '{\r\n  # café 🚀\r\n  x = [ { id = "é🚀"; type = "macvtap"; macvtap.link = "eth0"; } ];\r\n}\r\n';
    await client.open(uri, text);
    const d = (await client.forVersion(uri, 1)).find((x) => x.code === 'macvtap-mode-missing')!;
    // "  x = [ { id = "é🚀"; " is 22 UTF-16 code units (🚀 counts 2).
    assert.deepEqual(d.range, { start: { line: 2, character: 22 }, end: { line: 2, character: 39 } });
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d] },
    });
    const [edit] = editsOf(actions[0], uri);
    assert.deepEqual(edit, { range: { start: { line: 2, character: 62 }, end: { line: 2, character: 62 } }, newText: ' macvtap.mode = "vepa";' });
  });

  it('explains the mode value and the type binding on hover', async () => {
    const uri = 'file:///ws/hover.nix';
    const text = '{ microvm.interfaces = [ { type = "macvtap"; id = "vm-h"; mac = "02:00:00:00:00:09"; macvtap = { link = "eth0"; mode = "bridge"; }; } ]; }\n';
    await client.open(uri, text);
    const onMode = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: text.indexOf('"bridge"') + 2 } });
    const md = (onMode.contents as { kind: string; value: string });
    assert.equal(md.kind, 'markdown');
    assert.match(md.value, /^\*\*macvtap mode `bridge`\*\*\n\nThe macvtaps of one parent are bridged in the kernel\./);
    assert.match(md.value, /\| `id` \| `"vm-h"` \|/);
    assert.match(md.value, /\| `macvtap.link` \| `"eth0"` \|/);
    assert.deepEqual(onMode.range, { start: { line: 0, character: text.indexOf('"bridge"') }, end: { line: 0, character: text.indexOf('"bridge"') + 8 } });
    const onType = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 28 } });
    assert.match((onType.contents as { value: string }).value, /^\*\*`type = "macvtap"`: MicroVM macvtap interface\*\*/);
    const nothing = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } });
    assert.equal(nothing, null);
  });

  it('completes mode values inside the string', async () => {
    const uri = 'file:///ws/complete.nix';
    const text = '{ x = [ { type = "macvtap"; macvtap.link = "eth0"; macvtap.mode = ""; } ]; }\n';
    await client.open(uri, text);
    const at = text.indexOf('mode = ""') + 8;
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: at } });
    assert.deepEqual(items.map((i) => i.label), ['vepa', 'bridge', 'private', 'passthru', 'source']);
    assert.equal(items[0].preselect, true);
    assert.deepEqual((items[1].textEdit as TextEdit).range, { start: { line: 0, character: at }, end: { line: 0, character: at } });
    assert.match((items[4].documentation as { value: string }).value, /source MAC/);
  });

  it('gives no quick fix for a diagnostic from an older version', async () => {
    const uri = 'file:///ws/stale.nix';
    await client.open(uri, GUEST);
    const [d] = await client.forVersion(uri, 1);
    await client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edited\n' }]);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    assert.deepEqual(actions, []);
  });

  it('applies source.fixAll to every finding at once', async () => {
    const uri = 'file:///ws/fixall.nix';
    const text = '[\n  { type = "macvtap"; macvtap.link = "a"; }\n  { type = "macvtap"; macvtap = { link = "b"; mode = null; }; }\n]\n';
    await client.open(uri, text);
    await client.forVersion(uri, 1);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Fix all MicroVM Lint problems', 'source.fixAll.microvm-lint']]);
    assert.equal(
      applyLspEdits(text, editsOf(actions[0], uri)),
      '[\n  { type = "macvtap"; macvtap.link = "a"; macvtap.mode = "vepa"; }\n  { type = "macvtap"; macvtap = { link = "b"; mode = "vepa"; }; }\n]\n',
    );
  });

  it('stays up on broken, huge and deeply nested input', async () => {
    const uri = 'file:///ws/broken.nix';
    const deep = '['.repeat(5000) + ']'.repeat(4999);
    await client.open(uri, `{ a = ; b = "unterminated\n${deep}\n\u0000\uFFFD\uD800 type = "macvtap"; }`);
    await client.forVersion(uri, 1);
    await client.change(uri, 2, [{ text: GUEST.replace('{\n', '{ let = in ;\n') }]);
    const diagnostics = await client.forVersion(uri, 2);
    assert.deepEqual(diagnostics.map((d: Diagnostic) => d.code), ['macvtap-mode-missing'], 'the interface is still found next to a syntax error');
    assert.ok(client.alive);
  });
});

describe('settings from workspace/configuration', () => {
  it('uses the preferred mode and per-rule levels, and re-reads them on change', async (t) => {
    const { client } = await LspClient.start({ settings: { macvtap: { preferredMode: 'bridge' }, rules: { 'macvtap-mode-missing': 'warning' } } });
    t.after(() => client.kill());
    const uri = 'file:///ws/settings.nix';
    await client.open(uri, GUEST);
    const [d] = await client.forVersion(uri, 1);
    assert.equal(d.severity, 2, 'warning as configured');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    assert.deepEqual(actions.filter((a) => a.isPreferred).map((a) => a.title), ['Set macvtap.mode = "bridge"']);
    assert.deepEqual(client.configurationRequests.at(-1), { items: [{ scopeUri: uri, section: 'microvmLint' }] });

    client.settings = { rules: { 'macvtap-mode-missing': 'off' } };
    const since = client.published.length;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const after = await client.diagnostics(uri, () => true, since);
    assert.deepEqual(after.diagnostics, []);

    client.settings = { enable: 'yes', rules: { 'no-such-rule': 'off' } };
    const since2 = client.published.length;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const back = await client.diagnostics(uri, () => true, since2);
    assert.deepEqual(back.diagnostics.map((x) => [x.code, x.severity]), [['macvtap-mode-missing', 1]], 'bad values are dropped alone');
    assert.equal(await client.stop(), 0);
  });
});

describe('microvm-lint.json', () => {
  it('reads the nearest file from the disk, lets editor settings win, and re-reads it when the client reports a change', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'microvm-lint-config-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, 'hosts'));
    const config = join(dir, 'microvm-lint.json');
    writeFileSync(config, JSON.stringify({ rules: { 'mac-not-local': 'error', 'interface-mac-missing': 'off' }, preferredMode: 'private' }));
    const { client } = await LspClient.start({ settings: { rules: { 'macvtap-mode-missing': 'warning' } } });
    t.after(() => client.kill());
    const uri = pathToFileURL(join(dir, 'hosts', 'vm.nix')).href;
    const text = '{ microvm.interfaces = [ { type = "macvtap"; id = "vm-a"; macvtap.link = "eth0"; } { type = "tap"; id = "vm-b"; mac = "00:16:3e:00:00:01"; } ]; }\n';
    await client.open(uri, text);
    const ds = await client.forVersion(uri, 1);
    // The file: mac-not-local raised to error, interface-mac-missing off; the editor setting: mode-missing a warning.
    assert.deepEqual(ds.map((d) => [d.code, d.severity]), [['macvtap-mode-missing', 2], ['mac-not-local', 1]]);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: ds[0].range, context: { diagnostics: [ds[0]] } });
    assert.deepEqual(actions.filter((a) => a.isPreferred).map((a) => a.title), ['Set macvtap.mode = "private"'], "the file's preferred mode");

    writeFileSync(config, JSON.stringify({ rules: { 'mac-not-local': 'off' } }));
    const since = client.published.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(config).href, type: 2 }] });
    const after = await client.diagnostics(uri, () => true, since);
    assert.deepEqual(after.diagnostics.map((d) => [d.code, d.severity]), [['interface-mac-missing', 1], ['macvtap-mode-missing', 2]]);
    assert.equal(await client.stop(), 0);
  });
});

describe('pull diagnostics', () => {
  it('answers textDocument/diagnostic when the client supports it, and does not push', async (t) => {
    const { client, init } = await LspClient.start({
      capabilities: { workspace: { configuration: true }, textDocument: { diagnostic: { dynamicRegistration: false } } },
    });
    t.after(() => client.kill());
    assert.deepEqual(init.capabilities.diagnosticProvider, { interFileDependencies: true, workspaceDiagnostics: false });
    const uri = 'file:///ws/pull.nix';
    await client.open(uri, GUEST);
    const report = await client.request<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(report.kind, 'full');
    assert.deepEqual(report.items.map((d) => [d.code, d.range]), [['macvtap-mode-missing', TYPE_RANGE]]);
    assert.equal(await client.stop(), 0);
    assert.deepEqual(client.published, []);
  });
});
