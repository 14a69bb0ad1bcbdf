/**
 * Finds the .nix files under the given paths (the CLI's `check`, and the
 * desktop server's workspace index), as git and the user would
 * expect: `.git`, `node_modules`, `result*` (nix build links) and `.direnv`
 * are skipped, so are files matched by `.gitignore` files (the `ignore`
 * library: gitignore semantics, nested files apply below their folder) and
 * by the `ignore` globs of any enclosing configuration file (the rule is
 * config/resolve.ts's isIgnored: the same in the editor). A file named on
 * the command line is always checked, and a path that cannot be read is an
 * error (exit 2).
 * Directories are entered once (by real path), so symlink loops end,
 * and a file reached twice (through a symlink) is listed once.
 */
import { readdirSync, readFileSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { dirname, join, normalize, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { CONFIG_FILE_NAME } from '../config/configFile';
import { isIgnored, type LocatedConfig } from '../config/resolve';
import { isSkippedFolder } from '../config/skippedFolders';
import { toPosix, type ConfigLookup } from './configFiles';
import { errorCode } from './errors';

export interface WalkResult {
  files: string[];
  /** Unreadable entries met while walking: reported and skipped. */
  warnings: string[];
  /** The paths named on the command line that are files (read errors for those are fatal). */
  named: Set<string>;
}

/** A path named on the command line cannot be read (the CLI exits 2). */
export class NamedPathError extends Error {}

interface Matcher {
  base: string;
  ig: Ignore;
}

/** What leaves out the entries of one folder: the .gitignore files that apply there, and the enclosing configuration files. */
interface Filters {
  gitignores: readonly Matcher[];
  /** `dir/` relative to each .gitignore's folder in posix form ('' at the folder itself), or undefined outside it. */
  prefixes: readonly (string | undefined)[];
  configs: readonly LocatedConfig[];
  /** The folder's absolute path in posix form, ending with '/'. */
  posixDir: string;
}

/**
 * `configs` finds the configuration files: the one in each folder entered
 * (asked only where the listing has one), and those at or above the folder
 * of a named path.
 */
export function collectNixFiles(paths: readonly string[], configs?: ConfigLookup): WalkResult {
  const files: string[] = [];
  const warnings: string[] = [];
  const named = new Set<string>();
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();

  const filtersAt = (absDir: string, gitignores: readonly Matcher[], enclosing: readonly LocatedConfig[]): Filters => {
    const posixDir = toPosix(absDir);
    return {
      gitignores,
      prefixes: gitignores.map((m) => {
        const rel = relative(m.base, absDir);
        if (rel.startsWith('..')) return undefined;
        return rel === '' ? '' : toPosix(rel) + '/';
      }),
      configs: enclosing,
      posixDir: posixDir.endsWith('/') ? posixDir : `${posixDir}/`,
    };
  };

  /** Is `name` in the folder of `f` left out? Each .gitignore sees the path relative to its own folder; the configuration files' rule is config/resolve.ts's. */
  const ignored = (f: Filters, name: string, isDir: boolean): boolean => {
    for (let i = 0; i < f.gitignores.length; i++) {
      const prefix = f.prefixes[i];
      if (prefix !== undefined && f.gitignores[i].ig.ignores(prefix + name + (isDir ? '/' : ''))) return true;
    }
    return f.configs.length > 0 && isIgnored(f.configs, f.posixDir + name, isDir);
  };

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
  const enter = (dir: string, real: string, gitignores: readonly Matcher[], enclosing: readonly LocatedConfig[]) => {
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
    const here = entries.some((e) => e.name === '.gitignore' && !e.isDirectory()) ? [...gitignores, ...gitignoreOf(dir, warnings)] : gitignores;
    // Asked only where a configuration file is (its name is in the listing): no failed open per folder.
    let own: LocatedConfig | undefined;
    if (entries.some((e) => e.name === CONFIG_FILE_NAME)) own = configs?.inDir(absDir);
    else configs?.noteListed?.(absDir);
    const f = filtersAt(absDir, here, own ? [...enclosing, own] : enclosing);
    for (const entry of entries) {
      const name = entry.name;
      if (entry.isFile()) {
        if (name.endsWith('.nix') && !ignored(f, name, false)) addFile(inDir + name, inReal + name);
      } else if (entry.isDirectory()) {
        if (!isSkippedFolder(name) && !ignored(f, name, true)) enter(inDir + name, inReal + name, f.gitignores, f.configs);
      } else if (entry.isSymbolicLink()) {
        visitLink(inDir + name, name, f);
      }
    }
  };

  const visitLink = (p: string, name: string, f: Filters) => {
    let st: Stats;
    let real: string;
    try {
      ({ st, real } = statReal(p));
    } catch (e) {
      warnings.push(`${p}: cannot read (${errorCode(e)}), skipped`);
      return;
    }
    if (st.isDirectory()) {
      if (!isSkippedFolder(name) && !ignored(f, name, true)) enter(p, real, f.gitignores, f.configs);
    } else if (st.isFile() && name.endsWith('.nix') && !ignored(f, name, false)) addFile(p, real);
  };

  for (const p of paths) {
    let st: Stats;
    let real: string;
    try {
      ({ st, real } = statReal(p));
    } catch (e) {
      throw new NamedPathError(`cannot read ${p}: ${errorCode(e)}`);
    }
    const abs = resolve(p);
    // The configuration files above a named folder; its own is read when it is entered, as below.
    if (st.isDirectory()) enter(p, real, ancestorGitignores(abs, warnings), configs?.enclosing(dirname(abs)) ?? []);
    else {
      named.add(p);
      addFile(p, real);
    }
  }
  return { files, warnings, named };
}

/** A path's stat (following links) and real path; throws what the file system says. */
function statReal(p: string): { st: Stats; real: string } {
  return { st: statSync(p), real: realpathSync.native(p) };
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
 * The `.gitignore` files above a named folder, up to the repository's root
 * (the folder holding `.git`), outermost first: `check sub/dir` in a
 * repository skips what `git status` would. The folder's own `.gitignore`
 * is read when it is entered.
 */
function ancestorGitignores(abs: string, warnings: string[]): Matcher[] {
  if (exists(join(abs, '.git'))) return [];
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
