/**
 * LSP wiring only: capabilities, document sync, settings, and one line per
 * request binding it to a feature. The entry file (Node stdio/IPC, or a web
 * worker) creates the connection and hands it here with the parser's bytes.
 */
import {
  CodeActionKind,
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
import { DocumentStore, type OpenDocument } from './features/documents';
import { hover } from './features/hover';
import { SettingsCache } from './features/settingsCache';
import { NixParser, type ParserWasm } from './parse/nixParser';
import { VERSION } from './version';
import { CONFIG_FILE_NAME } from './config/configFile';
import { ProjectConfigs, type ConfigFinder } from './features/projectConfig';
import type { AnalysisOptions } from './rules/options';

export const SERVER_NAME = 'microvm-lint';

/**
 * Where the parser's two .wasm files come from: bytes the Node host read from
 * disk, or a loader the web worker runs once the client's initialize request
 * has told it where to fetch them.
 */
export type WasmSource = ParserWasm | ((init: InitializeParams) => Promise<ParserWasm>);

/** What differs between the hosts besides the connection and the parser's bytes. */
export interface ServerHost {
  /** How `microvm-lint.json` is found for a document (Node: the disk; web: asks the client). */
  findConfig?: (connection: Connection) => ConfigFinder;
}

export function startServer(connection: Connection, wasm: WasmSource, host: ServerHost = {}): void {
  let documents: DocumentStore | undefined;
  let pullDiagnostics = false;
  let loadParser!: (init: InitializeParams) => void;
  const ready = new Promise<{ parser: NixParser; documents: DocumentStore }>((resolve, reject) => {
    loadParser = (init) => {
      const bytes = typeof wasm === 'function' ? wasm(init) : Promise.resolve(wasm);
      bytes.then(NixParser.load).then((parser) => {
        documents = new DocumentStore(parser, (uri, code, e) =>
          connection.console.error(`microvm-lint: rule ${code} failed on ${uri}: ${e instanceof Error ? e.stack : String(e)}`),
        );
        resolve({ parser, documents });
      }, reject);
    };
  });
  ready.catch((e: unknown) => connection.console.error(`microvm-lint: cannot load the Nix parser: ${String(e)}`));

  const settings = new SettingsCache(connection);
  const configs = new ProjectConfigs(host.findConfig?.(connection), (m) => connection.console.warn(`microvm-lint.json: ${m}`));
  const pusher = new DiagnosticsPusher({
    versionOf: (uri) => documents?.get(uri)?.version,
    compute: (uri) => withDocument(uri, [], diagnosticsOf),
    send: (uri, version, diagnostics) => void connection.sendDiagnostics({ uri, version, diagnostics }),
    failed: (uri, e) => connection.console.error(`microvm-lint: diagnostics for ${uri} failed: ${e instanceof Error ? e.stack : String(e)}`),
  });

  /** Runs `fn` on an open document's analysis; requests for unknown documents get `empty`. */
  /** Runs `fn` on an open document with its options (settings over microvm-lint.json); unknown documents get `empty`. */
  async function withDocument<T>(uri: string, empty: T, fn: (doc: OpenDocument, options: AnalysisOptions) => T): Promise<T> {
    await ready;
    if (!documents?.get(uri)) return empty;
    const [s, config] = await Promise.all([settings.forDocument(uri), configs.forDocument(uri)]);
    // Looked up again: the document may have been closed (its tree freed) while the settings came.
    const doc = documents?.get(uri);
    if (!doc || !s.settings.enable) return empty;
    return fn(doc, configs.options(s, config));
  }

  function diagnosticsOf(doc: OpenDocument, options: AnalysisOptions) {
    return toDiagnostics(doc.uri, doc.analysis(options), doc.version);
  }

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
    documents!.open(d.uri, d.version, d.text);
    if (!pullDiagnostics) pusher.schedule(d.uri, 0);
  });

  connection.onDidChangeTextDocument(async ({ textDocument, contentChanges }) => {
    await ready;
    const doc = documents!.get(textDocument.uri);
    if (!doc) return;
    doc.applyChanges(contentChanges, textDocument.version);
    if (!pullDiagnostics) pusher.schedule(textDocument.uri);
  });

  connection.onDidCloseTextDocument(async ({ textDocument }) => {
    await ready;
    documents!.close(textDocument.uri);
    settings.forget(textDocument.uri);
    configs.forget(textDocument.uri);
    if (!pullDiagnostics) pusher.closed(textDocument.uri);
  });

  connection.languages.diagnostics.on(async ({ textDocument }) => ({
    kind: 'full' as const,
    items: await withDocument(textDocument.uri, [], diagnosticsOf),
  }));

  connection.onCodeAction(async (params) => {
    const { parser } = await ready;
    return withDocument(params.textDocument.uri, [], (doc, options) =>
      codeActions({ params, analysis: doc.analysis(options), version: doc.version, parser }),
    );
  });

  connection.onHover(({ textDocument, position }) =>
    withDocument(textDocument.uri, null, (doc, options) => hover(doc.analysis(options), doc.lines.offsetAt(position))),
  );

  connection.onCompletion(({ textDocument, position }) =>
    withDocument(textDocument.uri, [], (doc, options) => completion(doc.analysis(options), doc.lines.offsetAt(position), options.preferredMode)),
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
