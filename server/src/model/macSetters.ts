/**
 * Guest-side settings that change an interface's MAC address:
 * `networking.interfaces.<n>.macAddress`, systemd-networkd's
 * `linkConfig.MACAddress` (links and networks) and a netdev's
 * `netdevConfig.MACAddress`, and `ip link set ... address` in a script.
 * Matching on a MAC (`matchConfig.MACAddress`) sets nothing and is not one;
 * nor is `= null`, the options' default.
 */
import type { SyntaxNode, Tree } from '../parse/syntax-types';
import { spanOf, unparenthesize, type Span } from '../parse/syntax';
import { namesInTree } from './find';
import { bindingNames, placeOf, type PlaceCache } from './place';

export interface MacSetter {
  /** The VM (owner key) whose config sets it. */
  owner: string;
  /** What to squiggle: the binding, or the command inside the script. */
  span: Span;
  /** The option path or command, as shown in messages. */
  what: string;
  /** A binding that can be removed as a whole; absent for a command in a script. */
  binding?: Span;
}

const SYSTEMD_SECTIONS = new Set(['links', 'networks', 'netdevs']);
const SETTING_SECTIONS = new Set(['linkConfig', 'netdevConfig']);
/**
 * The address is one shell word: quoted (`"$MAC"`, or `\"$MAC\"` inside a
 * Nix string), or ending before a quote or `;`, so that the end of a Nix
 * string (`"ip link ... address X";`) is not taken for part of it.
 */
const IP_LINK_SET_ADDRESS = /\bip\s+(?:-\S+\s+)*link\s+set\s+(?:dev\s+)?\S+\s+(?:[^\n;|&]*?\s)?address\s+(?:\\"[^"\s\\]*\\"|"[^"\s]*"|'[^'\s]*'|[^\s"';|&]+)/g;

export function guestMacSetters(tree: Tree, text: string, places: PlaceCache): MacSetter[] {
  const out: MacSetter[] = [];
  const add = (node: SyntaxNode, path: string[], ownerKey: string) => {
    if (setsNull(node)) return;
    out.push({ owner: ownerKey, span: spanOf(node), what: path.map(attrText).join('.'), binding: spanOf(node) });
  };

  for (const hit of namesInTree(tree, text, 'macAddress')) {
    // Stryker disable next-line ConditionalExpression,LogicalOperator: a shortcut; the path check below rejects the same hits (inherits have no path to match)
    if (hit.kind !== 'binding' || !hit.last) continue;
    const place = placeOf(hit.node, bindingNames(hit.node), false, places);
    const p = place?.path;
    if (place && p && p.length === 4 && p[0] === 'networking' && p[1] === 'interfaces') add(hit.node, p, place.owner.key);
  }
  for (const hit of namesInTree(tree, text, 'MACAddress')) {
    // Stryker disable next-line ConditionalExpression,LogicalOperator: a shortcut; the path check below rejects the same hits (inherits have no path to match)
    if (hit.kind !== 'binding' || !hit.last) continue;
    const place = placeOf(hit.node, bindingNames(hit.node), false, places);
    const p = place?.path;
    if (place && p && p.length === 6 && p[0] === 'systemd' && p[1] === 'network' && SYSTEMD_SECTIONS.has(p[2]) && SETTING_SECTIONS.has(p[4])) {
      add(hit.node, p, place.owner.key);
    }
  }
  // The regex scans the whole text: most files have no `link` at all.
  for (let m = text.includes('link') ? IP_LINK_SET_ADDRESS.exec(text) : null; m; m = IP_LINK_SET_ADDRESS.exec(text)) {
    const node = tree.rootNode.descendantForIndex(m.index, m.index + m[0].length);
    const string = node && enclosingString(node);
    if (!string) continue;
    const place = placeOf(string, [], true, places)!;
    out.push({ owner: place.owner.key, span: { start: m.index, end: m.index + m[0].length }, what: m[0] });
  }
  IP_LINK_SET_ADDRESS.lastIndex = 0;
  // Stryker disable next-line MethodExpression,ArrowFunction,ArithmeticOperator: findings are sorted by place; this keeps the model tidy
  return out.sort((a, b) => a.span.start - b.span.start);
}

function enclosingString(node: SyntaxNode): SyntaxNode | undefined {
  for (let n: SyntaxNode | null = node; n; n = n.parent) {
    if (n.type === 'string_expression' || n.type === 'indented_string_expression') return n;
    if (n.type === 'comment') return undefined;
  }
  return undefined;
}

/** An attribute name as Nix writes it: `links."10-eth"`; a computed one (`*`) as `<name>`. */
function attrText(name: string): string {
  if (name === '*') return '<name>';
  return /^[A-Za-z_][A-Za-z0-9_'-]*$/.test(name) ? name : JSON.stringify(name);
}

/** `macAddress = null;` is the option's default: it changes nothing. */
function setsNull(binding: SyntaxNode): boolean {
  const value = binding.childForFieldName('expression');
  return value !== null && unparenthesize(value).text === 'null';
}
