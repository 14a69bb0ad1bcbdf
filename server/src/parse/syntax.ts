/** Small readers over tree-sitter-nix nodes, shared by the model. */
import type { SyntaxNode, Tree } from './syntax-types';

export interface Span {
  start: number;
  end: number;
}

export const spanOf = (n: SyntaxNode): Span => ({ start: n.startIndex, end: n.endIndex });

const PLAIN_PATH = /([A-Za-z_][\w'-]*(?:\.[A-Za-z_][\w'-]*)*)[ \t]*=(?!=)/y;

/**
 * The names of a binding at `start` written as plain names followed by `=`
 * (`a.b.c =`, no spaces or comments inside the path), read from the text
 * without a call into the tree; undefined for any other spelling.
 */
export function plainPathAt(text: string, start: number): string[] | undefined {
  PLAIN_PATH.lastIndex = start;
  const m = PLAIN_PATH.exec(text);
  return m ? m[1].split('.') : undefined;
}

export interface StringLiteral {
  value: string;
  /** The characters between the quotes. */
  content: Span;
}

/**
 * The value of a "..." or ''...'' string without interpolation, or undefined
 * for anything else. Multi-line indented strings are not needed by any rule
 * (their indentation stripping is not modelled), so they count as unknown.
 */
export function stringLiteral(node: SyntaxNode): StringLiteral | undefined {
  const indented = node.type === 'indented_string_expression';
  if (node.type !== 'string_expression' && !indented) return undefined;
  const open = indented ? 2 : 1;
  const content = { start: node.startIndex + open, end: node.endIndex - open };
  if (content.end < content.start) return undefined;
  let value = '';
  for (let i = 0; i < node.namedChildCount; i++) {
    const part = node.namedChild(i)!;
    switch (part.type) {
      case 'string_fragment':
        value += part.text;
        break;
      case 'escape_sequence':
        value += indented ? unescapeIndented(part.text) : unescapeDouble(part.text);
        break;
      case 'dollar_escape':
        break; // the "$" itself follows as a fragment
      default:
        return undefined; // interpolation, ERROR, ...
    }
  }
  if (indented && value.includes('\n')) return undefined;
  return { value, content };
}

function unescapeDouble(esc: string): string {
  const c = esc.slice(1);
  return c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c;
}

function unescapeIndented(esc: string): string {
  if (esc === "'''") return "''";
  const c = esc.slice(3); // ''\x
  return c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c;
}

/** The name an attrpath element spells, or undefined when it is computed. */
export function attrName(node: SyntaxNode): string | undefined {
  if (node.type === 'identifier') return node.text;
  return stringLiteral(node)?.value;
}

/** Skips parentheses: `((x))` -> `x`. */
export function unparenthesize(node: SyntaxNode): SyntaxNode {
  let n = node;
  while (n.type === 'parenthesized_expression') {
    const inner = n.childForFieldName('expression');
    if (!inner) break;
    n = inner;
  }
  return n;
}

/** The node a value sits in, skipping parentheses: the binding, `//`, a list... */
export function enclosingExpression(node: SyntaxNode): SyntaxNode | null {
  // Each `.parent` is a descent from the root in tree-sitter: past a few parentheses, one descent does for all.
  let n: SyntaxNode | null = node.parent;
  for (let steps = 0; n && n.type === 'parenthesized_expression'; steps++) {
    if (steps === 8) return skipParensUp(ancestorsOf(node));
    n = n.parent;
  }
  return n;
}

/** From the root down to `node` (inclusive): one descent instead of one per `.parent`. */
export function ancestorsOf(node: SyntaxNode): SyntaxNode[] {
  const chain: SyntaxNode[] = [node.tree.rootNode];
  for (let n: SyntaxNode | null = chain[0]; n && n.id !== node.id; ) {
    n = n.childWithDescendant(node);
    if (n) chain.push(n);
  }
  return chain;
}

function skipParensUp(chain: readonly SyntaxNode[]): SyntaxNode | null {
  let i = chain.length - 2;
  while (i >= 0 && chain[i].type === 'parenthesized_expression') i--;
  return chain[i] ?? null;
}

/**
 * Counts ERROR and MISSING nodes. Only subtrees that report an error are
 * visited, so a clean tree costs one check.
 */
export function countSyntaxProblems(tree: Tree): number {
  let count = 0;
  const stack: SyntaxNode[] = [tree.rootNode]; // a stack, not recursion: nesting can be 10,000 deep
  for (let n = stack.pop(); n; n = stack.pop()) {
    if (n.isMissing || n.type === 'ERROR') count++;
    if (!n.hasError && !n.isMissing) continue;
    for (let i = 0; i < n.childCount; i++) {
      const child = n.child(i)!;
      if (child.hasError || child.isMissing) stack.push(child);
    }
  }
  return count;
}
