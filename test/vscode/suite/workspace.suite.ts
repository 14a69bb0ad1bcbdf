/**
 * The workspace index as a user sees it: findings of files never opened in
 * the Problems panel (getDiagnostics), a duplicate across files with its
 * related location, a new file picked up by the watcher, and symbol search.
 * Runs in the desktop host (code-server) and in the web worker host, where
 * the client lists and reads the files for the server.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsFor, EXTENSION_ID, lineOf, ours, workspaceFile } from './support';

const isOpen = (uri: vscode.Uri) => vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());

describe('MicroVM Lint workspace index', () => {
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  });

  it('lists a duplicated MAC in two files never opened, each pointing at the other', async () => {
    const copy = workspaceFile('linked/router-copy.nix');
    const router = workspaceFile('linked/router.nix');
    const [d] = ours(await diagnosticsFor(copy, (ds) => ours(ds).some((x) => codeOf(x) === 'mac-duplicate')));
    assert.ok(!isOpen(copy) && !isOpen(router), 'neither file was opened');
    assert.equal(codeOf(d), 'mac-duplicate');
    assert.equal(d.range.start.line, await lineOf(copy, 'mac = "02:00:00:00:02:01"'));
    assert.match(d.message, /^MAC 02:00:00:00:02:01 is also declared on interface "vm-router" of VM "router" in router\.nix\./);
    assert.equal(d.relatedInformation?.length, 1);
    assert.equal(d.relatedInformation![0].location.uri.toString(), router.toString());
    assert.equal(d.relatedInformation![0].location.range.start.line, await lineOf(router, 'mac = "02:00:00:00:02:01"'));
    const other = ours(await diagnosticsFor(router, (ds) => ours(ds).some((x) => codeOf(x) === 'mac-duplicate')));
    assert.ok(other.find((x) => codeOf(x) === 'mac-duplicate')!.relatedInformation!.some((r) => r.location.uri.toString() === copy.toString()));
  });

  it('counts a guest file imported by a host as that host\'s VM (an id taken twice on the host)', async () => {
    const host = workspaceFile('linked/host.nix');
    const ds = ours(await diagnosticsFor(host, (x) => ours(x).some((d) => codeOf(d) === 'interface-id-duplicate')));
    const d = ds.find((x) => codeOf(x) === 'interface-id-duplicate')!;
    assert.match(d.message, /^Interface id "vm-router" is also the id of a tap or macvtap interface of VM "router" on this host/);
    assert.equal(d.relatedInformation?.[0].location.uri.toString(), workspaceFile('linked/router.nix').toString());
  });

  it('leaves out files the nearest microvm-lint.json ignores (examples/linked ignores vendor/)', async () => {
    const router = workspaceFile('linked/router.nix');
    const vendored = workspaceFile('linked/vendor/upstream-router.nix');
    // The duplicate comes from the link after the whole listing was read: the vendored copy (the same MAC) would be in it by then.
    const ds = ours(await diagnosticsFor(router, (x) => ours(x).some((d) => codeOf(d) === 'mac-duplicate')));
    const d = ds.find((x) => codeOf(x) === 'mac-duplicate')!;
    assert.deepEqual(d.relatedInformation?.map((r) => r.location.uri.path.split('/').pop()), ['router-copy.nix']);
    assert.deepEqual(ours(vscode.languages.getDiagnostics(vendored)), []);
    const found = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'vm-upstream');
    assert.deepEqual(found.filter((s) => s.name === 'vm-upstream'), []);
  });

  it('picks up a new file through the file watcher', async () => {
    const added = workspaceFile('linked/added.nix');
    await vscode.workspace.fs.writeFile(added, new TextEncoder().encode('{ microvm.interfaces = [ { type = "macvtap"; id = "vm-new"; mac = "02:00:00:00:02:09"; macvtap.link = "eth0"; } ]; }\n'));
    try {
      const [d] = ours(await diagnosticsFor(added, (ds) => ours(ds).length > 0));
      assert.equal(codeOf(d), 'macvtap-mode-missing');
    } finally {
      await vscode.workspace.fs.delete(added);
    }
    await diagnosticsFor(added, (ds) => ours(ds).length === 0);
  });

  it('finds interface ids and MACs anywhere in the workspace', async () => {
    const found = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'vm-router');
    const ids = found.filter((s) => s.name === 'vm-router').map((s) => s.location.uri.path.split('/').slice(-2).join('/')).sort();
    assert.deepEqual(ids, ['linked/host.nix', 'linked/router.nix']);
    const byMac = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', '02:00:00:00:02:01');
    assert.deepEqual(byMac.map((s) => s.location.uri.path.split('/').pop()).sort(), ['router-copy.nix', 'router.nix']);
  });
});
