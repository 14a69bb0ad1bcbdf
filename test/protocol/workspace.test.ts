/**
 * The workspace index over a real stdio session on a folder on disk:
 * findings in files never opened, duplicates across files kept up to date
 * through edits, saves, creates and deletes, host/guest links by literal
 * imports, and the outline and symbol search.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, DocumentSymbol, PublishDiagnosticsParams, WorkspaceSymbol } from 'vscode-languageserver-protocol';
import { LspClient, until } from '../support/lspClient';

const guest = (mac: string, id = 'vm-a') => `{
  microvm.interfaces = [ {
    type = "tap";
    id = "${id}";
    mac = "${mac}";
  } ];
}
`;

function workspace(files: Record<string, string>): { dir: string; uri: (name: string) => string; write: (name: string, text: string) => void } {
  const dir = mkdtempSync(join(tmpdir(), 'microvm-lint-ws-'));
  const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
  for (const [name, text] of Object.entries(files)) write(name, text);
  return { dir, uri: (name) => pathToFileURL(join(dir, name)).href, write };
}

const codes = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => d.code).sort();
const has = (code: string) => (p: PublishDiagnosticsParams) => p.diagnostics.some((d) => d.code === code);
const lacks = (code: string) => (p: PublishDiagnosticsParams) => !p.diagnostics.some((d) => d.code === code);
const find = (p: PublishDiagnosticsParams, code: string): Diagnostic => p.diagnostics.find((d) => d.code === code)!;

describe('workspace index (stdio, folder on disk)', () => {
  let client: LspClient;
  const ws = workspace({
    'a.nix': guest('02:00:00:00:00:01', 'vm-a'),
    'b.nix': guest('02:00:00:00:00:01', 'vm-b'),
    'modes.nix': '{ microvm.interfaces = [ { type = "macvtap"; id = "vm-c"; mac = "02:00:00:00:00:03"; macvtap.link = "eth0"; } ]; }\n',
    'home.nix': '{ programs.git.enable = true; }\n',
    'microvm-lint.json': '{ "ignore": ["generated/"] }\n',
  });
  const progress: string[] = [];

  before(async () => {
    ({ client } = await LspClient.start({
      workspaceFolders: [pathToFileURL(ws.dir).href],
      capabilities: {
        window: { workDoneProgress: true },
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: false } },
        textDocument: { publishDiagnostics: { versionSupport: true, relatedInformation: true } },
      },
    }));
    progress.push(...client.progress);
  });
  after(() => {
    client.kill();
    rmSync(ws.dir, { recursive: true, force: true });
  });

  it('publishes findings of files never opened, and shows indexing progress', async () => {
    const modes = await client.diagnostics(ws.uri('modes.nix'), has('macvtap-mode-missing'));
    assert.deepEqual(codes(modes), ['macvtap-mode-missing']);
    assert.equal(modes.version, undefined, 'a file that is not open has no version');
    assert.ok(!client.published.some((p) => p.uri === ws.uri('home.nix') && p.diagnostics.length > 0), 'nothing for a file without interfaces');
    await until(() => client.progress.includes('end'));
    assert.equal(client.progress[0], 'begin');
  });

  it('marks a MAC duplicated across two files in both, each pointing at the other', async () => {
    const a = await client.diagnostics(ws.uri('a.nix'), has('mac-duplicate'));
    const b = await client.diagnostics(ws.uri('b.nix'), has('mac-duplicate'));
    const da = find(a, 'mac-duplicate');
    assert.equal(da.message.startsWith('MAC 02:00:00:00:00:01 is also declared on interface "vm-b" in b.nix.'), true, da.message);
    assert.deepEqual(da.range, { start: { line: 4, character: 10 }, end: { line: 4, character: 29 } });
    assert.deepEqual(da.relatedInformation, [
      { location: { uri: ws.uri('b.nix'), range: { start: { line: 4, character: 10 }, end: { line: 4, character: 29 } } }, message: 'also used by interface "vm-b" in b.nix' },
    ]);
    assert.equal(find(b, 'mac-duplicate').relatedInformation?.[0].location.uri, ws.uri('a.nix'));
  });

  it('an edit of the open file A updates the duplicate in B, which is not open', async () => {
    const since = client.published.length;
    await client.open(ws.uri('a.nix'), guest('02:00:00:00:00:01', 'vm-a'));
    assert.deepEqual(codes({ uri: ws.uri('a.nix'), diagnostics: await client.forVersion(ws.uri('a.nix'), 1) }), ['mac-duplicate']);
    await client.change(ws.uri('a.nix'), 2, [{ range: { start: { line: 4, character: 27 }, end: { line: 4, character: 28 } }, text: '9' }]);
    const b = await client.diagnostics(ws.uri('b.nix'), lacks('mac-duplicate'), since);
    assert.deepEqual(codes(b), []);
    // And back: the duplicate returns in B, and in A (pushed for its open version).
    await client.change(ws.uri('a.nix'), 3, [{ range: { start: { line: 4, character: 27 }, end: { line: 4, character: 28 } }, text: '1' }]);
    await client.diagnostics(ws.uri('b.nix'), has('mac-duplicate'), client.published.length);
    await client.diagnostics(ws.uri('a.nix'), (p) => p.version === 3 && has('mac-duplicate')(p));
  });

  it('closing A goes back to the disk; deleting A (watcher) clears the duplicate in B', async () => {
    const since = client.published.length;
    ws.write('a.nix', guest('02:00:00:00:00:01', 'vm-a')); // as on disk
    await client.close(ws.uri('a.nix'));
    await client.diagnostics(ws.uri('a.nix'), (p) => p.version === undefined && has('mac-duplicate')(p), since);
    unlinkSync(join(ws.dir, 'a.nix'));
    const mark = client.published.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('a.nix'), type: 3 }] });
    assert.deepEqual(codes(await client.diagnostics(ws.uri('b.nix'), lacks('mac-duplicate'), mark)), []);
    assert.deepEqual((await client.diagnostics(ws.uri('a.nix'), () => true, mark)).diagnostics, []);
  });

  it('a created file (watcher) is indexed and joins the duplicates', async () => {
    const mark = client.published.length;
    ws.write('c.nix', guest('02:00:00:00:00:01', 'vm-c2'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('c.nix'), type: 1 }] });
    await client.diagnostics(ws.uri('c.nix'), has('mac-duplicate'), mark);
    await client.diagnostics(ws.uri('b.nix'), has('mac-duplicate'), mark);
  });

  it('leaves out files the watcher reports in node_modules or in folders the configuration ignores', async () => {
    const mark = client.published.length;
    for (const d of ['node_modules/pkg', 'generated']) mkdirSync(join(ws.dir, d), { recursive: true });
    ws.write('node_modules/pkg/d.nix', guest('02:00:00:00:00:01', 'vm-d'));
    ws.write('generated/e.nix', guest('02:00:00:00:00:01', 'vm-e'));
    ws.write('f.nix', guest('02-00-00-00-00-06', 'vm-f'));
    const created = ['node_modules/pkg/d.nix', 'generated/e.nix', 'f.nix'].map((f) => ({ uri: ws.uri(f), type: 1 }));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: created });
    // The three are read in one pass before anything is published: once f.nix's findings are out, the index has settled.
    await client.diagnostics(ws.uri('f.nix'), has('mac-invalid'), mark);
    for (const id of ['vm-d', 'vm-e']) assert.deepEqual(await client.request<WorkspaceSymbol[]>('workspace/symbol', { query: id }), [], `${id} is not indexed`);
    assert.deepEqual(await client.request<WorkspaceSymbol[]>('workspace/symbol', { query: 'vm-f' }).then((r) => r.length > 0), true);
    const excluded = [ws.uri('node_modules/pkg/d.nix'), ws.uri('generated/e.nix')];
    assert.deepEqual(client.published.slice(mark).filter((p) => excluded.includes(p.uri)), []);
  });

  it('finds VMs, interface ids and MACs anywhere in the workspace', async () => {
    const byId = await client.request<WorkspaceSymbol[]>('workspace/symbol', { query: 'vm-c' });
    assert.deepEqual(byId.map((s) => [s.name, (s.location as { uri: string }).uri]).sort(), [
      ['vm-c', ws.uri('modes.nix')],
      ['vm-c2', ws.uri('c.nix')],
    ]);
    const byMac = await client.request<WorkspaceSymbol[]>('workspace/symbol', { query: '00:00:03' });
    assert.deepEqual(byMac.map((s) => s.name), ['02:00:00:00:00:03']);
  });
});

describe('host and guest files linked by literal imports', () => {
  let client: LspClient;
  const ws = workspace({
    'host.nix': `{
  microvm.vms.a.config = { imports = [ ./a.nix ]; microvm.hypervisor = "firecracker"; };
  microvm.vms.b.config = {
    imports = [ ./b-more.nix ];
    microvm.interfaces = [ { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:0b"; } ];
  };
  microvm.vms.c.config.microvm.interfaces = import ./ifaces.nix;
}
`,
    'a.nix': `{
  microvm.interfaces = [
    { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:0a"; }
    { type = "bridge"; id = "vm-a2"; bridge = "br0"; mac = "02:00:00:00:00:1a"; }
  ];
}
`,
    // A comment before the list: the file's value is still the list.
    'ifaces.nix': `# VM c's interfaces\n[ { type = "tap"; id = "vm-c"; } ]\n`,
    // One guest written twice (before and after a change): same id and MAC, not a duplicate.
    'before.nix': '{ microvm.interfaces = [ { type = "macvtap"; id = "vm-w"; mac = "02:00:00:00:00:77"; macvtap.link = "eth0"; } ]; }\n',
    'after.nix': '{ microvm.interfaces = [ { type = "macvtap"; id = "vm-w"; mac = "02:00:00:00:00:77"; macvtap = { link = "eth0"; }; } ]; }\n',
    // Two example programs, one copied from the other: the same id expression and MAC (microvm.nix's own examples do this).
    'example-1.nix': 'tapInterface: { microvm.interfaces = [ { type = "macvtap"; id = tapInterface; mac = "02:00:00:00:00:88"; macvtap.link = "eth0"; } ]; }\n',
    'example-2.nix': 'tapInterface: {\n  microvm.interfaces = [ { type = "macvtap"; id = tapInterface; mac = "02:00:00:00:00:88"; macvtap.link = "eth1"; } ];\n}\n',
    // A guest whose network module (which names no interface) changes the MAC inside the VM.
    'g.nix': '{ imports = [ ./g-net.nix ]; microvm.interfaces = [ { type = "tap"; id = "vm-g"; mac = "02:00:00:00:00:0c"; } ]; }\n',
    'g-net.nix': '{\n  systemd.network.links."10-eth".linkConfig.MACAddress = "02:00:00:00:00:0d";\n}\n',
  });

  before(async () => {
    ({ client } = await LspClient.start({ workspaceFolders: [pathToFileURL(ws.dir).href] }));
  });
  after(() => {
    client.kill();
    rmSync(ws.dir, { recursive: true, force: true });
  });

  it('counts the guest file\'s interfaces as the host\'s VM "a": a tap id shared with VM "b" is marked in both files', async () => {
    const a = await client.diagnostics(ws.uri('a.nix'), has('interface-id-duplicate'));
    const dup = find(a, 'interface-id-duplicate');
    assert.match(dup.message, /^Interface id "vm-a" is also the id of a tap or macvtap interface of VM "b" on this host/);
    assert.equal(dup.relatedInformation?.[0].location.uri, ws.uri('host.nix'));
    const host = await client.diagnostics(ws.uri('host.nix'), has('interface-id-duplicate'));
    assert.match(find(host, 'interface-id-duplicate').message, /of VM "a" on this host/);
  });

  it('takes the hypervisor the host sets for the guest file', async () => {
    const a = await client.diagnostics(ws.uri('a.nix'), has('interface-type-unsupported'));
    assert.match(find(a, 'interface-type-unsupported').message, /^VM "a" runs firecracker, which runs only tap interfaces, not "bridge"/);
  });

  it('checks a file imported as microvm.interfaces as that list', async () => {
    const ifaces = await client.diagnostics(ws.uri('ifaces.nix'), has('interface-mac-missing'));
    assert.deepEqual(codes(ifaces), ['interface-mac-missing']);
  });

  it('takes the same id (literal or expression) and MAC in two files for one interface written twice, not a duplicate', async () => {
    for (const name of ['before.nix', 'after.nix', 'example-1.nix', 'example-2.nix']) {
      assert.deepEqual(codes(await client.diagnostics(ws.uri(name), has('macvtap-mode-missing'))), ['macvtap-mode-missing'], name);
    }
  });

  it('lists each VM once in symbol search, at its name, and no symbol for a computed id', async () => {
    await client.diagnostics(ws.uri('a.nix'), has('interface-id-duplicate')); // the links are made
    const all = await client.request<WorkspaceSymbol[]>('workspace/symbol', { query: '' });
    const vms = all.filter((s) => s.containerName === 'MicroVM').map((s) => [s.name, (s.location as { uri: string }).uri, JSON.stringify((s.location as { range: unknown }).range)]);
    // VM "b" (its interfaces in host.nix) once, over its binding, though its config also imports a module; "a" and "c" declare theirs in other files.
    assert.deepEqual(vms, [['b', ws.uri('host.nix'), JSON.stringify({ start: { line: 2, character: 2 }, end: { line: 5, character: 4 } })]]);
    assert.ok(all.every((s) => typeof s.name === 'string' && s.name !== ''), JSON.stringify(all.map((s) => s.name)));
    assert.ok(!all.some((s) => s.name.includes('tapInterface')), 'example-1.nix\'s id is an expression');
  });

  it('names a guest file\'s VM in symbol search by the name its host gives it', async () => {
    await client.diagnostics(ws.uri('a.nix'), has('interface-id-duplicate')); // the links are made
    const found = await client.request<WorkspaceSymbol[]>('workspace/symbol', { query: 'vm-a' });
    const byFile = found.filter((s) => s.name === 'vm-a').map((s) => [(s.location as { uri: string }).uri.split('/').pop(), s.containerName]);
    assert.deepEqual(byFile.sort(), [['a.nix', 'VM a'], ['host.nix', 'VM b']]);
  });

  it('marks a MAC set inside the guest by a module of the VM, pointing at the interfaces in the other file', async () => {
    const net = await client.diagnostics(ws.uri('g-net.nix'), has('guest-mac-override'));
    assert.deepEqual(codes(net), ['guest-mac-override']);
    const d = find(net, 'guest-mac-override');
    assert.deepEqual(d.range, { start: { line: 1, character: 2 }, end: { line: 1, character: 77 } });
    assert.deepEqual(d.relatedInformation, [
      { location: { uri: ws.uri('g.nix'), range: { start: { line: 0, character: 52 }, end: { line: 0, character: 109 } } }, message: "the VM's interfaces are declared in g.nix" },
    ]);
  });

  it('outlines an open file: each VM with its interfaces (id, type, MAC)', async () => {
    await client.open(ws.uri('host.nix'), require('node:fs').readFileSync(join(ws.dir, 'host.nix'), 'utf8'));
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: ws.uri('host.nix') } });
    assert.deepEqual(
      symbols.map((s) => [s.name, s.detail, (s.children ?? []).map((c) => `${c.name} ${c.detail}`)]),
      [['VM b', '1 interface', ['vm-a tap · 02:00:00:00:00:0b']]],
    );
  });
});
