/**
 * Runs `checkFile` over the files `check` selected: in worker threads (one
 * parser each) when there are enough files to pay for starting them, else in
 * the main thread. Files are handed over while the walk is still reading
 * (workers start up meanwhile), in small batches so that a worker that
 * finishes early takes more; results are put back in the files' order, so
 * the output is the same whichever thread checked which file.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { NixParser } from '../parse/nixParser';
import type { AnalysisOptions } from '../rules/options';
import type { ResultCache } from './cache';
import { checkFile, type Candidate, type FileResult } from './fileCheck';

/** What the main thread sends: files and the option sets they refer to (by index: most files share one). */
export interface Batch {
  id: number;
  options: AnalysisOptions[];
  files: { text: string; options: number }[];
}

/** A worker's answer: one result per file of the batch, in order, or why it could not. */
export type BatchReply = { id: number; results: FileResult[]; error?: undefined } | { id: number; error: string; results?: undefined };

/**
 * Files to parse per worker: below this a worker costs more to start
 * (a thread, the bundle, the WASM parser) than it saves.
 */
export const FILES_PER_WORKER = 40;
/** Each worker holds its own parser and WASM heap (tens of MB): more than this only when asked (--jobs). */
const MAX_DEFAULT_WORKERS = 8;
/** Small enough to balance the workers' load, large enough to keep messages few. */
const BATCH_SIZE = 16;
/** Batches a worker holds at once: the next one is there when it finishes one. */
const IN_FLIGHT = 2;

export interface RunnerOptions {
  /** Worker threads at most (1: the main thread checks every file). Default: one per core. */
  jobs?: number;
  /** `--jobs` was given: use that many workers whatever the number of files. */
  forced?: boolean;
  cache?: ResultCache;
  /** The main thread's parser, loaded only when it has files to check. */
  parser: () => Promise<NixParser>;
  /** dist/cliWorker.js. */
  workerScript: string;
  onProgress?: (done: number, total: number) => void;
}

export class CheckRunner {
  private readonly candidates: Candidate[] = [];
  private readonly results: (FileResult | undefined)[] = [];
  /** Candidates (by index) to check that no worker has yet. */
  private todo: number[] = [];
  private toCheck = 0;
  private done = 0;
  private pool?: WorkerPool;
  private readonly maxWorkers: number;

  constructor(private readonly options: RunnerOptions) {
    const jobs = options.jobs ?? Math.min(availableParallelism(), MAX_DEFAULT_WORKERS);
    this.maxWorkers = jobs >= 2 ? jobs : 0;
  }

  /** Takes the next selected file (in output order); with a pool, it may be on its way to a worker on return. */
  add(candidate: Candidate): void {
    const index = this.candidates.push(candidate) - 1;
    const known = this.options.cache?.lookup(candidate);
    if (known) {
      this.results[index] = known;
      this.done++;
      return;
    }
    this.todo.push(index);
    this.toCheck++;
    const wanted = this.options.forced ? Math.min(this.maxWorkers, this.toCheck) : Math.min(this.maxWorkers, Math.floor(this.toCheck / FILES_PER_WORKER));
    if (wanted >= 2 && wanted > (this.pool?.size ?? 0)) {
      this.pool ??= new WorkerPool(this.options.workerScript, (indexes, results) => this.accept(indexes, results));
      this.pool.grow(wanted);
    }
    if (this.pool && this.todo.length >= BATCH_SIZE) this.dispatch();
  }

  /** Every candidate's result, in the order they were added. */
  async finish(): Promise<FileResult[]> {
    if (this.pool) {
      this.dispatch();
      try {
        await this.pool.drain();
      } finally {
        await this.pool.close();
      }
    } else if (this.todo.length > 0) {
      const parser = await this.options.parser();
      for (const i of this.todo) {
        const { text, options } = this.candidates[i];
        this.accept([i], [checkFile(parser, text, options)]);
      }
      this.todo = [];
    }
    return this.results.map((r, i) => {
      if (!r) throw new Error(`no result for ${this.candidates[i].file}`);
      return r;
    });
  }

  /** Stops the workers, if any (the run failed before `finish`). */
  async close(): Promise<void> {
    await this.pool?.close();
  }

  private dispatch(): void {
    for (let at = 0; at < this.todo.length; at += BATCH_SIZE) this.pool!.submit(this.todo.slice(at, at + BATCH_SIZE).map((i) => ({ index: i, ...this.candidates[i] })));
    this.todo = [];
  }

  private accept(indexes: readonly number[], results: readonly FileResult[]): void {
    for (const [k, i] of indexes.entries()) {
      this.results[i] = results[k];
      this.options.cache?.store(this.candidates[i], results[k]);
    }
    this.done += indexes.length;
    this.options.onProgress?.(this.done, this.candidates.length);
  }
}

interface Slot {
  worker: Worker;
  inFlight: number;
}

/** Worker threads fed from one queue of batches. */
class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Batch[] = [];
  /** The candidate indexes of each batch sent and not yet answered. */
  private readonly sent = new Map<number, number[]>();
  private nextId = 0;
  private failure?: Error;
  private settle?: { resolve: () => void; reject: (e: Error) => void };

  constructor(
    private readonly script: string,
    private readonly onResults: (indexes: readonly number[], results: readonly FileResult[]) => void,
  ) {}

  get size(): number {
    return this.slots.length;
  }

  grow(count: number): void {
    while (this.slots.length < count) {
      const slot: Slot = { worker: new Worker(this.script), inFlight: 0 };
      slot.worker.on('message', (reply: BatchReply) => this.onReply(slot, reply));
      slot.worker.on('error', (e) => this.fail(new Error(`a worker thread failed: ${e.message.split('\n')[0]}`)));
      slot.worker.on('exit', (code) => {
        if (this.sent.size > 0 || this.queue.length > 0) this.fail(new Error(`a worker thread stopped (exit code ${code})`));
      });
      this.slots.push(slot);
      this.pump();
    }
  }

  submit(files: readonly (Candidate & { index: number })[]): void {
    const options: AnalysisOptions[] = [];
    const optionIndex = new Map<AnalysisOptions, number>();
    const batch: Batch = { id: this.nextId++, options, files: [] };
    for (const f of files) {
      let o = optionIndex.get(f.options);
      if (o === undefined) optionIndex.set(f.options, (o = options.push(f.options) - 1));
      batch.files.push({ text: f.text, options: o });
    }
    this.sent.set(batch.id, files.map((f) => f.index));
    this.queue.push(batch);
    this.pump();
  }

  /** Resolves once every batch is answered; rejects on the first failure. */
  drain(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.settle = { resolve, reject };
      this.check();
    });
  }

  async close(): Promise<void> {
    this.sent.clear();
    this.queue.length = 0;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private pump(): void {
    for (const slot of this.slots) {
      while (slot.inFlight < IN_FLIGHT && this.queue.length > 0) {
        slot.worker.postMessage(this.queue.shift()!);
        slot.inFlight++;
      }
    }
  }

  private onReply(slot: Slot, reply: BatchReply): void {
    slot.inFlight--;
    const indexes = this.sent.get(reply.id);
    this.sent.delete(reply.id);
    if (reply.error !== undefined) return this.fail(new Error(reply.error));
    if (indexes) this.onResults(indexes, reply.results);
    this.pump();
    this.check();
  }

  private fail(e: Error): void {
    this.failure ??= e;
    this.check();
  }

  private check(): void {
    if (!this.settle) return;
    if (this.failure) this.settle.reject(this.failure);
    else if (this.sent.size === 0) this.settle.resolve();
  }
}
