/**
 * The client's side of LSP positions, written from the specification and
 * independent of the server's LineIndex: lines end at "\r\n", "\n" or a
 * lone "\r"; characters are UTF-16 code units; a character past the end of
 * its line means the line end. The fuzzer's copy of every document is a
 * plain string updated with these functions, and every range the server
 * sends is judged against it.
 */
import type { Position, Range, TextEdit } from 'vscode-languageserver-protocol';

export class LspText {
  /** Offset of the first character of each line. */
  readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '\r' && text[i + 1] === '\n') i++;
      if (c === '\r' || c === '\n') this.starts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset just before the end-of-line characters of `line`. */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    const next = this.starts[line + 1];
    return this.text.slice(next - 2, next) === '\r\n' ? next - 2 : next - 1;
  }

  /** UTF-16 length of the line without its end-of-line characters. */
  lineLength(line: number): number {
    return this.lineEnd(line) - this.starts[line];
  }

  /** Clamped like the specification says (a position past a line's end is its end). */
  offsetAt(p: Position): number {
    if (p.line >= this.starts.length) return this.text.length;
    if (p.line < 0) return 0;
    return this.starts[p.line] + Math.max(0, Math.min(p.character, this.lineLength(p.line)));
  }

  /** The position of an offset; an offset between "\r" and "\n" (not expressible in LSP) becomes the line end. */
  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let line = 0;
    let hi = this.starts.length - 1;
    while (line < hi) {
      const mid = (line + hi + 1) >> 1;
      if (this.starts[mid] <= o) line = mid;
      else hi = mid - 1;
    }
    return { line, character: Math.min(o, this.lineEnd(line)) - this.starts[line] };
  }

  /** What is wrong with a position the server sent, if anything. */
  positionProblem(p: Position): string | undefined {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character)) return `position ${JSON.stringify(p)} is not two integers`;
    if (p.line < 0 || p.line >= this.lineCount) return `line ${p.line} outside the document (${this.lineCount} lines)`;
    if (p.character < 0 || p.character > this.lineLength(p.line)) return `character ${p.character} outside line ${p.line} (length ${this.lineLength(p.line)})`;
    return undefined;
  }

  rangeProblem(r: Range): string | undefined {
    const bad = this.positionProblem(r.start) ?? this.positionProblem(r.end);
    if (bad) return `${fmt(r)}: ${bad}`;
    if (this.offsetAt(r.start) > this.offsetAt(r.end)) return `${fmt(r)}: start after end`;
    return undefined;
  }

  /** Applies a content change the way the specification defines it. */
  change(range: Range, newText: string): LspText {
    const start = this.offsetAt(range.start);
    const end = Math.max(start, this.offsetAt(range.end));
    return new LspText(this.text.slice(0, start) + newText + this.text.slice(end));
  }

  /**
   * Applies a code action's edits: each range must be inside the document and
   * none may overlap another (two insertions at one place keep their order).
   */
  applyEdits(edits: readonly TextEdit[]): { text: string } | { problem: string } {
    const resolved: { start: number; end: number; newText: string; i: number }[] = [];
    for (const [i, e] of edits.entries()) {
      const bad = this.rangeProblem(e.range);
      if (bad) return { problem: `edit ${i} ${bad}` };
      resolved.push({ start: this.offsetAt(e.range.start), end: this.offsetAt(e.range.end), newText: e.newText, i });
    }
    resolved.sort((a, b) => a.start - b.start || a.end - b.end || a.i - b.i);
    let out = '';
    let at = 0;
    for (const e of resolved) {
      if (e.start < at) return { problem: `edit ${e.i} overlaps an earlier edit (offset ${e.start} < ${at})` };
      out += this.text.slice(at, e.start) + e.newText;
      at = e.end;
    }
    return { text: out + this.text.slice(at) };
  }
}

export const fmt = (r: Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
