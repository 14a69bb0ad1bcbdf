/**
 * Pieces of "huge files never freeze the editor" below the protocol: sizes
 * in UTF-8 bytes kept per edit, the maxFileSize setting, and analyses of
 * 10,000-deep files (no stack overflow, the same answer as a shallow file).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { OpenDocument } from '../../server/src/features/documents';
import { formatBytes, utf8Length } from '../../server/src/features/fileSize';
import { parseSettings } from '../../server/src/features/settings';
import type { NixParser } from '../../server/src/parse/nixParser';
import { countSyntaxProblems } from '../../server/src/parse/syntax';
import { analyze } from '../../server/src/rules/analyze';
import { deeplyNested, deepInterfaceSet } from '../support/hugeNix';
import { loadParser } from '../support/parser';

let parser: NixParser;
before(async () => {
  parser = await loadParser();
});

const codes = (text: string) => {
  const tree = parser.parse(text);
  try {
    return analyze(tree, text).findings.map((f) => `${f.code} ${text.slice(f.span.start, f.span.end)}`);
  } finally {
    tree.delete();
  }
};

describe('document size', () => {
  it('counts UTF-8 bytes as a file on disk has them (lone surrogates as U+FFFD)', () => {
    for (const s of ['', 'abc', 'é', '€', '😀', 'a😀b', '\uD800', 'x\uDC00y', '\uD83D\uD83D\uDE00', 'mode = "vepa"; # ü\r\n']) {
      assert.equal(utf8Length(s), Buffer.byteLength(s, 'utf8'), JSON.stringify(s));
    }
  });

  it('keeps the size right across edits without measuring the whole text again', () => {
    const doc = new OpenDocument(parser, 'file:///x.nix', 1, '{ a = "é"; }\n');
    const edits: [number, number, string][] = [[7, 8, '😀'], [0, 0, '# ü\n'], [5, 13, ''], [2, 2, '\uD800']];
    edits.forEach(([start, end, text], i) => {
      doc.applyChanges([{ range: { start: doc.lines.positionAt(start), end: doc.lines.positionAt(end) }, text }], i + 2);
      assert.equal(doc.bytes, Buffer.byteLength(doc.text, 'utf8'), `after edit ${i}: ${JSON.stringify(doc.text)}`);
    });
    doc.dispose();
  });

  it('reads maxFileSize in bytes and drops a bad value alone', () => {
    assert.equal(parseSettings({}).settings.maxFileSize, 4 * 1024 * 1024);
    assert.equal(parseSettings({ maxFileSize: 1000 }).settings.maxFileSize, 1000);
    const bad = parseSettings({ maxFileSize: '2MB', enable: false });
    assert.deepEqual([bad.settings.maxFileSize, bad.settings.enable, bad.problems], [4194304, false, ['microvmLint.maxFileSize: expected a number of bytes (0 or more)']]);
    assert.equal(parseSettings({ maxFileSize: -1 }).problems.length, 1);
    assert.deepEqual([formatBytes(20 << 20), formatBytes(4 << 20), formatBytes(2048), formatBytes(12)], ['20.0 MB', '4.0 MB', '2 KB', '12 bytes']);
  });
});

describe('10,000-deep nesting', () => {
  const shallow = () => codes(deeplyNested(1, '[ ', ' ]'));

  it('the shallow file shows the missing mode', () => {
    assert.deepEqual(shallow(), ['macvtap-mode-missing type = "macvtap";']);
  });

  for (const [name, open, close] of [
    ['lists', '[ ', ' ]'],
    ['parentheses', '( ', ' )'],
    ['lists in parentheses', '([ ', ' ])'],
    ['mkIf calls', 'lib.mkIf c (', ')'],
    ['if branches', 'if c then ', ' else null'],
    ['let bodies', 'let x = 1; in ', ''],
    ['++ operands', '[ ] ++ ', ''],
  ] as const) {
    it(`finds what a shallow file shows, through ${name}`, () => {
      assert.deepEqual(codes(deeplyNested(10_000, open, close)), shallow());
    });
  }

  it('reads an interface whose own sets nest 10,000 deep', () => {
    assert.deepEqual(codes(deepInterfaceSet(10_000)), shallow());
  });

  it('counts the syntax errors of 10,000 unclosed brackets', () => {
    const text = '['.repeat(10_000);
    const tree = parser.parse(text);
    try {
      assert.ok(countSyntaxProblems(tree) >= 1);
    } finally {
      tree.delete();
    }
  });
});
