/** Node side: reads the two .wasm files shipped beside the bundle (dist/). */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ParserWasm } from '../parse/nixParser';

/** A folder holding both .wasm files, read instead of the bundle's (tests start the server with a corrupt grammar). */
export const WASM_DIR_ENV = 'MICROVM_LINT_WASM_DIR';

export function readParserWasm(from = __dirname): ParserWasm {
  // Bundles live in dist/ or below it (dist/test/unit): look upwards.
  for (let dir = from; ; dir = dirname(dir)) {
    const grammar = join(dir, 'tree-sitter-nix.wasm');
    if (existsSync(grammar)) {
      return { grammar: readFileSync(grammar), engine: readFileSync(join(dir, 'web-tree-sitter.wasm')) };
    }
    if (dirname(dir) === dir) throw new Error(`tree-sitter-nix.wasm not found beside ${from} or above`);
  }
}
