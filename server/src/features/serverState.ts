/**
 * Loading the parser, once per server start. A parser that cannot load
 * (a missing or corrupt .wasm, a fetch that failed in the web host) does not
 * end the server: an ended server is restarted by the client, fails the same
 * way, and loops. It stays up answering empty and reports the failure once
 * (log + microvmLint/serverStatus, which the VS Code client shows).
 */
import type { Connection, InitializeParams } from 'vscode-languageserver';
import { NixParser, type ParserWasm } from '../parse/nixParser';
import { ServerStatusNotification } from '../serverStatus';
import { DocumentStore, type RuleErrorHandler } from './documents';

/**
 * Where the parser's two .wasm files come from: bytes the Node host read from
 * disk, or a loader the host runs once the client's initialize request has
 * arrived (the web worker learns there where to fetch them).
 */
export type WasmSource = ParserWasm | ((init: InitializeParams) => ParserWasm | Promise<ParserWasm>);

export type ServerState =
  | { parser: NixParser; documents: DocumentStore; failure?: undefined }
  | { parser?: undefined; documents?: undefined; failure: string };

export async function loadServerState(wasm: WasmSource, init: InitializeParams, onRuleError: RuleErrorHandler): Promise<ServerState> {
  try {
    const bytes = typeof wasm === 'function' ? await wasm(init) : wasm;
    const parser = await NixParser.load(bytes);
    return { parser, documents: new DocumentStore(parser, onRuleError) };
  } catch (e) {
    return { failure: `cannot load the Nix parser: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** Tells the client (once, after `initialized`) whether the server can check anything. */
export function reportStatus(connection: Connection, state: ServerState): void {
  if (state.failure !== undefined) {
    connection.console.error(`microvm-lint: ${state.failure}. Nix files are not checked until the extension is reinstalled or repaired.`);
    void connection.sendNotification(ServerStatusNotification, { health: 'error', message: state.failure });
  } else {
    void connection.sendNotification(ServerStatusNotification, { health: 'ok' });
  }
}
