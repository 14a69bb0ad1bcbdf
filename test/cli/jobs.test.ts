/**
 * `check --jobs`: worker threads change how fast, never what. Runs the real
 * CLI on a workspace with many files, findings and per-folder settings, and
 * compares the output of worker runs with the single-threaded one byte for
 * byte, in every format.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { interfaceWorkspace, workspace } from '../../bench/corpus';

const ROOT = join(__dirname, '..', '..', '..');
const DIST = join(ROOT, 'dist');

function run(cli: string, args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = mkdtempSync(join(tmpdir(), 'microvm-lint-jobs-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const ws = join(tmp, 'ws');

/**
 * 200 host files that declare interfaces (most with findings), a folder
 * whose microvm-lint.json changes rule levels and the preferred mode (so
 * batches carry more than one set of options), files the pre-filter skips,
 * a file with a byte order mark and CRLF line ends, and a suppression.
 */
before(() => {
  const files = [
    ...interfaceWorkspace(150, 5).map((f) => ({ ...f, path: `a/${f.path}` })),
    ...interfaceWorkspace(50, 6).map((f) => ({ ...f, path: `strict/${f.path}` })),
    ...workspace(80, 9).map((f) => ({ ...f, path: `home/${f.path}` })),
    { path: 'crlf.nix', text: '\ufeff{ microvm.interfaces = [ { type = "macvtap"; id = "vm-é"; mac = "02-00-00-00-00-01"; macvtap.link = "eth0"; } ];\r\n}\r\n' },
    {
      path: 'suppressed.nix',
      text: '{\n  # microvm-lint: disable-next-line mac-invalid, mac-multicast\n  microvm.interfaces = [ { type = "tap"; id = "vm-s"; mac = "02-00-00-00-00-09"; } ];\n}\n',
    },
  ];
  for (const f of files) {
    mkdirSync(dirname(join(ws, f.path)), { recursive: true });
    writeFileSync(join(ws, f.path), f.text);
  }
  writeFileSync(join(ws, 'strict', 'microvm-lint.json'), JSON.stringify({ preferredMode: 'bridge', rules: { 'mac-not-local': 'error', 'interface-id-duplicate': 'off' } }));
});

const CLI = join(DIST, 'cli.js');

describe('microvm-lint check --jobs', () => {
  for (const format of ['text', 'json', 'sarif']) {
    it(`prints the same ${format} with worker threads as without`, () => {
      const single = run(CLI, ['check', '.', '--format', format, '--jobs', '1'], ws);
      assert.equal(single.code, 1, single.stderr);
      assert.equal(single.stderr, '');
      // Enough findings that a wrong order or a lost file would show.
      assert.ok(single.stdout.split('\n').length > 300, `only ${single.stdout.split('\n').length} lines`);
      for (const jobs of [['--jobs', '2'], ['--jobs', '3'], []]) {
        const parallel = run(CLI, ['check', '.', '--format', format, ...jobs], ws);
        assert.equal(parallel.stderr, '', jobs.join(' '));
        assert.equal(parallel.code, single.code, jobs.join(' '));
        assert.ok(parallel.stdout === single.stdout, `${jobs.join(' ') || 'default jobs'}: output differs from --jobs 1`);
      }
    });
  }

  it('stores what the workers found in --cache, and a re-run reads the same findings', () => {
    const cache = join(tmp, 'cache.json');
    const single = run(CLI, ['check', '.', '--jobs', '1'], ws).stdout;
    const filled = run(CLI, ['check', '.', '--jobs', '2', '--cache', '--cache-location', cache], ws);
    assert.equal(filled.stdout, single);
    assert.ok(Object.keys(JSON.parse(readFileSync(cache, 'utf8')).entries).length > 200);
    assert.equal(run(CLI, ['check', '.', '--jobs', '1', '--cache', '--cache-location', cache], ws).stdout, single);
  });

  it('really uses worker threads: without the worker script beside cli.js, --jobs 2 fails with one line and --jobs 1 works', () => {
    const lone = join(tmp, 'lone');
    mkdirSync(lone);
    for (const name of ['cli.js', 'tree-sitter-nix.wasm', 'web-tree-sitter.wasm']) copyFileSync(join(DIST, name), join(lone, name));
    const cli = join(lone, 'cli.js');
    assert.equal(run(cli, ['check', '.', '--jobs', '1'], ws).stdout, run(CLI, ['check', '.', '--jobs', '1'], ws).stdout);
    const r = run(cli, ['check', '.', '--jobs', '2'], ws);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^microvm-lint: a worker thread failed: .*cliWorker\.js.*\n$/);
  });

  it('rejects a --jobs that is not a whole number of at least 1', () => {
    for (const bad of ['0', '-1', '1.5', 'many']) {
      const r = run(CLI, ['check', '.', `--jobs=${bad}`], ws);
      assert.deepEqual([r.code, r.stdout], [2, ''], bad);
      assert.equal(r.stderr, `microvm-lint: --jobs must be a whole number of at least 1, not "${bad}" (see microvm-lint --help)\n`);
    }
    // Without "=", parseArgs takes "-1" for an option: still one line.
    const r = run(CLI, ['check', '.', '--jobs', '-1'], ws);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^microvm-lint: Option '--jobs' argument is ambiguous\. \(see microvm-lint --help\)\n$/);
  });
});
