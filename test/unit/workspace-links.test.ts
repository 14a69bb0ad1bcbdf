/**
 * How files are tied together by literal imports (workspace/links.ts), on
 * summaries of real parses: who a guest file's config is, which hypervisor
 * it inherits, and where a link is not sure enough to make.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { NixParser } from '../../server/src/parse/nixParser';
import { DEFAULT_OPTIONS } from '../../server/src/rules/options';
import { factsOf } from '../../server/src/workspace/fileFacts';
import { importTarget, WorkspaceLinks } from '../../server/src/workspace/links';
import type { FileSummary } from '../../server/src/workspace/summary';
import { loadParser } from '../support/parser';

const ROOT = 'file:///ws/';
const GUEST = '{ microvm.interfaces = [ { type = "tap"; id = "vm-g"; mac = "02:00:00:00:00:01"; } ]; }';

describe('workspace links', () => {
  let parser: NixParser;
  before(async () => {
    parser = await loadParser();
  });

  function links(files: Record<string, string>): WorkspaceLinks {
    const summaries = new Map<string, FileSummary>();
    for (const [name, text] of Object.entries(files)) summaries.set(ROOT + name, factsOf(parser, text, {}, DEFAULT_OPTIONS).summary);
    return new WorkspaceLinks(summaries);
  }

  it('makes a file imported as a VM config that VM of the host, with the hypervisor the host sets', () => {
    const l = links({
      'host.nix': '{ microvm.vms.g.config = { imports = [ ./vms/g ]; microvm.hypervisor = "crosvm"; }; }',
      'vms/g/default.nix': GUEST,
    });
    const owner = l.contextFor(ROOT + 'vms/g/default.nix').owners.file;
    assert.equal(owner.vm, `${ROOT}host.nix#vm:file/g`);
    assert.equal(owner.host, `${ROOT}host.nix#file`);
    assert.equal(owner.name, 'g');
    assert.equal(owner.hypervisor, 'crosvm');
    assert.deepEqual(owner.via, { uri: `${ROOT}host.nix`, range: { start: { line: 0, character: 39 }, end: { line: 0, character: 46 } } });
  });

  it('follows a chain of imports: host -> guest module -> its network module', () => {
    const l = links({
      'host.nix': '{ microvm.vms.g.config = import ./g.nix; }',
      'g.nix': '{ imports = [ ./net.nix ]; microvm.hypervisor = "qemu"; }',
      'net.nix': GUEST,
    });
    assert.equal(l.contextFor(ROOT + 'net.nix').owners.file.vm, `${ROOT}host.nix#vm:file/g`);
  });

  it('tells a file that changes a MAC inside the guest where its VM declares its interfaces, both ways of importing, and only when sure', () => {
    const setter = '{ networking.interfaces.eth0.macAddress = "02:00:00:00:00:09"; }';
    // The guest's own module imports the file that sets the MAC.
    const l = links({ 'guest.nix': `{ imports = [ ./net.nix ]; ${GUEST.slice(1)}`, 'net.nix': setter, 'loose.nix': setter });
    const declared = l.contextFor(ROOT + 'net.nix').declaredElsewhere;
    assert.deepEqual(Object.keys(declared), ['file']);
    assert.equal(declared.file.uri, ROOT + 'guest.nix');
    assert.deepEqual(declared.file.range, { start: { line: 0, character: 51 }, end: { line: 0, character: 108 } });
    assert.deepEqual(l.contextFor(ROOT + 'loose.nix').declaredElsewhere, {}, 'a file nobody imports is nobody\'s VM');
    assert.deepEqual(l.contextFor(ROOT + 'guest.nix').declaredElsewhere, {}, 'the interfaces\' own file');
    // A host sets the MAC in the config of the VM whose file it imports.
    const h = links({ 'host.nix': `{ microvm.vms.g.config = { imports = [ ./g.nix ]; ${setter.slice(1, -1)}; }; ${setter.slice(1, -1)}; }`, 'g.nix': GUEST });
    const keys = Object.keys(h.contextFor(ROOT + 'host.nix').declaredElsewhere);
    assert.deepEqual(keys, ['vm:file/g'], 'the VM\'s setting, not the host\'s own');
    // A module shared by two configs: which VM it belongs to is not sure.
    const shared = links({ 'a.nix': `{ imports = [ ./net.nix ]; ${GUEST.slice(1)}`, 'b.nix': '{ imports = [ ./net.nix ]; microvm.hypervisor = "qemu"; }', 'net.nix': setter });
    assert.deepEqual(shared.contextFor(ROOT + 'net.nix').declaredElsewhere, {});
  });

  it('keeps a module imported by two configs its own (which VM it is, is not sure)', () => {
    const l = links({
      'host.nix': '{ microvm.vms.a.config = import ./common.nix; microvm.vms.b.config = import ./common.nix; }',
      'common.nix': GUEST,
    });
    const owner = l.contextFor(ROOT + 'common.nix').owners.file;
    assert.equal(owner.vm, `${ROOT}common.nix#file`);
    assert.equal(owner.via, undefined);
  });

  it('ignores paths that are not imports: strings, comments, paths to missing files', () => {
    const l = links({
      'host.nix': '{ microvm.vms.a.config = { x = "./g.nix"; /* ./g.nix */ imports = [ ./missing.nix ]; }; }',
      'g.nix': GUEST,
    });
    assert.equal(l.contextFor(ROOT + 'g.nix').owners.file.via, undefined);
  });

  it('gives a file imported as microvm.interfaces the role of that list', () => {
    const l = links({ 'host.nix': '{ microvm.vms.a.config.microvm.interfaces = import ./ifaces.nix; }', 'ifaces.nix': '[ { type = "tap"; id = "x"; } ]' });
    assert.deepEqual(l.roleOf(ROOT + 'ifaces.nix'), { rootInterfaces: true });
    assert.deepEqual(l.roleOf(ROOT + 'host.nix'), {});
  });

  it('shares MACs with other files only, and ids only within one VM or host devices of one host', () => {
    const l = links({
      'host.nix': '{ microvm.vms.a.config = import ./a.nix; microvm.vms.b.config.microvm.interfaces = [ { type = "tap"; id = "vm-g"; mac = "02:00:00:00:00:09"; } ]; }',
      'a.nix': GUEST,
      'other-host.nix':
        '{ microvm.vms.c.config.microvm.interfaces = [ { type = "tap"; id = "vm-g"; mac = "02:00:00:00:00:0c"; } { type = "tap"; id = "vm-x"; mac = "02:00:00:00:00:01"; } ]; }',
      // The same id and MAC as a.nix's: that interface written twice, no context.
      'a-copy.nix': GUEST,
    });
    const c = l.contextFor(ROOT + 'a.nix');
    assert.deepEqual([...c.macs.keys()], ['02:00:00:00:00:01']);
    assert.deepEqual(c.macs.get('02:00:00:00:00:01')!.map((e) => e.uri), [`${ROOT}other-host.nix`]);
    // vm-g of VM "b" on the same host clashes; vm-g of VM "c" on another host does not.
    assert.deepEqual(c.peers.map((p) => [p.uri, p.owner.name]), [[`${ROOT}host.nix`, 'b']]);
  });

  it('finds the file or folder an import names, and none from a URI with no folder to resolve against', () => {
    const files = new Set([`${ROOT}a.nix`, `${ROOT}vms/g/default.nix`]);
    const exists = (uri: string) => files.has(uri);
    assert.equal(importTarget(`${ROOT}host.nix`, './a.nix', exists), `${ROOT}a.nix`);
    assert.equal(importTarget(`${ROOT}host.nix`, './vms/g', exists), `${ROOT}vms/g/default.nix`);
    assert.equal(importTarget(`${ROOT}host.nix`, './b.nix', exists), undefined);
    assert.equal(importTarget('untitled:Untitled-1', './a.nix', (uri) => typeof uri === 'string'), undefined);
  });
});
