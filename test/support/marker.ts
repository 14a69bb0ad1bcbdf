/**
 * Cursor markers for hover/completion tests. `<|>` cannot appear in Nix
 * code (only inside strings, which our snippets don't use it in), unlike `$0`.
 */
export const MARKER = '<|>';

export function withCursor(snippet: string): { text: string; offset: number } {
  const offset = snippet.indexOf(MARKER);
  if (offset === -1 || snippet.indexOf(MARKER, offset + 1) !== -1) throw new Error('snippet needs exactly one <|> marker');
  return { text: snippet.slice(0, offset) + snippet.slice(offset + MARKER.length), offset };
}
