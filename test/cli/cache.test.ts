/**
 * `check --cache`: a stored result is used only for what it was computed
 * for. Each test first proves that the entry would be used (a message edited
 * in the cache file shows), then changes one thing the result depends on.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli, writeTree } from '../support/cli';

const tmp = mkdtempSync(join(tmpdir(), 'microvm-lint-cache-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const DASHED_MAC = '{ microvm.interfaces = [ { type = "tap"; id = "vm-b"; mac = "02-00-00-00-00-02"; } ]; }\n';
const NO_MODE = '{ microvm.interfaces = [ { type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01"; macvtap.link = "eth0"; } ]; }\n';

interface JsonOut {
  findings: { code: string; message: string; fixes: string[] }[];
}
const json = (stdout: string) => JSON.parse(stdout) as JsonOut;

describe('check --cache', () => {
  it('keeps results per preferred mode: another --preferred-mode gets its own fixes', () => {
    const dir = writeTree(join(tmp, 'mode'), { 'a.nix': NO_MODE });
    const check = (...args: string[]) => json(runCli(['check', '.', '--cache', '--format', 'json', ...args], dir).stdout).findings[0];
    assert.equal(check().fixes[0], 'Set macvtap.mode = "vepa"');
    assert.equal(check('--preferred-mode', 'bridge').fixes[0], 'Set macvtap.mode = "bridge"');
    assert.equal(check('--preferred-mode', 'private').fixes[0], 'Set macvtap.mode = "private"');
    assert.equal(check().fixes[0], 'Set macvtap.mode = "vepa"');
  });

  it('ignores a cache written by another version or in another format, even for unchanged files', () => {
    const dir = writeTree(join(tmp, 'version'), { 'a.nix': DASHED_MAC });
    const cacheFile = join(dir, '.microvm-lint-cache');
    assert.equal(runCli(['check', '.', '--cache'], dir).code, 1);
    const cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as { tool: string; version: string; format: number; entries: Record<string, JsonOut> };
    // The stored result, for the file as it still is (same content hash), with a message no analysis writes.
    cache.entries[join(dir, 'a.nix')].findings[0].message = 'FROM THE CACHE';
    const withCache = (c: object) => {
      writeFileSync(cacheFile, JSON.stringify(c));
      return runCli(['check', '.', '--cache'], dir).stdout;
    };
    assert.match(withCache(cache), /\[mac-invalid\] FROM THE CACHE/, 'a cache of this version and format is used');
    assert.doesNotMatch(withCache({ ...cache, version: '0.0.0-other' }), /FROM THE CACHE/, 'another version');
    assert.doesNotMatch(withCache({ ...cache, format: cache.format - 1 }), /FROM THE CACHE/, 'an older format');
    assert.doesNotMatch(withCache({ ...cache, format: cache.format + 1 }), /FROM THE CACHE/, 'a newer format');
    assert.doesNotMatch(withCache({ ...cache, tool: 'other-tool' }), /FROM THE CACHE/, 'another tool');
    // Ignored and written anew, for this version.
    const rewritten = JSON.parse(readFileSync(cacheFile, 'utf8')) as typeof cache;
    assert.deepEqual([rewritten.tool, rewritten.version, rewritten.format], [cache.tool, cache.version, cache.format]);
    assert.match(withCache(rewritten), /\[mac-invalid\] MAC "02-00-00-00-00-02" is written with dashes/);
  });
});
