/**
 * Quick fixes for our diagnostics, fix-all, and `source.fixAll`. Findings
 * are looked up by the key the diagnostic carries; a diagnostic from an
 * older version of the document gets no action. Every edit is checked to
 * add no syntax error before it is offered.
 */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { NixParser } from '../parse/nixParser';
import type { Analysis } from '../rules/analyze';
import { isSafeEdit, nonOverlappingPreferredEdits, syntaxProblems } from '../rules/fixes';
import type { Finding } from '../rules/rule';
import type { TextEdit } from '../text/edits';
import { SOURCE, findingKey, isDiagnosticData, toRange } from './convert';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.microvm-lint`;

export interface CodeActionInput {
  params: CodeActionParams;
  analysis: Analysis;
  version: number;
  parser: NixParser;
}

export function codeActions({ params, analysis, version, parser }: CodeActionInput): CodeAction[] {
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
  const uri = params.textDocument.uri;
  const safety = new SafetyCheck(parser, analysis.text);
  const actions: CodeAction[] = [];

  if (wants(CodeActionKind.QuickFix)) {
    for (const diagnostic of params.context.diagnostics) {
      const finding = findingFor(diagnostic, analysis, version);
      if (finding) actions.push(...quickFixes(uri, analysis, finding, diagnostic, safety));
    }
  }
  if (wants(FIX_ALL_KIND) && (only?.length ?? 0) > 0) {
    const fixAll = fixAllAction(uri, analysis, analysis.findings, 'Fix all MicroVM Lint problems', FIX_ALL_KIND, safety);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

function findingFor(d: Diagnostic, analysis: Analysis, version: number): Finding | undefined {
  if (d.source !== SOURCE || !isDiagnosticData(d.data) || d.data.version !== version) return undefined;
  const key = d.data.key;
  return analysis.findings.find((f) => findingKey(f) === key);
}

function quickFixes(uri: string, analysis: Analysis, finding: Finding, diagnostic: Diagnostic, safety: SafetyCheck): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const fix of finding.fixes) {
    // Stryker disable next-line ConditionalExpression: a safety net: no fix of ours is known to add a syntax error (20,000 broken documents tried), and isSafeEdit has its own tests
    if (!safety.ok(fix.edits)) continue;
    actions.push({
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: fix.isPreferred === true,
      edit: { changes: { [uri]: fix.edits.map((e) => lspEdit(analysis, e)) } },
    });
  }
  const sameCode = analysis.findings.filter((f) => f.code === finding.code);
  const all = fixAllAction(uri, analysis, sameCode, `Fix all ${finding.code} problems in this file`, CodeActionKind.QuickFix, safety);
  // With its diagnostic, so VS Code (which lists actions tied to the diagnostic first) keeps it before the "Ignore" ones.
  if (all && actions.length > 0) actions.push({ ...all, diagnostics: [diagnostic] });
  for (const fix of finding.ignore ?? []) {
    // Stryker disable next-line ConditionalExpression: the same safety net
    if (!safety.ok(fix.edits)) continue;
    actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes: { [uri]: fix.edits.map((e) => lspEdit(analysis, e)) } } });
  }
  return actions;
}

function fixAllAction(uri: string, analysis: Analysis, findings: Finding[], title: string, kind: string, safety: SafetyCheck): CodeAction | undefined {
  const edits = nonOverlappingPreferredEdits(findings);
  if (edits.length === 0 || !safety.ok(edits)) return undefined;
  return { title, kind, edit: { changes: { [uri]: edits.map((e) => lspEdit(analysis, e)) } } };
}

function lspEdit(analysis: Analysis, e: TextEdit): LspTextEdit {
  return { range: toRange(analysis.lines, e), newText: e.newText };
}

/** Counts the original's syntax problems once per request, then checks each candidate. */
class SafetyCheck {
  private before: number | undefined;

  constructor(
    private readonly parser: NixParser,
    private readonly text: string,
  ) {}

  ok(edits: TextEdit[]): boolean {
    this.before ??= syntaxProblems(this.parser, this.text);
    return isSafeEdit(this.parser, this.text, edits, this.before);
  }
}
