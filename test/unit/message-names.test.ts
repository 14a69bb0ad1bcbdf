/**
 * How messages name things that are not in the file at hand: another file
 * (its name, with its folder for a default.nix, decoded), a list of VMs
 * ("a, b and c"), and an id written as an expression in two files.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileLabel, listOf } from '../../server/src/rules/names';
import { idSource, sameInterface } from '../../server/src/rules/workspaceContext';

describe('another file in a message', () => {
  for (const [uri, label] of [
    ['file:///home/me/vms/router.nix', 'router.nix'],
    ['file:///home/me/vms/router/default.nix', 'router/default.nix'],
    ['file:///default.nix', 'default.nix'],
    ['file:///home/me/my%20vm.nix', 'my vm.nix'],
    ['file:///home/me/vms/caf%C3%A9/default.nix', 'café/default.nix'],
    ['vscode-vfs://github/me/repo/vms/a.nix?ref=main#L3', 'a.nix'],
    ['file:///home/me/bad%E0%A4%A.nix', 'bad%E0%A4%A.nix'],
  ]) {
    it(`${uri} is "${label}"`, () => assert.equal(fileLabel(uri), label));
  }
});

describe('a list in a message', () => {
  it('joins with commas and a final "and"', () => {
    assert.deepEqual([listOf([]), listOf(['VM "a"']), listOf(['VM "a"', 'VM "b"']), listOf(['VM "a"', 'VM "b"', 'VM "c"'])], ['', 'VM "a"', 'VM "a" and VM "b"', 'VM "a", VM "b" and VM "c"']);
  });
});

describe('one interface written in two files', () => {
  const text = 'id = "${name}-tap";\nid = "${name}-tap";\nid =   cfg.id;\nid = cfg.id;\n';
  const idAt = (line: number) => {
    const start = text.split('\n').slice(0, line).join('\n').length + (line > 0 ? 1 : 0) + 'id ='.length;
    const end = text.indexOf(';', start);
    return idSource(text, { start, end });
  };

  it('is the same literal id, or the same id expression up to spacing', () => {
    assert.equal(sameInterface({ id: { value: 'vm-a' } }, { id: { value: 'vm-a' } }), true);
    assert.equal(sameInterface({ id: { value: 'vm-a' } }, { id: { value: 'vm-b' } }), false);
    assert.equal(sameInterface({ idText: idAt(0) }, { idText: idAt(1) }), true);
    assert.equal(idAt(2), ' cfg.id');
    assert.equal(sameInterface({ idText: idAt(2) }, { idText: idAt(3) }), true);
    assert.equal(sameInterface({ idText: idAt(0) }, { idText: idAt(3) }), false);
    assert.equal(sameInterface({}, {}), false, 'two ids that are neither literals nor short expressions are not known to be one');
    assert.equal(sameInterface({ id: { value: 'vm-a' } }, {}), false);
  });

  it('compares id expressions of up to 200 characters', () => {
    const long = `id = ${'x'.repeat(200)};`;
    assert.equal(idSource(long, { start: 5, end: 205 }), 'x'.repeat(200));
    assert.equal(idSource(long + 'y', { start: 5, end: 206 }), undefined);
  });
});
