/**
 * How the server finds and reads the workspace's Nix files: Node reads the
 * disk (server/src/node/fileSource.ts); the web worker asks the client,
 * which lists and reads through VS Code's file system API
 * (server/src/web/clientFileSource.ts).
 */
export interface FileSource {
  /** The `.nix` files under the folders (URIs), without `.git`, `node_modules`, `result*`, `.direnv` and excluded paths; at most `max`. */
  list(folders: readonly string[], max: number): Promise<string[]>;
  /** A file's text; undefined when it is gone or cannot be read. */
  read(uri: string): Promise<string | undefined>;
}

/** A 53-bit hash of a text (cyrb53): the index keys summaries by it, to skip files that did not change. */
// Stryker disable EqualityOperator,ArithmeticOperator,StringLiteral: a weaker mix still gives equal texts equal keys and makes a collision only likelier, which no test of a few texts can tell
export function textHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36) + ':' + text.length;
}
// Stryker restore EqualityOperator,ArithmeticOperator,StringLiteral
