/**
 * Open documents: text, version and an incrementally maintained tree, plus
 * the analysis of the current version (computed once, on first use).
 */
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { AttrSetCache, buildModel, type FileRole, type Model } from '../model';
import { edgesOf } from '../workspace/fileFacts';
import { contextKey, type WorkspaceContext } from '../workspace/links';
import { summarize, type FileSummary } from '../workspace/summary';
import { updateModel, type TextChange } from '../model/incremental';
import type { NixParser } from '../parse/nixParser';
import { ParsedDocument } from '../parse/parsedDocument';
import { analyze, type Analysis } from '../rules/analyze';
import type { AnalysisOptions } from '../rules/options';
import { LineIndex } from '../text/lineIndex';

export class OpenDocument {
  private parsed: ParsedDocument;
  private lineIndex: LineIndex | undefined;
  private cached: { options: AnalysisOptions; context: string; analysis: Analysis } | undefined;
  private readonly sets = new AttrSetCache();
  /** The last model built, the text it is of, and the one edit made since (if exactly one). */
  private model: { model: Model; text: string; change?: TextChange; changes: number; role: boolean } | undefined;

  constructor(
    parser: NixParser,
    readonly uri: string,
    public version: number,
    text: string,
    private readonly onRuleError: RuleErrorHandler = () => {},
  ) {
    this.parsed = new ParsedDocument(parser, text);
  }

  get text(): string {
    return this.parsed.text;
  }

  get lines(): LineIndex {
    this.lineIndex ??= new LineIndex(this.parsed.text);
    return this.lineIndex;
  }

  /** Applies LSP content changes in order (each is relative to the text after the previous one). */
  applyChanges(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ('range' in change) {
        const start = this.lines.offsetAt(change.range.start);
        const end = Math.max(start, this.lines.offsetAt(change.range.end));
        this.parsed.edit(start, end, change.text);
        if (this.model) this.model = { ...this.model, change: { start, oldEnd: end, newText: change.text }, changes: this.model.changes + 1 };
      } else {
        this.parsed.replace(change.text);
        this.model = undefined;
      }
      this.lineIndex = undefined;
    }
    this.version = version;
    this.cached = undefined;
  }

  /** The analysis of the current text with `options` and what the workspace says about the file; reused while none changes. */
  analysis(options: AnalysisOptions, workspace?: WorkspaceContext): Analysis {
    const context = contextKey(workspace);
    if (this.cached?.options !== options || this.cached.context !== context) {
      const model = this.currentModel(workspace?.role ?? {});
      const analysis = analyze(this.parsed.tree, this.parsed.text, { options, lines: this.lines, cache: this.sets, model, ...(workspace ? { workspace } : {}) });
      for (const { code, error } of analysis.ruleErrors) this.onRuleError(this.uri, code, error);
      this.cached = { options, context, analysis };
    }
    return this.cached.analysis;
  }

  /** The model of the current text: the last one updated for a single edit inside a string value, else built anew. */
  private currentModel(role: FileRole): Model {
    const text = this.parsed.text;
    const last = this.model;
    const roleKey = role.rootInterfaces === true;
    if (last?.text === text && last.role === roleKey) return last.model;
    const updated =
      last?.role === roleKey && last.changes === 1 && last.change ? updateModel(last.model, last.change, this.parsed.tree, last.text) : undefined;
    const model = updated ?? buildModel(this.parsed.tree, text, this.sets, role);
    this.model = { model, text, changes: 0, role: roleKey };
    return model;
  }

  /** The document's facts for the workspace index (its own, before any context from other files). */
  summary(): FileSummary {
    const model = this.currentModel(this.model?.role ? { rootInterfaces: true } : {});
    return summarize(model, edgesOf(this.parsed.tree, this.parsed.text), this.lines);
  }

  dispose(): void {
    this.parsed.dispose();
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
