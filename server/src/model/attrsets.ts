/**
 * Attribute sets as plain data: bindings with their paths, values and spans,
 * copied out of the tree so that nothing here points into WASM memory.
 */
import { attrName, spanOf, stringLiteral, unparenthesize, type Span } from '../parse/syntax';
import type { SyntaxNode } from '../parse/syntax-types';
import { MAX_SET_DEPTH, readCleanAttrSet } from './setReader';

export { MAX_SET_DEPTH };

export type { Span } from '../parse/syntax';

export type Value =
  | { kind: 'string'; value: string; span: Span; content: Span }
  | { kind: 'null'; span: Span }
  | { kind: 'attrset'; set: AttrSet; span: Span }
  | { kind: 'other'; span: Span };

export interface Binding {
  /** Attribute names from the set it is written in: `macvtap.mode` -> ["macvtap", "mode"]. */
  path: string[];
  /** Span of each element of the path. */
  keys: Span[];
  /** `a.b = v;` including the semicolon. */
  span: Span;
  value: Value;
}

export interface Inherit {
  names: string[];
  span: Span;
}

export interface AttrSet {
  span: Span;
  /** Between the braces. */
  inner: Span;
  rec: boolean;
  bindings: Binding[];
  inherits: Inherit[];
  /** A binding's name is computed (`${x} = ...`): it could be any attribute. */
  dynamic: boolean;
  /** A syntax error or missing token sits directly inside: its content is not known. */
  broken: boolean;
}

export function isAttrSetNode(node: SyntaxNode): boolean {
  return node.type === 'attrset_expression' || node.type === 'rec_attrset_expression';
}

/**
 * `text` is the tree's source: with it, a set without syntax errors (almost every set) is read
 * in one cursor walk (setReader.ts). `depth`: how deep this set is inside the set first read.
 */
export function readAttrSet(node: SyntaxNode, text?: string, depth = 0): AttrSet {
  // Stryker disable next-line ConditionalExpression: the node reader gives the same set, only slower (test/unit/set-reader.test.ts)
  if (text !== undefined && !node.hasError) return readCleanAttrSet(node, text, depth);
  const set: AttrSet = {
    span: spanOf(node),
    inner: innerSpan(node),
    rec: node.type === 'rec_attrset_expression',
    bindings: [],
    inherits: [],
    dynamic: false,
    broken: false,
  };
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i)!;
    if (child.type === 'binding_set') readBindingSet(child, set, depth);
    else if (child.hasError) set.broken = true; // an ERROR, or a MISSING `}`
  }
  return set;
}

function innerSpan(node: SyntaxNode): Span {
  let start = node.startIndex;
  let end = node.endIndex;
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i)!;
    if (child.type === '{') start = child.endIndex;
    // Stryker disable next-line ConditionalExpression,LogicalOperator: `}` is the last child, and a set without one is broken: nothing is inserted into it
    if (child.type === '}' && !child.isMissing) end = child.startIndex;
  }
  return { start, end };
}

function readBindingSet(bindingSet: SyntaxNode, set: AttrSet, depth: number): void {
  for (let i = 0; i < bindingSet.childCount; i++) {
    const child = bindingSet.child(i)!;
    if (child.hasError) set.broken = true; // ERROR and MISSING nodes too
    if (child.type === 'binding') {
      const binding = readBinding(child, depth);
      if (binding) set.bindings.push(binding);
      else set.dynamic = true;
    } else if (child.type === 'inherit' || child.type === 'inherit_from') {
      set.inherits.push(readInherit(child));
    }
  }
}

function readBinding(node: SyntaxNode, depth: number): Binding | undefined {
  const attrpath = node.childForFieldName('attrpath');
  const expression = node.childForFieldName('expression');
  if (!attrpath || !expression) return undefined;
  const path: string[] = [];
  const keys: Span[] = [];
  for (let i = 0; i < attrpath.namedChildCount; i++) {
    const attr = attrpath.namedChild(i)!;
    const name = attrName(attr);
    if (name === undefined) return undefined;
    path.push(name);
    keys.push(spanOf(attr));
  }
  return { path, keys, span: spanOf(node), value: readValue(expression, depth + 1) };
}

export function readValue(expression: SyntaxNode, depth = 0): Value {
  const node = unparenthesize(expression);
  const span = spanOf(expression);
  if (isAttrSetNode(node)) return depth > MAX_SET_DEPTH ? { kind: 'other', span } : { kind: 'attrset', set: readAttrSet(node, undefined, depth), span };
  if (node.type === 'variable_expression' && node.text === 'null') return { kind: 'null', span };
  const literal = stringLiteral(node);
  if (literal) return { kind: 'string', value: literal.value, content: literal.content, span };
  return { kind: 'other', span };
}

function readInherit(node: SyntaxNode): Inherit {
  const names: string[] = [];
  const attrs = node.childForFieldName('attrs');
  for (let i = 0; attrs && i < attrs.namedChildCount; i++) {
    const name = attrName(attrs.namedChild(i)!);
    if (name !== undefined) names.push(name);
  }
  return { names, span: spanOf(node) };
}

/** The first `n` names of `a` and `b` are the same (no copies: the model looks up five paths per interface). */
function samePrefix(a: readonly string[], b: readonly string[], n: number): boolean {
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** What a set says about one attribute path, following nested sets. */
export type Lookup =
  | { found: 'binding'; binding: Binding; value: Value; via: AttrSet }
  | { found: 'unknown' }
  | { found: 'absent' };

/**
 * Looks `path` up in `set`: `a.b.c = v`, `a = { b.c = v; }` and
 * `a.b = { c = v; }` all find `v`. A non-set value on the way, an inherit of
 * a name on the way, or a computed name makes the answer "unknown".
 */
export function lookup(set: AttrSet, path: readonly string[]): Lookup {
  const unknown = set.dynamic || set.broken;
  for (const inherit of set.inherits) if (inherit.names.includes(path[0])) return { found: 'unknown' };
  for (const b of set.bindings) {
    const n = Math.min(b.path.length, path.length);
    if (!samePrefix(b.path, path, n)) continue;
    if (b.path.length === path.length) return { found: 'binding', binding: b, value: b.value, via: set };
    // `id.name = v` makes `id` a set, not a literal; `macvtap = cfg.x` holds `macvtap.mode` where we cannot see.
    // Stryker disable next-line EqualityOperator: paths of equal length returned just above
    if (b.path.length > path.length || b.value.kind !== 'attrset') return { found: 'unknown' };
    const inner = lookup(b.value.set, path.slice(b.path.length));
    if (inner.found !== 'absent') return inner;
  }
  return unknown ? { found: 'unknown' } : { found: 'absent' };
}
