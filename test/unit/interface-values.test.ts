/**
 * The interface sets a `microvm.interfaces` value is made of, through what
 * real configs write in between (server/src/model/resolve.ts): each way
 * reaches an interface with the type "tapp", which must be marked; ways we
 * cannot follow (an unknown function, a parameter, an import) mark nothing.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { NixParser } from '../../server/src/parse/nixParser';
import { analyze } from '../../server/src/rules/analyze';
import { loadParser } from '../support/parser';

let parser: NixParser;
before(async () => {
  parser = await loadParser();
});

/** Each finding as `code text-it-marks`. */
function findings(text: string): string[] {
  const tree = parser.parse(text);
  try {
    return analyze(tree, text).findings.map((f) => `${f.code} ${text.slice(f.span.start, f.span.end)}`);
  } finally {
    tree.delete();
  }
}

const X = '{ type = "tapp"; id = "vm-a"; mac = "02:00:00:00:00:01"; }';
const module = (value: string, lets = '') => `{ lib, c, pkgs, ... }:\n${lets}{\n  microvm.interfaces = ${value};\n}\n`;
const MARKED = ['interface-type-invalid "tapp"'];

const REACHED: [string, string, string?][] = [
  ['a list', `[ ${X} ]`],
  ['++', `[ ] ++ [ ${X} ]`],
  ['lib.optional', `lib.optional c ${X}`],
  ['lib.optionals', `lib.optionals c [ ${X} ]`],
  ['lib.mkIf', `lib.mkIf c [ ${X} ]`],
  ['lib.mkMerge', `lib.mkMerge [ [ ${X} ] ]`],
  ['lib.mkForce', `lib.mkForce [ ${X} ]`],
  ['lib.mkDefault', `lib.mkDefault [ ${X} ]`],
  ['lib.mkOverride', `lib.mkOverride 10 [ ${X} ]`],
  ['lib.mkBefore', `lib.mkBefore [ ${X} ]`],
  ['lib.mkAfter', `lib.mkAfter [ ${X} ]`],
  ['lib.mkOrder', `lib.mkOrder 5 [ ${X} ]`],
  ['lib.singleton', `lib.singleton ${X}`],
  ['lib.toList', `lib.toList ${X}`],
  ['lib.flatten', `lib.flatten [ [ ${X} ] ]`],
  ['lib.concatLists', `lib.concatLists [ [ ${X} ] ]`],
  ['lib.id', `lib.id [ ${X} ]`],
  ['lib.unique', `lib.unique [ ${X} ]`],
  ['if', `if c then [ ${X} ] else [ ]`],
  ['else', `if c then [ ] else [ ${X} ]`],
  ['let', `let y = 1; in [ ${X} ]`],
  ['with', `with lib; [ ${X} ]`],
  ['assert', `assert c; [ ${X} ]`],
  ['parentheses', `([ (${X}) ])`],
  ['a let name', `[ nic ]`, `let nic = ${X}; in `],
  ['a let path', `[ nics.a ]`, `let nics.a = ${X}; in `],
  ['a name of a let set', `[ nics.a ]`, `let nics = { a = ${X}; }; in `],
  ['a quoted name of a let set', `[ nics."a" ]`, `let nics = { a = ${X}; }; in `],
  ['a let name bound to a list', `nics`, `let nics = [ ${X} ]; in `],
  ['map', `map (n: ${X}) [ 1 ]`],
  ['builtins.map', `builtins.map (n: ${X}) [ 1 ]`],
  ['lib.concatMap', `lib.concatMap (n: [ ${X} ]) [ 1 ]`],
  ['lib.imap0', `lib.imap0 (i: n: ${X}) [ 1 ]`],
  ['lib.imap1', `lib.imap1 (i: n: ${X}) [ 1 ]`],
  ['lib.mapAttrsToList', `lib.mapAttrsToList (n: v: ${X}) { a = 1; }`],
  ['lib.genList', `lib.genList (i: ${X}) 1`],
  ['lib.concatMapAttrs', `lib.concatMapAttrs (n: v: ${X}) { a = 1; }`],
  ['lib.forEach', `lib.forEach [ 1 ] (n: ${X})`],
  ['lib.flip map', `lib.flip map [ 1 ] (n: ${X})`],
  ['lib.flip lib.forEach', `lib.flip lib.forEach (n: ${X}) [ 1 ]`],
  ['a mapped let function', `map mk [ 1 ]`, `let mk = n: ${X}; in `],
  ['a helper of the file', `[ (mkIface "vm-a") ]`, `let mkIface = id: ${X}; in `],
  ['a helper through another name', `[ (mk "vm-a") ]`, `let mk = mkIface; mkIface = id: ${X}; in `],
  ['a helper through a let path', `[ (mk "vm-a") ]`, `let mk = helpers.mkIface; helpers.mkIface = id: ${X}; in `],
  ['a helper in a let set', `[ (h.mk "vm-a") ]`, `let h = { mk = id: ${X}; }; in `],
  ['a helper that returns a merged set', `[ (mk "vm-a") ]`, `let mk = id: ${X} // { }; in `],
  ['an applied lambda', `[ ((id: ${X}) "vm-a") ]`],
  ['a map whose function merges each element', `map (x: { mtu = 1500; } // x) [ ${X} ]`],
  ['a map over plain values', `map (n: ${X}) [ { } ]`],
  ['a name from an outer let', `[ nic ]`, `let nic = ${X}; in let other = 1; in `],
  ['a let name after a comment', `[ nic ]`, `let\n  # the uplink\n  nic = ${X};\nin `],
  ['one of two let paths', `[ nics.a ]`, `let nics.b = { }; nics.a = ${X}; in `],
  ['a let set with more paths below', `[ nics.a ]`, `let nics = { b = 1; }; nics.a = ${X}; in `],
  ['a rec let set', `[ nics.a ]`, `let nics = rec { a = ${X}; }; in `],
];

const NOT_REACHED: [string, string, string?][] = [
  ['an unknown function', `pkgs.someFunction [ ${X} ]`],
  ['a parameter hiding a let name', `map (nic: nic) [ nic ]`, `let nic = ${X}; in `],
  ['a let name with a default', `[ (nics.a or null) ]`, `let nics = { a = ${X}; }; in `],
  ['an inherited name', `[ nic ]`, `let inherit (c) nic; in `],
  ['a comparison', `[ ${X} ] == [ ]`],
  ['a parameter of a function around the module', `[ nic ]`, `let nic = ${X}; in { nic, ... }: `],
  ['the name of a whole parameter set', `[ nic ]`, `let nic = ${X}; in nic@{ ... }: `],
  ['a plain parameter', `[ nic ]`, `let nic = ${X}; in nic: `],
  ['a name an inner let inherits', `[ nic ]`, `let nic = ${X}; in let inherit (c) nic; in `],
];

/** A tap interface without an id: marked, unless other attributes may be merged into it. */
const NO_ID = '{ type = "tap"; mac = "02:00:00:00:00:01"; }';
const OPEN: [string, string, string?][] = [
  ['merged with //', `[ (${NO_ID} // extra) ]`],
  ['merged with lib.recursiveUpdate', `[ (lib.recursiveUpdate ${NO_ID} extra) ]`],
  ['merged by the mapped function', `map (x: { mtu = 1500; } // x) [ ${NO_ID} ]`],
  ['made by a helper whose result is merged', `[ (mk "a" // extra) ]`, `let mk = n: ${NO_ID}; in `],
  ['bound to a name that is merged', `[ (nic // extra) ]`, `let nic = ${NO_ID}; in `],
];

const USER = '{ type = "user"; id = "vm-a"; mac = "02:00:00:00:00:01"; }';
/** A guest with a user interface (firecracker has none) and `hypervisors` from line 3. */
const withHypervisor = (hypervisors: string) => `{ lib, c, ... }:\n{\n  ${hypervisors}\n  microvm.interfaces = [ ${USER} ];\n}\n`;

describe('interface values: the hypervisor they run on', () => {
  it('firecracker set twice is firecracker: no user interface there', () => {
    assert.deepEqual(findings(withHypervisor('config = lib.mkMerge [ { microvm.hypervisor = "firecracker"; } { microvm.hypervisor = "firecracker"; } ];')), [
      'interface-type-unsupported "user"',
    ]);
  });
  it('two different hypervisors (under conditions) are unknown: nothing is marked', () => {
    assert.deepEqual(findings(withHypervisor('config = lib.mkMerge [ { microvm.hypervisor = "qemu"; } (lib.mkIf c { microvm.hypervisor = "firecracker"; }) ];')), []);
  });
  it('a hypervisor from an expression is unknown, even after a literal one', () => {
    assert.deepEqual(findings(withHypervisor('config = lib.mkMerge [ { microvm.hypervisor = "firecracker"; } { microvm.hypervisor = c.hypervisor; } ];')), []);
  });
});

describe('interface values: macvtap-shaped sets found anywhere', () => {
  for (const [name, attrs, expected] of [
    ['an id', 'id = "vm-a";', ['interface-mac-missing type = "macvtap";', 'macvtap-link-missing type = "macvtap";', 'macvtap-mode-missing type = "macvtap";']],
    ['an inherited id', 'inherit id;', ['interface-mac-missing type = "macvtap";', 'macvtap-link-missing type = "macvtap";', 'macvtap-mode-missing type = "macvtap";']],
    ['a mac', 'mac = "02:00:00:00:00:01";', ['interface-id-missing type = "macvtap";', 'macvtap-link-missing type = "macvtap";', 'macvtap-mode-missing type = "macvtap";']],
    ['a macvtap set', 'macvtap.link = "eth0";', ['interface-id-missing type = "macvtap";', 'interface-mac-missing type = "macvtap";', 'macvtap-mode-missing type = "macvtap";']],
  ] as const) {
    it(`with ${name}`, () => {
      assert.deepEqual(findings(`{ id, ... }:\n{\n  networking.foo = { type = "macvtap"; ${attrs} };\n}\n`).sort(), [...expected].sort());
    });
  }
  it('written without spaces', () => {
    const text = '{ id, ... }:\n{\n  networking.foo={type="macvtap";id="vm-a";};\n}\n';
    assert.deepEqual(findings(text).sort(), ['interface-mac-missing type="macvtap";', 'macvtap-link-missing type="macvtap";', 'macvtap-mode-missing type="macvtap";']);
  });
  it('after an interface list of the file', () => {
    const text = `{ id, ... }:\n{\n  microvm.interfaces = [ ${X.replace('tapp', 'tap')} ];\n  networking.foo = { type = "macvtap"; mac = "02:00:00:00:00:02"; macvtap = { link = "eth0"; mode = "bridge"; }; };\n}\n`;
    assert.deepEqual(findings(text), ['interface-id-missing type = "macvtap";']);
  });
});

describe('interface values: the sets microvm.interfaces is made of', () => {
  it('reached through microvm={interfaces=...;} written without spaces', () => {
    assert.deepEqual(findings(`{ lib, ... }:\n{\n  microvm={interfaces=[${X}];};\n}\n`), MARKED);
  });
  it('reached through an inherited interfaces list', () => {
    assert.deepEqual(findings(`{ lib, ... }:\nlet interfaces = [ ${X} ]; in\n{\n  microvm = { inherit interfaces; };\n}\n`), MARKED);
  });
  it('not reached through an inherited name the file does not bind', () => {
    assert.deepEqual(findings(`{ lib, interfaces, ... }:\n{\n  microvm = { inherit interfaces; };\n}\n`), []);
  });
  it('a tap interface without an id is marked', () => {
    assert.deepEqual(findings(module(`[ ${NO_ID} ]`)), ['interface-id-missing type = "tap";']);
  });
  for (const [name, value, lets] of OPEN) {
    it(`no missing id when ${name}`, () => {
      assert.deepEqual(findings(module(value, lets)), []);
    });
  }
  for (const [name, value, lets] of REACHED) {
    it(`reached through ${name}`, () => {
      assert.deepEqual(findings(module(value, lets)), MARKED);
    });
  }
  it('reached through a name of the rec set it is in', () => {
    assert.deepEqual(findings(`{ lib, ... }:\nrec {\n  nic = ${X};\n  microvm.interfaces = [ nic ];\n}\n`), MARKED);
  });
  it('not reached through a name of a set that is not rec', () => {
    assert.deepEqual(findings(`{ lib, ... }:\n{\n  nic = ${X};\n  microvm.interfaces = [ nic ];\n}\n`), []);
  });
  for (const [name, value, lets] of NOT_REACHED) {
    it(`not reached through ${name}`, () => {
      assert.deepEqual(findings(module(value, lets)), []);
    });
  }
});
