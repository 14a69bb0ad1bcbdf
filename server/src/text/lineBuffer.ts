/**
 * A text kept as its lines, for documents that are edited but not analysed
 * (over maxFileSize, or not asked for yet). An edit touches only its lines:
 * no 20 MB string is rebuilt, flattened or scanned per keystroke. Positions
 * are LSP's (UTF-16 columns; "\r\n", "\n" and a lone "\r" end lines) and are
 * clamped as LineIndex.offsetAt clamps them.
 */
import type { Position } from './lineIndex';

export interface Range {
  start: Position;
  end: Position;
}

export class LineBuffer {
  /** Each line with its line end; the last has none (it is "" when the text ends with one). */
  private lines: string[];
  private joined: string | undefined;

  constructor(text: string) {
    this.lines = splitLines(text);
    this.joined = text;
  }

  get text(): string {
    this.joined ??= this.lines.join('');
    return this.joined;
  }

  /** Replaces `range` with `inserted`; returns the text it replaced. */
  replace(range: Range, inserted: string): string {
    const [sl, sc] = this.clamp(range.start);
    let [el, ec] = this.clamp(range.end);
    if (el < sl || (el === sl && ec < sc)) [el, ec] = [sl, sc]; // a reversed range is empty at its start, as LineIndex makes it
    const removed = sl === el ? this.lines[sl].slice(sc, ec) : [this.lines[sl].slice(sc), ...this.lines.slice(sl + 1, el), this.lines[el].slice(0, ec)].join('');
    let first = sl;
    let merged = this.lines[sl].slice(0, sc) + inserted + this.lines[el].slice(ec);
    // A lone "\r" ending the line before, and a "\n" now after it: they become one line end.
    if (first > 0 && merged.startsWith('\n') && this.lines[first - 1].endsWith('\r')) merged = this.lines[--first] + merged;
    const pieces = splitLines(merged);
    if (el < this.lines.length - 1) pieces.pop(); // "" after the old line end of `el`: the next line follows
    this.lines.splice(first, el - first + 1, ...pieces);
    this.joined = undefined;
    return removed;
  }

  /** Line and column of a position, clamped: a column past the line's content means its end (before the line end). */
  private clamp(p: Position): [number, number] {
    if (p.line < 0) return [0, 0];
    if (p.line >= this.lines.length) {
      const last = this.lines.length - 1;
      return [last, this.lines[last].length];
    }
    return [p.line, Math.min(Math.max(0, p.character), contentLength(this.lines[p.line]))];
  }
}

function contentLength(line: string): number {
  if (line.endsWith('\r\n')) return line.length - 2;
  if (line.endsWith('\n') || line.endsWith('\r')) return line.length - 1;
  return line.length;
}

/** Lines with their ends; the last piece is what follows the last line end (maybe ""). */
function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 13 && c !== 10) continue;
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    lines.push(text.slice(start, i + 1));
    start = i + 1;
  }
  lines.push(text.slice(start));
  return lines;
}
