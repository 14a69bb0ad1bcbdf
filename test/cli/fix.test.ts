/**
 * `check --fix` / `--fix-dry-run` at their core (server/src/cli/fix.ts):
 * fixing in passes, never adding a syntax error, keeping each file's EOL,
 * indentation, BOM and permission bits, atomic writes that leave nothing
 * behind when they fail, idempotence, and the dry-run diff. Every fixed file
 * whose input Nix accepts must parse with `nix-instantiate --parse` too
 * (required where MICROVM_LINT_REQUIRE_NIX=1, as in CI).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fixFiles, fixText, unifiedDiff } from '../../server/src/cli/fix';
import { selectFiles } from '../../server/src/cli/check';
import type { NixParser } from '../../server/src/parse/nixParser';
import { syntaxProblems } from '../../server/src/rules/fixes';
import { DEFAULT_OPTIONS, type AnalysisOptions } from '../../server/src/rules/options';
import { loadParser } from '../support/parser';

let parser: NixParser;
before(async () => {
  parser = await loadParser();
});

const tmp = mkdtempSync(join(tmpdir(), 'microvm-lint-fix-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const OPTIONS: AnalysisOptions = DEFAULT_OPTIONS;
const isRoot = process.getuid?.() === 0;

const hasNix = spawnSync('nix-instantiate', ['--version']).status === 0;
const requireNix = process.env.MICROVM_LINT_REQUIRE_NIX === '1';
const nixAccepts = (file: string) => spawnSync('nix-instantiate', ['--parse', file], { stdio: 'ignore' }).status === 0;

/** The MAC design.md's recipe derives from `seed`, computed here without the project's code. */
function recipeMac(seed: string): string {
  const h = createHash('sha256').update(seed, 'utf8').digest('hex');
  return `${h[0]}2:${h.slice(2, 4)}:${h.slice(4, 6)}:${h.slice(6, 8)}:${h.slice(8, 10)}:${h.slice(10, 12)}`;
}

const lf = (...lines: string[]) => lines.map((l) => l + '\n').join('');
const toCrlf = (s: string) => s.replace(/\n/g, '\r\n');
/** Two-space indentation levels as tabs. */
const toTabs = (s: string) => s.replace(/^(?: {2})+/gm, (m) => '\t'.repeat(m.length / 2));

const TAP_MAC = recipeMac('vm-web-tap');

/** Three problems with preferred fixes: no macvtap.mode, a MAC with dashes, an interface without mac. */
const MULTI = lf(
  '{ lib, ... }:',
  '{',
  '  microvm.vms.web.config = {',
  '    microvm.interfaces = [',
  '      {',
  '        type = "macvtap";',
  '        id = "vm-web";',
  '        mac = "02-00-00-00-00-01";',
  '        macvtap = {',
  '          link = "eth0";',
  '        };',
  '      }',
  '      {',
  '        type = "tap";',
  '        id = "vm-web-tap";',
  '      }',
  '    ];',
  '  };',
  '}',
);
const MULTI_FIXED = lf(
  '{ lib, ... }:',
  '{',
  '  microvm.vms.web.config = {',
  '    microvm.interfaces = [',
  '      {',
  '        type = "macvtap";',
  '        id = "vm-web";',
  '        mac = "02:00:00:00:00:01";',
  '        macvtap = {',
  '          link = "eth0";',
  '          mode = "vepa";',
  '        };',
  '      }',
  '      {',
  '        type = "tap";',
  '        id = "vm-web-tap";',
  `        mac = "${TAP_MAC}";`,
  '      }',
  '    ];',
  '  };',
  '}',
);
/** In document order: one pass. */
const MULTI_APPLIED = [
  { code: 'macvtap-mode-missing', title: 'Set macvtap.mode = "vepa"', line: 6 },
  { code: 'mac-invalid', title: 'Use colons: "02:00:00:00:00:01"', line: 8 },
  { code: 'interface-mac-missing', title: `Generate a stable locally administered MAC ("${TAP_MAC}")`, line: 14 },
];

/** One finding only, mac-not-local, whose "generate" fix is not preferred: fix-all leaves vendor MACs alone. */
const NO_PREFERRED = lf(
  '{',
  '  microvm.interfaces = [',
  '    { type = "tap"; id = "vm-vendor"; mac = "00:16:3e:00:00:01"; }',
  '  ];',
  '}',
);

/** A fixable interface and, further down, a list Nix and tree-sitter both reject. */
const BROKEN = lf(
  '{',
  '  microvm.interfaces = [',
  '    { type = "macvtap"; id = "vm-e"; mac = "02:00:00:00:00:05"; macvtap.link = "eth0"; }',
  '  ];',
  '  networking.firewall.allowedTCPPorts = [ 22 80 ;',
  '  system.stateVersion = "24.11";',
  '}',
);
const BROKEN_FIXED = BROKEN.replace('macvtap.link = "eth0"; }', 'macvtap.link = "eth0"; macvtap.mode = "vepa"; }');

/** Two interfaces whose mac and mode fixes both go right after `type`: the second of each pair waits for pass 2. */
const TWO_PASSES = lf(
  '{',
  '  microvm.vms.web.config.microvm.interfaces = [',
  '    {',
  '      type = "macvtap";',
  '    }',
  '    {',
  '      type = "macvtap";',
  '    }',
  '  ];',
  '}',
);

function fixedNix(text: string, options = OPTIONS) {
  return fixText(parser, text, options);
}

describe('fixText', () => {
  it('applies every preferred fix and reports each with its line in the input', () => {
    const r = fixedNix(MULTI);
    assert.equal(r.text, MULTI_FIXED);
    assert.deepEqual(r.applied, MULTI_APPLIED);
    assert.equal(r.passes, 1);
  });

  it('inserts the preferred mode of the options', () => {
    assert.equal(fixedNix(MULTI, { ...OPTIONS, preferredMode: 'bridge' }).text, MULTI_FIXED.replace('mode = "vepa"', 'mode = "bridge"'));
  });

  it('applies fixes that overlap in a later pass and maps their lines back to the input', () => {
    // No literal id: the VM's name is the seed; the second interface's MAC may not repeat the first: "web-1".
    const first = recipeMac('web');
    const second = recipeMac('web-1');
    const r = fixedNix(TWO_PASSES);
    assert.equal(
      r.text,
      lf(
        '{',
        '  microvm.vms.web.config.microvm.interfaces = [',
        '    {',
        '      type = "macvtap";',
        '      macvtap.mode = "vepa";',
        `      mac = "${first}";`,
        '    }',
        '    {',
        '      type = "macvtap";',
        '      macvtap.mode = "vepa";',
        `      mac = "${second}";`,
        '    }',
        '  ];',
        '}',
      ),
    );
    assert.equal(r.passes, 2);
    // Pass 2 sees the second `type` on line 8 (a mac line went in above it): reported as line 7 of the input.
    assert.deepEqual(
      r.applied.map((a) => `${a.line} ${a.code}`),
      ['4 interface-mac-missing', '7 interface-mac-missing', '4 macvtap-mode-missing', '7 macvtap-mode-missing'],
    );
  });

  it('changes nothing when no finding has a preferred fix', () => {
    assert.deepEqual(fixedNix(NO_PREFERRED), { text: NO_PREFERRED, applied: [], passes: 0 });
  });

  it('fixes a file with a syntax error elsewhere without adding one', () => {
    const r = fixedNix(BROKEN);
    assert.equal(r.text, BROKEN_FIXED);
    assert.ok(syntaxProblems(parser, BROKEN) > 0);
    assert.ok(syntaxProblems(parser, r.text) <= syntaxProblems(parser, BROKEN));
  });

  it('drops a pass that would add a syntax error, and stops', () => {
    // A parser that sees an unclosed parenthesis after any text with an inserted mode: that pass must go.
    const breaking = {
      parse: (text: string) => parser.parse(text.includes('mode = "vepa"') ? text + '\n(' : text),
    } as unknown as NixParser;
    const r = fixText(breaking, MULTI, OPTIONS);
    assert.deepEqual(r, { text: MULTI, applied: [], passes: 0 });
  });
});

describe('fixFiles', () => {
  const dir = join(tmp, 'write');
  mkdirSync(dir);
  const path = (name: string) => join(dir, name);
  /** Reads a file as `check` does (BOM stripped). */
  const read = (file: string) => {
    const c = selectFiles([file]).candidates;
    assert.equal(c.length, 1, `${file} is a candidate`);
    return c[0];
  };
  const PAST = new Date('2020-01-02T03:04:05Z');
  const BOM = '\ufeff';
  const files: Record<string, { input: string; fixed: string; mode?: number }> = {
    'multi.nix': { input: MULTI, fixed: MULTI_FIXED },
    'crlf.nix': { input: toCrlf(MULTI), fixed: toCrlf(MULTI_FIXED) },
    'tabs.nix': { input: toTabs(MULTI), fixed: toTabs(MULTI_FIXED) },
    'tabs-crlf.nix': { input: toCrlf(toTabs(MULTI)), fixed: toCrlf(toTabs(MULTI_FIXED)) },
    'private.nix': { input: MULTI, fixed: MULTI_FIXED, mode: 0o640 },
    'bom.nix': { input: BOM + MULTI, fixed: BOM + MULTI_FIXED },
    'vendor.nix': { input: NO_PREFERRED, fixed: NO_PREFERRED },
    'broken.nix': { input: BROKEN, fixed: BROKEN_FIXED },
  };
  const inputs = () => Object.keys(files).map((name) => read(path(name)));
  const inputModes: Record<string, number> = {};

  before(() => {
    for (const [name, f] of Object.entries(files)) {
      writeFileSync(path(name), f.input);
      if (f.mode !== undefined) chmodSync(path(name), f.mode);
      utimesSync(path(name), PAST, PAST);
      inputModes[name] = statSync(path(name)).mode & 0o7777;
    }
  });

  it('writes the fixed files atomically, keeping EOL, indentation, BOM and mode, and says what it fixed', () => {
    const { changed, output } = fixFiles(parser, inputs(), OPTIONS, 'write');
    const three = '3 problems (macvtap-mode-missing, mac-invalid, interface-mac-missing)';
    assert.deepEqual(output.split('\n'), [
      `fixed ${path('multi.nix')}: ${three}`,
      `fixed ${path('crlf.nix')}: ${three}`,
      `fixed ${path('tabs.nix')}: ${three}`,
      `fixed ${path('tabs-crlf.nix')}: ${three}`,
      `fixed ${path('private.nix')}: ${three}`,
      `fixed ${path('bom.nix')}: ${three}`,
      `fixed ${path('broken.nix')}: 1 problem (macvtap-mode-missing)`,
      '',
    ]);
    assert.deepEqual(changed.map((c) => [c.file, c.bom]), [
      [path('multi.nix'), false],
      [path('crlf.nix'), false],
      [path('tabs.nix'), false],
      [path('tabs-crlf.nix'), false],
      [path('private.nix'), false],
      [path('bom.nix'), true],
      [path('broken.nix'), false],
    ]);
    for (const [name, f] of Object.entries(files)) {
      assert.equal(readFileSync(path(name), 'utf8'), f.fixed, name);
      assert.equal(statSync(path(name)).mode & 0o7777, inputModes[name], `${name} keeps its mode`);
    }
    assert.equal(statSync(path('private.nix')).mode & 0o777, 0o640);
    assert.equal(statSync(path('vendor.nix')).mtimeMs, PAST.getTime(), 'an unchanged file is not written');
    assert.notEqual(statSync(path('multi.nix')).mtimeMs, PAST.getTime());
    assert.deepEqual(readdirSync(dir).filter((n) => n.endsWith('.tmp')), [], 'no temporary file left');
  });

  it('changes nothing on a second run', () => {
    for (const name of Object.keys(files)) utimesSync(path(name), PAST, PAST);
    const { changed, output } = fixFiles(parser, inputs(), OPTIONS, 'write');
    assert.deepEqual([changed, output], [[], '']);
    for (const name of Object.keys(files)) assert.equal(statSync(path(name)).mtimeMs, PAST.getTime(), name);
  });

  it('writes output that Nix parses wherever it parsed the input', { skip: !hasNix && !requireNix && 'nix-instantiate not installed (apt-get install nix-bin)' }, () => {
    assert.ok(hasNix, 'MICROVM_LINT_REQUIRE_NIX=1 but nix-instantiate is missing');
    const original = join(tmp, 'nix-inputs');
    mkdirSync(original);
    for (const [name, f] of Object.entries(files)) {
      writeFileSync(join(original, name), f.input);
      if (name === 'broken.nix') {
        assert.equal(nixAccepts(join(original, name)), false, 'the broken input is broken for Nix too');
        continue;
      }
      if (name === 'bom.nix') {
        // Nix itself rejects a byte order mark ("unexpected invalid token"): judge the text after it.
        assert.equal(nixAccepts(join(original, name)), false, 'Nix rejects a BOM');
        writeFileSync(join(original, 'bom-fixed.nix'), readFileSync(path(name), 'utf8').slice(1));
        assert.ok(nixAccepts(join(original, 'bom-fixed.nix')), 'Nix parses the fixed bom.nix after its BOM');
        continue;
      }
      assert.ok(nixAccepts(join(original, name)), `Nix parses the input ${name}`);
      assert.ok(nixAccepts(path(name)), `Nix parses the fixed ${name}`);
    }
    // The two-pass result too (fixText's own cases).
    writeFileSync(join(original, 'two-passes.nix'), TWO_PASSES);
    writeFileSync(join(original, 'two-passes-fixed.nix'), fixedNix(TWO_PASSES).text);
    assert.ok(nixAccepts(join(original, 'two-passes.nix')));
    assert.ok(nixAccepts(join(original, 'two-passes-fixed.nix')), 'Nix parses the two-pass result');
  });

  it('replaces the target of a symlink and keeps the link', () => {
    const target = path('target.nix.txt'); // not .nix: only the link is named
    const link = path('link.nix');
    writeFileSync(target, MULTI);
    symlinkSync('target.nix.txt', link);
    const { changed } = fixFiles(parser, [read(link)], OPTIONS, 'write');
    assert.equal(changed.length, 1);
    assert.ok(lstatSync(link).isSymbolicLink());
    assert.equal(readlinkSync(link), 'target.nix.txt');
    assert.equal(readFileSync(target, 'utf8'), MULTI_FIXED);
  });
});

describe('fixFiles dry run', () => {
  it('prints a git-style unified diff per changed file and writes nothing', () => {
    const dir = join(tmp, 'dry');
    mkdirSync(dir);
    const past = new Date('2021-05-06T07:08:09Z');
    writeFileSync(join(dir, 'multi.nix'), MULTI);
    writeFileSync(join(dir, 'vendor.nix'), NO_PREFERRED);
    for (const n of ['multi.nix', 'vendor.nix']) utimesSync(join(dir, n), past, past);
    const cwd = process.cwd();
    process.chdir(dir); // paths as the user names them: relative
    let result: ReturnType<typeof fixFiles>;
    try {
      result = fixFiles(
        parser,
        ['./multi.nix', 'vendor.nix'].map((file) => ({ file, text: readFileSync(file, 'utf8') })),
        OPTIONS,
        'dry-run',
      );
    } finally {
      process.chdir(cwd);
    }
    assert.deepEqual(result.changed.map((c) => c.file), ['./multi.nix']);
    assert.equal(
      result.output,
      [
        '--- a/multi.nix',
        '+++ b/multi.nix',
        '@@ -5,14 +5,16 @@',
        '       {',
        '         type = "macvtap";',
        '         id = "vm-web";',
        '-        mac = "02-00-00-00-00-01";',
        '+        mac = "02:00:00:00:00:01";',
        '         macvtap = {',
        '           link = "eth0";',
        '+          mode = "vepa";',
        '         };',
        '       }',
        '       {',
        '         type = "tap";',
        '         id = "vm-web-tap";',
        `+        mac = "${TAP_MAC}";`,
        '       }',
        '     ];',
        '   };',
        '',
      ].join('\n'),
    );
    assert.equal(readFileSync(join(dir, 'multi.nix'), 'utf8'), MULTI);
    for (const n of ['multi.nix', 'vendor.nix']) assert.equal(statSync(join(dir, n)).mtimeMs, past.getTime(), n);
  });

  it('uses a file\'s own options over the shared ones', () => {
    const bridge: AnalysisOptions = { ...OPTIONS, preferredMode: 'bridge' };
    const { changed } = fixFiles(parser, [{ file: 'a.nix', text: MULTI, bom: false }, { file: 'b.nix', text: MULTI, bom: false, options: bridge }], OPTIONS, 'dry-run');
    assert.deepEqual(changed.map((c) => c.after), [MULTI_FIXED, MULTI_FIXED.replace('mode = "vepa"', 'mode = "bridge"')]);
  });

  it('keeps CRLF in the diff lines and writes git\'s short hunk header', () => {
    const before = toCrlf(lf('{', '  a = 1;', '}'));
    const after = toCrlf(lf('{', '  a = 2;', '}'));
    assert.equal(unifiedDiff('/abs/x.nix', before, after), '--- a/abs/x.nix\n+++ b/abs/x.nix\n@@ -1,3 +1,3 @@\n {\r\n-  a = 1;\r\n+  a = 2;\r\n }\r\n');
    assert.equal(unifiedDiff('x.nix', 'a\n', 'b\n'), '--- a/x.nix\n+++ b/x.nix\n@@ -1 +1 @@\n-a\n+b\n');
    assert.equal(unifiedDiff('x.nix', 'a\n', 'a\n'), '');
  });
});

describe('fixFiles write failures', () => {
  const leftovers = (dir: string) => readdirSync(dir).filter((n) => n.includes('.microvm-lint-'));

  it('fails with one line naming the file, the original intact, in a read-only folder or for a read-only file', (t) => {
    if (isRoot) {
      t.skip('running as root, which may write read-only folders and files: the rename failure test below covers the cleanup');
      return;
    }
    const dir = join(tmp, 'readonly');
    mkdirSync(dir);
    const file = join(dir, 'multi.nix');
    writeFileSync(file, MULTI);
    chmodSync(dir, 0o555);
    try {
      assert.throws(
        () => fixFiles(parser, [{ file, text: MULTI }], OPTIONS, 'write'),
        (e: Error) => e.message === `${file}: cannot write the fixed file (permission denied)`,
      );
      assert.deepEqual(leftovers(dir), []);
      assert.equal(readFileSync(file, 'utf8'), MULTI);
    } finally {
      chmodSync(dir, 0o755);
    }
    // A read-only file in a writable folder is refused too, though a rename could replace it.
    chmodSync(file, 0o444);
    assert.throws(
      () => fixFiles(parser, [{ file, text: MULTI }], OPTIONS, 'write'),
      (e: Error) => e.message === `${file}: cannot write the fixed file (permission denied)`,
    );
    assert.deepEqual(leftovers(dir), []);
    assert.equal(readFileSync(file, 'utf8'), MULTI);
  });

  it('removes its temporary file when the rename fails (also as root)', () => {
    // The "file" is a folder: the temporary file is written beside it, and renaming a file over a folder fails.
    const dir = join(tmp, 'rename');
    const folder = join(dir, 'folder.nix');
    mkdirSync(folder, { recursive: true });
    assert.throws(
      () => fixFiles(parser, [{ file: folder, text: MULTI, bom: false }], OPTIONS, 'write'),
      (e: Error) => e.message === `${folder}: cannot write the fixed file (is a directory)` && !e.message.includes('\n'),
    );
    assert.deepEqual(leftovers(dir), []);
    assert.ok(statSync(folder).isDirectory());
  });
});
