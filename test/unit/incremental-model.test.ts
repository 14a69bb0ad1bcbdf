/**
 * The model updated after typing inside a string value equals the model
 * built anew, and structural edits are refused (the caller rebuilds).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { buildModel, type Model } from '../../server/src/model';
import { updateModel, type TextChange } from '../../server/src/model/incremental';
import type { NixParser } from '../../server/src/parse/nixParser';
import { ParsedDocument } from '../../server/src/parse/parsedDocument';
import { loadParser } from '../support/parser';

let parser: NixParser;
before(async () => {
  parser = await loadParser();
});

const TEXT = [
  '{ lib, ... }: {',
  '  microvm.vms.web.config = {',
  '    microvm.hypervisor = "firecracker";',
  '    microvm.interfaces = [ { type = "macvtap"; id = "vm-web"; mac = "02:00:00:00:00:01"; macvtap = { link = "eth0"; mode = "brigde"; }; } ];',
  '    networking.interfaces.eth0.macAddress = "02:00:00:00:00:99";',
  '  };',
  '  microvm.vms.db.config.microvm.interfaces = [ { type = "tap"; id = "vm-db"; mac = "02:00:00:00:00:01"; } ];',
  '}',
  '',
].join('\n');

/** The model's facts as plain data (what rules read). */
const facts = (m: Model) => JSON.parse(JSON.stringify({ ...m, interfaces: m.interfaces.map((i) => ({ ...i, vm: i.vm.key })) }));

function edit(at: string, offsetInMatch: number, removed: number, inserted: string) {
  const start = TEXT.indexOf(at) + offsetInMatch;
  const change: TextChange = { start, oldEnd: start + removed, newText: inserted };
  const doc = new ParsedDocument(parser, TEXT);
  try {
    const before = buildModel(doc.tree, TEXT);
    doc.edit(change.start, change.oldEnd, change.newText);
    return { updated: updateModel(before, change, doc.tree, TEXT), fresh: buildModel(doc.tree, doc.text) };
  } finally {
    doc.dispose();
  }
}

describe('the model updated after an edit inside a string value', () => {
  for (const [name, at, offset, removed, inserted] of [
    ['a letter typed in a mode', '"brigde"', 3, 0, 'x'],
    ['a letter deleted from a MAC of the first VM (later VMs shift)', '"02:00:00:00:00:01"', 5, 1, ''],
    ['an id of the second VM changed', '"vm-db"', 4, 1, 'é'],
    ['a link emptied', '"eth0"', 1, 4, ''],
  ] as const) {
    it(`equals a fresh model: ${name}`, () => {
      const { updated, fresh } = edit(at, offset, removed, inserted);
      assert.ok(updated, 'an edit inside a string value is updated, not rebuilt');
      assert.deepEqual(facts(updated), facts(fresh));
    });
  }

  for (const [name, at, offset, removed, inserted] of [
    ['a quote typed', '"vm-web"', 2, 0, '"'],
    ['an interpolation started', '"vm-web"', 2, 0, '${'],
    ['the type changed (it decides what the set is)', '"macvtap"', 3, 0, 'x'],
    ['a hypervisor (outside any interface)', '"firecracker"', 2, 0, 'x'],
    ['a guest-side MAC (outside any interface)', '"02:00:00:00:00:99"', 2, 0, '1'],
    ['an attribute name', 'link =', 1, 0, 'x'],
  ] as const) {
    it(`is refused: ${name}`, () => {
      assert.equal(edit(at, offset, removed, inserted).updated, undefined);
    });
  }
});
