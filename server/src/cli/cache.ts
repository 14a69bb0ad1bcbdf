/**
 * `check --cache`: each file's FileResult (what `checkFile` returns) kept
 * between runs (as ESLint's --cache), keyed by the file's content hash, the
 * options that apply to it and the tool's version, so a re-run over
 * unchanged files parses nothing. A changed file, rule setting or version
 * recomputes what it must. Cross-file rules are recomputed on every run
 * from the per-file summaries kept in the FileResult (cli/crossFile.ts).
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AnalysisOptions } from '../rules/options';
import { VERSION } from '../version';
import type { FileResult } from './fileCheck';
import { errorCode } from './walk';

export const DEFAULT_CACHE_FILE = '.microvm-lint-cache';
/** What an entry holds; a cache of another shape (written before summaries were kept) is started afresh. */
const FORMAT = 2;

/** A file's result with what it is valid for. */
type Entry = FileResult & {
  hash: string;
  options: string;
};

interface CacheFile {
  tool: 'microvm-lint';
  version: string;
  format: number;
  entries: Record<string, Entry>;
}

export class ResultCache {
  private readonly entries: Record<string, Entry>;
  private changed = false;
  /** The last text hashed per file (the CLI asks twice: may it skip the parser, then for the findings). */
  private readonly hashes = new Map<string, { text: string; hash: string }>();

  constructor(private readonly path: string) {
    this.entries = readCache(path);
  }

  /** The result stored for this file's text and options, if it is still valid. */
  lookup(file: string, text: string, options: AnalysisOptions): FileResult | undefined {
    const entry = this.entries[resolve(file)];
    if (!entry || entry.hash !== this.hashOf(file, text) || entry.options !== optionsKey(options)) return undefined;
    const { hash: _hash, options: _options, ...result } = entry;
    return result;
  }

  store(file: string, text: string, options: AnalysisOptions, result: FileResult): void {
    this.entries[resolve(file)] = { ...result, hash: this.hashOf(file, text), options: optionsKey(options) };
    this.changed = true;
  }

  private hashOf(file: string, text: string): string {
    const known = this.hashes.get(file);
    if (known?.text === text) return known.hash;
    const h = createHash('sha256').update(text).digest('base64');
    this.hashes.set(file, { text, hash: h });
    return h;
  }

  /**
   * Writes the cache file when something changed: a temporary file renamed
   * over it, so a run that stops midway leaves the old cache whole. A cache
   * that cannot be written costs speed, not results: the reason is returned
   * for a warning.
   */
  save(): string | undefined {
    if (!this.changed) return undefined;
    const data: CacheFile = { tool: 'microvm-lint', version: VERSION, format: FORMAT, entries: this.entries };
    const tmp = `${this.path}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, JSON.stringify(data));
      renameSync(tmp, this.path);
      return undefined;
    } catch (e) {
      rmSync(tmp, { force: true });
      return `${this.path}: cannot write the cache (${errorCode(e)})`;
    }
  }
}

function readCache(path: string): Record<string, Entry> {
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as Partial<CacheFile>;
    // Another version's findings may differ: start afresh.
    if (data.tool === 'microvm-lint' && data.version === VERSION && data.format === FORMAT && typeof data.entries === 'object' && data.entries) return data.entries;
  } catch {
    // no cache yet, or not one of ours: start afresh
  }
  return {};
}

const optionsKeys = new WeakMap<AnalysisOptions, string>();

/** Options as a stable string: severities sorted by code (once per options object: most files share one). */
function optionsKey(options: AnalysisOptions): string {
  let key = optionsKeys.get(options);
  if (key === undefined) optionsKeys.set(options, (key = computeOptionsKey(options)));
  return key;
}

function computeOptionsKey(options: AnalysisOptions): string {
  const severities = Object.entries(options.severities).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([options.preferredMode, severities]);
}
