/**
 * How the settings of one file are resolved: the same rule for the CLI and
 * the language server (desktop and web). Pure: the hosts find and read the
 * `microvm-lint.json` files (fs/configFiles.ts, features/projectConfig.ts)
 * and hand them here.
 *
 * Options: the built-in defaults, then the NEAREST microvm-lint.json at or
 * above the file (its `rules` and `preferredMode`; an outer file's are not
 * merged in), then what the user set explicitly (the CLI's `--rule` and
 * `--preferred-mode`; the editor settings the user wrote). What the user set
 * wins even when it equals the default.
 *
 * Ignore: a file is left out when the `ignore` globs of ANY enclosing
 * microvm-lint.json match it, each relative to that file's own folder, in
 * gitignore syntax (a matched folder leaves out everything below it).
 */
import ignore, { type Ignore } from 'ignore';
import type { MacvtapMode } from '../knowledge/macvtapModes';
import { DEFAULT_OPTIONS, type AnalysisOptions } from '../rules/options';
import type { Severity } from '../rules/rule';
import { EMPTY_CONFIG, type ProjectConfig } from './configFile';

/** What the user set explicitly: a key that is absent was not set. */
export interface UserOptions {
  preferredMode?: MacvtapMode;
  rules: Readonly<Record<string, Severity | 'off'>>;
}

const resolved = new WeakMap<UserOptions, WeakMap<ProjectConfig, AnalysisOptions>>();

/**
 * The options for a file whose nearest configuration file is `nearest`
 * (undefined: none). The same inputs give the same object: analyses, the
 * CLI's workers and its cache key on it.
 */
export function resolveOptions(nearest: ProjectConfig | undefined, user: UserOptions): AnalysisOptions {
  const config = nearest ?? EMPTY_CONFIG;
  let byConfig = resolved.get(user);
  // Stryker disable next-line ConditionalExpression: a cache; without it each call builds an equal object (same results, more work)
  if (!byConfig) resolved.set(user, (byConfig = new WeakMap()));
  let options = byConfig.get(config);
  // Stryker disable next-line ConditionalExpression: a cache, as above
  if (!options) {
    options = {
      preferredMode: user.preferredMode ?? config.preferredMode ?? DEFAULT_OPTIONS.preferredMode,
      severities: { ...DEFAULT_OPTIONS.severities, ...config.rules, ...user.rules },
    };
    byConfig.set(config, options);
  }
  return options;
}

/** A configuration file and the folder it is in: a '/'-separated path or URI, in the same form as the paths asked about. */
export interface LocatedConfig {
  folder: string;
  config: ProjectConfig;
}

const matchers = new WeakMap<ProjectConfig, Ignore>();

/**
 * Whether `path` (a file, or a folder with `isDir`) is left out by the
 * `ignore` globs of the configuration files `enclosing` it (those in its
 * folder and above; others are passed over). Paths and folders are
 * '/'-separated and in the same form: absolute paths, or decoded URIs.
 */
export function isIgnored(enclosing: readonly LocatedConfig[], path: string, isDir = false): boolean {
  for (const { folder, config } of enclosing) {
    // Stryker disable next-line ConditionalExpression: a shortcut; globs that are none match nothing
    if (config.ignore.length === 0) continue;
    const base = folder.endsWith('/') ? folder : `${folder}/`;
    if (!path.startsWith(base)) continue;
    let matcher = matchers.get(config);
    // Stryker disable next-line ConditionalExpression: a cache of compiled globs (same answers compiled anew)
    if (!matcher) matchers.set(config, (matcher = ignore().add([...config.ignore])));
    try {
      if (matcher.ignores(path.slice(base.length) + (isDir ? '/' : ''))) return true;
    } catch {
      // Not a relative path the globs can judge (`..`, a double slash): not theirs.
    }
  }
  return false;
}
