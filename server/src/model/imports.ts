/**
 * Literal path imports that tie files together: a host's
 * `microvm.vms.<name>.config = import ./a.nix` (or `config = ./a.nix`,
 * or `imports = [ ./a.nix ]` inside that config), a module's own
 * `imports = [ ./net.nix ]`, and `microvm.interfaces = import ./ifaces.nix`.
 * Only literal relative paths count: anything computed is unknown.
 */
import type { SyntaxNode, Tree } from '../parse/syntax-types';
import { spanOf, unparenthesize, type Span } from '../parse/syntax';
import { placeOf, type Owner, type PlaceCache } from './place';

export interface ImportEdge {
  /** `module`: the file is a module of `owner` (a VM's config, or this file's own config); `interfaces`: the file is the list of `owner`'s interfaces. */
  kind: 'module' | 'interfaces';
  owner: Owner;
  /** The path as written (`./a.nix`, `../vms/a`). */
  path: string;
  span: Span;
}

const PATH = /(?<![\w./-])\.\.?\/[\w.+\-/]*/g;

export function importEdges(tree: Tree, text: string, places: PlaceCache): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (let m = PATH.exec(text); m; m = PATH.exec(text)) {
    const node = pathNode(tree, m.index);
    if (!node) continue;
    const expression = importedBy(node) ?? node;
    const place = placeOf(expression, [], false, places);
    if (!place) continue;
    const path = node.text;
    if (place.path.length === 0) edges.push({ kind: 'module', owner: place.owner, path, span: spanOf(node) });
    else if (place.path.length === 2 && place.path[0] === 'microvm' && place.path[1] === 'interfaces') {
      edges.push({ kind: 'interfaces', owner: place.owner, path, span: spanOf(node) });
    }
  }
  return edges;
}

/** The `path_expression` a match starts (not a path inside a string or comment). */
function pathNode(tree: Tree, offset: number): SyntaxNode | undefined {
  let node: SyntaxNode | null = tree.rootNode.descendantForIndex(offset, offset + 1);
  while (node && node.type !== 'path_expression' && node.startIndex === offset) node = node.parent;
  return node?.type === 'path_expression' && node.startIndex === offset && !node.hasError ? node : undefined;
}

/** `import ./a.nix` around a path: the expression whose value is the file's. */
function importedBy(path: SyntaxNode): SyntaxNode | undefined {
  let around = path.parent;
  while (around?.type === 'parenthesized_expression') around = around.parent;
  if (around?.type !== 'apply_expression') return undefined;
  const fn = around.childForFieldName('function');
  const arg = around.childForFieldName('argument');
  if (!fn || !arg || unparenthesize(fn).text !== 'import' || unparenthesize(arg).id !== path.id) return undefined;
  return around;
}
