/** Node entry of the language server (VS Code desktop, Neovim, any stdio/IPC client). */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../server';
import { ServerProcessRequest } from '../serverStatus';
import { readParserWasm, WASM_DIR_ENV } from './wasm';
import { findConfigOnDisk } from './configFinder';

/** Starts the server on the transport named in argv (--stdio, --node-ipc, --socket=N). */
export function runNodeServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  // A bug that escapes a handler is logged, not fatal: a dead server is restarted and would meet it again.
  process.on('unhandledRejection', (e) => connection.console.error(`microvm-lint: unhandled rejection: ${e instanceof Error ? e.stack : String(e)}`));
  connection.onRequest(ServerProcessRequest, () => ({ pid: process.pid }));
  // Read when the client initializes, so that a missing file is reported like a corrupt one.
  startServer(connection, () => readParserWasm(process.env[WASM_DIR_ENV] || undefined), { findConfig: () => findConfigOnDisk });
}
