/**
 * The configuration files (`microvm-lint.json`) on disk, for the CLI and the
 * desktop server's walk: the one in a folder, the nearest one at or above a
 * folder, and all of those (config/resolve.ts says what each is for), each
 * read once. Strict (the CLI): a file with problems throws ConfigError, one
 * line naming the file and the key, and the CLI stops on it (a typo in CI
 * configuration must not pass silently). Lenient (the desktop server's walk):
 * an unreadable file counts as absent and what is valid in a file applies,
 * as the server does where it reads the file for a document and warns.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { CONFIG_FILE_NAME, parseConfig } from '../config/configFile';
import type { LocatedConfig } from '../config/resolve';
import { errorCode, isNotFound } from './errors';

export class ConfigError extends Error {}

/** What the walk asks (fs/walk.ts). */
export interface ConfigLookup {
  /** The configuration file in `dir` itself (absolute), if any. */
  inDir(dir: string): LocatedConfig | undefined;
  /** The configuration files at or above `dir` (absolute), outermost first. */
  enclosing(dir: string): readonly LocatedConfig[];
  /** Told of each folder listed without a configuration file: it need not be asked again. */
  noteListed?(dir: string): void;
}

export class ConfigFiles implements ConfigLookup {
  private readonly inDirCache = new Map<string, LocatedConfig | null>();
  private readonly enclosingCache = new Map<string, readonly LocatedConfig[]>();

  constructor(private readonly strict = true) {}

  inDir(dir: string): LocatedConfig | undefined {
    let found = this.inDirCache.get(dir);
    if (found === undefined) {
      found = read(dir, this.strict);
      this.inDirCache.set(dir, found);
    }
    return found ?? undefined;
  }

  enclosing(dir: string): readonly LocatedConfig[] {
    let found = this.enclosingCache.get(dir);
    if (found === undefined) {
      const parent = dirname(dir);
      const above = parent === dir ? [] : this.enclosing(parent);
      const here = this.inDir(dir);
      found = here ? [...above, here] : above;
      this.enclosingCache.set(dir, found);
    }
    return found;
  }

  /** The nearest configuration file at or above `dir` (absolute). */
  nearest(dir: string): LocatedConfig | undefined {
    return this.enclosing(dir).at(-1);
  }

  noteListed = (dir: string): void => {
    if (!this.inDirCache.has(dir)) this.inDirCache.set(dir, null);
  };
}

function read(dir: string, strict: boolean): LocatedConfig | null {
  const path = join(dir, CONFIG_FILE_NAME);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (isNotFound(e) || !strict) return null;
    throw new ConfigError(`${path}: cannot read (${errorCode(e)})`);
  }
  const { config, problems } = parseConfig(text);
  if (problems.length > 0 && strict) throw new ConfigError(`${path}: ${problems[0]}`);
  return { folder: toPosix(dir), config };
}

/** config/resolve.ts compares '/'-separated paths. */
export const toPosix = (p: string): string => (sep === '/' ? p : p.split(sep).join('/'));
