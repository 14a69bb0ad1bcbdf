/**
 * Finds the .nix files under the given paths. Directories are entered once
 * by their real path, so symlink loops end; unreadable entries met while
 * walking become warnings instead of failures.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
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
  const seen = new Set<string>();
  const visitDir = (dir: string) => {
    let real: string;
    let names: string[];
    try {
      real = realpathSync(dir);
      if (seen.has(real)) return;
      seen.add(real);
      names = readdirSync(dir).sort();
    } catch (e) {
      warnings.push(`${dir}: cannot read directory (${errorCode(e)}), skipped`);
      return;
    }
    for (const name of names) {
      const p = join(dir, name);
      let st;
      try {
        st = statSync(p);
      } catch (e) {
        warnings.push(`${p}: cannot read (${errorCode(e)}), skipped`);
        continue;
      }
      if (st.isDirectory()) {
        if (!SKIPPED_DIRS.has(name)) visitDir(p);
      } else if (st.isFile() && name.endsWith('.nix')) files.push(p);
    }
  };
  for (const p of paths) {
    const st = statSync(p); // a missing argument is a usage error: let it throw
    if (st.isDirectory()) visitDir(p);
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
