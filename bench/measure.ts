/** Timing, summary statistics and memory probes for the benchmark. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface Summary {
  runs: number;
  median: number;
  p95: number;
  min: number;
}

/** Nearest-rank percentiles: with few runs, p95 is simply the slowest but one or two. */
export function summarize(samples: readonly number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
  return { runs: s.length, median: rank(0.5), p95: rank(0.95), min: s[0] };
}

/**
 * Runs `fn` `warmup` times unmeasured (JIT, caches), then `runs` times,
 * returning milliseconds per run.
 */
export function time(runs: number, warmup: number, fn: (i: number) => void): number[] {
  for (let i = 0; i < warmup; i++) fn(i);
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn(warmup + i);
    out.push(performance.now() - t0);
  }
  return out;
}

export const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)) + ' ms';
export const mb = (bytes: number): string => (bytes / (1 << 20)).toFixed(1) + ' MB';

/**
 * A real GC between memory samples, without asking `npm run bench` for
 * --expose-gc: the flag is honoured for contexts created after it is set.
 */
export const gc: () => void = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

/** What the bench reads of a WebAssembly.Memory (tsconfig's libs do not declare WebAssembly). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}

/**
 * The linear memories web-tree-sitter creates. WASM memory never shrinks and
 * is easy to miss in process.memoryUsage(), so the bench reports its size
 * directly: it must stop growing once the edit loop reaches a steady state.
 * Call before the parser is loaded.
 */
export function watchWasmMemories(): WasmMemory[] {
  const seen: WasmMemory[] = [];
  const wasm = (globalThis as unknown as { WebAssembly: { Memory: new (descriptor: unknown) => WasmMemory } }).WebAssembly;
  const Original = wasm.Memory;
  wasm.Memory = class extends Original {
    constructor(descriptor: unknown) {
      super(descriptor);
      seen.push(this);
    }
  };
  return seen;
}

export interface MemorySample {
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  rss: number;
  wasm: number;
}

export function memorySample(wasm: readonly WasmMemory[]): MemorySample {
  gc();
  const m = process.memoryUsage();
  return {
    heapUsed: m.heapUsed,
    external: m.external,
    arrayBuffers: m.arrayBuffers,
    rss: m.rss,
    wasm: wasm.reduce((n, w) => n + w.buffer.byteLength, 0),
  };
}

/** Columns padded to their widest cell; text columns (`left`) left-aligned, figures right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], left: readonly number[] = [0]): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const line = (r: readonly string[]) =>
    r.map((cell, c) => (left.includes(c) ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
