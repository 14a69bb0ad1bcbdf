/**
 * MicroVM.nix interface declarations. A set is an interface because of
 * where it is: an element of `microvm.interfaces` (guest module, flake
 * module, or a host's `microvm.vms.<name>.config`), reached through the
 * constructs of resolve.ts. A set with `type = "macvtap"` and an `id`,
 * `mac` or `macvtap` attribute counts wherever it is: no other module has
 * that shape. Each interface belongs to a VM, whose literal
 * `microvm.hypervisor` the model reads too.
 */
import type { SyntaxNode, Tree } from '../parse/syntax-types';
import { enclosingExpression, spanOf, stringLiteral, unparenthesize, type Span } from '../parse/syntax';
import { isAttrSetNode, lookup, readAttrSet, type AttrSet, type Binding, type Lookup } from './attrsets';
import { namesInTree, namesMergedWithUpdate, type NameHit } from './find';
import { guestMacSetters, type MacSetter } from './macSetters';
import { bindingNames, conditionsAbove, FILE_OWNER, placeOf, PlaceCache, type Owner } from './place';
import { elementSets, lookupName } from './resolve';
import type { AttrSetCache } from './setCache';

export type Hypervisor =
  /** `span` is absent when the value comes from another file (the host that imports this one). */
  | { kind: 'literal'; value: string; span?: Span }
  /** Not set in this file: microvm.nix's default, qemu. */
  | { kind: 'default' }
  /** Set to an expression, or to different values. */
  | { kind: 'unknown' };

export interface Vm extends Owner {
  hypervisor: Hypervisor;
}

export interface InterfaceDecl {
  set: AttrSet;
  /** The `type = ...` binding, whatever its value. */
  typeBinding?: Binding;
  /** The type when it is a literal string. */
  type?: string;
  /**
   * Attributes may come from elsewhere: the set is merged with `//` (directly
   * or through the name it is bound to), or passed to `recursiveUpdate`.
   */
  open: boolean;
  /** `macvtap` as the set says it: nested `macvtap = { ... }` set, if written so. */
  macvtapSet?: { binding: Binding; set: AttrSet };
  mode: Lookup;
  link: Lookup;
  id: Lookup;
  mac: Lookup;
  bridge: Lookup;
  vm: Vm;
  /** Found as an element of `microvm.interfaces`, or only by its macvtap shape. */
  by: 'place' | 'shape';
  /**
   * The conditionals it depends on (`if` branches, `mkIf`, `optional(s)`), around the
   * option and on the way from it to the set: two interfaces surely exist together
   * only when one's conditions include the other's.
   */
  conditions: string[];
  /** It is what a function returns (a `map` lambda, a helper of the file): it may stand for several interfaces. */
  inFunction: boolean;
}

/** One's conditions include the other's: whenever the first is there, so is the second (not an if/else pair). */
export function together(a: Pick<InterfaceDecl, 'conditions'>, b: Pick<InterfaceDecl, 'conditions'>): boolean {
  const within = (x: readonly string[], y: readonly string[]) => x.every((c) => y.includes(c));
  return within(a.conditions, b.conditions) || within(b.conditions, a.conditions);
}

export interface Model {
  /** In source order. */
  interfaces: InterfaceDecl[];
  /** Every VM an interface belongs to. */
  vms: Vm[];
  /** Guest-side settings that change a MAC address, per VM (key). */
  macSetters: MacSetter[];
  /** Every literal (or unknown) `microvm.hypervisor` by owner key, also of configs without interfaces here (a host's VM whose config is in another file). */
  hypervisors?: ReadonlyMap<string, Hypervisor>;
}

export type { MacSetter } from './macSetters';
export type { Owner } from './place';

/** A set met as an interface, and how it was reached. */
interface Found {
  node: SyntaxNode;
  owner: Owner;
  by: 'place' | 'shape';
  conditions: string[];
  /** Mapped with a function that merges other attributes in. */
  merged: boolean;
  inFunction: boolean;
}

/** How the workspace uses a file, when that changes what it declares. */
export interface FileRole {
  /** The file is imported as the value of `microvm.interfaces` (`microvm.interfaces = import ./ifaces.nix`): its value is the list. */
  rootInterfaces?: boolean;
}

/** `cache` (kept by an open document across versions) skips re-reading unchanged sets. */
export function buildModel(tree: Tree, text: string, cache?: AttrSetCache, role: FileRole = {}): Model {
  const places = new PlaceCache(text);
  const owners = new Map<string, Owner>();
  const found = new Map<number, Found>();
  const own = (o: Owner) => {
    // Stryker disable next-line ConditionalExpression: owners of one key are equal objects
    if (!owners.has(o.key)) owners.set(o.key, o);
    return owners.get(o.key)!;
  };

  for (const hit of namesInTree(tree, text, 'interfaces')) {
    // Stryker disable next-line ConditionalExpression: a shortcut; the place check below rejects the same bindings
    if (!hit.last) continue;
    const place = placeOf(hit.node, hit.kind === 'binding' ? bindingNames(hit.node) : ['interfaces'], false, places);
    if (!place || !isPath(place.path, 'microvm', 'interfaces')) continue;
    const value = valueOf(hit);
    // Stryker disable next-line ArrayDeclaration: with no value there are no element sets to take conditions
    const around = value ? [...conditionsAbove(hit.node, places)] : [];
    for (const { node, conditions, merged, inFunction } of value ? elementSets(value) : []) {
      // Stryker disable next-line ConditionalExpression: a set met twice (`microvm.interfaces = interfaces` and `inherit interfaces`) is one interface either way
      if (found.has(node.startIndex)) continue;
      found.set(node.startIndex, { node, owner: own(place.owner), by: 'place', conditions: [...around, ...conditions], merged, inFunction });
    }
  }

  const root = role.rootInterfaces ? fileExpression(tree) : null;
  for (const { node, conditions, merged, inFunction } of root ? elementSets(root) : []) {
    // Stryker disable next-line ConditionalExpression,StringLiteral: a list file imported as microvm.interfaces sets no microvm.interfaces of its own; only 'place' is ever asked for
    if (!found.has(node.startIndex)) found.set(node.startIndex, { node, owner: own(FILE_OWNER), by: 'place', conditions, merged, inFunction });
  }

  const read = (node: SyntaxNode): AttrSet => {
    const span = spanOf(node);
    return cache ? cache.get(text, span, node.hasError, () => readAttrSet(node, text)) : readAttrSet(node, text);
  };
  const sets = new Map<number, AttrSet>();
  // A `type` inside a set already found by its place is that interface's own (or a nested set's): no tree lookup.
  // Stryker disable next-line all: only lets the search below skip `type`s inside sets already found
  const placed = [...found.values()].map((f) => ({ start: f.node.startIndex, end: f.node.endIndex })).sort((a, b) => a.start - b.start);
  for (const typeHit of namesInTree(tree, text, 'type', (offset) => insideAny(placed, offset))) {
    // Stryker disable next-line ConditionalExpression,LogicalOperator,OptionalChaining: a shortcut; hasMacvtapShape reads the set's own `type`
    const setNode = typeHit.kind === 'binding' && typeHit.only ? typeHit.node.parent?.parent : undefined; // binding -> binding_set -> set
    if (!setNode || !isAttrSetNode(setNode) || found.has(setNode.startIndex)) continue;
    const set = read(setNode);
    // Stryker disable next-line ArrayDeclaration: a cache of sets read once
    sets.set(setNode.startIndex, set);
    if (!hasMacvtapShape(set)) continue;
    // Stryker disable next-line ArrayDeclaration: the owner does not depend on the set's own names
    const owner = placeOf(setNode, [], true, places)!.owner;
    const conditions = [...conditionsAbove(setNode, places)];
    // Stryker disable next-line StringLiteral: only 'place' is ever asked for
    found.set(setNode.startIndex, { node: setNode, owner: own(owner), by: 'shape', conditions, merged: false, inFunction: inFunctionBody(setNode, places) });
  }

  const hypervisors = readHypervisors(tree, text, places);
  const vms = new Map<string, Vm>();
  for (const o of owners.values()) vms.set(o.key, { ...o, hypervisor: hypervisors.get(o.key) ?? { kind: 'default' } });

  let merged: Set<string> | undefined;
  const interfaces: InterfaceDecl[] = [];
  // Stryker disable next-line MethodExpression,ArrowFunction,ArithmeticOperator: findings are sorted by place; the order only keeps the model tidy
  for (const f of [...found.values()].sort((a, b) => a.node.startIndex - b.node.startIndex)) {
    merged ??= namesMergedWithUpdate(tree, text);
    const set = sets.get(f.node.startIndex) ?? read(f.node);
    const open = f.merged || isOpen(f.node, merged);
    interfaces.push({ ...describe(set, open, vms.get(f.owner.key)!, f.by), conditions: f.conditions, inFunction: f.inFunction });
  }
  cache?.nextGeneration();
  // Also without interfaces here: the VM may declare them in another file (workspace/links.ts).
  const macSetters = guestMacSetters(tree, text, places);
  return { interfaces, vms: [...vms.values()], macSetters, hypervisors };
}

/** The expression that is the file's value: the first named child of the root that is not a comment. */
function fileExpression(tree: Tree): SyntaxNode | null {
  for (let n = tree.rootNode.firstNamedChild; n; n = n.nextNamedSibling) if (n.type !== 'comment') return n;
  return null;
}

/** Is `offset` inside one of `spans` (sorted by start; nested spans allowed)? */
function insideAny(spans: readonly Span[], offset: number): boolean {
  let lo = 0;
  let hi = spans.length - 1;
  let last = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: no `type` starts where a set does; a later `last` only skips fewer
    if (spans[mid].start <= offset) [last, lo] = [mid, mid + 1];
    else hi = mid - 1;
  }
  // The latest set starting before `offset`, or one that encloses it (sets found by place do not overlap partially).
  // Stryker disable next-line ConditionalExpression,EqualityOperator: looking further back only costs time; no `type` ends a set
  for (let i = last; i >= 0 && i > last - 4; i--) if (offset < spans[i].end) return true;
  return false;
}

// Stryker disable next-line ConditionalExpression: a longer path that starts the same (microvm.interfaces.x.interfaces) is written by nobody
const isPath = (path: readonly string[], ...want: string[]) => path.length === want.length && want.every((w, i) => path[i] === w);

/** The expression a `microvm.interfaces` binding or `inherit interfaces;` stands for. */
function valueOf(hit: NameHit): SyntaxNode | undefined {
  if (hit.kind === 'binding') return hit.node.childForFieldName('expression') ?? undefined;
  if (hit.node.type !== 'inherit') return undefined;
  // `inherit interfaces;` (namesInTree found the name in it) is `interfaces = interfaces;` looked up from outside the set.
  // Stryker disable next-line OptionalChaining: an inherit is always inside a binding set
  const set = hit.node.parent?.parent;
  return set ? lookupName('interfaces', [], set) : undefined;
}

/** `type = "macvtap"` plus `id`, `mac` or `macvtap`: the shape only microvm.nix interfaces have. */
function hasMacvtapShape(set: AttrSet): boolean {
  const type = set.bindings.find((b) => b.path.length === 1 && b.path[0] === 'type');
  if (type?.value.kind !== 'string' || type.value.value !== 'macvtap') return false;
  const names = new Set([...set.bindings.map((b) => b.path[0]), ...set.inherits.flatMap((i) => i.names)]);
  return names.has('id') || names.has('mac') || names.has('macvtap');
}

function readHypervisors(tree: Tree, text: string, places: PlaceCache): Map<string, Hypervisor> {
  const out = new Map<string, Hypervisor>();
  for (const hit of namesInTree(tree, text, 'hypervisor')) {
    // Stryker disable next-line ConditionalExpression: a shortcut; the place check below rejects the same bindings
    if (!hit.last) continue;
    // Stryker disable next-line ArrayDeclaration,StringLiteral,ConditionalExpression: an inherited hypervisor is unknown, and not finding it leaves the default (qemu): both allow every type
    const place = placeOf(hit.node, hit.kind === 'binding' ? bindingNames(hit.node) : ['hypervisor'], false, places);
    if (!place || !isPath(place.path, 'microvm', 'hypervisor')) continue;
    // Stryker disable next-line ConditionalExpression: an inherit has no expression field either
    const valueNode = hit.kind === 'binding' ? hit.node.childForFieldName('expression') : null;
    const literal = valueNode ? stringLiteral(unparenthesize(valueNode)) : undefined;
    // Stryker disable next-line ObjectLiteral,StringLiteral: a hypervisor that is not a literal is read as unknown by its missing value either way
    const next: Hypervisor = literal && valueNode ? { kind: 'literal', value: literal.value, span: spanOf(valueNode) } : { kind: 'unknown' };
    const before = out.get(place.owner.key);
    // Stryker disable next-line ConditionalExpression,LogicalOperator: the values decide: two unknowns agree, a literal and an unknown do not
    const agree = !before || (before.kind === 'literal' && next.kind === 'literal' && before.value === next.value);
    // Stryker disable next-line ObjectLiteral,StringLiteral: a hypervisor that is not a literal is read as unknown by its missing value either way
    out.set(place.owner.key, agree ? next : { kind: 'unknown' });
  }
  return out;
}

/**
 * Inside the body of a function other than the file's own (module) function. Walks the cached
 * root-to-node chain: each `.parent` costs a descent from the root in tree-sitter, so a walk up
 * by parents is quadratic in the depth (seconds on a 10,000-deep file).
 */
function inFunctionBody(node: SyntaxNode, places: PlaceCache): boolean {
  const chain = places.ancestry(node);
  for (let i = chain.length - 1; i > 0; i--) {
    const [child, parent] = [chain[i], chain[i - 1]];
    // Stryker disable next-line OptionalChaining: the root (i = 1) is no function, so i - 2 is never read out of range
    if (parent.type !== 'function_expression' || chain[i - 2]?.type === 'source_code') continue;
    // Stryker disable next-line ConditionalExpression,OptionalChaining: a function's other child, its formals, holds no interface sets
    if (parent.childForFieldName('body')?.id === child.id) return true;
  }
  return false;
}

/** The same interface with new facts for its set (read again, or shifted), and its VM (shifted). */
export function redescribe(i: InterfaceDecl, set: AttrSet, vm: Vm): InterfaceDecl {
  return { ...describe(set, i.open, vm, i.by), conditions: i.conditions, inFunction: i.inFunction };
}

function describe(set: AttrSet, open: boolean, vm: Vm, by: 'place' | 'shape'): Omit<InterfaceDecl, 'conditions' | 'inFunction'> {
  const nested = set.bindings.find((b) => b.path.length === 1 && b.path[0] === 'macvtap');
  const typeBinding = set.bindings.find((b) => b.path.length === 1 && b.path[0] === 'type');
  return {
    set,
    typeBinding,
    type: typeBinding?.value.kind === 'string' ? typeBinding.value.value : undefined,
    open,
    macvtapSet: nested?.value.kind === 'attrset' ? { binding: nested, set: nested.value.set } : undefined,
    mode: lookup(set, ['macvtap', 'mode']),
    link: lookup(set, ['macvtap', 'link']),
    id: lookup(set, ['id']),
    mac: lookup(set, ['mac']),
    bridge: lookup(set, ['bridge']),
    vm,
    by,
  };
}

function isOpen(setNode: SyntaxNode, merged: Set<string>): boolean {
  let around = enclosingExpression(setNode);
  if (!around) return false;
  // Stryker disable next-line ConditionalExpression,OptionalChaining: only a binary expression has a `//` operator
  if (around.type === 'binary_expression' && around.childForFieldName('operator')?.type === '//') return true;
  // Stryker disable next-line ConditionalExpression,Regex: only an application's head is a function name; recursiveUpdateUntil merges too
  if (around.type === 'apply_expression' && /recursiveUpdate$/.test(applied(around))) return true;
  if (around.type === 'list_expression' && isMappedWithUpdate(around)) return true;
  // `mkIface = id: mac: { ... };`: the set is what the function bound to a name returns.
  while (around && around.type === 'function_expression') around = enclosingExpression(around);
  // Stryker disable next-line ConditionalExpression,OptionalChaining: what is not a binding has no attrpath, so no name
  if (around?.type === 'binding') {
    const path = around.childForFieldName('attrpath');
    // Stryker disable next-line OptionalChaining: a binding always has an attrpath with a name
    const name = path?.namedChild(path.namedChildCount - 1)?.text;
    if (name !== undefined && merged.has(name)) return true;
  }
  return false;
}

/** `map (x: { ... } // x) [ <sets> ]`: each element is merged by the mapped function. */
function isMappedWithUpdate(list: SyntaxNode): boolean {
  const apply = enclosingExpression(list);
  if (apply?.type !== 'apply_expression') return false;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,OptionalChaining: a list inside an application is its argument (a list is never applied)
  if (apply.childForFieldName('argument')?.id !== list.id) return false;
  // `map f`: the mapped function is the inner application's argument (a plain name has none).
  const fn = apply.childForFieldName('function')?.childForFieldName('argument');
  const lambda = fn && unparenthesize(fn);
  // Stryker disable next-line OptionalChaining,StringLiteral: a function always has a body
  return lambda?.type === 'function_expression' && /\/\//.test(lambda.childForFieldName('body')?.text ?? '');
}

/** The function name at the head of `f a b`. */
function applied(apply: SyntaxNode): string {
  let fn: SyntaxNode | null = apply;
  while (fn && fn.type === 'apply_expression') fn = fn.childForFieldName('function');
  // Stryker disable next-line StringLiteral: the loop ends on the head, never on null
  return fn ? unparenthesize(fn).text : '';
}

