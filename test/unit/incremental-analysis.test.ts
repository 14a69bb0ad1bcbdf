/**
 * An open document keeps facts of unchanged sets across versions (the set
 * cache shifts their spans). Whatever the edits, its analysis must equal a
 * fresh one of the same text: same model, same findings at the same spans,
 * same fix edits. If the cache stopped shifting a span (a string's content,
 * a key), a fix would write into the wrong place; this test notices.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { OpenDocument } from '../../server/src/features/documents';
import type { NixParser } from '../../server/src/parse/nixParser';
import { analyze, type Analysis } from '../../server/src/rules/analyze';
import { DEFAULT_OPTIONS } from '../../server/src/rules/options';
import { loadParser } from '../support/parser';

let parser: NixParser;
before(async () => {
  parser = await loadParser();
});

function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

const BASE = [
  '# Host with two VMs 🚀',
  '{ lib, ... }:',
  'let',
  '  uplink = "eth0";',
  'in {',
  '  microvm.vms.web.config = {',
  '    microvm.hypervisor = "firecracker";',
  '    microvm.interfaces = [',
  '      { type = "macvtap"; id = "vm-web"; mac = "02:00:00:00:00:01"; macvtap = { link = uplink; mode = "brigde"; }; }',
  '      { type = "user"; id = "qemu"; inherit uplink; mac = "00-11-22-33-44-55"; }',
  '    ];',
  '    networking.interfaces.eth0.macAddress = "02:00:00:00:00:99";',
  '  };',
  '  microvm.vms.db.config = {',
  '    microvm.interfaces = [ { type = "tap"; id = "vm-web"; mac = "02:00:00:00:00:01"; } ]',
  '      ++ lib.optional true { type = "macvtap"; id = "vm-düsseldorf-1"; macvtap.link = "eth1"; mac = "03:00:00:00:00:01"; };',
  '  };',
  '  # microvm-lint: disable-next-line mac-not-local',
  '  xdg.desktopEntries.foo = { name = "Foo"; type = "Application"; };',
  '}',
  '',
].join('\r\n');
const PIECES = ['"', '{', '}', ';', ' = ', 'mode', '\r\n', '\n', 'é', '🚀', '${', "''", '#', ' ', '  ', 'x', '02:'];

/** What a user sees of an analysis: findings with their fixes and related spans, and the model's interfaces. */
function observable(a: Analysis): unknown {
  return {
    findings: a.findings.map((f) => ({ ...f })),
    interfaces: a.model.interfaces.map((i) => ({ set: i.set, id: i.id, mac: i.mac, mode: i.mode, link: i.link, bridge: i.bridge, type: i.type, vm: i.vm.key, open: i.open })),
    macSetters: a.model.macSetters,
  };
}

describe('analysis of an open document across edits', () => {
  it('equals a fresh analysis after typing before a VM whose key holds an offset (a config of its own)', () => {
    const text = [
      '{ lib, ... }: {',
      '  microvm.interfaces = [ { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ];',
      '  other = lib.nixosSystem { modules = [ { microvm.interfaces = [ { type = "tap"; id = "vm-b"; mac = "02:00:00:00:00:02"; } ]; } ]; };',
      '}',
      '',
    ].join('\n');
    const doc = new OpenDocument(parser, 'file:///x.nix', 1, text);
    try {
      doc.analysis(DEFAULT_OPTIONS);
      const at = doc.lines.positionAt(text.indexOf('vm-a') + 2);
      doc.applyChanges([{ range: { start: at, end: at }, text: 'x' }], 2);
      const kept = doc.analysis(DEFAULT_OPTIONS);
      const tree = parser.parse(doc.text);
      try {
        assert.deepEqual(observable(kept), observable(analyze(tree, doc.text, { options: DEFAULT_OPTIONS })));
      } finally {
        tree.delete();
      }
    } finally {
      doc.dispose();
    }
  });

  for (const seed of [11, 12, 16, 21]) {
    it(`equals a fresh analysis after 150 random edits (seed ${seed})`, () => {
      const random = rng(seed);
      const doc = new OpenDocument(parser, 'file:///x.nix', 1, BASE);
      let cacheHits = 0;
      try {
        for (let i = 0; i < 150; i++) {
          const text = doc.text;
          // Edits land mostly before the interfaces, so later sets keep their text and move.
          // Half the edits type inside a string value (the model is then updated, not rebuilt), half anywhere.
          const strings = [...text.matchAll(/"([^"\\$]*)"/g)];
          const inString = random() < 0.5 && strings.length > 0 ? strings[Math.floor(random() * strings.length)] : undefined;
          const start = inString ? inString.index! + 1 + Math.floor(random() * (inString[1].length + 1)) : Math.floor(random() * random() * (text.length + 1));
          const end = inString ? Math.min(inString.index! + 1 + inString[1].length, start + Math.floor(random() * 2)) : Math.min(text.length, start + Math.floor(random() * 3));
          if (/[\uDC00-\uDFFF]/.test(text[start] ?? '') || /[\uDC00-\uDFFF]/.test(text[end] ?? '')) continue;
          const insert = inString ? (random() < 0.7 ? 'xé0:'[Math.floor(random() * 4)] : '') : random() < 0.6 ? PIECES[Math.floor(random() * PIECES.length)] : '';
          doc.applyChanges([{ range: { start: doc.lines.positionAt(start), end: doc.lines.positionAt(end) }, text: insert }], i + 2);
          const kept = doc.analysis(DEFAULT_OPTIONS);
          const tree = parser.parse(doc.text);
          try {
            const fresh = analyze(tree, doc.text, { options: DEFAULT_OPTIONS });
            assert.deepEqual(observable(kept), observable(fresh), `after edit ${i} at ${start}-${end} inserting ${JSON.stringify(insert)}`);
            if (fresh.model.interfaces.length > 0 && start < fresh.model.interfaces[0].set.span.start) cacheHits++;
          } finally {
            tree.delete();
          }
        }
        assert.ok(cacheHits > 20, `only ${cacheHits} edits moved the interface sets: the test would not see a span left unshifted`);
      } finally {
        doc.dispose();
      }
    });
  }
});
