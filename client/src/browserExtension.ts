/**
 * VS Code entry for the web (vscode.dev, github.dev): starts the same server
 * in a Web Worker and tells it where the .wasm files are. The controller
 * (and so the commands and the status item) exists before any file is
 * fetched: if the worker's files cannot be reached, the status says why and
 * "Restart Server" can try again.
 */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { ClientController, type ServerHandle } from './controller';

let controller: ClientController | undefined;

/**
 * A URL a Worker and fetch accept. In code-server the extension URI is
 * vscode-remote://..., which `new Worker` refuses; the web extension host's
 * fetch resolves it to a plain http URL.
 */
async function plainUrl(uri: vscode.Uri): Promise<string> {
  const text = uri.toString(true);
  if (uri.scheme === 'http' || uri.scheme === 'https') return text;
  const response = await fetch(text);
  if (!response.ok) throw new Error(`${text}: HTTP ${response.status}`);
  return response.url;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const file = (...p: string[]) => plainUrl(vscode.Uri.joinPath(context.extensionUri, ...p));
  /** Resolved per client start: a failed fetch is retried by the next restart. */
  const urls = () => Promise.all([file('dist', 'web', 'server.js'), file('dist', 'web-tree-sitter.wasm'), file('dist', 'tree-sitter-nix.wasm')]);
  controller = new ClientController(context, async (id, name, options): Promise<ServerHandle> => {
    const [worker, engine, grammar] = await urls();
    const thread = new Worker(worker);
    const client = new LanguageClient(id, name, { ...options, initializationOptions: { wasmUrls: { engine, grammar } } }, thread);
    return {
      client,
      kill: async () => thread.terminate(),
      silentDeath: true, // a terminated worker sends nothing: the controller restarts on its own
      dispose: () => thread.terminate(), // vscode-languageclient/browser never ends the worker
    };
  });
  await controller.start();
}

export async function deactivate(): Promise<void> {
  await controller?.dispose();
}
