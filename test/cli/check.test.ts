/** The `microvm-lint` command as CI runs it: output, exit codes, errors. */
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { RULES } from '../../server/src/rules/index';
import { CASE_TABLES } from '../support/allCases';
import { runCli as run, writeTree } from '../support/cli';

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
        'examples/linked/host.nix:12:28: error [interface-id-duplicate] Interface id "vm-router" is also the id of a tap or macvtap interface of VM "router" on this host: both create a host device named "vm-router", and the VM that starts second deletes the other\'s device and makes its own, cutting the first VM off. Give each VM its own ids.',
        'examples/linked/router-copy.nix:8:13: error [mac-duplicate] MAC 02:00:00:00:02:01 is also declared on interface "vm-router" of VM "router" in router.nix. Interfaces that share a MAC steal each other\'s traffic: switches, bridges and the host\'s macvtap parent deliver each frame to one of them only. Give every interface its own MAC.',
        'examples/linked/router.nix:6:12: error [interface-id-duplicate] Interface id "vm-router" is also the id of a tap or macvtap interface of VM "dns" on this host: both create a host device named "vm-router", and the VM that starts second deletes the other\'s device and makes its own, cutting the first VM off. Give each VM its own ids.',
        'examples/linked/router.nix:7:13: error [mac-duplicate] MAC 02:00:00:00:02:01 is also declared on interface "vm-router2" in router-copy.nix. Interfaces that share a MAC steal each other\'s traffic: switches, bridges and the host\'s macvtap parent deliver each frame to one of them only. Give every interface its own MAC.',
        '12 problems in 6 files (7 checked).',
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
    assert.equal(run(['check', join(tmp, 'missing.nix')]).stderr, `microvm-lint: cannot read ${join(tmp, 'missing.nix')}: no such file or directory\n`);
  });

  it('walks folders without following symlink loops and skips unreadable files with a warning', () => {
    const dir = join(tmp, 'tree');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, 'sub', 'bad.nix'), '{ x = { type = "macvtap"; macvtap.link = "e"; macvtap.mode = "vepa "; }; }\n');
    writeFileSync(join(dir, 'notes.txt'), 'type = "macvtap";');
    symlinkSync(dir, join(dir, 'sub', 'loop'));
    // Unreadable even for root: a link to nothing.
    symlinkSync(join(dir, 'gone.nix'), join(dir, 'dangling.nix'));
    const r = run(['check', dir]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout.split('\n').filter((l) => l.includes('[macvtap-mode-invalid]')).length, 1, 'the file is checked once despite the loop');
    assert.match(r.stdout, /bad\.nix:1:62: error \[macvtap-mode-invalid\] macvtap\.mode "vepa " is not a macvtap mode .* Did you mean "vepa"\?/);
    assert.equal(r.stderr, `microvm-lint: warning: ${join(dir, 'dangling.nix')}: cannot read (no such file or directory), skipped\n`);
    assert.match(r.stdout, /\(1 checked\)/);
  });

  it('skips a file it may not read while walking, with a warning', (t) => {
    if (process.getuid?.() === 0) {
      t.skip('running as root: permissions do not stop root, so no unreadable file can be made here (the dangling link above covers the warning path)');
      return;
    }
    const dir = join(tmp, 'perm');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'secret.nix'), '{ }');
    chmodSync(join(dir, 'secret.nix'), 0o000);
    const r = run(['check', dir]);
    assert.deepEqual([r.code, r.stderr], [0, `microvm-lint: warning: ${join(dir, 'secret.nix')}: cannot read (permission denied), skipped\n`]);
  });
});

/** A guest with one universally administered MAC: only an information finding (mac-not-local). */
const VENDOR_MAC = '{ microvm.interfaces = [ { type = "tap"; id = "vm-a"; mac = "00:16:3e:00:00:01"; } ]; }\n';
/** A guest whose MAC is written with dashes: an error (mac-invalid). */
const DASHED_MAC = '{ microvm.interfaces = [ { type = "tap"; id = "vm-b"; mac = "02-00-00-00-00-02"; } ]; }\n';

const project = (name: string, files: Record<string, string>): string => writeTree(join(tmp, name), files);

const codesIn = (stdout: string) => stdout.split('\n').filter((l) => l.includes(' [')).map((l) => `${l.split(':')[0].split('/').pop()} ${/\[([a-z-]+)\]/.exec(l)![1]} ${l.split(': ')[1].split(' ')[0]}`);

describe('microvm-lint check: --fail-on below error, --rule and microvm-lint.json', () => {
  it('fails on an information finding only with --fail-on info', () => {
    const dir = project('info', { 'vm.nix': VENDOR_MAC });
    const plain = run(['check', dir]);
    assert.deepEqual([plain.code, codesIn(plain.stdout)], [0, ['vm.nix mac-not-local information']]);
    assert.equal(run(['check', dir, '--fail-on', 'warning']).code, 0);
    assert.equal(run(['check', dir, '--fail-on', 'info']).code, 1);
    assert.equal(run(['check', dir, '--fail-on', 'error']).code, 0);
  });

  it('sets rule levels with --rule, repeatable, and rejects an unknown code or level with one line', () => {
    const dir = project('rules', { 'a.nix': VENDOR_MAC, 'b.nix': DASHED_MAC });
    const r = run(['check', dir, '--rule', 'mac-not-local=error', '--rule', 'mac-invalid=off']);
    assert.deepEqual([r.code, codesIn(r.stdout)], [1, ['a.nix mac-not-local error']]);
    assert.deepEqual(codesIn(run(['check', dir, '--rule', 'mac-invalid=info']).stdout), ['a.nix mac-not-local information', 'b.nix mac-invalid information']);
    const badCode = run(['check', dir, '--rule', 'mac-invalidd=off']);
    assert.deepEqual([badCode.code, badCode.stdout], [2, '']);
    assert.match(badCode.stderr, /^microvm-lint: --rule: unknown rule "mac-invalidd" .*\n$/);
    const badLevel = run(['check', dir, '--rule', 'mac-invalid=fatal']);
    assert.equal(badLevel.code, 2);
    assert.match(badLevel.stderr, /^microvm-lint: --rule mac-invalid: unknown level "fatal" .*\n$/);
    assert.equal(run(['check', dir, '--rule', 'mac-invalid']).code, 2);
  });

  it('reads the nearest microvm-lint.json: rules, preferredMode and ignore; --rule wins over it', () => {
    const dir = project('config', {
      'microvm-lint.json': JSON.stringify({ rules: { 'mac-not-local': 'warning' }, ignore: ['generated/'] }),
      'a.nix': VENDOR_MAC,
      'generated/b.nix': DASHED_MAC,
      'sub/microvm-lint.json': JSON.stringify({ rules: { 'mac-invalid': 'off' }, ignore: ['*.skip.nix'] }),
      'sub/c.nix': DASHED_MAC,
      'sub/d.skip.nix': DASHED_MAC,
    });
    const r = run(['check', dir]);
    // a.nix: the root file's level; generated/ ignored; sub/: its own file (nearest) turns mac-invalid off; *.skip.nix ignored.
    assert.deepEqual([r.code, codesIn(r.stdout)], [1, ['a.nix mac-not-local warning']]);
    assert.match(r.stdout, /\(2 checked\)/);
    assert.deepEqual(codesIn(run(['check', dir, '--rule', 'mac-not-local=off']).stdout), []);
    // A path named on the command line is checked even when ignored.
    assert.deepEqual(codesIn(run(['check', join(dir, 'generated', 'b.nix')]).stdout), ['b.nix mac-invalid error']);
  });

  it('stops with one line naming the file and the key when microvm-lint.json is wrong', () => {
    for (const [name, content, message] of [
      ['cfg-json', '{ rules: ', /microvm-lint\.json: not valid JSON/],
      ['cfg-code', '{ "rules": { "mac-nope": "off" } }', /microvm-lint\.json: unknown rule "mac-nope" in "rules"/],
      ['cfg-level', '{ "rules": { "mac-invalid": "information" } }', /microvm-lint\.json: "rules\.mac-invalid" must be one of error, warning, info, hint, off/],
      ['cfg-key', '{ "rule": {} }', /microvm-lint\.json: unknown key "rule"/],
    ] as const) {
      const dir = project(name, { 'microvm-lint.json': content, 'a.nix': DASHED_MAC });
      const r = run(['check', dir]);
      assert.deepEqual([r.code, r.stdout], [2, ''], name);
      assert.equal(r.stderr.split('\n').length, 2, `one line: ${r.stderr}`);
      assert.match(r.stderr, message);
    }
  });
});

describe('microvm-lint check --fix / --fix-dry-run', () => {
  it('writes the preferred fixes, says what it fixed on stderr, and reports and exits by what remains', () => {
    const dir = project('fix', { 'a.nix': DASHED_MAC, 'b.nix': VENDOR_MAC });
    const r = run(['check', dir, '--fix', '--fail-on', 'info']);
    assert.equal(readFileSync(join(dir, 'a.nix'), 'utf8'), DASHED_MAC.replace('02-00-00-00-00-02', '02:00:00:00:00:02'));
    assert.equal(readFileSync(join(dir, 'b.nix'), 'utf8'), VENDOR_MAC, 'a vendor MAC has no preferred fix: left alone');
    assert.equal(r.stderr, `fixed ${join(dir, 'a.nix')}: 1 problem (mac-invalid)\n`);
    assert.deepEqual([r.code, codesIn(r.stdout)], [1, ['b.nix mac-not-local information']]);
    assert.deepEqual(run(['check', dir, '--fix']).code, 0, 'only information left: below the default --fail-on');
  });

  it('prints a unified diff with --fix-dry-run and writes nothing', () => {
    const dir = project('dry', { 'a.nix': DASHED_MAC });
    const r = run(['check', 'a.nix', '--fix-dry-run'], dir);
    assert.equal(
      r.stdout,
      [
        '--- a/a.nix',
        '+++ b/a.nix',
        '@@ -1 +1 @@',
        '-' + DASHED_MAC.trimEnd(),
        '+' + DASHED_MAC.trimEnd().replace('02-00-00-00-00-02', '02:00:00:00:00:02'),
        '',
      ].join('\n'),
    );
    assert.equal(r.stderr, 'microvm-lint: 0 problems would remain after these fixes\n');
    assert.equal(r.code, 0);
    assert.equal(readFileSync(join(dir, 'a.nix'), 'utf8'), DASHED_MAC);
    assert.equal(run(['check', dir, '--fix', '--fix-dry-run']).code, 2);
  });
});

describe('microvm-lint check --cache', () => {
  it('reuses the findings of unchanged files, and recomputes a changed file, rule level or unreadable cache', () => {
    const dir = project('cache', { 'a.nix': DASHED_MAC, 'b.nix': VENDOR_MAC });
    const cacheFile = join(dir, '.microvm-lint-cache');
    const first = run(['check', '.', '--cache'], dir);
    assert.equal(first.code, 1);
    const cache = JSON.parse(readFileSync(cacheFile, 'utf8'));
    assert.deepEqual(Object.keys(cache.entries).sort(), [join(dir, 'a.nix'), join(dir, 'b.nix')]);
    // Proof that a re-run reads the cache instead of analysing: a message changed in the cache shows.
    cache.entries[join(dir, 'a.nix')].findings[0].message = 'FROM THE CACHE';
    writeFileSync(cacheFile, JSON.stringify(cache));
    assert.match(run(['check', '.', '--cache'], dir).stdout, /\[mac-invalid\] FROM THE CACHE/);
    assert.equal(run(['check', '.', '--cache'], dir).stdout.replace('FROM THE CACHE', first.stdout.match(/\[mac-invalid\] (.*)/)![1]), first.stdout);
    // Another rule level: analysed again (and stored for that level).
    assert.doesNotMatch(run(['check', '.', '--cache', '--rule', 'mac-not-local=warning'], dir).stdout, /FROM THE CACHE/);
    // A changed file: analysed again.
    writeFileSync(cacheFile, JSON.stringify(cache));
    writeFileSync(join(dir, 'a.nix'), DASHED_MAC.replace('vm-b', 'vm-c'));
    assert.doesNotMatch(run(['check', '.', '--cache'], dir).stdout, /FROM THE CACHE/);
    // A cache of another version, or not JSON: ignored and rewritten.
    writeFileSync(cacheFile, JSON.stringify({ ...cache, version: '0.0.0-other' }));
    assert.doesNotMatch(run(['check', '.', '--cache'], dir).stdout, /FROM THE CACHE/);
    writeFileSync(cacheFile, '{ not json');
    assert.deepEqual(run(['check', '.', '--cache'], dir).code, 1);
    assert.equal(JSON.parse(readFileSync(cacheFile, 'utf8')).tool, 'microvm-lint');
  });
  it('knows unchanged files by their metadata without reading them, and still sees an edit that keeps size and mtime', () => {
    const dir = project('cache-stat', { 'a.nix': DASHED_MAC, 'plain.nix': '{ services.openssh.enable = true; }\n' });
    const [a, plain] = [join(dir, 'a.nix'), join(dir, 'plain.nix')];
    const cacheFile = join(dir, '.microvm-lint-cache');
    const entries = () => JSON.parse(readFileSync(cacheFile, 'utf8')).entries;
    // Files written just now: their metadata is not trusted yet (an edit in the same clock tick would hide).
    run(['check', '.', '--cache'], dir);
    assert.equal(entries()[a].stat, undefined);
    assert.equal(entries()[plain], undefined);
    const hourAgo = new Date(Date.now() - 3_600_000);
    for (const f of [a, plain]) utimesSync(f, hourAgo, hourAgo);
    rmSync(cacheFile);
    // ctime cannot be set back: wait until it is older than the guard (2 s) instead.
    const waitUntil = Date.now() + 2100;
    while (Date.now() < waitUntil) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    const first = run(['check', '.', '--cache'], dir);
    assert.equal(first.code, 1);
    assert.equal(entries()[plain].skipped, true, 'the file the pre-filter dropped is remembered');
    assert.equal(entries()[a].stat.size, DASHED_MAC.length);
    // Unchanged metadata: the entry is used without hashing the text (a wrong hash would otherwise miss).
    const cache = JSON.parse(readFileSync(cacheFile, 'utf8'));
    cache.entries[a].hash = 'not the hash of a.nix';
    cache.entries[a].findings[0].message = 'FROM THE CACHE';
    writeFileSync(cacheFile, JSON.stringify(cache));
    assert.match(run(['check', '.', '--cache'], dir).stdout, /a\.nix:1:\d+: error \[mac-invalid\] FROM THE CACHE/);
    // The same size and mtime after an edit: the change time differs, so the file is read and analysed again.
    writeFileSync(a, DASHED_MAC.replace('vm-b', 'vm-c'));
    utimesSync(a, hourAgo, hourAgo);
    assert.doesNotMatch(run(['check', '.', '--cache'], dir).stdout, /FROM THE CACHE/);
    // A dropped file that now declares interfaces is read again.
    writeFileSync(plain, DASHED_MAC);
    utimesSync(plain, hourAgo, hourAgo);
    assert.match(run(['check', '.', '--cache'], dir).stdout, /plain\.nix:1:\d+: error \[mac-invalid\]/);
  });
});

describe('microvm-lint check: walking', () => {
  it('skips .git, node_modules, result* links, .direnv and .gitignore patterns (nested ones too)', () => {
    const dir = project('walk', {
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': '*.local.nix\n/build/\n',
      'a.nix': DASHED_MAC,
      'a.local.nix': DASHED_MAC,
      'build/b.nix': DASHED_MAC,
      'node_modules/x/c.nix': DASHED_MAC,
      'result-dev/d.nix': DASHED_MAC,
      'result/e.nix': DASHED_MAC,
      '.direnv/f.nix': DASHED_MAC,
      '.git/g.nix': DASHED_MAC,
      'hosts/.gitignore': 'secret.nix\n',
      'hosts/secret.nix': DASHED_MAC,
      'hosts/web.nix': DASHED_MAC,
      'hosts/build/h.nix': DASHED_MAC,
    });
    const r = run(['check', dir]);
    assert.deepEqual(r.stdout.split('\n').filter((l) => l.includes('[')).map((l) => l.slice(dir.length + 1).split(':')[0]), ['a.nix', 'hosts/build/h.nix', 'hosts/web.nix']);
    // A folder below the repository root still honours the root's .gitignore.
    assert.match(run(['check', join(dir, 'hosts')]).stdout, /\(2 checked\)/);
  });

  it('checks a file reached twice through a symlink once', () => {
    const dir = project('twice', { 'real/vm.nix': DASHED_MAC });
    symlinkSync(join(dir, 'real', 'vm.nix'), join(dir, 'alias.nix'));
    symlinkSync(join(dir, 'real'), join(dir, 'also-real'));
    const r = run(['check', dir]);
    assert.equal(r.stdout.split('\n').filter((l) => l.includes('[mac-invalid]')).length, 1, r.stdout);
    assert.match(r.stdout, /\(1 checked\)/);
  });

  it('fails with exit 2 when a file named on the command line exists but cannot be read (also as root)', (t) => {
    // Linux refuses to read a process's own memory through read(2), to root too.
    if (process.platform !== 'linux') {
      t.skip('needs /proc/self/mem (Linux)');
      return;
    }
    const r = run(['check', '/proc/self/mem']);
    assert.deepEqual([r.code, r.stdout, r.stderr], [2, '', 'microvm-lint: cannot read /proc/self/mem: input/output error\n']);
  });

  it('fails with exit 2 when a file named on the command line cannot be read', (t) => {
    if (process.getuid?.() === 0) {
      t.skip('running as root: every file is readable, so the unreadable case cannot be made here');
      return;
    }
    const dir = project('unreadable', { 'vm.nix': DASHED_MAC });
    chmodSync(join(dir, 'vm.nix'), 0o000);
    const r = run(['check', join(dir, 'vm.nix')]);
    assert.deepEqual([r.code, r.stdout, r.stderr], [2, '', `microvm-lint: cannot read ${join(dir, 'vm.nix')}: permission denied\n`]);
  });
});

describe('microvm-lint explain', () => {
  it('lists the rules and prints a rule page', () => {
    const list = run(['explain']);
    assert.equal(list.code, 0);
    assert.match(list.stdout, /^macvtap-link-missing +error +A macvtap interface has no macvtap\.link/m);
    assert.match(list.stdout, /^macvtap-mode-missing +error +fixable +A macvtap interface/m);
    // "fixable" marks exactly the rules whose case tables offer a quick fix.
    const withFixes = new Set(Object.values(CASE_TABLES).flatMap((t) => t.invalid.flatMap((c) => c.findings.filter((f) => f.fixes.length > 0).map((f) => f.code))));
    const marked = list.stdout.trim().split('\n').filter((l) => / fixable /.test(l)).map((l) => l.split(/ +/)[0]);
    assert.deepEqual(marked, RULES.map((r) => r.code).filter((c) => withFixes.has(c)));
    const codes = list.stdout.trim().split('\n').map((l) => l.split(/ +/)[0]);
    assert.deepEqual(codes, RULES.map((r) => r.code), 'every rule, once, in order');
    for (const code of codes) assert.match(run(['explain', code]).stdout, new RegExp(`^# ${code}\n\n## What it catches\n`));
    const page = run(['explain', 'macvtap-mode-missing']);
    assert.match(page.stdout, /^# macvtap-mode-missing\n\n## What it catches\n/);
    assert.equal(run(['explain', 'nope']).code, 2);
  });
});
