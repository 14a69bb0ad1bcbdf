/**
 * The built `microvm-lint` command as a user runs it (dist/cli.js, a child
 * process), and folders of files to run it on.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..'); // dist/test/<dir>/x.test.js -> the repository
export const CLI = join(ROOT, 'dist', 'cli.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Without the variables the CI environment may set for us (GITHUB_WORKSPACE changes SARIF and github paths). */
function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const { GITHUB_WORKSPACE: _, ...rest } = process.env;
  return { ...rest, ...env };
}

/** Runs `microvm-lint ARGS` in `cwd` and waits for it. */
export function runCli(args: readonly string[], cwd = ROOT, env: Record<string, string> = {}): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: cleanEnv(env) });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same, without blocking: several runs can go at once. */
export function runCliAsync(args: readonly string[], cwd = ROOT, env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: cleanEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Writes `files` (paths relative to `dir`, folders created) and returns `dir`. */
export function writeTree(dir: string, files: Record<string, string>): string {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}
