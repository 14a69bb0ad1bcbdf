/** `microvm-lint check`: findings for files and folders, as text or JSON. */
import { readFileSync } from 'node:fs';
import type { NixParser } from '../parse/nixParser';
import { analyze, mayHaveFindings } from '../rules/analyze';
import type { AnalysisOptions } from '../rules/options';
import type { Finding, Severity } from '../rules/rule';
import { LineIndex } from '../text/lineIndex';
import { collectNixFiles, errorCode } from './walk';

export interface FileFindings {
  file: string;
  lines: LineIndex;
  findings: Finding[];
}

export interface CheckResult {
  results: FileFindings[];
  warnings: string[];
  filesChecked: number;
}

export interface Selection {
  /** Files that may have a finding, with their text. */
  candidates: { file: string; text: string }[];
  warnings: string[];
  filesChecked: number;
}

/** Walks `paths` and keeps the files that may have a finding; the others are neither decoded nor parsed. */
export function selectFiles(paths: readonly string[]): Selection {
  const { files, warnings } = collectNixFiles(paths);
  const candidates: Selection['candidates'] = [];
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      warnings.push(`${file}: cannot read (${errorCode(e)}), skipped`);
      continue;
    }
    if (!mayHaveFindings(bytes)) continue;
    const text = bytes.toString('utf8');
    candidates.push({ file, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text });
  }
  return { candidates, warnings, filesChecked: files.length };
}

/** Parses and analyses the selected files (`parser` may be absent when there are none). */
export function checkSelection(parser: NixParser | undefined, selection: Selection, options: AnalysisOptions): CheckResult {
  const results: FileFindings[] = [];
  for (const { file, text } of selection.candidates) {
    if (!parser) throw new Error('checkSelection: files to parse but no parser');
    const tree = parser.parse(text);
    try {
      const { findings, lines } = analyze(tree, text, { options });
      if (findings.length > 0) results.push({ file, lines, findings });
    } finally {
      tree.delete();
    }
  }
  return { results, warnings: selection.warnings, filesChecked: selection.filesChecked };
}

export function checkPaths(parser: NixParser, paths: readonly string[], options: AnalysisOptions): CheckResult {
  return checkSelection(parser, selectFiles(paths), options);
}

const RANK: Record<Severity, number> = { hint: 0, information: 1, warning: 2, error: 3 };

export function failsAt(result: CheckResult, failOn: Severity): boolean {
  return result.results.some((r) => r.findings.some((f) => RANK[f.severity] >= RANK[failOn]));
}

export function formatText(result: CheckResult): string {
  const out: string[] = [];
  let count = 0;
  for (const { file, lines, findings } of result.results) {
    for (const f of findings) {
      const p = lines.positionAt(f.span.start);
      out.push(`${file}:${p.line + 1}:${p.character + 1}: ${f.severity} [${f.code}] ${f.message}`);
      count++;
    }
  }
  const files = result.results.length;
  out.push(
    count === 0
      ? `No problems in ${result.filesChecked} file${result.filesChecked === 1 ? '' : 's'}.`
      : `${count} problem${count === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'} (${result.filesChecked} checked).`,
  );
  return out.join('\n') + '\n';
}

export function formatJson(result: CheckResult): string {
  const findings = result.results.flatMap(({ file, lines, findings }) =>
    findings.map((f) => ({
      file,
      range: { start: lines.positionAt(f.span.start), end: lines.positionAt(f.span.end) },
      severity: f.severity,
      code: f.code,
      message: f.message,
      fixes: f.fixes.map((x) => x.title),
    })),
  );
  return JSON.stringify({ filesChecked: result.filesChecked, findings, warnings: result.warnings }, null, 2) + '\n';
}
