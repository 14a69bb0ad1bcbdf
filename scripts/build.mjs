// Bundles every entry with esbuild (tsc only type-checks: `npm run typecheck`).
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

// web-tree-sitter's ESM build finds itself through import.meta.url, which a
// CommonJS bundle lacks: give it the bundle's own URL.
const nodeCommon = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  loader: { '.md': 'text' },
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "var __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
};

// web-tree-sitter makes itself a Node `require` with `(await import("module")).createRequire`, which
// starts Node's ESM loader: tens of milliseconds in each thread of the CLI (main and workers). A
// CommonJS bundle has a `require` already (kept in __cjsRequire by the banner: the emscripten code
// declares a `require` of its own), and it only loads built-ins with it.
const cjsRequire = {
  name: 'web-tree-sitter-cjs-require',
  setup(build) {
    build.onLoad({ filter: /[\\/]web-tree-sitter[\\/]web-tree-sitter\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const from = 'await import("module")';
      if (!text.includes(from)) throw new Error(`${args.path}: no ${from} to replace (web-tree-sitter changed: check scripts/build.mjs)`);
      return { contents: text.replace(from, '{ createRequire: () => __cjsRequire }'), loader: 'js' };
    });
  },
};
const cliCommon = {
  ...nodeCommon,
  plugins: [cjsRequire],
  banner: { js: nodeCommon.banner.js + ' var __cjsRequire = require;' },
};

const walk = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });

const testEntries = walk(join(root, 'test')).filter((p) => p.endsWith('.test.ts'));

await Promise.all([
  esbuild.build({
    ...cliCommon,
    entryPoints: { cli: join(root, 'server/src/cli/main.ts') },
    outdir: dist,
    banner: { js: '#!/usr/bin/env node\n' + cliCommon.banner.js },
  }),
  // The CLI's worker threads (server/src/cli/pool.ts finds the script beside cli.js; like it, not in the VSIX).
  esbuild.build({ ...cliCommon, entryPoints: { cliWorker: join(root, 'server/src/cli/worker.ts') }, outdir: dist }),
  esbuild.build({
    ...nodeCommon,
    entryPoints: Object.fromEntries(testEntries.map((p) => [relative(root, p).replace(/\.ts$/, ''), p])),
    outdir: dist,
  }),
  esbuild.build({
    ...nodeCommon,
    entryPoints: { 'bench/bench': join(root, 'bench/bench.ts'), 'bench/workspace': join(root, 'bench/workspace.ts'), 'bench/hugeFiles': join(root, 'bench/hugeFiles.ts') },
    outdir: dist,
  }),
  // The vscode-API suite, run inside the extension host (vscode and mocha come from there / node_modules).
  esbuild.build({
    ...nodeCommon,
    entryPoints: { 'vscode-suite/index': join(root, 'test/vscode/suite/index.ts') },
    outdir: dist,
    external: ['vscode', 'mocha'],
  }),
  // Editor end-to-end tests (code-server + headless Chromium) and the desktop VS Code runner (test-electron).
  esbuild.build({
    ...nodeCommon,
    entryPoints: {
      'e2e/run': join(root, 'test/e2e/run.ts'),
      'e2e/web/run': join(root, 'test/e2e/web/run.ts'),
      'vscode/runElectron': join(root, 'test/vscode/runElectron.ts'),
    },
    outdir: dist,
    external: ['playwright-core', '@vscode/test-electron', '@vscode/test-web'],
  }),
  // The Node server the VS Code client starts (IPC), and the client itself.
  esbuild.build({ ...nodeCommon, entryPoints: { server: join(root, 'server/src/node/serverEntry.ts') }, outdir: dist, sourcemap: false, minify: true }),
  esbuild.build({
    ...nodeCommon,
    entryPoints: { client: join(root, 'client/src/extension.ts') },
    outdir: dist,
    external: ['vscode'],
    sourcemap: false,
    minify: true,
  }),
]);

// The web bundles (vscode.dev, github.dev): the client for the web extension
// host and the server as a classic worker script (VS Code wraps workers in
// importScripts). A Node built-in in either fails the build.
const noNodeBuiltins = {
  name: 'no-node-builtins',
  setup(build) {
    const names = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    build.onResolve({ filter: /.*/ }, (args) => {
      if (!names.has(args.path) && !args.path.startsWith('node:')) return undefined;
      // web-tree-sitter's own `browser` map turns these off; anything else is ours and wrong.
      if (/node_modules[\\/]web-tree-sitter[\\/]/.test(args.importer)) return { path: args.path, namespace: 'empty' };
      return { errors: [{ text: `Node built-in "${args.path}" imported by ${relative(root, args.importer)} in a web bundle` }] };
    });
    build.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'module.exports = {};' }));
  },
};
const webCommon = {
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  minify: true,
  loader: { '.md': 'text' },
  define: { 'import.meta.url': 'self.location.href' },
  plugins: [noNodeBuiltins],
  logLevel: 'warning',
};
await Promise.all([
  esbuild.build({ ...webCommon, entryPoints: { 'web/client': join(root, 'client/src/browserExtension.ts') }, outdir: dist, format: 'cjs', external: ['vscode'] }),
  esbuild.build({ ...webCommon, entryPoints: { 'web/server': join(root, 'server/src/web/workerMain.ts') }, outdir: dist, format: 'iife' }),
  // The vscode-API suite for the web extension host; node:assert comes from the `assert` package there.
  esbuild.build({
    ...webCommon,
    minify: false,
    entryPoints: { 'vscode-suite/web': join(root, 'test/vscode/suite/webIndex.ts') },
    outdir: dist,
    format: 'cjs',
    external: ['vscode'],
    alias: { 'node:assert/strict': 'assert', 'node:assert': 'assert' },
    define: { ...webCommon.define, 'process.env.NODE_DEBUG': 'undefined', global: 'globalThis' },
    inject: [join(root, 'test/vscode/suite/webProcessShim.js')],
    plugins: [], // test code: the assert polyfill's `util` is the npm package, not Node's
  }),
]);

// The two .wasm files sit beside the bundles; server/src/fs/wasm.ts finds them there.
cpSync(join(root, 'server/wasm/tree-sitter-nix.wasm'), join(dist, 'tree-sitter-nix.wasm'));
// Resolved like the bundles' imports (a mutation run's sandbox builds before node_modules is linked into it).
cpSync(join(dirname(createRequire(import.meta.url).resolve('web-tree-sitter')), 'web-tree-sitter.wasm'), join(dist, 'web-tree-sitter.wasm'));
