/**
 * Which files `microvm-lint check` walks into, seen in what it reports:
 * `.gitignore` patterns apply to folders reached through a symlink as to
 * any folder, and the `.gitignore` files above a named path apply up to the
 * repository's root (the folder holding `.git`), not beyond it.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli, writeTree } from '../support/cli';

const tmp = mkdtempSync(join(tmpdir(), 'microvm-lint-walk-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const DASHED_MAC = '{ microvm.interfaces = [ { type = "tap"; id = "vm-b"; mac = "02-00-00-00-00-02"; } ]; }\n';

/** The files `check ARGS` (run in `cwd`) reports, as printed. */
function reported(args: string[], cwd: string): string[] {
  const r = runCli(['check', ...args], cwd);
  assert.equal(r.stderr, '');
  return [...new Set(r.stdout.split('\n').filter((l) => l.includes(' [')).map((l) => l.split(':')[0]))];
}

describe('check: walking', () => {
  it('skips a .gitignored folder reached through a symlink, and follows one that is not ignored', () => {
    const dir = writeTree(join(tmp, 'links'), {
      'project/.gitignore': 'vendored/\ncurrent/\n',
      'project/a.nix': DASHED_MAC,
      'project/releases/v2/d.nix': DASHED_MAC,
      'elsewhere/ignored/b.nix': DASHED_MAC,
      'elsewhere/shared/c.nix': DASHED_MAC,
    });
    const project = join(dir, 'project');
    symlinkSync(join(dir, 'elsewhere', 'ignored'), join(project, 'vendored'));
    symlinkSync(join(dir, 'elsewhere', 'shared'), join(project, 'shared'));
    // An ignored link to a folder of the project, listed before it: the folder is still checked, under its own name.
    symlinkSync('releases/v2', join(project, 'current'));
    assert.deepEqual(reported(['.'], project), ['a.nix', 'releases/v2/d.nix', 'shared/c.nix']);
  });

  it('applies the .gitignore files from a named folder up to the repository root, and none above the root', () => {
    const outer = writeTree(join(tmp, 'outer'), {
      // Above the repository: git never reads it for files of the repository.
      '.gitignore': '*.nix\n',
      'repo/.git/HEAD': 'ref: refs/heads/main\n',
      'repo/.gitignore': '*.local.nix\n',
      'repo/hosts/.gitignore': 'secret.nix\n',
      'repo/hosts/web.nix': DASHED_MAC,
      'repo/hosts/web.local.nix': DASHED_MAC,
      'repo/hosts/secret.nix': DASHED_MAC,
      'repo/hosts/vms/db.nix': DASHED_MAC,
      'repo/hosts/vms/db.local.nix': DASHED_MAC,
    });
    const repo = join(outer, 'repo');
    const expected = ['hosts/vms/db.nix', 'hosts/web.nix'];
    // The repository's root named: its own .gitignore (read when entered) and those below apply.
    assert.deepEqual(reported(['.'], repo).sort(), expected);
    // A folder inside it named: the repository root's .gitignore above it applies too.
    assert.deepEqual(reported(['hosts'], repo).sort(), expected);
    assert.deepEqual(reported(['vms'], join(repo, 'hosts')), ['vms/db.nix']);
  });

  it('skips the result links of nix build (result, result-dev) but not folders that only look alike', () => {
    const dir = writeTree(join(tmp, 'results'), {
      'result/a.nix': DASHED_MAC,
      'result-dev/b.nix': DASHED_MAC,
      'results/c.nix': DASHED_MAC,
      'old-result/d.nix': DASHED_MAC,
      'node_modules/e.nix': DASHED_MAC,
      '.direnv/f.nix': DASHED_MAC,
    });
    assert.deepEqual(reported(['.'], dir).sort(), ['old-result/d.nix', 'results/c.nix']);
  });
});
