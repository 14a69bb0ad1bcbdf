/**
 * readAttrSet for a set without syntax errors, with one tree cursor. Every
 * property of a tree-sitter node is a call into WASM and every child a new
 * JS object; the cursor visits each node once and allocates nothing, and a
 * clean set has no ERROR or MISSING node to look for. The facts are exactly
 * those of the node-by-node reader in attrsets.ts (a test compares the two).
 */
import type { Language } from 'web-tree-sitter';
import { plainPathAt } from '../parse/syntax';
import type { SyntaxNode } from '../parse/syntax-types';
import type { AttrSet, Binding, Inherit, Span, Value } from './attrsets';

/**
 * Sets nested deeper than this inside one set are not read: their value counts as unknown
 * (`other`). Interface options nest two levels (`macvtap.mode`); the bound keeps the reader,
 * and everything that walks the sets it returns, off the stack limit on generated files.
 */
export const MAX_SET_DEPTH = 64;

type TreeCursor = ReturnType<SyntaxNode['walk']>;

/** What makes a "..." string more than its text: escapes, interpolation, `$`, a quote. */
// Stryker disable next-line Regex: a string it rejects is read part by part instead (stringLiteral), to the same value
const SPECIAL_IN_STRING = /[\\$"]/;

interface Fields {
  attrpath: number;
  expression: number;
  attrs: number;
}

const fieldsOf = new WeakMap<Language, Fields>();

function fields(language: Language): Fields {
  let f = fieldsOf.get(language);
  // Stryker disable next-line ConditionalExpression: a cache
  if (!f) {
    // Stryker disable next-line UnaryOperator: the grammar has all three fields
    const id = (name: string) => language.fieldIdForName(name) ?? -1;
    f = { attrpath: id('attrpath'), expression: id('expression'), attrs: id('attrs') };
    fieldsOf.set(language, f);
  }
  return f;
}

/** Reads the set at `node` (which must not have an error) of a tree parsed from `text`. */
export function readCleanAttrSet(node: SyntaxNode, text: string, depth = 0): AttrSet {
  const language = node.tree.language;
  const cursor = node.walk();
  try {
    return new Reader(cursor, language.types, fields(language), language, text, depth).set();
  } finally {
    // Stryker disable next-line BlockStatement: frees WASM memory; nothing a test sees
    cursor.delete();
  }
}

class Reader {
  // Stryker disable next-line ArrayDeclaration: a cache (type 0, the end of input, never reaches it)
  private readonly named: (boolean | undefined)[] = [];

  constructor(
    private readonly c: TreeCursor,
    private readonly types: readonly string[],
    private readonly f: Fields,
    private readonly language: Language,
    private readonly text: string,
    /** How deep the set being read is (see MAX_SET_DEPTH). */
    private depth: number,
  ) {}

  private slice(start: number, end: number): string {
    return this.text.slice(start, end);
  }

  private type(): string {
    // Stryker disable next-line StringLiteral: every type id of the grammar has a name
    return this.types[this.c.nodeTypeId] || 'ERROR';
  }

  private isNamed(typeId: number): boolean {
    let n = this.named[typeId];
    // Stryker disable next-line ConditionalExpression: a cache
    if (n === undefined) n = this.named[typeId] = this.language.nodeTypeIsNamed(typeId);
    return n;
  }

  private span(): Span {
    return { start: this.c.startIndex, end: this.c.endIndex };
  }

  /** The cursor is on an attrset_expression or rec_attrset_expression (of `span` and `type`, when the caller read them); it is left there. */
  set(span = this.span(), type = this.type()): AttrSet {
    const c = this.c;
    // Stryker disable next-line ObjectLiteral: both ends are set from the braces below
    const set: AttrSet = { span, inner: { start: span.start, end: span.end }, rec: type === 'rec_attrset_expression', bindings: [], inherits: [], dynamic: false, broken: false };
    if (!c.gotoFirstChild()) return set;
    do {
      const type = this.type();
      if (type === '{') set.inner.start = c.endIndex;
      else if (type === '}') set.inner.end = c.startIndex;
      // Stryker disable next-line ConditionalExpression: the other children (`rec`, comments) have no binding to read
      else if (type === 'binding_set') this.bindingSet(set);
    } while (c.gotoNextSibling());
    c.gotoParent();
    return set;
  }

  private bindingSet(set: AttrSet): void {
    const c = this.c;
    if (!c.gotoFirstChild()) return;
    do {
      const type = this.type();
      if (type === 'binding') {
        const binding = this.binding();
        if (binding) set.bindings.push(binding);
        else set.dynamic = true;
      } else if (type === 'inherit' || type === 'inherit_from') {
        set.inherits.push(this.inherit());
      }
    } while (c.gotoNextSibling());
    c.gotoParent();
  }

  private binding(): Binding | undefined {
    const c = this.c;
    const span = this.span();
    // `a.b.c =` (plain names, as almost every path is written): the names come from the text, the value is the third child.
    const plain = this.plainPath(span.start);
    // Stryker disable next-line all: a shortcut; the general reading below gives the same binding
    if (plain) {
      c.gotoFirstChild();
      // Stryker disable next-line all: a shortcut; the general reading below gives the same binding
      if (c.gotoNextSibling() && c.gotoNextSibling() && c.currentFieldId === this.f.expression) {
        const value = this.value();
        c.gotoParent();
        return { path: plain.path, keys: plain.keys, span, value };
      }
      c.gotoParent();
    }
    let path: { path: string[]; keys: Span[] } | undefined | null = null;
    let value: Value | undefined;
    c.gotoFirstChild();
    do {
      const field = c.currentFieldId;
      // The first child of each field, as childForFieldName gives it.
      // Stryker disable next-line ConditionalExpression,LogicalOperator: a binding has one attrpath and one expression
      if (field === this.f.attrpath && path === null) path = this.attrpath();
      // Stryker disable next-line ConditionalExpression,LogicalOperator: a binding has one attrpath and one expression
      else if (field === this.f.expression && value === undefined) value = this.value();
    } while (c.gotoNextSibling());
    c.gotoParent();
    if (!path || !value) return undefined;
    return { path: path.path, keys: path.keys, span, value };
  }

  /** The names and their spans of a binding at `start` written `a.b.c =` (no spaces or comments inside the path). */
  // Stryker disable next-line BlockStatement: a shortcut; without it the general reading gives the same binding
  private plainPath(start: number): { path: string[]; keys: Span[] } | undefined {
    const path = plainPathAt(this.text, start);
    // Stryker disable next-line ConditionalExpression: a shortcut; without it the general reading gives the same binding
    if (!path) return undefined;
    const keys: Span[] = [];
    let at = start;
    for (const name of path) {
      keys.push({ start: at, end: at + name.length });
      at += name.length + 1;
    }
    return { path, keys };
  }

  /** Each named child of the attrpath is a name; a computed one (or anything else) makes it undefined. */
  private attrpath(): { path: string[]; keys: Span[] } | undefined {
    const c = this.c;
    const path: string[] = [];
    const keys: Span[] = [];
    let ok = true;
    c.gotoFirstChild();
    do {
      const typeId = c.nodeTypeId;
      if (!this.isNamed(typeId)) continue;
      const span = this.span();
      const name = this.types[typeId] === 'identifier' ? this.slice(span.start, span.end) : this.stringValue();
      if (name === undefined) {
        ok = false;
        break;
      }
      path.push(name);
      keys.push(span);
    } while (c.gotoNextSibling());
    c.gotoParent();
    return ok ? { path, keys } : undefined;
  }

  /** readValue: the cursor is on the expression. */
  private value(): Value {
    const c = this.c;
    const span = this.span();
    let depth = 0;
    let type = this.type();
    // Skip parentheses: down to the `expression` child of each.
    // Stryker disable next-line ConditionalExpression: toField finds no expression field in anything else
    while (type === 'parenthesized_expression' && this.toField(this.f.expression)) {
      depth++;
      type = this.type();
    }
    let value: Value;
    // Each cursor property is a call into WASM: the value's own range is read once (the binding's, without parentheses).
    // Stryker disable next-line ConditionalExpression: the same span, read again
    const own = depth === 0 ? span : this.span();
    // Stryker disable next-line all: a shortcut; stringLiteral below gives the same value
    const simple = type === 'string_expression' ? this.simpleString(own) : undefined;
    // Stryker disable next-line ConditionalExpression: a shortcut; stringLiteral below gives the same value
    if (simple) value = { kind: 'string', value: simple.value, content: simple.content, span };
    else if (type === 'attrset_expression' || type === 'rec_attrset_expression') value = this.nestedSet(span, own, type);
    // Stryker disable next-line ConditionalExpression,LogicalOperator: the length only saves a slice; only a variable's text is `null`
    else if (type === 'variable_expression' && own.end - own.start === 4 && this.slice(own.start, own.end) === 'null') value = { kind: 'null', span };
    else {
      const content = type === 'string_expression' || type === 'indented_string_expression' ? this.stringLiteral(type, own) : undefined;
      value = content ? { kind: 'string', value: content.value, content: content.content, span } : { kind: 'other', span };
    }
    for (; depth > 0; depth--) c.gotoParent();
    return value;
  }

  /** A set as a binding's value: read unless it is nested past MAX_SET_DEPTH, as the node reader does. */
  private nestedSet(span: Span, own: Span, type: string): Value {
    if (this.depth + 1 > MAX_SET_DEPTH) return { kind: 'other', span };
    this.depth++;
    try {
      return { kind: 'attrset', set: this.set({ start: own.start, end: own.end }, type), span };
    } finally {
      this.depth--;
    }
  }

  /** A "..." string (at `own`) without escapes or `$`: its value is the text between the quotes, no need to visit its parts. */
  // Stryker disable all: a shortcut; whatever it declines, stringLiteral reads to the same value
  private simpleString(own: Span): { value: string; content: Span } | undefined {
    const start = own.start + 1;
    const end = own.end - 1;
    if (end < start || this.text.charCodeAt(start - 1) !== 0x22 || this.text.charCodeAt(end) !== 0x22) return undefined;
    const value = this.text.slice(start, end);
    return SPECIAL_IN_STRING.test(value) ? undefined : { value, content: { start, end } };
  }
  // Stryker restore all

  /** Moves to the first child with field `id`, or stays (false). */
  private toField(id: number): boolean {
    const c = this.c;
    // Stryker disable next-line BooleanLiteral: asked only of nodes with children
    if (!c.gotoFirstChild()) return false;
    do if (c.currentFieldId === id) return true;
    while (c.gotoNextSibling());
    c.gotoParent();
    return false;
  }

  /** The value of the string the cursor is on, if it is a literal (attrName for a non-identifier). */
  private stringValue(): string | undefined {
    const type = this.type();
    // Stryker disable next-line ConditionalExpression,StringLiteral: attribute names are never ''indented'' strings
    return type === 'string_expression' || type === 'indented_string_expression' ? this.stringLiteral(type)?.value : undefined;
  }

  /** syntax.ts's stringLiteral, on the cursor (at `own`, when the caller read it). */
  private stringLiteral(type: string, own = this.span()): { value: string; content: Span } | undefined {
    const c = this.c;
    const indented = type === 'indented_string_expression';
    const open = indented ? 2 : 1;
    const content = { start: own.start + open, end: own.end - open };
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a clean string has both delimiters
    if (content.end < content.start) return undefined;
    let value = '';
    let ok = true;
    if (c.gotoFirstChild()) {
      do {
        const typeId = c.nodeTypeId;
        if (!this.isNamed(typeId)) continue;
        const part = this.types[typeId];
        if (part === 'string_fragment') value += this.slice(c.startIndex, c.endIndex);
        else if (part === 'escape_sequence') value += unescape(this.slice(c.startIndex, c.endIndex), indented);
        else if (part !== 'dollar_escape') {
          ok = false; // interpolation, ...
          break;
        }
      } while (c.gotoNextSibling());
      c.gotoParent();
    }
    if (!ok || (indented && value.includes('\n'))) return undefined;
    return { value, content };
  }

  private inherit(): Inherit {
    const c = this.c;
    const span = this.span();
    const names: string[] = [];
    if (this.toField(this.f.attrs)) {
      if (c.gotoFirstChild()) {
        do {
          const typeId = c.nodeTypeId;
          // Stryker disable next-line ConditionalExpression: inherited_attrs has only named children
          if (!this.isNamed(typeId)) continue;
          const name = this.types[typeId] === 'identifier' ? this.slice(c.startIndex, c.endIndex) : this.stringValue();
          if (name !== undefined) names.push(name);
        } while (c.gotoNextSibling());
        c.gotoParent();
      }
      c.gotoParent();
    }
    return { names, span };
  }
}

function unescape(esc: string, indented: boolean): string {
  if (indented) {
    if (esc === "'''") return "''";
    const c = esc.slice(3); // ''\x
    return c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c;
  }
  const c = esc.slice(1);
  return c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c;
}
