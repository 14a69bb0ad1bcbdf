/** Hover and completion from the core, with a cursor marker in each snippet. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { completion } from '../../server/src/features/completion';
import { hover } from '../../server/src/features/hover';
import type { NixParser } from '../../server/src/parse/nixParser';
import { analyze } from '../../server/src/rules/analyze';
import { withCursor } from '../support/marker';
import { loadParser } from '../support/parser';

let parser: NixParser;
before(async () => {
  parser = await loadParser();
});

function at(snippet: string) {
  const { text, offset } = withCursor(snippet);
  const tree = parser.parse(text);
  try {
    return { analysis: analyze(tree, text), offset };
  } finally {
    tree.delete();
  }
}

const hoverText = (snippet: string) => {
  const { analysis, offset } = at(snippet);
  const h = hover(analysis, offset);
  return h && (h.contents as { value: string }).value;
};

describe('hover', () => {
  it('explains a mode value with the interface settings', () => {
    assert.equal(
      hoverText('{ x = [ { type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01"; macvtap = { link = "eth0"; mode = "pr<|>ivate"; }; } ]; }'),
      [
        '**macvtap mode `private`**',
        '',
        'Like vepa, but macvtaps on the same parent never see each other.',
        '',
        '**In the kernel:** Frames go out on `link` as in vepa, and frames that come back from the switch for another macvtap on the same parent are dropped, so VMs on one parent are isolated even behind a hairpin switch.',
        '',
        '**Use it when:** VMs sharing a parent must not reach each other.',
        '',
        '---',
        '',
        '**This interface**',
        '',
        '| setting | value |',
        '|---|---|',
        '| `type` | `"macvtap"` |',
        '| `id` | `"vm-a"` |',
        '| `mac` | `"02:00:00:00:00:01"` |',
        '| `macvtap.link` | `"eth0"` |',
        '| `macvtap.mode` | `"private"` |',
      ].join('\n'),
    );
  });

  it('lists every mode on the mode key and shows what is missing', () => {
    const md = hoverText('{ x = { type = "macvtap"; id = someId; macvtap.mo<|>de = null; }; }')!;
    assert.match(md, /^\*\*`macvtap\.mode`: how frames are switched\*\*/);
    for (const mode of ['vepa', 'bridge', 'private', 'passthru', 'source']) assert.match(md, new RegExp(`\\| \`${mode}\` \\| `));
    assert.match(md, /\| `id` \| \*computed\* \|/);
    assert.match(md, /\| `mac` \| \*\*not set\*\* \|/);
    assert.match(md, /\| `macvtap.link` \| \*\*not set\*\* \|/);
    assert.match(md, /\| `macvtap.mode` \| `null` \|/);
  });

  it('explains the type binding, the macvtap key and the link key', () => {
    assert.match(hoverText('{ x = { ty<|>pe = "macvtap"; }; }')!, /^\*\*`type = "macvtap"`: MicroVM macvtap interface\*\*\n\nA macvtap device on top of the host interface/);
    assert.match(hoverText('{ x = { type = "macvtap"; mac<|>vtap = { link = "eth0"; }; }; }')!, /^\*\*`macvtap`: macvtap settings\*\*\n\nmicrovm\.nix creates the device on the host with `ip link add link LINK name ID address MAC type macvtap mode MODE`/);
    assert.match(hoverText('{ x = { type = "macvtap"; macvtap.li<|>nk = "eth0"; }; }')!, /^\*\*`macvtap.link`: parent host interface\*\*/);
    assert.match(hoverText('{ x = { type = "ta<|>p"; }; }')!, /^\*\*MicroVM interface type `tap`\*\*\n\nA tap device on the host/);
  });

  it('says nothing outside interface settings', () => {
    assert.equal(hoverText('{ x = { type = "macvtap"; i<|>d = "a"; }; }'), null);
    assert.equal(hoverText('{ networking.host<|>Name = "a"; }'), null);
    assert.equal(hoverText('{ x = { type = "tap"; macvtap.mo<|>de = "vepa"; }; }'), null);
  });
});

describe('completion', () => {
  const labels = (snippet: string, preferred: 'vepa' | 'bridge' = 'vepa') => {
    const { analysis, offset } = at(snippet);
    return completion(analysis, offset, preferred).map((i) => `${i.label}${i.preselect ? '*' : ''}`);
  };

  it('offers the modes inside mode = "", preferred first and preselected', () => {
    assert.deepEqual(labels('{ x = { type = "macvtap"; macvtap.mode = "<|>"; }; }'), ['vepa*', 'bridge', 'private', 'passthru', 'source']);
    assert.deepEqual(labels('{ x = { type = "macvtap"; macvtap = { mode = "br<|>"; }; }; }', 'bridge').sort(), ['bridge*', 'passthru', 'private', 'source', 'vepa']);
  });

  it('replaces the whole string content', () => {
    const { analysis, offset } = at('{ x = { type = "macvtap"; macvtap.mode = "vp<|>ea"; }; }');
    const [vepa] = completion(analysis, offset, 'vepa');
    assert.deepEqual(vepa.textEdit, { range: { start: { line: 0, character: 42 }, end: { line: 0, character: 46 } }, newText: 'vepa' });
  });

  it('offers interface types inside type = ""', () => {
    assert.deepEqual(labels('{ x = { type = "<|>"; id = "a"; }; }'), ['user', 'tap', 'macvtap', 'bridge']);
  });

  it('offers nothing outside those strings', () => {
    assert.deepEqual(labels('{ x = { type = "macvtap"; macvtap.mode = <|>"vepa"; }; }'), []);
    assert.deepEqual(labels('{ x = { type = "macvtap"; id = "<|>"; }; }'), []);
    assert.deepEqual(labels('{ description = "<|>"; }'), []);
  });
});
