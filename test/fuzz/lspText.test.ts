/**
 * The fuzzer's own oracle for positions: if it were wrong, the fuzz test
 * would miss range bugs or report false ones. Checked against the LSP
 * specification's rules and against vscode-languageserver-textdocument.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspText } from './lspText';
import { mappedSpots } from './checker';
import { applyMutation, mutate } from './mutate';
import { Rng } from './prng';

describe('LspText (the fuzzer\'s model of LSP positions)', () => {
  it('ends lines at \\r\\n, \\n and a lone \\r, and counts UTF-16 code units', () => {
    const t = new LspText('a\r\nb\rc\n🚀d');
    assert.equal(t.lineCount, 4);
    assert.deepEqual([0, 1, 2, 3].map((l) => t.lineLength(l)), [1, 1, 1, 3]);
    assert.deepEqual(t.positionAt(2), { line: 0, character: 1 }, 'between \\r and \\n is the end of the line');
    assert.deepEqual(t.positionAt(8), { line: 3, character: 1 }, 'inside a surrogate pair');
    assert.equal(t.offsetAt({ line: 1, character: 9 }), 4, 'past the line end means the line end');
    assert.equal(t.rangeProblem({ start: { line: 3, character: 0 }, end: { line: 3, character: 4 } }), '3:0-3:4: character 4 outside line 3 (length 3)');
    assert.equal(t.rangeProblem({ start: { line: 0, character: 1 }, end: { line: 0, character: 0 } }), '0:1-0:0: start after end');
    assert.equal(t.rangeProblem({ start: { line: 4, character: 0 }, end: { line: 4, character: 0 } })?.includes('line 4 outside'), true);
  });

  it('applies edits, rejecting overlaps and keeping the order of insertions at one place', () => {
    const t = new LspText('abc\n');
    const at = (c: number) => ({ line: 0, character: c });
    assert.deepEqual(t.applyEdits([{ range: { start: at(1), end: at(1) }, newText: 'X' }, { range: { start: at(1), end: at(1) }, newText: 'Y' }]), { text: 'aXYbc\n' });
    assert.match((t.applyEdits([{ range: { start: at(0), end: at(2) }, newText: '' }, { range: { start: at(1), end: at(3) }, newText: '' }]) as { problem: string }).problem, /overlaps/);
  });

  it('agrees with vscode-languageserver-textdocument on mutated documents', () => {
    const rng = new Rng(7);
    let text = '{\r\n  x = "🚀";\n  y = 1;\r  z = "a";\n}\n';
    for (let i = 0; i < 300; i++) {
      const ours = new LspText(text);
      const theirs = TextDocument.create('file:///t.nix', 'nix', 1, text);
      assert.equal(ours.lineCount, theirs.lineCount, JSON.stringify(text));
      for (let o = 0; o <= text.length; o++) assert.deepEqual(ours.positionAt(o), theirs.positionAt(o), `offset ${o} of ${JSON.stringify(text)}`);
      text = applyMutation(text, mutate(text, rng));
    }
  });

  it('maps a diagnostic\'s start through a fix\'s edits', () => {
    assert.deepEqual([...mappedSpots(10, [{ start: 2, end: 4, len: 5 }])], [13], 'an edit before shifts it');
    assert.deepEqual([...mappedSpots(10, [{ start: 12, end: 12, len: 5 }])], [10], 'an edit after leaves it');
    assert.deepEqual([...mappedSpots(10, [{ start: 10, end: 10, len: 5 }])], [10, 15], 'an insertion at it: before or after');
    assert.deepEqual([...mappedSpots(10, [{ start: 8, end: 12, len: 1 }])], [8, 9], 'an edit around it: either end of the new text');
  });
});
