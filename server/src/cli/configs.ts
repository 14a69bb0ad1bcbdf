/**
 * The configuration files (`microvm-lint.json`) the CLI meets: the one in a
 * folder, and the nearest one at or above a file, each read once. A file
 * with problems stops the run (exit 2) with one line naming the file and
 * the key: a typo in CI configuration must not pass silently.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CONFIG_FILE_NAME, EMPTY_CONFIG, parseConfig, type ProjectConfig } from '../config/configFile';
import type { AnalysisOptions } from '../rules/options';
import type { Severity } from '../rules/rule';
import type { IgnoreRules } from './walk';
import { errorCode } from './walk';

export class ConfigError extends Error {}

interface Found {
  dir: string;
  config: ProjectConfig;
}

export class Configs {
  private readonly inDirCache = new Map<string, Found | null>();
  private readonly nearestCache = new Map<string, Found | null>();
  private readonly optionsCache = new Map<Found | null, AnalysisOptions>();

  /**
   * `base` is what the command line asks for (--preferred-mode, --rule),
   * applied on top of each file's configuration.
   */
  constructor(
    private readonly base: AnalysisOptions,
    private readonly flags: { preferredMode?: AnalysisOptions['preferredMode']; rules: Readonly<Record<string, Severity | 'off'>> },
  ) {}

  /** The configuration file in `dir` itself (absolute), if any. */
  inDir(dir: string): Found | undefined {
    let found = this.inDirCache.get(dir);
    if (found === undefined) {
      found = read(dir);
      this.inDirCache.set(dir, found);
    }
    return found ?? undefined;
  }

  /** The nearest configuration file at or above `dir` (absolute). */
  nearest(dir: string): Found | undefined {
    let found = this.nearestCache.get(dir);
    if (found === undefined) {
      const parent = dirname(dir);
      found = this.inDir(dir) ?? (parent === dir ? undefined : this.nearest(parent)) ?? null;
      this.nearestCache.set(dir, found);
    }
    return found ?? undefined;
  }

  /** The walk's hook: a folder listed without a configuration file need not be asked again. */
  noteListed = (dir: string): void => {
    if (!this.inDirCache.has(dir)) this.inDirCache.set(dir, null);
  };

  /** The walk's hook: the ignore globs of the file in `dir`, or of the nearest one. */
  ignoresAt = (dir: string, nearest: boolean): IgnoreRules[] => {
    const found = nearest ? this.nearest(dir) : this.inDir(dir);
    return found && found.config.ignore.length > 0 ? [{ base: found.dir, patterns: found.config.ignore }] : [];
  };

  /**
   * The analysis options for a file (absolute path): its configuration, then
   * the command line's flags. Files under one configuration file get the same
   * object, so whoever keys on the options (workers, the cache) sees few.
   */
  optionsFor(absFile: string): AnalysisOptions {
    const found = this.nearest(dirname(absFile));
    const key = found ?? null;
    let options = this.optionsCache.get(key);
    if (!options) {
      const config = found?.config ?? EMPTY_CONFIG;
      options = {
        preferredMode: this.flags.preferredMode ?? config.preferredMode ?? this.base.preferredMode,
        severities: { ...this.base.severities, ...config.rules, ...this.flags.rules },
      };
      this.optionsCache.set(key, options);
    }
    return options;
  }
}

function read(dir: string): Found | null {
  const path = join(dir, CONFIG_FILE_NAME);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new ConfigError(`${path}: cannot read (${errorCode(e)})`);
  }
  const { config, problems } = parseConfig(text);
  if (problems.length > 0) throw new ConfigError(`${path}: ${problems[0]}`);
  return { dir, config };
}
