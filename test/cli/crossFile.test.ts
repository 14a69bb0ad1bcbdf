/**
 * `check` across files: a MAC shared by two files and a host that imports
 * its VM's file are found as in the editor, in every output format, with
 * `--cache` (recomputed from the cached summaries) and whatever `--jobs`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

const CLI = join(__dirname, '..', '..', 'cli.js');
const guest = (id: string, mac: string) => `{\n  microvm.interfaces = [ {\n    type = "tap";\n    id = "${id}";\n    mac = "${mac}";\n  } ];\n}\n`;

describe('microvm-lint check across files', () => {
  let dir: string;
  const run = (...args: string[]) => spawnSync(process.execPath, [CLI, 'check', ...args], { cwd: dir, encoding: 'utf8' });

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'microvm-lint-cross-'));
    writeFileSync(join(dir, 'a.nix'), guest('vm-a', '02:00:00:00:00:01'));
    writeFileSync(join(dir, 'b.nix'), guest('vm-b', '02:00:00:00:00:01'));
    // Mentions no interfaces itself: kept for its import of ./c.nix as VM "c" of this host.
    writeFileSync(join(dir, 'host.nix'), '{ microvm.vms.c.config = { imports = [ ./c.nix ]; microvm.hypervisor = "firecracker"; }; }\n');
    writeFileSync(join(dir, 'c.nix'), '{ microvm.interfaces = [ { type = "macvtap"; id = "vm-c"; mac = "02:00:00:00:00:03"; macvtap = { link = "eth0"; mode = "vepa"; }; } ]; }\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a MAC shared by two files in both, and the hypervisor a host sets for its VM\'s file', () => {
    const r = run('.');
    assert.equal(r.status, 1, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.deepEqual(lines.map((l) => l.replace(/\] .*/, ']')), [
      'a.nix:5:11: error [mac-duplicate]',
      'b.nix:5:11: error [mac-duplicate]',
      'c.nix:1:35: error [interface-type-unsupported]',
      '3 problems in 3 files (4 checked).',
    ]);
    assert.match(lines[0], /is also declared on interface "vm-b" in b\.nix\./);
    assert.match(lines[2], /^c\.nix:1:35: error \[interface-type-unsupported\] VM "c" runs firecracker, which runs only tap interfaces, not "macvtap"/);
  });

  it('points at the other file in JSON and SARIF', () => {
    const json = JSON.parse(run('--format', 'json', '.').stdout) as { findings: { file: string; related?: { file: string; range: unknown; message: string }[] }[] };
    assert.deepEqual(json.findings[0].related, [
      { file: 'b.nix', range: { start: { line: 4, character: 10 }, end: { line: 4, character: 29 } }, message: 'also used by interface "vm-b" in b.nix' },
    ]);
    const sarif = JSON.parse(run('--format', 'sarif', '.').stdout) as { runs: { results: { relatedLocations?: { physicalLocation: unknown }[] }[] }[] };
    assert.deepEqual(sarif.runs[0].results[0].relatedLocations?.[0].physicalLocation, {
      artifactLocation: { uri: 'b.nix', uriBaseId: '%SRCROOT%' },
      region: { startLine: 5, startColumn: 11, endLine: 5, endColumn: 30 },
    });
  });

  it('gives the same cross-file findings from the cache, and updates them when one file changes', () => {
    const fresh = run('--format', 'json', '.').stdout;
    run('--cache', '--format', 'json', '.');
    assert.equal(run('--cache', '--format', 'json', '.').stdout, fresh);
    assert.equal(run('--jobs', '2', '--format', 'json', '.').stdout, fresh);
    writeFileSync(join(dir, 'b.nix'), guest('vm-b', '02:00:00:00:00:02'));
    const after = JSON.parse(run('--cache', '--format', 'json', '.').stdout) as { findings: { file: string; code: string }[] };
    assert.deepEqual(after.findings.map((f) => `${f.file} ${f.code}`), ['c.nix interface-type-unsupported']);
  });

  it('checks a list imported as microvm.interfaces that names no keyword of the pre-filter, in walk order, with and without --cache', () => {
    const lists = mkdtempSync(join(tmpdir(), 'microvm-lint-lists-'));
    try {
      // net/ifaces.nix mentions neither "interfaces", "macvtap" nor "microvm": only its importer says what it is.
      writeFileSync(join(lists, 'guest.nix'), '{ microvm.interfaces = import ./net/ifaces.nix; microvm.hypervisor = "firecracker"; }\n');
      mkdirSync(join(lists, 'net'));
      writeFileSync(join(lists, 'net', 'ifaces.nix'), '[ { type = "tap"; id = "vm-a"; mac = "02-00-00-00-00-01"; } { type = "bridge"; id = "vm-a2"; bridge = "br0"; } ]\n');
      writeFileSync(join(lists, 'z.nix'), guest('vm-z', '02-00-00-00-00-09'));
      const inLists = (...args: string[]) => spawnSync(process.execPath, [CLI, 'check', ...args, '.'], { cwd: lists, encoding: 'utf8' });
      const expected = [
        'net/ifaces.nix:1:38: error [mac-invalid]',
        'net/ifaces.nix:1:63: error [interface-mac-missing]',
        'net/ifaces.nix:1:70: error [interface-type-unsupported]',
        'z.nix:5:11: error [mac-invalid]',
        '4 problems in 2 files (3 checked).',
      ];
      for (const args of [[], ['--cache'], ['--cache'], ['--jobs', '2']]) {
        const r = inLists(...args);
        assert.deepEqual(r.stdout.trim().split('\n').map((l) => l.replace(/\] .*/, ']')), expected, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      }
      // A list that mentions microvm (a comment) is a candidate of its own; with no interfaces anywhere else, still checked as the list.
      const alone = mkdtempSync(join(tmpdir(), 'microvm-lint-list-alone-'));
      try {
        writeFileSync(join(alone, 'guest.nix'), '{ microvm.interfaces = import ./ifaces.nix; }\n');
        writeFileSync(join(alone, 'ifaces.nix'), '# microvm interfaces of the guest\n[ { type = "tap"; id = "vm-l"; mac = "02-00-00-00-00-05"; } ]\n');
        const r = spawnSync(process.execPath, [CLI, 'check', '.'], { cwd: alone, encoding: 'utf8' });
        assert.deepEqual(r.stdout.trim().split('\n').map((l) => l.replace(/\] .*/, ']')), ['ifaces.nix:2:38: error [mac-invalid]', '1 problem in 1 file (2 checked).']);
      } finally {
        rmSync(alone, { recursive: true, force: true });
      }
      // The importer's hypervisor applies: the list is that VM's.
      assert.match(inLists().stdout, /net\/ifaces\.nix:1:70: error \[interface-type-unsupported\] This VM runs firecracker, which runs only tap interfaces, not "bridge"/);
    } finally {
      rmSync(lists, { recursive: true, force: true });
    }
  });

  it('reports a MAC set inside the guest in a module of a VM whose interfaces are in another file, pointing at them', () => {
    const split = mkdtempSync(join(tmpdir(), 'microvm-lint-split-'));
    try {
      writeFileSync(join(split, 'guest.nix'), '{\n  imports = [ ./net.nix ];\n  microvm.interfaces = [ { type = "tap"; id = "vm-g"; mac = "02:00:00:00:00:07"; } ];\n}\n');
      writeFileSync(join(split, 'net.nix'), '{\n  networking.interfaces.eth0.macAddress = "02:00:00:00:00:08";\n}\n');
      // Imported by no VM: whose MAC it would change is not known.
      writeFileSync(join(split, 'loose.nix'), '{ networking.interfaces.eth0.macAddress = "02:00:00:00:00:09"; }\n');
      const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '.'], { cwd: split, encoding: 'utf8' });
      const out = JSON.parse(r.stdout) as { findings: { file: string; code: string; range: unknown; fixes: string[]; related?: unknown[] }[] };
      assert.deepEqual(out.findings, [
        {
          file: 'net.nix',
          range: { start: { line: 1, character: 2 }, end: { line: 1, character: 62 } },
          severity: 'warning',
          code: 'guest-mac-override',
          message:
            "`networking.interfaces.eth0.macAddress` changes a MAC inside the VM, but the MAC declared in microvm.interfaces is the one the hypervisor and the host use: on macvtap the device delivers only frames for its own MAC, so the VM loses its network; on tap and bridge interfaces host and guest disagree about the VM's address. Declare the MAC in microvm.interfaces and remove this setting.",
          fixes: ['Remove the guest-side MAC override'],
          related: [{ file: 'guest.nix', range: { start: { line: 2, character: 25 }, end: { line: 2, character: 82 } }, message: "the VM's interfaces are declared in guest.nix" }],
        },
      ]);
      assert.equal(r.status, 1);
    } finally {
      rmSync(split, { recursive: true, force: true });
    }
  });
});
