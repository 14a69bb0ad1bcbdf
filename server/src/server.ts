/**
 * LSP wiring only: capabilities, document sync, settings, and one line per
 * request binding it to a feature. The entry file (Node stdio/IPC, or a web
 * worker) creates the connection and hands it here with the parser's bytes.
 */
import {
  CodeActionKind,
  type CancellationToken,
  DidChangeConfigurationNotification,
  FileChangeType,
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
import type { NixParser } from './parse/nixParser';
import { notCheckedDiagnostic } from './features/fileSize';
import { loadServerState, reportStatus, type ServerState, type WasmSource } from './features/serverState';
import { throwIfStale, yieldToEventLoop } from './features/requestGuard';
import { hover } from './features/hover';
import { SettingsCache } from './features/settingsCache';
import { VERSION } from './version';
import { CONFIG_FILE_NAME } from './config/configFile';
import { isSkippedFolder } from './config/skippedFolders';
import { ProjectConfigs, type ConfigFinder } from './features/projectConfig';
import { resolveOptions } from './config/resolve';
import type { AnalysisOptions } from './rules/options';
import { documentSymbols, workspaceSymbols } from './features/symbols';
import { WorkspaceIndex } from './features/workspaceIndex';
import type { FileSource } from './workspace/fileSource';
import { summarize } from './workspace/summary';

/** How long an open document's edits settle before its summary replaces the disk's in the index. */
const OVERLAY_DELAY_MS = 250;

export const SERVER_NAME = 'microvm-lint';

export type { WasmSource } from './features/serverState';

/** What differs between the hosts besides the connection and the parser's bytes. */
export interface ServerHost {
  /** How `microvm-lint.json` is found for a document (Node: the disk; web: asks the client). */
  findConfig?: (connection: Connection) => ConfigFinder;
  /** How the workspace's Nix files are listed and read (Node: the disk; web: asks the client); none: no workspace index. */
  fileSource?: (connection: Connection) => FileSource;
}

export function startServer(connection: Connection, wasm: WasmSource, host: ServerHost = {}): void {
  let documents: DocumentStore | undefined;
  let index: WorkspaceIndex | undefined;
  let folders: string[] = [];
  let progressSupported = false;
  let folderEvents = false;
  let pullDiagnostics = false;
  let loadParser!: (init: InitializeParams) => void;
  // Never rejects: a parser that cannot load leaves the server up, answering empty, and says so once.
  const ready = new Promise<ServerState>((resolve) => {
    loadParser = (init) =>
      void loadServerState(wasm, init, (uri, code, e) =>
        connection.console.error(`microvm-lint: rule ${code} failed on ${uri}: ${e instanceof Error ? e.stack : String(e)}`),
      ).then((state) => {
        documents = state.documents;
        if (state.parser) index = startIndex(state.parser);
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
    const [s, nearest] = await Promise.all([settings.forDocument(uri), configs.nearest(uri)]);
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
    const result = fn(doc, resolveOptions(nearest, s.user));
    if (heavy && token) {
      await yieldToEventLoop(); // a $/cancelRequest that came during the work is read now
      throwIfStale(token, documents?.get(uri)?.version, asked);
    }
    return result;
  }

  function diagnosticsOf(doc: OpenDocument, options: AnalysisOptions) {
    return toDiagnostics(doc.uri, analysisOf(doc, options), doc.version);
  }

  /** An open document's analysis, with what the workspace index knows about it from the other files. */
  function analysisOf(doc: OpenDocument, options: AnalysisOptions) {
    return doc.analysis(options, index?.contextFor(doc.uri));
  }

  function republish(uris: readonly string[]): void {
    if (pullDiagnostics) void connection.languages.diagnostics.refresh();
    else for (const uri of uris) pusher.schedule(uri, 0);
  }
  const notCheckedNotice = (bytes: number, limit: number) => [notCheckedDiagnostic(bytes, limit)];

  function republishAll(): void {
    republish((documents?.all() ?? []).map((d) => d.uri));
  }

  function folderOf(uri: string): string | undefined {
    return folders.find((f) => uri.startsWith(f.endsWith('/') ? f : `${f}/`));
  }

  /** Below its workspace folder, the file is inside `.git`, `node_modules`, `result*` or `.direnv`. */
  function inSkippedFolder(uri: string): boolean {
    const folder = folderOf(uri);
    if (folder === undefined) return false;
    const dirs = uri.slice(folder.replace(/\/$/, '').length + 1).split('/').slice(0, -1);
    return dirs.some((d) => {
      try {
        return isSkippedFolder(decodeURIComponent(d));
      } catch {
        return false;
      }
    });
  }

  /** The options for a file that is not open: the settings of its workspace folder, over its microvm-lint.json. */
  async function optionsForFile(uri: string): Promise<AnalysisOptions> {
    const [s, nearest] = await Promise.all([settings.forDocument(folderOf(uri) ?? uri), configs.nearest(uri)]);
    return resolveOptions(nearest, s.user);
  }

  function startIndex(parser: NixParser): WorkspaceIndex | undefined {
    const source = host.fileSource?.(connection);
    if (!source) return undefined;
    return new WorkspaceIndex({
      parser,
      source,
      folders: () => folders,
      isOpen: (uri) => documents?.get(uri) !== undefined,
      excluded: async (uri) => inSkippedFolder(uri) || (await configs.ignores(uri)),
      optionsFor: optionsForFile,
      limits: async () => {
        const s = (await settings.forDocument(folders[0] ?? '')).settings;
        return { enabled: s.enable && s.workspaceMaxFiles > 0, maxFiles: s.workspaceMaxFiles, maxFileSize: s.maxFileSize };
      },
      publish: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
      openContextsChanged: republish,
      startProgress: async (title) => {
        if (!progressSupported) return { report: () => {}, done: () => {} };
        const reporter = await connection.window.createWorkDoneProgress();
        reporter.begin(title, 0, undefined, false);
        return { report: (p, m) => reporter.report(p, m), done: () => reporter.done() };
      },
      log: (m) => connection.console.warn(`microvm-lint: ${m}`),
    });
  }

  /** After an edit settles, the open document's summary replaces the disk's in the index. */
  const overlayTimers = new Map<string, ReturnType<typeof setTimeout>>();
  function overlaySoon(uri: string, delayMs = OVERLAY_DELAY_MS): void {
    // Only files of the workspace folders are in the index (an untitled buffer or a file from elsewhere is checked alone).
    if (!index || folderOf(uri) === undefined) return;
    clearTimeout(overlayTimers.get(uri));
    overlayTimers.set(uri, setTimeout(() => {
      overlayTimers.delete(uri);
      void overlay(uri).catch((e: unknown) => connection.console.error(`microvm-lint: workspace index: ${e instanceof Error ? e.stack : String(e)}`));
    }, delayMs));
  }

  async function overlay(uri: string): Promise<void> {
    const limit = (await settings.forDocument(uri)).settings.maxFileSize;
    const doc = documents?.get(uri);
    // A document over the size limit is not parsed for the index either (nor indexed from disk).
    if (!doc || !index || doc.bytes > limit) return;
    await index.openChanged(uri, doc.text, doc.summary());
  }

  connection.onInitialize((params): InitializeResult => {
    folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (folders.length === 0 && params.rootUri) folders = [params.rootUri];
    progressSupported = params.capabilities.window?.workDoneProgress === true;
    folderEvents = params.capabilities.workspace?.workspaceFolders === true;
    loadParser(params);
    pullDiagnostics = supportsPull(params.capabilities);
    settings.init(params.capabilities, params.initializationOptions);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        hoverProvider: true,
        completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: false },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        ...(host.fileSource ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}),
        // Findings of a document depend on other files (duplicate MACs and ids across files): the client pulls open documents again when one changes.
        ...(pullDiagnostics ? { diagnosticProvider: { interFileDependencies: true, workspaceDiagnostics: false } } : {}),
      },
      serverInfo: { name: SERVER_NAME, version: VERSION },
    };
  });

  connection.onInitialized(() => {
    if (settings.dynamicRegistration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'microvmLint' });
    void ready.then((state) => reportStatus(connection, state));
    if (host.fileSource && folderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders(({ added, removed }) => {
        folders = [...folders.filter((f) => !removed.some((r) => r.uri === f)), ...added.map((a) => a.uri)];
        void index?.build();
      });
    }
    void ready.then(() => index?.build());
  });

  connection.onDidChangeConfiguration((change) => {
    settings.changed(change.settings);
    republishAll();
    void ready.then(() => index?.build());
  });

  connection.onDidChangeWatchedFiles(async ({ changes }) => {
    if (changes.some((c) => c.uri.endsWith(`/${CONFIG_FILE_NAME}`))) {
      configs.clear();
      republishAll();
      await ready;
      void index?.optionsChanged();
    }
    await ready;
    for (const c of changes) {
      if (!c.uri.endsWith('.nix')) continue;
      if (c.type === FileChangeType.Deleted) index?.fileDeleted(c.uri);
      else index?.fileChanged(c.uri);
    }
  });

  connection.onDidOpenTextDocument(async ({ textDocument: d }) => {
    await ready;
    if (!documents) return;
    documents.open(d.uri, d.version, d.text);
    // Pulled diagnostics live apart from pushed ones: what the index pushed for the file must go.
    if (index?.opened(d.uri) && pullDiagnostics) void connection.sendDiagnostics({ uri: d.uri, diagnostics: [] });
    if (!pullDiagnostics) pusher.schedule(d.uri, 0);
    overlaySoon(d.uri, 0);
  });

  connection.onDidChangeTextDocument(async ({ textDocument, contentChanges }) => {
    await ready;
    const doc = documents?.get(textDocument.uri);
    if (!doc) return;
    doc.applyChanges(contentChanges, textDocument.version);
    if (!pullDiagnostics) pusher.schedule(textDocument.uri);
    overlaySoon(textDocument.uri);
  });

  connection.onDidCloseTextDocument(async ({ textDocument }) => {
    await ready;
    documents?.close(textDocument.uri);
    settings.forget(textDocument.uri);
    if (!pullDiagnostics) pusher.closed(textDocument.uri);
    clearTimeout(overlayTimers.get(textDocument.uri));
    overlayTimers.delete(textDocument.uri);
    index?.closed(textDocument.uri);
  });

  connection.languages.diagnostics.on(async ({ textDocument }, token) => ({
    kind: 'full' as const,
    items: await withDocument(textDocument.uri, [], diagnosticsOf, token, notCheckedNotice),
  }));

  connection.onCodeAction(async (params, token) => {
    const { parser } = await ready;
    if (!parser) return [];
    return withDocument(params.textDocument.uri, [], (doc, options) =>
      codeActions({ params, analysis: analysisOf(doc, options), version: doc.version, parser }),
    token);
  });

  connection.onHover(({ textDocument, position }, token) =>
    withDocument(textDocument.uri, null, (doc, options) => hover(analysisOf(doc, options), doc.lines.offsetAt(position)), token),
  );

  connection.onCompletion(({ textDocument, position }, token) =>
    withDocument(textDocument.uri, [], (doc, options) => completion(analysisOf(doc, options), doc.lines.offsetAt(position), options.preferredMode), token),
  );

  connection.onDocumentSymbol(({ textDocument }) =>
    withDocument(textDocument.uri, [], (doc, options) => {
      const analysis = analysisOf(doc, options);
      return documentSymbols(summarize(analysis.model, [], analysis.lines, analysis.text));
    }),
  );

  connection.onWorkspaceSymbol(async ({ query }) => {
    await ready;
    return index ? workspaceSymbols(index.summaries(), query, (uri, key) => index!.vmName(uri, key)) : [];
  });

  connection.onShutdown(() => {
    pusher.dispose();
    for (const t of overlayTimers.values()) clearTimeout(t);
    for (const doc of documents?.all() ?? []) documents!.close(doc.uri);
  });

  connection.listen();
}

function supportsPull(c: ClientCapabilities): boolean {
  return c.textDocument?.diagnostic !== undefined;
}
