/**
 * A file's summary for the workspace index: what other files need to know
 * about it (its VMs, their interfaces' ids, MACs and types, its literal
 * path imports), in LSP positions so that findings in other files can point
 * at it without its text or tree. Plain data: it is kept for every indexed
 * file and can be stored or sent between threads.
 */
import type { Hypervisor, Model } from '../model';
import type { ImportEdge } from '../model/imports';
import { parseMac } from '../knowledge/mac';
import { idSource, type InterfaceFacts } from '../rules/workspaceContext';
import type { LineIndex, Range } from '../text/lineIndex';

export interface VmSummary {
  /** The owner key inside the file ("file", "vm:<host>/<name>", ...). */
  key: string;
  kind: 'guest' | 'vm' | 'flake';
  name?: string;
  /** The owner key of the host config declaring it (a VM of `microvm.vms`). */
  host?: string;
  /** Where the name is spelt. */
  range?: Range;
  /** A literal `microvm.hypervisor`; "?" when set to something else; absent: not set here. */
  hypervisor?: string;
}

/** What other files read of an interface (rules/workspaceContext.ts), with its VM in this file and how it was found. */
export interface InterfaceSummary extends InterfaceFacts {
  /** Owner key of its VM in this file. */
  vm: string;
  by: 'place' | 'shape';
}

export interface EdgeSummary {
  kind: ImportEdge['kind'];
  /** Owner key in this file. */
  owner: string;
  path: string;
  range: Range;
}

/** A guest-side setting that changes a MAC (`networking.interfaces.<n>.macAddress`...): the VM whose config it is in. */
export interface MacSetterSummary {
  /** Owner key in this file. */
  vm: string;
  range: Range;
}

export interface FileSummary {
  vms: VmSummary[];
  interfaces: InterfaceSummary[];
  edges: EdgeSummary[];
  macSetters: MacSetterSummary[];
}

// Stryker disable next-line ArrayDeclaration: nothing is read from an element of a file that has none (a stand-in string has no key, path, id or MAC)
export const EMPTY_SUMMARY: FileSummary = { vms: [], interfaces: [], edges: [], macSetters: [] };

export function summarize(model: Model, edges: readonly ImportEdge[], lines: LineIndex, text: string): FileSummary {
  const range = (s: { start: number; end: number }): Range => ({ start: lines.positionAt(s.start), end: lines.positionAt(s.end) });
  const keys = new Set([...model.vms.map((v) => v.key), ...edges.map((e) => e.owner.key)]);
  // Stryker disable next-line ArrayDeclaration: a stand-in string has no name or key: no symbol, no owner
  const vms: VmSummary[] = [];
  // Stryker disable next-line OptionalChaining,ObjectLiteral,StringLiteral: buildModel always reads the hypervisors, and only a literal or unknown one is kept
  const hypervisorOf = (key: string): Hypervisor => model.hypervisors?.get(key) ?? { kind: 'default' };
  for (const v of [...model.vms, ...edges.map((e) => ({ ...e.owner, hypervisor: hypervisorOf(e.owner.key) }))]) {
    if (!keys.delete(v.key)) continue;
    // Undefined fields are left out when a summary is stored (JSON), as if absent.
    vms.push({
      key: v.key,
      kind: v.kind,
      name: v.name,
      host: v.host,
      ...(v.span ? { range: range(v.span) } : {}),
      // An unknown hypervisor ("?") is judged as the default (qemu runs every interface type): kept for what the VM is, not for a finding.
      // Stryker disable next-line ConditionalExpression,StringLiteral,ObjectLiteral
      ...(v.hypervisor.kind === 'literal' ? { hypervisor: v.hypervisor.value } : v.hypervisor.kind === 'unknown' ? { hypervisor: '?' } : {}),
    });
  }
  const interfaces = model.interfaces.map((i): InterfaceSummary => {
    const id = i.id.found === 'binding' && i.id.value.kind === 'string' ? { value: i.id.value.value, range: range(i.id.value.span) } : undefined;
    const idText = i.id.found === 'binding' && i.id.value.kind !== 'string' ? idSource(text, i.id.value.span) : undefined;
    const macValue = !i.open && i.mac.found === 'binding' && i.mac.value.kind === 'string' ? i.mac.value : undefined;
    const parsed = macValue ? parseMac(macValue.value) : undefined;
    return {
      vm: i.vm.key,
      range: range(i.set.span),
      type: i.type,
      id,
      idText,
      ...(macValue && parsed ? { mac: { canonical: parsed.canonical, range: range(macValue.span) } } : {}),
      by: i.by,
    };
  });
  return {
    vms,
    interfaces,
    edges: edges.map((e) => ({ kind: e.kind, owner: e.owner.key, path: e.path, range: range(e.span) })),
    macSetters: model.macSetters.map((m) => ({ vm: m.owner, range: range(m.span) })),
  };
}
