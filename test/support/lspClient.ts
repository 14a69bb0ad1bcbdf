/**
 * A real LSP client for protocol tests: spawns `microvm-lint lsp --stdio`
 * (the built CLI) and speaks JSON-RPC over its pipes. Waits are on events
 * (a notification that matches), never on fixed delays.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type {
  ClientCapabilities,
  Diagnostic,
  InitializeResult,
  PublishDiagnosticsParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';

const HANG_GUARD_MS = 30_000;

/** What the workspace index tests ask of a client: progress (indexing ends with "end"), settings, related locations. */
export const INDEX_CAPABILITIES: ClientCapabilities = {
  window: { workDoneProgress: true },
  workspace: { configuration: true },
  textDocument: { publishDiagnostics: { versionSupport: true, relatedInformation: true } },
};

/**
 * Waits (event loop turns, every 10 ms) until `test` holds, for states that are not one
 * publish (progress, several files settled); bounded: a guard against hanging, not a speed check.
 */
export async function until(test: () => boolean, what = 'the awaited notification', boundMs = HANG_GUARD_MS): Promise<void> {
  const deadline = Date.now() + boundMs;
  while (!test() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  if (!test()) throw new Error(`${what} never came (waited ${boundMs} ms)`);
}

const CLI = join(__dirname, '..', '..', 'cli.js'); // dist/test/<dir>/x.test.js -> dist/cli.js

export interface ClientOptions {
  capabilities?: ClientCapabilities;
  /** What the client answers to workspace/configuration for section microvmLint. */
  settings?: unknown;
  /** Workspace folder URIs (the server indexes their Nix files). */
  workspaceFolders?: string[];
  /** Extra environment variables for the server process. */
  env?: Record<string, string>;
  /** The built CLI to start (default: dist/cli.js as seen from dist/test/<dir>/). */
  cli?: string;
}

export class LspClient {
  readonly connection: ProtocolConnection;
  private readonly proc: ChildProcessWithoutNullStreams;
  readonly published: PublishDiagnosticsParams[] = [];
  private waiters: { test: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  settings: unknown;
  readonly configurationRequests: unknown[] = [];
  /** Answers to workspace/configuration wait for this (to hold the server mid-request). */
  configurationGate: Promise<void> = Promise.resolve();
  onConfigurationRequest: (() => void) | undefined;
  stderr = '';
  /** The kinds of `$/progress` notifications received ("begin", "report", "end"). */
  readonly progress: string[] = [];

  constructor(options: ClientOptions = {}) {
    this.settings = options.settings ?? {};
    this.proc = spawn(process.execPath, [options.cli ?? CLI, 'lsp', '--stdio'], { stdio: 'pipe', env: { ...process.env, ...options.env } });
    this.proc.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.connection = createProtocolConnection(new StreamMessageReader(this.proc.stdout), new StreamMessageWriter(this.proc.stdin));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      this.waiters = this.waiters.filter((w) => (w.test(p) ? (w.resolve(p), false) : true));
    });
    this.connection.onRequest('workspace/configuration', async (params: { items: unknown[] }) => {
      this.configurationRequests.push(params);
      this.onConfigurationRequest?.();
      await this.configurationGate;
      return params.items.map(() => this.settings);
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/diagnostic/refresh', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onNotification('$/progress', (p: { token: unknown; value: { kind: string } }) => this.progress.push(p.value.kind));
    this.connection.onNotification('window/logMessage', () => {});
    this.connection.listen();
  }

  static async start(options: ClientOptions = {}): Promise<{ client: LspClient; init: InitializeResult }> {
    const client = new LspClient(options);
    const capabilities: ClientCapabilities = options.capabilities ?? {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: { publishDiagnostics: { versionSupport: true, relatedInformation: true, codeDescriptionSupport: true, dataSupport: true } },
    };
    const folders = options.workspaceFolders ?? [];
    const init = (await client.answered(
      'initialize',
      client.connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: folders[0] ?? null,
        workspaceFolders: folders.length > 0 ? folders.map((uri, i) => ({ uri, name: `folder${i}` })) : null,
        capabilities,
      }),
    )) as InitializeResult;
    await client.connection.sendNotification('initialized', {});
    return { client, init };
  }

  /** The next publish for `uri` that satisfies `test` (or one already received after `since`). */
  diagnostics(uri: string, test: (p: PublishDiagnosticsParams) => boolean = () => true, since = 0): Promise<PublishDiagnosticsParams> {
    const seen = this.published.slice(since).find((p) => p.uri === uri && test(p));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      // A guard against hanging forever when an expected publish never comes, not a speed check.
      const timer = setTimeout(() => reject(new Error(`no matching publishDiagnostics for ${uri} within ${HANG_GUARD_MS} ms`)), HANG_GUARD_MS);
      this.waiters.push({ test: (p) => p.uri === uri && test(p), resolve: (p) => (clearTimeout(timer), resolve(p)) });
    });
  }

  /** Publishes for `uri` with a given version. */
  forVersion(uri: string, version: number): Promise<Diagnostic[]> {
    return this.diagnostics(uri, (p) => p.version === version).then((p) => p.diagnostics);
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'nix', version, text } });
  }

  change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.answered(method, this.connection.sendRequest(method, params) as Promise<R>);
  }

  /**
   * `reply`, or a rejection that says why it will never come: the server exited first, or
   * did not answer within HANG_GUARD_MS (a guard against a test hanging forever, not a speed check).
   */
  answered<T>(what: string, reply: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.proc.off('exit', onExit);
      };
      const timer = setTimeout(() => (done(), reject(new Error(`${what}: no answer from the server within ${HANG_GUARD_MS} ms`))), HANG_GUARD_MS);
      const onExit = (code: number | null, signal: string | null) =>
        (done(), reject(new Error(`${what}: the server exited (code ${code}, signal ${signal}) before answering\n${this.stderr.slice(-2000)}`)));
      if (this.proc.exitCode !== null || this.proc.signalCode !== null) return onExit(this.proc.exitCode, this.proc.signalCode);
      this.proc.once('exit', onExit);
      reply.then(
        (v) => (done(), resolve(v)),
        (e: unknown) => (done(), reject(e)),
      );
    });
  }

  /** Clean shutdown; resolves with the server's exit code. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.proc.once('exit', (code) => resolve(code)));
    await this.answered('shutdown', this.connection.sendRequest('shutdown'));
    await this.connection.sendNotification('exit');
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      exited,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`exit: the server still runs ${HANG_GUARD_MS} ms after "exit"`)), HANG_GUARD_MS))),
    ]).finally(() => clearTimeout(timer));
    this.connection.dispose();
    return code;
  }

  /** Ends the server however the test ended (safe after stop()). */
  kill(): void {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill();
    this.connection.dispose();
  }

  /** The server process's id (benchmarks read its memory). */
  get pid(): number | undefined {
    return this.proc.pid;
  }

  get alive(): boolean {
    return this.proc.exitCode === null;
  }
}
