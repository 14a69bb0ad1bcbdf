/**
 * Offsets <-> LSP positions for one immutable text.
 *
 * Offsets are UTF-16 code units (JS string indexes), which is also what
 * web-tree-sitter reports for `startIndex` when parsing a JS string, and what
 * LSP's default position encoding counts. LSP treats "\r\n", "\n" and a lone
 * "\r" as line ends, while tree-sitter rows only count "\n": so every position
 * goes through offsets and this table, never through tree-sitter rows.
 */
export interface Position {
  line: number;
  character: number;
}

/** A range in LSP positions: what findings in other files, and summaries, carry instead of offsets. */
export interface Range {
  start: Position;
  end: Position;
}

export class LineIndex {
  /** Offset of the first character of each line. */
  private readonly starts: number[];

  constructor(
    readonly text: string,
    known?: number[],
  ) {
    this.starts = known ?? [0, ...scanLineStarts((i) => text.charCodeAt(i), 0, text.length, 0, text.length)];
  }

  /**
   * The index of `next` (this text with `[start, end)` replaced by `inserted`), scanning only
   * the changed lines: the others are kept or shifted. A keystroke in a file of 20 MB then
   * costs a copy of the line table, not a pass over 20 million characters.
   */
  edited(start: number, end: number, inserted: string, next: string): LineIndex {
    const newEnd = start + inserted.length;
    const delta = newEnd - end;
    // A line start depends on the character before it and, after a "\r", the one at it: rescan [start - 1, newEnd + 2).
    const at = (i: number) => (i < start ? this.text.charCodeAt(i) : i < newEnd ? inserted.charCodeAt(i - start) : this.text.charCodeAt(i - delta));
    const before = this.starts.filter((s) => s < start); // sorted: could be a binary search, but a copy is needed anyway
    const middle = scanLineStarts(at, Math.max(0, start - 1), Math.min(next.length, newEnd + 2), start, newEnd + 1);
    const after: number[] = [];
    for (const s of this.starts) if (s >= end + 2) after.push(s + delta);
    return new LineIndex(next, [...(before.length > 0 ? before : [0]), ...middle, ...after]);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** Offset just before the line's end-of-line characters. */
  lineEnd(line: number): number {
    if (line >= this.starts.length - 1) return this.text.length;
    let end = this.starts[line + 1];
    if (this.text.charCodeAt(end - 1) === 10) end--;
    if (this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    // An offset between "\r" and "\n" belongs to the end of its line.
    return { line: lo, character: Math.min(o, this.lineEnd(lo)) - this.starts[lo] };
  }

  /** Clamps like LSP asks: past the line end means the line end. */
  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line];
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  /** The end-of-line sequence that ends `line`, or the file's first one, or "\n". */
  eolOf(line: number): string {
    const found = (l: number): string | undefined => {
      const end = this.lineEnd(l);
      if (l >= this.starts.length - 1) return undefined;
      return this.text.slice(end, this.starts[l + 1]);
    };
    return found(line) ?? (this.starts.length > 1 ? found(0) : undefined) ?? '\n';
  }
}

/**
 * The line starts (never 0, the first line's) that characters `[from, to)` make, kept when
 * within `[min, max]`. `at` reads one character (NaN past the end).
 */
function scanLineStarts(at: (i: number) => number, from: number, to: number, min: number, max: number): number[] {
  const starts: number[] = [];
  for (let i = from; i < to; i++) {
    const c = at(i);
    if (c !== 13 /* \r */ && c !== 10 /* \n */) continue;
    if (c === 13 && at(i + 1) === 10) i++;
    if (i + 1 >= min && i + 1 <= max) starts.push(i + 1);
  }
  return starts;
}
