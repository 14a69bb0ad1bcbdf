/**
 * Guest-side settings that change a MAC (model/macSetters.ts), as the
 * guest-mac-override finding marks them: the NixOS and systemd-networkd
 * options, and `ip link set ... address` however a script spells it. Options
 * of the same names elsewhere, and commands that set no address, are not.
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

/** The text each guest-mac-override finding marks. */
function marked(setting: string): string[] {
  const text = `{ pkgs, ... }:\n{\n  microvm.interfaces = [ { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ];\n  ${setting}\n}\n`;
  const tree = parser.parse(text);
  try {
    return analyze(tree, text).findings.filter((f) => f.code === 'guest-mac-override').map((f) => text.slice(f.span.start, f.span.end));
  } finally {
    tree.delete();
  }
}

const script = (command: string) => `systemd.services.mac.script = ''\n    ${command}\n  '';`;

describe('guest-side MAC settings', () => {
  for (const [name, setting, expected] of [
    ['networking.interfaces.<n>.macAddress', 'networking.interfaces.eth0.macAddress = "02:00:00:00:00:02";', ['networking.interfaces.eth0.macAddress = "02:00:00:00:00:02";']],
    ['a link\'s linkConfig.MACAddress', 'systemd.network.links."10-lan".linkConfig.MACAddress = "02:00:00:00:00:02";', ['systemd.network.links."10-lan".linkConfig.MACAddress = "02:00:00:00:00:02";']],
    ['a network\'s linkConfig.MACAddress', 'systemd.network.networks.lan.linkConfig.MACAddress = "02:00:00:00:00:02";', ['systemd.network.networks.lan.linkConfig.MACAddress = "02:00:00:00:00:02";']],
    ['a netdev\'s netdevConfig.MACAddress', 'systemd.network.netdevs.br0.netdevConfig.MACAddress = "02:00:00:00:00:02";', ['systemd.network.netdevs.br0.netdevConfig.MACAddress = "02:00:00:00:00:02";']],
    ['a matchConfig.MACAddress (a match sets nothing)', 'systemd.network.links.lan.matchConfig.MACAddress = "02:00:00:00:00:02";', []],
    ['a MACAddress outside systemd.network', 'services.foo.network.links.lan.linkConfig.MACAddress = "02:00:00:00:00:02";', []],
    ['a MACAddress of another systemd section', 'systemd.network.routes.lan.linkConfig.MACAddress = "02:00:00:00:00:02";', []],
    ['a MACAddress one level too deep', 'systemd.network.links.lan.linkConfig.x.MACAddress = "02:00:00:00:00:02";', []],
    ['a macAddress outside networking.interfaces', 'services.foo.interfaces.eth0.macAddress = "02:00:00:00:00:02";', []],
    ['a macAddress one level too deep', 'networking.interfaces.eth0.x.macAddress = "02:00:00:00:00:02";', []],
    ['a macAddress from a variable of the same name (marked once)', 'networking.interfaces.eth0.macAddress = macAddress;', ['networking.interfaces.eth0.macAddress = macAddress;']],
    ['a macAddress set to null (the default)', 'networking.interfaces.eth0.macAddress = null;', []],
    ['a macAddress inherited', 'networking.interfaces.eth0 = { inherit macAddress; };', []],
    ['ip link set dev', script('ip link set dev eth0 address 02:00:00:00:00:02'), ['ip link set dev eth0 address 02:00:00:00:00:02']],
    ['ip with options and wide spaces', script('ip  -4  -d  link   set   eth0   address   02:00:00:00:00:02'), ['ip  -4  -d  link   set   eth0   address   02:00:00:00:00:02']],
    ['ip link set with other settings first', script('ip link set eth0 up mtu 9000 address "$MAC"'), ['ip link set eth0 up mtu 9000 address "$MAC"']],
    ['ip link set with a quoted address', script("ip link set dev eth0 address '02:00:00:00:00:02'"), ["ip link set dev eth0 address '02:00:00:00:00:02'"]],
    ['ip link set without an address', script('ip link set dev eth0 up'), []],
    ['ip link show', script('ip link show dev eth0 address 02:00:00:00:00:02'), []],
    ['a comment that mentions the command', '# ip link set dev eth0 address 02:00:00:00:00:02', []],
    ['two commands, in text order', `${script('ip link set eth1 address 02:00:00:00:00:03')}\n  networking.interfaces.eth0.macAddress = "02:00:00:00:00:02";`, ['ip link set eth1 address 02:00:00:00:00:03', 'networking.interfaces.eth0.macAddress = "02:00:00:00:00:02";']],
  ] as const) {
    it(name, () => {
      assert.deepEqual(marked(setting), expected);
    });
  }
});
