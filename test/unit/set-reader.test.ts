/**
 * The cursor reader of clean attribute sets (model/setReader.ts) is only a
 * faster way to the same facts: for every set of many real-looking files it
 * must give exactly what the node-by-node reader gives.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { bigConfig, hostConfig, interfaceWorkspace, workspace } from '../../bench/corpus';
import { isAttrSetNode, readAttrSet } from '../../server/src/model/attrsets';
import type { NixParser } from '../../server/src/parse/nixParser';
import type { SyntaxNode } from '../../server/src/parse/syntax-types';
import { CASE_TABLES } from '../support/allCases';
import { loadParser } from '../support/parser';

let parser: NixParser;
before(async () => {
  parser = await loadParser();
});

const ROOT = join(__dirname, '..', '..', '..');

/** Shapes the generated files lack: comments and strings in paths, escapes, parentheses, inherits, computed names. */
const TRICKY = [
  '{ }',
  'rec { a = 1; b = a; }',
  '{ a /* c */ . b = 1; "x.y" = 2; a."${n}" = 3; ${k} = 4; c.${k}.d = 5; }',
  '{ a = "x\\"y\\n\\t\\r\\$"; b = \'\'one\'\'; c = \'\'a\n b\'\'; d = \'\'\'\'\'$x\'\'\\n\'\'; e = "${x}y"; f = "$${x}"; }',
  '{ a = (({ b = ((null)); c = (x: x); })); n = null; m = nul; }',
  '{ inherit a "b" ${c}; inherit (pkgs) d e; inherit (x) /* c */ f; }',
  '{ a = { b = { c = "d"; }; }; # comment\n  e = [ { f = 1; } ]; }',
  '{ "é" = "ü"; x = "\\u00e9"; }',
  '{\r\n  a = "b";\r\n  c.d = {\r\n    e = \'\'f\'\';\r\n  };\r\n}\r\n',
  '{ a = rec { b = 1; }; c = (rec { d = "e"; }); }',
  "{ a = ''x'''y''; b = ''x''\\ty''; c = ''x''\\ry''; d = ''x''\\zy''; e = ''x''\\ny''; f = \"x\\ty\\r\\z\"; }",
  // Past MAX_SET_DEPTH (64) both readers stop reading at the same level.
  `{ ${'a = { '.repeat(70)}b = 1;${' };'.repeat(70)} }`,
];

function attrSets(root: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const visit = (n: SyntaxNode) => {
    if (isAttrSetNode(n)) out.push(n);
    for (const child of n.namedChildren) if (child) visit(child);
  };
  visit(root);
  return out;
}

function texts(): { name: string; text: string }[] {
  const out = TRICKY.map((text, i) => ({ name: `tricky ${i}`, text }));
  for (const [family, table] of Object.entries(CASE_TABLES)) {
    for (const c of [...table.valid, ...table.invalid]) out.push({ name: `${family}: ${c.name}`, text: c.code });
  }
  for (const f of readdirSync(join(ROOT, 'examples'))) if (f.endsWith('.nix')) out.push({ name: f, text: readFileSync(join(ROOT, 'examples', f), 'utf8') });
  for (const f of [...interfaceWorkspace(60, 3), ...workspace(120, 4)]) out.push({ name: f.path, text: f.text });
  out.push({ name: 'host', text: hostConfig(5) }, { name: 'big', text: bigConfig(1 << 17) });
  return out;
}

describe('the cursor reader of clean attribute sets', () => {
  it('reads every clean set exactly as the node reader does', () => {
    let compared = 0;
    for (const { name, text } of texts()) {
      const tree = parser.parse(text);
      try {
        for (const node of attrSets(tree.rootNode)) {
          if (node.hasError) continue;
          assert.deepEqual(readAttrSet(node, text), readAttrSet(node), `${name}: set at ${node.startIndex}`);
          compared++;
        }
      } finally {
        tree.delete();
      }
    }
    assert.ok(compared > 2000, `only ${compared} sets compared`);
  });

  it('reads a set with a syntax error node by node: its bindings, and broken marked on it and on the set holding the error', () => {
    const text = '{ a = { b = 1; c = ; }; d = "e"; }';
    const tree = parser.parse(text);
    try {
      const outer = attrSets(tree.rootNode)[0];
      assert.equal(outer.hasError, true);
      const set = readAttrSet(outer, text);
      assert.equal(set.broken, true, 'the outer set, whose binding a holds the error, is marked broken');
      assert.deepEqual(set.bindings.map((b) => `${b.path.join('.')} ${b.value.kind}`), ['a attrset', 'd string']);
      const inner = set.bindings[0].value;
      assert.ok(inner.kind === 'attrset');
      assert.equal(inner.set.broken, true, 'so is the set with the error');
      assert.deepEqual(inner.set.bindings.map((b) => `${b.path.join('.')} ${b.value.kind}`), ['b other', 'c other']);
    } finally {
      tree.delete();
    }
  });
});
