/** The `microvm-lint` command as CI runs it: output, exit codes, errors. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { RULES } from '../../server/src/rules/index';

const ROOT = join(__dirname, '..', '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');

function run(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = mkdtempSync(join(tmpdir(), 'microvm-lint-cli-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('microvm-lint check', () => {
  it('reports the bundled examples and exits 1', () => {
    const r = run(['check', 'examples']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    assert.equal(
      r.stdout,
      [
        'examples/guest-macvtap.nix:11:9: error [macvtap-mode-missing] Interface "vm-web" has type "macvtap" but no macvtap.mode: microvm.nix cannot create the device and the VM does not start. Set macvtap.mode to one of vepa, bridge, private, passthru, source.',
        'examples/host-macs.nix:10:46: error [mac-duplicate] MAC 02:00:00:00:01:01 is also declared on interface "vm-db" of VM "db". Interfaces that share a MAC steal each other\'s traffic: switches, bridges and the host\'s macvtap parent deliver each frame to one of them only. Give every interface its own MAC.',
        'examples/host-macs.nix:12:7: warning [guest-mac-override] `networking.interfaces.eth0.macAddress` changes a MAC inside the VM, but the MAC declared in microvm.interfaces is the one the hypervisor and the host use: on macvtap the device delivers only frames for its own MAC, so the VM loses its network; on tap and bridge interfaces host and guest disagree about the VM\'s address. Declare the MAC in microvm.interfaces and remove this setting.',
        'examples/host-macs.nix:16:45: error [mac-duplicate] MAC 02:00:00:00:01:01 is also declared on interface "vm-web" of VM "web". Interfaces that share a MAC steal each other\'s traffic: switches, bridges and the host\'s macvtap parent deliver each frame to one of them only. Give every interface its own MAC.',
        'examples/host-macs.nix:22:45: error [mac-invalid] MAC "02-00-00-00-01-03" is written with dashes. microvm.nix passes the MAC unchanged to the hypervisor and, for macvtap, to `ip link add ... address`; `ip link` and hypervisors such as cloud-hypervisor read only colon-separated octets, so the device is not created and the VM does not start. Write it as 02:00:00:00:01:03.',
        'examples/host-macs.nix:23:18: error [interface-type-unsupported] VM "ci" runs cloud-hypervisor, which runs only tap and macvtap interfaces, not "user": microvm.nix\'s cloud-hypervisor runner throws an error for it, so evaluation fails. Use a type cloud-hypervisor supports, or a hypervisor that runs "user" interfaces (qemu runs all four).',
        'examples/host-vms.nix:13:18: error [macvtap-mode-invalid] macvtap.mode "brigde" is not a macvtap mode (vepa, bridge, private, passthru, source): microvm.nix rejects it. Did you mean "bridge"?',
        'examples/host-vms.nix:19:106: error [macvtap-mode-missing] Interface "vm-ci" sets macvtap.mode = null: microvm.nix has no default mode, so the device is never created (older versions) or evaluation fails (since 2024-11). Set one of vepa, bridge, private, passthru, source.',
        '8 problems in 3 files (4 checked).',
        '',
      ].join('\n'),
    );
  });

  it('exits 0 on a clean file', () => {
    const r = run(['check', 'examples/fixed.nix']);
    assert.deepEqual([r.code, r.stdout], [0, 'No problems in 1 file.\n']);
  });

  it('prints JSON with LSP ranges', () => {
    const r = run(['check', 'examples/guest-macvtap.nix', '--format', 'json']);
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout);
    assert.equal(out.filesChecked, 1);
    assert.deepEqual(out.findings.map((f: { code: string; range: unknown; fixes: string[] }) => [f.code, f.range, f.fixes[0]]), [
      ['macvtap-mode-missing', { start: { line: 10, character: 8 }, end: { line: 10, character: 25 } }, 'Set macvtap.mode = "vepa"'],
    ]);
  });

  it('moves the failure line with --fail-on', () => {
    const dir = join(tmp, 'warn');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.nix'), '{ x = { type = "macvtap"; macvtap.link = "eth0"; }; }\n');
    // There is only an error here: --fail-on error still fails, and so does info.
    assert.equal(run(['check', dir, '--fail-on', 'error']).code, 1);
    assert.equal(run(['check', dir, '--fail-on', 'info']).code, 1);
  });

  it('uses exit 2 and one line for usage and I/O errors', () => {
    for (const args of [['check', '--format', 'xml'], ['check', '--fail-on', 'never'], ['check', '--bogus'], ['frobnicate'], [], ['check', join(tmp, 'missing.nix')]]) {
      const r = run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stdout, '');
      assert.equal(r.stderr.trim().split('\n').length, 1, `one line for ${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /^microvm-lint: /);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    }
    assert.equal(run(['check', join(tmp, 'missing.nix')]).stderr, `microvm-lint: ${join(tmp, 'missing.nix')}: no such file or directory\n`);
  });

  it('walks folders without following symlink loops and skips unreadable files with a warning', () => {
    const dir = join(tmp, 'tree');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, 'sub', 'bad.nix'), '{ x = { type = "macvtap"; macvtap.link = "e"; macvtap.mode = "vepa "; }; }\n');
    writeFileSync(join(dir, 'notes.txt'), 'type = "macvtap";');
    symlinkSync(dir, join(dir, 'sub', 'loop'));
    const secret = join(dir, 'secret.nix');
    writeFileSync(secret, '{ }');
    chmodSync(secret, 0o000);
    const r = run(['check', dir]);
    const root = process.getuid?.() === 0; // root reads any file
    assert.equal(r.code, 1);
    assert.equal(r.stdout.split('\n').filter((l) => l.includes('[macvtap-mode-invalid]')).length, 1, 'the file is checked once despite the loop');
    assert.match(r.stdout, /bad\.nix:1:62: error \[macvtap-mode-invalid\] macvtap\.mode "vepa " is not a macvtap mode .* Did you mean "vepa"\?/);
    if (!root) assert.match(r.stderr, /secret\.nix: cannot read \(permission denied\), skipped/);
    assert.match(r.stdout, /\(2 checked\)/);
  });
});

describe('microvm-lint explain', () => {
  it('lists the rules and prints a rule page', () => {
    const list = run(['explain']);
    assert.equal(list.code, 0);
    assert.match(list.stdout, /^macvtap-link-missing +error +A macvtap interface has no macvtap\.link/m);
    const codes = list.stdout.trim().split('\n').map((l) => l.split(/ +/)[0]);
    assert.deepEqual(codes, RULES.map((r) => r.code), 'every rule, once, in order');
    for (const code of codes) assert.match(run(['explain', code]).stdout, new RegExp(`^# ${code}\n\n## What it catches\n`));
    const page = run(['explain', 'macvtap-mode-missing']);
    assert.match(page.stdout, /^# macvtap-mode-missing\n\n## What it catches\n/);
    assert.equal(run(['explain', 'nope']).code, 2);
  });
});
