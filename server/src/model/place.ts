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
import { attrName, unparenthesize, type Span } from '../parse/syntax';

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

type Frame = { names: string[]; node: SyntaxNode } | 'module';

/**
 * The place of `node`, whose own attribute names (if it is a binding or an
 * inherited name) are `ownNames`. Strict: a node in a context we do not
 * understand (a `let` value, an unknown list, an operator) has no place.
 * Lenient (used only to find an owner): such contexts count as module
 * boundaries.
 */
export function placeOf(node: SyntaxNode, ownNames: string[], lenient = false): Place | undefined {
  const frames: Frame[] = [{ names: ownNames, node }];
  let child = node;
  let inModule = false;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    const step = stepUp(parent, child);
    if (step === 'transparent') continue;
    if (step === 'unknown') {
      // Above a module boundary the context only names the owner: the option path is already known.
      if (!lenient && !inModule) return undefined;
      frames.push('module');
    } else frames.push(step);
    if (step === 'module' || step === 'unknown') inModule = true;
  }
  return interpret(frames);
}

function stepUp(parent: SyntaxNode, child: SyntaxNode): Frame | 'transparent' | 'unknown' {
  switch (parent.type) {
    case 'parenthesized_expression':
    case 'attrset_expression':
    case 'rec_attrset_expression':
      return 'transparent';
    case 'binding_set':
      // A `let` binding's value is used wherever its name is: that is not this place,
      // unless the value is a module function (`cfg = { config, lib, ... }: { ... };`).
      if (parent.parent?.type !== 'let_expression') return 'transparent';
      return isModuleFunction(child) ? 'module' : 'unknown';
    case 'let_expression':
    case 'with_expression':
    case 'assert_expression':
    case 'function_expression':
      return isField(parent, 'body', child) ? 'transparent' : 'unknown';
    case 'if_expression':
      return isField(parent, 'condition', child) ? 'unknown' : 'transparent';
    case 'binding':
      if (!isField(parent, 'expression', child)) return 'unknown';
      // A `let` name is not an option: the let decides (binding_set, above).
      return parent.parent?.parent?.type === 'let_expression' ? 'transparent' : { names: bindingNames(parent), node: parent };
    case 'binary_expression': {
      const op = parent.childForFieldName('operator')?.type;
      return op === '//' || op === '++' ? 'transparent' : 'unknown';
    }
    case 'apply_expression':
      return applyStep(parent, child);
    case 'list_expression':
      return listStep(parent);
    case 'source_code':
      return 'module';
    default:
      return 'unknown';
  }
}

function applyStep(apply: SyntaxNode, child: SyntaxNode): Frame | 'transparent' | 'unknown' {
  // `f a b` is `(f a) b`: the inner call is the outer one's function; the decision was made at the argument.
  if (isField(apply, 'function', child)) return 'transparent';
  const head = callHead(apply).name;
  if (head !== undefined && TRANSPARENT_CALLS.has(head)) return 'transparent';
  if (head !== undefined && ATTR_BUILDERS.has(head) && unparenthesize(child).type === 'function_expression') {
    return { names: ['*'], node: apply };
  }
  // A set handed to any other function (`nixosSystem { ... }`, a helper): a module of its own.
  return 'module';
}

function listStep(list: SyntaxNode): Frame | 'transparent' | 'unknown' {
  let holder = list;
  let up = list.parent;
  while (up && (up.type === 'parenthesized_expression' || (up.type === 'binary_expression' && up.childForFieldName('operator')?.type === '++'))) {
    holder = up;
    up = up.parent;
  }
  if (up?.type === 'apply_expression' && isField(up, 'argument', holder) && callHead(up).name === 'mkMerge') return 'transparent';
  if (up?.type === 'binding' && MODULE_LISTS.has(bindingNames(up).at(-1) ?? '')) return 'module';
  return 'unknown';
}

/** A binding whose value is `{ config, ... }: ...` or `{ lib, ... }: ...`: how NixOS modules are written. */
function isModuleFunction(binding: SyntaxNode): boolean {
  const value = binding.childForFieldName('expression');
  const fn = value && unparenthesize(value);
  if (fn?.type !== 'function_expression') return false;
  const formals = fn.childForFieldName('formals');
  for (let i = 0; formals && i < formals.namedChildCount; i++) {
    const name = formals.namedChild(i)!.childForFieldName('name')?.text;
    if (name === 'config' || name === 'lib' || name === 'pkgs') return true;
  }
  return false;
}

function isField(parent: SyntaxNode, field: string, child: SyntaxNode): boolean {
  return parent.childForFieldName(field)?.id === child.id;
}

/** The attribute names of a binding's path; a computed name is "*". */
export function bindingNames(binding: SyntaxNode): string[] {
  const attrpath = binding.childForFieldName('attrpath');
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
    if (frame === 'module') {
      path = [];
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
