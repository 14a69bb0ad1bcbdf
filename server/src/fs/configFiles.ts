/**
 * The configuration files (`microvm-lint.json`) on disk, for the CLI and the
 * desktop server's workspace index: the one in a folder, and the nearest
 * one at or above a folder, each read once. A file with problems throws
 * ConfigError, one line naming the file and the key: the CLI stops on it
 * (a typo in CI configuration must not pass silently).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CONFIG_FILE_NAME, parseConfig, type ProjectConfig } from '../config/configFile';
import { errorCode, isNotFound } from './errors';
import type { IgnoreRules } from './walk';

export class ConfigError extends Error {}

export interface FoundConfig {
  /** The folder the file is in (absolute). */
  dir: string;
  config: ProjectConfig;
}

export class ConfigFiles {
  private readonly inDirCache = new Map<string, FoundConfig | null>();
  private readonly nearestCache = new Map<string, FoundConfig | null>();

  /** The configuration file in `dir` itself (absolute), if any. */
  inDir(dir: string): FoundConfig | undefined {
    let found = this.inDirCache.get(dir);
    if (found === undefined) {
      found = read(dir);
      this.inDirCache.set(dir, found);
    }
    return found ?? undefined;
  }

  /** The nearest configuration file at or above `dir` (absolute). */
  nearest(dir: string): FoundConfig | undefined {
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
}

function read(dir: string): FoundConfig | null {
  const path = join(dir, CONFIG_FILE_NAME);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (isNotFound(e)) return null;
    throw new ConfigError(`${path}: cannot read (${errorCode(e)})`);
  }
  const { config, problems } = parseConfig(text);
  if (problems.length > 0) throw new ConfigError(`${path}: ${problems[0]}`);
  return { dir, config };
}
