/**
 * Outline and search: each VM with its interfaces (id, type, MAC) as
 * document symbols, and VMs, interface ids and MACs anywhere in the
 * workspace as workspace symbols. Only files that declare interfaces have any.
 */
import { SymbolKind, type DocumentSymbol, type Range, type WorkspaceSymbol } from 'vscode-languageserver';
import type { FileSummary, InterfaceSummary, VmSummary } from '../workspace/summary';

/** How a VM is named in the outline: its name, the name the importing host gives the file's config, or what declares it. */
function vmLabel(vm: VmSummary | undefined, importedAs?: string): string {
  if (vm?.name !== undefined) return vm.kind === 'flake' ? `nixosConfigurations.${vm.name}` : `VM ${vm.name}`;
  return importedAs !== undefined ? `VM ${importedAs}` : 'this VM';
}

function interfaceLabel(i: InterfaceSummary): { name: string; detail: string } {
  const detail = [i.type ?? '', i.mac ? i.mac.canonical : ''].filter((x) => x !== '').join(' · ');
  return { name: i.id ? i.id.value : '(interface without id)', detail };
}

const contains = (outer: Range, inner: Range) =>
  (outer.start.line < inner.start.line || (outer.start.line === inner.start.line && outer.start.character <= inner.start.character)) &&
  (inner.end.line < outer.end.line || (inner.end.line === outer.end.line && inner.end.character <= outer.end.character));

export function documentSymbols(summary: FileSummary): DocumentSymbol[] {
  const byVm = new Map<string, InterfaceSummary[]>();
  for (const i of summary.interfaces) byVm.set(i.vm, [...(byVm.get(i.vm) ?? []), i]);
  const out: DocumentSymbol[] = [];
  for (const [key, interfaces] of byVm) {
    const vm = summary.vms.find((v) => v.key === key);
    const children = interfaces.map((i): DocumentSymbol => {
      const { name, detail } = interfaceLabel(i);
      return { name, detail, kind: SymbolKind.Interface, range: i.range, selectionRange: i.id?.range ?? i.range };
    });
    // The VM's range spans its interfaces (and its name): an outline parent must contain its children.
    const ranges = [...interfaces.map((i) => i.range), ...(vm?.range ? [vm.range] : [])];
    const range = ranges.reduce((a, b) => ({
      start: contains(a, { start: b.start, end: b.start }) ? a.start : b.start,
      end: contains(a, { start: b.end, end: b.end }) ? a.end : b.end,
    }));
    out.push({
      name: vmLabel(vm),
      detail: `${interfaces.length} interface${interfaces.length === 1 ? '' : 's'}${vm?.hypervisor && vm.hypervisor !== '?' ? ` · ${vm.hypervisor}` : ''}`,
      kind: SymbolKind.Module,
      range,
      selectionRange: vm?.range ?? interfaces[0].range,
      children,
    });
  }
  return out;
}

/**
 * Every VM, interface id and MAC whose text contains the query (case-insensitive; an empty query lists all).
 * `nameOf` gives the name the workspace knows a file's VM by (a guest file a host imports as VM "a").
 */
export function workspaceSymbols(
  files: Iterable<[string, FileSummary]>,
  query: string,
  nameOf: (uri: string, vmKey: string) => string | undefined = () => undefined,
  limit = 500,
): WorkspaceSymbol[] {
  const q = query.toLowerCase();
  const match = (s: string) => s.toLowerCase().includes(q);
  const out: WorkspaceSymbol[] = [];
  for (const [uri, summary] of files) {
    for (const vm of summary.vms) {
      if (vm.name !== undefined && vm.range && summary.interfaces.some((i) => i.vm === vm.key) && match(vm.name)) {
        out.push({ name: vm.name, kind: SymbolKind.Module, containerName: 'MicroVM', location: { uri, range: vm.range } });
      }
    }
    for (const i of summary.interfaces) {
      const vm = vmLabel(summary.vms.find((v) => v.key === i.vm), nameOf(uri, i.vm));
      if (i.id && match(i.id.value)) out.push({ name: i.id.value, kind: SymbolKind.Interface, containerName: vm, location: { uri, range: i.id.range } });
      if (i.mac && match(i.mac.canonical)) out.push({ name: i.mac.canonical, kind: SymbolKind.Constant, containerName: i.id ? `${vm} · ${i.id.value}` : vm, location: { uri, range: i.mac.range } });
    }
    if (out.length >= limit) break;
  }
  return out.slice(0, limit);
}
