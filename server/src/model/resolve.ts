/**
 * From the value of `microvm.interfaces` down to the attribute sets that
 * are its elements, through what real configs write in between: lists and
 * `++`, `lib.optional(s)`, `mkIf`/`mkMerge`/`mkForce`/..., `if`, `let` and
 * `with`, names bound in a `let` or `rec` set, `map`/`imap0`/`forEach`/
 * `mapAttrsToList`/`genList` (and `flip` of them) whose function returns a
 * set, and helper functions of the same file. Anything else (a function we
 * do not know, a parameter, an import) yields nothing: unknown, not wrong.
 */
import type { SyntaxNode } from '../parse/syntax-types';
import { unparenthesize } from '../parse/syntax';
import { bindingNames, callHead, conditionKey, lastName } from './place';

/** Calls whose last argument is the value itself, a list of values, or an element. */
const PASS_LAST = new Set([
  'optional', 'optionals', 'mkIf', 'mkMerge', 'mkForce', 'mkDefault', 'mkOverride', 'mkBefore', 'mkAfter', 'mkOrder',
  'singleton', 'toList', 'flatten', 'concatLists', 'id', 'unique',
]);
/** `f fn collection`: the function comes first. */
const MAP_FN_FIRST = new Set(['map', 'concatMap', 'imap0', 'imap1', 'mapAttrsToList', 'genList', 'concatMapAttrs']);
/** `f collection fn`. */
const MAP_FN_LAST = new Set(['forEach']);

/** Calls whose last argument is there only when the first one holds. */
const CONDITIONAL = new Set(['optional', 'optionals', 'mkIf']);

const MAX_DEPTH = 24;

/** What the way from the option to a set says about it. */
interface Via {
  /** The conditionals met (see `conditionKey`): the set is in the list only when they hold. */
  conditions: string[];
  /** It is an element of a collection mapped with `x: ... // x`: other attributes are merged in. */
  merged: boolean;
  /** It is what a function returns (a `map` lambda, a helper): it may stand for several elements. */
  inFunction: boolean;
}

/** `via` after one more step: more conditions, or a flag set. */
const along = (via: Via, more: string[], flags: Partial<Via> = {}): Via => ({ ...via, ...flags, conditions: [...via.conditions, ...more] });

export interface ElementSet extends Via {
  node: SyntaxNode;
}

/** The attribute set nodes the expression's list is made of, in source order of discovery. */
export function elementSets(expression: SyntaxNode): ElementSet[] {
  const out: ElementSet[] = [];
  const seen = new Set<number>();
  // Stryker disable next-line ArrayDeclaration: a condition every set has changes no pair (see `together`)
  collect(expression, 0, seen, out, { conditions: [], merged: false, inFunction: false });
  return out;
}


function collect(expression: SyntaxNode, depth: number, seen: Set<number>, out: ElementSet[], via: Via): void {
  // Stryker disable next-line EqualityOperator: one level more or less of a limit no real config reaches
  if (depth > MAX_DEPTH) return;
  const e = unparenthesize(expression);
  // Stryker disable next-line ConditionalExpression: a set met twice is found once by the model anyway (keyed by its place); cycles stop at MAX_DEPTH
  if (seen.has(e.id)) return;
  seen.add(e.id);
  const next = (n: SyntaxNode | null | undefined, then = via) => n && collect(n, depth + 1, seen, out, then);
  switch (e.type) {
    case 'attrset_expression':
    case 'rec_attrset_expression':
      out.push({ node: e, ...via });
      return;
    case 'list_expression':
      for (let i = 0; i < e.namedChildCount; i++) next(e.namedChild(i)); // (a comment yields nothing)
      return;
    case 'binary_expression': {
      const op = e.childForFieldName('operator')?.type;
      if (op === '++' || op === '//') {
        next(e.childForFieldName('left'));
        next(e.childForFieldName('right'));
      }
      return;
    }
    case 'if_expression': {
      // Stryker disable next-line StringLiteral: the keys only need to differ between the branches of one `if`
      const [then, otherwise] = [conditionKey('if', e, 'then'), conditionKey('if', e, 'else')];
      next(e.childForFieldName('consequence'), along(via, [then]));
      next(e.childForFieldName('alternative'), along(via, [otherwise]));
      return;
    }
    case 'let_expression':
    case 'with_expression':
    case 'assert_expression':
      next(e.childForFieldName('body'));
      return;
    case 'variable_expression':
    case 'select_expression':
      next(valueOfName(e));
      return;
    case 'apply_expression':
      collectCall(e, depth, seen, out, via);
      return;
  }
}

function collectCall(apply: SyntaxNode, depth: number, seen: Set<number>, out: ElementSet[], via: Via): void {
  const next = (n: SyntaxNode | undefined, then = via) => n && collect(n, depth + 1, seen, out, then);
  let { name, fn, args } = callHead(apply);
  // Stryker disable next-line EqualityOperator,ConditionalExpression: `flip f` alone (no collection yet) yields nothing either way
  if (name === 'flip' && args.length >= 1) {
    // `flip f a b` is `f b a`.
    const flipped = unparenthesize(args[0]);
    name = lastName(flipped);
    fn = flipped;
    // Stryker disable next-line MethodExpression,ConditionalExpression: a missing argument is undefined, which `next` skips
    args = [args[2], args[1]].filter((a): a is SyntaxNode => a !== undefined);
  }
  // Stryker disable next-line ConditionalExpression,ArrayDeclaration: Set.has(undefined) is false; a condition every set has changes no pair
  if (name !== undefined && PASS_LAST.has(name)) return next(args.at(-1), along(via, CONDITIONAL.has(name) ? [conditionKey(name, apply)] : []));
  // Stryker disable next-line ConditionalExpression: Set.has(undefined) is false
  const mapped = name !== undefined && MAP_FN_FIRST.has(name) ? { f: args[0], over: args[1] } : name !== undefined && MAP_FN_LAST.has(name) ? { f: args[1], over: args[0] } : undefined;
  if (mapped) {
    const body = functionBody(mapped.f, depth);
    // Stryker disable next-line ArrayDeclaration: a condition every set has changes no pair
    next(body, along(via, [], { inFunction: true }));
    // `map (x: defaults // x) [ { ... } ]`: the elements become interfaces once merged.
    // Stryker disable next-line ArrayDeclaration: a condition every set has changes no pair
    if (body && mapped.over && /\/\//.test(body.text)) next(mapped.over, along(via, [], { merged: true }));
    return;
  }
  // A helper of this file (`mkIface "vm-a" "02:..."` where `mkIface = id: mac: { ... };`), or a lambda applied in place.
  // Stryker disable next-line ArrayDeclaration: a condition every set has changes no pair
  next(functionBody(fn, depth), along(via, [], { inFunction: true }));
}

/** The body of a function (after all its parameters), following a name bound to a function. */
function functionBody(fnExpr: SyntaxNode | undefined, depth: number): SyntaxNode | undefined {
  let f: SyntaxNode | undefined = fnExpr && unparenthesize(fnExpr);
  // Stryker disable next-line EqualityOperator,UpdateOperator,ConditionalExpression: how many names deep to follow is a limit against cycles (`a = b; b = a;`)
  for (let hops = 0; f && (f.type === 'variable_expression' || f.type === 'select_expression') && hops < 4; hops++) {
    const value = valueOfName(f);
    f = value && unparenthesize(value);
  }
  // Stryker disable next-line ConditionalExpression,EqualityOperator: collect() stops at MAX_DEPTH too; a name bound to a non-function is no list of interfaces
  if (!f || f.type !== 'function_expression' || depth > MAX_DEPTH) return undefined;
  while (f.type === 'function_expression') {
    const body = f.childForFieldName('body');
    // Stryker disable next-line ConditionalExpression: tree-sitter gives a function its body, even a MISSING one; the guard is for safety
    if (!body) return undefined;
    f = unparenthesize(body);
  }
  return f;
}

/**
 * The expression a name stands for: `x` bound in an enclosing `let` or
 * `rec` set, or `x.a.b` where `x` is bound to a set that has `a.b` (or the
 * `let` says `x.a.b = ...` directly). A function parameter of that name
 * hides outer bindings: unknown.
 */
function valueOfName(ref: SyntaxNode): SyntaxNode | undefined {
  let base: SyntaxNode = ref;
  let path: string[] = [];
  if (ref.type === 'select_expression') {
    if (ref.childForFieldName('default')) return undefined;
    const b = ref.childForFieldName('expression');
    const attrpath = ref.childForFieldName('attrpath');
    // Stryker disable next-line ConditionalExpression,LogicalOperator: a select always has both (tree-sitter inserts MISSING nodes); the guard is for safety
    if (!b || !attrpath) return undefined;
    base = unparenthesize(b);
    // Stryker disable next-line Regex: `"a"` is the only quoted form an attribute name takes here
    for (let i = 0; i < attrpath.namedChildCount; i++) path.push(attrpath.namedChild(i)!.text.replace(/^"(.*)"$/, '$1'));
  }
  // Stryker disable next-line ConditionalExpression: other bases (`(f x).a`) have a text no let name equals
  if (base.type !== 'variable_expression') return undefined;
  return lookupName(base.text, path, base);
}

/** `name` (then `path` inside its value) as bound in the scopes around `from`. */
export function lookupName(name: string, path: string[], from: SyntaxNode): SyntaxNode | undefined {
  for (let scope = from.parent; scope; scope = scope.parent) {
    if (scope.type === 'function_expression' && binds(scope, name)) return undefined;
    if (scope.type !== 'let_expression' && scope.type !== 'rec_attrset_expression') continue;
    const found = lookupIn(scope, [name, ...path]);
    if (found !== 'absent') return found;
  }
  return undefined;
}

/** A binding for `path` among the direct bindings of a `let` or set, following nested sets. */
function lookupIn(scope: SyntaxNode, path: string[]): SyntaxNode | undefined | 'absent' {
  const bindingSet = scope.children.find((c) => c?.type === 'binding_set');
  if (!bindingSet) return 'absent';
  for (let i = 0; i < bindingSet.namedChildCount; i++) {
    const b = bindingSet.namedChild(i)!;
    if (b.type === 'inherit' || b.type === 'inherit_from') {
      if (b.childForFieldName('attrs')?.namedChildren.some((a) => a?.text === path[0])) return undefined; // from elsewhere
      continue;
    }
    if (b.type !== 'binding') continue;
    const names = bindingNames(b);
    // Stryker disable next-line MethodExpression: a longer name than the path is skipped below either way
    const n = Math.min(names.length, path.length);
    if (!names.slice(0, n).every((x, k) => x === path[k])) continue;
    const value = b.childForFieldName('expression');
    // Stryker disable next-line ConditionalExpression: a binding always has an expression (MISSING when not typed yet)
    if (!value) return undefined;
    if (names.length === path.length) return value;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: `nics.a = x` asked for `nics`: the set is not written as one expression; read on, it yields no list
    if (names.length > path.length) continue;
    const inner = unparenthesize(value);
    if (inner.type !== 'attrset_expression' && inner.type !== 'rec_attrset_expression') return undefined;
    const deeper = lookupIn(inner, path.slice(names.length));
    if (deeper !== 'absent') return deeper;
  }
  return 'absent';
}

/** Does the function take a parameter named `name` (`name: ...`, `{ name, ... }:`, `args@{ ... }:`)? */
function binds(fn: SyntaxNode, name: string): boolean {
  if (fn.childForFieldName('universal')?.text === name) return true;
  const formals = fn.childForFieldName('formals');
  for (let i = 0; formals && i < formals.namedChildCount; i++) {
    if (formals.namedChild(i)!.childForFieldName('name')?.text === name) return true;
  }
  return false;
}
