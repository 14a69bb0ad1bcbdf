/**
 * `microvm-lint check` skips files its pre-filter rejects without parsing them: a word the model
 * reads through a Nix escape (`type = "macvt\ap"` is "macvtap") must keep the file, as the open
 * editor reports it. Reported: the CLI said "No problems" where the editor showed four errors.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { VERSION } from '../../server/src/version';

const CLI = join(__dirname, '..', '..', '..', 'dist', 'cli.js');
const run = (args: string[], cwd: string) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

const tmp = mkdtempSync(join(tmpdir(), 'microvm-lint-prefilter-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function project(name: string, files: Record<string, string>): string {
  const dir = join(tmp, name);
  mkdirSync(dir);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

const ESCAPED = '{ guest = { type = "macvt\\ap"; id = "an-id-that-is-far-too-long"; mac = "03:00:00:00:00:01"; }; }\n';
/** Where and what: `file:line:column: severity [code]`. */
const FOUR_ERRORS = [
  'file.nix:1:13: error [macvtap-link-missing]',
  'file.nix:1:13: error [macvtap-mode-missing]',
  'file.nix:1:37: error [interface-id-too-long]',
  'file.nix:1:73: error [mac-multicast]',
];
const heads = (stdout: string) => stdout.split('\n').filter((l) => l.includes('[')).map((l) => l.slice(0, l.indexOf(']') + 1));

describe('microvm-lint check: words spelt through escapes', () => {
  it('reports the four errors of a macvtap interface whose type is written "macvt\\ap"', () => {
    const dir = project('escaped', { 'file.nix': ESCAPED });
    const r = run(['check', 'file.nix'], dir);
    assert.deepEqual([r.code, heads(r.stdout), r.stdout.split('\n').at(-2)], [1, FOUR_ERRORS, '4 problems in 1 file (1 checked).']);
    // Walked, in an indented string, with a quoted name spelt the same way.
    const more = project('escaped-walk', {
      'file.nix': ESCAPED,
      'indented.nix': "{ guest = { type = ''macvt''\\ap''; \"i\\d\" = \"vm-a\"; mac = \"02:00:00:00:00:01\"; }; }\n",
    });
    const walked = run(['check', '.'], more);
    assert.deepEqual(heads(walked.stdout), [
      ...FOUR_ERRORS,
      'indented.nix:1:13: error [macvtap-link-missing]',
      'indented.nix:1:13: error [macvtap-mode-missing]',
    ]);
  });

  it('does not trust a cache in which a pre-filter blind to escapes dropped the file', () => {
    const dir = project('cache', { 'file.nix': ESCAPED });
    const st = statSync(join(dir, 'file.nix'));
    // What the CLI wrote before it read escapes (cache format 4): the file remembered as dropped, with its metadata.
    const stale = { tool: 'microvm-lint', version: VERSION, format: 4, entries: { [join(dir, 'file.nix')]: { skipped: true, stat: { size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino } } } };
    writeFileSync(join(dir, '.microvm-lint-cache'), JSON.stringify(stale));
    assert.deepEqual(heads(run(['check', '.', '--cache'], dir).stdout), FOUR_ERRORS);
  });
});
