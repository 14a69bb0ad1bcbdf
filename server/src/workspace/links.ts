/**
 * What each indexed file learns from the others: who its own config is
 * (a host's VM that imports it by a literal path), which MACs it shares
 * with other files, and which interfaces elsewhere belong to its VMs or
 * hosts. Pure: summaries in, per-file contexts out; recomputed after every
 * change (it is linear in the number of interfaces), and a file is checked
 * again only when its context changed.
 */
import type { FileRole } from '../model';
import { sameInterface, type ExternalInterface, type GlobalOwner, type WorkspaceContext } from '../rules/workspaceContext';
import type { EdgeSummary, FileSummary } from './summary';

/** A stable text of a context: equal keys, equal findings. */
export function contextKey(c: WorkspaceContext | undefined): string {
  // Stryker disable next-line StringLiteral: any constant does: the key of no context is only compared with the file's own earlier keys
  if (!c) return '';
  // The MACs come in the order of the file's interfaces: the same summary, the same order.
  return JSON.stringify([c.role, c.owners, [...c.macs], c.peers, c.declaredElsewhere]);
}

/** A context that changes nothing: the file's findings are those it has on its own. */
// Stryker disable next-line BlockStatement: "never alone" checks every file again with its context, which gives the same findings, only later
export function isAlone(c: WorkspaceContext): boolean {
  return (
    // Stryker disable next-line ConditionalExpression: false here makes no file alone: each is checked again, with the same findings
    !c.role.rootInterfaces &&
    c.macs.size === 0 &&
    c.peers.length === 0 &&
    Object.keys(c.declaredElsewhere).length === 0 &&
    !Object.values(c.owners).some((o) => o.via)
  );
}

export class WorkspaceLinks {
  /** Imports into each file: by target URI. */
  private readonly incoming = new Map<string, { from: string; edge: EdgeSummary }[]>();
  private readonly owners = new Map<string, GlobalOwner>();
  private readonly byMac = new Map<string, ExternalInterface[]>();
  private readonly byVm = new Map<string, ExternalInterface[]>();
  private readonly byHost = new Map<string, ExternalInterface[]>();
  /** Interfaces found in `microvm.interfaces` (not by their shape alone), by global VM. */
  private readonly placed = new Map<string, ExternalInterface[]>();

  constructor(private readonly files: ReadonlyMap<string, FileSummary>) {
    for (const [uri, summary] of files) {
      for (const edge of summary.edges) {
        const target = this.resolve(uri, edge.path);
        // Stryker disable next-line ConditionalExpression,LogicalOperator: no URI is undefined, and a file that imports itself would be its own parent, which changes neither its VM nor its hypervisor
        if (target === undefined || target === uri) continue;
        const list = this.incoming.get(target);
        if (list) list.push({ from: uri, edge });
        else this.incoming.set(target, [{ from: uri, edge }]);
      }
    }
    for (const [uri, summary] of files) {
      for (const { vm, by, ...facts } of summary.interfaces) {
        const ext: ExternalInterface = { ...facts, uri, owner: this.ownerOf(uri, vm) };
        if (ext.mac) push(this.byMac, ext.mac.canonical, ext);
        if (by === 'place') push(this.placed, ext.owner.vm, ext);
        if (ext.id && by === 'place') {
          push(this.byVm, ext.owner.vm, ext);
          // Which of these clash (host devices, both there at once) the rule decides (rules/interfaces.ts).
          // Stryker disable next-line ConditionalExpression: what is filed under no host is never looked up
          if (ext.owner.host !== undefined) push(this.byHost, ext.owner.host, ext);
        }
      }
    }
  }

  private resolve(from: string, path: string): string | undefined {
    return importTarget(from, path, (uri) => this.files.has(uri));
  }

  /** The one config that imports a file, if exactly one does (a module shared by several configs is its own). */
  private parentOf(uri: string): { from: string; edge: EdgeSummary } | undefined {
    const list = this.incoming.get(uri) ?? [];
    const distinct = new Map(list.map((p) => [`${p.from}#${p.edge.owner}`, p]));
    return distinct.size === 1 ? [...distinct.values()][0] : undefined;
  }

  ownerOf(uri: string, key: string, seen = new Set<string>()): GlobalOwner {
    const id = `${uri}#${key}`;
    const known = this.owners.get(id);
    // Stryker disable next-line ConditionalExpression: the owners are a cache; computing one again gives the same owner
    if (known) return known;
    // Stryker disable next-line OptionalChaining: owners are asked only of indexed files (contextFor and the index check first)
    const vm = this.files.get(uri)?.vms.find((v) => v.key === key);
    const hypervisor = vm?.hypervisor;
    let owner: GlobalOwner;
    const parent = key === 'file' && !seen.has(uri) ? this.parentOf(uri) : undefined;
    if (parent) {
      seen.add(uri);
      const above = this.ownerOf(parent.from, parent.edge.owner, seen);
      owner = { ...above, hypervisor: hypervisor ?? above.hypervisor, via: { uri: parent.from, range: parent.edge.range } };
    } else {
      const host = vm?.host !== undefined ? this.ownerOf(uri, vm.host, seen).vm : undefined;
      owner = { vm: id, host, name: vm?.name, hypervisor };
    }
    this.owners.set(id, owner);
    return owner;
  }

  /**
   * How the file is used: imported as the value of `microvm.interfaces`, by one VM or by several
   * (the file is then a list: no module could be that value).
   */
  roleOf(uri: string): FileRole {
    return (this.incoming.get(uri) ?? []).some((p) => p.edge.kind === 'interfaces') ? { rootInterfaces: true } : {};
  }

  contextFor(uri: string): WorkspaceContext {
    const summary = this.files.get(uri);
    const owners: Record<string, GlobalOwner> = {};
    const macs = new Map<string, ExternalInterface[]>();
    const peers: ExternalInterface[] = [];
    const declaredElsewhere: Record<string, ExternalInterface> = {};
    if (summary) {
      for (const key of new Set(summary.macSetters.map((m) => m.vm))) {
        // Stryker disable next-line ConditionalExpression: the rule uses this only for a VM with no interfaces in this file, so every one found is elsewhere
        const other = this.placed.get(this.ownerOf(uri, key).vm)?.find((e) => e.uri !== uri);
        if (other) declaredElsewhere[key] = other;
      }
      // The rules read the owner of each VM of the file's model, which are the summary's VMs.
      for (const { key } of summary.vms) owners[key] = this.ownerOf(uri, key);
      const seenPeers = new Set<ExternalInterface>();
      for (const i of summary.interfaces) {
        if (i.mac) {
          // The same id (literal or expression) elsewhere is the same interface written twice (rules/mac.ts): no context.
          const others = (this.byMac.get(i.mac.canonical) ?? []).filter((e) => e.uri !== uri && !sameInterface(i, e));
          // Stryker disable next-line ConditionalExpression,EqualityOperator: an empty list adds no finding; it only makes the file checked again
          if (others.length > 0) macs.set(i.mac.canonical, [...new Set([...(macs.get(i.mac.canonical) ?? []), ...others])]);
        }
        if (!i.id) continue;
        const owner = this.ownerOf(uri, i.vm);
        // Stryker disable next-line ArrayDeclaration,ConditionalExpression: a stand-in element has no id, so it is skipped as a peer; nothing is filed under no host
        const candidates = [...(this.byVm.get(owner.vm) ?? []), ...(owner.host !== undefined ? this.byHost.get(owner.host) ?? [] : [])];
        for (const e of candidates) {
          if (e.uri === uri || seenPeers.has(e)) continue;
          // Stryker disable next-line ConditionalExpression,OptionalChaining: the rule compares the ids again (this keeps the list short); byVm and byHost hold only interfaces with an id
          if (e.id?.value !== i.id.value) continue;
          seenPeers.add(e);
          peers.push(e);
        }
      }
    }
    return { role: this.roleOf(uri), owners, macs, peers, declaredElsewhere };
  }
}

/** The file a literal path in `from` names, if `exists`: `./b` may be a folder with a default.nix. */
export function importTarget(from: string, path: string, exists: (uri: string) => boolean): string | undefined {
  let url: string;
  try {
    url = new URL(path, from).href;
  } catch {
    return undefined; // a URI without a folder to resolve against (untitled:...)
  }
  if (exists(url)) return url;
  // A Nix path never ends with "/": `./b` is the folder b or the file b.
  const folder = `${url}/default.nix`;
  return exists(folder) ? folder : undefined;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
