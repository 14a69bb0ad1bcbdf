/**
 * Locating nodes by text first, tree second. Walking every node of a large
 * file in JS is slow (each node is an object crossing the WASM boundary);
 * a search of the text finds the few candidates, and the tree
 * then says whether each is really the syntax we want (not a comment or a
 * string that happens to contain the word).
 */
import type { SyntaxNode, Tree } from '../parse/syntax-types';
import { unparenthesize } from '../parse/syntax';

/** Where a name is met: `name = ...;` (or `"name"`), or `a.b.name = ...;` when `last` is asked for. */
export function bindingsNamed(tree: Tree, text: string, name: string, where: 'only' | 'last' = 'only'): SyntaxNode[] {
  return namesInTree(tree, text, name).filter((n) => n.kind === 'binding' && (where === 'last' ? n.last : n.only)).map((n) => n.node);
}

export interface NameHit {
  kind: 'binding' | 'inherit';
  /** The binding, or the `inherit` statement. */
  node: SyntaxNode;
  /** The name is the whole attribute path. */
  only: boolean;
  /** The name is the last element of the attribute path. */
  last: boolean;
}

/** Every place `name` is an attribute name of a binding, or a name an `inherit` (without source) brings in. */
export function namesInTree(tree: Tree, text: string, name: string, skip?: (offset: number) => boolean): NameHit[] {
  const found: NameHit[] = [];
  for (let at = wordAt(text, name, 0); at !== -1; at = wordAt(text, name, at + name.length)) {
    if (skip?.(at)) continue;
    let node: SyntaxNode | null = tree.rootNode.descendantForIndex(at, at + name.length);
    if (node?.type === 'string_fragment') node = node.parent; // "name"
    const holder = node?.parent;
    if (!node || !holder) continue;
    // Only an attrpath or inherit list can hold the name: the statement above (a search from the root) is asked only then.
    const holderType = holder.type;
    if (holderType !== 'attrpath' && holderType !== 'inherited_attrs') continue;
    const statement = holder.parent;
    if (!statement) continue;
    if (holderType === 'attrpath' && statement.type === 'binding' && statement.childForFieldName('attrpath')?.id === holder.id) {
      const count = holder.namedChildCount;
      const last = holder.namedChild(count - 1)?.id === node.id;
      found.push({ kind: 'binding', node: statement, only: count === 1, last });
    } else if (holderType === 'inherited_attrs' && statement.type === 'inherit') {
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
    if ((at === 0 || !isWordChar(text.charCodeAt(at - 1))) && !isWordChar(text.charCodeAt(at + name.length))) return at;
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
