import type { LineIndex } from '../../server/src/text/lineIndex';
import type { Span } from '../../server/src/model';

/** "line:character-line:character", 0-based as in LSP. */
export function rangeString(lines: LineIndex, span: Span): string {
  const s = lines.positionAt(span.start);
  const e = lines.positionAt(span.end);
  return `${s.line}:${s.character}-${e.line}:${e.character}`;
}
