/**
 * Case table for the interfaces rules: `valid` snippets produce nothing;
 * each `invalid` case lists every finding with its exact range and every
 * fix with the exact document it produces. Run by test/unit/rule-cases.test.ts.
 *
 * Generated MACs were computed outside this code, with the recipe of
 * microvm.nix's example: h = `printf %s SEED | sha256sum`, MAC =
 * h[0] "2" : h[2..3] : h[4..5] : h[6..7] : h[8..9] : h[10..11].
 *   seed     first 12 hex digits   MAC
 *   vm-a     9f5f9ca7beef          92:5f:9c:a7:be:ef
 *   vm-a-1   9cd324d639f9          92:d3:24:d6:39:f9
 *   vm-b     2a97b0cc0fc6          22:97:b0:cc:0f:c6
 *   vm-c     a7fd8f3b31c4          a2:fd:8f:3b:31:c4
 *   web      4b5e57f6eb2f          42:5e:57:f6:eb:2f
 *   web-1    c4719afa76fa          c2:71:9a:fa:76:fa
 *   my-vm    d6ee5c042171          d2:ee:5c:04:21:71
 */
import type { CaseTable, ExpectedFinding, ExpectedFix } from './caseTable';

/** A document from its lines, each ended by "\n" (or "\r\n"). */
const doc = (...lines: string[]) => lines.map((l) => l + '\n').join('');
const crlf = (...lines: string[]) => lines.map((l) => l + '\r\n').join('');

/** The order of the "Change to" fixes, written out: the suggested type first, then the others in the documented order. */
const IN_ORDER = ['user', 'tap', 'macvtap', 'bridge'];
const USER_FIRST = ['user', 'tap', 'macvtap', 'bridge'];
const TAP_FIRST = ['tap', 'user', 'macvtap', 'bridge'];
const MACVTAP_FIRST = ['macvtap', 'user', 'tap', 'bridge'];
const BRIDGE_FIRST = ['bridge', 'user', 'tap', 'macvtap'];

/** The four "Change to" fixes in `order`, the first preferred if `preferFirst`; `template` is the fixed document with TYPE where the type goes. */
function typeFixes(template: string, order: readonly string[], preferFirst: boolean): ExpectedFix[] {
  return order.map((type, k) => ({ title: `Change to "${type}"`, output: template.replaceAll('TYPE', type), preferred: preferFirst && k === 0 }));
}

/** No type is close: the fixes in the documented order, none preferred. */
const typeInvalid = (range: string, message: string, template: string): ExpectedFinding => ({
  code: 'interface-type-invalid',
  messageId: 'invalid',
  range,
  message,
  fixes: typeFixes(template, IN_ORDER, false),
});
/** A typo: the suggested type (first in `order`) is the preferred fix. */
const typeTypo = (range: string, message: string, template: string, order: readonly string[]): ExpectedFinding => ({
  code: 'interface-type-invalid',
  messageId: 'invalidWithSuggestion',
  range,
  message,
  fixes: typeFixes(template, order, true),
});
const idMissing = (range: string, message: string): ExpectedFinding => ({ code: 'interface-id-missing', messageId: 'missing', range, message, fixes: [] });
const idTooLong = (range: string, message: string): ExpectedFinding => ({ code: 'interface-id-too-long', messageId: 'tooLong', range, message, fixes: [] });
/** `related`: the other occurrences of the id, as "range message" lines. */
const dupSameVm = (range: string, message: string, related?: string[]): ExpectedFinding => ({ code: 'interface-id-duplicate', messageId: 'sameVm', range, message, fixes: [], related });
const dupSameHost = (range: string, message: string, related?: string[]): ExpectedFinding => ({ code: 'interface-id-duplicate', messageId: 'sameHost', range, message, fixes: [], related });
const bridgeMissing = (range: string, message: string): ExpectedFinding => ({ code: 'bridge-missing', messageId: 'missing', range, message, fixes: [] });
const bridgeNull = (range: string, message: string): ExpectedFinding => ({ code: 'bridge-missing', messageId: 'isNull', range, message, fixes: [] });
const bridgeUnexpected = (range: string, message: string, output?: string): ExpectedFinding => ({
  code: 'bridge-unexpected',
  messageId: 'unexpected',
  range,
  message,
  fixes: output === undefined ? [] : [{ title: 'Remove bridge', output, preferred: true }],
});
const macMissing = (range: string, message: string, fix?: { mac: string; output: string }): ExpectedFinding => ({
  code: 'interface-mac-missing',
  messageId: 'missing',
  range,
  message,
  fixes: fix ? [{ title: `Generate a stable locally administered MAC ("${fix.mac}")`, output: fix.output, preferred: true }] : [],
});
const unsupported = (range: string, message: string): ExpectedFinding => ({ code: 'interface-type-unsupported', messageId: 'unsupported', range, message, fixes: [] });

// ---------------------------------------------------------------------------
// interface-type-invalid
// ---------------------------------------------------------------------------

const tappGuest = doc(
  '{ config, lib, pkgs, ... }:',
  '{',
  '  microvm.interfaces = [',
  '    {',
  '      type = "tapp";',
  '      id = "vm-a";',
  '      mac = "02:00:00:00:00:01";',
  '    }',
  '  ];',
  '}',
);
const tappGuestTemplate = doc(
  '{ config, lib, pkgs, ... }:',
  '{',
  '  microvm.interfaces = [',
  '    {',
  '      type = "TYPE";',
  '      id = "vm-a";',
  '      mac = "02:00:00:00:00:01";',
  '    }',
  '  ];',
  '}',
);

const capitalBridge = doc(
  '{',
  '  microvm = {',
  '    hypervisor = "qemu";',
  '    interfaces = [',
  '      { type = "Bridge"; id = "vm-br"; mac = "02:00:00:00:00:02"; bridge = "br0"; }',
  '    ];',
  '  };',
  '}',
);
const capitalBridgeTemplate = doc(
  '{',
  '  microvm = {',
  '    hypervisor = "qemu";',
  '    interfaces = [',
  '      { type = "TYPE"; id = "vm-br"; mac = "02:00:00:00:00:02"; bridge = "br0"; }',
  '    ];',
  '  };',
  '}',
);

const vdeHost = doc(
  '{',
  '  microvm.vms.web.config = {',
  '    microvm.interfaces = [ {',
  '      type = "vde";',
  '      id = "vm-web";',
  '      mac = "02:00:00:00:00:03";',
  '    } ];',
  '  };',
  '}',
);
const vdeHostTemplate = doc(
  '{',
  '  microvm.vms.web.config = {',
  '    microvm.interfaces = [ {',
  '      type = "TYPE";',
  '      id = "vm-web";',
  '      mac = "02:00:00:00:00:03";',
  '    } ];',
  '  };',
  '}',
);

const usrIndented = doc(
  '{',
  '  microvm.vms.db = {',
  '    autostart = true;',
  '    config = {',
  '      microvm.interfaces = [',
  "        { type = ''usr''; id = \"vm-db\"; mac = \"02:00:00:00:00:04\"; }",
  '      ];',
  '    };',
  '  };',
  '}',
);
const usrIndentedTemplate = doc(
  '{',
  '  microvm.vms.db = {',
  '    autostart = true;',
  '    config = {',
  '      microvm.interfaces = [',
  "        { type = ''TYPE''; id = \"vm-db\"; mac = \"02:00:00:00:00:04\"; }",
  '      ];',
  '    };',
  '  };',
  '}',
);

const macvlanFlake = doc(
  '{',
  '  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";',
  '  outputs = { self, nixpkgs, microvm }: {',
  '    nixosConfigurations.my-vm = nixpkgs.lib.nixosSystem {',
  '      system = "x86_64-linux";',
  '      modules = [',
  '        microvm.nixosModules.microvm',
  '        {',
  '          microvm.interfaces = [ {',
  '            type = "macvlan";',
  '            id = "my-vm";',
  '            mac = "02:00:00:00:00:05";',
  '            macvtap = { link = "eth0"; mode = "bridge"; };',
  '          } ];',
  '        }',
  '      ];',
  '    };',
  '  };',
  '}',
);
const macvlanFlakeTemplate = doc(
  '{',
  '  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";',
  '  outputs = { self, nixpkgs, microvm }: {',
  '    nixosConfigurations.my-vm = nixpkgs.lib.nixosSystem {',
  '      system = "x86_64-linux";',
  '      modules = [',
  '        microvm.nixosModules.microvm',
  '        {',
  '          microvm.interfaces = [ {',
  '            type = "TYPE";',
  '            id = "my-vm";',
  '            mac = "02:00:00:00:00:05";',
  '            macvtap = { link = "eth0"; mode = "bridge"; };',
  '          } ];',
  '        }',
  '      ];',
  '    };',
  '  };',
  '}',
);

// ---------------------------------------------------------------------------
// interface-id-missing, interface-mac-missing
// ---------------------------------------------------------------------------

const idMissingNested = doc(
  '{ ... }:',
  '{',
  '  microvm = {',
  '    interfaces = [ {',
  '      type = "tap";',
  '      mac = "02:00:00:00:00:06";',
  '    } ];',
  '  };',
  '}',
);

const noTypeNoId = doc(
  '{',
  '  microvm.interfaces = [',
  '    { type = "user"; id = "qemu"; mac = "02:00:00:00:00:07"; }',
  '  ] ++ [',
  '    { mac = "02:00:00:00:00:08"; }',
  '  ];',
  '}',
);

const optionalNoIdNoMac = doc(
  '{ lib, ... }:',
  '{',
  '  microvm.vms.web.config = { config, ... }: {',
  '    microvm.interfaces = lib.optional true {',
  '      type = "tap";',
  '      tap.vhost = true;',
  '    };',
  '  };',
  '}',
);
const optionalNoIdNoMacFixed = doc(
  '{ lib, ... }:',
  '{',
  '  microvm.vms.web.config = { config, ... }: {',
  '    microvm.interfaces = lib.optional true {',
  '      type = "tap";',
  '      mac = "42:5e:57:f6:eb:2f";',
  '      tap.vhost = true;',
  '    };',
  '  };',
  '}',
);

const macAfterId = doc(
  '{',
  '  microvm.interfaces = [ {',
  '    type = "tap";',
  '    id = "vm-a";',
  '  } ];',
  '}',
);
const macAfterIdFixed = doc(
  '{',
  '  microvm.interfaces = [ {',
  '    type = "tap";',
  '    id = "vm-a";',
  '    mac = "92:5f:9c:a7:be:ef";',
  '  } ];',
  '}',
);

const macOneLine = '{ microvm.interfaces = [ { id = "vm-b"; type = "macvtap"; macvtap.link = "eth0"; macvtap.mode = "bridge"; } ]; }\n';
const macOneLineFixed =
  '{ microvm.interfaces = [ { id = "vm-b"; mac = "22:97:b0:cc:0f:c6"; type = "macvtap"; macvtap.link = "eth0"; macvtap.mode = "bridge"; } ]; }\n';

const macSeedVmName = doc(
  '{',
  '  microvm.vms.web.config = { config, ... }: {',
  '    networking.hostName = "web";',
  '    microvm.interfaces = [ {',
  '      type = "tap";',
  '      id = config.networking.hostName;',
  '    } ];',
  '  };',
  '}',
);
const macSeedVmNameFixed = doc(
  '{',
  '  microvm.vms.web.config = { config, ... }: {',
  '    networking.hostName = "web";',
  '    microvm.interfaces = [ {',
  '      type = "tap";',
  '      id = config.networking.hostName;',
  '      mac = "42:5e:57:f6:eb:2f";',
  '    } ];',
  '  };',
  '}',
);

const macNoSeed = doc(
  '{ config, ... }:',
  '{',
  '  microvm.interfaces = [ { type = "tap"; id = config.networking.hostName; } ];',
  '}',
);

const macInLambda = doc(
  '{',
  '  microvm.vms.web.config = {',
  '    microvm.interfaces = map (n: {',
  '      type = "tap";',
  '      id = "web-${n}";',
  '    }) [ "a" "b" ];',
  '  };',
  '}',
);

const macCollision = doc(
  '{',
  '  microvm.interfaces = [',
  '    { type = "user"; id = "qemu"; mac = "92:5F:9C:A7:BE:EF"; }',
  '    { type = "tap"; id = "vm-a"; }',
  '  ];',
  '}',
);
const macCollisionFixed = doc(
  '{',
  '  microvm.interfaces = [',
  '    { type = "user"; id = "qemu"; mac = "92:5F:9C:A7:BE:EF"; }',
  '    { type = "tap"; id = "vm-a"; mac = "92:d3:24:d6:39:f9"; }',
  '  ];',
  '}',
);

const twoMacsOneSeed = doc(
  '{',
  '  microvm.vms.web.config = { config, ... }: {',
  '    microvm.interfaces = [',
  '      { type = "tap"; id = "${config.networking.hostName}-a"; }',
  '      { type = "tap"; id = "${config.networking.hostName}-b"; }',
  '    ];',
  '  };',
  '}',
);
const twoMacsOneSeedFirstFixed = doc(
  '{',
  '  microvm.vms.web.config = { config, ... }: {',
  '    microvm.interfaces = [',
  '      { type = "tap"; id = "${config.networking.hostName}-a"; mac = "42:5e:57:f6:eb:2f"; }',
  '      { type = "tap"; id = "${config.networking.hostName}-b"; }',
  '    ];',
  '  };',
  '}',
);
const twoMacsOneSeedSecondFixed = doc(
  '{',
  '  microvm.vms.web.config = { config, ... }: {',
  '    microvm.interfaces = [',
  '      { type = "tap"; id = "${config.networking.hostName}-a"; }',
  '      { type = "tap"; id = "${config.networking.hostName}-b"; mac = "c2:71:9a:fa:76:fa"; }',
  '    ];',
  '  };',
  '}',
);
const twoMacsOneSeedAllFixed = doc(
  '{',
  '  microvm.vms.web.config = { config, ... }: {',
  '    microvm.interfaces = [',
  '      { type = "tap"; id = "${config.networking.hostName}-a"; mac = "42:5e:57:f6:eb:2f"; }',
  '      { type = "tap"; id = "${config.networking.hostName}-b"; mac = "c2:71:9a:fa:76:fa"; }',
  '    ];',
  '  };',
  '}',
);

const onlyOtherBinding = doc(
  '{',
  '  microvm.vms.web.config.microvm.interfaces = [ { tap.vhost = true; } ];',
  '}',
);
const onlyOtherBindingFixed = doc(
  '{',
  '  microvm.vms.web.config.microvm.interfaces = [ { tap.vhost = true; mac = "42:5e:57:f6:eb:2f"; } ];',
  '}',
);

const emptySetFlake = doc(
  '{',
  '  outputs = { nixpkgs, microvm, ... }: {',
  '    nixosConfigurations.my-vm = nixpkgs.lib.nixosSystem {',
  '      modules = [ { microvm.interfaces = [ { } ]; } ];',
  '    };',
  '  };',
  '}',
);
const emptySetFlakeFixed = doc(
  '{',
  '  outputs = { nixpkgs, microvm, ... }: {',
  '    nixosConfigurations.my-vm = nixpkgs.lib.nixosSystem {',
  '      modules = [ { microvm.interfaces = [ { mac = "d2:ee:5c:04:21:71"; } ]; } ];',
  '    };',
  '  };',
  '}',
);

const crlfMac = crlf(
  '{ lib, ... }:',
  '{',
  '  microvm.interfaces = [ {',
  '    type = "tap";',
  '    id = "vm-c"; # uplink',
  '  } ];',
  '}',
);
const crlfMacFixed = crlf(
  '{ lib, ... }:',
  '{',
  '  microvm.interfaces = [ {',
  '    type = "tap";',
  '    id = "vm-c"; # uplink',
  '    mac = "a2:fd:8f:3b:31:c4";',
  '  } ];',
  '}',
);

// ---------------------------------------------------------------------------
// interface-id-too-long
// ---------------------------------------------------------------------------

const longIdHost = doc(
  '{',
  '  microvm.vms.webserver = {',
  '    config = {',
  '      microvm.interfaces = [ {',
  '        type = "tap";',
  '        id = "vm-webserver-eth0";',
  '        mac = "02:00:00:00:00:09";',
  '      } ];',
  '    };',
  '  };',
  '}',
);

const longIdUtf8 = doc(
  '{',
  '  microvm.interfaces = [ { type = "tap"; /* 🚀 */ id = "vm-tap-ü-long12"; mac = "02:00:00:00:00:0a"; } ];',
  '}',
);

// ---------------------------------------------------------------------------
// interface-id-duplicate
// ---------------------------------------------------------------------------

const dupLetAndConcat = doc(
  'let',
  '  uplink = { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:0b"; };',
  'in',
  '{',
  '  microvm.interfaces = [ uplink ] ++ [',
  '    { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:0c"; }',
  '  ];',
  '}',
);

const dupAnyTypeMkMerge = doc(
  '{ lib, ... }:',
  '{',
  '  microvm.interfaces = lib.mkMerge [',
  '    [ { type = "user"; id = "vm-net"; mac = "02:00:00:00:00:0d"; } ]',
  '    [ { type = "macvtap"; id = "vm-net"; mac = "02:00:00:00:00:0e"; macvtap = { link = "eth0"; mode = "bridge"; }; } ]',
  '  ];',
  '}',
);

const dupAcrossVms = doc(
  '{',
  '  microvm.vms.web.config = {',
  '    microvm.interfaces = [',
  '      { type = "tap"; id = "vm-uplink"; mac = "02:00:00:00:00:10"; }',
  '      { type = "user"; id = "qemu"; mac = "02:00:00:00:00:11"; }',
  '    ];',
  '  };',
  '  microvm.vms.db.config = { config, ... }: {',
  '    microvm.interfaces = [',
  '      {',
  '        type = "macvtap";',
  '        id = "vm-uplink";',
  '        mac = "02:00:00:00:00:12";',
  '        macvtap = { link = "eth0"; mode = "bridge"; };',
  '      }',
  '      { type = "user"; id = "qemu"; mac = "02:00:00:00:00:13"; }',
  '    ];',
  '  };',
  '}',
);

const dupVmAndHost = doc(
  '{',
  '  microvm.vms = {',
  '    a.config.microvm.interfaces = [',
  '      { type = "tap"; id = "vm-x"; mac = "02:00:00:00:00:14"; }',
  '      { type = "tap"; id = "vm-x"; mac = "02:00:00:00:00:15"; }',
  '    ];',
  '    b = {',
  '      config.microvm.interfaces = [',
  '        { type = "tap"; id = "vm-x"; mac = "02:00:00:00:00:16"; }',
  '      ];',
  '    };',
  '  };',
  '}',
);

const dupUnderOneMkIf = doc(
  '{ config, lib, ... }:',
  '{',
  '  config = lib.mkIf config.my.enable {',
  '    microvm.interfaces = lib.optionals config.my.net [',
  '      { type = "tap"; id = "vm-lan"; mac = "02:00:00:00:00:17"; }',
  '      { type = "macvtap"; id = "vm-lan"; mac = "02:00:00:00:00:18"; macvtap = { link = "eth0"; mode = "vepa"; }; }',
  '    ];',
  '  };',
  '}',
);

const dupPlusOptional = doc(
  '{ lib, withDebug, ... }:',
  '{',
  '  microvm.interfaces = [',
  '    { type = "tap"; id = "vm-main"; mac = "02:00:00:00:00:19"; }',
  '  ] ++ lib.optional withDebug { type = "user"; id = "vm-main"; mac = "02:00:00:00:00:1a"; };',
  '}',
);

// ---------------------------------------------------------------------------
// bridge-missing, bridge-unexpected
// ---------------------------------------------------------------------------

const bridgeMissingMkForce = doc(
  '{ lib, ... }:',
  '{',
  '  microvm.interfaces = lib.mkForce [ {',
  '    type = "bridge";',
  '    id = "vm-br";',
  '    mac = "02:00:00:00:00:1b";',
  '  } ];',
  '}',
);

const bridgeNullHelper = doc(
  'let',
  '  mkBridge = id: mac: { type = "bridge"; inherit id mac; bridge = null; };',
  'in',
  '{',
  '  microvm.interfaces = [ (mkBridge "vm-br" "02:00:00:00:00:1c") ];',
  '}',
);

const tapWithBridge = doc(
  '{',
  '  microvm.interfaces = [',
  '    {',
  '      type = "tap";',
  '      id = "vm-tap";',
  '      mac = "02:00:00:00:00:1d";',
  '      bridge = "br0";',
  '    }',
  '  ];',
  '}',
);
const tapWithBridgeFixed = doc(
  '{',
  '  microvm.interfaces = [',
  '    {',
  '      type = "tap";',
  '      id = "vm-tap";',
  '      mac = "02:00:00:00:00:1d";',
  '    }',
  '  ];',
  '}',
);

const userBridgeImap0 = doc(
  '{ lib, cfg, ... }:',
  '{',
  '  microvm.interfaces = lib.imap0 (i: name: { type = "user"; id = "qemu"; mac = "02:00:00:00:00:1e"; bridge = cfg.bridge; }) [ "a" ];',
  '}',
);
const userBridgeImap0Fixed = doc(
  '{ lib, cfg, ... }:',
  '{',
  '  microvm.interfaces = lib.imap0 (i: name: { type = "user"; id = "qemu"; mac = "02:00:00:00:00:1e"; }) [ "a" ];',
  '}',
);

const bridgeWithComment = doc(
  '{',
  '  microvm.interfaces = [ {',
  '    type = "macvtap";',
  '    id = "vm-mv";',
  '    mac = "02:00:00:00:00:1f";',
  '    macvtap = { link = "eth0"; mode = "bridge"; };',
  '    bridge = /* old setup */ "br0";',
  '  } ];',
  '}',
);

// ---------------------------------------------------------------------------
// interface-type-unsupported
// ---------------------------------------------------------------------------

const hostSeveralHypervisors = doc(
  '{',
  '  microvm.vms = {',
  '    fc.config = {',
  '      microvm.hypervisor = "firecracker";',
  '      microvm.interfaces = [',
  '        { type = "user"; id = "vm-fc"; mac = "02:00:00:00:00:20"; }',
  '        { type = "tap"; id = "vm-fc-tap"; mac = "02:00:00:00:00:21"; }',
  '      ];',
  '    };',
  '    web.config = {',
  '      microvm.hypervisor = "qemu";',
  '      microvm.interfaces = [ { type = "user"; id = "vm-web"; mac = "02:00:00:00:00:22"; } ];',
  '    };',
  '    db.config.microvm.interfaces = [ { type = "bridge"; id = "vm-db"; bridge = "br0"; mac = "02:00:00:00:00:23"; } ];',
  '  };',
  '}',
);

const cloudHypervisorBridge = doc(
  '{',
  '  microvm = {',
  '    hypervisor = "cloud-hypervisor";',
  '    interfaces = [ { type = "bridge"; id = "vm-br"; bridge = "br0"; mac = "02:00:00:00:00:25"; } ];',
  '  };',
  '}',
);

const vfkitFlake = doc(
  '{',
  '  outputs = { nixpkgs, microvm, ... }: {',
  '    nixosConfigurations.mac-vm = nixpkgs.lib.nixosSystem {',
  '      modules = [',
  '        microvm.nixosModules.microvm',
  '        {',
  '          microvm.hypervisor = "vfkit";',
  '          microvm.interfaces = [ { type = "tap"; id = "vm-mac"; mac = "02:00:00:00:00:26"; } ];',
  '        }',
  '      ];',
  '    };',
  '  };',
  '}',
);

const kvmtoolMapAttrs = doc(
  '{ lib, ... }:',
  'let',
  '  bridges = { lan = "br-lan"; };',
  'in',
  '{',
  '  microvm.hypervisor = "kvmtool";',
  '  microvm.interfaces = lib.mapAttrsToList (name: br: {',
  '    type = "bridge";',
  '    id = "vm-${name}";',
  '    bridge = br;',
  '    mac = "02:00:00:00:00:24";',
  '  }) bridges;',
  '}',
);

export const cases: CaseTable = {
  valid: [
    {
      name: 'one complete interface of every type',
      code: doc(
        '{',
        '  microvm.interfaces = [',
        '    { type = "user"; id = "qemu"; mac = "02:00:00:00:00:01"; }',
        '    { type = "tap"; id = "vm-tap"; mac = "02:00:00:00:00:02"; }',
        '    { type = "bridge"; id = "vm-br"; bridge = "br0"; mac = "02:00:00:00:00:03"; }',
        '    { type = "macvtap"; id = "vm-mv"; mac = "02:00:00:00:00:04"; macvtap = { link = "eth0"; mode = "bridge"; }; }',
        '  ];',
        '}',
      ),
    },
    {
      name: 'xdg desktop entry of type Application',
      code: doc(
        '{',
        '  xdg.desktopEntries.foo = {',
        '    name = "Foo";',
        '    type = "Application";',
        '    exec = "foo %U";',
        '  };',
        '}',
      ),
    },
    {
      name: 'flake input of type github',
      code: doc(
        '{',
        '  inputs.x = { type = "github"; owner = "someone"; repo = "x"; };',
        '  inputs.microvm = { url = "github:microvm-nix/microvm.nix"; inputs.nixpkgs.follows = "nixpkgs"; };',
        '  outputs = { self, ... }: { };',
        '}',
      ),
    },
    {
      name: 'polybar module of type internal/date',
      code: doc(
        '{',
        '  services.polybar.config."module/date" = {',
        '    type = "internal/date";',
        '    interval = 5;',
        '    date = "%Y-%m-%d";',
        '  };',
        '}',
      ),
    },
    {
      name: 'networking.macvlans and a host bridge',
      code: doc(
        '{',
        '  networking.macvlans.mv-lan = { interface = "eth0"; mode = "bridge"; };',
        '  networking.bridges.br0.interfaces = [ "eth1" ];',
        '  networking.interfaces.br0.useDHCP = true;',
        '}',
      ),
    },
    {
      name: 'systemd-networkd tap netdev and link for a VM',
      code: doc(
        '{',
        '  systemd.network.netdevs."10-vm-a" = {',
        '    netdevConfig = { Kind = "tap"; Name = "vm-a"; };',
        '  };',
        '  systemd.network.links."10-vm-a" = {',
        '    matchConfig.OriginalName = "vm-a";',
        '    linkConfig.Name = "vm-a-renamed-too-long";',
        '  };',
        '  systemd.network.networks."20-br0" = { matchConfig.Name = [ "vm-*" ]; networkConfig.Bridge = "br0"; };',
        '}',
      ),
    },
    {
      name: 'incus preseed network of type bridge',
      code: doc(
        '{',
        '  virtualisation.incus.preseed.networks = [ {',
        '    name = "incusbr0";',
        '    type = "bridge";',
        '    config = { "ipv4.address" = "10.0.100.1/24"; "ipv4.nat" = "true"; };',
        '  } ];',
        '}',
      ),
    },
    {
      name: 'libvirt domain interface of type bridge',
      code: doc(
        '{',
        '  virtualisation.libvirt.connections."qemu:///system".domains = [ {',
        '    definition = {',
        '      devices.interface = { type = "bridge"; source.bridge = "br0"; mac.address = "52:54:00:00:00:01"; };',
        '    };',
        '  } ];',
        '}',
      ),
    },
    {
      name: 'NixOS container network settings',
      code: doc(
        '{',
        '  containers.web = {',
        '    privateNetwork = true;',
        '    hostBridge = "br0";',
        '    macvlans = [ "eth0" ];',
        '    interfaces = [ "eth1" ];',
        '    config = { networking.interfaces.eth1.macAddress = "02:00:00:00:00:01"; };',
        '  };',
        '}',
      ),
    },
    {
      name: 'Kubernetes macvtap CNI configuration',
      code: doc(
        '{',
        '  services.kubernetes.kubelet.cni.config = [',
        '    { cniVersion = "0.3.1"; name = "macvtap"; type = "macvtap"; master = "eth0"; mode = "bridge"; }',
        '  ];',
        '}',
      ),
    },
    {
      name: "microvm.nix's own option declaration",
      code: doc(
        '{ lib, ... }:',
        'with lib;',
        '{',
        '  options.microvm.interfaces = mkOption {',
        '    default = [ ];',
        '    type = with types; listOf (submodule {',
        '      options = {',
        '        type = mkOption { type = enum [ "user" "tap" "macvtap" "bridge" ]; };',
        '        id = mkOption { type = str; };',
        '        bridge = mkOption { type = nullOr str; default = null; };',
        '        mac = mkOption { type = str; };',
        '      };',
        '    });',
        '  };',
        '}',
      ),
    },
    {
      name: 'interpolated ids, long and repeated',
      code: doc(
        '{ name, ... }:',
        '{',
        '  microvm.interfaces = [',
        '    { type = "tap"; id = "vm-${name}-with-a-long-suffix"; mac = "02:00:00:00:00:01"; }',
        '    { type = "tap"; id = "vm-${name}-with-a-long-suffix"; mac = "02:00:00:00:00:02"; }',
        '  ];',
        '}',
      ),
    },
    {
      name: 'inherit id and mac, ids from variables',
      code: doc(
        '{ id, mac, cfg, ... }:',
        '{',
        '  microvm.interfaces = [',
        '    { type = "tap"; inherit id mac; }',
        '    { type = "tap"; id = cfg.id; mac = cfg.mac; }',
        '    { type = "tap"; id = cfg.id; inherit (cfg) mac; }',
        '  ];',
        '}',
      ),
    },
    {
      name: 'inherit (cfg) interfaces: the list is cfg\'s, not the let-bound one of the same name',
      code: doc(
        '{ cfg, ... }:',
        'let',
        '  interfaces = [ { type = "tap"; } ];',
        'in',
        '{',
        '  microvm = { inherit (cfg) interfaces; };',
        '}',
      ),
    },
    {
      name: 'a set whose first attribute is driver = "macvtap", with an id, is no interface',
      code: doc('{', '  services.netdev = { driver = "macvtap"; id = "eth0-tap"; mac = "01:00:5e:00:00:01"; };', '}'),
    },
    {
      name: 'an interface without a type that sets bridge, on firecracker: its type is unknown',
      code: '{ microvm.hypervisor = "firecracker"; microvm.interfaces = [ { id = "vm-a"; mac = "02:00:00:00:00:01"; bridge = "br0"; } ]; }\n',
    },
    {
      name: 'flake: two guests (no host) with the same tap id are separate machines',
      code: doc(
        '{',
        '  outputs = { self, nixpkgs, microvm }: {',
        '    nixosConfigurations.a = nixpkgs.lib.nixosSystem { modules = [ microvm.nixosModules.microvm { microvm.interfaces = [ { type = "tap"; id = "vm-tap"; mac = "02:00:00:00:00:01"; } ]; } ]; };',
        '    nixosConfigurations.b = nixpkgs.lib.nixosSystem { modules = [ microvm.nixosModules.microvm { microvm.interfaces = [ { type = "tap"; id = "vm-tap"; mac = "02:00:00:00:00:02"; } ]; } ]; };',
        '  };',
        '}',
      ),
    },
    {
      name: 'sets merged with //, directly and by a mapped function',
      code: doc(
        '{ cfg, ... }:',
        'let',
        '  defaults = [ { type = "tap"; } { type = "bridge"; } ];',
        'in',
        '{',
        '  microvm.interfaces = [ ({ type = "tap"; } // cfg.extra) (cfg.base // { type = "bridge"; }) ]',
        '    ++ map (x: x // { id = "vm-x"; mac = "02:00:00:00:00:01"; bridge = "br0"; }) defaults;',
        '}',
      ),
    },
    {
      name: 'user ids equal across VMs of one host',
      code: doc(
        '{',
        '  microvm.vms.web.config.microvm.interfaces = [ { type = "user"; id = "qemu"; mac = "02:00:00:00:00:01"; } ];',
        '  microvm.vms.db.config.microvm.interfaces = [ { type = "user"; id = "qemu"; mac = "02:00:00:00:00:02"; } ];',
        '}',
      ),
    },
    {
      name: 'bridge ids equal across VMs of one host',
      code: doc(
        '{',
        '  microvm.vms.web.config.microvm.interfaces = [ { type = "bridge"; id = "vm-br"; bridge = "br0"; mac = "02:00:00:00:00:01"; } ];',
        '  microvm.vms.db.config.microvm.interfaces = [ { type = "tap"; id = "vm-br"; mac = "02:00:00:00:00:02"; } ];',
        '}',
      ),
    },
    {
      name: 'tap ids equal across two flake VMs (no shared host in this file)',
      code: doc(
        '{',
        '  outputs = { nixpkgs, ... }: {',
        '    nixosConfigurations.a = nixpkgs.lib.nixosSystem {',
        '      modules = [ { microvm.interfaces = [ { type = "tap"; id = "vm-0"; mac = "02:00:00:00:00:01"; } ]; } ];',
        '    };',
        '    nixosConfigurations.b = nixpkgs.lib.nixosSystem {',
        '      modules = [ { microvm.interfaces = [ { type = "tap"; id = "vm-0"; mac = "02:00:00:00:00:02"; } ]; } ];',
        '    };',
        '  };',
        '}',
      ),
    },
    {
      name: 'same id in the two branches of an if',
      code: doc(
        '{ useTap, ... }:',
        'let',
        '  tap = { type = "tap"; id = "vm-net"; mac = "02:00:00:00:00:01"; };',
        '  user = { type = "user"; id = "vm-net"; mac = "02:00:00:00:00:02"; };',
        'in',
        '{',
        '  microvm.interfaces = if useTap then [ tap ] else [ user ];',
        '}',
      ),
    },
    {
      name: 'same id under opposite lib.optional conditions',
      code: doc(
        '{ lib, fast, ... }:',
        '{',
        '  microvm.interfaces = lib.optional fast { type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01"; macvtap = { link = "eth0"; mode = "bridge"; }; }',
        '    ++ lib.optional (!fast) { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:02"; };',
        '}',
      ),
    },
    {
      // Variants of one interface: one id and one MAC, each under the opposite condition.
      name: 'same id and MAC under opposite lib.optionals conditions',
      code: doc(
        '{ lib, fast, ... }:',
        '{',
        '  microvm.interfaces = lib.optionals fast [ { type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01"; macvtap = { link = "eth0"; mode = "bridge"; }; } ]',
        '    ++ lib.optionals (!fast) [ { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ];',
        '}',
      ),
    },
    {
      name: 'same id and MAC in lib.mkMerge of opposite lib.mkIf lists',
      code: doc(
        '{ lib, fast, ... }:',
        '{',
        '  microvm.interfaces = lib.mkMerge [',
        '    (lib.mkIf fast [ { type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01"; macvtap = { link = "eth0"; mode = "bridge"; }; } ])',
        '    (lib.mkIf (!fast) [ { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ])',
        '  ];',
        '}',
      ),
    },
    {
      name: 'same id and MAC set in lib.mkMerge of opposite lib.optionalAttrs',
      code: doc(
        '{ lib, fast, ... }:',
        '{',
        '  config = lib.mkMerge [',
        '    (lib.optionalAttrs fast { microvm.interfaces = [ { type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01"; macvtap = { link = "eth0"; mode = "bridge"; }; } ]; })',
        '    (lib.optionalAttrs (!fast) { microvm.interfaces = [ { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ]; })',
        '  ];',
        '}',
      ),
    },
    {
      name: 'same tap id on VMs enabled under different conditions',
      code: doc(
        '{ lib, config, ... }:',
        '{',
        '  microvm.vms.blue = lib.mkIf config.deploy.blue {',
        '    config.microvm.interfaces = [ { type = "tap"; id = "vm-app"; mac = "02:00:00:00:00:01"; } ];',
        '  };',
        '  microvm.vms.green = lib.mkIf config.deploy.green {',
        '    config.microvm.interfaces = [ { type = "tap"; id = "vm-app"; mac = "02:00:00:00:00:02"; } ];',
        '  };',
        '}',
      ),
    },
    {
      name: 'ids of exactly 15 bytes',
      code: doc(
        '{',
        '  microvm.interfaces = [',
        '    { type = "tap"; id = "vm-abcdefghijkl"; mac = "02:00:00:00:00:01"; }',
        '    { type = "tap"; id = "vm-tap-ü-long1"; mac = "02:00:00:00:00:02"; }',
        '  ];',
        '}',
      ),
    },
    {
      name: 'bridge = null on a tap, bridge from a variable on a bridge',
      code: doc(
        '{ cfg, ... }:',
        '{',
        '  microvm.interfaces = [',
        '    { type = "tap"; id = "vm-tap"; mac = "02:00:00:00:00:01"; bridge = null; }',
        '    { type = "bridge"; id = "vm-br"; mac = "02:00:00:00:00:02"; bridge = cfg.bridge; }',
        '    { type = "bridge"; id = "vm-br2"; mac = "02:00:00:00:00:03"; inherit (cfg) bridge; }',
        '  ];',
        '}',
      ),
    },
    {
      name: 'hypervisor from an expression, an unknown hypervisor, the default',
      code: doc(
        '{ lib, cfg, ... }:',
        '{',
        '  microvm.vms.a.config = {',
        '    microvm.hypervisor = cfg.hypervisor;',
        '    microvm.interfaces = [ { type = "user"; id = "qemu"; mac = "02:00:00:00:00:01"; } ];',
        '  };',
        '  microvm.vms.b.config = {',
        '    microvm.hypervisor = "future-hv";',
        '    microvm.interfaces = [ { type = "bridge"; id = "vm-b"; bridge = "br0"; mac = "02:00:00:00:00:02"; } ];',
        '  };',
        '  microvm.vms.c.config = {',
        '    microvm.hypervisor = lib.mkDefault "firecracker";',
        '    microvm.interfaces = [ { type = "user"; id = "qemu"; mac = "02:00:00:00:00:03"; } ];',
        '  };',
        '  microvm.vms.d.config.microvm.interfaces = [ { type = "bridge"; id = "vm-d"; bridge = "br0"; mac = "02:00:00:00:00:04"; } ];',
        '}',
      ),
    },
    {
      name: 'supported types for each hypervisor',
      code: doc(
        '{',
        '  microvm.vms = {',
        '    a.config = { microvm.hypervisor = "cloud-hypervisor"; microvm.interfaces = [ { type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01"; macvtap = { link = "eth0"; mode = "bridge"; }; } ]; };',
        '    b.config = { microvm.hypervisor = "firecracker"; microvm.interfaces = [ { type = "tap"; id = "vm-b"; mac = "02:00:00:00:00:02"; } ]; };',
        '    c.config = { microvm.hypervisor = "stratovirt"; microvm.interfaces = [ { type = "bridge"; id = "vm-c"; bridge = "br0"; mac = "02:00:00:00:00:03"; } ]; };',
        '    d.config = { microvm.hypervisor = "vfkit"; microvm.interfaces = [ { type = "user"; id = "vm-d"; mac = "02:00:00:00:00:04"; } ]; };',
        '    e.config = { microvm.hypervisor = "kvmtool"; microvm.interfaces = [ { type = "user"; id = "vm-e"; mac = "02:00:00:00:00:05"; } ]; };',
        '  };',
        '}',
      ),
    },
    {
      name: 'interfaces of another option, and microvm.interfaces only in comments and strings',
      code: doc(
        '{',
        '  # microvm.interfaces = [ { type = "tapp"; } ];',
        '  services.foo.interfaces = [ { type = "bad"; } { name = "x"; } ];',
        '  virtualisation.interfaces = [ { type = "bad"; } ];',
        '  description = "microvm.interfaces = [ { } ]";',
        '  microvm.interfaces = [ ];',
        '}',
      ),
    },
    {
      name: 'type, id and mac with lib.mkDefault, computed attribute names',
      code: doc(
        '{ lib, key, ... }:',
        '{',
        '  microvm.interfaces = [',
        '    { type = lib.mkDefault "tapp"; id = lib.mkDefault "vm-a-very-long-name"; mac = lib.mkDefault "02:00:00:00:00:01"; }',
        '    { type = "tap"; ${key} = "vm-x"; }',
        '  ];',
        '}',
      ),
    },
    {
      name: 'VMs from a flake or an import',
      code: doc(
        '{ self, ... }:',
        '{',
        '  microvm.vms.a.flake = self;',
        '  microvm.vms.b.config = import ./b.nix;',
        '  microvm.vms.c.config.microvm.interfaces = import ./interfaces.nix;',
        '}',
      ),
    },
    {
      name: 'the host itself and its VM use the same tap id',
      code: doc(
        '{',
        '  microvm.interfaces = [ { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ];',
        '  microvm.vms.inner.config.microvm.interfaces = [ { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:02"; } ];',
        '}',
      ),
    },
    {
      // Each name holds "interfaces" next to a letter, digit, _, ' or -: none of them is microvm.interfaces.
      name: 'inherited names that contain the word interfaces',
      code: doc(
        'let',
        '  interfaces = [ { type = "tapp"; } ];',
        '  myinterfaces = [ ];',
        '  Ainterfaces = [ ];',
        '  Zinterfaces = [ ];',
        '  ainterfaces = [ ];',
        '  zinterfaces = [ ];',
        '  _interfaces = [ ];',
        '  x0interfaces = [ ];',
        '  x9interfaces = [ ];',
        '  interfaces0 = [ ];',
        '  interfaces9 = [ ];',
        '  interfacesA = [ ];',
        '  interfacesZ = [ ];',
        '  interfacesa = [ ];',
        '  interfacesz = [ ];',
        '  interfaces_ = [ ];',
        "  interfaces' = [ ];",
        '  interfaces-old = [ ];',
        'in',
        '{',
        "  microvm = { inherit myinterfaces Ainterfaces Zinterfaces ainterfaces zinterfaces _interfaces x0interfaces x9interfaces interfaces0 interfaces9 interfacesA interfacesZ interfacesa interfacesz interfaces_ interfaces' interfaces-old; };",
        '}',
      ),
    },
    {
      name: 'id written as a set (id.name = ...): not missing, not a literal',
      code: doc('{', '  microvm.interfaces = [ { type = "tap"; id.name = "vm-a"; mac = "02:00:00:00:00:01"; } ];', '}'),
    },
    {
      name: 'sets outside microvm.interfaces with a type and an id that are not macvtap-shaped',
      code: doc(
        '{',
        '  services.cni.settings = { settings.type = "macvtap"; id = "net0"; };',
        '  services.foo.link = { type = "bridge"; id = "br-lan"; };',
        '}',
      ),
    },
    {
      name: 'macvtap-shaped sets outside any list with the same id',
      code: doc(
        '{',
        '  my.vm.nics = {',
        '    wan = { type = "macvtap"; id = "vm-wan"; mac = "02:00:00:00:00:01"; macvtap = { link = "eth0"; mode = "bridge"; }; };',
        '    wanBackup = { type = "macvtap"; id = "vm-wan"; mac = "02:00:00:00:00:02"; macvtap = { link = "eth1"; mode = "bridge"; }; };',
        '  };',
        '}',
      ),
    },
  ],
  invalid: [
    {
      name: 'type "tapp" in a guest module',
      code: tappGuest,
      findings: [typeTypo('4:13-4:19', 'Interface type "tapp" is not one microvm.nix knows (user, tap, macvtap, bridge): evaluation stops before anything is built. Did you mean "tap"?', tappGuestTemplate, TAP_FIRST)],
      fixAll: tappGuestTemplate.replace('TYPE', 'tap'),
    },
    {
      name: 'type "tapp" written without spaces',
      code: doc('{', '  microvm.interfaces=[{type="tapp";id="vm-a";mac="02:00:00:00:00:01";}];', '}'),
      findings: [
        typeTypo(
          '1:28-1:34',
          'Interface type "tapp" is not one microvm.nix knows (user, tap, macvtap, bridge): evaluation stops before anything is built. Did you mean "tap"?',
          doc('{', '  microvm.interfaces=[{type="TYPE";id="vm-a";mac="02:00:00:00:00:01";}];', '}'),
          TAP_FIRST,
        ),
      ],
      fixAll: doc('{', '  microvm.interfaces=[{type="tap";id="vm-a";mac="02:00:00:00:00:01";}];', '}'),
    },
    {
      name: 'type "tapp" in a rec set',
      code: doc('{', '  microvm.interfaces = [ rec { id = "vm-a"; type = "tapp"; mac = "02:00:00:00:00:01"; } ];', '}'),
      findings: [
        typeTypo(
          '1:51-1:57',
          'Interface type "tapp" is not one microvm.nix knows (user, tap, macvtap, bridge): evaluation stops before anything is built. Did you mean "tap"?',
          doc('{', '  microvm.interfaces = [ rec { id = "vm-a"; type = "TYPE"; mac = "02:00:00:00:00:01"; } ];', '}'),
          TAP_FIRST,
        ),
      ],
      fixAll: doc('{', '  microvm.interfaces = [ rec { id = "vm-a"; type = "tap"; mac = "02:00:00:00:00:01"; } ];', '}'),
    },
    {
      name: 'type "tapp" in a set with a binding that has no value yet',
      code: doc('{', '  microvm.interfaces = [ { type = "tapp"; id = "vm-a"; mac = "02:00:00:00:00:01"; bridge = ; } ];', '}'),
      findings: [
        typeTypo(
          '1:34-1:40',
          'Interface type "tapp" is not one microvm.nix knows (user, tap, macvtap, bridge): evaluation stops before anything is built. Did you mean "tap"?',
          doc('{', '  microvm.interfaces = [ { type = "TYPE"; id = "vm-a"; mac = "02:00:00:00:00:01"; bridge = ; } ];', '}'),
          TAP_FIRST,
        ),
      ],
      fixAll: doc('{', '  microvm.interfaces = [ { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; bridge = ; } ];', '}'),
    },
    {
      name: 'type "tapp" under a quoted attribute name',
      code: doc('{', '  microvm."interfaces" = [ { type = "tapp"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ];', '}'),
      findings: [
        typeTypo(
          '1:36-1:42',
          'Interface type "tapp" is not one microvm.nix knows (user, tap, macvtap, bridge): evaluation stops before anything is built. Did you mean "tap"?',
          doc('{', '  microvm."interfaces" = [ { type = "TYPE"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ];', '}'),
          TAP_FIRST,
        ),
      ],
      fixAll: doc('{', '  microvm."interfaces" = [ { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ];', '}'),
    },
    {
      name: 'no mac in a macvtap-shaped set outside microvm.interfaces: seeded by its id',
      code: doc('{ lib, ... }:', '{', '  networking.foo = { type = "macvtap"; id = "vm-a"; macvtap = { link = "eth0"; mode = "bridge"; }; };', '}'),
      findings: [
        macMissing('2:21-2:38', 'Interface "vm-a" has no mac: microvm.nix has no default for it and every hypervisor is given the MAC of each interface, so evaluation stops. Set a locally administered MAC (second hex digit 2, 6, A or E), the same on every rebuild.', {
          mac: '92:5f:9c:a7:be:ef',
          output: doc('{ lib, ... }:', '{', '  networking.foo = { type = "macvtap"; id = "vm-a"; mac = "92:5f:9c:a7:be:ef"; macvtap = { link = "eth0"; mode = "bridge"; }; };', '}'),
        }),
      ],
      fixAll: doc('{ lib, ... }:', '{', '  networking.foo = { type = "macvtap"; id = "vm-a"; mac = "92:5f:9c:a7:be:ef"; macvtap = { link = "eth0"; mode = "bridge"; }; };', '}'),
    },
    {
      name: 'no mac in a macvtap-shaped set a helper function returns: no fix (it may stand for several interfaces)',
      code: doc('{ lib, ... }:', 'let', '  mk = n: { type = "macvtap"; id = "vm-a"; macvtap = { link = "eth0"; mode = "bridge"; }; };', 'in', '{', '  networking.foo = mk 1;', '}'),
      findings: [macMissing('2:12-2:29', 'Interface "vm-a" has no mac: microvm.nix has no default for it and every hypervisor is given the MAC of each interface, so evaluation stops. Set a locally administered MAC (second hex digit 2, 6, A or E), the same on every rebuild.')],
    },
    {
      name: 'type "Bridge" (capital letter) in microvm = { interfaces = ...; }',
      code: capitalBridge,
      findings: [typeTypo('4:15-4:23', 'Interface type "Bridge" is not one microvm.nix knows (user, tap, macvtap, bridge): evaluation stops before anything is built. Did you mean "bridge"?', capitalBridgeTemplate, BRIDGE_FIRST)],
      fixAll: capitalBridgeTemplate.replace('TYPE', 'bridge'),
    },
    {
      name: 'type "vde" (no suggestion) on a host',
      code: vdeHost,
      findings: [typeInvalid('3:13-3:18', 'Interface type "vde" is not one microvm.nix knows: the option only accepts user, tap, macvtap, bridge, so evaluation stops before anything is built. Set type to one of them.', vdeHostTemplate)],
    },
    {
      name: "type ''usr'' (indented string) in microvm.vms.<name> = { config = ...; }",
      code: usrIndented,
      findings: [typeTypo('5:17-5:24', 'Interface type "usr" is not one microvm.nix knows (user, tap, macvtap, bridge): evaluation stops before anything is built. Did you mean "user"?', usrIndentedTemplate, USER_FIRST)],
      fixAll: usrIndentedTemplate.replace('TYPE', 'user'),
    },
    {
      name: 'type "macvlan" in a flake nixosSystem module',
      code: macvlanFlake,
      findings: [typeTypo('9:19-9:28', 'Interface type "macvlan" is not one microvm.nix knows (user, tap, macvtap, bridge): evaluation stops before anything is built. Did you mean "macvtap"?', macvlanFlakeTemplate, MACVTAP_FIRST)],
      fixAll: macvlanFlakeTemplate.replace('TYPE', 'macvtap'),
    },
    {
      name: 'no id, in microvm = { interfaces = ...; }',
      code: idMissingNested,
      findings: [idMissing('4:6-4:19', 'This tap interface has no id: microvm.nix has no default for it, so evaluation stops when the runner asks for the name of the host device (and of the hypervisor\'s network device). Add an id, unique on the host and at most 15 bytes, such as "vm-web".')],
    },
    {
      name: 'no type and no id after ++',
      code: noTypeNoId,
      findings: [idMissing('4:4-4:5', 'This interface has no id: microvm.nix has no default for it, so evaluation stops when the runner asks for the name of the host device (and of the hypervisor\'s network device). Add an id, unique on the host and at most 15 bytes, such as "vm-web".')],
    },
    {
      name: 'no id and no mac in lib.optional on a host, seeded by the VM name',
      code: optionalNoIdNoMac,
      findings: [idMissing('4:6-4:19', 'This tap interface has no id: microvm.nix has no default for it, so evaluation stops when the runner asks for the name of the host device (and of the hypervisor\'s network device). Add an id, unique on the host and at most 15 bytes, such as "vm-web".'), macMissing('4:6-4:19', 'This tap interface has no mac: microvm.nix has no default for it and every hypervisor is given the MAC of each interface, so evaluation stops. Set a locally administered MAC (second hex digit 2, 6, A or E), the same on every rebuild.', { mac: '42:5e:57:f6:eb:2f', output: optionalNoIdNoMacFixed })],
      fixAll: optionalNoIdNoMacFixed,
    },
    {
      name: 'no mac in a VM config written as let ... in: still seeded by its id',
      code: doc(
        '{',
        '  microvm.vms.a.config = let link = "eth0"; in {',
        '    microvm.interfaces = [ { type = "tap"; id = "vm-a"; } ];',
        '  };',
        '}',
      ),
      findings: [macMissing('2:29-2:42', 'Interface "vm-a" has no mac: microvm.nix has no default for it and every hypervisor is given the MAC of each interface, so evaluation stops. Set a locally administered MAC (second hex digit 2, 6, A or E), the same on every rebuild.', {
        mac: '92:5f:9c:a7:be:ef',
        output: doc(
          '{',
          '  microvm.vms.a.config = let link = "eth0"; in {',
          '    microvm.interfaces = [ { type = "tap"; id = "vm-a"; mac = "92:5f:9c:a7:be:ef"; } ];',
          '  };',
          '}',
        ),
      })],
      fixAll: doc(
        '{',
        '  microvm.vms.a.config = let link = "eth0"; in {',
        '    microvm.interfaces = [ { type = "tap"; id = "vm-a"; mac = "92:5f:9c:a7:be:ef"; } ];',
        '  };',
        '}',
      ),
    },
    {
      name: 'an id too long next to an interface whose id is an expression',
      code: doc(
        '{ name, ... }:',
        '{',
        '  microvm.interfaces = [',
        '    { type = "tap"; id = "vm-${name}"; mac = "02:00:00:00:00:01"; }',
        '    { type = "tap"; id = "vm-much-too-long"; mac = "02:00:00:00:00:02"; }',
        '  ];',
        '}',
      ),
      findings: [idTooLong('4:25-4:43', 'Interface id "vm-much-too-long" is 16 bytes long, but Linux interface names hold at most 15: microvm.nix\'s assertion stops evaluation, and `ip` could not create a device of that name anyway. Shorten it to 15 bytes or fewer.')],
    },
    {
      name: 'bridge interface without bridge, id from an expression: named by what it is',
      code: '{ cfg, ... }: { microvm.interfaces = [ { type = "bridge"; id = cfg.id; mac = "02:00:00:00:00:01"; } ]; }\n',
      findings: [bridgeMissing('0:41-0:57', 'This interface has type "bridge" but no bridge: microvm.nix asserts that a bridge interface names the host bridge, so evaluation stops. Set bridge to the host bridge to attach to, such as "br0".')],
    },
    {
      name: 'bridge on tap interfaces: a # inside the string or a comment elsewhere keeps the fix, a comment inside the binding drops it',
      code: doc(
        '{ cfg, ... }:',
        '# the uplinks',
        '{',
        '  microvm.interfaces = [',
        '    { type = "tap"; id = cfg.id; mac = "02:00:00:00:00:01"; bridge = "br#0"; }',
        '    { type = "tap"; id = "vm-b"; mac = "02:00:00:00:00:02"; bridge = cfg.br; }',
        '    { type = "tap"; id = "vm-c"; mac = "02:00:00:00:00:03"; bridge = /* host side */ cfg.br; }',
        '  ];',
        '}',
      ),
      findings: [
        bridgeUnexpected('4:60-4:76', 'This interface has type "tap" but sets bridge: microvm.nix asserts that only bridge interfaces have one, so evaluation stops. Remove bridge, or set type = "bridge" if the VM should attach to that host bridge.', doc('{ cfg, ... }:', '# the uplinks', '{', '  microvm.interfaces = [', '    { type = "tap"; id = cfg.id; mac = "02:00:00:00:00:01"; }', '    { type = "tap"; id = "vm-b"; mac = "02:00:00:00:00:02"; bridge = cfg.br; }', '    { type = "tap"; id = "vm-c"; mac = "02:00:00:00:00:03"; bridge = /* host side */ cfg.br; }', '  ];', '}',)),
        bridgeUnexpected('5:60-5:76', 'Interface "vm-b" has type "tap" but sets bridge: microvm.nix asserts that only bridge interfaces have one, so evaluation stops. Remove bridge, or set type = "bridge" if the VM should attach to that host bridge.', doc('{ cfg, ... }:', '# the uplinks', '{', '  microvm.interfaces = [', '    { type = "tap"; id = cfg.id; mac = "02:00:00:00:00:01"; bridge = "br#0"; }', '    { type = "tap"; id = "vm-b"; mac = "02:00:00:00:00:02"; }', '    { type = "tap"; id = "vm-c"; mac = "02:00:00:00:00:03"; bridge = /* host side */ cfg.br; }', '  ];', '}',)),
        bridgeUnexpected('6:60-6:92', 'Interface "vm-c" has type "tap" but sets bridge: microvm.nix asserts that only bridge interfaces have one, so evaluation stops. Remove bridge, or set type = "bridge" if the VM should attach to that host bridge.'),
      ],
      fixAll: doc('{ cfg, ... }:', '# the uplinks', '{', '  microvm.interfaces = [', '    { type = "tap"; id = cfg.id; mac = "02:00:00:00:00:01"; }', '    { type = "tap"; id = "vm-b"; mac = "02:00:00:00:00:02"; }', '    { type = "tap"; id = "vm-c"; mac = "02:00:00:00:00:03"; bridge = /* host side */ cfg.br; }', '  ];', '}',),
    },
    {
      name: 'no id and no mac on a named VM: the mac goes after the type, not at the end',
      code: doc(
        '{',
        '  microvm.vms.web.config.microvm.interfaces = [ {',
        '    type = "macvtap";',
        '    macvtap = { link = "eth0"; mode = "bridge"; };',
        '  } ];',
        '}',
      ),
      findings: [
        idMissing('2:4-2:21', 'This macvtap interface has no id: microvm.nix has no default for it, so evaluation stops when the runner asks for the name of the host device (and of the hypervisor\'s network device). Add an id, unique on the host and at most 15 bytes, such as "vm-web".'),
        macMissing('2:4-2:21', 'This macvtap interface has no mac: microvm.nix has no default for it and every hypervisor is given the MAC of each interface, so evaluation stops. Set a locally administered MAC (second hex digit 2, 6, A or E), the same on every rebuild.', {
          mac: '42:5e:57:f6:eb:2f',
          output: doc(
            '{',
            '  microvm.vms.web.config.microvm.interfaces = [ {',
            '    type = "macvtap";',
            '    mac = "42:5e:57:f6:eb:2f";',
            '    macvtap = { link = "eth0"; mode = "bridge"; };',
            '  } ];',
            '}',
          ),
        }),
      ],
      fixAll: doc(
        '{',
        '  microvm.vms.web.config.microvm.interfaces = [ {',
        '    type = "macvtap";',
        '    mac = "42:5e:57:f6:eb:2f";',
        '    macvtap = { link = "eth0"; mode = "bridge"; };',
        '  } ];',
        '}',
      ),
    },
    {
      name: 'same tap id on two VMs of a host, one of them named by an expression',
      code: doc(
        '{ name, ... }:',
        '{',
        '  microvm.vms = {',
        '    a.config.microvm.interfaces = [ { type = "tap"; id = "vm-tap"; mac = "02:00:00:00:00:01"; } ];',
        '    ${name}.config.microvm.interfaces = [ { type = "tap"; id = "vm-tap"; mac = "02:00:00:00:00:02"; } ];',
        '  };',
        '}',
      ),
      findings: [
        dupSameHost('3:57-3:65', 'Interface id "vm-tap" is also the id of a tap or macvtap interface of another VM on this host: both create a host device named "vm-tap", and the VM that starts second deletes the other\'s device and makes its own, cutting the first VM off. Give each VM its own ids.', ['4:63-4:71 also used here (another VM)']),
        dupSameHost('4:63-4:71', 'Interface id "vm-tap" is also the id of a tap or macvtap interface of VM "a" on this host: both create a host device named "vm-tap", and the VM that starts second deletes the other\'s device and makes its own, cutting the first VM off. Give each VM its own ids.', ['3:57-3:65 also used here (VM "a")']),
      ],
    },
    {
      name: 'an interface that is only a comment glued to its braces: the mac goes after the comment',
      code: doc('{', '  microvm.vms.web.config.microvm.interfaces = [ {/* later */} ];', '}'),
      findings: [
        idMissing('1:48-1:49', 'This interface has no id: microvm.nix has no default for it, so evaluation stops when the runner asks for the name of the host device (and of the hypervisor\'s network device). Add an id, unique on the host and at most 15 bytes, such as "vm-web".'),
        macMissing('1:48-1:49', 'This interface has no mac: microvm.nix has no default for it and every hypervisor is given the MAC of each interface, so evaluation stops. Set a locally administered MAC (second hex digit 2, 6, A or E), the same on every rebuild.', {
          mac: '42:5e:57:f6:eb:2f',
          output: doc('{', '  microvm.vms.web.config.microvm.interfaces = [ {/* later */ mac = "42:5e:57:f6:eb:2f"; } ];', '}'),
        }),
      ],
      fixAll: doc('{', '  microvm.vms.web.config.microvm.interfaces = [ {/* later */ mac = "42:5e:57:f6:eb:2f"; } ];', '}'),
    },
    {
      name: 'bridge on a tap interface with blanks after it: its whole line goes',
      code: '{ microvm.interfaces = [ {\n  type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01";\n  bridge = "br0";   \n} ]; }\n',
      findings: [bridgeUnexpected('2:2-2:17', 'Interface "vm-a" has type "tap" but sets bridge: microvm.nix asserts that only bridge interfaces have one, so evaluation stops. Remove bridge, or set type = "bridge" if the VM should attach to that host bridge.', '{ microvm.interfaces = [ {\n  type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01";\n} ]; }\n')],
      fixAll: '{ microvm.interfaces = [ {\n  type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01";\n} ]; }\n',
    },
    {
      name: 'no mac, inserted after the id',
      code: macAfterId,
      findings: [macMissing('2:4-2:17', 'Interface "vm-a" has no mac: microvm.nix has no default for it and every hypervisor is given the MAC of each interface, so evaluation stops. Set a locally administered MAC (second hex digit 2, 6, A or E), the same on every rebuild.', { mac: '92:5f:9c:a7:be:ef', output: macAfterIdFixed })],
      fixAll: macAfterIdFixed,
    },
    {
      name: 'no mac in a one-line set, id first',
      code: macOneLine,
      findings: [macMissing('0:40-0:57', 'Interface "vm-b" has no mac: microvm.nix has no default for it and every hypervisor is given the MAC of each interface, so evaluation stops. Set a locally administered MAC (second hex digit 2, 6, A or E), the same on every rebuild.', { mac: '22:97:b0:cc:0f:c6', output: macOneLineFixed })],
      fixAll: macOneLineFixed,
    },
    {
      name: 'no mac, id from an expression: seeded by the VM name',
      code: macSeedVmName,
      findings: [macMissing('4:6-4:19', 'This tap interface has no mac: microvm.nix has no default for it and every hypervisor is given the MAC of each interface, so evaluation stops. Set a locally administered MAC (second hex digit 2, 6, A or E), the same on every rebuild.', { mac: '42:5e:57:f6:eb:2f', output: macSeedVmNameFixed })],
      fixAll: macSeedVmNameFixed,
    },
    {
      name: 'no mac, neither a literal id nor a VM name: no fix',
      code: macNoSeed,
      findings: [macMissing('2:27-2:40', 'This tap interface has no mac: microvm.nix has no default for it and every hypervisor is given the MAC of each interface, so evaluation stops. Set a locally administered MAC (second hex digit 2, 6, A or E), the same on every rebuild.')],
    },
    {
      name: 'no mac in a map lambda: no fix',
      code: macInLambda,
      findings: [macMissing('3:6-3:19', 'This tap interface has no mac: microvm.nix has no default for it and every hypervisor is given the MAC of each interface, so evaluation stops. Set a locally administered MAC (second hex digit 2, 6, A or E), the same on every rebuild.')],
    },
    {
      name: 'no mac, the generated MAC is taken (upper case): next seed',
      code: macCollision,
      findings: [macMissing('3:6-3:19', 'Interface "vm-a" has no mac: microvm.nix has no default for it and every hypervisor is given the MAC of each interface, so evaluation stops. Set a locally administered MAC (second hex digit 2, 6, A or E), the same on every rebuild.', { mac: '92:d3:24:d6:39:f9', output: macCollisionFixed })],
      fixAll: macCollisionFixed,
    },
    {
      name: 'two interfaces without mac seeded by the same VM name',
      code: twoMacsOneSeed,
      findings: [
        macMissing('3:8-3:21', 'This tap interface has no mac: microvm.nix has no default for it and every hypervisor is given the MAC of each interface, so evaluation stops. Set a locally administered MAC (second hex digit 2, 6, A or E), the same on every rebuild.', { mac: '42:5e:57:f6:eb:2f', output: twoMacsOneSeedFirstFixed }),
        macMissing('4:8-4:21', 'This tap interface has no mac: microvm.nix has no default for it and every hypervisor is given the MAC of each interface, so evaluation stops. Set a locally administered MAC (second hex digit 2, 6, A or E), the same on every rebuild.', { mac: 'c2:71:9a:fa:76:fa', output: twoMacsOneSeedSecondFixed }),
      ],
      fixAll: twoMacsOneSeedAllFixed,
    },
    {
      name: 'neither type nor id: mac after the last binding',
      code: onlyOtherBinding,
      findings: [idMissing('1:48-1:49', 'This interface has no id: microvm.nix has no default for it, so evaluation stops when the runner asks for the name of the host device (and of the hypervisor\'s network device). Add an id, unique on the host and at most 15 bytes, such as "vm-web".'), macMissing('1:48-1:49', 'This interface has no mac: microvm.nix has no default for it and every hypervisor is given the MAC of each interface, so evaluation stops. Set a locally administered MAC (second hex digit 2, 6, A or E), the same on every rebuild.', { mac: '42:5e:57:f6:eb:2f', output: onlyOtherBindingFixed })],
      fixAll: onlyOtherBindingFixed,
    },
    {
      name: 'empty set in a flake, seeded by the nixosConfigurations name',
      code: emptySetFlake,
      findings: [idMissing('3:43-3:44', 'This interface has no id: microvm.nix has no default for it, so evaluation stops when the runner asks for the name of the host device (and of the hypervisor\'s network device). Add an id, unique on the host and at most 15 bytes, such as "vm-web".'), macMissing('3:43-3:44', 'This interface has no mac: microvm.nix has no default for it and every hypervisor is given the MAC of each interface, so evaluation stops. Set a locally administered MAC (second hex digit 2, 6, A or E), the same on every rebuild.', { mac: 'd2:ee:5c:04:21:71', output: emptySetFlakeFixed })],
      fixAll: emptySetFlakeFixed,
    },
    {
      name: 'no mac, CRLF line endings and a comment after the id',
      code: crlfMac,
      findings: [macMissing('3:4-3:17', 'Interface "vm-c" has no mac: microvm.nix has no default for it and every hypervisor is given the MAC of each interface, so evaluation stops. Set a locally administered MAC (second hex digit 2, 6, A or E), the same on every rebuild.', { mac: 'a2:fd:8f:3b:31:c4', output: crlfMacFixed })],
      fixAll: crlfMacFixed,
    },
    {
      name: 'id of 17 characters on a host',
      code: longIdHost,
      findings: [idTooLong('5:13-5:32', 'Interface id "vm-webserver-eth0" is 17 bytes long, but Linux interface names hold at most 15: microvm.nix\'s assertion stops evaluation, and `ip` could not create a device of that name anyway. Shorten it to 15 bytes or fewer.')],
    },
    {
      name: 'id of 15 characters but 16 UTF-8 bytes, after an emoji',
      code: longIdUtf8,
      findings: [idTooLong('1:55-1:72', 'Interface id "vm-tap-ü-long12" is 16 bytes long in UTF-8 (letters outside ASCII take 2 to 4 bytes each), but Linux interface names hold at most 15: microvm.nix\'s assertion stops evaluation, and `ip` could not create a device of that name anyway. Shorten it to 15 bytes or fewer.')],
    },
    {
      name: 'duplicate id in one VM, through a let name and ++',
      code: dupLetAndConcat,
      findings: [
        dupSameVm('1:32-1:38', 'Interface id "vm-a" is used 2 times in this VM: microvm.nix asserts that ids are unique, so evaluation stops. Give each interface its own id.', ['5:25-5:31 also used here (same VM)']),
        dupSameVm('5:25-5:31', 'Interface id "vm-a" is used 2 times in this VM: microvm.nix asserts that ids are unique, so evaluation stops. Give each interface its own id.', ['1:32-1:38 also used here (same VM)']),
      ],
    },
    {
      name: 'duplicate id in one VM across types, through lib.mkMerge',
      code: dupAnyTypeMkMerge,
      findings: [
        dupSameVm('3:28-3:36', 'Interface id "vm-net" is used 2 times in this VM: microvm.nix asserts that ids are unique, so evaluation stops. Give each interface its own id.', ['4:31-4:39 also used here (same VM)']),
        dupSameVm('4:31-4:39', 'Interface id "vm-net" is used 2 times in this VM: microvm.nix asserts that ids are unique, so evaluation stops. Give each interface its own id.', ['3:28-3:36 also used here (same VM)']),
      ],
    },
    {
      name: 'tap and macvtap with the same id on two VMs of one host',
      code: dupAcrossVms,
      findings: [
        dupSameHost('3:27-3:38', 'Interface id "vm-uplink" is also the id of a tap or macvtap interface of VM "db" on this host: both create a host device named "vm-uplink", and the VM that starts second deletes the other\'s device and makes its own, cutting the first VM off. Give each VM its own ids.', ['11:13-11:24 also used here (VM "db")']),
        dupSameHost('11:13-11:24', 'Interface id "vm-uplink" is also the id of a tap or macvtap interface of VM "web" on this host: both create a host device named "vm-uplink", and the VM that starts second deletes the other\'s device and makes its own, cutting the first VM off. Give each VM its own ids.', ['3:27-3:38 also used here (VM "web")']),
      ],
    },
    {
      name: 'duplicate id within one VM and across VMs of one host',
      code: dupVmAndHost,
      findings: [
        dupSameVm('3:27-3:33', 'Interface id "vm-x" is used 2 times in VM "a": microvm.nix asserts that ids are unique, so evaluation stops. Give each interface its own id.', ['4:27-4:33 also used here (VM "a")', '8:29-8:35 also used here (VM "b")']),
        dupSameVm('4:27-4:33', 'Interface id "vm-x" is used 2 times in VM "a": microvm.nix asserts that ids are unique, so evaluation stops. Give each interface its own id.', ['3:27-3:33 also used here (VM "a")', '8:29-8:35 also used here (VM "b")']),
        dupSameHost('8:29-8:35', 'Interface id "vm-x" is also the id of a tap or macvtap interface of VM "a" on this host: both create a host device named "vm-x", and the VM that starts second deletes the other\'s device and makes its own, cutting the first VM off. Give each VM its own ids.', ['3:27-3:33 also used here (VM "a")', '4:27-4:33 also used here (VM "a")']),
      ],
    },
    {
      name: 'duplicate id under one lib.mkIf and one lib.optionals',
      code: dupUnderOneMkIf,
      findings: [
        dupSameVm('4:27-4:35', 'Interface id "vm-lan" is used 2 times in this VM: microvm.nix asserts that ids are unique, so evaluation stops. Give each interface its own id.', ['5:31-5:39 also used here (same VM)']),
        dupSameVm('5:31-5:39', 'Interface id "vm-lan" is used 2 times in this VM: microvm.nix asserts that ids are unique, so evaluation stops. Give each interface its own id.', ['4:27-4:35 also used here (same VM)']),
      ],
    },
    {
      // The second lib.optionals is inside the first: whenever it is there, so is the first interface.
      name: 'duplicate id under nested lib.optionals',
      code: doc(
        '{ lib, fast, debug, ... }:',
        '{',
        '  microvm.interfaces = lib.optionals fast ([ { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ]',
        '    ++ lib.optionals debug [ { type = "user"; id = "vm-a"; mac = "02:00:00:00:00:02"; } ]);',
        '}',
      ),
      findings: [
        dupSameVm('2:66-2:72', 'Interface id "vm-a" is used 2 times in this VM: microvm.nix asserts that ids are unique, so evaluation stops. Give each interface its own id.', ['3:51-3:57 also used here (same VM)']),
        dupSameVm('3:51-3:57', 'Interface id "vm-a" is used 2 times in this VM: microvm.nix asserts that ids are unique, so evaluation stops. Give each interface its own id.', ['2:66-2:72 also used here (same VM)']),
      ],
    },
    {
      name: 'duplicate id in lib.mkMerge of a lib.mkIf list and a plain list',
      code: doc(
        '{ lib, fast, ... }:',
        '{',
        '  microvm.interfaces = lib.mkMerge [',
        '    (lib.mkIf fast [ { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ])',
        '    [ { type = "user"; id = "vm-a"; mac = "02:00:00:00:00:02"; } ]',
        '  ];',
        '}',
      ),
      findings: [
        dupSameVm('3:42-3:48', 'Interface id "vm-a" is used 2 times in this VM: microvm.nix asserts that ids are unique, so evaluation stops. Give each interface its own id.', ['4:28-4:34 also used here (same VM)']),
        dupSameVm('4:28-4:34', 'Interface id "vm-a" is used 2 times in this VM: microvm.nix asserts that ids are unique, so evaluation stops. Give each interface its own id.', ['3:42-3:48 also used here (same VM)']),
      ],
    },
    {
      name: 'duplicate id set under lib.optionalAttrs and unconditionally',
      code: doc(
        '{ lib, fast, ... }:',
        '{',
        '  config = lib.mkMerge [',
        '    (lib.optionalAttrs fast { microvm.interfaces = [ { type = "tap"; id = "vm-a"; mac = "02:00:00:00:00:01"; } ]; })',
        '    { microvm.interfaces = [ { type = "user"; id = "vm-a"; mac = "02:00:00:00:00:02"; } ]; }',
        '  ];',
        '}',
      ),
      findings: [
        dupSameVm('3:74-3:80', 'Interface id "vm-a" is used 2 times in this VM: microvm.nix asserts that ids are unique, so evaluation stops. Give each interface its own id.', ['4:51-4:57 also used here (same VM)']),
        dupSameVm('4:51-4:57', 'Interface id "vm-a" is used 2 times in this VM: microvm.nix asserts that ids are unique, so evaluation stops. Give each interface its own id.', ['3:74-3:80 also used here (same VM)']),
      ],
    },
    {
      name: 'duplicate id, one of them under lib.optional',
      code: dupPlusOptional,
      findings: [
        dupSameVm('3:25-3:34', 'Interface id "vm-main" is used 2 times in this VM: microvm.nix asserts that ids are unique, so evaluation stops. Give each interface its own id.', ['4:52-4:61 also used here (same VM)']),
        dupSameVm('4:52-4:61', 'Interface id "vm-main" is used 2 times in this VM: microvm.nix asserts that ids are unique, so evaluation stops. Give each interface its own id.', ['3:25-3:34 also used here (same VM)']),
      ],
    },
    {
      name: 'bridge interface without bridge, in lib.mkForce',
      code: bridgeMissingMkForce,
      findings: [bridgeMissing('3:4-3:20', 'Interface "vm-br" has type "bridge" but no bridge: microvm.nix asserts that a bridge interface names the host bridge, so evaluation stops. Set bridge to the host bridge to attach to, such as "br0".')],
    },
    {
      name: 'bridge = null in a helper function',
      code: bridgeNullHelper,
      findings: [bridgeNull('1:66-1:70', 'This interface has type "bridge" but bridge = null: microvm.nix asserts that a bridge interface names the host bridge, so evaluation stops. Set bridge to the host bridge to attach to, such as "br0".')],
    },
    {
      name: 'tap interface with a bridge',
      code: tapWithBridge,
      findings: [bridgeUnexpected('6:6-6:21', 'Interface "vm-tap" has type "tap" but sets bridge: microvm.nix asserts that only bridge interfaces have one, so evaluation stops. Remove bridge, or set type = "bridge" if the VM should attach to that host bridge.', tapWithBridgeFixed)],
      fixAll: tapWithBridgeFixed,
    },
    {
      name: 'user interface with bridge = an expression, in an imap0 lambda',
      code: userBridgeImap0,
      findings: [bridgeUnexpected('2:100-2:120', 'Interface "qemu" has type "user" but sets bridge: microvm.nix asserts that only bridge interfaces have one, so evaluation stops. Remove bridge, or set type = "bridge" if the VM should attach to that host bridge.', userBridgeImap0Fixed)],
      fixAll: userBridgeImap0Fixed,
    },
    {
      name: 'bridge binding with a comment inside: no fix',
      code: bridgeWithComment,
      findings: [bridgeUnexpected('6:4-6:35', 'Interface "vm-mv" has type "macvtap" but sets bridge: microvm.nix asserts that only bridge interfaces have one, so evaluation stops. Remove bridge, or set type = "bridge" if the VM should attach to that host bridge.')],
    },
    {
      name: 'firecracker VM with a user interface next to a qemu VM',
      code: hostSeveralHypervisors,
      findings: [unsupported('5:17-5:23', 'VM "fc" runs firecracker, which runs only tap interfaces, not "user": microvm.nix\'s firecracker runner throws an error for it, so evaluation fails. Use a type firecracker supports, or a hypervisor that runs "user" interfaces (qemu runs all four).')],
    },
    {
      name: 'bridge interface on cloud-hypervisor in a guest',
      code: cloudHypervisorBridge,
      findings: [unsupported('3:28-3:36', 'This VM runs cloud-hypervisor, which runs only tap and macvtap interfaces, not "bridge": microvm.nix\'s cloud-hypervisor runner throws an error for it, so evaluation fails. Use a type cloud-hypervisor supports, or a hypervisor that runs "bridge" interfaces (qemu runs all four).')],
    },
    {
      name: 'tap interface on vfkit in a flake',
      code: vfkitFlake,
      findings: [unsupported('7:42-7:47', 'VM "mac-vm" runs vfkit, which runs only user interfaces, not "tap": microvm.nix\'s vfkit runner throws an error for it, so evaluation fails. Use a type vfkit supports, or a hypervisor that runs "tap" interfaces (qemu runs all four).')],
    },
    {
      name: 'bridge interface on kvmtool from lib.mapAttrsToList',
      code: kvmtoolMapAttrs,
      findings: [unsupported('7:11-7:19', 'This VM runs kvmtool, which runs only user, tap and macvtap interfaces, not "bridge": microvm.nix\'s kvmtool runner throws an error for it, so evaluation fails. Use a type kvmtool supports, or a hypervisor that runs "bridge" interfaces (qemu runs all four).')],
    },
  ],
};
