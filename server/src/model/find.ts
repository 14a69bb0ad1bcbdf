/**
 * Locating nodes by text first, tree second. Walking every node of a large
 * file in JS is slow (each node is an object crossing the WASM boundary);
 * a regular expression over the text finds the few candidates, and the tree
 * then says whether each is really the syntax we want (not a comment or a
 * string that happens to contain the word).
 */
import type { SyntaxNode, Tree } from '../parse/syntax-types';
import { unparenthesize } from '../parse/syntax';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Bindings written `name = ...;` or `"name" = ...;` (a one-element path).
 */
export function bindingsNamed(tree: Tree, text: string, name: string): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  const pattern = new RegExp(`(?<![\\w'-])${escape(name)}(?![\\w'-])`, 'g');
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    let node: SyntaxNode | null = tree.rootNode.descendantForIndex(m.index, m.index + name.length);
    if (node?.type === 'string_fragment') node = node.parent; // "name"
    const attrpath = node?.parent;
    const binding = attrpath?.parent;
    if (!node || attrpath?.type !== 'attrpath' || binding?.type !== 'binding') continue;
    if (attrpath.namedChildCount !== 1 || binding.childForFieldName('attrpath')?.id !== attrpath.id) continue;
    found.push(binding);
  }
  return found;
}

/** Names of variables used as an operand of `//`: a set bound to one of them may be merged. */
export function namesMergedWithUpdate(tree: Tree, text: string): Set<string> {
  const names = new Set<string>();
  const pattern = /\/\//g;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const op = tree.rootNode.descendantForIndex(m.index, m.index + 2);
    const expr = op?.parent;
    if (op?.type !== '//' || expr?.type !== 'binary_expression') continue;
    for (const field of ['left', 'right']) {
      const side = expr.childForFieldName(field);
      const name = side && headName(side);
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
  let n: SyntaxNode | null = unparenthesize(node);
  while (n && n.type === 'apply_expression') n = n.childForFieldName('function');
  if (!n) return undefined;
  n = unparenthesize(n);
  if (n.type === 'variable_expression') return n.text;
  if (n.type === 'select_expression') return n.text.split('.').pop();
  return undefined;
}
