/**
 * Where a node sits in a file's module structure: its option path inside
 * the nearest module (`["microvm", "interfaces"]`) and the VM that module
 * configures: a host's `microvm.vms.<name>.config`, a flake's
 * `nixosConfigurations.<name>`, or the file's own (guest) config.
 *
 * The walk goes up the tree once, through what real configs put between a
 * module and its options (`lib.mkIf`, `mkMerge`, `let`, `with`, module
 * functions, `imports`/`modules` lists), collecting attribute names; then
 * the names are read top-down, resetting the path at every module boundary.
 */
import type { SyntaxNode } from '../parse/syntax-types';
import { attrName, plainPathAt, unparenthesize, type Span } from '../parse/syntax';

export interface Owner {
  /** Stable within one analysis: "file", "flake:<name>", "vm:<host>/<name>" or "vm@<offset>". */
  key: string;
  kind: 'guest' | 'vm' | 'flake';
  /** The VM's name where the file spells it. */
  name?: string;
  /** For a VM of `microvm.vms`: the key of the host config that declares it (its VMs share one network namespace). */
  host?: string;
  /** The attribute that names the VM (`vms.<name>` or `nixosConfigurations.<name>`). */
  span?: Span;
}

export interface Place {
  /** Option path inside the nearest module, without a leading `config`. */
  path: string[];
  owner: Owner;
}

export const FILE_OWNER: Owner = { key: 'file', kind: 'guest' };

/** Functions whose argument is still the same module value (or list of them). */
const TRANSPARENT_CALLS = new Set([
  'mkIf', 'mkMerge', 'mkForce', 'mkDefault', 'mkOverride', 'mkBefore', 'mkAfter', 'mkOrder', 'optionalAttrs', 'mkDerivedConfig',
]);
/** `mapAttrs (name: v: BODY) set` / `genAttrs names (name: BODY)`: BODY is the value of an attribute whose name is computed. */
const ATTR_BUILDERS = new Set(['mapAttrs', 'genAttrs']);
/** Lists whose elements are modules. */
const MODULE_LISTS = new Set(['imports', 'modules']);

/**
 * A module boundary: `merge` when the module is part of the same config (an
 * element of `imports`/`modules`, the file itself), `new` when it may be
 * another config (a set handed to a function, a module function stored under
 * some attribute or `let` name): a new guest config, whose VMs are another
 * host's.
 */
type Boundary = { module: 'merge' | 'new'; node: SyntaxNode };
type Frame = { names: string[]; node: SyntaxNode } | Boundary;

/**
 * What lies above a node, computed once per node and tree: the frames the
 * steps from its parent up to the root push (bottom-up), and whether the
 * first boundary met on the way is a context we do not understand. Many
 * bindings share their ancestors, so one build walks each ancestor once.
 */
interface Upper {
  frames: Stack<Frame>;
  unknownFirst: boolean;
  /** The `if` branches and conditional calls (`mkIf c X`, `optional(s)`, `optionalAttrs`) above: see `conditionKey`. */
  conditions: Stack<string>;
}

/**
 * Shared tails instead of copied arrays: each level's upper adds one cell to its parent's, so
 * a 10,000-deep file costs 10,000 cells, not 50 million array slots.
 */
type Stack<T> = { top: T; below: Stack<T> } | null;
const push = <T>(top: T, below: Stack<T>): Stack<T> => ({ top, below });
function toArray<T>(stack: Stack<T>): T[] {
  const out: T[] = [];
  for (let s = stack; s; s = s.below) out.push(s.top);
  return out;
}

/** Names one branch of an `if` (`if@12:then`) or one conditional call (`mkIf@40`). */
// Stryker disable next-line all: the keys only need to tell conditions apart
export function conditionKey(kind: string, node: SyntaxNode, branch = ''): string {
  // Stryker disable next-line all: the keys only need to tell conditions apart
  return `${kind}@${node.startIndex}${branch && ':' + branch}`;
}

// Stryker disable next-line StringLiteral: optional(s) above an option put it in a list that is read as unknown (listStep) anyway
const CONDITIONAL_CALLS = new Set(['mkIf', 'optionalAttrs', 'optional', 'optionals']);

/** The conditionals `node` sits in, up to the root. */
export function conditionsAbove(node: SyntaxNode, cache: PlaceCache): readonly string[] {
  return toArray(upperOf(node, cache).conditions);
}

/**
 * Per build: the uppers computed so far. `node.parent` costs a search from
 * the root in tree-sitter (nodes keep no parent link), so walking up k
 * levels searches k times; the ancestors are found instead by one descent
 * (`childWithDescendant`, level by level).
 */
export class PlaceCache {
  readonly upper = new Map<number, Upper>();

  /** `text` (the tree's source) lets plain attribute names be read without asking the tree. */
  constructor(readonly text?: string) {}

  // Stryker disable all: ancestry and typeOf are caches: a wrong start makes the descent miss `node`, and the
  // fallback below asks each parent instead (same chain, slower); the mutants change speed, not answers.
  /** The previous answer: nodes asked for in text order share most of their ancestors. */
  private last: SyntaxNode[] = [];
  /** The end of each node of `last` (each is a call into the tree). */
  private lastEnds: number[] = [];
  private readonly types = new Map<number, string>();

  /** The nodes from the root down to `node`, both included. */
  ancestry(node: SyntaxNode): SyntaxNode[] {
    // Start below the deepest node of the last chain whose range strictly contains this node's: an ancestor.
    const [is, ie] = [node.startIndex, node.endIndex];
    let k = this.last.length - 1;
    while (k > 0 && !strictlyContains(this.last[k].startIndex, this.lastEnds[k], is, ie)) k--;
    const chain = k >= 0 ? this.last.slice(0, k + 1) : [];
    const ends = k >= 0 ? this.lastEnds.slice(0, k + 1) : [];
    if (chain.length === 0) {
      chain.push(node.tree.rootNode);
      ends.push(chain[0].endIndex);
    }
    for (let n: SyntaxNode | null = chain.at(-1)!; n && n.id !== node.id; ) {
      n = n.childWithDescendant(node);
      if (n) {
        chain.push(n);
        ends.push(n.id === node.id ? ie : n.endIndex);
      }
    }
    this.last = chain;
    this.lastEnds = ends;
    if (chain.at(-1)?.id === node.id) return chain;
    const up: SyntaxNode[] = []; // not reached: ask each parent, slower but sure
    for (let n: SyntaxNode | null = node; n; n = n.parent) up.push(n);
    return up.reverse();
  }

  /** A node's type, asked of the tree once per node and build. */
  typeOf(node: SyntaxNode): string {
    let type = this.types.get(node.id);
    if (type === undefined) this.types.set(node.id, (type = node.type));
    return type;
  }
}

function strictlyContains(s: number, e: number, is: number, ie: number): boolean {
  return s <= is && ie <= e && (s < is || ie < e);
}
// Stryker restore all

/**
 * The place of `node`, whose own attribute names (if it is a binding or an
 * inherited name) are `ownNames`. Strict: a node in a context we do not
 * understand (a `let` value, an unknown list, an operator) has no place,
 * unless a module boundary comes first (above it the context only names the
 * owner). Lenient (used only to find an owner): such contexts count as
 * boundaries of another config.
 */
export function placeOf(node: SyntaxNode, ownNames: string[], lenient: boolean, cache: PlaceCache): Place | undefined {
  const upper = upperOf(node, cache);
  if (!lenient && upper.unknownFirst) return undefined;
  return interpret([{ names: ownNames, node }, ...toArray(upper.frames)]);
}

function upperOf(node: SyntaxNode, cache: PlaceCache): Upper {
  const known = cache.upper.get(node.id);
  // Stryker disable next-line ConditionalExpression: a cache
  if (known) return known;
  const chain = cache.ancestry(node);
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: the root's step is always a module boundary (source_code), which resets both
  let above: Upper = { frames: null, unknownFirst: false, conditions: null };
  cache.upper.set(chain[0].id, above);
  // Top-down: each node's upper is its own step's frame on top of its parent's upper.
  for (let i = 1; i < chain.length; i++) {
    const child = chain[i];
    const cached = cache.upper.get(child.id);
    // Stryker disable next-line ConditionalExpression,BlockStatement: a cache
    if (cached) {
      above = cached;
      continue;
    }
    const parent = chain[i - 1];
    const step = stepUp(chain, i, cache);
    const condition = conditionOf(parent, child, cache.typeOf(parent));
    const conditions = condition ? push(condition, above.conditions) : above.conditions;
    if (step === 'unknown') above = { frames: push<Frame>({ module: 'new', node: parent }, above.frames), unknownFirst: true, conditions };
    else if (step !== 'transparent') above = { frames: push(step, above.frames), unknownFirst: 'module' in step ? false : above.unknownFirst, conditions };
    else if (condition) above = { ...above, conditions }; // (without one, `conditions` is the one above)
    cache.upper.set(child.id, above);
  }
  return above;
}

function conditionOf(parent: SyntaxNode, child: SyntaxNode, parentType: string): string | undefined {
  if (parentType === 'if_expression') {
    // Stryker disable next-line StringLiteral: the two keys differ either way
    if (isField(parent, 'consequence', child)) return conditionKey('if', parent, 'then');
    // Stryker disable next-line StringLiteral: the two keys differ either way
    if (isField(parent, 'alternative', child)) return conditionKey('if', parent, 'else');
    return undefined;
  }
  // The function side of a call (`lib.mkIf c`) holds only the condition, never an option.
  // Stryker disable next-line LogicalOperator: the function side starts where the call does, so it is never an argument
  if (parentType !== 'apply_expression' || child.startIndex === parent.startIndex) return undefined;
  const name = callHead(parent).name;
  // Stryker disable next-line ConditionalExpression,LogicalOperator: Set.has(undefined) is false
  return name !== undefined && CONDITIONAL_CALLS.has(name) ? conditionKey(name, parent) : undefined;
}

/** The step from `chain[i - 1]` (the parent) to `chain[i]`; the chain's nodes above are the parent's ancestors. */
function stepUp(chain: readonly SyntaxNode[], i: number, cache: PlaceCache): Frame | 'transparent' | 'unknown' {
  const [parent, child] = [chain[i - 1], chain[i]];
  // Stryker disable next-line ConditionalExpression: only `binding` looks 3 up, and a binding is at least that deep
  const typeAt = (k: number) => (k >= 0 ? cache.typeOf(chain[k]) : undefined);
  switch (typeAt(i - 1)) {
    case 'parenthesized_expression':
    case 'attrset_expression':
    case 'rec_attrset_expression':
    // (A `let` binding's value is not this place: the let_expression step below says so, unless a
    // module function (`cfg = { config, lib, ... }: { ... };`) comes first, a config of its own.)
    case 'binding_set':
      return 'transparent';
    case 'let_expression':
    case 'with_expression':
    case 'assert_expression':
      return isField(parent, 'body', child) ? 'transparent' : 'unknown';
    case 'function_expression':
      if (!isField(parent, 'body', child)) return 'unknown';
      return isModuleFunction(parent) && !isMergedModule(chain, i - 1, cache) ? { module: 'new', node: parent } : 'transparent';
    case 'if_expression':
      return isField(parent, 'condition', child) ? 'unknown' : 'transparent';
    case 'binding':
      if (typeAt(i) === 'attrpath') return 'unknown';
      // A `let` name is not an option: the let decides (binding_set, above).
      return typeAt(i - 3) === 'let_expression' ? 'transparent' : { names: bindingNames(parent, cache.text), node: parent };
    case 'binary_expression': {
      const op = parent.childForFieldName('operator')?.type;
      return op === '//' || op === '++' ? 'transparent' : 'unknown';
    }
    case 'apply_expression':
      return applyStep(parent, child);
    case 'list_expression':
      return listStep(chain, i - 1, cache);
    case 'source_code':
      return { module: 'merge', node: parent };
    default:
      return 'unknown';
  }
}

function applyStep(apply: SyntaxNode, child: SyntaxNode): Frame | 'transparent' | 'unknown' {
  // `f a b` is `(f a) b`: the inner call is the outer one's function; the decision was made at the argument.
  // (The function starts where the call starts; the argument after it.)
  if (child.startIndex === apply.startIndex) return 'transparent';
  const head = callHead(apply).name;
  if (head !== undefined && TRANSPARENT_CALLS.has(head)) return 'transparent';
  if (head !== undefined && ATTR_BUILDERS.has(head) && unparenthesize(child).type === 'function_expression') {
    return { names: ['*'], node: apply };
  }
  // A set handed to any other function (`nixosSystem { ... }`, a helper): a module of its own.
  return { module: 'new', node: apply };
}

/** The list at `chain[k]`: its elements are modules, values of mkMerge, or unknown. */
function listStep(chain: readonly SyntaxNode[], k: number, cache: PlaceCache): Frame | 'transparent' | 'unknown' {
  const list = chain[k];
  let holder = list;
  let j = k - 1;
  const isOperand = (n: SyntaxNode) => {
    const type = cache.typeOf(n);
    return type === 'parenthesized_expression' || (type === 'binary_expression' && n.childForFieldName('operator')?.type === '++');
  };
  while (j >= 0 && isOperand(chain[j])) holder = chain[j--];
  const up = j >= 0 ? chain[j] : undefined;
  const upType = up && cache.typeOf(up);
  if (up && upType === 'apply_expression' && isField(up, 'argument', holder) && callHead(up).name === 'mkMerge') return 'transparent';
  if (up && upType === 'binding' && MODULE_LISTS.has(bindingNames(up, cache.text).at(-1) ?? '')) return { module: 'merge', node: list };
  return 'unknown';
}

/** `{ config, ... }: ...`, `{ lib, ... }: ...` or `{ pkgs, ... }: ...`: how NixOS modules are written. */
function isModuleFunction(fn: SyntaxNode): boolean {
  const formals = fn.childForFieldName('formals');
  for (let i = 0; formals && i < formals.namedChildCount; i++) {
    const name = formals.namedChild(i)!.childForFieldName('name')?.text;
    if (name === 'config' || name === 'lib' || name === 'pkgs') return true;
  }
  return false;
}

/** The file's own module function (at `chain[k]`), or one listed in `imports`/`modules`: part of the same config. */
function isMergedModule(chain: readonly SyntaxNode[], k: number, cache: PlaceCache): boolean {
  let j = k - 1;
  while (j >= 0 && cache.typeOf(chain[j]) === 'parenthesized_expression') j--;
  const type = j >= 0 ? cache.typeOf(chain[j]) : undefined;
  return type === undefined || type === 'source_code' || type === 'list_expression';
}

function isField(parent: SyntaxNode, field: string, child: SyntaxNode): boolean {
  return parent.childForFieldName(field)?.id === child.id;
}

/** The attribute names of a binding's path; a computed name is "*". */
export function bindingNames(binding: SyntaxNode, source?: string): string[] {
  if (source !== undefined) {
    // A binding starts with its path: `a.b.c =` read from the source, no call into the tree.
    const plain = plainPathAt(source, binding.startIndex);
    if (plain) return plain;
  }
  const attrpath = binding.childForFieldName('attrpath');
  // Plain identifiers (almost every path): one read of the text instead of one per element.
  const text = attrpath?.text ?? '';
  if (/^[A-Za-z_][\w'-]*(\.[A-Za-z_][\w'-]*)*$/.test(text)) return text.split('.');
  const names: string[] = [];
  for (let i = 0; attrpath && i < attrpath.namedChildCount; i++) names.push(attrName(attrpath.namedChild(i)!) ?? '*');
  return names;
}

/** `f a b` -> the function's name ("f", or the last part of `lib.f`) and its arguments in order. */
export function callHead(apply: SyntaxNode): { name?: string; fn: SyntaxNode; args: SyntaxNode[] } {
  const args: SyntaxNode[] = [];
  let n: SyntaxNode = apply;
  while (n.type === 'apply_expression') {
    const arg = n.childForFieldName('argument');
    const fn = n.childForFieldName('function');
    if (!arg || !fn) break;
    args.unshift(arg);
    n = unparenthesize(fn);
  }
  return { name: lastName(n), fn: n, args };
}

/** `x` -> "x"; `lib.lists.x` -> "x"; anything else: undefined. */
export function lastName(node: SyntaxNode): string | undefined {
  if (node.type === 'variable_expression') return node.text;
  if (node.type === 'select_expression' && !node.childForFieldName('default')) {
    const path = node.childForFieldName('attrpath');
    const last = path?.namedChild(path.namedChildCount - 1);
    return last ? attrName(last) : undefined;
  }
  return undefined;
}

/** Reads the frames outermost first: module boundaries reset the path, `microvm.vms.<name>.config` starts a VM. */
function interpret(bottomUp: Frame[]): Place {
  let path: string[] = [];
  let owner = FILE_OWNER;
  for (let f = bottomUp.length - 1; f >= 0; f--) {
    const frame = bottomUp[f];
    if ('module' in frame) {
      path = [];
      // Another config in the same file: a guest (or host) of its own, not the file's.
      if (frame.module === 'new' && owner.kind === 'guest') owner = { key: `cfg@${frame.node.startIndex}`, kind: 'guest' };
      continue;
    }
    for (const name of frame.names) {
      path.push(name);
      const n = path.length;
      if (n >= 4 && name === 'config' && path[n - 3] === 'vms' && path[n - 4] === 'microvm') {
        const vm = path[n - 2];
        const span = { start: frame.node.startIndex, end: frame.node.endIndex };
        owner = vm === '*'
          ? { key: `vm@${frame.node.startIndex}`, kind: 'vm', host: owner.key, span }
          : { key: `vm:${owner.key}/${vm}`, kind: 'vm', name: vm, host: owner.key, span };
        path = [];
      } else if (n >= 2 && path[n - 2] === 'nixosConfigurations' && owner.kind === 'guest' && name !== '*') {
        owner = { key: `flake:${name}`, kind: 'flake', name, span: { start: frame.node.startIndex, end: frame.node.endIndex } };
      }
    }
  }
  if (path[0] === 'config' && path.length > 1) path = path.slice(1);
  return { path, owner };
}
