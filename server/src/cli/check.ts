/** `microvm-lint check`: findings for files and folders, as text or JSON. */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import type { NixParser } from '../parse/nixParser';
import { mayMatter } from '../workspace/fileFacts';
import { DEFAULT_OPTIONS, type AnalysisOptions } from '../rules/options';
import type { Finding, Severity } from '../rules/rule';
import { withoutBom } from '../text/bom';
import { LineIndex } from '../text/lineIndex';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileStat, type FileStat, type ResultCache } from './cache';
import { checkFile, type Candidate, type FileResult } from './fileCheck';
import { errorCode } from '../fs/errors';
import type { ConfigLookup } from '../fs/configFiles';
import { collectNixFiles, NamedPathError } from '../fs/walk';

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
  /** Files that may have a finding, with their text and the options that apply to them (in walk order). */
  candidates: Candidate[];
  /** Files the pre-filter dropped, in walk order: one may still be a list another file imports as its interfaces (cli/crossFile.ts). */
  dropped: string[];
  /** Every file walked, in order. */
  walked: readonly string[];
  /** The options that apply to a file. */
  optionsOf(file: string): AnalysisOptions;
  warnings: string[];
  filesChecked: number;
}

/** The options for each file: one set for all, or per file from the configuration files (cli/configs.ts), whose `ignore` globs the walk applies. */
export type OptionsSource = AnalysisOptions | (ConfigLookup & { optionsFor(absFile: string): AnalysisOptions });

/**
 * Walks `paths` and keeps the files that may have a finding; the others are
 * neither decoded nor parsed. A named file that cannot be read throws
 * (NamedPathError); one met while walking becomes a warning. `onCandidate`
 * sees each kept file as soon as it is read (the CLI's workers start on the
 * first ones while the walk goes on). With `cache`, a file it knows unchanged
 * by its metadata is not read: dropped again, or kept with its text read
 * only if asked for (cli/cache.ts).
 */
export function selectFiles(paths: readonly string[], source: OptionsSource = DEFAULT_OPTIONS, onCandidate?: (c: Candidate) => void, cache?: ResultCache): Selection {
  const perFile = 'optionsFor' in source ? source : undefined;
  const { files, warnings, named } = collectNixFiles(paths, perFile);
  const candidates: Selection['candidates'] = [];
  const dropped: string[] = [];
  const reader = new FileReader();
  const optionsOf = (file: string) => (perFile ? perFile.optionsFor(resolve(file)) : (source as AnalysisOptions));
  for (const file of files) {
    const st = cache ? statSync(file, { throwIfNoEntry: false }) : undefined;
    const stat = st?.isFile() ? fileStat(st) : undefined;
    let options: AnalysisOptions | undefined;
    if (stat) {
      if (cache!.skipped(file, stat)) {
        dropped.push(file);
        continue;
      }
      options = optionsOf(file);
      if (cache!.unchanged(file, stat, options)) {
        const candidate = unreadCandidate(file, options, stat);
        candidates.push(candidate);
        onCandidate?.(candidate);
        continue;
      }
    }
    let bytes: Buffer;
    try {
      bytes = reader.read(file);
    } catch (e) {
      if (named.has(file)) throw new NamedPathError(`cannot read ${file}: ${errorCode(e)}`);
      warnings.push(`${file}: cannot read (${errorCode(e)}), skipped`);
      continue;
    }
    // A file without findings of its own still matters when it declares MicroVM options (a host importing its VMs' files).
    if (!mayMatter(bytes, {})) {
      if (stat) cache!.noteSkipped(file, stat);
      dropped.push(file);
      continue;
    }
    const candidate: Candidate = { file, text: withoutBom(bytes.toString('utf8')), options: options ?? optionsOf(file), ...(stat ? { stat } : {}) };
    candidates.push(candidate);
    onCandidate?.(candidate);
  }
  return { candidates, dropped, walked: files, optionsOf, warnings, filesChecked: files.length };
}

/**
 * A file whose result the cache keeps: its text is read when something needs it (its
 * findings' positions, a cross-file check), once. A file gone since the walk reads as empty.
 */
function unreadCandidate(file: string, options: AnalysisOptions, stat: FileStat): Candidate {
  let text: string | undefined;
  return {
    file,
    options,
    stat,
    get text() {
      if (text === undefined) {
        try {
          text = withoutBom(readFileSync(file, 'utf8'));
        } catch {
          text = '';
        }
      }
      return text;
    },
  };
}

/**
 * Reads whole files into one reused buffer (open, read, close: no stat and no
 * allocation per file): most files are only searched by the pre-filter and
 * dropped. The bytes are valid until the next read; copy what is kept.
 */
class FileReader {
  private buffer = Buffer.allocUnsafe(1 << 18);

  read(file: string): Buffer {
    const fd = openSync(file, 'r');
    try {
      let length = 0;
      for (;;) {
        if (length === this.buffer.length) {
          const bigger = Buffer.allocUnsafe(this.buffer.length * 2);
          this.buffer.copy(bigger, 0, 0, length);
          this.buffer = bigger;
        }
        const n = readSync(fd, this.buffer, length, this.buffer.length - length, null);
        if (n === 0) return this.buffer.subarray(0, length);
        length += n;
      }
    } finally {
      closeSync(fd);
    }
  }
}

/**
 * Parses and analyses the selected files in this thread (`parser` may be
 * absent when none needs parsing). With a cache, a file whose text and
 * options it knows is not parsed, and the others' results are stored.
 */
export function checkSelection(
  parser: NixParser | undefined,
  selection: Selection,
  onProgress?: (done: number, total: number) => void,
  cache?: ResultCache,
): CheckResult {
  const total = selection.candidates.length;
  const results = selection.candidates.map((candidate, n) => {
    onProgress?.(n, total);
    const known = cache?.lookup(candidate);
    if (known) return known;
    if (!parser) throw new Error('checkSelection: files to parse but no parser');
    const result = checkFile(parser, candidate.text, candidate.options);
    cache?.store(candidate, result);
    return result;
  });
  return resultOf(selection, results);
}

/** The report for `selection` given each candidate's result (same order): files with findings, in walk order. */
export function resultOf(selection: Selection, results: readonly FileResult[]): CheckResult {
  const out: FileFindings[] = [];
  for (const [n, { file, text }] of selection.candidates.entries()) {
    const { findings } = results[n];
    if (findings.length > 0) out.push({ file, lines: new LineIndex(text), findings });
  }
  return { results: out, warnings: selection.warnings, filesChecked: selection.filesChecked };
}

export function checkPaths(parser: NixParser, paths: readonly string[], options: OptionsSource): CheckResult {
  return checkSelection(parser, selectFiles(paths, options));
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
      ...(f.related
        ? {
            related: f.related.map((r) =>
              'span' in r
                ? { file, range: { start: lines.positionAt(r.span.start), end: lines.positionAt(r.span.end) }, message: r.message }
                : { file: relative(process.cwd(), fileURLToPath(r.uri)), range: r.range, message: r.message },
            ),
          }
        : {}),
    })),
  );
  return JSON.stringify({ filesChecked: result.filesChecked, findings, warnings: result.warnings }, null, 2) + '\n';
}
