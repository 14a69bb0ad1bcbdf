/**
 * The one place that turns core values into LSP values: spans to ranges,
 * severities, codeDescription, and the key that ties a diagnostic back to
 * its finding.
 */
import {
  DiagnosticSeverity,
  DiagnosticTag,
  type Diagnostic,
  type Range,
} from 'vscode-languageserver';
import type { Span } from '../model';
import { docsUrl } from '../rules/docs';
import type { Finding, Severity } from '../rules/rule';
import type { LineIndex } from '../text/lineIndex';

export const SOURCE = 'microvm-lint';

export function toRange(lines: LineIndex, span: Span): Range {
  return { start: lines.positionAt(span.start), end: lines.positionAt(span.end) };
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a diagnostic carries back to the server in code action requests. */
export interface DiagnosticData {
  key: string;
  version: number;
}

export const findingKey = (f: Pick<Finding, 'code' | 'span'>): string => `${f.code}@${f.span.start}:${f.span.end}`;

export function toDiagnostic(uri: string, lines: LineIndex, f: Finding, version: number): Diagnostic {
  const data: DiagnosticData = { key: findingKey(f), version };
  return {
    range: toRange(lines, f.span),
    severity: SEVERITY[f.severity],
    source: SOURCE,
    code: f.code,
    codeDescription: { href: docsUrl(f.code) },
    message: f.message,
    ...(f.unnecessary ? { tags: [DiagnosticTag.Unnecessary] } : {}),
    ...(f.related
      ? { relatedInformation: f.related.map((r) => ({ location: 'uri' in r ? { uri: r.uri, range: r.range } : { uri, range: toRange(lines, r.span) }, message: r.message })) }
      : {}),
    data,
  };
}

export function isDiagnosticData(x: unknown): x is DiagnosticData {
  return typeof x === 'object' && x !== null && typeof (x as DiagnosticData).key === 'string' && typeof (x as DiagnosticData).version === 'number';
}
