/** Node entry of the language server (VS Code desktop, Neovim, any stdio/IPC client). */
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { nodeFileSource } from './fileSource';
import { startServer } from '../server';
import { ServerProcessRequest } from '../serverStatus';
import { readParserWasm, WASM_DIR_ENV } from '../fs/wasm';
import { findConfigOnDisk } from './configFinder';

/** Starts the server on the transport named in argv (--stdio, --node-ipc, --socket=N). */
export function runNodeServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  // A bug that escapes a handler is logged, not fatal: a dead server is restarted and would meet it again.
  process.on('unhandledRejection', (e) => connection.console.error(`microvm-lint: unhandled rejection: ${e instanceof Error ? e.stack : String(e)}`));
  connection.onRequest(ServerProcessRequest, () => ({ pid: process.pid }));
  // Read when the client initializes, so that a missing file is reported like a corrupt one.
  startServer(connection, () => readParserWasm(process.env[WASM_DIR_ENV] || undefined), {
    findConfig: () => findConfigOnDisk,
    fileSource: (c) => nodeFileSource(() => filesExclude(c)),
  });
}

/** The `files.exclude` globs that are on, where the client answers `workspace/configuration` (VS Code does). */
async function filesExclude(connection: Connection): Promise<string[]> {
  try {
    const exclude: unknown = await connection.workspace.getConfiguration('files.exclude');
    if (typeof exclude !== 'object' || exclude === null) return [];
    return Object.entries(exclude).filter(([, on]) => on === true).map(([glob]) => glob);
  } catch {
    return [];
  }
}
