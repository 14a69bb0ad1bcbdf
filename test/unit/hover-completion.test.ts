/** Hover and completion from the core, with a cursor marker in each snippet. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { CompletionItem } from 'vscode-languageserver';
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

/** `{ microvm.interfaces = [ SET ]; }`: a guest module declaring one interface. */
const guest = (set: string) => `{ microvm.interfaces = [ ${set} ]; }`;

describe('hover', () => {
  it('explains a mode value with the interface settings', () => {
    assert.equal(
      hoverText(guest('{ type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01"; macvtap = { link = "eth0"; mode = "pr<|>ivate"; }; }')),
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
    const md = hoverText(guest('{ type = "macvtap"; id = someId; macvtap.mo<|>de = null; }'))!;
    assert.match(md, /^\*\*`macvtap\.mode`: how frames are switched\*\*/);
    for (const mode of ['vepa', 'bridge', 'private', 'passthru', 'source']) assert.match(md, new RegExp(`\\| \`${mode}\` \\| `));
    assert.match(md, /\| `id` \| \*computed\* \|/);
    assert.match(md, /\| `mac` \| \*\*not set\*\* \|/);
    assert.match(md, /\| `macvtap.link` \| \*\*not set\*\* \|/);
    assert.match(md, /\| `macvtap.mode` \| `null` \|/);
  });

  it('shows settings it cannot read as set elsewhere: inherited, under a value that is not a set, in a set with computed names', () => {
    const table = (snippet: string) => hoverText(snippet)!.split('\n').filter((l) => l.startsWith('| `'));
    assert.deepEqual(table(`{ mac, link, ... }: ${guest('{ ty<|>pe = "macvtap"; id.name = "vm-a"; inherit mac; macvtap = { inherit link; mode = "vepa"; }; }')}`), [
      '| `type` | `"macvtap"` |',
      '| `id` | *set elsewhere (not a literal)* |',
      '| `mac` | *set elsewhere (not a literal)* |',
      '| `macvtap.link` | *set elsewhere (not a literal)* |',
      '| `macvtap.mode` | `"vepa"` |',
    ]);
    assert.deepEqual(table(`{ cfg, key, ... }: ${guest('{ ty<|>pe = "macvtap"; id = "vm-a"; macvtap = cfg.macvtap; ${key} = "x"; }')}`), [
      '| `type` | `"macvtap"` |',
      '| `id` | `"vm-a"` |',
      '| `mac` | *set elsewhere (not a literal)* |',
      '| `macvtap.link` | *set elsewhere (not a literal)* |',
      '| `macvtap.mode` | *set elsewhere (not a literal)* |',
    ]);
  });

  it('on the squiggle of a macvtap interface without a usable mode, lists the five modes with a line each', () => {
    const modeLines = [
      '- `vepa`: Virtual Ethernet Port Aggregator: every frame leaves through the parent interface. The kernel\'s default mode.',
      '- `bridge`: The macvtaps of one parent are bridged in the kernel.',
      '- `private`: Like vepa, but macvtaps on the same parent never see each other.',
      '- `passthru`: One macvtap takes over the parent interface.',
      '- `source`: The macvtap receives only frames from an allowed list of source MACs.',
    ].join('\n');
    // On the value of the squiggled `type = "macvtap";` binding (mode missing).
    const onType = hoverText(guest('{ type = "mac<|>vtap"; id = "vm-a"; macvtap.link = "eth0"; }'))!;
    assert.ok(onType.includes(`**Choose a mode** (microvm.nix has none by default):\n\n${modeLines}`), onType);
    // On the "=" of that binding: not a key or a value, still the squiggle.
    const onEquals = hover(at(guest('{ type <|>= "macvtap"; id = "vm-a"; macvtap.link = "eth0"; }')).analysis, at(guest('{ type <|>= "macvtap"; id = "vm-a"; macvtap.link = "eth0"; }')).offset)!;
    assert.ok((onEquals.contents as { value: string }).value.endsWith(modeLines));
    assert.deepEqual(onEquals.range, { start: { line: 0, character: 27 }, end: { line: 0, character: 44 } });
    // An invalid mode: the mode table on the value.
    assert.match(hoverText(guest('{ type = "macvtap"; macvtap = { link = "eth0"; mode = "br<|>igde"; }; }'))!, /\| `passthru` \| One macvtap takes over/);
    // A valid mode: no list on the type.
    assert.ok(!hoverText(guest('{ type = "mac<|>vtap"; macvtap = { link = "eth0"; mode = "vepa"; }; }'))!.includes('Choose a mode'));
  });

  it('explains the type binding, the macvtap key and the link key', () => {
    assert.match(hoverText(guest('{ ty<|>pe = "macvtap"; id = "a"; }'))!, /^\*\*`type = "macvtap"`: MicroVM macvtap interface\*\*\n\nA macvtap device on top of the host interface/);
    assert.match(hoverText(guest('{ type = "macvtap"; mac<|>vtap = { link = "eth0"; }; }'))!, /^\*\*`macvtap`: macvtap settings\*\*\n\nmicrovm\.nix creates the device on the host with `ip link add link LINK name ID address MAC type macvtap mode MODE`/);
    assert.match(hoverText(guest('{ type = "macvtap"; macvtap.li<|>nk = "eth0"; }'))!, /^\*\*`macvtap.link`: parent host interface\*\*/);
    assert.match(hoverText(guest('{ type = "ta<|>p"; }'))!, /^\*\*MicroVM interface type `tap`\*\*\n\nA tap device on the host/);
  });

  it('counts the bytes of an id against the limit of 15', () => {
    assert.match(hoverText(guest('{ type = "tap"; i<|>d = "vm-web"; }'))!, /`vm-web` is \*\*6 of 15 bytes\*\* and fits/);
    assert.match(hoverText(guest('{ type = "tap"; id = "vm-düsseldorf-<|>1"; }'))!, /`vm-düsseldorf-1` is \*\*16 of 15 bytes\*\* and is \*\*1 too long\*\*/);
    assert.equal(hoverText(guest('{ type = "tap"; i<|>d = "vm-${name}"; }')), null);
  });

  it('parses a MAC: canonical form, unicast or multicast, local or universal, other uses in the file', () => {
    const md = hoverText(
      '{\n  microvm.vms.a.config.microvm.interfaces = [ { type = "tap"; id = "vm-a"; mac = "02:AB:00:00:00:0<|>1"; } ];\n' +
        '  microvm.vms.b.config.microvm.interfaces = [ { type = "tap"; id = "vm-b"; mac = "02:ab:00:00:00:01"; } ];\n}',
    )!;
    assert.ok(md.startsWith('**`mac`: MAC address**\n\n**02:ab:00:00:00:01**\n\n- unicast\n- locally administered'), md);
    assert.ok(md.includes('**Also used in this file:**\n- line 3, interface `vm-b`'), md);
    assert.ok(md.includes('**This interface** (VM `a`)'), md);
    const multicast = hoverText(guest('{ type = "tap"; mac<|> = "01-00-5E-00-00-01"; }'))!;
    assert.ok(multicast.includes('**01:00:5e:00:00:01** (written with dashes'), multicast);
    assert.ok(multicast.includes('- **multicast** (first octet odd)') && multicast.includes('- **universally administered**'), multicast);
    assert.match(hoverText(guest('{ type = "tap"; mac = "02:00:00<|>:00:01"; }'))!, /`02:00:00:00:01` is not a MAC address/);
  });

  it('says nothing outside MicroVM interfaces', () => {
    assert.equal(hoverText('{ networking.host<|>Name = "a"; }'), null);
    assert.equal(hoverText(guest('{ type = "tap"; macvtap.mo<|>de = "vepa"; }')), null);
    assert.equal(hoverText('{ xdg.desktopEntries.foo = { name = "Foo"; ty<|>pe = "Application"; exec = "foo"; }; }'), null);
    assert.equal(hoverText('{ xdg.desktopEntries.foo = { name = "Foo"; type = "Appli<|>cation"; }; }'), null);
    assert.equal(hoverText('{ inputs.nixpkgs = { type = "git<|>hub"; owner = "NixOS"; repo = "nixpkgs"; }; }'), null);
    assert.equal(hoverText('{ services.polybar.config."module/date" = { type = "internal/da<|>te"; interval = 5; }; }'), null);
    assert.equal(hoverText('{ x = { ty<|>pe = "macvtap"; }; }'), null, 'a macvtap type alone, outside microvm.interfaces, is not our shape');
    assert.equal(hoverText('{ networking.interfaces.eth0.macAddr<|>ess = "02:00:00:00:00:01"; }'), null);
  });
});

describe('completion', () => {
  /** The labels in the order a client lists them (by sortText, else label), `*` after the preselected one. */
  const labels = (snippet: string, preferred: 'vepa' | 'bridge' = 'vepa') => {
    const { analysis, offset } = at(snippet);
    const key = (i: CompletionItem) => i.sortText ?? i.label;
    return completion(analysis, offset, preferred)
      .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
      .map((i) => `${i.label}${i.preselect ? '*' : ''}`);
  };

  it('offers the modes inside mode = "", preferred first and preselected', () => {
    assert.deepEqual(labels(guest('{ type = "macvtap"; macvtap.mode = "<|>"; }')), ['vepa*', 'bridge', 'private', 'passthru', 'source']);
    assert.deepEqual(labels(guest('{ type = "macvtap"; macvtap = { mode = "br<|>"; }; }'), 'bridge'), ['bridge*', 'vepa', 'private', 'passthru', 'source']);
  });

  it('replaces the whole string content', () => {
    const { analysis, offset } = at(guest('{ type = "macvtap"; macvtap.mode = "vp<|>ea"; }'));
    const [vepa] = completion(analysis, offset, 'vepa');
    assert.deepEqual(vepa.textEdit, { range: { start: { line: 0, character: 61 }, end: { line: 0, character: 65 } }, newText: 'vepa' });
  });

  it('offers interface types inside type = "" of a MicroVM interface', () => {
    assert.deepEqual(labels(guest('{ type = "<|>"; id = "a"; }')), ['user', 'tap', 'macvtap', 'bridge']);
    assert.deepEqual(labels('{ microvm.vms.web.config = { microvm.interfaces = [ { type = "t<|>"; } ]; }; }'), ['user', 'tap', 'macvtap', 'bridge']);
  });

  it('offers nothing outside those strings or outside MicroVM interfaces', () => {
    assert.deepEqual(labels(guest('{ type = "macvtap"; macvtap.mode = <|>"vepa"; }')), []);
    assert.deepEqual(labels(guest('{ type = "macvtap"; id = "<|>"; }')), []);
    assert.deepEqual(labels('{ description = "<|>"; }'), []);
    assert.deepEqual(labels('{ inputs.nixpkgs = { type = "<|>"; owner = "NixOS"; }; }'), []);
    assert.deepEqual(labels('{ inputs = { nixpkgs = { type = "git<|>hub"; owner = "NixOS"; repo = "nixpkgs"; }; }; outputs = _: { }; }'), []);
    assert.deepEqual(labels('{ xdg.desktopEntries.foo = { type = "<|>"; name = "Foo"; }; }'), []);
    assert.deepEqual(labels('{ options.microvm.interfaces = lib.mkOption { default = [ { type = "<|>"; } ]; }; }'), []);
  });
});
