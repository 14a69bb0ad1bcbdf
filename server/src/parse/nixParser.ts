/**
 * web-tree-sitter with the tree-sitter-nix grammar. The two .wasm files come
 * in as bytes from the host's entry file (Node reads them from disk, the web
 * worker fetches them), so this module never touches a file system or a URL.
 */
import { Edit, Language, Parser, type Point, type Tree } from 'web-tree-sitter';

export { Edit };

export type { Tree, SyntaxNode, Point } from './syntax-types';

export interface ParserWasm {
  /** web-tree-sitter's own runtime (web-tree-sitter.wasm). */
  engine: Uint8Array;
  /** The Nix grammar (tree-sitter-nix.wasm). */
  grammar: Uint8Array;
}

export class NixParser {
  private constructor(
    private readonly parser: Parser,
    readonly language: Language,
  ) {}

  static async load(wasm: ParserWasm): Promise<NixParser> {
    // Emscripten wants an ArrayBuffer of exactly the module (a Node Buffer may be a view into a pool).
    const e = wasm.engine;
    await Parser.init({
      wasmBinary: e.buffer.slice(e.byteOffset, e.byteOffset + e.byteLength) as ArrayBuffer,
      // Emscripten still derives a file name from import.meta.url even with wasmBinary; in VS Code's
      // web worker that is a blob: URL, which `new URL(name, base)` rejects. A plain name resolves nothing.
      locateFile: (name: string) => name,
    });
    const language = await Language.load(wasm.grammar);
    const parser = new Parser();
    parser.setLanguage(language);
    return new NixParser(parser, language);
  }

  /**
   * Parses `text`; with `old` (already `edit`ed) the parse is incremental. Nix ends a `#` comment
   * at a lone "\r", the grammar only at "\n", so a lone "\r" reaches the grammar as "\n" (same
   * length: every offset holds). An incremental parse must not involve one (ParsedDocument.edit).
   */
  parse(text: string, old?: Tree): Tree {
    const tree = this.parser.parse(hasLoneCr(text) ? text.replace(/\r(?!\n)/g, '\n') : text, old ?? null);
    if (!tree) throw new Error('tree-sitter returned no tree');
    return tree;
  }
}

export function hasLoneCr(text: string): boolean {
  return text.includes('\r') && /\r(?!\n)/.test(text);
}

/**
 * The tree-sitter point of `offset` in `text`: rows count only "\n" and
 * columns are UTF-16 code units, as web-tree-sitter uses for JS strings.
 */
export function pointAt(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}
