/**
 * The analysis core's front door: text + tree in, findings out. Used the
 * same way by the language server, the CLI and the tests.
 */
import { buildModel, type AttrSetCache, type Model } from '../model';
import type { Tree } from '../parse/syntax-types';
import { LineIndex } from '../text/lineIndex';
import { RULES } from './index';
import { DEFAULT_OPTIONS, type AnalysisOptions } from './options';
import type { Finding } from './rule';

export interface Analysis {
  text: string;
  lines: LineIndex;
  model: Model;
  findings: Finding[];
}

export interface AnalyzeInput {
  options?: AnalysisOptions;
  /** The document's line table, when the caller already has it. */
  lines?: LineIndex;
  /** Facts of unchanged sets from the previous version (open documents keep one). */
  cache?: AttrSetCache;
}

export function analyze(tree: Tree, text: string, input: AnalyzeInput = {}): Analysis {
  const { options = DEFAULT_OPTIONS, lines = new LineIndex(text), cache } = input;
  const model = buildModel(tree, text, cache);
  const context = { text, lines, model, options };
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const severity = options.severities[rule.code] ?? rule.defaultSeverity;
    if (severity === 'off') continue;
    for (const f of rule.check(context)) findings.push({ ...f, severity });
  }
  findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code));
  return { text, lines, model, findings };
}

/**
 * Cheap pre-check: a file without "macvtap" cannot produce a finding from
 * today's rules. Takes raw bytes too (anything with `includes`), so the CLI
 * need not decode files it skips.
 */
export function mayHaveFindings(text: { includes(s: string): boolean }): boolean {
  return text.includes('macvtap');
}
