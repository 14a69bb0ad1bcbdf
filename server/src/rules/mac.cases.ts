/**
 * Case table for the MAC rules: `valid` snippets produce nothing; each
 * `invalid` case lists every finding with its exact range and every fix with
 * the exact document it produces. Run by test/unit/rule-cases.test.ts.
 *
 * The generated MACs below were computed outside this project, with
 * coreutils, by microvm.nix's recipe (first hex digit, "2", then hex digits
 * 2..11 in pairs):
 *   h=$(printf %s vm-a | sha256sum); echo "${h:0:1}2:${h:2:2}:${h:4:2}:${h:6:2}:${h:8:2}:${h:10:2}"
 */
import type { CaseTable, ExpectedFinding, ExpectedFix, InvalidCase, ValidCase } from './caseTable';

const GEN = {
  'vm-a': '92:5f:9c:a7:be:ef',
  'vm-a-1': '92:d3:24:d6:39:f9',
  'vm-b': '22:97:b0:cc:0f:c6',
  'vm-c': 'a2:fd:8f:3b:31:c4',
  web: '42:5e:57:f6:eb:2f',
  db: '72:dc:25:d1:69:4e',
  'my-vm': 'd2:ee:5c:04:21:71',
  eth0: '92:32:a8:c7:e5:9e',
  'eth0-1': '52:6b:ab:00:4d:eb',
  b: '32:23:e8:16:00:39',
  c: '22:7d:2c:03:a9:50',
} as const;

/** A document from its lines, each ended by "\n" (or "\r\n"). */
const doc = (...lines: string[]) => lines.map((l) => l + '\n').join('');
const crlf = (...lines: string[]) => lines.map((l) => l + '\r\n').join('');

/** `text` with `from`, which must occur exactly once, replaced by `to`. */
function swap(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`"${from}" must occur exactly once`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

const generateFix = (seed: keyof typeof GEN, output: string, preferred = true): ExpectedFix => ({
  title: `Generate a stable locally administered MAC ("${GEN[seed]}")`,
  output,
  preferred,
});

const notation = (range: string, message: string, fixed: string, output: string): ExpectedFinding => ({
  code: 'mac-invalid',
  messageId: 'notation',
  range,
  message,
  fixes: [{ title: `Use colons: "${fixed}"`, output, preferred: true }],
});
const notMac = (range: string, message: string): ExpectedFinding => ({ code: 'mac-invalid', messageId: 'notMac', range, message, fixes: [] });
const multicast = (range: string, message: string, fixes: ExpectedFix[]): ExpectedFinding => ({ code: 'mac-multicast', messageId: 'multicast', range, message, fixes });
const notLocal = (range: string, message: string, fixes: ExpectedFix[]): ExpectedFinding => ({ code: 'mac-not-local', messageId: 'universal', range, message, fixes });
/** `related`: the other interfaces with the MAC, as "range message" lines. */
const duplicate = (range: string, message: string, fixes: ExpectedFix[], related?: string[]): ExpectedFinding => ({ code: 'mac-duplicate', messageId: 'duplicate', range, message, fixes, related });
const override = (range: string, message: string, output?: string): ExpectedFinding => ({
  code: 'guest-mac-override',
  messageId: 'option',
  range,
  message,
  fixes: output === undefined ? [] : [{ title: 'Remove the guest-side MAC override', output, preferred: true }],
});
const overrideCommand = (range: string, message: string): ExpectedFinding => ({ code: 'guest-mac-override', messageId: 'command', range, message, fixes: [] });

/** A guest module with one tap interface whose `mac` line is `macLine`. */
const guest = (macLine: string, id = 'id = "vm-a";') =>
  doc('{ config, lib, ... }:', '{', '  microvm.interfaces = [', '    {', '      type = "tap";', `      ${id}`, `      ${macLine}`, '    }', '  ];', '}');

// ---------------------------------------------------------------------------
// Valid: nothing to report.
// ---------------------------------------------------------------------------

const valid: ValidCase[] = [
  {
    name: 'guest: locally administered MACs x2, x6, xA, xE in either case',
    code: doc(
      '{',
      '  microvm.interfaces = [',
      '    { type = "tap"; id = "vm-a1"; mac = "02:00:00:00:00:01"; }',
      '    { type = "tap"; id = "vm-a2"; mac = "06:00:00:00:00:02"; }',
      '    { type = "user"; id = "vm-a3"; mac = "0A:00:00:00:00:03"; }',
      '    { type = "bridge"; id = "vm-a4"; bridge = "br0"; mac = "fe:00:00:00:00:04"; }',
      '  ];',
      '}',
    ),
  },
  {
    name: 'host: several VMs with their own MACs, one in an indented string',
    code: doc(
      '{ config, ... }:',
      '{',
      '  microvm.vms = {',
      "    web.config.microvm.interfaces = [ { type = \"tap\"; id = \"vm-web\"; mac = ''02:00:00:00:00:01''; } ];",
      '    db.config.microvm.interfaces = [ { type = "tap"; id = "vm-db"; mac = "02:00:00:00:00:10"; } ];',
      '  };',
      '}',
    ),
  },
  {
    name: 'flake: two guests with their own MACs',
    code: doc(
      '{',
      '  outputs = { self, nixpkgs, microvm }: {',
      '    nixosConfigurations.a = nixpkgs.lib.nixosSystem {',
      '      modules = [ { microvm.interfaces = [ { type = "user"; id = "qemu"; mac = "02:00:00:00:00:01"; } ]; } ];',
      '    };',
      '    nixosConfigurations.b = nixpkgs.lib.nixosSystem {',
      '      modules = [ { microvm.interfaces = [ { type = "user"; id = "qemu"; mac = "02:00:00:00:00:02"; } ]; } ];',
      '    };',
      '  };',
      '}',
    ),
  },
  {
    name: 'MAC-shaped text in comments and other strings',
    code: doc(
      '{',
      '  # mac = "01:00:5e:00:00:01"; was multicast',
      '  microvm.interfaces = [ {',
      '    type = "tap";',
      '    id = "vm-a";',
      '    mac = "02:00:00:00:00:01"; # not 00:16:3e:00:00:01 any more',
      '  } ];',
      '  users.motd = "MAC 01-00-5e-00-00-01 and 00:16:3e:00:00:01 are examples";',
      "  environment.etc.ethers.text = ''",
      '    02:00:00:00:00:01 vm-a',
      "  '';",
      '}',
    ),
  },
  {
    name: 'guest: matching on a MAC (matchConfig.MACAddress, PermanentMACAddress)',
    code: doc(
      '{',
      '  microvm.interfaces = [ { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ];',
      '  systemd.network.enable = true;',
      '  systemd.network.networks."20-lan" = {',
      '    matchConfig.MACAddress = "02:00:00:00:00:01";',
      '    networkConfig.DHCP = "yes";',
      '  };',
      '  systemd.network.links."10-lan" = {',
      '    matchConfig.PermanentMACAddress = "02:00:00:00:00:01";',
      '    linkConfig.Name = "lan";',
      '  };',
      '}',
    ),
  },
  {
    name: 'hash-derived MAC (microvm.nix example)',
    code: doc(
      '{ lib, ... }:',
      'let',
      '  hash = builtins.hashString "sha256" "vm-a";',
      '  c = off: builtins.substring off 2 hash;',
      'in',
      '{',
      '  microvm.interfaces = [ {',
      '    type = "tap";',
      '    id = "vm-a";',
      '    mac = "${builtins.substring 0 1 hash}2:${c 2}:${c 4}:${c 6}:${c 8}:${c 10}";',
      '  } ];',
      '}',
    ),
  },
  {
    name: 'interpolated MACs, even with a multicast prefix or the same text twice',
    code: doc(
      '{ lib, n, ... }:',
      '{',
      '  microvm.interfaces = [',
      '    { type = "tap"; id = "vm-a"; mac = "01:00:00:00:00:${n}"; }',
      '    { type = "tap"; id = "vm-b"; mac = "02:00:00:00:00:${n}"; }',
      '    { type = "tap"; id = "vm-c"; mac = "02:00:00:00:00:${n}"; }',
      '  ];',
      '}',
    ),
  },
  {
    name: '`inherit mac;` in a mapped lambda; the source set is no interface',
    code: doc(
      '{ lib, ... }:',
      'let',
      '  nets = {',
      '    vm-a = { mac = "01:00:00:00:00:01"; };',
      '    vm-b = { mac = "01:00:00:00:00:01"; };',
      '  };',
      'in',
      '{',
      '  microvm.interfaces = lib.flip lib.mapAttrsToList nets (name: { mac, ... }: {',
      '    type = "tap";',
      '    id = name;',
      '    inherit mac;',
      '  });',
      '}',
    ),
  },
  {
    name: '`inherit mac;` from a let binding',
    code: doc(
      'let',
      '  mac = "00:16:3e:00:00:01";',
      'in',
      '{',
      '  microvm.interfaces = [ { type = "tap"; id = "vm-a"; inherit mac; } ];',
      '}',
    ),
  },
  {
    name: 'MACs from variables and function calls',
    code: doc(
      '{ lib, cfg, name, ... }:',
      '{',
      '  microvm.interfaces = [',
      '    { type = "tap"; id = "vm-a"; mac = cfg.mac; }',
      '    { type = "tap"; id = "vm-b"; mac = cfg.macs.${name}; }',
      '    { type = "tap"; id = "vm-c"; mac = lib.mkDefault cfg.mac; }',
      '  ];',
      '}',
    ),
  },
  {
    name: "host: its own interfaces' MACs beside microvm.vms",
    code: doc(
      '{ pkgs, ... }:',
      '{',
      '  networking.interfaces.eth0.macAddress = "02:00:00:00:00:99";',
      '  systemd.network.links."10-uplink".linkConfig.MACAddress = "02:00:00:00:00:98";',
      '  systemd.services.fix-mac.script = "ip link set dev eth1 address 02:00:00:00:00:97";',
      '  microvm.vms.web.config = {',
      '    microvm.interfaces = [ {',
      '      type = "macvtap";',
      '      id = "vm-web";',
      '      mac = "02:00:00:00:00:01";',
      '      macvtap = { link = "eth0"; mode = "bridge"; };',
      '    } ];',
      '  };',
      '}',
    ),
  },
  {
    name: 'host: a VM defined through a let-bound interface, the host sets its own MAC',
    code: doc(
      'let',
      '  iface = { type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01"; macvtap = { link = "eth0"; mode = "vepa"; }; };',
      'in',
      '{',
      '  networking.interfaces.eth0.macAddress = "02:00:00:00:00:99";',
      '  microvm.vms.a.config.microvm.interfaces = [ iface ];',
      '}',
    ),
  },
  {
    name: 'host: a macvtap-shaped set outside microvm.interfaces does not make the host a VM',
    code: doc(
      '{ lib, vms, mkIface, ... }:',
      '{',
      '  networking.interfaces.eth0.macAddress = "02:00:00:00:00:99";',
      '  microvm.vms = lib.mapAttrs (name: cfg: {',
      '    config.microvm.interfaces = [ (mkIface name) ];',
      '  }) vms;',
      '  my.template = { type = "macvtap"; id = "vm-x"; mac = "02:00:00:00:00:01"; macvtap.link = "eth0"; };',
      '}',
    ),
  },
  {
    name: 'networking.macvlans is not a MAC setting',
    code: doc(
      '{',
      '  networking.macvlans.mv-lan = { interface = "eth0"; mode = "bridge"; };',
      '  microvm.interfaces = [ { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ];',
      '}',
    ),
  },
  {
    name: 'systemd netdevs and links in a file without MicroVM interfaces',
    code: doc(
      '{',
      '  systemd.network.netdevs."20-br0".netdevConfig = { Kind = "bridge"; Name = "br0"; MACAddress = "00:16:3e:00:00:01"; };',
      '  systemd.network.links."10-wan".linkConfig.MACAddress = "01:00:00:00:00:01";',
      '  networking.interfaces.eth0.macAddress = "00:16:3e:00:00:02";',
      '}',
    ),
  },
  {
    name: 'Incus profile with hwaddr',
    code: doc(
      '{',
      '  virtualisation.incus.preseed.profiles = [ {',
      '    name = "default";',
      '    devices.eth0 = { type = "nic"; nictype = "macvlan"; parent = "eth0"; hwaddr = "00:16:3e:00:00:01"; };',
      '  } ];',
      '}',
    ),
  },
  {
    name: 'libvirt domains (NixVirt) with mac addresses',
    code: doc(
      '{ nixvirt, ... }:',
      '{',
      '  virtualisation.libvirt.connections."qemu:///system".domains = [ {',
      '    definition = nixvirt.lib.domain.writeXML {',
      '      devices.interface = [',
      '        { type = "direct"; mac = { address = "52:54:00:00:00:01"; }; source = { dev = "eth0"; mode = "bridge"; }; }',
      '        { type = "bridge"; mac = "00:16:3e:00:00:01"; source.bridge = "br0"; }',
      '      ];',
      '    };',
      '  } ];',
      '}',
    ),
  },
  {
    name: 'NixOS container beside microvm.vms sets its own MAC',
    code: doc(
      '{',
      '  containers.web = {',
      '    privateNetwork = true;',
      '    macvlans = [ "eth0" ];',
      '    config = {',
      '      networking.interfaces.mv-eth0.macAddress = "02:00:00:00:00:42";',
      '    };',
      '  };',
      '  microvm.vms.db.config.microvm.interfaces = [ { type = "tap"; id = "vm-db"; mac = "02:00:00:00:00:01"; } ];',
      '}',
    ),
  },
  {
    name: 'sets merged with // may get their MAC from elsewhere',
    code: doc(
      '{ lib, extra, ... }:',
      '{',
      '  microvm.interfaces = [',
      '    ({ type = "tap"; id = "vm-a"; mac = "01:00:00:00:00:01"; } // extra)',
      '    ({ type = "tap"; id = "vm-b"; mac = "00:16:3e:00:00:01"; } // extra)',
      '    ({ type = "tap"; id = "vm-c"; mac = "02-00-00-00-00-01"; } // extra)',
      '    ({ type = "tap"; id = "vm-d"; mac = "02:00:00:00:00:05"; } // extra)',
      '    ({ type = "tap"; id = "vm-e"; mac = "02:00:00:00:00:05"; } // extra)',
      '  ];',
      '}',
    ),
  },
  {
    name: 'tap-like sets outside microvm.interfaces',
    code: doc(
      '{',
      '  services.foo.nics = [ { type = "tap"; id = "x"; mac = "01:00:00:00:00:01"; } ];',
      '  virtualisation.qemu.options = [ "-device virtio-net,mac=00:16:3e:00:00:01" ];',
      '}',
    ),
  },
  {
    name: 'guest scripts that use ip without setting a MAC',
    code: doc(
      '{',
      '  microvm.interfaces = [ { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ];',
      "  systemd.services.net-check.script = ''",
      '    ip link show dev eth0',
      '    ip -br link',
      '    ip link set dev eth0 up',
      '    ip address add 10.0.0.2/24 dev eth0',
      '    ip link set dev eth0 mtu 9000',
      "  '';",
      '}',
    ),
  },
  {
    name: 'if/else variants of one interface (same VM, same id) share their MAC',
    code: doc(
      '{ lib, useMacvtap, ... }:',
      '{',
      '  microvm.interfaces =',
      '    if useMacvtap',
      '    then [ { type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01"; macvtap = { link = "eth0"; mode = "bridge"; }; } ]',
      '    else [ { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ];',
      '}',
    ),
  },
  {
    name: 'lib.optional variants of one interface share their MAC',
    code: doc(
      '{ lib, useMacvtap, ... }:',
      '{',
      '  microvm.interfaces = lib.optional useMacvtap { type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01"; macvtap.link = "eth0"; macvtap.mode = "vepa"; }',
      '    ++ lib.optional (!useMacvtap) { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; };',
      '}',
    ),
  },
  {
    name: 'interfaces in the two branches of an if, with other ids, may share a MAC: only one exists',
    code: doc(
      '{ lib, fast, ... }:',
      '{',
      '  microvm.interfaces = if fast',
      '    then [ { type = "macvtap"; id = "vm-fast"; mac = "02:00:00:00:00:01"; macvtap = { link = "eth0"; mode = "vepa"; }; } ]',
      '    else [ { type = "tap"; id = "vm-slow"; mac = "02:00:00:00:00:01"; } ];',
      '}',
    ),
  },
  {
    name: 'macvtap sets found by their shape under lib.optional c and lib.optional (!c) share a MAC',
    code: doc(
      '{ lib, fast, ... }:',
      '{',
      '  my.nics = lib.optional fast { type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01"; macvtap = { link = "eth0"; mode = "vepa"; }; }',
      '    ++ lib.optional (!fast) { type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01"; macvtap = { link = "eth1"; mode = "vepa"; }; };',
      '}',
    ),
  },
  {
    name: 'mac = null and macAddress = null',
    code: doc(
      '{',
      '  microvm.interfaces = [ { type = "user"; id = "qemu"; mac = null; } ];',
      '  networking.interfaces.eth0.macAddress = null;',
      '}',
    ),
  },
];

// ---------------------------------------------------------------------------
// Invalid: documents and cases.
// ---------------------------------------------------------------------------

const dashes = guest('mac = "02-00-00-00-00-01";');
const dashesFixed = guest('mac = "02:00:00:00:00:01";');

const ciscoDotsHost = doc(
  '{',
  '  microvm.vms.web.config = {',
  '    microvm.interfaces = [ {',
  '      type = "macvtap";',
  '      id = "vm-web";',
  '      mac = "02AB.CDEF.0001";',
  '      macvtap = { link = "eth0"; mode = "bridge"; };',
  '    } ];',
  '  };',
  '}',
);
const ciscoDotsHostFixed = swap(ciscoDotsHost, '"02AB.CDEF.0001"', '"02:AB:CD:EF:00:01"');

const bareFlake = doc(
  '{',
  '  inputs.microvm.url = "github:microvm-nix/microvm.nix";',
  '  outputs = { self, nixpkgs, microvm }: {',
  '    nixosConfigurations.my-vm = nixpkgs.lib.nixosSystem {',
  '      system = "x86_64-linux";',
  '      modules = [',
  '        microvm.nixosModules.microvm',
  '        {',
  '          microvm.interfaces = [{',
  '            type = "user";',
  '            id = "qemu";',
  '            mac = "02aBcD000001";',
  '          }];',
  '        }',
  '      ];',
  '    };',
  '  };',
  '}',
);
const bareFlakeFixed = swap(bareFlake, '"02aBcD000001"', '"02:aB:cD:00:00:01"');

const indentedDashes = guest("mac = ''02-AB-00-00-00-01'';");
const indentedDashesFixed = guest("mac = ''02:AB:00:00:00:01'';");

const multicastGuest = guest('mac = "01:00:5e:00:00:01";');
const multicastGuestFixed = guest(`mac = "${GEN['vm-a']}";`);

const broadcastHost = doc(
  '{',
  '  microvm.vms.web.config = { config, ... }: {',
  '    microvm.interfaces = [ {',
  '      type = "tap";',
  '      id = "vm-${config.networking.hostName}";',
  '      mac = "FF:FF:FF:FF:FF:FF";',
  '    } ];',
  '  };',
  '}',
);
const broadcastHostFixed = swap(broadcastHost, '"FF:FF:FF:FF:FF:FF"', `"${GEN.web}"`);

const multicastNoSeed = guest('mac = "33:33:00:00:00:01";', 'id = config.networking.hostName;');

const multicastTaken = doc(
  '{',
  '  microvm.interfaces = [',
  '    { type = "tap"; id = "vm-a"; mac = "03:00:00:00:00:01"; }',
  `    { type = "tap"; id = "vm-b"; mac = "${GEN['vm-a'].toUpperCase()}"; }`,
  '  ];',
  '}',
);
const multicastTakenFixed = swap(multicastTaken, '"03:00:00:00:00:01"', `"${GEN['vm-a-1']}"`);

const multicastDashes = guest('mac = "01-00-5e-00-00-01";');
const multicastDashesFixed = guest('mac = "01:00:5e:00:00:01";');

const xenGuest = guest('mac = "00:16:3e:12:34:56";');
const xenGuestFixed = guest(`mac = "${GEN['vm-a']}";`);

const universalFlake = swap(swap(bareFlake, '"02aBcD000001"', '"00:1A:2B:3C:4D:5E"'), 'id = "qemu";', 'id = "my-vm";');
const universalFlakeFixed = swap(universalFlake, '"00:1A:2B:3C:4D:5E"', `"${GEN['my-vm']}"`);

const universalInheritId = doc(
  '{',
  '  microvm.vms.db.config = let id = "vm-db"; in {',
  '    microvm.interfaces = [ { type = "tap"; inherit id; mac = "00:16:3e:00:00:02"; } ];',
  '  };',
  '}',
);
const universalInheritIdFixed = swap(universalInheritId, '"00:16:3e:00:00:02"', `"${GEN.db}"`);

const universalNoSeed = guest('mac = "00:16:3e:00:00:03";', 'id = config.networking.hostName;');

const sameIdTwoFlakes = doc(
  '{',
  '  outputs = { nixpkgs, ... }: {',
  '    nixosConfigurations.a = nixpkgs.lib.nixosSystem {',
  '      modules = [ { microvm.interfaces = [ { type = "tap"; id = "eth0"; mac = "00:16:3e:00:00:0a"; } ]; } ];',
  '    };',
  '    nixosConfigurations.b = nixpkgs.lib.nixosSystem {',
  '      modules = [ { microvm.interfaces = [ { type = "tap"; id = "eth0"; mac = "00:16:3e:00:00:0b"; } ]; } ];',
  '    };',
  '  };',
  '}',
);
const sameIdTwoFlakesFirst = swap(sameIdTwoFlakes, '"00:16:3e:00:00:0a"', `"${GEN.eth0}"`);
const sameIdTwoFlakesSecond = swap(sameIdTwoFlakes, '"00:16:3e:00:00:0b"', `"${GEN['eth0-1']}"`);

const duplicateHost = doc(
  '{',
  '  microvm.vms = {',
  '    a.config.microvm.interfaces = [ { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:AA"; } ];',
  '    b.config.microvm.interfaces = [ { type = "tap"; id = "vm-b"; mac = "02:00:00:00:00:aa"; } ];',
  '  };',
  '}',
);

const duplicateNotation = doc(
  '{',
  '  microvm.vms = {',
  '    a.config.microvm.interfaces = [ { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ];',
  '    b.config.microvm.interfaces = [ { type = "tap"; id = "vm-b"; mac = "02-00-00-00-00-01"; } ];',
  '  };',
  '}',
);
const duplicateNotationColons = swap(duplicateNotation, '"02-00-00-00-00-01"', '"02:00:00:00:00:01"');

const duplicateComputedIdHost = doc(
  '{ config, ... }:',
  '{',
  '  microvm.vms = {',
  '    a.config.microvm.interfaces = [ { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:0a"; } ];',
  '    b.config.microvm.interfaces = [ { type = "tap"; id = config.networking.hostName; mac = "02:00:00:00:00:0a"; } ];',
  '    c.config.microvm.interfaces = [ { type = "tap"; id = ""; mac = "03:00:00:00:00:0c"; } ];',
  '  };',
  '}',
);
const duplicateInOneHostVm = doc(
  '{',
  '  microvm.vms.a.config.microvm.interfaces = [',
  '    { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; }',
  '    { type = "tap"; id = "vm-b"; mac = "02:00:00:00:00:01"; }',
  '  ];',
  '}',
);
const duplicateOneConditional = doc(
  '{ lib, c, ... }:',
  '{',
  '  microvm.interfaces = [ { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ]',
  '    ++ lib.optional c { type = "tap"; id = "vm-b"; mac = "02:00:00:00:00:01"; };',
  '}',
);
const duplicateThree = doc(
  '{',
  '  microvm.interfaces = [',
  '    { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; }',
  '    { type = "tap"; id = "vm-b"; mac = "02:00:00:00:00:01"; }',
  '    { type = "tap"; id = "vm-c"; mac = "02:00:00:00:00:01"; }',
  '  ];',
  '}',
);

const duplicateUniversal = doc(
  '{',
  '  microvm.vms.a.config.microvm.interfaces = [ { type = "tap"; id = "vm-a"; mac = "00:16:3e:00:00:01"; } ];',
  '  microvm.vms.b.config.microvm.interfaces = [ { type = "tap"; id = "vm-b"; mac = "00:16:3e:00:00:01"; } ];',
  '}',
);
const duplicateUniversalA = swap(duplicateUniversal, 'id = "vm-a"; mac = "00:16:3e:00:00:01"', `id = "vm-a"; mac = "${GEN['vm-a']}"`);
const duplicateUniversalB = swap(duplicateUniversal, 'id = "vm-b"; mac = "00:16:3e:00:00:01"', `id = "vm-b"; mac = "${GEN['vm-b']}"`);

const duplicateComputedId = doc(
  '{ config, ... }:',
  '{',
  '  microvm.interfaces = [',
  '    { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:07"; }',
  '    { type = "tap"; id = config.networking.hostName; mac = "02:00:00:00:00:07"; }',
  '  ];',
  '}',
);

const guestNetworkingInterfaces = doc(
  '{ config, ... }:',
  '{',
  '  microvm.interfaces = [ { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ];',
  '  networking.interfaces.eth0.macAddress = "02:00:00:00:00:02";',
  '  networking.interfaces.eth0.useDHCP = true;',
  '}',
);
const guestNetworkingInterfacesFixed = doc(
  '{ config, ... }:',
  '{',
  '  microvm.interfaces = [ { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ];',
  '  networking.interfaces.eth0.useDHCP = true;',
  '}',
);

const hostLinkConfig = doc(
  '{',
  '  networking.interfaces.eth0.macAddress = "02:00:00:00:00:99";',
  '  microvm.vms.a.config = {',
  '    microvm.interfaces = [ { type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01"; macvtap = { link = "eth0"; mode = "bridge"; }; } ];',
  '    systemd.network.links."10-eth" = {',
  '      matchConfig.OriginalName = "eth*";',
  '      linkConfig.MACAddress = "02:00:00:00:00:02";',
  '    };',
  '  };',
  '  microvm.vms.b.config = {',
  '    microvm.interfaces = [ { type = "tap"; id = "vm-b"; mac = "02:00:00:00:00:03"; } ];',
  '  };',
  '}',
);
const hostLinkConfigFixed = doc(
  '{',
  '  networking.interfaces.eth0.macAddress = "02:00:00:00:00:99";',
  '  microvm.vms.a.config = {',
  '    microvm.interfaces = [ { type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01"; macvtap = { link = "eth0"; mode = "bridge"; }; } ];',
  '    systemd.network.links."10-eth" = {',
  '      matchConfig.OriginalName = "eth*";',
  '    };',
  '  };',
  '  microvm.vms.b.config = {',
  '    microvm.interfaces = [ { type = "tap"; id = "vm-b"; mac = "02:00:00:00:00:03"; } ];',
  '  };',
  '}',
);

const guestNetdev = doc(
  '{',
  '  microvm.interfaces = [ { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ];',
  '  systemd.network.netdevs."10-br0" = {',
  '    netdevConfig = {',
  '      Kind = "bridge";',
  '      Name = "br0";',
  '      MACAddress = "02:00:00:00:00:02";',
  '    };',
  '  };',
  '}',
);
const guestNetdevFixed = doc(
  '{',
  '  microvm.interfaces = [ { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ];',
  '  systemd.network.netdevs."10-br0" = {',
  '    netdevConfig = {',
  '      Kind = "bridge";',
  '      Name = "br0";',
  '    };',
  '  };',
  '}',
);

const guestNetworkLink = doc(
  '{',
  '  microvm.interfaces = [ { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ];',
  '  systemd.network.networks."20-lan" = {',
  '    matchConfig.MACAddress = "02:00:00:00:00:01";',
  '    linkConfig = { MACAddress = "02:00:00:00:00:03"; RequiredForOnline = "routable"; };',
  '  };',
  '}',
);
const guestNetworkLinkFixed = doc(
  '{',
  '  microvm.interfaces = [ { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ];',
  '  systemd.network.networks."20-lan" = {',
  '    matchConfig.MACAddress = "02:00:00:00:00:01";',
  '    linkConfig = { RequiredForOnline = "routable"; };',
  '  };',
  '}',
);

const guestScript = doc(
  '{ pkgs, ... }:',
  '{',
  '  microvm.interfaces = [ { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ];',
  "  systemd.services.set-mac.script = ''",
  '    ip link set dev eth0 down',
  '    ip link set dev eth0 address 02:00:00:00:00:05',
  '    ${pkgs.iproute2}/bin/ip link set eth1 up address 02:00:00:00:00:06',
  '    ip link set dev eth2 address "$MAC"',
  "  '';",
  '}',
);

const hostVmScript = doc(
  '{',
  '  systemd.services.host-mac.script = "ip link set dev eth1 address 02:00:00:00:00:97";',
  '  microvm.vms.a.config = {',
  '    microvm.interfaces = [ { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ];',
  '    networking.localCommands = "ip link set dev eth0 address 02:00:00:00:00:07";',
  '    boot.postBootCommands = "ip link set dev eth1 address \\"$MAC\\"";',
  '  };',
  '}',
);

const tabs = doc(
  '{ config, ... }:',
  '{',
  '\tmicrovm.interfaces = [ {',
  '\t\ttype = "tap";',
  '\t\tid = "vm-a";',
  '\t\tmac = "02:00:00:00:00:01";',
  '\t} ];',
  '\tnetworking.interfaces.eth0 = {',
  '\t\tmacAddress = "02:00:00:00:00:02";',
  '\t\tuseDHCP = true;',
  '\t};',
  '}',
);
const tabsFixed = doc(
  '{ config, ... }:',
  '{',
  '\tmicrovm.interfaces = [ {',
  '\t\ttype = "tap";',
  '\t\tid = "vm-a";',
  '\t\tmac = "02:00:00:00:00:01";',
  '\t} ];',
  '\tnetworking.interfaces.eth0 = {',
  '\t\tuseDHCP = true;',
  '\t};',
  '}',
);

const windows = crlf(
  '{',
  '  microvm.interfaces = [ { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ];',
  '  systemd.network.links."10-eth" = {',
  '    matchConfig.OriginalName = "eth0";',
  '    linkConfig.MACAddress = "02:00:00:00:00:02";',
  '    linkConfig.Name = "lan";',
  '  };',
  '}',
);
const windowsFixed = crlf(
  '{',
  '  microvm.interfaces = [ { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ];',
  '  systemd.network.links."10-eth" = {',
  '    matchConfig.OriginalName = "eth0";',
  '    linkConfig.Name = "lan";',
  '  };',
  '}',
);

const flakeSecondModule = doc(
  '{',
  '  outputs = { self, nixpkgs, microvm }: {',
  '    nixosConfigurations.my-vm = nixpkgs.lib.nixosSystem {',
  '      modules = [',
  '        microvm.nixosModules.microvm',
  '        { microvm.interfaces = [ { type = "tap"; id = "my-vm"; mac = "02:00:00:00:00:01"; } ]; }',
  '        ({ ... }: {',
  '          networking.interfaces.eth0.macAddress = "02:00:00:00:00:01";',
  '        })',
  '      ];',
  '    };',
  '  };',
  '}',
);
const flakeSecondModuleFixed = doc(
  '{',
  '  outputs = { self, nixpkgs, microvm }: {',
  '    nixosConfigurations.my-vm = nixpkgs.lib.nixosSystem {',
  '      modules = [',
  '        microvm.nixosModules.microvm',
  '        { microvm.interfaces = [ { type = "tap"; id = "my-vm"; mac = "02:00:00:00:00:01"; } ]; }',
  '        ({ ... }: {',
  '        })',
  '      ];',
  '    };',
  '  };',
  '}',
);

const oneLineSet = doc(
  '{',
  '  microvm.interfaces = [ { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ];',
  '  networking.interfaces.eth0 = { useDHCP = true; macAddress = "02:00:00:00:00:02"; };',
  '}',
);
const oneLineSetFixed = doc(
  '{',
  '  microvm.interfaces = [ { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ];',
  '  networking.interfaces.eth0 = { useDHCP = true; };',
  '}',
);

const trailingComment = doc(
  '{',
  '  microvm.interfaces = [ { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ];',
  '  networking.interfaces.eth0.macAddress = "02:00:00:00:00:02"; # pinned for the DHCP server',
  '}',
);
const trailingCommentFixed = doc(
  '{',
  '  microvm.interfaces = [ { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ];',
  '  # pinned for the DHCP server',
  '}',
);

const commentInside = doc(
  '{',
  '  microvm.interfaces = [ { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ];',
  '  networking.interfaces.eth0.macAddress = /* pinned */ "02:00:00:00:00:02";',
  '}',
);

const throughMkForceAndMkIf = doc(
  '{ lib, ... }:',
  '{',
  '  microvm.vms.b.config = { config, ... }: {',
  '    microvm.interfaces = [ { type = "tap"; id = "vm-b"; mac = "02:00:00:00:00:02"; } ];',
  '    networking.interfaces = lib.mkForce { eth0.macAddress = "02:00:00:00:00:03"; };',
  '    networking.interfaces.eth1 = lib.mkIf true {',
  '      macAddress = "02:00:00:00:00:04";',
  '    };',
  '  };',
  '}',
);
const throughMkForce = doc(
  '{ lib, ... }:',
  '{',
  '  microvm.vms.b.config = { config, ... }: {',
  '    microvm.interfaces = [ { type = "tap"; id = "vm-b"; mac = "02:00:00:00:00:02"; } ];',
  '    networking.interfaces = lib.mkForce { };',
  '    networking.interfaces.eth1 = lib.mkIf true {',
  '      macAddress = "02:00:00:00:00:04";',
  '    };',
  '  };',
  '}',
);
const throughMkIf = doc(
  '{ lib, ... }:',
  '{',
  '  microvm.vms.b.config = { config, ... }: {',
  '    microvm.interfaces = [ { type = "tap"; id = "vm-b"; mac = "02:00:00:00:00:02"; } ];',
  '    networking.interfaces = lib.mkForce { eth0.macAddress = "02:00:00:00:00:03"; };',
  '    networking.interfaces.eth1 = lib.mkIf true {',
  '    };',
  '  };',
  '}',
);
const throughBoth = doc(
  '{ lib, ... }:',
  '{',
  '  microvm.vms.b.config = { config, ... }: {',
  '    microvm.interfaces = [ { type = "tap"; id = "vm-b"; mac = "02:00:00:00:00:02"; } ];',
  '    networking.interfaces = lib.mkForce { };',
  '    networking.interfaces.eth1 = lib.mkIf true {',
  '    };',
  '  };',
  '}',
);

const variantsAndOtherVm = doc(
  '{ lib, useMacvtap, ... }:',
  '{',
  '  microvm.vms.a.config.microvm.interfaces = if useMacvtap',
  '    then [ { type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01"; macvtap = { link = "eth0"; mode = "vepa"; }; } ]',
  '    else [ { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ];',
  '  microvm.vms.b.config.microvm.interfaces = [ { type = "tap"; id = "vm-b"; mac = "02:00:00:00:00:01"; } ];',
  '}',
);

const invalid: InvalidCase[] = [
  // mac-invalid
  {
    name: 'dashes in a guest module',
    code: dashes,
    findings: [notation('6:12-6:31', 'MAC "02-00-00-00-00-01" is written with dashes. microvm.nix passes the MAC unchanged to the hypervisor and, for macvtap, to `ip link add ... address`; `ip link` and hypervisors such as cloud-hypervisor read only colon-separated octets, so the device is not created and the VM does not start. Write it as 02:00:00:00:00:01.', '02:00:00:00:00:01', dashesFixed)],
    fixAll: dashesFixed,
  },
  {
    name: 'Cisco dots, upper case kept, in a host VM',
    code: ciscoDotsHost,
    findings: [notation('5:12-5:28', 'MAC "02AB.CDEF.0001" is written with Cisco-style dots. microvm.nix passes the MAC unchanged to the hypervisor and, for macvtap, to `ip link add ... address`; `ip link` and hypervisors such as cloud-hypervisor read only colon-separated octets, so the device is not created and the VM does not start. Write it as 02:AB:CD:EF:00:01.', '02:AB:CD:EF:00:01', ciscoDotsHostFixed)],
    fixAll: ciscoDotsHostFixed,
  },
  {
    name: 'no separators, mixed case kept, in a flake',
    code: bareFlake,
    findings: [notation('11:18-11:32', 'MAC "02aBcD000001" is written with no separators. microvm.nix passes the MAC unchanged to the hypervisor and, for macvtap, to `ip link add ... address`; `ip link` and hypervisors such as cloud-hypervisor read only colon-separated octets, so the device is not created and the VM does not start. Write it as 02:aB:cD:00:00:01.', '02:aB:cD:00:00:01', bareFlakeFixed)],
    fixAll: bareFlakeFixed,
  },
  {
    name: 'dashes in an indented string',
    code: indentedDashes,
    findings: [notation('6:12-6:33', 'MAC "02-AB-00-00-00-01" is written with dashes. microvm.nix passes the MAC unchanged to the hypervisor and, for macvtap, to `ip link add ... address`; `ip link` and hypervisors such as cloud-hypervisor read only colon-separated octets, so the device is not created and the VM does not start. Write it as 02:AB:00:00:00:01.', '02:AB:00:00:00:01', indentedDashesFixed)],
    fixAll: indentedDashesFixed,
  },
  {
    name: 'multicast written with dashes: only mac-invalid until it has colons',
    code: multicastDashes,
    findings: [notation('6:12-6:31', 'MAC "01-00-5e-00-00-01" is written with dashes. microvm.nix passes the MAC unchanged to the hypervisor and, for macvtap, to `ip link add ... address`; `ip link` and hypervisors such as cloud-hypervisor read only colon-separated octets, so the device is not created and the VM does not start. Write it as 01:00:5e:00:00:01.', '01:00:5e:00:00:01', multicastDashesFixed)],
    fixAll: multicastDashesFixed,
  },
  { name: 'five octets', code: guest('mac = "02:00:00:00:01";'), findings: [notMac('6:12-6:28', '"02:00:00:00:01" is not a MAC address (it has 10 hex digits, not 12). microvm.nix passes the MAC unchanged to the hypervisor and, for macvtap, to `ip link add ... address`, which reject it, so the VM does not start. Write six two-digit hex octets separated by colons, such as 02:00:00:00:00:01.')] },
  { name: 'seven octets', code: guest('mac = "02:00:00:00:00:00:01";'), findings: [notMac('6:12-6:34', '"02:00:00:00:00:00:01" is not a MAC address (it has 14 hex digits, not 12). microvm.nix passes the MAC unchanged to the hypervisor and, for macvtap, to `ip link add ... address`, which reject it, so the VM does not start. Write six two-digit hex octets separated by colons, such as 02:00:00:00:00:01.')] },
  { name: 'a non-hex digit', code: guest('mac = "02:00:00:00:00:0g";'), findings: [notMac('6:12-6:31', '"02:00:00:00:00:0g" is not a MAC address ("g" is not a hex digit). microvm.nix passes the MAC unchanged to the hypervisor and, for macvtap, to `ip link add ... address`, which reject it, so the VM does not start. Write six two-digit hex octets separated by colons, such as 02:00:00:00:00:01.')] },
  { name: 'one-digit octets', code: guest('mac = "2:0:0:0:0:1";'), findings: [notMac('6:12-6:25', '"2:0:0:0:0:1" is not a MAC address (it has 6 hex digits, not 12). microvm.nix passes the MAC unchanged to the hypervisor and, for macvtap, to `ip link add ... address`, which reject it, so the VM does not start. Write six two-digit hex octets separated by colons, such as 02:00:00:00:00:01.')] },
  { name: 'colons and dashes mixed', code: guest('mac = "02:00-00:00:00:01";'), findings: [notMac('6:12-6:31', '"02:00-00:00:00:01" is not a MAC address (its octets are not separated by one colon each). microvm.nix passes the MAC unchanged to the hypervisor and, for macvtap, to `ip link add ... address`, which reject it, so the VM does not start. Write six two-digit hex octets separated by colons, such as 02:00:00:00:00:01.')] },
  { name: 'a leading space', code: guest('mac = " 02:00:00:00:00:01";'), findings: [notMac('6:12-6:32', '" 02:00:00:00:00:01" is not a MAC address (it contains whitespace). microvm.nix passes the MAC unchanged to the hypervisor and, for macvtap, to `ip link add ... address`, which reject it, so the VM does not start. Write six two-digit hex octets separated by colons, such as 02:00:00:00:00:01.')] },
  { name: 'an empty string', code: guest('mac = "";'), findings: [notMac('6:12-6:14', '"" is not a MAC address (it is empty). microvm.nix passes the MAC unchanged to the hypervisor and, for macvtap, to `ip link add ... address`, which reject it, so the VM does not start. Write six two-digit hex octets separated by colons, such as 02:00:00:00:00:01.')] },

  {
    name: 'all zeros: mac-invalid only, with a generated MAC',
    code: guest('mac = "00:00:00:00:00:00";'),
    findings: [{ code: 'mac-invalid', messageId: 'zero', range: '6:12-6:31', message: 'MAC 00:00:00:00:00:00 is the all-zero address, which stands for "no address": the kernel refuses it for an interface ("Cannot assign requested address"), so the device is not created. Use a locally administered unicast MAC (second hex digit 2, 6, A or E).', fixes: [generateFix('vm-a', guest(`mac = "${GEN['vm-a']}";`))] }],
    fixAll: guest(`mac = "${GEN['vm-a']}";`),
  },

  // mac-multicast
  {
    name: 'multicast in a guest: generated from the id',
    code: multicastGuest,
    findings: [multicast('6:12-6:31', 'MAC 01:00:5e:00:00:01 is a multicast address (first octet 01 is odd), and no network card may have one: the kernel refuses it as an interface address ("Cannot assign requested address") and switches drop frames sent from it. Use a unicast MAC, best a locally administered one (second hex digit 2, 6, A or E).', [generateFix('vm-a', multicastGuestFixed)])],
    fixAll: multicastGuestFixed,
  },
  {
    name: 'broadcast in a host VM with a computed id: generated from the VM name',
    code: broadcastHost,
    findings: [multicast('5:12-5:31', 'MAC FF:FF:FF:FF:FF:FF is a multicast address (first octet FF is odd), and no network card may have one: the kernel refuses it as an interface address ("Cannot assign requested address") and switches drop frames sent from it. Use a unicast MAC, best a locally administered one (second hex digit 2, 6, A or E).', [generateFix('web', broadcastHostFixed)])],
    fixAll: broadcastHostFixed,
  },
  {
    name: 'multicast in a guest with a computed id: no seed, no fix',
    code: multicastNoSeed,
    findings: [multicast('6:12-6:31', 'MAC 33:33:00:00:00:01 is a multicast address (first octet 33 is odd), and no network card may have one: the kernel refuses it as an interface address ("Cannot assign requested address") and switches drop frames sent from it. Use a unicast MAC, best a locally administered one (second hex digit 2, 6, A or E).', [])],
  },
  {
    name: 'multicast whose generated MAC another interface already has (in upper case): the id + "-1" seed',
    code: multicastTaken,
    findings: [multicast('2:39-2:58', 'MAC 03:00:00:00:00:01 is a multicast address (first octet 03 is odd), and no network card may have one: the kernel refuses it as an interface address ("Cannot assign requested address") and switches drop frames sent from it. Use a unicast MAC, best a locally administered one (second hex digit 2, 6, A or E).', [generateFix('vm-a-1', multicastTakenFixed)])],
    fixAll: multicastTakenFixed,
  },

  // mac-not-local
  {
    name: 'universally administered (Xen prefix) in a guest',
    code: xenGuest,
    findings: [notLocal('6:12-6:31', 'MAC 00:16:3e:12:34:56 is universally administered (second hex digit 0): such addresses belong to vendors\' network cards, so a real device on the same network may already use it. Prefer a locally administered MAC, whose second hex digit is 2, 6, A or E.', [generateFix('vm-a', xenGuestFixed, false)])],
  },
  {
    name: 'universally administered, upper case, in a flake',
    code: universalFlake,
    findings: [notLocal('11:18-11:37', 'MAC 00:1A:2B:3C:4D:5E is universally administered (second hex digit 0): such addresses belong to vendors\' network cards, so a real device on the same network may already use it. Prefer a locally administered MAC, whose second hex digit is 2, 6, A or E.', [generateFix('my-vm', universalFlakeFixed, false)])],
  },
  {
    name: 'universally administered with `inherit id;` in a host VM: generated from the VM name',
    code: universalInheritId,
    findings: [notLocal('2:61-2:80', 'MAC 00:16:3e:00:00:02 is universally administered (second hex digit 0): such addresses belong to vendors\' network cards, so a real device on the same network may already use it. Prefer a locally administered MAC, whose second hex digit is 2, 6, A or E.', [generateFix('db', universalInheritIdFixed, false)])],
  },
  {
    name: 'universally administered in a guest with a computed id: no fix',
    code: universalNoSeed,
    findings: [notLocal('6:12-6:31', 'MAC 00:16:3e:00:00:03 is universally administered (second hex digit 0): such addresses belong to vendors\' network cards, so a real device on the same network may already use it. Prefer a locally administered MAC, whose second hex digit is 2, 6, A or E.', [])],
  },
  {
    name: 'two flake guests with the same id: the generated MACs differ',
    code: sameIdTwoFlakes,
    findings: [
      notLocal('3:78-3:97', 'MAC 00:16:3e:00:00:0a is universally administered (second hex digit 0): such addresses belong to vendors\' network cards, so a real device on the same network may already use it. Prefer a locally administered MAC, whose second hex digit is 2, 6, A or E.', [generateFix('eth0', sameIdTwoFlakesFirst, false)]),
      notLocal('6:78-6:97', 'MAC 00:16:3e:00:00:0b is universally administered (second hex digit 0): such addresses belong to vendors\' network cards, so a real device on the same network may already use it. Prefer a locally administered MAC, whose second hex digit is 2, 6, A or E.', [generateFix('eth0-1', sameIdTwoFlakesSecond, false)]),
    ],
  },

  // mac-duplicate
  {
    name: 'two VMs of a host, the case differs: both marked, the generate fix is not preferred',
    code: duplicateHost,
    findings: [
      duplicate('2:71-2:90', 'MAC 02:00:00:00:00:aa is also declared on interface "vm-b" of VM "b". Interfaces that share a MAC steal each other\'s traffic: switches, bridges and the host\'s macvtap parent deliver each frame to one of them only. Give every interface its own MAC.', [generateFix('vm-a', swap(duplicateHost, '"02:00:00:00:00:AA"', `"${GEN['vm-a']}"`), false)], ['3:71-3:90 also used by interface "vm-b" of VM "b"']),
      duplicate('3:71-3:90', 'MAC 02:00:00:00:00:aa is also declared on interface "vm-a" of VM "a". Interfaces that share a MAC steal each other\'s traffic: switches, bridges and the host\'s macvtap parent deliver each frame to one of them only. Give every interface its own MAC.', [generateFix('vm-b', swap(duplicateHost, '"02:00:00:00:00:aa"', `"${GEN['vm-b']}"`), false)], ['2:71-2:90 also used by interface "vm-a" of VM "a"']),
    ],
  },
  {
    name: 'the same MAC with dashes and colons: fix all only rewrites the notation',
    code: duplicateNotation,
    findings: [
      duplicate('2:71-2:90', 'MAC 02:00:00:00:00:01 is also declared on interface "vm-b" of VM "b". Interfaces that share a MAC steal each other\'s traffic: switches, bridges and the host\'s macvtap parent deliver each frame to one of them only. Give every interface its own MAC.', [generateFix('vm-a', swap(duplicateNotation, '"02:00:00:00:00:01"', `"${GEN['vm-a']}"`), false)], ['3:71-3:90 also used by interface "vm-b" of VM "b"']),
      duplicate('3:71-3:90', 'MAC 02:00:00:00:00:01 is also declared on interface "vm-a" of VM "a". Interfaces that share a MAC steal each other\'s traffic: switches, bridges and the host\'s macvtap parent deliver each frame to one of them only. Give every interface its own MAC.', [generateFix('vm-b', swap(duplicateNotation, '"02-00-00-00-00-01"', `"${GEN['vm-b']}"`), false)], ['2:71-2:90 also used by interface "vm-a" of VM "a"']),
      notation('3:71-3:90', 'MAC "02-00-00-00-00-01" is written with dashes. microvm.nix passes the MAC unchanged to the hypervisor and, for macvtap, to `ip link add ... address`; `ip link` and hypervisors such as cloud-hypervisor read only colon-separated octets, so the device is not created and the VM does not start. Write it as 02:00:00:00:00:01.', '02:00:00:00:00:01', duplicateNotationColons),
    ],
    fixAll: duplicateNotationColons,
  },
  {
    name: 'three interfaces of one guest share a MAC',
    code: duplicateThree,
    findings: [
      duplicate('2:39-2:58', 'MAC 02:00:00:00:00:01 is also declared on interface "vm-b" and interface "vm-c". Interfaces that share a MAC steal each other\'s traffic: switches, bridges and the host\'s macvtap parent deliver each frame to one of them only. Give every interface its own MAC.', [generateFix('vm-a', swap(duplicateThree, 'id = "vm-a"; mac = "02:00:00:00:00:01"', `id = "vm-a"; mac = "${GEN['vm-a']}"`), false)], ['3:39-3:58 also used by interface "vm-b"', '4:39-4:58 also used by interface "vm-c"']),
      duplicate('3:39-3:58', 'MAC 02:00:00:00:00:01 is also declared on interface "vm-a" and interface "vm-c". Interfaces that share a MAC steal each other\'s traffic: switches, bridges and the host\'s macvtap parent deliver each frame to one of them only. Give every interface its own MAC.', [generateFix('vm-b', swap(duplicateThree, 'id = "vm-b"; mac = "02:00:00:00:00:01"', `id = "vm-b"; mac = "${GEN['vm-b']}"`), false)], ['2:39-2:58 also used by interface "vm-a"', '4:39-4:58 also used by interface "vm-c"']),
      duplicate('4:39-4:58', 'MAC 02:00:00:00:00:01 is also declared on interface "vm-a" and interface "vm-b". Interfaces that share a MAC steal each other\'s traffic: switches, bridges and the host\'s macvtap parent deliver each frame to one of them only. Give every interface its own MAC.', [generateFix('vm-c', swap(duplicateThree, 'id = "vm-c"; mac = "02:00:00:00:00:01"', `id = "vm-c"; mac = "${GEN['vm-c']}"`), false)], ['2:39-2:58 also used by interface "vm-a"', '3:39-3:58 also used by interface "vm-b"']),
    ],
  },
  {
    name: 'host VMs: an interface with a computed id is named by its VM, and an empty or computed id seeds the MAC with the VM name',
    code: duplicateComputedIdHost,
    findings: [
      duplicate('3:71-3:90', 'MAC 02:00:00:00:00:0a is also declared on an interface of VM "b". Interfaces that share a MAC steal each other\'s traffic: switches, bridges and the host\'s macvtap parent deliver each frame to one of them only. Give every interface its own MAC.', [generateFix('vm-a', swap(duplicateComputedIdHost, '"02:00:00:00:00:0a"; } ];\n    b', `"${GEN['vm-a']}"; } ];\n    b`), false)], ['4:91-4:110 also used by an interface of VM "b"']),
      duplicate('4:91-4:110', 'MAC 02:00:00:00:00:0a is also declared on interface "vm-a" of VM "a". Interfaces that share a MAC steal each other\'s traffic: switches, bridges and the host\'s macvtap parent deliver each frame to one of them only. Give every interface its own MAC.', [generateFix('b', swap(duplicateComputedIdHost, 'hostName; mac = "02:00:00:00:00:0a"', `hostName; mac = "${GEN.b}"`), false)], ['3:71-3:90 also used by interface "vm-a" of VM "a"']),
      multicast('5:67-5:86', 'MAC 03:00:00:00:00:0c is a multicast address (first octet 03 is odd), and no network card may have one: the kernel refuses it as an interface address ("Cannot assign requested address") and switches drop frames sent from it. Use a unicast MAC, best a locally administered one (second hex digit 2, 6, A or E).', [generateFix('c', swap(duplicateComputedIdHost, '03:00:00:00:00:0c', GEN.c))]),
    ],
    fixAll: swap(duplicateComputedIdHost, '03:00:00:00:00:0c', GEN.c),
  },
  {
    name: 'two interfaces of one host VM: the other is named without its VM, which is this one',
    code: duplicateInOneHostVm,
    findings: [
      duplicate('2:39-2:58', 'MAC 02:00:00:00:00:01 is also declared on interface "vm-b". Interfaces that share a MAC steal each other\'s traffic: switches, bridges and the host\'s macvtap parent deliver each frame to one of them only. Give every interface its own MAC.', [generateFix('vm-a', swap(duplicateInOneHostVm, 'id = "vm-a"; mac = "02:00:00:00:00:01"', `id = "vm-a"; mac = "${GEN['vm-a']}"`), false)], ['3:39-3:58 also used by interface "vm-b"']),
      duplicate('3:39-3:58', 'MAC 02:00:00:00:00:01 is also declared on interface "vm-a". Interfaces that share a MAC steal each other\'s traffic: switches, bridges and the host\'s macvtap parent deliver each frame to one of them only. Give every interface its own MAC.', [generateFix('vm-b', swap(duplicateInOneHostVm, 'id = "vm-b"; mac = "02:00:00:00:00:01"', `id = "vm-b"; mac = "${GEN['vm-b']}"`), false)], ['2:39-2:58 also used by interface "vm-a"']),
    ],
  },
  {
    name: 'one interface always there, the other under lib.optional c: both exist when c holds',
    code: duplicateOneConditional,
    findings: [
      duplicate('2:60-2:79', 'MAC 02:00:00:00:00:01 is also declared on interface "vm-b". Interfaces that share a MAC steal each other\'s traffic: switches, bridges and the host\'s macvtap parent deliver each frame to one of them only. Give every interface its own MAC.', [generateFix('vm-a', swap(duplicateOneConditional, 'id = "vm-a"; mac = "02:00:00:00:00:01"', `id = "vm-a"; mac = "${GEN['vm-a']}"`), false)], ['3:57-3:76 also used by interface "vm-b"']),
      duplicate('3:57-3:76', 'MAC 02:00:00:00:00:01 is also declared on interface "vm-a". Interfaces that share a MAC steal each other\'s traffic: switches, bridges and the host\'s macvtap parent deliver each frame to one of them only. Give every interface its own MAC.', [generateFix('vm-b', swap(duplicateOneConditional, 'id = "vm-b"; mac = "02:00:00:00:00:01"', `id = "vm-b"; mac = "${GEN['vm-b']}"`), false)], ['2:60-2:79 also used by interface "vm-a"']),
    ],
  },
  {
    name: 'a shared universally administered MAC: both marked twice, no preferred fix',
    code: duplicateUniversal,
    findings: [
      duplicate('1:81-1:100', 'MAC 00:16:3e:00:00:01 is also declared on interface "vm-b" of VM "b". Interfaces that share a MAC steal each other\'s traffic: switches, bridges and the host\'s macvtap parent deliver each frame to one of them only. Give every interface its own MAC.', [generateFix('vm-a', duplicateUniversalA, false)], ['2:81-2:100 also used by interface "vm-b" of VM "b"']),
      notLocal('1:81-1:100', 'MAC 00:16:3e:00:00:01 is universally administered (second hex digit 0): such addresses belong to vendors\' network cards, so a real device on the same network may already use it. Prefer a locally administered MAC, whose second hex digit is 2, 6, A or E.', [generateFix('vm-a', duplicateUniversalA, false)]),
      duplicate('2:81-2:100', 'MAC 00:16:3e:00:00:01 is also declared on interface "vm-a" of VM "a". Interfaces that share a MAC steal each other\'s traffic: switches, bridges and the host\'s macvtap parent deliver each frame to one of them only. Give every interface its own MAC.', [generateFix('vm-b', duplicateUniversalB, false)], ['1:81-1:100 also used by interface "vm-a" of VM "a"']),
      notLocal('2:81-2:100', 'MAC 00:16:3e:00:00:01 is universally administered (second hex digit 0): such addresses belong to vendors\' network cards, so a real device on the same network may already use it. Prefer a locally administered MAC, whose second hex digit is 2, 6, A or E.', [generateFix('vm-b', duplicateUniversalB, false)]),
    ],
  },
  {
    name: 'a duplicate on an interface with a computed id in a guest: no fix there',
    code: duplicateComputedId,
    findings: [
      duplicate('3:39-3:58', 'MAC 02:00:00:00:00:07 is also declared on another interface. Interfaces that share a MAC steal each other\'s traffic: switches, bridges and the host\'s macvtap parent deliver each frame to one of them only. Give every interface its own MAC.', [generateFix('vm-a', swap(duplicateComputedId, 'id = "vm-a"; mac = "02:00:00:00:00:07"', `id = "vm-a"; mac = "${GEN['vm-a']}"`), false)], ['4:59-4:78 also used here']),
      duplicate('4:59-4:78', 'MAC 02:00:00:00:00:07 is also declared on interface "vm-a". Interfaces that share a MAC steal each other\'s traffic: switches, bridges and the host\'s macvtap parent deliver each frame to one of them only. Give every interface its own MAC.', [], ['3:39-3:58 also used by interface "vm-a"']),
    ],
  },

  {
    name: 'variants of one interface and another VM share a MAC: variants get the same generated MAC',
    code: variantsAndOtherVm,
    findings: [
      duplicate('3:50-3:69', 'MAC 02:00:00:00:00:01 is also declared on interface "vm-b" of VM "b". Interfaces that share a MAC steal each other\'s traffic: switches, bridges and the host\'s macvtap parent deliver each frame to one of them only. Give every interface its own MAC.', [generateFix('vm-a', swap(variantsAndOtherVm, 'then [ { type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01"', `then [ { type = "macvtap"; id = "vm-a"; mac = "${GEN['vm-a']}"`), false)], ['5:81-5:100 also used by interface "vm-b" of VM "b"']),
      duplicate('4:46-4:65', 'MAC 02:00:00:00:00:01 is also declared on interface "vm-b" of VM "b". Interfaces that share a MAC steal each other\'s traffic: switches, bridges and the host\'s macvtap parent deliver each frame to one of them only. Give every interface its own MAC.', [generateFix('vm-a', swap(variantsAndOtherVm, 'else [ { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"', `else [ { type = "tap"; id = "vm-a"; mac = "${GEN['vm-a']}"`), false)], ['5:81-5:100 also used by interface "vm-b" of VM "b"']),
      duplicate('5:81-5:100', 'MAC 02:00:00:00:00:01 is also declared on interface "vm-a" of VM "a". Interfaces that share a MAC steal each other\'s traffic: switches, bridges and the host\'s macvtap parent deliver each frame to one of them only. Give every interface its own MAC.', [generateFix('vm-b', swap(variantsAndOtherVm, 'id = "vm-b"; mac = "02:00:00:00:00:01"', `id = "vm-b"; mac = "${GEN['vm-b']}"`), false)], [
        '3:50-3:69 also used by interface "vm-a" of VM "a"',
        '4:46-4:65 also used by interface "vm-a" of VM "a"',
      ]),
    ],
  },

  // guest-mac-override
  {
    name: 'guest: networking.interfaces.<n>.macAddress',
    code: guestNetworkingInterfaces,
    findings: [override('3:2-3:62', '`networking.interfaces.eth0.macAddress` changes a MAC inside the VM, but the MAC declared in microvm.interfaces is the one the hypervisor and the host use: on macvtap the device delivers only frames for its own MAC, so the VM loses its network; on tap and bridge interfaces host and guest disagree about the VM\'s address. Declare the MAC in microvm.interfaces and remove this setting.', guestNetworkingInterfacesFixed)],
    fixAll: guestNetworkingInterfacesFixed,
  },
  {
    name: "host: linkConfig.MACAddress in one VM's config; the host's own MAC is its own business",
    code: hostLinkConfig,
    findings: [override('6:6-6:50', '`systemd.network.links."10-eth".linkConfig.MACAddress` changes a MAC inside the VM, but the MAC declared in microvm.interfaces is the one the hypervisor and the host use: on macvtap the device delivers only frames for its own MAC, so the VM loses its network; on tap and bridge interfaces host and guest disagree about the VM\'s address. Declare the MAC in microvm.interfaces and remove this setting.', hostLinkConfigFixed)],
    fixAll: hostLinkConfigFixed,
  },
  {
    name: 'guest: a netdev with netdevConfig.MACAddress',
    code: guestNetdev,
    findings: [override('6:6-6:39', '`systemd.network.netdevs."10-br0".netdevConfig.MACAddress` changes a MAC inside the VM, but the MAC declared in microvm.interfaces is the one the hypervisor and the host use: on macvtap the device delivers only frames for its own MAC, so the VM loses its network; on tap and bridge interfaces host and guest disagree about the VM\'s address. Declare the MAC in microvm.interfaces and remove this setting.', guestNetdevFixed)],
    fixAll: guestNetdevFixed,
  },
  {
    name: 'guest: linkConfig.MACAddress of a network, next to matchConfig.MACAddress',
    code: guestNetworkLink,
    findings: [override('4:19-4:52', '`systemd.network.networks."20-lan".linkConfig.MACAddress` changes a MAC inside the VM, but the MAC declared in microvm.interfaces is the one the hypervisor and the host use: on macvtap the device delivers only frames for its own MAC, so the VM loses its network; on tap and bridge interfaces host and guest disagree about the VM\'s address. Declare the MAC in microvm.interfaces and remove this setting.', guestNetworkLinkFixed)],
    fixAll: guestNetworkLinkFixed,
  },
  {
    name: 'guest: ip link set ... address in a script: no fix',
    code: guestScript,
    findings: [overrideCommand('5:4-5:50', '`ip link set dev eth0 address 02:00:00:00:00:05` changes a MAC inside the VM, but the MAC declared in microvm.interfaces is the one the hypervisor and the host use: on macvtap the device delivers only frames for its own MAC, so the VM loses its network. Declare the MAC in microvm.interfaces and drop this command.'), overrideCommand('6:25-6:70', '`ip link set eth1 up address 02:00:00:00:00:06` changes a MAC inside the VM, but the MAC declared in microvm.interfaces is the one the hypervisor and the host use: on macvtap the device delivers only frames for its own MAC, so the VM loses its network. Declare the MAC in microvm.interfaces and drop this command.'), overrideCommand('7:4-7:39', '`ip link set dev eth2 address "$MAC"` changes a MAC inside the VM, but the MAC declared in microvm.interfaces is the one the hypervisor and the host use: on macvtap the device delivers only frames for its own MAC, so the VM loses its network. Declare the MAC in microvm.interfaces and drop this command.')],
  },
  {
    name: "host: ip link set ... address in a VM's config, not in the host's own script",
    code: hostVmScript,
    findings: [overrideCommand('4:32-4:78', '`ip link set dev eth0 address 02:00:00:00:00:07` changes a MAC inside the VM, but the MAC declared in microvm.interfaces is the one the hypervisor and the host use: on macvtap the device delivers only frames for its own MAC, so the VM loses its network. Declare the MAC in microvm.interfaces and drop this command.'), overrideCommand('5:29-5:66', '`ip link set dev eth1 address \\"$MAC\\"` changes a MAC inside the VM, but the MAC declared in microvm.interfaces is the one the hypervisor and the host use: on macvtap the device delivers only frames for its own MAC, so the VM loses its network. Declare the MAC in microvm.interfaces and drop this command.')],
  },
  {
    name: 'overrides through lib.mkForce and lib.mkIf in a VM config function',
    code: throughMkForceAndMkIf,
    findings: [override('4:42-4:80', '`networking.interfaces.eth0.macAddress` changes a MAC inside the VM, but the MAC declared in microvm.interfaces is the one the hypervisor and the host use: on macvtap the device delivers only frames for its own MAC, so the VM loses its network; on tap and bridge interfaces host and guest disagree about the VM\'s address. Declare the MAC in microvm.interfaces and remove this setting.', throughMkForce), override('6:6-6:39', '`networking.interfaces.eth1.macAddress` changes a MAC inside the VM, but the MAC declared in microvm.interfaces is the one the hypervisor and the host use: on macvtap the device delivers only frames for its own MAC, so the VM loses its network; on tap and bridge interfaces host and guest disagree about the VM\'s address. Declare the MAC in microvm.interfaces and remove this setting.', throughMkIf)],
    fixAll: throughBoth,
  },
  {
    name: 'removal keeps tab indentation',
    code: tabs,
    findings: [override('8:2-8:35', '`networking.interfaces.eth0.macAddress` changes a MAC inside the VM, but the MAC declared in microvm.interfaces is the one the hypervisor and the host use: on macvtap the device delivers only frames for its own MAC, so the VM loses its network; on tap and bridge interfaces host and guest disagree about the VM\'s address. Declare the MAC in microvm.interfaces and remove this setting.', tabsFixed)],
    fixAll: tabsFixed,
  },
  {
    name: 'removal keeps CRLF line endings',
    code: windows,
    findings: [override('4:4-4:48', '`systemd.network.links."10-eth".linkConfig.MACAddress` changes a MAC inside the VM, but the MAC declared in microvm.interfaces is the one the hypervisor and the host use: on macvtap the device delivers only frames for its own MAC, so the VM loses its network; on tap and bridge interfaces host and guest disagree about the VM\'s address. Declare the MAC in microvm.interfaces and remove this setting.', windowsFixed)],
    fixAll: windowsFixed,
  },
  {
    name: 'flake: the override sits in another module of the same nixosSystem',
    code: flakeSecondModule,
    findings: [override('7:10-7:70', '`networking.interfaces.eth0.macAddress` changes a MAC inside the VM, but the MAC declared in microvm.interfaces is the one the hypervisor and the host use: on macvtap the device delivers only frames for its own MAC, so the VM loses its network; on tap and bridge interfaces host and guest disagree about the VM\'s address. Declare the MAC in microvm.interfaces and remove this setting.', flakeSecondModuleFixed)],
    fixAll: flakeSecondModuleFixed,
  },
  {
    name: 'one-line set: only the binding goes',
    code: oneLineSet,
    findings: [override('2:49-2:82', '`networking.interfaces.eth0.macAddress` changes a MAC inside the VM, but the MAC declared in microvm.interfaces is the one the hypervisor and the host use: on macvtap the device delivers only frames for its own MAC, so the VM loses its network; on tap and bridge interfaces host and guest disagree about the VM\'s address. Declare the MAC in microvm.interfaces and remove this setting.', oneLineSetFixed)],
    fixAll: oneLineSetFixed,
  },
  {
    name: 'a trailing comment stays',
    code: trailingComment,
    findings: [override('2:2-2:62', '`networking.interfaces.eth0.macAddress` changes a MAC inside the VM, but the MAC declared in microvm.interfaces is the one the hypervisor and the host use: on macvtap the device delivers only frames for its own MAC, so the VM loses its network; on tap and bridge interfaces host and guest disagree about the VM\'s address. Declare the MAC in microvm.interfaces and remove this setting.', trailingCommentFixed)],
    fixAll: trailingCommentFixed,
  },
  {
    name: 'a comment inside the binding: no fix',
    code: commentInside,
    findings: [override('2:2-2:75', '`networking.interfaces.eth0.macAddress` changes a MAC inside the VM, but the MAC declared in microvm.interfaces is the one the hypervisor and the host use: on macvtap the device delivers only frames for its own MAC, so the VM loses its network; on tap and bridge interfaces host and guest disagree about the VM\'s address. Declare the MAC in microvm.interfaces and remove this setting.')],
  },
];

export const cases: CaseTable = { valid, invalid };
