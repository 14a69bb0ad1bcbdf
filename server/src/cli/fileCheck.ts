/**
 * One file's part of `microvm-lint check`: text and options in, a plain
 * serializable result out. The single-threaded path, the worker threads and
 * `--cache` all deal in this one unit, so what a worker returns, what the
 * cache stores and what a run without either computes cannot drift apart.
 * It carries the file's summary too (workspace/summary.ts), from which the
 * cross-file rules are recomputed (cli/crossFile.ts), also for cached files.
 */
import type { NixParser } from '../parse/nixParser';
import type { AnalysisOptions } from '../rules/options';
import type { FileStat } from './cache';
import type { Finding } from '../rules/rule';
import { factsOf } from '../workspace/fileFacts';
import type { WorkspaceContext } from '../rules/workspaceContext';
import type { FileSummary } from '../workspace/summary';

export interface FileResult {
  /** In the order `analyze` returns them (by position). */
  findings: Finding[];
  /** What other files need to know of it (VMs, ids, MACs, literal imports). */
  summary: FileSummary;
}

/**
 * A file `check` selected: its path as walked, its text (no byte order mark) and the options
 * that apply to it; with `--cache`, its metadata (the text of a file the cache knows unchanged
 * is read only if asked for).
 */
export interface Candidate {
  file: string;
  readonly text: string;
  options: AnalysisOptions;
  stat?: FileStat;
}

/** `workspace`: what the other checked files say about this one (the second, cross-file pass). */
export function checkFile(parser: NixParser, text: string, options: AnalysisOptions, workspace?: WorkspaceContext): FileResult {
  const { summary, analysis } = factsOf(parser, text, workspace?.role ?? {}, options, workspace);
  return { findings: analysis?.findings ?? [], summary };
}
