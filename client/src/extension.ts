/**
 * VS Code entry (desktop): starts the bundled language server over IPC and
 * hands the rest to the shared controller (status, output, commands).
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { ServerProcessRequest } from '../../server/src/serverStatus';
import { ClientController } from './controller';

let controller: ClientController | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  controller = new ClientController(context, (id, name, clientOptions) => {
    const client = new LanguageClient(id, name, serverOptions, clientOptions);
    return {
      client,
      // The client sees the process exit and reports the close, as for a real crash.
      kill: async () => {
        process.kill((await client.sendRequest(ServerProcessRequest)).pid, 'SIGKILL');
      },
    };
  });
  await controller.start();
}

export async function deactivate(): Promise<void> {
  await controller?.dispose();
}
