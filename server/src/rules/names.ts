/** How messages name things: an interface, a list of words, another file. */
import { INTERFACE_TYPES } from '../knowledge/macvtapModes';
import type { InterfaceDecl } from '../model';

/** `Interface "vm-a"`, else `This tap interface` (`withType`, when the message does not say the type itself), else `This interface`. */
export function who(i: InterfaceDecl, withType = true): string {
  if (i.id.found === 'binding' && i.id.value.kind === 'string') return `Interface "${i.id.value.value}"`;
  return withType && i.type !== undefined && (INTERFACE_TYPES as readonly string[]).includes(i.type) ? `This ${i.type} interface` : 'This interface';
}

/** "a", "a and b", "a, b and c". */
export function listOf(items: readonly string[]): string {
  // Stryker disable next-line StringLiteral: zero or one item has nothing to join
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** How messages name another file: its last path segment, decoded (`a.nix`, `default.nix` with its folder). */
export function fileLabel(uri: string): string {
  const parts = pathOf(uri).split('/').filter((p) => p !== '');
  const pick = parts.at(-1) === 'default.nix' && parts.length > 1 ? parts.slice(-2) : parts.slice(-1);
  try {
    return pick.map(decodeURIComponent).join('/');
  } catch {
    return pick.join('/');
  }
}

/** The path of a URI (no scheme, authority, query or fragment); a plain path as it is. */
function pathOf(uri: string): string {
  try {
    return new URL(uri).pathname;
  } catch {
    return uri;
  }
}
