/**
 * A VSIX of the extension without `main`, so that a host that can run
 * either entry (code-server prefers the Node one whenever `main` exists)
 * has to use the `browser` entry in its web-worker extension host. Same
 * files as the real VSIX (what `vsce ls` lists, i.e. what .vscodeignore
 * lets through), staged in a temporary folder with the changed manifest.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../support';

const VSCE = path.join(REPO_ROOT, 'node_modules/@vscode/vsce/vsce');

function vsce(cwd: string, args: string[]): string {
  const r = spawnSync(process.execPath, [VSCE, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`vsce ${args.join(' ')} in ${cwd} failed (${r.status}):\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

export interface WebVsix {
  vsix: string;
  /** The files packed (relative paths, as `vsce ls` printed them). */
  files: string[];
  /** The staged manifest, as packed. */
  manifest: Record<string, unknown>;
}

/** Packages the built extension (dist/ must be current) without `main` into `out`; `stageDir` is created and filled. */
export function packageWebOnlyVsix(stageDir: string, out: string): WebVsix {
  for (const f of ['dist/web/client.js', 'dist/web/server.js']) {
    if (!fs.existsSync(path.join(REPO_ROOT, f))) throw new Error(`${f} is missing: run \`npm run build\` first`);
  }
  const files = vsce(REPO_ROOT, ['ls', '--no-dependencies'])
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  if (!files.includes('package.json') || !files.includes('dist/web/client.js')) throw new Error(`unexpected \`vsce ls\` output:\n${files.join('\n')}`);
  fs.mkdirSync(stageDir, { recursive: true });
  for (const f of [...files, '.vscodeignore']) {
    fs.mkdirSync(path.dirname(path.join(stageDir, f)), { recursive: true });
    fs.copyFileSync(path.join(REPO_ROOT, f), path.join(stageDir, f));
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  if (typeof manifest.browser !== 'string') throw new Error('package.json has no `browser` entry');
  delete manifest.main;
  fs.writeFileSync(path.join(stageDir, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.rmSync(out, { force: true });
  vsce(stageDir, ['package', '--no-dependencies', '--out', out]);
  return { vsix: out, files, manifest };
}
