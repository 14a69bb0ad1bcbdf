/** The real parser (both .wasm files from dist/), loaded once per test file. */
import { NixParser } from '../../server/src/parse/nixParser';
import { readParserWasm } from '../../server/src/fs/wasm';

let loading: Promise<NixParser> | undefined;

export function loadParser(): Promise<NixParser> {
  loading ??= NixParser.load(readParserWasm());
  return loading;
}
