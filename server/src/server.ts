/**
 * LSP wiring only: capabilities, document sync, settings, and one line per
 * request binding it to a feature. The entry file (Node stdio/IPC, or a web
 * worker) creates the connection and hands it here with the parser's bytes.
 */
import {
  CodeActionKind,
  type CancellationToken,
  DidChangeConfigurationNotification,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { codeActions, FIX_ALL_KIND } from './features/codeActions';
import { completion, COMPLETION_TRIGGERS } from './features/completion';
import { DiagnosticsPusher, toDiagnostics } from './features/diagnostics';
import type { DocumentStore, OpenDocument } from './features/documents';
import { notCheckedDiagnostic } from './features/fileSize';
import { loadServerState, reportStatus, type ServerState, type WasmSource } from './features/serverState';
import { throwIfStale, yieldToEventLoop } from './features/requestGuard';
import { hover } from './features/hover';
import { SettingsCache } from './features/settingsCache';
import { VERSION } from './version';
import { CONFIG_FILE_NAME } from './config/configFile';
import { ProjectConfigs, type ConfigFinder } from './features/projectConfig';
import type { AnalysisOptions } from './rules/options';

export const SERVER_NAME = 'microvm-lint';

export type { WasmSource } from './features/serverState';

/** What differs between the hosts besides the connection and the parser's bytes. */
export interface ServerHost {
  /** How `microvm-lint.json` is found for a document (Node: the disk; web: asks the client). */
  findConfig?: (connection: Connection) => ConfigFinder;
}

export function startServer(connection: Connection, wasm: WasmSource, host: ServerHost = {}): void {
  let documents: DocumentStore | undefined;
  let pullDiagnostics = false;
  let loadParser!: (init: InitializeParams) => void;
  // Never rejects: a parser that cannot load leaves the server up, answering empty, and says so once.
  const ready = new Promise<ServerState>((resolve) => {
    loadParser = (init) =>
      void loadServerState(wasm, init, (uri, code, e) =>
        connection.console.error(`microvm-lint: rule ${code} failed on ${uri}: ${e instanceof Error ? e.stack : String(e)}`),
      ).then((state) => {
        documents = state.documents;
        resolve(state);
      });
  });

  const settings = new SettingsCache(connection);
  const configs = new ProjectConfigs(host.findConfig?.(connection), (m) => connection.console.warn(`microvm-lint.json: ${m}`));
  const pusher = new DiagnosticsPusher({
    versionOf: (uri) => documents?.get(uri)?.version,
    compute: (uri) => withDocument(uri, [], diagnosticsOf, undefined, notCheckedNotice),
    send: (uri, version, diagnostics) => void connection.sendDiagnostics({ uri, version, diagnostics }),
    failed: (uri, e) => connection.console.error(`microvm-lint: diagnostics for ${uri} failed: ${e instanceof Error ? e.stack : String(e)}`),
  });

  /**
   * Runs `fn` on an open document with its options (settings over microvm-lint.json); unknown
   * documents, and documents over maxFileSize (never parsed), get `empty` (or `tooLarge`'s answer).
   * Heavy work waits its turn and honours cancellation (requestGuard.ts).
   */
  async function withDocument<T>(uri: string, empty: T, fn: (doc: OpenDocument, options: AnalysisOptions) => T, token?: CancellationToken, tooLarge?: (bytes: number, limit: number) => T): Promise<T> {
    await ready;
    const asked = documents?.get(uri)?.version;
    if (asked === undefined) return empty;
    const [s, config] = await Promise.all([settings.forDocument(uri), configs.forDocument(uri)]);
    // Looked up again: the document may have been closed (its tree freed) while the settings came.
    const doc = documents?.get(uri);
    if (!doc || !s.settings.enable) return empty;
    throwIfStale(token, doc.version, asked);
    if (doc.bytes > s.settings.maxFileSize) {
      doc.dropTree();
      return tooLarge ? tooLarge(doc.bytes, s.settings.maxFileSize) : empty;
    }
    const heavy = !doc.analysed;
    if (heavy) {
      await yieldToEventLoop();
      throwIfStale(token, documents?.get(uri)?.version, asked);
    }
    const result = fn(doc, configs.options(s, config));
    if (heavy && token) {
      await yieldToEventLoop(); // a $/cancelRequest that came during the work is read now
      throwIfStale(token, documents?.get(uri)?.version, asked);
    }
    return result;
  }

  function diagnosticsOf(doc: OpenDocument, options: AnalysisOptions) {
    return toDiagnostics(doc.uri, doc.analysis(options), doc.version);
  }
  const notCheckedNotice = (bytes: number, limit: number) => [notCheckedDiagnostic(bytes, limit)];

  function republishAll(): void {
    if (pullDiagnostics) void connection.languages.diagnostics.refresh();
    else for (const doc of documents?.all() ?? []) pusher.schedule(doc.uri, 0);
  }

  connection.onInitialize((params): InitializeResult => {
    loadParser(params);
    pullDiagnostics = supportsPull(params.capabilities);
    settings.init(params.capabilities, params.initializationOptions);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        hoverProvider: true,
        completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: false },
        ...(pullDiagnostics ? { diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false } } : {}),
      },
      serverInfo: { name: SERVER_NAME, version: VERSION },
    };
  });

  connection.onInitialized(() => {
    if (settings.dynamicRegistration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'microvmLint' });
    void ready.then((state) => reportStatus(connection, state));
  });

  connection.onDidChangeConfiguration((change) => {
    settings.changed(change.settings);
    republishAll();
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    if (!changes.some((c) => c.uri.endsWith(`/${CONFIG_FILE_NAME}`))) return;
    configs.clear();
    republishAll();
  });

  connection.onDidOpenTextDocument(async ({ textDocument: d }) => {
    await ready;
    if (!documents) return;
    documents.open(d.uri, d.version, d.text);
    if (!pullDiagnostics) pusher.schedule(d.uri, 0);
  });

  connection.onDidChangeTextDocument(async ({ textDocument, contentChanges }) => {
    await ready;
    const doc = documents?.get(textDocument.uri);
    if (!doc) return;
    doc.applyChanges(contentChanges, textDocument.version);
    if (!pullDiagnostics) pusher.schedule(textDocument.uri);
  });

  connection.onDidCloseTextDocument(async ({ textDocument }) => {
    await ready;
    documents?.close(textDocument.uri);
    settings.forget(textDocument.uri);
    configs.forget(textDocument.uri);
    if (!pullDiagnostics) pusher.closed(textDocument.uri);
  });

  connection.languages.diagnostics.on(async ({ textDocument }, token) => ({
    kind: 'full' as const,
    items: await withDocument(textDocument.uri, [], diagnosticsOf, token, notCheckedNotice),
  }));

  connection.onCodeAction(async (params, token) => {
    const { parser } = await ready;
    if (!parser) return [];
    return withDocument(params.textDocument.uri, [], (doc, options) =>
      codeActions({ params, analysis: doc.analysis(options), version: doc.version, parser }),
    token);
  });

  connection.onHover(({ textDocument, position }, token) =>
    withDocument(textDocument.uri, null, (doc, options) => hover(doc.analysis(options), doc.lines.offsetAt(position)), token),
  );

  connection.onCompletion(({ textDocument, position }, token) =>
    withDocument(textDocument.uri, [], (doc, options) => completion(doc.analysis(options), doc.lines.offsetAt(position), options.preferredMode), token),
  );

  connection.onShutdown(() => {
    pusher.dispose();
    for (const doc of documents?.all() ?? []) documents!.close(doc.uri);
  });

  connection.listen();
}

function supportsPull(c: ClientCapabilities): boolean {
  return c.textDocument?.diagnostic !== undefined;
}
