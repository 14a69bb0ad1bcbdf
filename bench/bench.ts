/**
 * `npm run bench`: figures for the performance goals in design.md
 * ("Performance (benchmarks, not timed tests)"). Prints medians and p95s and
 * never fails on a slow figure: timings depend on the machine, so they belong
 * in a report, not in a test. It does fail when the inputs are wrong (Nix
 * rejects a generated file, or the pre-filtered check and the full analysis
 * disagree), because then the figures would measure the wrong thing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { checkPaths } from '../server/src/cli/check';
import { collectNixFiles } from '../server/src/fs/walk';
import { toDiagnostics } from '../server/src/features/diagnostics';
import { OpenDocument } from '../server/src/features/documents';
import { readParserWasm } from '../server/src/fs/wasm';
import { NixParser } from '../server/src/parse/nixParser';
import { analyze } from '../server/src/rules/analyze';
import { DEFAULT_OPTIONS } from '../server/src/rules/options';
import { bigConfig, hostConfig, interfaceWorkspace, workspace } from './corpus';
import { RULES } from '../server/src/rules/index';
import { mb, memorySample, ms, summarize, table, time, watchWasmMemories, type MemorySample, type WasmMemory } from './measure';

const options = DEFAULT_OPTIONS;
const rows: string[][] = [];
const lineCount = (text: string) => text.split('\n').length - 1;

/** One table row (and one line of progress right away, since the whole run takes a while). */
function report(label: string, samples: readonly number[], note = ''): void {
  const s = summarize(samples);
  rows.push([label, String(s.runs), ms(s.median), ms(s.p95), note]);
  console.log(`  ${label}: median ${ms(s.median)}, p95 ${ms(s.p95)} (${s.runs} runs)${note ? ` ${note}` : ''}`);
}

function findNix(): string | undefined {
  const r = spawnSync('nix-instantiate', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/**
 * `nix-instantiate --parse` over `files` (relative to `cwd`). It takes many
 * files in one invocation, so it pays its start-up once, like our CLI; the
 * argument list is split only if it could hit the kernel's limit. Output (the
 * re-printed expressions) goes to /dev/null.
 */
function nixParse(cwd: string, files: readonly string[]): { ok: boolean; stderr: string } {
  const batches: string[][] = [[]];
  let size = 0;
  for (const f of files) {
    if (size + f.length > 1 << 20) {
      batches.push([]);
      size = 0;
    }
    batches.at(-1)!.push(f);
    size += f.length + 1;
  }
  for (const batch of batches) {
    const r = spawnSync('nix-instantiate', ['--parse', ...batch], { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    if (r.status !== 0) return { ok: false, stderr: r.stderr || String(r.error) };
  }
  return { ok: true, stderr: '' };
}

/** Full parse + analysis, as the server does when a document is opened. */
function parseAndAnalyze(parser: NixParser, text: string): { findings: number; interfaces: number } {
  const tree = parser.parse(text);
  try {
    const { findings, model } = analyze(tree, text, { options });
    return { findings: findings.length, interfaces: model.interfaces.length };
  } finally {
    tree.delete();
  }
}

/**
 * A document with the cursor inside a `mode = "..."` string near the middle.
 * Typing there alternately breaks and restores the mode, so every other
 * keystroke adds or removes a finding (with its fixes), as real typing does.
 */
function openAtMode(parser: NixParser, text: string) {
  const doc = new OpenDocument(parser, 'file:///bench/config.nix', 1, text);
  const at = text.indexOf('mode = "', text.length >> 1) + 'mode = "'.length + 3;
  if (at < 'mode = "'.length + 3) throw new Error('generated text has no macvtap mode after its middle');
  const pos = doc.lines.positionAt(at);
  /** The LSP change VS Code sends for typing "x" (even i) or deleting it again (odd i). */
  const change = (i: number): TextDocumentContentChangeEvent =>
    i % 2 === 0
      ? { range: { start: pos, end: pos }, rangeLength: 0, text: 'x' }
      : { range: { start: pos, end: { line: pos.line, character: pos.character + 1 } }, rangeLength: 1, text: '' };
  return { doc, change };
}

/** The server's work per keystroke: didChange (incremental reparse), then diagnostics for the new version. */
function keystrokes(parser: NixParser, text: string, label: string, runs: number, warmup: number): void {
  const { doc, change } = openAtMode(parser, text);
  const phases = { apply: [] as number[], analysis: [] as number[], diagnostics: [] as number[] };
  const findings = new Set<number>();
  const total = time(runs, warmup, (i) => {
    const t0 = performance.now();
    doc.applyChanges([change(i)], doc.version + 1);
    const t1 = performance.now();
    const analysis = doc.analysis(options);
    const t2 = performance.now();
    const diagnostics = toDiagnostics(doc.uri, analysis, doc.version);
    const t3 = performance.now();
    if (i >= warmup) {
      phases.apply.push(t1 - t0);
      phases.analysis.push(t2 - t1);
      phases.diagnostics.push(t3 - t2);
      findings.add(diagnostics.length);
    }
  });
  doc.dispose();
  const m = (xs: number[]) => ms(summarize(xs).median);
  report(label, total, `reparse ${m(phases.apply)} + analysis ${m(phases.analysis)} + diagnostics ${m(phases.diagnostics)}; ${[...findings].join('/')} findings`);
}

/** Every file read, parsed and analysed: what checkPaths must agree with, and what its pre-filter saves. */
function checkWithoutPrefilter(parser: NixParser, files: readonly string[]): { files: number; findings: number } {
  let withFindings = 0;
  let findings = 0;
  for (const f of files) {
    const n = parseAndAnalyze(parser, readFileSync(f, 'utf8')).findings;
    if (n > 0) {
      withFindings++;
      findings += n;
    }
  }
  return { files: withFindings, findings };
}

/** Peak RSS in KB of one run of a command, via GNU time, or undefined without it. */
function peakRssKb(cmd: string, args: readonly string[], cwd: string): number | undefined {
  return usage(cmd, args, cwd)?.rssKb;
}

/** Peak RSS (KB) and CPU time (user + system, ms, all threads) of one run of a command, via GNU time. */
function usage(cmd: string, args: readonly string[], cwd: string): { rssKb: number; cpuMs: number } | undefined {
  if (!existsSync('/usr/bin/time')) return undefined;
  const r = spawnSync('/usr/bin/time', ['-f', '%M %U %S', cmd, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const [kb, user, sys] = (r.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  return [kb, user, sys].every(Number.isFinite) ? { rssKb: kb, cpuMs: (user + sys) * 1000 } : undefined;
}

async function main(): Promise<void> {
  const started = performance.now();
  const wasmMemories = watchWasmMemories();
  const parser = await NixParser.load(readParserWasm());
  const nixVersion = findNix();
  console.log(`MicroVM Lint bench: node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}`);
  console.log(nixVersion ? `comparison: ${nixVersion}` : 'nix-instantiate not found: the comparison with Nix\'s parser is skipped');

  const tmp = mkdtempSync(join(tmpdir(), 'microvm-lint-bench-'));
  try {
    const small = hostConfig();
    const big = bigConfig();
    // The analysis visits each interface set, so its count says how dense a file is.
    const [smallCounts, bigCounts] = [parseAndAnalyze(parser, small), parseAndAnalyze(parser, big)];
    const smallLabel = `${lineCount(small)}-line config`;
    const bigLabel = `${mb(big.length)} config`;
    const describe = (text: string, c: typeof smallCounts) =>
      `${lineCount(text)} lines, ${c.interfaces} interfaces, ${c.findings} findings`;

    if (nixVersion) {
      writeFileSync(join(tmp, 'small.nix'), small);
      writeFileSync(join(tmp, 'big.nix'), big);
      const r = nixParse(tmp, ['small.nix', 'big.nix']);
      if (!r.ok) throw new Error(`nix-instantiate rejects a generated file:\n${r.stderr}`);
      console.log('generated files: valid Nix (nix-instantiate --parse)');
    }

    // BENCH_ONLY=5 (or 1,4...) runs only those sections, for iterating on one figure.
    const only = process.env.BENCH_ONLY?.split(',').map((x) => x.trim());
    const section = (n: number) => !only || only.includes(String(n));
    if (section(1)) {
      console.log('\n1. Full parse + analysis (document opened)');
      report(`full: ${smallLabel}`, time(300, 30, () => parseAndAnalyze(parser, small)), describe(small, smallCounts));
      report(`full: ${bigLabel}`, time(10, 2, () => parseAndAnalyze(parser, big)), describe(big, bigCounts));
    }
    if (section(2)) {
      console.log('\n2. Keystroke: applyChanges (incremental reparse) + analysis + toDiagnostics');
      keystrokes(parser, small, `keystroke: ${smallLabel}`, 2000, 200);
      keystrokes(parser, big, `keystroke: ${mb(big.length)} config`, 100, 10);
    }
    if (section(3)) {
      console.log('\n3. Memory over 10,000 edits (type and delete a character, each followed by analysis)');
      memory(parser, small, wasmMemories);
    }
    const ws = writeWorkspace(join(tmp, 'ws'));
    if (section(4)) {
      console.log('\n4. Whole-workspace check');
      workspaceCheck(parser, join(tmp, 'ws'), ws, nixVersion !== undefined);
    }
    if (section(5)) {
      console.log('\n5. The CLI against nix-instantiate --parse, side by side (process to process, every rule on)');
      cliComparisons(parser, join(tmp, 'ws'), join(tmp, 'ws-interfaces'), nixVersion !== undefined);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }

  console.log('\nSummary (milliseconds; p95 = nearest rank)');
  console.log(table(['benchmark', 'runs', 'median', 'p95', 'notes'], rows, [0, 4]));
  console.log(`\nTargets (design.md): keystroke < 5 ms (200 lines), < 100 ms (1 MB); workspace faster than nix-instantiate --parse; memory flat.`);
  console.log(`Bench peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}; total time ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

function memory(parser: NixParser, text: string, wasm: readonly WasmMemory[]): void {
  const { doc, change } = openAtMode(parser, text);
  const step = (i: number) => {
    doc.applyChanges([change(i)], doc.version + 1);
    doc.analysis(options);
  };
  // Reach a steady state first (JIT, WASM heap grown to its working size), so
  // "before" is not the cold start.
  for (let i = 0; i < 200; i++) step(i);
  const samples: [number, MemorySample][] = [[0, memorySample(wasm)]];
  const edits: number[] = [];
  for (let i = 0; i < 10_000; i++) {
    const t0 = performance.now();
    step(i);
    edits.push(performance.now() - t0);
    if ((i + 1) % 2_500 === 0) samples.push([i + 1, memorySample(wasm)]);
  }
  doc.dispose();
  const cols = (s: MemorySample) => [mb(s.heapUsed), mb(s.external), mb(s.arrayBuffers), mb(s.wasm), mb(s.rss)];
  console.log(
    table(
      ['after edits', 'heapUsed', 'external', 'arrayBuffers', 'WASM memory', 'rss'],
      samples.map(([n, s]) => [n.toLocaleString('en'), ...cols(s)]),
    ).replace(/^/gm, '  '),
  );
  console.log('  (WASM memory is part of external. rss also returns pages freed after the 1 MB runs above, so heapUsed,');
  console.log('  external and WASM memory are the figures that must stay flat.)');
  const [first, last] = [samples[0][1], samples.at(-1)![1]];
  const delta = (k: keyof MemorySample) => `${k} ${last[k] >= first[k] ? '+' : ''}${mb(last[k] - first[k])}`;
  report('10,000 edits: time per edit', edits, `Δ ${delta('heapUsed')}, ${delta('external')}, ${delta('wasm')}, ${delta('rss')}`);
}

/** The home-manager-like workspace of sections 4 and 5, written to `dir`; returns a description. */
function writeWorkspace(dir: string): string {
  const generated = workspace();
  let bytes = 0;
  for (const f of generated) {
    const p = join(dir, f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.text);
    bytes += f.text.length;
  }
  const mentioning = generated.filter((f) => f.text.includes('macvtap')).length;
  return `${generated.length} files, ${mb(bytes)}, ${mentioning} mention macvtap`;
}

function workspaceCheck(parser: NixParser, dir: string, what: string, withNix: boolean): void {
  console.log(`  generated ${what}`);

  // The pre-filter is only allowed if it changes nothing: compare with the full analysis once.
  const { files } = collectNixFiles([dir]);
  const t0 = performance.now();
  const full = checkWithoutPrefilter(parser, files);
  const fullMs = performance.now() - t0;
  const result = checkPaths(parser, [dir], options);
  const checked = { files: result.results.length, findings: result.results.reduce((n, r) => n + r.findings.length, 0) };
  if (checked.files !== full.files || checked.findings !== full.findings) {
    throw new Error(`checkPaths found ${JSON.stringify(checked)} but the full analysis ${JSON.stringify(full)}`);
  }
  const found = `${checked.findings} findings in ${checked.files} files`;

  report('workspace: checkPaths (in process)', time(10, 2, () => checkPaths(parser, [dir], options)), `${what}; ${found}, same as full analysis`);
  report('workspace: parse+analyse every file', [fullMs, ...time(2, 0, () => checkWithoutPrefilter(parser, files))], '(no pre-filter; for scale)');

  // Process to process: node start-up and WASM loading included, as in CI.
  // The same command on one tiny file shows how much of it is start-up.
  const cli = join(__dirname, '..', 'cli.js');
  const cliCheck = (path: string) => () => {
    const r = spawnSync(process.execPath, [cli, 'check', path], { stdio: 'ignore' });
    if (r.status !== 0 && r.status !== 1) throw new Error(`microvm-lint check exited with ${r.status}`);
  };
  const tiny = join(dirname(dir), 'tiny.nix');
  writeFileSync(tiny, '{ a = 1; }\n');
  const cliRss = peakRssKb(process.execPath, [cli, 'check', dir], dir);
  report('workspace: microvm-lint check (process)', time(5, 1, cliCheck(dir)), cliRss ? `peak RSS ${mb(cliRss * 1024)}` : '');
  report('start-up: microvm-lint check, 1 tiny file', time(5, 1, cliCheck(tiny)), 'node + bundle + WASM load');

  if (!withNix) {
    console.log('  nix-instantiate not found: comparison skipped');
    return;
  }
  const relative = files.map((f) => f.slice(dir.length + 1));
  const nixRuns = time(5, 1, () => {
    const r = nixParse(dir, relative);
    if (!r.ok) throw new Error(`nix-instantiate rejects a workspace file:\n${r.stderr}`);
  });
  const nixRss = peakRssKb('nix-instantiate', ['--parse', ...relative], dir);
  report('workspace: nix-instantiate --parse (process)', nixRuns, `one invocation, all ${relative.length} files as arguments${nixRss ? `; peak RSS ${mb(nixRss * 1024)}` : ''}`);
  report('start-up: nix-instantiate --parse, 1 tiny file', time(5, 1, () => nixParse(dirname(dir), ['tiny.nix'])));
}

/**
 * design.md's CLI targets: at most 0.5x Nix's parser on a home-manager-like
 * tree (few files can have findings), at most 1.2x on a tree where every file
 * declares interfaces, and a --cache re-run over unchanged files at most
 * 0.3x. One table, side by side: each tree with Nix's parser, our CLI in one
 * thread (--jobs 1) and with its default worker threads, and the re-run with
 * --cache; wall time (median), ratio to Nix, files/s, peak RSS and CPU time
 * (all threads). Set BENCH_REAL_TREE to a checkout (home-manager's) to add
 * it as a third tree, BENCH_CLI_RUNS for the runs per figure (default 5).
 *
 * Two floors go with each tree, so a ratio can be read against what no CLI
 * of ours can beat: starting Node.js alone (every run pays it), and
 * web-tree-sitter parsing every file of the tree in one thread (in this
 * process, after a warm-up parse: nothing but the WASM parse).
 */
function cliComparisons(parser: NixParser, hmLike: string, interfacesDir: string, withNix: boolean): void {
  for (const f of interfaceWorkspace()) {
    mkdirSync(dirname(join(interfacesDir, f.path)), { recursive: true });
    writeFileSync(join(interfacesDir, f.path), f.text);
  }
  const cli = join(__dirname, '..', 'cli.js');
  const allRules = RULES.flatMap((r) => ['--rule', `${r.code}=${r.defaultSeverity === 'information' ? 'info' : r.defaultSeverity}`]);
  const trees: [string, string][] = [
    ['home-manager-like', hmLike],
    ['every file declares interfaces', interfacesDir],
  ];
  const real = process.env.BENCH_REAL_TREE;
  if (real) trees.push([`real tree ${real}`, real]);
  const rows: string[][] = [];
  const runs = Number(process.env.BENCH_CLI_RUNS ?? 5);
  const load = loadavg().map((x) => x.toFixed(1)).join(' ');
  const nodeStart = summarize(time(runs, 1, () => spawnSync(process.execPath, ['-e', '0'], { stdio: 'ignore' }))).median;
  for (const [label, dir] of trees) {
    const files = collectNixFiles([dir]).files.map((f) => f.slice(dir.length + 1));
    const cacheFile = join(tmpdir(), `microvm-lint-bench-${process.pid}-${rows.length}.cache`);
    const run = (extra: string[], env = process.env) => () => {
      const r = spawnSync(process.execPath, [cli, 'check', '.', ...allRules, ...extra], { cwd: dir, stdio: 'ignore', env });
      if (r.status !== 0 && r.status !== 1) throw new Error(`microvm-lint check ${extra.join(' ')} exited with ${r.status}`);
    };
    const ours = (extra: string[]) => usage(process.execPath, [cli, 'check', '.', ...allRules, ...extra], dir);
    const nix = withNix ? summarize(time(runs, 1, () => nixParse(dir, files))).median : undefined;
    const measured: [string, number, ReturnType<typeof usage>][] = [];
    if (nix !== undefined) measured.push(['nix-instantiate --parse', nix, usage('nix-instantiate', ['--parse', ...files], dir)]);
    for (const [name, extra] of [['check --jobs 1', ['--jobs', '1']], [`check (default: ${availableParallelism()} cores)`, []]] as const) {
      measured.push([name, summarize(time(runs, 1, run([...extra]))).median, ours([...extra])]);
    }
    if (process.env.NODE_EXTRA_CA_CERTS) {
      // As on a CI runner without extra certificates: the same run, only Node.js's start-up differs.
      const { NODE_EXTRA_CA_CERTS: _certs, ...plain } = process.env;
      measured.push(['check (default), NODE_EXTRA_CA_CERTS unset', summarize(time(runs, 1, run([], plain))).median, undefined]);
    }
    rmSync(cacheFile, { force: true });
    const cached = ['--cache', '--cache-location', cacheFile];
    run(cached)(); // fills the cache
    measured.push(['check --cache, unchanged files', summarize(time(runs, 1, run(cached))).median, ours(cached)]);
    rmSync(cacheFile, { force: true });
    const texts = files.map((f) => readFileSync(join(dir, f), 'utf8'));
    const parseAll = () => texts.forEach((t) => parser.parse(t).delete());
    measured.push(['floor: web-tree-sitter parse of every file, 1 thread', summarize(time(Math.min(runs, 3), 1, parseAll)).median, undefined]);
    measured.push(['floor: node -e 0 (start-up)', nodeStart, undefined]);
    const uncached = measured.find(([n]) => n.startsWith('check (default'))![1];
    for (const [name, wall, use] of measured) {
      const vsNix = nix !== undefined ? `${(wall / nix).toFixed(2)}x` : 'n/a';
      const note = name.includes('--cache') ? `${(wall / uncached).toFixed(2)}x of the uncached run` : '';
      rows.push([
        name === measured[0][0] ? `${label}, ${files.length.toLocaleString('en')} files` : '',
        name,
        ms(wall),
        vsNix,
        name.startsWith('floor: node') ? '' : `${Math.round(files.length / (wall / 1000)).toLocaleString('en')}`,
        use ? mb(use.rssKb * 1024) : name.startsWith('floor') || name.includes('unset') ? '' : '?',
        use ? ms(use.cpuMs) : name.startsWith('floor') || name.includes('unset') ? '' : '?',
        note,
      ]);
    }
  }
  console.log(table(['tree', 'run', 'wall (median)', 'vs nix', 'files/s', 'peak RSS', 'CPU (1 run)', ''], rows, [0, 1, 7]).replace(/^/gm, '  '));
  // Other work on the machine takes cores from the worker threads: say how busy it was.
  console.log(`  load average before/after: ${load} / ${loadavg().map((x) => x.toFixed(1)).join(' ')} (${cpus().length} cores)`);
  console.log('  targets: check / nix <= 0.5x (home-manager-like), <= 1.2x (every file declares interfaces); --cache re-run <= 0.3x');
  if (process.env.NODE_EXTRA_CA_CERTS) console.log(`  NODE_EXTRA_CA_CERTS is set: Node.js reads those certificates at every start (part of the start-up floor above)`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
