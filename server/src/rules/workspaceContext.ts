/**
 * What a rule knows of the other files of the workspace: the VMs a file's
 * owner keys stand for, and the interfaces elsewhere that share its MACs or
 * its VMs' ids. The workspace index (workspace/links.ts) builds it from the
 * files' summaries; the rules only read it. Here, below both, so that the
 * rules never import the workspace layer.
 */
import type { FileRole } from '../model';
import type { Range } from '../text/lineIndex';

/** A VM (or config) as the whole workspace knows it. */
export interface GlobalOwner {
  /** Unique in the workspace: `<uri>#<owner key>` of the file that declares it. */
  vm: string;
  /** The host config's global key, for a VM of `microvm.vms`. */
  host?: string;
  name?: string;
  /** A literal hypervisor, from this file or the config that imports it. */
  hypervisor?: string;
  /** The import that made this file's own config that VM. */
  via?: { uri: string; range: Range };
}

/** What other files learn of an interface: the fields of its file's summary (workspace/summary.ts) that rules read. */
export interface InterfaceFacts {
  /** The interface's set. */
  range: Range;
  type?: string;
  id?: { value: string; range: Range };
  /** The id's source text when it is not a literal (`tapInterface`): equal texts in two copies of a file mean the same interface. */
  idText?: string;
  /** A literal MAC the MAC rules judge (the set is not merged with others), in canonical form. */
  mac?: { canonical: string; range: Range };
}

/** An interface in another file, with the file and the VM as the workspace knows it. */
export type ExternalInterface = InterfaceFacts & {
  uri: string;
  owner: GlobalOwner;
};

export interface WorkspaceContext {
  role: FileRole;
  /** Global identity of each owner key of the file. */
  owners: Readonly<Record<string, GlobalOwner>>;
  /** Interfaces in other files with a MAC this file declares too, by canonical MAC. */
  macs: ReadonlyMap<string, readonly ExternalInterface[]>;
  /** Interfaces in other files with a literal id, of this file's VMs or of VMs on its hosts (which of them clash, the rule decides). */
  peers: readonly ExternalInterface[];
  /**
   * For each owner key of this file that changes a MAC inside the guest (`macAddress`...)
   * while its VM declares its interfaces in `microvm.interfaces` in another file: one of them.
   */
  declaredElsewhere: Readonly<Record<string, ExternalInterface>>;
}

/** The interface types for which the host creates a device named by the id: their ids clash across the VMs of a host. */
export const isHostDevice = (type: string | undefined): boolean => type === 'tap' || type === 'macvtap';

/** How an interface is identified across files: its literal id, else its id expression's text. */
type IdFacts = { id?: { value: string }; idText?: string };

/**
 * Two declarations in different files taken for one interface written twice
 * (a before/after copy, one guest for two hosts): the same literal id, or the
 * same id expression. Their shared MAC is no duplicate.
 */
export function sameInterface(a: IdFacts, b: IdFacts): boolean {
  return (a.id !== undefined && b.id?.value === a.id.value) || (a.idText !== undefined && b.idText === a.idText);
}

/** An id expression's text with its spacing normalised (`idText`); long ones are not compared. */
export function idSource(text: string, span: { start: number; end: number }): string | undefined {
  return span.end - span.start > 200 ? undefined : text.slice(span.start, span.end).replace(/\s+/g, ' ');
}
