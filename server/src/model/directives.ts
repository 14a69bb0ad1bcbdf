/**
 * Suppression comments: `# microvm-lint: disable-next-line <code>[, <code>]`
 * (findings that start on the next line) and `# microvm-lint: disable <code>`
 * (the whole file). Block comments work too. Found by text, confirmed by the
 * tree (the words inside a string are not a comment).
 */
import type { Tree } from '../parse/syntax-types';
import type { Span } from '../parse/syntax';

export interface DirectiveCode {
  code: string;
  span: Span;
}

export interface Directive {
  kind: 'next-line' | 'file';
  /** The whole comment. */
  span: Span;
  /** Empty: every rule. */
  codes: DirectiveCode[];
  /** Where the last code ends: a new code is appended here. */
  listEnd: number;
}

const DIRECTIVE = /microvm-lint:[ \t]*(disable-next-line|disable)(?![\w-])([^\n\r]*)/g;

export function readDirectives(tree: Tree, text: string): Directive[] {
  const out: Directive[] = [];
  for (let m = DIRECTIVE.exec(text); m; m = DIRECTIVE.exec(text)) {
    const comment = tree.rootNode.descendantForIndex(m.index, m.index + 1);
    if (comment?.type !== 'comment') continue;
    const prefix = text.slice(comment.startIndex, m.index);
    if (!/^(#|\/\*)[ \t]*$/.test(prefix)) continue; // the directive must open the comment
    const listStart = m.index + m[0].length - m[2].length;
    let list = m[2];
    const close = list.indexOf('*/');
    if (close !== -1) list = list.slice(0, close);
    const end = Math.min(comment.endIndex, listStart + list.length);
    list = text.slice(listStart, end);
    const codes: DirectiveCode[] = [];
    // Codes are separated by commas or blanks; "--" starts a free-text reason (as in ESLint).
    const reason = list.indexOf('--');
    const scanned = reason === -1 ? list : list.slice(0, reason);
    for (const c of scanned.matchAll(/[^\s,]+/g)) {
      codes.push({ code: c[0], span: { start: listStart + c.index!, end: listStart + c.index! + c[0].length } });
    }
    out.push({
      kind: m[1] === 'disable' ? 'file' : 'next-line',
      span: { start: comment.startIndex, end: comment.endIndex },
      codes,
      listEnd: codes.at(-1)?.span.end ?? listStart,
    });
  }
  DIRECTIVE.lastIndex = 0;
  return out;
}
