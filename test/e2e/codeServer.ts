/**
 * A real VS Code (code-server 4.100.3, VS Code 1.100.3) for the end-to-end
 * tests: started on a free 127.0.0.1 port with its own user data, extensions
 * and HOME under one temporary folder, and stopped with every process it
 * started (code-server leaves its file watcher behind when killed).
 * scripts/setup-code-server.sh installs it into .tools/code-server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { GiveUp, REPO_ROOT, isolatedEnv, waitFor } from './support';

/** code-server's entry script (`CODE_SERVER` overrides it). */
export function codeServerEntry(): string {
  const bin = process.env.CODE_SERVER ?? path.join(REPO_ROOT, '.tools/code-server/node_modules/.bin/code-server');
  if (!fs.existsSync(bin)) throw new Error(`code-server not found at ${bin}: run \`bash scripts/setup-code-server.sh\` first`);
  return fs.realpathSync(bin);
}

/** Settings that keep the workbench quiet: no trust dialog, welcome page, tips, recommendations or update checks. */
export const QUIET_SETTINGS: Readonly<Record<string, unknown>> = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'npm.autoDetect': 'off',
  'typescript.tsc.autoDetect': 'off',
};

/** The folders of one code-server instance, all under `root`. */
export interface CodeServerDirs {
  root: string;
  userDataDir: string;
  extensionsDir: string;
  home: string;
}

export function codeServerDirs(root: string): CodeServerDirs {
  const dirs = {
    root,
    userDataDir: path.join(root, 'user-data'),
    extensionsDir: path.join(root, 'extensions'),
    home: path.join(root, 'home'),
  };
  for (const d of [dirs.userDataDir, dirs.extensionsDir, dirs.home]) fs.mkdirSync(d, { recursive: true });
  return dirs;
}

export interface CodeServer {
  readonly url: string;
  readonly port: number;
  readonly dirs: CodeServerDirs;
  /** Everything code-server printed so far (for failure reports). */
  log(): string;
  /** Stops code-server and every process below it; safe to call twice. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Settings merged over QUIET_SETTINGS into User/settings.json. */
  settings?: Record<string, unknown>;
  /** Extra environment for code-server (and so for its extension host). */
  env?: Record<string, string>;
  /** Hang guard for the first HTTP answer. */
  startTimeoutMs?: number;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Writes QUIET_SETTINGS with `settings` over them as the user settings of a VS Code user data dir. */
export function writeUserSettings(userDataDir: string, settings: Record<string, unknown> = {}): void {
  const user = path.join(userDataDir, 'User');
  fs.mkdirSync(user, { recursive: true });
  fs.writeFileSync(path.join(user, 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2));
}

function commonArgs(dirs: CodeServerDirs): string[] {
  return ['--user-data-dir', dirs.userDataDir, '--extensions-dir', dirs.extensionsDir, '--disable-telemetry', '--disable-update-check'];
}

/** Runs code-server to completion (used for --install-extension); rejects with its output on a non-zero exit. */
function runToEnd(args: string[], dirs: CodeServerDirs): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [codeServerEntry(), ...args], { env: isolatedEnv(dirs.home), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`code-server ${args.join(' ')} exited with ${code}:\n${out}`))));
  });
}

/** Installs a .vsix into the instance's extensions dir, as `code-server --install-extension` does for a user. */
export async function installExtension(dirs: CodeServerDirs, vsix: string): Promise<void> {
  const out = await runToEnd([...commonArgs(dirs), '--force', '--install-extension', vsix], dirs);
  if (!/successfully installed/i.test(out)) throw new Error(`installing ${vsix} printed no success:\n${out}`);
}

/** The ids (`publisher.name@version`) installed in the instance's extensions dir. */
export async function listExtensions(dirs: CodeServerDirs): Promise<string[]> {
  const out = await runToEnd([...commonArgs(dirs), '--list-extensions', '--show-versions'], dirs);
  return out.split('\n').map((l) => l.trim()).filter((l) => /^[\w-]+\.[\w-]+@/.test(l));
}

/** PIDs of every process below `pid` (Linux /proc), children before grandchildren. */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // "pid (comm) state ppid ...": comm may contain spaces and parentheses.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const list = children.get(ppid) ?? [];
    list.push(Number(name));
    children.set(ppid, list);
  }
  const out: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const c of children.get(queue.shift()!) ?? []) {
      out.push(c);
      queue.push(c);
    }
  }
  return out;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/** Waits until none of `pids` is alive, or `ms` passed; true when all are gone. */
async function allGone(pids: number[], ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (pids.some(alive)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

/**
 * Asks code-server to shut down (SIGTERM), then ends what it leaves behind:
 * its file watcher always, anything else if it hangs. The tree is recorded
 * first: once code-server exits, its leftovers are re-parented and can no
 * longer be found from here.
 */
async function stopTree(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const tree = [pid, ...descendants(pid)];
  signal(pid, 'SIGTERM');
  await allGone([pid], 5000);
  const left = tree.filter(alive);
  for (const p of left) signal(p, 'SIGTERM');
  if (!(await allGone(left, 3000))) for (const p of left.filter(alive)) signal(p, 'SIGKILL');
}

/** Instances not stopped yet, for stopAllCodeServers. */
const running = new Set<CodeServer>();

/** Stops every instance still running (for signal handlers: Ctrl+C, a CI timeout). */
export async function stopAllCodeServers(): Promise<void> {
  await Promise.all([...running].map((s) => s.stop()));
}

/** Starts code-server for the instance in `dirs` and resolves once it answers HTTP. */
export async function startCodeServer(dirs: CodeServerDirs, options: StartOptions = {}): Promise<CodeServer> {
  writeUserSettings(dirs.userDataDir, options.settings);
  const port = await freePort();
  const args = [codeServerEntry(), '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, ...commonArgs(dirs)];
  const child = spawn(process.execPath, args, { env: isolatedEnv(dirs.home, options.env), stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.on('data', (b: Buffer) => (log += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (log += b.toString()));
  let exitedEarly: string | undefined;
  child.on('exit', (code, sig) => (exitedEarly = `code-server exited (${code ?? sig}):\n${log}`));
  const url = `http://127.0.0.1:${port}`;
  let stopped: Promise<void> | undefined;
  const server: CodeServer = {
    url,
    port,
    dirs,
    log: () => log,
    stop: () => (stopped ??= stopTree(child).finally(() => running.delete(server))),
  };
  running.add(server);
  try {
    await waitFor(
      `code-server to answer on ${url}`,
      async () => {
        if (exitedEarly) throw new GiveUp(exitedEarly);
        const res = await fetch(`${url}/healthz`).catch(() => undefined);
        return res?.ok ? true : undefined;
      },
      options.startTimeoutMs ?? 60_000,
    );
  } catch (e) {
    await server.stop();
    throw e;
  }
  return server;
}

/** The workbench URL that opens `folder`, with optional extra query parameters. */
export function workbenchUrl(server: CodeServer, folder: string, query: Record<string, string> = {}): string {
  const q = new URLSearchParams({ folder, ...query });
  return `${server.url}/?${q.toString()}`;
}
