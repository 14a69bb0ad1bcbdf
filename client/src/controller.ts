/**
 * Everything the client does besides creating the LanguageClient, shared by
 * the desktop and web entries: output channel, status item, commands, and
 * restarts. Two disposal scopes: the extension's (lives until deactivate)
 * and the current client's (replaced on restart).
 */
import * as vscode from 'vscode';
import { State, type BaseLanguageClient, type LanguageClientOptions } from 'vscode-languageclient';
import { COMMANDS } from './commands';
import { CONFIG_FILE_NAME } from '../../server/src/config/fileName';
import { ListNixFilesRequest, ReadConfigRequest, ReadFileRequest, type ConfigFileText } from '../../server/src/protocol';
import { listNixFiles, readWorkspaceFile } from './workspaceFiles';

export const CLIENT_ID = 'microvmLint'; // also the prefix of the `microvmLint.trace.server` setting
export const CLIENT_NAME = 'MicroVM Lint';

export type ClientFactory = (id: string, name: string, options: LanguageClientOptions) => BaseLanguageClient;

export class ClientController {
  readonly output: vscode.OutputChannel;
  private readonly status: vscode.StatusBarItem;
  private client: BaseLanguageClient | undefined;
  private clientScope: vscode.Disposable[] = [];

  constructor(
    context: vscode.ExtensionContext,
    private readonly createClient: ClientFactory,
  ) {
    this.output = vscode.window.createOutputChannel(CLIENT_NAME);
    this.status = vscode.window.createStatusBarItem('microvmLint.status', vscode.StatusBarAlignment.Right, 100);
    this.status.name = CLIENT_NAME;
    this.status.command = 'microvmLint.showOutput';
    context.subscriptions.push(this.output, this.status);
    for (const [id, run] of Object.entries(COMMANDS)) {
      context.subscriptions.push(vscode.commands.registerCommand(id, () => run(this)));
    }
    this.updateStatusVisibility();
    context.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(() => this.updateStatusVisibility()));
  }

  get running(): boolean {
    return this.client?.state === State.Running;
  }

  async start(): Promise<void> {
    const client = this.createClient(CLIENT_ID, CLIENT_NAME, {
      documentSelector: [{ language: 'nix' }],
      outputChannel: this.output,
      // Settings are pulled per document (workspace/configuration); the server registers for
      // didChangeConfiguration itself (a configurationSection here too would notify it twice).
      // It is told when a microvm-lint.json changes.
      // It is told when a microvm-lint.json or a Nix file changes on disk (the workspace index).
      synchronize: {
        fileEvents: [vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`), vscode.workspace.createFileSystemWatcher('**/*.nix')],
      },
    });
    this.client = client;
    this.clientScope.push(client.onRequest(ReadConfigRequest, ({ uri }) => readNearestConfig(vscode.Uri.parse(uri))));
    this.clientScope.push(client.onRequest(ListNixFilesRequest, listNixFiles), client.onRequest(ReadFileRequest, readWorkspaceFile));
    this.clientScope.push(
      client.onDidChangeState(({ newState }) => this.showState(newState)),
    );
    this.showState(State.Starting);
    try {
      await client.start();
    } catch (e) {
      this.showState(State.Stopped, e);
      this.output.appendLine(`MicroVM Lint: the server did not start: ${String(e)}`);
    }
  }

  async restart(): Promise<void> {
    await this.stopClient();
    await this.start();
    vscode.window.setStatusBarMessage('MicroVM Lint: server restarted', 3000);
  }

  async dispose(): Promise<void> {
    await this.stopClient();
  }

  private async stopClient(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    for (const d of this.clientScope.splice(0)) d.dispose();
    if (client?.needsStop()) await client.stop().catch((e: unknown) => this.output.appendLine(`stop failed: ${String(e)}`));
  }

  private showState(state: State, error?: unknown): void {
    if (state === State.Running) {
      this.status.text = '$(check) MicroVM Lint';
      this.status.tooltip = 'MicroVM Lint is checking Nix files. Click for the server log.';
      this.status.backgroundColor = undefined;
    } else if (state === State.Starting) {
      this.status.text = '$(sync~spin) MicroVM Lint';
      this.status.tooltip = 'MicroVM Lint: starting the server';
    } else {
      this.status.text = '$(error) MicroVM Lint';
      this.status.tooltip = `MicroVM Lint: the server is not running${error ? ` (${String(error)})` : ''}. Click for the log; run "MicroVM Lint: Restart Server" to try again.`;
      this.status.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    }
  }

  private updateStatusVisibility(): void {
    if (vscode.window.activeTextEditor?.document.languageId === 'nix') this.status.show();
    else this.status.hide();
  }
}

/**
 * The `microvm-lint.json` in a document's folder or the nearest one above it,
 * within its workspace folder, read through `workspace.fs` (so it works for
 * virtual file systems in vscode.dev and github.dev too).
 */
async function readNearestConfig(document: vscode.Uri): Promise<ConfigFileText | null> {
  const folder = vscode.workspace.getWorkspaceFolder(document);
  if (!folder) return null;
  const root = folder.uri.path.replace(/\/$/, '');
  for (let dir = vscode.Uri.joinPath(document, '..'); dir.path.startsWith(root); dir = vscode.Uri.joinPath(dir, '..')) {
    const file = vscode.Uri.joinPath(dir, CONFIG_FILE_NAME);
    try {
      return { uri: file.toString(), text: new TextDecoder().decode(await vscode.workspace.fs.readFile(file)) };
    } catch {
      // not here: one folder up
    }
    if (dir.path === root || dir.path === '/') break;
  }
  return null;
}
