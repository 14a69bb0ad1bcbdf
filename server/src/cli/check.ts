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

export function checkPaths(parser: NixParser, paths: readonly string[], options: AnalysisOptions): CheckResult {
  const { files, warnings } = collectNixFiles(paths);
  const results: FileFindings[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      warnings.push(`${file}: cannot read (${errorCode(e)}), skipped`);
      continue;
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    // Files that cannot contain a finding are not parsed at all.
    if (!mayHaveFindings(text)) continue;
    const tree = parser.parse(text);
    try {
      const { findings, lines } = analyze(tree, text, { options });
      if (findings.length > 0) results.push({ file, lines, findings });
    } finally {
      tree.delete();
    }
  }
  return { results, warnings, filesChecked: files.length };
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
