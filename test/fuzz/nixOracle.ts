/**
 * Nix's own parser (`nix-instantiate --parse`) as the judge of fixes, cached
 * by text hash: it is slow next to the server, so only texts a fix was
 * offered for (and the fixed texts) are ever asked about.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class NixOracle {
  readonly available = spawnSync('nix-instantiate', ['--version']).status === 0;
  /** Texts judged by nix-instantiate (cache hits not counted). */
  checks = 0;
  private readonly cache = new Map<string, boolean>();
  private readonly dir = mkdtempSync(join(tmpdir(), 'microvm-lint-fuzz-nix-'));
  private n = 0;

  /** Whether Nix accepts each text (one invocation for all new texts; one each only when that fails). */
  accepts(texts: readonly string[]): boolean[] {
    const fresh = [...new Set(texts.map(hash))].filter((h) => !this.cache.has(h));
    if (fresh.length > 0) {
      const byHash = new Map(texts.map((t) => [hash(t), t]));
      const files = fresh.map((h) => {
        const file = join(this.dir, `${this.n++}.nix`);
        writeFileSync(file, byHash.get(h)!);
        return { h, file };
      });
      this.checks += files.length;
      const all = files.length > 1 && parses(files.map((f) => f.file));
      for (const f of files) this.cache.set(f.h, all || parses([f.file]));
    }
    return texts.map((t) => this.cache.get(hash(t))!);
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function parses(files: string[]): boolean {
  return spawnSync('nix-instantiate', ['--parse', ...files], { stdio: 'ignore' }).status === 0;
}

const hash = (text: string) => createHash('sha256').update(text).digest('hex');
