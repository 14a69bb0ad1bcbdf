/**
 * Open documents: text, version and an incrementally maintained tree, plus
 * the analysis of the current version (computed once, on first use).
 *
 * A document is parsed only when first analysed, so a document over
 * `maxFileSize` (the caller checks `bytes` first) never is: its edits cost
 * the string splice and a byte count of the changed text, nothing more.
 */
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { AttrSetCache, buildModel, type FileRole, type Model } from '../model';
import { edgesOf } from '../workspace/fileFacts';
import type { WorkspaceContext } from '../rules/workspaceContext';
import { contextKey } from '../workspace/links';
import { summarize, type FileSummary } from '../workspace/summary';
import { updateModel, type TextChange } from '../model/incremental';
import type { NixParser } from '../parse/nixParser';
import { ParsedDocument } from '../parse/parsedDocument';
import { analyze, type Analysis } from '../rules/analyze';
import type { AnalysisOptions } from '../rules/options';
import { LineBuffer } from '../text/lineBuffer';
import { LineIndex } from '../text/lineIndex';
import { utf8Length } from './fileSize';

export class OpenDocument {
  /** The text while there is no tree, from the first edit on: edits then touch only their lines. */
  private buffer: LineBuffer | undefined;
  private content: string;
  /** The tree, once the document has been analysed; dropped when it grows over the limit. */
  private parsed: ParsedDocument | undefined;
  private lineIndex: LineIndex | undefined;
  private cached: { options: AnalysisOptions; context: string; analysis: Analysis } | undefined;
  private readonly sets = new AttrSetCache();
  /** The last model built, the text it is of, and the one edit made since (if exactly one). */
  private model: { model: Model; text: string; change?: TextChange; changes: number; role: boolean } | undefined;
  /** UTF-8 size, kept up to date per edit from the changed text alone. */
  private size: number;

  constructor(
    private readonly parser: NixParser,
    readonly uri: string,
    public version: number,
    text: string,
    private readonly onRuleError: RuleErrorHandler = () => {},
  ) {
    this.content = text;
    this.size = utf8Length(text);
  }

  get text(): string {
    if (this.buffer) this.content = this.buffer.text;
    return this.content;
  }

  /** The text's size in UTF-8 bytes. */
  get bytes(): number {
    return this.size;
  }

  get lines(): LineIndex {
    this.lineIndex ??= new LineIndex(this.text);
    return this.lineIndex;
  }

  /** Whether the current version's analysis is at hand (answering from it costs nothing). */
  get analysed(): boolean {
    return this.cached !== undefined;
  }

  /** Applies LSP content changes in order (each is relative to the text after the previous one). */
  applyChanges(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if (!this.parsed) {
        // No tree: no offsets, no line table, no whole-text string; the size from the changed text alone.
        this.buffer ??= new LineBuffer(this.content);
        if ('range' in change) this.size += utf8Length(change.text) - utf8Length(this.buffer.replace(change.range, change.text));
        else [this.buffer, this.size] = [new LineBuffer(change.text), utf8Length(change.text)];
        this.lineIndex = undefined;
        this.model = undefined;
      } else if ('range' in change) {
        const start = this.lines.offsetAt(change.range.start);
        const end = Math.max(start, this.lines.offsetAt(change.range.end));
        const lines = this.lines;
        this.size += utf8Length(change.text) - utf8Length(this.content, start, end);
        this.parsed!.edit(start, end, change.text); // no buffer: there is a tree
        this.content = this.parsed!.text;
        this.lineIndex = lines.edited(start, end, change.text, this.content);
        if (this.model) this.model = { ...this.model, change: { start, oldEnd: end, newText: change.text }, changes: this.model.changes + 1 };
      } else {
        this.content = change.text;
        this.size = utf8Length(change.text);
        this.parsed?.replace(change.text);
        this.model = undefined;
        this.lineIndex = undefined;
      }
    }
    this.version = version;
    this.cached = undefined;
  }

  /** The analysis of the current text with `options` and what the workspace says about the file; reused while none changes. Parses first if needed. */
  analysis(options: AnalysisOptions, workspace?: WorkspaceContext): Analysis {
    const context = contextKey(workspace);
    if (this.cached?.options !== options || this.cached.context !== context) {
      const parsed = (this.parsed ??= new ParsedDocument(this.parser, this.text));
      this.buffer = undefined;
      const model = this.currentModel(parsed, workspace?.role ?? {});
      const analysis = analyze(parsed.tree, parsed.text, { options, lines: this.lines, cache: this.sets, model, ...(workspace ? { workspace } : {}) });
      for (const { code, error } of analysis.ruleErrors) this.onRuleError(this.uri, code, error);
      this.cached = { options, context, analysis };
    }
    return this.cached.analysis;
  }

  /** Frees the tree of a document that is no longer checked (it grew over the limit); edits then cost no parse. */
  dropTree(): void {
    if (!this.parsed) return;
    this.content = this.parsed.text;
    this.parsed.dispose();
    this.parsed = undefined;
    this.model = undefined;
    this.cached = undefined;
  }

  /** The model of the current text: the last one updated for a single edit inside a string value, else built anew. */
  private currentModel(parsed: ParsedDocument, role: FileRole): Model {
    const text = parsed.text;
    const last = this.model;
    const roleKey = role.rootInterfaces === true;
    if (last?.text === text && last.role === roleKey) return last.model;
    const updated = last?.role === roleKey && last.changes === 1 && last.change ? updateModel(last.model, last.change, parsed.tree, last.text) : undefined;
    const model = updated ?? buildModel(parsed.tree, text, this.sets, role);
    this.model = { model, text, changes: 0, role: roleKey };
    return model;
  }

  /** The document's facts for the workspace index (its own, before any context from other files). */
  summary(): FileSummary {
    const parsed = (this.parsed ??= new ParsedDocument(this.parser, this.text));
    this.buffer = undefined;
    const model = this.currentModel(parsed, this.model?.role ? { rootInterfaces: true } : {});
    return summarize(model, edgesOf(parsed.tree, parsed.text), this.lines, parsed.text);
  }

  dispose(): void {
    this.parsed?.dispose();
    this.parsed = undefined;
  }
}

/** Told when a rule threw on a document: its findings are missing, the other rules' are not. */
export type RuleErrorHandler = (uri: string, code: string, error: unknown) => void;

export class DocumentStore {
  private readonly docs = new Map<string, OpenDocument>();

  constructor(
    private readonly parser: NixParser,
    private readonly onRuleError?: RuleErrorHandler,
  ) {}

  open(uri: string, version: number, text: string): OpenDocument {
    this.docs.get(uri)?.dispose();
    const doc = new OpenDocument(this.parser, uri, version, text, this.onRuleError);
    this.docs.set(uri, doc);
    return doc;
  }

  get(uri: string): OpenDocument | undefined {
    return this.docs.get(uri);
  }

  close(uri: string): void {
    this.docs.get(uri)?.dispose();
    this.docs.delete(uri);
  }

  all(): OpenDocument[] {
    return [...this.docs.values()];
  }
}
