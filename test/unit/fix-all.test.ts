/**
 * "Fix all in file" (and `source.fixAll`, `check --fix`) applies each
 * finding's preferred fix in document order, skipping one that touches text
 * an earlier chosen fix already changes; the next run applies it.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { NixParser } from '../../server/src/parse/nixParser';
import { isSafeEdit, nonOverlappingPreferredEdits } from '../../server/src/rules/fixes';
import { loadParser } from '../support/parser';
import type { Finding } from '../../server/src/rules/rule';
import { applyEdits, type TextEdit } from '../../server/src/text/edits';

/** A finding whose fixes are the given edit lists; the first is preferred unless `preferred` says otherwise. */
function finding(edits: TextEdit[][], preferred = 0): Finding {
  return {
    code: 'mac-invalid',
    severity: 'error',
    span: { start: 0, end: 1 },
    messageId: 'invalid',
    message: '',
    fixes: edits.map((e, k) => ({ title: `fix ${k}`, edits: e, isPreferred: k === preferred })),
  };
}
const put = (start: number, end: number, newText: string): TextEdit => ({ start, end, newText });

describe('fix all', () => {
  const text = '0123456789abcdef';
  const fixAll = (findings: Finding[]) => applyEdits(text, nonOverlappingPreferredEdits(findings));

  it('applies fixes that touch different text, also when one ends where the next starts', () => {
    assert.equal(fixAll([finding([[put(0, 2, 'AB')]]), finding([[put(2, 4, 'CD')]]), finding([[put(4, 4, '+')]])]), 'ABCD+456789abcdef');
  });

  it('skips a fix that overlaps one chosen before it, on either side', () => {
    assert.equal(fixAll([finding([[put(2, 6, 'X')]]), finding([[put(4, 8, 'Y')]]), finding([[put(0, 3, 'Z')]])]), '01X6789abcdef');
  });

  it('skips a second insertion at the same place (the two texts would run together)', () => {
    assert.equal(fixAll([finding([[put(3, 3, 'a')]]), finding([[put(3, 3, 'b')]])]), '012a3456789abcdef');
  });

  it('skips a whole fix when any of its edits overlaps, and applies all edits of one that fits', () => {
    assert.equal(fixAll([finding([[put(5, 6, 'F')]]), finding([[put(0, 1, 'G'), put(5, 7, 'H')]]), finding([[put(9, 10, 'I'), put(12, 13, 'J')]])]), '01234F678Iab' + 'Jdef');
  });

  it('uses only preferred fixes', () => {
    assert.equal(fixAll([finding([[put(0, 1, 'no')], [put(1, 2, 'yes')]], 1), finding([[put(3, 4, 'none')]], -1)]), '0yes23456789abcdef');
  });
});

describe('a fix is offered only when it adds no syntax error', () => {
  let parser: NixParser;
  before(async () => {
    parser = await loadParser();
  });

  it('accepts an edit that keeps the file valid, or keeps the errors it already had', () => {
    assert.equal(isSafeEdit(parser, '{ a = 1; }', [put(8, 8, ' b = 2;')]), true);
    assert.equal(isSafeEdit(parser, '{ a = 1; ', [put(8, 8, ' b = 2;')]), true);
  });

  it('refuses an edit that breaks the file', () => {
    assert.equal(isSafeEdit(parser, '{ a = 1; }', [put(8, 8, ' b = ;')]), false);
    assert.equal(isSafeEdit(parser, '{ a = 1; }', [put(9, 10, '')]), false);
  });
});
