/**
 * One file's part of `microvm-lint check`: text and options in, a plain
 * serializable result out. The single-threaded path, the worker threads and
 * `--cache` all deal in this one unit, so what a worker returns, what the
 * cache stores and what a run without either computes cannot drift apart.
 * (Per-file summaries for cross-file rules belong here too: add a field to
 * FileResult and fill it in `checkFile`; workers and the cache carry it.)
 */
import type { NixParser } from '../parse/nixParser';
import { analyze } from '../rules/analyze';
import type { AnalysisOptions } from '../rules/options';
import type { Finding } from '../rules/rule';

export interface FileResult {
  /** In the order `analyze` returns them (by position). */
  findings: Finding[];
}

/** A file `check` selected: its path as walked, its text (no byte order mark) and the options that apply to it. */
export interface Candidate {
  file: string;
  text: string;
  options: AnalysisOptions;
}

export function checkFile(parser: NixParser, text: string, options: AnalysisOptions): FileResult {
  const tree = parser.parse(text);
  try {
    return { findings: analyze(tree, text, { options }).findings };
  } finally {
    tree.delete();
  }
}
