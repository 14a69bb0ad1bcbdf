/**
 * The "Ignore <code> on this line" quick fix puts a comment line above the
 * finding's line. Where that line starts inside a string (after a lone "\r",
 * which LSP counts as a line break and Nix does not), the comment would become
 * part of the string: only "in this file" is offered there.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { NixParser } from '../../server/src/parse/nixParser';
import { analyze } from '../../server/src/rules/analyze';
import { loadParser } from '../support/parser';

describe('ignore fixes', () => {
  let parser: NixParser;
  before(async () => {
    parser = await loadParser();
  });

  function ignoreTitles(text: string, code: string): string[] {
    const tree = parser.parse(text);
    try {
      return analyze(tree, text).findings.find((f) => f.code === code)!.ignore!.map((f) => f.title);
    } finally {
      tree.delete();
    }
  }

  it('offers both where the finding\'s line starts in code', () => {
    assert.deepEqual(ignoreTitles('{ microvm.interfaces = [ { type = "tap"; id = "vm-a";\n  mac = "03:00:00:00:00:01"; } ]; }\n', 'mac-multicast'), [
      'Ignore mac-multicast on this line',
      'Ignore mac-multicast in this file',
    ]);
  });

  it('offers only "in this file" where the line starts at the closing quote of a string broken by a lone "\\r"', () => {
    assert.deepEqual(ignoreTitles('{ microvm.interfaces = [ { type = "tap\r"; id = "vm-a"; mac = "03:00:00:00:00:01"; } ]; }\n', 'mac-multicast'), [
      'Ignore mac-multicast in this file',
    ]);
  });

  it('offers both where the line starts in a ${...} inside a string', () => {
    assert.deepEqual(ignoreTitles('{ microvm.interfaces = [ { type = "tap"; id = "vm-${\n  "a"}"; mac = "03:00:00:00:00:01"; } ]; }\n', 'mac-multicast'), [
      'Ignore mac-multicast on this line',
      'Ignore mac-multicast in this file',
    ]);
  });
});
