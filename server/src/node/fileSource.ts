/**
 * The desktop server's files: the workspace folders walked on disk with the
 * walker the CLI uses (`.git`, `node_modules`, `result*`, `.direnv`, `.gitignore`
 * and the `ignore` globs of every enclosing microvm-lint.json skipped), minus
 * `files.exclude`.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ignore from 'ignore';
import { ConfigFiles } from '../fs/configFiles';
import { collectNixFiles } from '../fs/walk';
import { withoutBom } from '../text/bom';
import type { FileSource } from '../workspace/fileSource';

/** `exclude()` gives the `files.exclude` globs that are on (VS Code glob syntax, which gitignore patterns read alike for the usual `**\/x`). */
export function nodeFileSource(exclude: () => Promise<string[]> = async () => []): FileSource {
  return {
    async list(folders, max) {
      const paths = folders.filter((f) => f.startsWith('file:')).map((f) => fileURLToPath(f));
      // Lenient: an unreadable or invalid microvm-lint.json is reported where the server reads it for a document.
      const { files } = collectNixFiles(paths, new ConfigFiles(false));
      const excluded = ignore().add(await exclude());
      const kept = files.filter((file) => {
        const folder = paths.find((p) => !relative(p, file).startsWith('..'));
        const rel = folder ? relative(folder, file) : '';
        return rel === '' || !excluded.ignores(rel);
      });
      return kept.slice(0, max).map((f) => pathToFileURL(f).href);
    },
    async read(uri) {
      try {
        // Synchronous: a Nix file is small, and four thread-pool round trips per file (open, stat, read, close) cost
        // more than the read itself; the index reads between slices of at most a few milliseconds anyway.
        const text = readFileSync(fileURLToPath(uri), 'utf8');
        return withoutBom(text);
      } catch {
        return undefined;
      }
    },
  };
}

