/**
 * VS Code entry for the web (vscode.dev, github.dev): starts the same server
 * in a Web Worker and tells it where the .wasm files are.
 */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { ClientController } from './controller';

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
  return response.url;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const file = (...p: string[]) => plainUrl(vscode.Uri.joinPath(context.extensionUri, ...p));
  const [worker, engine, grammar] = await Promise.all([
    file('dist', 'web', 'server.js'),
    file('dist', 'web-tree-sitter.wasm'),
    file('dist', 'tree-sitter-nix.wasm'),
  ]);
  controller = new ClientController(context, (id, name, options) =>
    new LanguageClient(id, name, { ...options, initializationOptions: { wasmUrls: { engine, grammar } } }, new Worker(worker)),
  );
  await controller.start();
}

export async function deactivate(): Promise<void> {
  await controller?.dispose();
}
