/**
 * `check --cache`: each file's FileResult (what `checkFile` returns) kept
 * between runs (as ESLint's --cache), keyed by the file's content hash, the
 * options that apply to it and the tool's version, so a re-run over
 * unchanged files parses nothing. A changed file, rule setting or version
 * recomputes what it must. Cross-file rules are recomputed on every run
 * from the per-file summaries kept in the FileResult (cli/crossFile.ts).
 *
 * Like git's index, an entry also keeps the file's metadata (size, mtime,
 * ctime, inode): a file whose metadata is unchanged is not read again, and
 * files the pre-filter dropped are remembered so, too. Metadata is kept only
 * for files last changed well before the run read them (git's "racily
 * clean" guard): an edit in the same clock tick as the read cannot hide
 * behind an equal mtime; such files are hashed again next time.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync, type Stats } from 'node:fs';
import { resolve } from 'node:path';
import type { AnalysisOptions } from '../rules/options';
import { VERSION } from '../version';
import type { Candidate, FileResult } from './fileCheck';
import { errorCode } from '../fs/errors';

export const DEFAULT_CACHE_FILE = '.microvm-lint-cache';
/**
 * What an entry holds; a cache of another shape (before summaries, with "Ignore" fixes, without metadata
 * or MAC settings), or whose dropped files a pre-filter blind to escapes chose (`"macvt\ap"`), is started afresh.
 */
const FORMAT = 5;

/** What identifies a file's version without reading it (git's index keeps the same). */
export interface FileStat {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

export const fileStat = (st: Stats): FileStat => ({ size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino });

/**
 * A file changed less than this before the run read it may change again within the
 * file system's timestamp resolution (2 s on FAT) unnoticed: its metadata is not trusted.
 */
const RACY_MS = 2000;

/** A file's result with what it is valid for. */
type Checked = FileResult & {
  hash: string;
  options: string;
  stat?: FileStat;
};

/** A file the pre-filter dropped (it cannot matter to any rule), as it was then. */
interface Skipped {
  skipped: true;
  stat: FileStat;
}

type Entry = Checked | Skipped;

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

  /** `now`: when the run started (tests set it). */
  constructor(
    private readonly path: string,
    private readonly now = Date.now(),
  ) {
    this.entries = readCache(path);
  }

  /** The file is as it was when the pre-filter last dropped it: it need not be read. */
  skipped(file: string, stat: FileStat): boolean {
    const entry = this.entries[resolve(file)];
    return entry !== undefined && 'skipped' in entry && sameStat(entry.stat, stat);
  }

  /** A result is kept for this file as it is now (by its metadata) and these options: its text need not be read. */
  unchanged(file: string, stat: FileStat, options: AnalysisOptions): boolean {
    const entry = this.entries[resolve(file)];
    return entry !== undefined && !('skipped' in entry) && entry.stat !== undefined && sameStat(entry.stat, stat) && entry.options === optionsKey(options);
  }

  /** Remembers a file the pre-filter dropped (when its metadata can be trusted next time). */
  noteSkipped(file: string, stat: FileStat): void {
    const key = resolve(file);
    const entry = this.entries[key];
    if (!this.trusted(stat)) {
      if (!entry) return;
      delete this.entries[key];
    } else {
      if (entry && 'skipped' in entry && sameStat(entry.stat, stat)) return;
      this.entries[key] = { skipped: true, stat };
    }
    this.changed = true;
  }

  /**
   * The result stored for this candidate and its options, if it is still valid: by its
   * metadata when `selectFiles` gave it (then its text is not read), else by its text's hash.
   */
  lookup(candidate: Candidate): FileResult | undefined {
    const entry = this.entries[resolve(candidate.file)];
    if (!entry || 'skipped' in entry || entry.options !== optionsKey(candidate.options)) return undefined;
    const byStat = candidate.stat !== undefined && entry.stat !== undefined && sameStat(entry.stat, candidate.stat);
    if (!byStat && entry.hash !== this.hashOf(candidate.file, candidate.text)) return undefined;
    const { hash: _hash, options: _options, stat: _stat, ...result } = entry;
    return result;
  }

  store(candidate: Candidate, result: FileResult): void {
    const { file, text, options, stat } = candidate;
    this.entries[resolve(file)] = { ...result, hash: this.hashOf(file, text), options: optionsKey(options), ...(stat && this.trusted(stat) ? { stat } : {}) };
    this.changed = true;
  }

  /** Changed long enough before this run for an equal stat to mean an equal file (see RACY_MS). */
  private trusted(stat: FileStat): boolean {
    return stat.mtimeMs < this.now - RACY_MS && stat.ctimeMs < this.now - RACY_MS;
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

function sameStat(a: FileStat, b: FileStat): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
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
