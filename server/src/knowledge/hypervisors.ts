/**
 * Which interface types each microvm.nix hypervisor can run (facts from
 * microvm.nix's runners, lib/runners/*.nix: a type a runner does not handle
 * makes it throw while the runner is built). Not setting
 * `microvm.hypervisor` means qemu.
 */
import type { InterfaceType } from './macvtapModes';

export const DEFAULT_HYPERVISOR = 'qemu';

const SUPPORTED = new Map<string, readonly InterfaceType[]>([
  ['qemu', ['user', 'tap', 'bridge', 'macvtap']],
  ['cloud-hypervisor', ['tap', 'macvtap']],
  ['crosvm', ['tap', 'macvtap']],
  ['kvmtool', ['user', 'tap', 'macvtap']],
  ['stratovirt', ['user', 'tap', 'bridge', 'macvtap']],
  ['firecracker', ['tap']],
  ['alioth', ['tap']],
  ['vfkit', ['user']],
]);

/** The interface types `hypervisor` runs, or undefined for a name we do not know. */
export function interfaceTypesOf(hypervisor: string): readonly InterfaceType[] | undefined {
  return SUPPORTED.get(hypervisor);
}
