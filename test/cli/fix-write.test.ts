/**
 * How `check --fix` replaces a file, seen from outside: the fixed text is a
 * new file renamed over the old one, so a program that has the file open
 * while it is fixed (an editor, a running `nix eval`) goes on reading the
 * whole old text, and one that opens it afterwards reads the whole new one;
 * neither can read a mix of both or a truncated file. (That is what the
 * rename guarantees; durability across a crash is the fsync's part.)
 */
import assert from 'node:assert/strict';
import { closeSync, fstatSync, mkdtempSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli, writeTree } from '../support/cli';

const tmp = mkdtempSync(join(tmpdir(), 'microvm-lint-fix-write-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const DASHED_MAC = '{ microvm.interfaces = [ { type = "tap"; id = "vm-b"; mac = "02-00-00-00-00-02"; } ]; }\n';
const FIXED = DASHED_MAC.replace('02-00-00-00-00-02', '02:00:00:00:00:02');

/** Everything `fd` reads from its start (what a program that opened the file earlier sees now). */
function readOpen(fd: number): string {
  const buffer = Buffer.alloc(fstatSync(fd).size);
  let at = 0;
  while (at < buffer.length) {
    const n = readSync(fd, buffer, at, buffer.length - at, at);
    if (n === 0) break;
    at += n;
  }
  return buffer.subarray(0, at).toString('utf8');
}

describe('check --fix replaces the file', () => {
  it('as a new file: a reader that opened it before still reads the whole old text, a new reader the fixed one', () => {
    const dir = writeTree(join(tmp, 'open-reader'), { 'a.nix': DASHED_MAC });
    const file = join(dir, 'a.nix');
    const reader = openSync(file, 'r');
    try {
      const r = runCli(['check', 'a.nix', '--fix'], dir);
      assert.equal(r.stderr, 'fixed a.nix: 1 problem (mac-invalid)\n');
      assert.equal(r.code, 0);
      assert.equal(readFileSync(file, 'utf8'), FIXED, 'opened after the fix: the fixed text');
      assert.equal(readOpen(reader), DASHED_MAC, 'opened before the fix: the old text, whole');
    } finally {
      closeSync(reader);
    }
  });
});
