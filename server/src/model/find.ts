/**
 * Locating nodes by text first, tree second. Walking every node of a large
 * file in JS is slow (each node is an object crossing the WASM boundary);
 * a search of the text finds the few candidates, and the tree
 * then says whether each is really the syntax we want (not a comment or a
 * string that happens to contain the word).
 */
import type { SyntaxNode, Tree } from '../parse/syntax-types';
import { unparenthesize } from '../parse/syntax';

export interface NameHit {
  kind: 'binding' | 'inherit';
  /** The binding, or the `inherit` statement. */
  node: SyntaxNode;
  /** The name is the whole attribute path. */
  only: boolean;
  /** The name is the last element of the attribute path. */
  last: boolean;
}

/**
 * Every place `name` is an attribute name of a binding, or a name an `inherit` (without source) brings in.
 * Callers still check the binding's whole path: `only` and `last` let them skip most hits without reading it.
 */
export function namesInTree(tree: Tree, text: string, name: string, skip?: (offset: number) => boolean): NameHit[] {
  const found: NameHit[] = [];
  for (let at = wordAt(text, name, 0); at !== -1; at = wordAt(text, name, at + name.length)) {
    if (skip?.(at)) continue;
    let node = tree.rootNode.descendantForIndex(at, at + name.length) ?? tree.rootNode; // (null only outside the text)
    if (node.type === 'string_fragment') node = node.parent!; // "name"
    // An attrpath's parent is a binding or a select (`x.name`); inherited_attrs' an inherit or an `inherit (from)`.
    const holder = node.parent;
    const statement = holder?.parent;
    if (holder?.type === 'attrpath' && statement?.type === 'binding') {
      const count = holder.namedChildCount;
      // Stryker disable next-line ConditionalExpression,OptionalChaining: a shortcut for callers, who check the whole path
      const last = holder.namedChild(count - 1)?.id === node.id;
      found.push({ kind: 'binding', node: statement, only: count === 1, last });
      continue;
    }
    // Stryker disable next-line ConditionalExpression: `inherit`'s only named child is its inherited_attrs
    if (holder?.type === 'inherited_attrs' && statement?.type === 'inherit') {
      // Stryker disable next-line StringLiteral,BooleanLiteral: callers tell inherits by `kind !== 'binding'`, and ask `only` of bindings alone
      found.push({ kind: 'inherit', node: statement, only: true, last: true });
    }
  }
  return found;
}

const isWordChar = (code: number) =>
  (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f || code === 0x27 || code === 0x2d;

/**
 * The next offset from `from` where `name` stands as a whole word (no
 * letter, digit, `_`, `'` or `-` on either side), or -1: what
 * /(?<![\w'-])name(?![\w'-])/g finds, with indexOf's speed.
 */
function wordAt(text: string, name: string, from: number): number {
  for (let at = text.indexOf(name, from); at !== -1; at = text.indexOf(name, at + 1)) {
    // At 0 and at the end, charCodeAt gives NaN: not a word character.
    if (!isWordChar(text.charCodeAt(at - 1)) && !isWordChar(text.charCodeAt(at + name.length))) return at;
  }
  return -1;
}

/** Names of variables used as an operand of `//`: a set bound to one of them may be merged. */
export function namesMergedWithUpdate(tree: Tree, text: string): Set<string> {
  const names = new Set<string>();
  const pattern = /\/\//g;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const op = tree.rootNode.descendantForIndex(m.index, m.index + 2);
    const expr = op?.parent;
    // Stryker disable next-line ConditionalExpression,LogicalOperator,OptionalChaining: a `//` in a string or comment has no operands that name a set
    if (op?.type !== '//' || expr?.type !== 'binary_expression') continue;
    for (const field of ['left', 'right']) {
      const side = expr.childForFieldName(field);
      const name = side && headName(side);
      // Stryker disable next-line ConditionalExpression: no set is bound to the name undefined
      if (name) names.add(name);
    }
  }
  return names;
}

/**
 * The name an operand refers to: `x`, `a.b.x` and a call `mkIface a b`
 * (whose result may be a set bound to that name) all name "x" / "mkIface".
 */
function headName(node: SyntaxNode): string | undefined {
  let n: SyntaxNode = unparenthesize(node);
  while (n.type === 'apply_expression') {
    const f = n.childForFieldName('function');
    // Stryker disable next-line ConditionalExpression: tree-sitter gives an application its function even when broken; the guard is for safety
    if (!f) return undefined;
    n = unparenthesize(f);
  }
  if (n.type === 'variable_expression') return n.text;
  // Stryker disable next-line ConditionalExpression: the last word of a set, list or string operand is no name a set is bound to
  if (n.type === 'select_expression') return n.text.split('.').pop();
  return undefined;
}
