/**
 * The server under test: a real `microvm-lint lsp --stdio` through the
 * shared LspClient, with publishes kept per document (so a long run can drop
 * the ones it is done with), error log messages collected, and every request
 * guarded against a hang.
 */
import type { CancellationToken, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { LspClient } from '../support/lspClient';

/** A guard against waiting forever on a dead or stuck server; never a speed check. */
const HANG_GUARD_MS = 30_000;

/** LSP error codes a client must accept for a request it cancelled or that raced an edit. */
export const RequestCancelled = -32800;
export const ContentModified = -32801;

export class ServerUnderTest {
  readonly publishes = new Map<string, PublishDiagnosticsParams[]>();
  private waiters: { uri: string; version: number; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  /** window/logMessage of type Error: the server reports a thrown rule or feature this way. */
  readonly errorLogs: string[] = [];
  /** Rejects when the server's pipes close: requests to a dead server fail at once instead of at the hang guard. */
  private readonly ended: Promise<never>;
  private closed = false;

  private constructor(readonly client: LspClient) {
    this.ended = new Promise<never>((_, reject) => {
      client.connection.onClose(() => {
        this.closed = true;
        reject(new Error(`the server's connection closed (server exited); its stderr:\n${client.stderr}`));
      });
    });
    this.ended.catch(() => {}); // only a reason for the requests racing it
    client.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      const list = this.publishes.get(p.uri) ?? [];
      list.push(p);
      this.publishes.set(p.uri, list);
      this.waiters = this.waiters.filter((w) => (w.uri === p.uri && w.version === p.version ? (w.resolve(p), false) : true));
    });
    client.connection.onNotification('window/logMessage', (m: { type: number; message: string }) => {
      if (m.type === 1) this.errorLogs.push(m.message);
    });
  }


  static async start(): Promise<ServerUnderTest> {
    const client = new LspClient();
    const server = new ServerUnderTest(client);
    try {
      await server.request('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: {
          workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
          textDocument: { publishDiagnostics: { versionSupport: true, relatedInformation: true, codeDescriptionSupport: true, dataSupport: true } },
        },
      });
      await client.connection.sendNotification('initialized', {});
    } catch (e) {
      client.kill();
      throw e;
    }
    return server;
  }

  get alive(): boolean {
    return !this.closed && this.client.alive;
  }

  /** The publish of `version` (already received or the next one). */
  published(uri: string, version: number): Promise<PublishDiagnosticsParams> {
    const seen = this.publishes.get(uri)?.find((p) => p.version === version);
    if (seen) return Promise.resolve(seen);
    return this.guard(new Promise((resolve) => this.waiters.push({ uri, version, resolve })), `the publish of version ${version} of ${uri}`);
  }

  request<R>(method: string, params: unknown, token?: CancellationToken): Promise<R> {
    const sent = token ? this.client.connection.sendRequest(method, params, token) : this.client.connection.sendRequest(method, params);
    return this.guard(sent as Promise<R>, `an answer to ${method}`);
  }

  kill(): void {
    this.client.kill();
  }

  private guard<T>(p: Promise<T>, what: string): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const hang = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the server did not send ${what} within ${HANG_GUARD_MS / 1000} s (hung)`)), HANG_GUARD_MS);
    });
    return Promise.race([p, hang, this.ended]).finally(() => clearTimeout(timer));
  }
}
