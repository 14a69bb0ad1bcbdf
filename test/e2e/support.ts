/**
 * Small helpers shared by the editor end-to-end tests: where the repository
 * is, temporary folders that never touch the user's home, and waiting on a
 * condition with a hang guard.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The repository root: the nearest folder above this bundle whose package.json is ours. */
export const REPO_ROOT: string = (() => {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === 'microvm-lint') return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
})();

/** Screenshots and result files of the e2e runs. */
export const OUTPUT_DIR = path.join(REPO_ROOT, 'test-output', 'e2e');

const temporary = new Set<string>();

/** A fresh temporary folder; `MICROVM_LINT_E2E_KEEP=1` keeps it (for looking at logs), else `remove()` deletes it. */
export function tempFolder(prefix: string): { path: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `microvm-lint-${prefix}-`));
  temporary.add(dir);
  return { path: dir, remove: () => removeTemp(dir) };
}

function removeTemp(dir: string): void {
  temporary.delete(dir);
  if (process.env.MICROVM_LINT_E2E_KEEP === '1') console.log(`# kept ${dir}`);
  else fs.rmSync(dir, { recursive: true, force: true });
}

/** Removes every temporary folder not removed yet (for signal handlers). */
export function removeAllTempFolders(): void {
  for (const dir of [...temporary]) removeTemp(dir);
}

/** Copies examples/ into `dir`/workspace (tests edit the copy, never the repository) and returns its path. */
export function copyExamples(dir: string): string {
  const ws = path.join(dir, 'workspace');
  fs.cpSync(path.join(REPO_ROOT, 'examples'), ws, { recursive: true });
  return ws;
}

/** Environment for a child process whose HOME and XDG folders are under `home`, without VS Code's own variables from a calling terminal. */
export function isolatedEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    // VSCODE_IPC_HOOK_CLI would make code-server hand its arguments to the editor it runs in.
    if (!/^(VSCODE_|ELECTRON_)/.test(k)) env[k] = v;
  }
  for (const sub of ['.config', '.cache', '.local/share']) fs.mkdirSync(path.join(home, sub), { recursive: true });
  return {
    ...env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_DATA_HOME: path.join(home, '.local/share'),
    ...extra,
  };
}

/** Thrown by a `waitFor` probe to stop waiting at once (the awaited thing can no longer happen). */
export class GiveUp extends Error {}

/**
 * Polls `probe` until it returns a value other than undefined; rejects after
 * `timeoutMs` with `what` and the last error (a hang guard, not a delay).
 * Other errors thrown by `probe` count as "not yet", except GiveUp.
 */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs: number, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (e) {
      if (e instanceof GiveUp) throw e;
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
