/** Node entry of the language server (VS Code desktop, Neovim, any stdio/IPC client). */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../server';
import { readParserWasm } from './wasm';
import { findConfigOnDisk } from './configFinder';

/** Starts the server on the transport named in argv (--stdio, --node-ipc, --socket=N). */
export function runNodeServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  startServer(connection, readParserWasm(), { findConfig: () => findConfigOnDisk });
}
