/**
 * Everything the client does besides creating the LanguageClient, shared by
 * the desktop and web entries: output channel, status item, commands, and
 * restarts. Two disposal scopes: the extension's (lives until deactivate)
 * and the current client's (replaced on restart).
 *
 * Restarts (the command, or after the server died) run one at a time and a
 * restart asked for while one runs joins it, so there is never more than one
 * client. The status item shows what the server reports about itself
 * (microvmLint/serverStatus), not only whether its process is alive.
 */
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, ResponseError, State, type BaseLanguageClient, type ConfigurationParams, type LanguageClientOptions } from 'vscode-languageclient';
import { COMMANDS, TEST_COMMANDS } from './commands';
import { CrashLimit } from './crashLimit';
import { CONFIG_FILE_NAME } from '../../server/src/config/fileName';
import { ListNixFilesRequest, ReadConfigRequest, ReadFileRequest, type ConfigFileText } from '../../server/src/protocol';
import { explicitSettings } from './explicitSettings';
import { listNixFiles, readWorkspaceFile } from './workspaceFiles';
import { ServerStatusNotification, type ServerStatus } from '../../server/src/serverStatus';

export const CLIENT_ID = 'microvmLint'; // also the prefix of the `microvmLint.trace.server` setting
export const CLIENT_NAME = 'MicroVM Lint';

/** A started-or-not client and how to end its server the hard way. */
export interface ServerHandle {
  client: BaseLanguageClient;
  /** Ends the server process or worker at once, as a crash would (the hidden test command). */
  kill(): Promise<void>;
  /** The transport does not report the end of the server (a terminated web worker sends nothing): the controller must. */
  silentDeath?: boolean;
  /** Frees what stopping the client leaves behind (the web worker, which the browser client never terminates). */
  dispose?(): void;
}

/** May fail (the web entry first has to resolve the worker's URL): the status then says why. */
export type ClientFactory = (id: string, name: string, options: LanguageClientOptions) => ServerHandle | Promise<ServerHandle>;

type Health = { kind: 'starting' } | { kind: 'ok' } | { kind: 'down'; reason: string } | { kind: 'parser'; reason: string };

export class ClientController {
  readonly output: vscode.OutputChannel;
  private readonly status: vscode.StatusBarItem;
  private handle: ServerHandle | undefined;
  private clientScope: vscode.Disposable[] = [];
  private health: Health = { kind: 'starting' };
  private readonly crashes = new CrashLimit();
  /** The restart or start in progress: the next one waits for it, a second restart joins it. */
  private busy: Promise<unknown> = Promise.resolve();
  private pendingRestart: Promise<boolean> | undefined;
  /** Clients whose server's death was already handled. */
  private readonly mourned = new WeakSet<ServerHandle>();
  /** Clients created so far (the test command reports it: two quick restarts make one more, not two). */
  private created = 0;
  /** The keys of the server's settings under `microvmLint.`, as package.json contributes them. */
  private readonly settingKeys: string[];

  constructor(
    context: vscode.ExtensionContext,
    private readonly createClient: ClientFactory,
  ) {
    this.output = vscode.window.createOutputChannel(CLIENT_NAME);
    this.status = vscode.window.createStatusBarItem('microvmLint.status', vscode.StatusBarAlignment.Right, 100);
    this.status.name = CLIENT_NAME;
    this.status.command = 'microvmLint.showOutput';
    context.subscriptions.push(this.output, this.status);
    const contributed: Record<string, unknown> = context.extension.packageJSON?.contributes?.configuration?.properties ?? {};
    this.settingKeys = Object.keys(contributed).filter((k) => k.startsWith(`${CLIENT_ID}.`)).map((k) => k.slice(CLIENT_ID.length + 1));
    // The hidden test commands exist only while the vscode-API suite runs (extensionTestsPath), never for users.
    const commands = context.extensionMode === vscode.ExtensionMode.Test ? { ...COMMANDS, ...TEST_COMMANDS } : COMMANDS;
    for (const [id, run] of Object.entries(commands)) {
      context.subscriptions.push(vscode.commands.registerCommand(id, () => run(this)));
    }
    this.updateStatusVisibility();
    context.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(() => this.updateStatusVisibility()));
  }

  get running(): boolean {
    return this.handle?.client.state === State.Running;
  }

  /** Starts the first client (activation). */
  start(): Promise<boolean> {
    return this.serialized(() => this.startClient());
  }

  /** The restart command: a new count of crashes, and "restarted" only once the new server runs. */
  async restart(): Promise<void> {
    this.crashes.reset();
    if (await this.restartOnce()) vscode.window.setStatusBarMessage('MicroVM Lint: server restarted', 3000);
  }

  /** The entry could not even create a client (the web worker's files did not load): shown like a failed start. */
  failed(reason: string): void {
    this.output.appendLine(`MicroVM Lint: the server cannot start: ${reason}`);
    this.setHealth({ kind: 'down', reason });
  }

  /** For the vscode-API suite: what a user would see, and how many clients were made. */
  snapshot(): { running: boolean; health: string; reason?: string; statusText: string; statusTooltip: string; clientsCreated: number } {
    const h = this.health;
    const tooltip = this.status.tooltip;
    return {
      running: this.running,
      health: h.kind,
      ...('reason' in h ? { reason: h.reason } : {}),
      statusText: this.status.text,
      statusTooltip: typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? ''),
      clientsCreated: this.created,
    };
  }

  /** For the vscode-API suite: ends the server as a crash would. */
  async killServer(): Promise<void> {
    const handle = this.handle;
    if (!handle) return;
    await handle.kill();
    if (handle.silentDeath) void this.serverDied(handle);
  }

  async dispose(): Promise<void> {
    await this.serialized(() => this.stopClient());
  }

  /** A restart asked for while one is under way joins it: the server it brings up is just as new. */
  private restartOnce(): Promise<boolean> {
    this.pendingRestart ??= this.serialized(async () => {
      try {
        await this.stopClient();
        return await this.startClient();
      } finally {
        this.pendingRestart = undefined;
      }
    });
    return this.pendingRestart;
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const run = this.busy.then(work, work);
    this.busy = run.catch(() => undefined);
    return run;
  }

  private async startClient(): Promise<boolean> {
    this.setHealth({ kind: 'starting' });
    let handle: ServerHandle;
    try {
      handle = await this.createClient(CLIENT_ID, CLIENT_NAME, this.clientOptions(() => handle));
    } catch (e) {
      this.failed(String(e));
      return false;
    }
    this.created++;
    this.handle = handle;
    const client = handle.client;
    this.clientScope.push(
      client.onRequest(ReadConfigRequest, ({ uri }) => readNearestConfig(vscode.Uri.parse(uri))),
      // The web server's workspace index: a worker has no disk (the desktop server reads it itself).
      client.onRequest(ListNixFilesRequest, listNixFiles),
      client.onRequest(ReadFileRequest, readWorkspaceFile),
      client.onNotification(ServerStatusNotification, (s) => this.serverStatus(s)),
      client.onDidChangeState(({ newState }) => {
        if (newState === State.Running && this.health.kind === 'starting') this.setHealth({ kind: 'ok' });
        if (newState === State.Stopped && this.handle === handle && this.health.kind !== 'parser') {
          this.setHealth({ kind: 'down', reason: 'the server stopped' });
          // Not a stop we asked for (stopClient lets go of the handle first). The library does not always call
          // the error handler's `closed` (it shuts down after write errors to a dead process): restart from here too.
          void this.serverDied(handle);
        }
      }),
    );
    try {
      await client.start();
      return true;
    } catch (e) {
      this.output.appendLine(`MicroVM Lint: the server did not start: ${String(e)}`);
      this.setHealth({ kind: 'down', reason: String(e) });
      return false;
    }
  }

  /** File watchers for the current client (disposed with it). */
  private watchers(): vscode.FileSystemWatcher[] {
    const watchers = [vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`), vscode.workspace.createFileSystemWatcher('**/*.nix')];
    this.clientScope.push(...watchers);
    return watchers;
  }

  private clientOptions(current: () => ServerHandle): LanguageClientOptions {
    return {
      documentSelector: [{ language: 'nix' }],
      outputChannel: this.output,
      // Settings are pulled per document (workspace/configuration); the server registers for
      // didChangeConfiguration itself (a configurationSection here too would notify it twice).
      // It is told when a microvm-lint.json or a Nix file changes on disk (the workspace index).
      synchronize: { fileEvents: this.watchers() },
      middleware: { workspace: { configuration: (params, token, next) => this.configuration(params, token, next) } },
      errorHandler: {
        error: (_e, _m, count) => ({ action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
        // Not the library's restart: it would reuse the web worker. The controller makes a new client.
        closed: () => {
          void this.serverDied(current());
          return { action: CloseAction.DoNotRestart, handled: true };
        },
      },
    };
  }

  /** The server's `workspace/configuration`: for our section, only the settings the user set (explicitSettings.ts). */
  private async configuration(
    params: ConfigurationParams,
    token: vscode.CancellationToken,
    next: (params: ConfigurationParams, token: vscode.CancellationToken) => unknown,
  ): Promise<unknown[] | ResponseError<void>> {
    const others = await next(params, token);
    if (others instanceof ResponseError) return others;
    return params.items.map((item, i) => {
      if (item.section !== CLIENT_ID) return (others as unknown[])[i];
      // With the language: `"[nix]": { ... }` settings apply, and count as set.
      const scope = { ...(item.scopeUri ? { uri: vscode.Uri.parse(item.scopeUri) } : {}), languageId: 'nix' };
      const config = vscode.workspace.getConfiguration(CLIENT_ID, scope);
      return explicitSettings(this.settingKeys, (key) => config.inspect(key), (key) => config.get(key));
    });
  }

  /** The server ended without being asked: restart it (within the crash limit) and tell the user once. */
  private async serverDied(handle: ServerHandle): Promise<void> {
    // Told twice for one death (`closed` and the Stopped state): it counts once.
    if (this.mourned.has(handle)) return;
    this.mourned.add(handle);
    await new Promise((r) => setTimeout(r, 0)); // let the library finish closing that client first
    if (this.handle !== handle) return; // an old client, already replaced
    const allowed = this.crashes.allowRestart();
    this.output.appendLine(`MicroVM Lint: the server stopped unexpectedly (${this.crashes.recent} time(s) in the last 3 minutes).`);
    if (!allowed) {
      const reason = `the server stopped ${this.crashes.recent} times in 3 minutes and was not restarted again`;
      await this.serialized(() => this.stopClient()); // a web client does not know its worker is gone: end it
      this.setHealth({ kind: 'down', reason });
      void vscode.window.showErrorMessage(`MicroVM Lint: ${reason}. Run "MicroVM Lint: Restart Server" to try again.`);
      return;
    }
    if (await this.restartOnce()) {
      void vscode.window.showWarningMessage('MicroVM Lint: the server stopped unexpectedly and was restarted.');
    } else {
      void vscode.window.showErrorMessage('MicroVM Lint: the server stopped unexpectedly and could not be restarted. See the output for details.');
    }
  }

  private serverStatus(s: ServerStatus): void {
    if (s.health === 'ok') return this.setHealth({ kind: 'ok' });
    const reason = s.message ?? 'unknown error';
    this.output.appendLine(`MicroVM Lint: ${reason}. Nix files are not checked.`);
    this.setHealth({ kind: 'parser', reason });
  }

  private async stopClient(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    for (const d of this.clientScope.splice(0)) d.dispose();
    if (handle?.client.needsStop()) await handle.client.stop().catch((e: unknown) => this.output.appendLine(`stop failed: ${String(e)}`));
    handle?.dispose?.();
  }

  private setHealth(health: Health): void {
    this.health = health;
    this.status.backgroundColor = undefined;
    switch (health.kind) {
      case 'ok':
        this.status.text = '$(check) MicroVM Lint';
        this.status.tooltip = 'MicroVM Lint is checking Nix files. Click for the server log.';
        return;
      case 'starting':
        this.status.text = '$(sync~spin) MicroVM Lint';
        this.status.tooltip = 'MicroVM Lint: starting the server';
        return;
      case 'parser':
        this.status.text = '$(error) MicroVM Lint: no parser';
        this.status.tooltip = `MicroVM Lint cannot check Nix files: ${health.reason}. Reinstalling the extension may help. Click for the log.`;
        break;
      case 'down':
        this.status.text = '$(error) MicroVM Lint';
        this.status.tooltip = `MicroVM Lint: the server is not running (${health.reason}). Click for the log; run "MicroVM Lint: Restart Server" to try again.`;
        break;
    }
    this.status.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
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
