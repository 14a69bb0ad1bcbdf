/**
 * Which VM an interface belongs to, through the constructs real configs put
 * between a module and its options. Each guest declares a tap interface
 * "vm-a" plainly and a second one through one construct: when the construct
 * keeps the module (mkMerge, mkForce, with, let, if, //, ...), the two are
 * the same VM's and both are marked as duplicates; when it starts another
 * config (nixosSystem, a helper function), neither is.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { NixParser } from '../../server/src/parse/nixParser';
import { analyze } from '../../server/src/rules/analyze';
import { LineIndex } from '../../server/src/text/lineIndex';
import { loadParser } from '../support/parser';

let parser: NixParser;
before(async () => {
  parser = await loadParser();
});

/** Each finding as `line code/messageId` (lines 1-based). */
function findings(text: string): string[] {
  const tree = parser.parse(text);
  try {
    const lines = new LineIndex(text);
    return analyze(tree, text).findings.map((f) => `${lines.positionAt(f.span.start).line + 1} ${f.code}/${f.messageId}`);
  } finally {
    tree.delete();
  }
}

const A = '{ type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; }';
const B = '{ type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:02"; }';
/** A guest module: interface A on line 3, then `second` (B somewhere in it) from line 4. */
const guest = (second: string) => `{ lib, c, ... }:\n{\n  microvm.interfaces = [ ${A} ];\n  ${second}\n}\n`;
const SAME_VM = ['3 interface-id-duplicate/sameVm', '4 interface-id-duplicate/sameVm'];

const SAME_MODULE: [string, string][] = [
  ['lib.mkMerge', `config = lib.mkMerge [ { microvm.interfaces = [ ${B} ]; } ];`],
  ['lib.mkForce', `config = lib.mkForce { microvm.interfaces = [ ${B} ]; };`],
  ['lib.mkDefault', `config = lib.mkDefault { microvm.interfaces = [ ${B} ]; };`],
  ['lib.mkOverride', `config = lib.mkOverride 50 { microvm.interfaces = [ ${B} ]; };`],
  ['lib.mkBefore', `config = lib.mkBefore { microvm.interfaces = [ ${B} ]; };`],
  ['lib.mkAfter', `config = lib.mkAfter { microvm.interfaces = [ ${B} ]; };`],
  ['lib.mkOrder', `config = lib.mkOrder 500 { microvm.interfaces = [ ${B} ]; };`],
  ['lib.optionalAttrs', `config = lib.optionalAttrs c { microvm.interfaces = [ ${B} ]; };`],
  ['lib.mkIf', `config = lib.mkIf c { microvm.interfaces = [ ${B} ]; };`],
  ['with', `config = with lib; { microvm.interfaces = [ ${B} ]; };`],
  ['assert', `config = assert c; { microvm.interfaces = [ ${B} ]; };`],
  ['let', `config = let x = 1; in { microvm.interfaces = [ ${B} ]; };`],
  ['if', `config = if c then { microvm.interfaces = [ ${B} ]; } else { };`],
  ['//', `config = { } // { microvm.interfaces = [ ${B} ]; };`],
  ['parentheses', `config = ({ microvm.interfaces = ([ ${B} ]); });`],
  ['an imports list', `imports = [ { microvm.interfaces = [ ${B} ]; } ];`],
  ['a module function in imports', `imports = [ ({ config, ... }: { microvm.interfaces = [ ${B} ]; }) ];`],
  ['a modules list after ++', `imports = [ ] ++ [ { microvm.interfaces = [ ${B} ]; } ];`],
];

const OTHER_CONFIG: [string, string][] = [
  ['nixosSystem', `system = lib.nixosSystem { modules = [ { microvm.interfaces = [ ${B} ]; } ]; };`],
  ['a helper function', `system = mkGuest { microvm.interfaces = [ ${B} ]; };`],
  ['a module function under a let name', `system = let m = { config, ... }: { microvm.interfaces = [ ${B} ]; }; in m;`],
];

/** A host: VM c with interface B on line 3, then `others` from line 4. */
const host = (others: string) => `{ lib, vms, ... }:\n{\n  microvm.vms.c.config.microvm.interfaces = [ ${B} ];\n  ${others}\n}\n`;
const SAME_HOST = ['3 interface-id-duplicate/sameHost', '4 interface-id-duplicate/sameHost'];

const HOST_VMS: [string, string, string[]][] = [
  ['VMs made by lib.genAttrs share the host', `microvm.vms = lib.genAttrs [ "a" "b" ] (name: { config.microvm.interfaces = [ ${A} ]; });`, SAME_HOST],
  ['VMs made by lib.mapAttrs share the host', `microvm.vms = lib.mapAttrs (name: v: { config = { microvm.interfaces = [ ${A} ]; }; }) vms;`, SAME_HOST],
  ['a VM under a quoted name shares the host', `microvm.vms."a-1".config = { config, ... }: { microvm.interfaces = [ ${A} ]; };`, SAME_HOST],
  ['a VM of another host (a nixosSystem) does not', `other = lib.nixosSystem { modules = [ { microvm.vms.a.config.microvm.interfaces = [ ${A} ]; } ]; };`, []],
  ['the host\'s own interface is no VM\'s', `microvm.interfaces = [ ${A} ];`, []],
];

const flake = (body: string) => `{\n  outputs = { nixpkgs, ... }: {\n${body}\n  };\n}\n`;

/** Two interfaces with the same id under exclusive conditions above their option: never there together. */
const EXCLUSIVE: [string, string][] = [
  ['the two branches of an if', `config = if c then { microvm.interfaces = [ ${A} ]; } else { microvm.interfaces = [ ${B} ]; };`],
  ['two lib.mkIf', `imports = [ (lib.mkIf c { microvm.interfaces = [ ${A} ]; }) (lib.mkIf (!c) { microvm.interfaces = [ ${B} ]; }) ];`],
  ['two lib.optionalAttrs', `config = lib.mkMerge [ (lib.optionalAttrs c { microvm.interfaces = [ ${A} ]; }) (lib.optionalAttrs (!c) { microvm.interfaces = [ ${B} ]; }) ];`],
];

/** Where an option is not one, or is one of another config. */
const STRICT: [string, string, string[]][] = [
  ['a set in a let value is no module of this file', `let m = { microvm.interfaces = [ { type = "tapp"; id = "vm-a"; } ]; }; in { }`, []],
  [
    'a module function in a list that is no module list is not read (what uses the list is unknown)',
    `{ lib, ... }: { helpers = [ ({ config, ... }: { microvm.interfaces = [ { type = "tapp"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ]; }) ]; }`,
    [],
  ],
  [
    'a function under a let name that takes no config, lib or pkgs is no module: not read',
    `let m = { foo, ... }: { microvm.interfaces = [ { type = "tapp"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ]; }; in { }`,
    [],
  ],
  [
    'a module function taking lib under a let name is read',
    `let m = { lib, ... }: { microvm.interfaces = [ { type = "tapp"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ]; }; in { }`,
    ['1 interface-type-invalid/invalidWithSuggestion'],
  ],
  [
    'a module function taking pkgs under a let name is read',
    `let m = ({ pkgs, ... }: { microvm.interfaces = [ { type = "tapp"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ]; }); in { }`,
    ['1 interface-type-invalid/invalidWithSuggestion'],
  ],
  [
    'a module function under a let name is a config of its own',
    `let m = { config, ... }: { microvm.interfaces = [ { type = "tapp"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ]; }; in { }`,
    ['1 interface-type-invalid/invalidWithSuggestion'],
  ],
];

describe('module structure: conditions and contexts above an option', () => {
  for (const [name, second] of EXCLUSIVE) {
    it(`no duplicate under ${name}`, () => {
      assert.deepEqual(findings(`{ lib, c, ... }:\n{\n  ${second}\n}\n`), []);
    });
  }
  for (const [name, text, expected] of STRICT) {
    it(name, () => {
      assert.deepEqual(findings(text), expected);
    });
  }
});

describe('module structure: which VM an interface belongs to', () => {
  for (const [name, others, expected] of HOST_VMS) {
    it(name, () => {
      assert.deepEqual(findings(host(others)), expected);
    });
  }
  it('two nixosConfigurations are two VMs; two modules of one are the same VM', () => {
    const system = (name: string, ...modules: string[]) => `    nixosConfigurations.${name} = nixpkgs.lib.nixosSystem { modules = [ ${modules.map((m) => `{ microvm.interfaces = [ ${m} ]; }`).join(' ')} ]; };`;
    assert.deepEqual(findings(flake([system('x', A), system('y', B)].join('\n'))), []);
    assert.deepEqual(findings(flake(system('x', A, B))), ['3 interface-id-duplicate/sameVm', '3 interface-id-duplicate/sameVm']);
  });

  for (const [name, second] of SAME_MODULE) {
    it(`the same VM through ${name}`, () => {
      assert.deepEqual(findings(guest(second)), SAME_VM);
    });
  }
  for (const [name, second] of OTHER_CONFIG) {
    it(`another config through ${name}`, () => {
      assert.deepEqual(findings(guest(second)), []);
    });
  }
});
