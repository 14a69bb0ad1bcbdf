import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex } from '../../server/src/text/lineIndex';

describe('LineIndex (LSP positions)', () => {
  it('treats \\r\\n, \\n and a lone \\r as line ends', () => {
    const lines = new LineIndex('a\r\nb\nc\rd');
    assert.equal(lines.lineCount, 4);
    assert.deepEqual([0, 3, 5, 7].map((o) => lines.positionAt(o)), [
      { line: 0, character: 0 },
      { line: 1, character: 0 },
      { line: 2, character: 0 },
      { line: 3, character: 0 },
    ]);
    assert.deepEqual(lines.positionAt(2), { line: 0, character: 1 }, 'between \\r and \\n is the end of the line');
    assert.equal(lines.eolOf(0), '\r\n');
    assert.equal(lines.eolOf(1), '\n');
    assert.equal(lines.eolOf(2), '\r');
    assert.equal(lines.eolOf(3), '\r\n', 'last line: the file\'s first line ending');
  });

  it('counts characters in UTF-16 code units', () => {
    const text = 'é🚀x\nß';
    const lines = new LineIndex(text);
    assert.deepEqual(lines.positionAt(text.indexOf('x')), { line: 0, character: 3 });
    assert.equal(lines.offsetAt({ line: 0, character: 3 }), 3);
    assert.deepEqual(lines.positionAt(text.length), { line: 1, character: 1 });
  });

  it('clamps positions past the line end or the last line', () => {
    const lines = new LineIndex('ab\r\ncd');
    assert.equal(lines.offsetAt({ line: 0, character: 99 }), 2);
    assert.equal(lines.offsetAt({ line: 7, character: 0 }), 6);
    assert.equal(lines.offsetAt({ line: -1, character: 4 }), 0);
    assert.equal(new LineIndex('').eolOf(0), '\n');
  });
});
