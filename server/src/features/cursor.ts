/**
 * What the cursor is on inside an interface set: a key of a known option
 * (`type`, `macvtap`, `mode`, `link`, ...) or a literal value, with the
 * full option path. Shared by hover and completion.
 */
import type { AttrSet, Binding, InterfaceDecl, Model, Span } from '../model';

export interface CursorTarget {
  iface: InterfaceDecl;
  /** Option path from the interface, e.g. ["macvtap", "mode"]. */
  path: string[];
  /** On the key itself, or on the value (only literal strings and null). */
  part: 'key' | 'value';
  span: Span;
  binding: Binding;
}

const inside = (s: Span, offset: number) => s.start <= offset && offset <= s.end;

export function targetAt(model: Model, offset: number): CursorTarget | undefined {
  // Innermost interface set first: sets can nest (rarely) inside each other.
  const sets = model.interfaces.filter((i) => inside(i.set.span, offset)).sort((a, b) => b.set.span.start - a.set.span.start);
  for (const iface of sets) {
    const hit = searchSet(iface, iface.set, [], offset);
    if (hit) return hit;
  }
  return undefined;
}

function searchSet(iface: InterfaceDecl, set: AttrSet, prefix: string[], offset: number): CursorTarget | undefined {
  for (const binding of set.bindings) {
    if (!inside(binding.span, offset)) continue;
    const k = binding.keys.findIndex((key) => inside(key, offset));
    if (k !== -1) {
      return { iface, path: [...prefix, ...binding.path.slice(0, k + 1)], part: 'key', span: binding.keys[k], binding };
    }
    const path = [...prefix, ...binding.path];
    const value = binding.value;
    if (value.kind === 'attrset') return searchSet(iface, value.set, path, offset);
    if ((value.kind === 'string' || value.kind === 'null') && inside(value.span, offset)) {
      return { iface, path, part: 'value', span: value.span, binding };
    }
  }
  return undefined;
}
