/**
 * What each macvtap mode does, in our own words, for hovers and completion.
 * Facts: Linux macvlan/macvtap semantics and microvm.nix's `macvtap-up`.
 */
export const MACVTAP_MODES = ['vepa', 'bridge', 'private', 'passthru', 'source'] as const;
export type MacvtapMode = (typeof MACVTAP_MODES)[number];

export interface ModeDoc {
  summary: string;
  kernel: string;
  useWhen: string;
}

export const MODE_DOCS: Readonly<Record<MacvtapMode, ModeDoc>> = {
  vepa: {
    summary: 'Virtual Ethernet Port Aggregator: every frame leaves through the parent interface. The kernel\'s default mode.',
    kernel:
      'Frames from the VM go out on `link` even when they are addressed to another macvtap on the same parent. ' +
      'VMs on one host reach each other only if the switch port sends the frames back (hairpin / 802.1Qbg reflective relay).',
    useWhen: 'Traffic between VMs should pass the external switch (its filters and monitoring), or you have one VM per parent.',
  },
  bridge: {
    summary: 'The macvtaps of one parent are bridged in the kernel.',
    kernel:
      'Frames between macvtaps on the same `link` are switched inside the host without leaving it; everything else goes out on `link`. ' +
      'No learning or STP is needed: the kernel knows every macvtap\'s MAC.',
    useWhen: 'Several VMs on one parent interface should talk to each other directly. The usual choice on a single host.',
  },
  private: {
    summary: 'Like vepa, but macvtaps on the same parent never see each other.',
    kernel:
      'Frames go out on `link` as in vepa, and frames that come back from the switch for another macvtap on the same parent are dropped, ' +
      'so VMs on one parent are isolated even behind a hairpin switch.',
    useWhen: 'VMs sharing a parent must not reach each other.',
  },
  passthru: {
    summary: 'One macvtap takes over the parent interface.',
    kernel:
      'Only one macvtap may exist on the parent. The parent is put in promiscuous mode and all its traffic is handed to the VM, ' +
      'which may then use other MAC addresses too.',
    useWhen: 'A VM owns a whole NIC or SR-IOV virtual function but you still want the tap interface of macvtap.',
  },
  source: {
    summary: 'The macvtap receives only frames from an allowed list of source MACs.',
    kernel:
      'Incoming frames are delivered only when their source MAC is on the device\'s list (`ip link set dev ID type macvtap macaddr add MAC`). ' +
      'microvm.nix creates the device but does not manage that list, so it stays empty until you fill it.',
    useWhen: 'You filter by sender MAC yourself, for example for a known set of devices.',
  },
};

export const INTERFACE_TYPES = ['user', 'tap', 'macvtap', 'bridge'] as const;
export type InterfaceType = (typeof INTERFACE_TYPES)[number];

export const TYPE_DOCS: Readonly<Record<InterfaceType, string>> = {
  user: 'User-mode networking inside the hypervisor (NAT, no host setup). qemu, kvmtool, stratovirt and vfkit support it.',
  tap: 'A tap device on the host named after `id`; attach it to a bridge or route to it on the host.',
  macvtap: 'A macvtap device on top of the host interface `macvtap.link`: the VM appears directly on that network with its own `mac`. Needs `macvtap.link` and `macvtap.mode`.',
  bridge: 'A tap attached to the host bridge named in `bridge` by the hypervisor\'s bridge helper (qemu, stratovirt).',
};

/** How microvm.nix uses the settings (shown in hovers). */
export const MICROVM_MACVTAP_BEHAVIOUR =
  'microvm.nix creates the device on the host with ' +
  '`ip link add link LINK name ID address MAC type macvtap mode MODE`, ' +
  'then brings it up and hands `/dev/tapN` to the hypervisor. ' +
  'There is no default mode: from 2023-04 to 2024-11 a null mode silently skipped the interface ' +
  '(no line in `share/microvm/macvtap-interfaces`, so the VM came up without it or failed); ' +
  'since 2024-11-27 a missing `macvtap.mode` or `macvtap.link` stops evaluation.';
