/**
 * One document's text and syntax tree, kept in step through incremental
 * edits (tree.edit + reparse with the old tree). Owns its tree: `dispose`
 * frees the WASM memory, which the garbage collector never does.
 */
import { Edit, hasLoneCr, NixParser, pointAt, type Tree } from './nixParser';

export class ParsedDocument {
  private current: Tree;

  constructor(
    private readonly parser: NixParser,
    private content: string,
  ) {
    this.current = parser.parse(content);
  }

  get text(): string {
    return this.content;
  }

  get tree(): Tree {
    return this.current;
  }

  /** Replaces `text[start, end)` with `newText` and reparses incrementally. */
  edit(start: number, end: number, newText: string): void {
    const old = this.content;
    const next = old.slice(0, start) + newText + old.slice(end);
    // The grammar reads a lone "\r" as "\n" (NixParser.parse): an edit can turn one into "\r\n" or back
    // outside its own range, which an incremental parse would not see. Such (rare) files parse anew.
    if (hasLoneCr(old) || hasLoneCr(next)) return this.replace(next);
    const startPosition = pointAt(old, start);
    this.current.edit(new Edit({
      startIndex: start,
      oldEndIndex: end,
      newEndIndex: start + newText.length,
      startPosition,
      oldEndPosition: pointAt(old, end),
      newEndPosition: advance(startPosition, newText),
    }));
    this.content = next;
    const tree = this.parser.parse(next, this.current);
    this.current.delete();
    this.current = tree;
  }

  /** Replaces the whole text (a full-sync change); no old tree to reuse. */
  replace(text: string): void {
    this.current.delete();
    this.content = text;
    this.current = this.parser.parse(text);
  }

  dispose(): void {
    this.current.delete();
  }
}

function advance(from: { row: number; column: number }, text: string) {
  const lastNewline = text.lastIndexOf('\n');
  if (lastNewline === -1) return { row: from.row, column: from.column + text.length };
  let rows = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) rows++;
  return { row: from.row + rows, column: text.length - lastNewline - 1 };
}
