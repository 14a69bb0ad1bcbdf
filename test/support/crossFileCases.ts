/**
 * Cross-file cases: small workspaces of several files, and every finding
 * the workspace gives in each, with the other occurrences it points at.
 * The same table runs through the CLI (test/cli/crossFile-cases.test.ts)
 * and the editor's workspace index (test/protocol/crossFile-cases.test.ts):
 * a file's findings do not depend on which of them the user runs.
 *
 * A finding reads `file:line:col code`, then ` -> file:line:col related message`
 * for each place it points at (lines and columns 1-based, as the CLI prints them).
 */
export interface CrossFileCase {
  name: string;
  files: Record<string, string>;
  findings: string[];
  /** The full message of some of those findings, by their place (`file:line:col`). */
  messages?: Record<string, string>;
}

/** A document from its lines, each ended by "\n". */
const doc = (...lines: string[]) => lines.map((l) => l + '\n').join('');

const tap = (id: string, mac: string) => `{ type = "tap"; id = "${id}"; mac = "${mac}"; }`;
const user = (id: string, mac: string) => `{ type = "user"; id = "${id}"; mac = "${mac}"; }`;
const guest = (...interfaces: string[]) => doc('{', '  microvm.interfaces = [', ...interfaces.map((i) => `    ${i}`), '  ];', '}');

/** A host with VMs a and b, each config in its own file. */
const HOST_AB = doc('{', '  microvm.vms.a.config = import ./a.nix;', '  microvm.vms.b.config = import ./b.nix;', '}');

const MAC1 = '02:00:00:00:00:01';
const MAC2 = '02:00:00:00:00:02';

export const CROSS_FILE_CASES: CrossFileCase[] = [
  {
    name: 'two VMs of one host, in their own files, with the same tap id: both marked; the same user id is no host device',
    files: {
      'host.nix': HOST_AB,
      'a.nix': guest(tap('vm-same', MAC1), user('qemu', '02:00:00:00:00:03')),
      'b.nix': guest(tap('vm-same', MAC2), user('qemu', '02:00:00:00:00:04')),
    },
    findings: [
      'a.nix:3:26 interface-id-duplicate -> b.nix:3:26 also used in b.nix (VM "b")',
      'b.nix:3:26 interface-id-duplicate -> a.nix:3:26 also used in a.nix (VM "a")',
    ],
  },
  {
    name: 'the same tap id on two hosts: each host has its own devices',
    files: {
      'host1.nix': '{ microvm.vms.a.config = import ./a.nix; }\n',
      'host2.nix': '{ microvm.vms.b.config = import ./b.nix; }\n',
      'a.nix': guest(tap('vm-same', MAC1)),
      'b.nix': guest(tap('vm-same', MAC2)),
    },
    findings: [],
  },
  {
    name: 'one VM\'s interfaces over two modules it imports, with the same id: both marked, as the same VM',
    files: {
      'guest.nix': doc('{', '  imports = [ ./net1.nix ./net2.nix ];', '  microvm.hypervisor = "qemu";', '}'),
      'net1.nix': guest(tap('vm-x', MAC1)),
      'net2.nix': guest(tap('vm-x', MAC2)),
    },
    findings: [
      'net1.nix:3:26 interface-id-duplicate -> net2.nix:3:26 also used in net2.nix (same VM)',
      'net2.nix:3:26 interface-id-duplicate -> net1.nix:3:26 also used in net1.nix (same VM)',
    ],
  },
  {
    name: 'a set shaped like an interface outside microvm.interfaces, in a module of the VM, is not one of its interfaces',
    files: {
      'guest.nix': doc('{', '  imports = [ ./lib.nix ];', '  microvm.interfaces = [', `    ${tap('vm-x', MAC1)}`, '  ];', '}'),
      'lib.nix': doc('let', `  template = ${tap('vm-x', MAC2)};`, 'in', '{ environment.etc."template".text = builtins.toJSON template; }'),
    },
    findings: [],
  },
  {
    name: 'a host whose config is split over modules: a VM in an imported module and one in the host file share the host',
    files: {
      'configuration.nix': doc('{', '  imports = [ ./vms.nix ];', '  microvm.vms.b.config.microvm.interfaces = [', `    ${tap('vm-same', MAC2)}`, '  ];', '}'),
      'vms.nix': doc('{', '  microvm.vms.a.config.microvm.interfaces = [', `    ${tap('vm-same', MAC1)}`, '  ];', '}'),
    },
    findings: [
      'configuration.nix:4:26 interface-id-duplicate -> vms.nix:3:26 also used in vms.nix (VM "a")',
      'vms.nix:3:26 interface-id-duplicate -> configuration.nix:4:26 also used in configuration.nix (VM "b")',
    ],
  },
  {
    name: 'a host that sets a MAC inside the config of a VM whose interfaces are in the VM\'s own file',
    files: {
      'host.nix': doc('{', '  microvm.vms.g.config = {', '    imports = [ ./g.nix ];', '    networking.interfaces.eth0.macAddress = "02:00:00:00:00:09";', '  };', '}'),
      'g.nix': guest(tap('vm-g', MAC1)),
    },
    findings: ['host.nix:4:5 guest-mac-override -> g.nix:3:5 the VM\'s interfaces are declared in g.nix'],
  },
  {
    name: 'a list imported as microvm.interfaces is checked as that list',
    files: {
      'guest.nix': doc('{', '  microvm.interfaces = import ./ifaces.nix;', '}'),
      'ifaces.nix': doc('[', `  { type = "macvtap"; id = "vm-l"; mac = "${MAC1}"; macvtap.link = "eth0"; }`, ']'),
    },
    findings: ['ifaces.nix:2:5 macvtap-mode-missing'],
  },
  {
    name: 'a file that imports itself is no VM of its own; its MAC is still shared with the other file',
    files: {
      'a.nix': doc('{', '  imports = [ ./a.nix ];', '  microvm.interfaces = [', `    ${tap('vm-a', MAC1)}`, '  ];', '}'),
      'b.nix': guest(tap('vm-b', MAC1)),
    },
    findings: [
      'a.nix:4:40 mac-duplicate -> b.nix:3:40 also used by interface "vm-b" in b.nix',
      'b.nix:3:40 mac-duplicate -> a.nix:4:40 also used by interface "vm-a" in a.nix',
    ],
  },
  {
    name: 'the same interface written in two files (same id, same MAC) is not a duplicate',
    files: {
      'a.nix': guest(tap('vm-a', MAC1)),
      'b.nix': guest(tap('vm-a', MAC1)),
    },
    findings: [],
  },
  {
    name: 'a tap id that another VM of the host uses for a user interface: a user interface makes no host device',
    files: {
      'host.nix': HOST_AB,
      'a.nix': guest(tap('vm-x', MAC1)),
      'b.nix': guest(user('vm-x', MAC2)),
    },
    findings: [],
  },
  {
    name: 'an interface without an id in one module of a VM whose other module has ids',
    files: {
      'guest.nix': doc('{', '  imports = [ ./net1.nix ./net2.nix ];', '  microvm.vcpu = 2;', '}'),
      'net1.nix': guest(`{ type = "tap"; mac = "${MAC1}"; }`),
      'net2.nix': guest(tap('vm-x', MAC2)),
    },
    findings: ['net1.nix:3:7 interface-id-missing'],
  },
  {
    name: 'a MAC set inside the guest in the file that declares its interfaces is found in that file alone',
    files: {
      'guest.nix': doc('{', '  microvm.interfaces = [', `    ${tap('vm-g', MAC1)}`, '  ];', '  networking.interfaces.eth0.macAddress = "02:00:00:00:00:09";', '}'),
      'other.nix': guest(tap('vm-o', MAC2)),
    },
    findings: ['guest.nix:5:3 guest-mac-override'],
  },
  {
    name: 'a module imported by a firecracker guest that also declares a VM of its own runs its interfaces on firecracker',
    files: {
      'guest.nix': doc('{', '  imports = [ ./mixed.nix ];', '  microvm.hypervisor = "firecracker";', '}'),
      'mixed.nix': doc('{', '  microvm.interfaces = [', `    ${user('vm-u', '02:00:00:00:00:05')}`, '  ];', '  microvm.vms.inner.config.microvm.interfaces = [', `    ${tap('vm-inner', '02:00:00:00:00:06')}`, '  ];', '}'),
    },
    findings: ['mixed.nix:3:14 interface-type-unsupported'],
  },
  {
    name: 'a MAC used twice in one file and once in another: each lists the other two, once each',
    files: {
      'a.nix': guest(tap('vm-a', MAC1), tap('vm-a2', MAC1)),
      'b.nix': guest(tap('vm-b', MAC1)),
    },
    findings: [
      'a.nix:3:40 mac-duplicate -> a.nix:4:41 also used by interface "vm-a2" -> b.nix:3:40 also used by interface "vm-b" in b.nix',
      'a.nix:4:41 mac-duplicate -> a.nix:3:40 also used by interface "vm-a" -> b.nix:3:40 also used by interface "vm-b" in b.nix',
      'b.nix:3:40 mac-duplicate -> a.nix:3:40 also used by interface "vm-a" in a.nix -> a.nix:4:41 also used by interface "vm-a2" in a.nix',
    ],
  },
  {
    name: 'a list of tap interfaces imported as microvm.interfaces is checked as that list',
    files: {
      'guest.nix': doc('{', '  microvm.interfaces = import ./ifaces.nix;', '}'),
      'ifaces.nix': doc('# The network interfaces of vm-l', '[', `  { type = "tap"; id = "vm-l"; mac = "03:00:00:00:00:01"; }`, ']'),
    },
    findings: ['ifaces.nix:3:38 mac-multicast'],
  },
  {
    name: 'one list imported as microvm.interfaces by two guests is checked once',
    files: {
      'guest1.nix': doc('{', '  microvm.interfaces = import ./nics.nix;', '}'),
      'guest2.nix': doc('{', '  microvm.interfaces = import ./nics.nix;', '}'),
      'nics.nix': doc('[', `  { type = "tap"; id = "vm-l"; mac = "03:00:00:00:00:01"; }`, ']'),
    },
    findings: ['nics.nix:2:38 mac-multicast'],
  },
  {
    name: 'one VM\'s id twice in one module and once in another: used 3 times; the VM\'s other id is not marked',
    files: {
      'guest.nix': doc('{', '  imports = [ ./net1.nix ./net2.nix ];', '  microvm.hypervisor = "qemu";', '}'),
      'net1.nix': guest(tap('vm-x', MAC1), tap('vm-x', '02:00:00:00:00:03'), tap('vm-y', '02:00:00:00:00:04')),
      'net2.nix': guest(tap('vm-x', MAC2)),
    },
    findings: [
      'net1.nix:3:26 interface-id-duplicate -> net1.nix:4:26 also used here (same VM) -> net2.nix:3:26 also used in net2.nix (same VM)',
      'net1.nix:4:26 interface-id-duplicate -> net1.nix:3:26 also used here (same VM) -> net2.nix:3:26 also used in net2.nix (same VM)',
      'net2.nix:3:26 interface-id-duplicate -> net1.nix:3:26 also used in net1.nix (same VM) -> net1.nix:4:26 also used in net1.nix (same VM)',
    ],
    messages: {
      'net1.nix:3:26': 'Interface id "vm-x" is used 3 times in this VM: microvm.nix asserts that ids are unique, so evaluation stops. Give each interface its own id.',
      'net2.nix:3:26': 'Interface id "vm-x" is used 3 times in this VM: microvm.nix asserts that ids are unique, so evaluation stops. Give each interface its own id.',
    },
  },
  {
    name: 'two hosts in one flake, one VM of each with the same tap id, and a guest file of the second host: only the second host\'s pair clashes',
    files: {
      'flake.nix': doc(
        '{',
        '  outputs = { nixpkgs, ... }: {',
        `    nixosConfigurations.h1 = nixpkgs.lib.nixosSystem { modules = [ { microvm.vms.c.config.microvm.interfaces = [ ${tap('vm-x', MAC1)} ]; } ]; };`,
        `    nixosConfigurations.h2 = nixpkgs.lib.nixosSystem { modules = [ { microvm.vms.b.config = import ./b.nix; microvm.vms.d.config.microvm.interfaces = [ ${tap('vm-x', MAC2)} ]; } ]; };`,
        '  };',
        '}',
      ),
      'b.nix': guest(tap('vm-x', '02:00:00:00:00:03')),
    },
    findings: ['b.nix:3:26 interface-id-duplicate -> flake.nix:4:174 also used in flake.nix (VM "d")', 'flake.nix:4:174 interface-id-duplicate -> b.nix:3:26 also used in b.nix (VM "b")'],
  },
  {
    name: 'a VM of a host named by an expression: the other file names it by its file',
    files: {
      'host.nix': doc('{ name, ... }:', '{', '  microvm.vms.a.config = import ./a.nix;', '  microvm.vms.${name}.config = import ./b.nix;', '}'),
      'a.nix': guest(tap('vm-same', MAC1)),
      'b.nix': guest(tap('vm-same', MAC2)),
    },
    findings: [
      'a.nix:3:26 interface-id-duplicate -> b.nix:3:26 also used in b.nix (a VM in b.nix)',
      'b.nix:3:26 interface-id-duplicate -> a.nix:3:26 also used in a.nix (VM "a")',
    ],
    messages: {
      'a.nix:3:26': 'Interface id "vm-same" is also the id of a tap or macvtap interface of a VM in b.nix on this host: both create a host device named "vm-same", and the VM that starts second deletes the other\'s device and makes its own, cutting the first VM off. Give each VM its own ids.',
    },
  },
  {
    name: 'lists imported as other options (microvm.shares, networking.interfaces) are no interface lists',
    files: {
      'guest.nix': doc('{', `  microvm.interfaces = [ ${tap('vm-g', MAC1)} ];`, '  microvm.shares = import ./shares.nix;', '  networking.interfaces = import ./nics.nix;', '}'),
      'shares.nix': doc('[ { tag = "ro-store"; source = "/nix/store"; mountPoint = "/nix/.ro-store"; } ]'),
      'nics.nix': doc('{ eth0.useDHCP = true; }'),
    },
    findings: [],
  },
  {
    name: 'a set shaped like a macvtap interface passed as a module argument, in a module of the VM, is not one of its interfaces',
    files: {
      'guest.nix': doc('{', '  imports = [ ./lib.nix ];', '  microvm.interfaces = [', `    ${tap('vm-x', MAC1)}`, '  ];', '}'),
      'lib.nix': doc('{', `  _module.args.uplink = { type = "macvtap"; id = "vm-x"; mac = "${MAC2}"; macvtap = { link = "eth0"; mode = "bridge"; }; };`, '}'),
    },
    findings: [],
  },
];

/** A finding as the table writes it, from 0-based LSP ranges. */
export function caseLine(file: string, at: { line: number; character: number }, code: string, related: { file: string; at: { line: number; character: number }; message: string }[]): string {
  return `${casePlace(file, at)} ${code}${related.map((r) => ` -> ${casePlace(r.file, r.at)} ${r.message}`).join('')}`;
}

/** `file:line:col`, 1-based, as the CLI prints a place. */
export function casePlace(file: string, at: { line: number; character: number }): string {
  return `${file}:${at.line + 1}:${at.character + 1}`;
}
