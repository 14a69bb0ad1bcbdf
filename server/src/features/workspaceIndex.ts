/**
 * The workspace index in the server: every Nix file of the workspace
 * folders, summarised (never a tree kept), with open documents overlaying
 * the disk. It publishes findings for files that are not open, tells the
 * server when an open document's cross-file context changed, and answers
 * workspace symbols. Indexing runs in slices between requests, so hovers
 * and the open file's diagnostics never wait for it.
 */
import type { Diagnostic } from 'vscode-languageserver';
import type { FileRole } from '../model';
import type { NixParser } from '../parse/nixParser';
import type { AnalysisOptions } from '../rules/options';
import { factsOf, mayMatter } from '../workspace/fileFacts';
import { textHash, type FileSource } from '../workspace/fileSource';
import type { WorkspaceContext } from '../rules/workspaceContext';
import { contextKey, isAlone, WorkspaceLinks } from '../workspace/links';
import { EMPTY_SUMMARY, type FileSummary } from '../workspace/summary';
import { toDiagnostics } from './diagnostics';
import { utf8Length } from './fileSize';
import { yieldToEventLoop } from './requestGuard';

export interface IndexLimits {
  enabled: boolean;
  maxFiles: number;
  /** UTF-8 bytes, as microvmLint.maxFileSize counts them: larger files are not indexed. */
  maxFileSize: number;
}

export interface Progress {
  report(percentage: number, message: string): void;
  done(): void;
}

export interface IndexHost {
  parser: NixParser;
  source: FileSource;
  folders(): readonly string[];
  isOpen(uri: string): boolean;
  /**
   * Not part of the index whatever the source lists or the watcher reports: under a folder that is
   * never searched (`node_modules`...), or matched by the configuration's `ignore` globs.
   */
  excluded(uri: string): Promise<boolean>;
  optionsFor(uri: string): Promise<AnalysisOptions>;
  limits(): Promise<IndexLimits>;
  /** Push diagnostics of a file that is not open. */
  publish(uri: string, diagnostics: Diagnostic[]): void;
  /** The cross-file context of these open documents changed: check them again. */
  openContextsChanged(uris: readonly string[]): void;
  startProgress(title: string): Promise<Progress>;
  log(message: string): void;
}

interface Entry {
  hash: string;
  role: FileRole;
  summary: FileSummary;
  /** The text, kept only for files that may matter (to check again when their context changes). */
  text?: string;
  /** Findings with no context from other files, for the options they were computed with. */
  alone?: { options: AnalysisOptions; diagnostics: Diagnostic[] };
  /** What was last published for it while not open (key of text, options and context). */
  published?: { key: string; empty: boolean };
  /** The context last seen for an open document. */
  openContext?: string;
}

/** Work done between two yields to the event loop. */
const SLICE_MS = 4;
/** Files read ahead while others are parsed (reads wait on the disk or the client, not on us). */
const READ_AHEAD = 32;

export class WorkspaceIndex {
  private readonly entries = new Map<string, Entry>();
  private links = new WorkspaceLinks(new Map());
  private generation = 0;
  /** Files waiting to be read again (watcher events, closed documents), processed in the next slice run. */
  private readonly pending = new Set<string>();
  private draining: Promise<void> | undefined;

  constructor(private readonly host: IndexHost) {}

  /** The files indexed, with their summaries (workspace symbols). */
  summaries(): Iterable<[string, FileSummary]> {
    return [...this.entries].map(([uri, e]) => [uri, e.summary] as [string, FileSummary]);
  }

  /** (Re)builds the index from the folders; resolves when done (or superseded by a newer build). */
  build(): Promise<void> {
    const generation = ++this.generation;
    return this.run(generation).catch((e: unknown) => this.host.log(`workspace index failed: ${e instanceof Error ? e.stack : String(e)}`));
  }

  private async run(generation: number): Promise<void> {
    const limits = await this.host.limits();
    if (!limits.enabled) {
      this.clearAll();
      return;
    }
    const folders = this.host.folders();
    if (folders.length === 0) return;
    const progress = await this.host.startProgress('MicroVM Lint: indexing Nix files');
    try {
      const uris = await this.host.source.list(folders, limits.maxFiles);
      if (uris.length >= limits.maxFiles) this.host.log(`workspace index: stopped at ${limits.maxFiles} files (microvmLint.workspace.maxFiles)`);
      const listed = new Set(uris);
      for (const uri of [...this.entries.keys()]) if (!listed.has(uri)) this.forget(uri);
      let sliceStart = Date.now();
      let n = 0;
      const reads = new Map<string, Promise<string | undefined>>();
      const readAhead = (from: number) => {
        for (let i = from; i < Math.min(uris.length, from + READ_AHEAD); i++) {
          if (!reads.has(uris[i]) && !this.host.isOpen(uris[i])) reads.set(uris[i], this.host.source.read(uris[i]));
        }
      };
      for (const [i, uri] of uris.entries()) {
        if (generation !== this.generation) return;
        readAhead(i);
        const read = reads.get(uri);
        reads.delete(uri);
        if (read && !this.host.isOpen(uri)) {
          const text = await read;
          if (text !== undefined && utf8Length(text) <= limits.maxFileSize) await this.store(uri, text);
          else this.forget(uri);
        }
        n++;
        if (Date.now() - sliceStart > SLICE_MS) {
          progress.report(Math.floor((n * 100) / uris.length), `${n}/${uris.length} files`);
          await yieldToEventLoop();
          sliceStart = Date.now();
        }
      }
      await this.relink();
    } finally {
      progress.done();
    }
  }

  /** An open document's text and summary (overlaying the disk), after an edit settled. */
  async openChanged(uri: string, text: string, summary: FileSummary): Promise<void> {
    const before = this.entries.get(uri);
    const hash = textHash(text);
    if (before?.hash === hash) return;
    this.entries.set(uri, { hash, role: this.links.roleOf(uri), summary, text, ...(before?.openContext !== undefined ? { openContext: before.openContext } : {}) });
    if (!before || JSON.stringify(before.summary) !== JSON.stringify(summary)) await this.relink();
  }

  /**
   * A document was opened: its findings come from the editor now. True when
   * the index had published findings for it, which a client that pulls an
   * open document's diagnostics must see cleared.
   */
  opened(uri: string): boolean {
    const e = this.entries.get(uri);
    const had = e?.published !== undefined && !e.published.empty;
    if (e) e.published = undefined;
    return had;
  }

  /** A document was closed: the disk is what counts again. */
  closed(uri: string): void {
    this.fileChanged(uri);
  }

  /** The watcher saw a file created or changed (or the editor closed it): read it again soon. */
  fileChanged(uri: string): void {
    if (this.host.isOpen(uri)) return;
    this.pending.add(uri);
    this.draining ??= this.drain().finally(() => (this.draining = undefined));
  }

  fileDeleted(uri: string): void {
    this.pending.delete(uri);
    if (!this.entries.has(uri)) return;
    this.forget(uri);
    void this.relink();
  }

  /** The name the workspace knows a file's VM by (the `microvm.vms` name of the host that imports it), if any. */
  vmName(uri: string, vmKey: string): string | undefined {
    return this.entries.has(uri) ? this.links.ownerOf(uri, vmKey).name : undefined;
  }

  /** The context of an open document, for its analysis. */
  contextFor(uri: string): WorkspaceContext | undefined {
    return this.entries.size > 0 ? this.links.contextFor(uri) : undefined;
  }

  /** Settings or a configuration file changed: every file's findings are computed again. */
  async optionsChanged(): Promise<void> {
    const limits = await this.host.limits();
    if (!limits.enabled) return this.clearAll();
    if (this.entries.size === 0) return void this.build();
    await this.publishAll(true);
  }

  private async drain(): Promise<void> {
    await yieldToEventLoop();
    const limits = await this.host.limits();
    let changed = false;
    while (this.pending.size > 0) {
      const [uri] = this.pending;
      this.pending.delete(uri);
      if (this.host.isOpen(uri)) continue;
      const text = await this.host.source.read(uri);
      if (text === undefined || utf8Length(text) > limits.maxFileSize) {
        changed = this.forget(uri) || changed;
        continue;
      }
      changed = (await this.store(uri, text)) || changed;
      // A closed document's own findings come from the disk now, even when its summary did not change (none: left out).
      const entry = this.entries.get(uri);
      if (entry) await this.publishOne(uri, entry, true);
    }
    if (changed) await this.relink();
  }

  /** Summarises a file (and checks it on its own); true when its summary changed. */
  private async store(uri: string, text: string, role = this.links.roleOf(uri)): Promise<boolean> {
    const hash = textHash(text);
    const before = this.entries.get(uri);
    if (before && before.hash === hash && sameRole(before.role, role)) return false;
    if (!mayMatter(text, role)) {
      this.entries.set(uri, { hash, role, summary: EMPTY_SUMMARY, ...(before?.published ? { published: before.published } : {}) });
      return before !== undefined && before.summary !== EMPTY_SUMMARY && JSON.stringify(before.summary) !== JSON.stringify(EMPTY_SUMMARY);
    }
    // The web client's listing knows nothing of microvm-lint.json, and the watcher reports every *.nix file: left out
    // here, for both hosts. Only files that matter are asked about (the question may cost a configuration lookup).
    if (await this.host.excluded(uri)) return this.forget(uri);
    const options = await this.host.optionsFor(uri);
    const facts = factsOf(this.host.parser, text, role, options);
    const alone = facts.analysis ? { options, diagnostics: toDiagnostics(uri, facts.analysis, 0) } : { options, diagnostics: [] };
    this.entries.set(uri, { hash, role, summary: facts.summary, text, alone, ...(before?.published ? { published: before.published } : {}) });
    return !before || JSON.stringify(before.summary) !== JSON.stringify(facts.summary);
  }

  private forget(uri: string): boolean {
    const e = this.entries.get(uri);
    if (!e) return false;
    this.entries.delete(uri);
    if (e.published && !e.published.empty && !this.host.isOpen(uri)) this.host.publish(uri, []);
    return true;
  }

  private clearAll(): void {
    for (const uri of [...this.entries.keys()]) this.forget(uri);
    this.links = new WorkspaceLinks(new Map());
  }

  /** Links the summaries again; files whose role changed are summarised again first. Then publishes what changed. */
  private async relink(): Promise<void> {
    for (let round = 0; round < 3; round++) {
      this.links = new WorkspaceLinks(new Map([...this.entries].map(([uri, e]) => [uri, e.summary])));
      const moved = [...this.entries].filter(([uri, e]) => !sameRole(e.role, this.links.roleOf(uri)));
      if (moved.length === 0) break;
      for (const [uri, e] of moved) {
        const text = e.text ?? (await this.host.source.read(uri));
        if (text !== undefined) await this.store(uri, text);
      }
    }
    await this.publishAll(false);
  }

  /** Publishes every file that is not open whose findings may have changed; tells about open ones whose context changed. */
  private async publishAll(force: boolean): Promise<void> {
    const openChanged: string[] = [];
    let sliceStart = Date.now();
    for (const [uri, e] of [...this.entries]) {
      if (this.host.isOpen(uri)) {
        const key = contextKey(this.links.contextFor(uri));
        if (force || e.openContext !== key) openChanged.push(uri);
        e.openContext = key;
        continue;
      }
      e.openContext = undefined;
      if (force) e.alone = undefined;
      await this.publishOne(uri, e, force);
      if (Date.now() - sliceStart > SLICE_MS) {
        await yieldToEventLoop();
        sliceStart = Date.now();
      }
    }
    if (openChanged.length > 0) this.host.openContextsChanged(openChanged);
  }

  private async publishOne(uri: string, e: Entry, force: boolean): Promise<void> {
    if (this.host.isOpen(uri)) return;
    if (e.text === undefined) {
      // Nothing in it can have a finding (any more).
      if (e.published && !e.published.empty) this.host.publish(uri, []);
      e.published = { key: '', empty: true };
      return;
    }
    const options = await this.host.optionsFor(uri);
    const context = this.links.contextFor(uri);
    const cKey = contextKey(context);
    const key = `${e.hash}\0${JSON.stringify(options)}\0${cKey}`;
    if (!force && e.published?.key === key) return;
    let diagnostics: Diagnostic[];
    if (isAlone(context) && e.alone?.options === options) diagnostics = e.alone.diagnostics;
    else {
      const facts = factsOf(this.host.parser, e.text, context.role, options, context);
      diagnostics = facts.analysis ? toDiagnostics(uri, facts.analysis, 0) : [];
      if (isAlone(context)) e.alone = { options, diagnostics };
    }
    if (!(diagnostics.length === 0 && (!e.published || e.published.empty))) this.host.publish(uri, diagnostics);
    e.published = { key, empty: diagnostics.length === 0 };
  }
}

const sameRole = (a: FileRole, b: FileRole) => (a.rootInterfaces === true) === (b.rootInterfaces === true);

