/**
 * Incremental parsing must give the same tree as parsing from scratch,
 * whatever the edits: random insertions and deletions, CRLF, non-ASCII.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { NixParser } from '../../server/src/parse/nixParser';
import { ParsedDocument } from '../../server/src/parse/parsedDocument';
import { loadParser } from '../support/parser';

let parser: NixParser;
before(async () => {
  parser = await loadParser();
});

/** A small deterministic PRNG, so a failure can be replayed. */
function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

const BASE = '{ lib, ... }:\r\n{\r\n  # café 🚀\r\n  microvm.interfaces = [ { type = "macvtap"; id = "é"; macvtap = { link = "eth0"; }; } ];\r\n}\r\n';
const PIECES = ['"', '{', '}', ';', ' = ', 'mode', '\r\n', '\n', 'é', '🚀', '${', "''", '#', 'macvtap', ' '];

describe('incremental parsing', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`matches a fresh parse after 200 random edits (seed ${seed})`, () => {
      const random = rng(seed);
      const doc = new ParsedDocument(parser, BASE);
      try {
        for (let i = 0; i < 200; i++) {
          const text = doc.text;
          const start = Math.floor(random() * (text.length + 1));
          const end = Math.min(text.length, start + Math.floor(random() * 4));
          // Never split a surrogate pair: editors don't either.
          if (/[\uDC00-\uDFFF]/.test(text[start] ?? '') || /[\uDC00-\uDFFF]/.test(text[end] ?? '')) continue;
          const insert = random() < 0.5 ? PIECES[Math.floor(random() * PIECES.length)] : '';
          doc.edit(start, end, insert);
          const fresh = parser.parse(doc.text);
          try {
            assert.equal(doc.tree.rootNode.toString(), fresh.rootNode.toString(), `after edit ${i} at ${start}-${end} inserting ${JSON.stringify(insert)}`);
          } finally {
            fresh.delete();
          }
        }
      } finally {
        doc.dispose();
      }
    });
  }
});
