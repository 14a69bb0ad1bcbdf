/**
 * Finds the .nix files under the given paths (the CLI's `check`, and the
 * desktop server's workspace index), as git and the user would
 * expect: `.git`, `node_modules`, `result*` (nix build links) and `.direnv`
 * are skipped, so are files matched by `.gitignore` files (the `ignore`
 * library: gitignore semantics, nested files apply below their folder) and
 * by the configuration's `ignore` globs. A path named on the command line is
 * always checked, and one that cannot be read is an error (exit 2).
 * Directories are entered once (by real path), so symlink loops end,
 * and a file reached twice (through a symlink) is listed once.
 */
import { readdirSync, readFileSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { dirname, join, normalize, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { CONFIG_FILE_NAME } from '../config/configFile';
import { isSkippedFolder } from '../config/skippedFolders';
import { errorCode } from './errors';

export interface WalkResult {
  files: string[];
  /** Unreadable entries met while walking: reported and skipped. */
  warnings: string[];
  /** The paths named on the command line that are files (read errors for those are fatal). */
  named: Set<string>;
}

/** Globs that apply below `base` (a folder, absolute). */
export interface IgnoreRules {
  base: string;
  patterns: readonly string[];
}

/** A path named on the command line cannot be read (the CLI exits 2). */
export class NamedPathError extends Error {}

interface Matcher {
  base: string;
  ig: Ignore;
}

/**
 * `moreIgnores(dir, nearest)` gives more ignore rules (the configuration
 * file's): those of a file in `dir` itself for each folder entered, and
 * (`nearest`) those of the nearest file at or above the folder of a named path.
 */
export function collectNixFiles(
  paths: readonly string[],
  moreIgnores: (dir: string, nearest: boolean) => readonly IgnoreRules[] = () => [],
  /** Told of each folder listed without a configuration file. */
  noConfigIn?: (dir: string) => void,
): WalkResult {
  const files: string[] = [];
  const warnings: string[] = [];
  const named = new Set<string>();
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();
  const matchersOf = (rules: readonly IgnoreRules[]): Matcher[] => rules.map((r) => ({ base: r.base, ig: ignore().add([...r.patterns]) }));

  /** Is `name` in `absDir` ignored? Each matcher sees the path relative to its own folder. */
  const ignored = (matchers: readonly Matcher[], prefixes: readonly (string | undefined)[], name: string, isDir: boolean): boolean => {
    for (let i = 0; i < matchers.length; i++) {
      const prefix = prefixes[i];
      if (prefix === undefined) continue;
      if (matchers[i].ig.ignores(prefix + name + (isDir ? '/' : ''))) return true;
    }
    return false;
  };
  /** `dir/` relative to each matcher's folder in posix form ('' at the folder itself), or undefined outside it. */
  const prefixesFor = (matchers: readonly Matcher[], absDir: string) =>
    matchers.map((m) => {
      const rel = relative(m.base, absDir);
      if (rel.startsWith('..')) return undefined;
      return rel === '' ? '' : (sep === '/' ? rel : rel.split(sep).join('/')) + '/';
    });

  const addFile = (p: string, realPath: string) => {
    if (seenFiles.has(realPath)) return;
    seenFiles.add(realPath);
    files.push(p);
  };

  /**
   * Lists `dir`, whose real path is `real`: the folder's identity, so a
   * folder reached again through a symlink (a loop) is not entered twice.
   * Subfolders reached by name have real path `real/name`: no system call.
   */
  const enter = (dir: string, real: string, matchers: readonly Matcher[]) => {
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (e) {
      warnings.push(`${dir}: cannot read directory (${errorCode(e)}), skipped`);
      return;
    }
    const absDir = resolve(dir);
    // join(dir, name) and join(real, name) for every entry, without normalizing each time.
    const [inDir, inReal] = [childPrefix(dir), childPrefix(real)];
    let here = entries.some((e) => e.name === '.gitignore' && !e.isDirectory()) ? [...matchers, ...gitignoreOf(dir, warnings)] : matchers;
    // Asked only where a configuration file is (its name is in the listing): no failed open per folder.
    if (entries.some((e) => e.name === CONFIG_FILE_NAME)) here = [...here, ...matchersOf(moreIgnores(absDir, false))];
    else noConfigIn?.(absDir);
    const prefixes = prefixesFor(here, absDir);
    for (const entry of entries) {
      const name = entry.name;
      if (entry.isFile()) {
        if (name.endsWith('.nix') && !ignored(here, prefixes, name, false)) addFile(inDir + name, inReal + name);
      } else if (entry.isDirectory()) {
        if (!isSkippedFolder(name) && !ignored(here, prefixes, name, true)) enter(inDir + name, inReal + name, here);
      } else if (entry.isSymbolicLink()) {
        visitLink(inDir + name, name, here, prefixes);
      }
    }
  };

  const visitLink = (p: string, name: string, matchers: readonly Matcher[], prefixes: readonly (string | undefined)[]) => {
    let st: Stats;
    let real: string;
    try {
      st = statSync(p);
      real = realpathSync.native(p);
    } catch (e) {
      warnings.push(`${p}: cannot read (${errorCode(e)}), skipped`);
      return;
    }
    if (st.isDirectory()) {
      if (!isSkippedFolder(name) && !ignored(matchers, prefixes, name, true)) enter(p, real, matchers);
    } else if (st.isFile() && name.endsWith('.nix') && !ignored(matchers, prefixes, name, false)) addFile(p, real);
  };

  for (const p of paths) {
    let st: Stats;
    let real: string;
    try {
      st = statSync(p);
      real = realpathSync.native(p);
    } catch (e) {
      throw new NamedPathError(`cannot read ${p}: ${errorCode(e)}`);
    }
    const abs = resolve(p);
    const matchers = [...matchersOf(moreIgnores(dirname(abs), true)), ...ancestorGitignores(abs, st.isDirectory(), warnings)];
    if (st.isDirectory()) enter(p, real, matchers);
    else {
      named.add(p);
      addFile(p, real);
    }
  }
  return { files, warnings, named };
}

/** What `join(dir, name)` puts before `name` (an entry's name has no separator and is never "." or ".."). */
function childPrefix(dir: string): string {
  const norm = normalize(dir);
  if (norm === '.' || norm === `.${sep}`) return '';
  return norm.endsWith(sep) ? norm : norm + sep;
}

function gitignoreOf(dir: string, warnings: string[]): Matcher[] {
  try {
    return [{ base: resolve(dir), ig: ignore().add(readFileSync(join(dir, '.gitignore'), 'utf8')) }];
  } catch (e) {
    warnings.push(`${join(dir, '.gitignore')}: cannot read (${errorCode(e)}), not applied`);
    return [];
  }
}

/**
 * The `.gitignore` files above a named path, up to the repository's root
 * (the folder holding `.git`), outermost first: `check sub/dir` in a
 * repository skips what `git status` would. A named directory's own
 * `.gitignore` is read when it is entered.
 */
function ancestorGitignores(abs: string, isDir: boolean, warnings: string[]): Matcher[] {
  if (isDir && exists(join(abs, '.git'))) return [];
  const found: Matcher[] = [];
  for (let dir = dirname(abs); ; dir = dirname(dir)) {
    if (exists(join(dir, '.gitignore'))) found.unshift(...gitignoreOf(dir, warnings));
    if (exists(join(dir, '.git')) || dirname(dir) === dir) break;
  }
  return found;
}

function exists(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}
