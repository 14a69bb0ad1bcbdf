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
import { LineBuffer } from '../../server/src/text/lineBuffer';
import { LineIndex } from '../../server/src/text/lineIndex';
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

  it('reads an interface with a syntax error whose own sets nest 10,000 deep', () => {
    // The error sends the set to the reader that walks the tree node by node, which stops at the same depth.
    const broken = (depth: number) => deepInterfaceSet(depth).replace('type = "macvtap";', 'type = "macvtapp"; )');
    assert.deepEqual(codes(broken(1)), ['interface-type-invalid "macvtapp"']);
    assert.deepEqual(codes(broken(10_000)), codes(broken(1)));
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

describe('line index after an edit', () => {
  it('equals one built from the new text, for random edits around "\\r", "\\n" and "\\r\\n"', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pieces = ['', 'a', '\n', '\r', '\r\n', 'x\r', '\ny', 'é😀', '\r\n\r\n'];
    const pick = () => pieces[Math.floor(random() * pieces.length)];
    let index = new LineIndex('a\r\nb\rc\nd');
    for (let i = 0; i < 3000; i++) {
      const text = index.text;
      const start = Math.floor(random() * (text.length + 1));
      const end = Math.min(text.length, start + Math.floor(random() * 3));
      const inserted = pick() + pick();
      const next = text.slice(0, start) + inserted + text.slice(end);
      index = index.edited(start, end, inserted, next);
      const fresh = new LineIndex(next);
      const lines = (x: LineIndex) => Array.from({ length: x.lineCount }, (_, l) => x.lineStart(l));
      assert.deepEqual(lines(index), lines(fresh), `edit ${i}: ${JSON.stringify(text)} [${start}, ${end}) <- ${JSON.stringify(inserted)}`);
      if (next.length > 60) index = new LineIndex(next.slice(0, 30));
    }
  });
});

describe('line buffer (documents without a tree)', () => {
  it('gives the text a flat edit gives, for random edits, clamped and reversed ranges, and line ends', () => {
    let seed = 11;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pieces = ['', 'a', '\n', '\r', '\r\n', 'x\r', '\ny', 'é😀'];
    const pick = () => pieces[Math.floor(random() * pieces.length)];
    let text = 'a\r\nb\rc\nd';
    const buffer = new LineBuffer(text);
    for (let i = 0; i < 3000; i++) {
      const index = new LineIndex(text);
      const position = () => ({ line: Math.floor(random() * (index.lineCount + 1)) - (random() < 0.05 ? 1 : 0), character: Math.floor(random() * 4) });
      const range = { start: position(), end: position() };
      const inserted = pick() + pick();
      const start = index.offsetAt(range.start);
      const end = Math.max(start, index.offsetAt(range.end));
      const removed = buffer.replace(range, inserted);
      const before = text;
      text = text.slice(0, start) + inserted + text.slice(end);
      assert.equal(buffer.text, text, `edit ${i}: ${JSON.stringify(before)} ${JSON.stringify(range)} <- ${JSON.stringify(inserted)}`);
      assert.equal(removed, before.slice(start, end));
      if (text.length > 60) {
        text = text.slice(0, 30);
        buffer.replace({ start: { line: 0, character: 0 }, end: { line: 1e9, character: 0 } }, text);
        assert.equal(buffer.text, text);
      }
    }
  });
});

describe('a MAC shared by 300 interfaces', () => {
  it('marks each, and each lists the first 20 others (the Problems panel stays readable)', () => {
    const sets = Array.from({ length: 300 }, (_, k) => `    { type = "tap"; id = "vm-${k}"; mac = "02:00:00:00:00:01"; }`);
    const text = `{\n  microvm.interfaces = [\n${sets.join('\n')}\n  ];\n}\n`;
    const tree = parser.parse(text);
    try {
      const dups = analyze(tree, text).findings.filter((f) => f.code === 'mac-duplicate');
      assert.equal(dups.length, 300);
      assert.deepEqual(new Set(dups.map((f) => f.related?.length)), new Set([20]));
      assert.match(dups[0].related![0].message, /"vm-1"/);
    } finally {
      tree.delete();
    }
  });
});
