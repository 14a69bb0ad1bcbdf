/**
 * Where and how a fix inserts a new binding so that it looks like the user
 * wrote it: on the same line in a one-line set, else on its own line with
 * the neighbour's indentation (tabs or spaces) and the file's line ending.
 */
import type { LineIndex } from '../text/lineIndex';
import type { TextEdit } from '../text/edits';
import type { AttrSet, Binding, Span } from '../model';

/**
 * Removes a binding (or any span, such as a comment): with its whole line(s) when nothing else is on them
 * (so no blank line is left), else just the binding and the blanks after it.
 */
export function removeBinding(lines: LineIndex, span: Span): TextEdit {
  const text = lines.text;
  const first = lines.positionAt(span.start).line;
  const last = lines.positionAt(span.end).line;
  const before = text.slice(lines.lineStart(first), span.start);
  const after = text.slice(span.end, lines.lineEnd(last));
  if (/^[ \t]*$/.test(before) && /^[ \t]*$/.test(after) && last + 1 < lines.lineCount) {
    return { start: lines.lineStart(first), end: lines.lineStart(last + 1), newText: '' };
  }
  // Stryker disable next-line Regex: `[ \t]*` matches at the start anyway
  const blanks = /^[ \t]*/.exec(after)![0].length;
  return { start: span.start, end: span.end + blanks, newText: '' };
}

/** Inserts `bindingText` (e.g. `mode = "vepa";`) after `anchor`, or into an empty `set`. */
export function insertBinding(lines: LineIndex, set: AttrSet, anchor: Binding | undefined, bindingText: string): TextEdit {
  return anchor ? insertAfter(lines, set, anchor, bindingText) : insertIntoEmpty(lines, set, bindingText);
}

function insertAfter(lines: LineIndex, set: AttrSet, anchor: Binding, bindingText: string): TextEdit {
  const text = lines.text;
  const at = anchor.span.end;
  const line = lines.positionAt(at).line;
  const lineEnd = lines.lineEnd(line);
  const restOfLine = text.slice(at, lineEnd);
  const oneLine = sameLine(lines, set.span.start, set.span.end);
  // A trailing comment may follow on the anchor's line; anything else means
  // the line goes on with code (another binding, the closing brace).
  if (oneLine || !/^[ \t]*(\/\*.*?\*\/[ \t]*)*(#.*)?$/.test(restOfLine)) {
    return { start: at, end: at, newText: ' ' + bindingText };
  }
  const indent = indentationFor(lines, set, anchor);
  return { start: lineEnd, end: lineEnd, newText: lines.eolOf(line) + indent + bindingText };
}

function insertIntoEmpty(lines: LineIndex, set: AttrSet, bindingText: string): TextEdit {
  const { start, end } = set.inner;
  // Stryker disable next-line MethodExpression: an empty set gets the same text from the comment branch below
  const inner = lines.text.slice(start, end);
  // Stryker disable next-line ConditionalExpression,MethodExpression,StringLiteral: an empty set gets the same text from the comment branch
  if (inner.trim() !== '' && sameLine(lines, set.span.start, set.span.end)) {
    // `{ /* TODO */ }`: after the comment, before the brace.
    return { start: end, end, newText: (/\s$/.test(inner) ? '' : ' ') + bindingText + ' ' };
  }
  if (inner.trim() !== '') {
    // Only comments inside: put the binding before the closing brace's line.
    const closing = lines.positionAt(set.span.end).line;
    const at = lines.lineStart(closing);
    const indent = leadingWhitespace(lines, lines.positionAt(set.span.start).line);
    return { start: at, end: at, newText: indent + unitOf(indent) + bindingText + lines.eolOf(closing) };
  }
  if (sameLine(lines, set.span.start, set.span.end)) return { start, end, newText: ` ${bindingText} ` };
  const line = lines.positionAt(set.span.start).line;
  const indent = leadingWhitespace(lines, line);
  const eol = lines.eolOf(line);
  return { start, end, newText: eol + indent + unitOf(indent) + bindingText + eol + indent };
}

/** The anchor's own indentation when it starts its line, else the next binding's, else one level in. */
function indentationFor(lines: LineIndex, set: AttrSet, anchor: Binding): string {
  const own = indentationIfFirst(lines, anchor.span.start);
  if (own !== undefined) return own;
  for (const b of set.bindings) {
    const theirs = b.span.start > anchor.span.start ? indentationIfFirst(lines, b.span.start) : undefined;
    if (theirs !== undefined) return theirs;
  }
  const setIndent = leadingWhitespace(lines, lines.positionAt(set.span.start).line);
  return setIndent + unitOf(setIndent);
}

function indentationIfFirst(lines: LineIndex, offset: number): string | undefined {
  const line = lines.positionAt(offset).line;
  const before = lines.text.slice(lines.lineStart(line), offset);
  return /^[ \t]*$/.test(before) ? before : undefined;
}

function leadingWhitespace(lines: LineIndex, line: number): string {
  // Stryker disable next-line Regex: `[ \t]*` matches at the start anyway
  return /^[ \t]*/.exec(lines.text.slice(lines.lineStart(line), lines.lineEnd(line)))![0];
}

function unitOf(indent: string): string {
  return indent.includes('\t') ? '\t' : '  ';
}

function sameLine(lines: LineIndex, a: number, b: number): boolean {
  return lines.positionAt(a).line === lines.positionAt(b).line;
}
