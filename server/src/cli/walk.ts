/**
 * Finds the .nix files under the given paths. Directories are entered once
 * (by device and inode), so symlink loops end; unreadable entries met while
 * walking become warnings instead of failures.
 */
import { readdirSync, statSync, type Dirent, type Stats } from 'node:fs';
import { join } from 'node:path';

export interface WalkResult {
  files: string[];
  warnings: string[];
}

const SKIPPED_DIRS = new Set(['.git', 'node_modules', 'result', '.direnv']);

/** Throws for a path given on the command line that does not exist. */
export function collectNixFiles(paths: readonly string[]): WalkResult {
  const files: string[] = [];
  const warnings: string[] = [];
  // Directories by device and inode: entering each once ends symlink loops,
  // at one stat per directory (realpath would lstat every path component).
  const seen = new Set<string>();
  const enter = (dir: string, st: Stats) => {
    const id = `${st.dev}:${st.ino}`;
    if (seen.has(id)) return;
    seen.add(id);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (e) {
      warnings.push(`${dir}: cannot read directory (${errorCode(e)}), skipped`);
      return;
    }
    for (const entry of entries) {
      const p = join(dir, entry.name);
      if (entry.isFile()) {
        if (entry.name.endsWith('.nix')) files.push(p);
      } else if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) visit(p, entry.name);
      } else if (entry.isSymbolicLink()) {
        visit(p, entry.name);
      }
    }
  };
  const visit = (p: string, name: string) => {
    let st: Stats;
    try {
      st = statSync(p);
    } catch (e) {
      warnings.push(`${p}: cannot read (${errorCode(e)}), skipped`);
      return;
    }
    if (st.isDirectory()) {
      if (!SKIPPED_DIRS.has(name)) enter(p, st);
    } else if (st.isFile() && name.endsWith('.nix')) files.push(p);
  };
  for (const p of paths) {
    const st = statSync(p); // a missing argument is a usage error: let it throw
    if (st.isDirectory()) enter(p, st);
    else files.push(p);
  }
  return { files, warnings };
}

const ERROR_TEXT: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'not a directory',
  ELOOP: 'too many levels of symbolic links',
  EISDIR: 'is a directory',
};

/** A short reason for a file system error: "permission denied" rather than a stack. */
export function errorCode(e: unknown): string {
  const code = (e as { code?: string }).code;
  return code ? (ERROR_TEXT[code] ?? code) : e instanceof Error ? e.message : String(e);
}
