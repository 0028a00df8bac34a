/**
 * `analyzeShards` with the map step of the costly pass on worker threads: the same passes, the same shards, the
 * partials folded in shard order, so the report is the same JSON, byte for byte, whatever the number of threads.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  analyzeShards,
  type AnalysisInput,
  type AnalyzeOptions,
  completePass,
  finishAnalysis,
  type Json,
  mapShard,
  mergePartials,
  nextPass,
  type PassSpec,
  reducePartials,
  type ShardInput,
  startAnalysis,
} from '../analyze';
import { assertArray, assertNumberOption, assertOptions, type ErrorCode, fail, FeedbackMinerError } from '../errors';
import type { ReportModel } from '../report/types';
import type { ShardWorkerMessage, ShardWorkerReply } from './shardWorker';

/** How `analyzeShardsParallel` runs. */
export interface ParallelShardsOptions {
  /** Worker threads (default 2; 1 runs `analyzeShards` in this thread, with no worker). */
  readonly threads?: number;
  /**
   * Shards sent to the workers and not yet folded, at most (default 2 x threads): what bounds memory (each shard in
   * flight is held twice, here and in its worker, with its partial).
   */
  readonly inFlight?: number;
  /**
   * Names of the passes whose map step runs on the workers (default `['assign']`). The scan's map step is cheaper
   * than copying a shard to a worker and its bottom-k sample back, so it runs in this thread, beside the reader.
   */
  readonly workerPasses?: readonly string[];
  /** Called after each shard's partial is folded, in shard order (as `analyzeShards`' `onShard`). */
  readonly onShard?: (pass: PassSpec, shard: ShardInput) => void;
}

/**
 * Where the worker entry is: the built `shardWorker.js` (next to this module, or in `node/` when this code sits in
 * a shared chunk at the root of `dist/`), or, from source, the tsx bootstrap that loads `shardWorker.ts`.
 */
function workerEntry(): { file: URL; workerData?: { entry: string } } {
  const here = import.meta.url;
  if (/\.[cm]?ts$/.test(new URL(here).pathname)) {
    return { file: new URL('./pool-bootstrap.mjs', here), workerData: { entry: new URL('./shardWorker.ts', here).href } };
  }
  for (const candidate of ['./shardWorker.js', './node/shardWorker.js', '../node/shardWorker.js']) {
    const file = new URL(candidate, here);
    if (existsSync(fileURLToPath(file))) return { file };
  }
  return fail('IO_ERROR', 'analyzeShardsParallel', 'the worker file', 'dist/node/shardWorker.js next to the package', fileURLToPath(new URL('./shardWorker.js', here)));
}

const ERROR_CODES: readonly ErrorCode[] = ['INVALID_ARGUMENT', 'INVALID_OPTION', 'EMPTY_INPUT', 'INSUFFICIENT_DATA', 'INVALID_MODEL', 'DEPENDENCY_UNAVAILABLE', 'IO_ERROR', 'USAGE'];

/** The error of one shard's map step, from a worker or from this thread: names the shard and the pass. */
export class ShardError extends FeedbackMinerError {
  /** Number of the shard whose map step failed. */
  readonly shard: number;
  /** Name of the pass. */
  readonly pass: string;
  constructor(pass: string, shard: number, failure: { name: string; message: string; code?: string; stack?: string }) {
    const code = ERROR_CODES.includes(failure.code as ErrorCode) ? (failure.code as ErrorCode) : 'INVALID_ARGUMENT';
    super(code, `analyzeShardsParallel: shard ${shard} failed in pass ${JSON.stringify(pass)}: ${failure.message}`, {
      where: 'analyzeShardsParallel',
      cause: failure,
    });
    this.shard = shard;
    this.pass = pass;
  }
}

interface Slot {
  readonly worker: Worker;
  /** Shards sent to this worker and not answered yet. */
  busy: number;
  /** Index of the pass this worker was last sent. */
  pass: number;
}

interface Pending {
  readonly shard: ShardInput;
  partial?: Json;
}

/**
 * The whole pipeline over shards, with the map step of the assign pass (sentiment and theme of every text, the
 * costly part) on `threads` worker threads (`node:worker_threads`). Shards are read here, in order, and sent to
 * the least busy worker; at most `inFlight` shards (default 2 x threads) are out at once, so memory stays bounded
 * however long the input; partials that come back early wait in a buffer of at most `inFlight` entries and are
 * folded left in shard order, exactly as `analyzeShards` folds them, so the report is the same JSON.
 * Workers are terminated when the analysis ends, by success or error.
 *
 * Cost: that of `analyzeShards`, spread over the threads, plus one structured clone of each shard of the worker
 * passes (O(shard size)) and of each pass's context per worker.
 * @throws FeedbackMinerError INVALID_OPTION for bad `parallel` options; ShardError (a FeedbackMinerError with the
 *   original code) naming the shard whose map step threw; IO_ERROR when a worker cannot start or dies; as
 *   `analyzeShards` otherwise
 * @example
 * const data = simulate({ seed: 7 })
 * const report = await analyzeShardsParallel({ sales: data.sales }, () => readShards('feedback.csv'), {}, { threads: 2 })
 * // JSON equal to analyzeShards({ sales: data.sales }, () => readShards('feedback.csv'))
 */
export async function analyzeShardsParallel(
  input: AnalysisInput,
  shards: Iterable<ShardInput> | (() => AsyncIterable<ShardInput>),
  options?: AnalyzeOptions,
  parallel: ParallelShardsOptions = {},
): Promise<ReportModel> {
  const where = 'analyzeShardsParallel';
  assertOptions(where, parallel);
  const threads = parallel.threads ?? 2;
  assertNumberOption(where, 'parallel.threads', threads, { min: 1, integer: true });
  const inFlight = parallel.inFlight ?? 2 * threads;
  assertNumberOption(where, 'parallel.inFlight', inFlight, { min: 1, integer: true });
  const workerPasses = parallel.workerPasses ?? ['assign'];
  assertArray(where, 'parallel.workerPasses', workerPasses);
  const onShard = parallel.onShard;
  if (onShard !== undefined && typeof onShard !== 'function') fail('INVALID_OPTION', where, 'parallel.onShard', 'a function', onShard);
  if (threads === 1) return analyzeShards(input, shards, options, onShard);
  if (typeof shards !== 'function' && (shards === null || typeof shards !== 'object' || typeof (shards as Iterable<ShardInput>)[Symbol.iterator] !== 'function')) {
    fail('INVALID_ARGUMENT', where, 'shards', 'an iterable of shards or a function returning an async iterable', shards);
  }

  let state = startAnalysis(input, options);
  const source: () => AsyncIterable<ShardInput> | Iterable<ShardInput> =
    typeof shards === 'function' ? shards : Array.isArray(shards) ? () => shards : ((list) => () => list)([...shards]);

  const slots: Slot[] = [];
  let failure: Error | undefined;
  // Woken whenever a worker answers, fails or dies.
  let wake: (() => void) | undefined;
  const signal = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const changed = (): Promise<void> => new Promise<void>((resolve) => (wake = resolve));

  let pass: PassSpec | null = null;
  /** Shards sent and not folded, in shard order. */
  const pending: Pending[] = [];
  let acc: Json | undefined;

  const fold = (): void => {
    while (pending.length > 0 && pending[0]!.partial !== undefined) {
      const head = pending.shift()!;
      acc = acc === undefined ? head.partial! : mergePartials(pass!, acc, head.partial!);
      onShard?.(pass!, head.shard);
    }
  };

  const startWorkers = (): void => {
    const entry = workerEntry();
    for (let i = 0; i < threads; i++) {
      let worker: Worker;
      try {
        worker = new Worker(entry.file, entry.workerData === undefined ? {} : { workerData: entry.workerData });
      } catch (cause) {
        throw new FeedbackMinerError('IO_ERROR', `${where}: cannot start a worker thread: ${(cause as Error).message}`, { where, cause });
      }
      const slot: Slot = { worker, busy: 0, pass: -1 };
      slots.push(slot);
      worker.on('message', (reply: ShardWorkerReply) => {
        slot.busy--;
        const entry = pending.find((p) => p.shard.shard === reply.shard);
        if (reply.failure !== undefined) failure ??= new ShardError(pass?.name ?? '?', reply.shard, reply.failure);
        else if (entry !== undefined) entry.partial = reply.partial ?? null;
        signal();
      });
      worker.on('error', (cause) => {
        failure ??= new FeedbackMinerError('IO_ERROR', `${where}: a worker thread failed: ${cause.message}`, { where, cause });
        signal();
      });
      worker.on('exit', (code) => {
        if (slot.busy > 0) failure ??= new FeedbackMinerError('IO_ERROR', `${where}: a worker thread exited (code ${code}) with ${slot.busy} shard(s) in hand`, { where });
        signal();
      });
    }
  };

  try {
    for (pass = nextPass(state); pass !== null; pass = nextPass(state)) {
      acc = undefined;
      const onWorkers = workerPasses.includes(pass.name);
      if (onWorkers && slots.length === 0) startWorkers();
      let last = -1;
      for await (const shard of source()) {
        if (shard === null || typeof shard !== 'object' || !(shard.shard > last)) {
          fail('INVALID_ARGUMENT', where, 'shards', `shards in increasing shard order (after ${last})`, shard?.shard);
        }
        last = shard.shard;
        if (!onWorkers) {
          let partial: Json;
          try {
            partial = mapShard(pass, shard);
          } catch (error) {
            const e = error as { name?: string; message?: string; code?: string; stack?: string };
            throw new ShardError(pass.name, shard.shard, { name: e.name ?? 'Error', message: e.message ?? String(error), ...(e.code === undefined ? {} : { code: e.code }) });
          }
          acc = acc === undefined ? partial : mergePartials(pass, acc, partial);
          onShard?.(pass, shard);
          continue;
        }
        for (fold(); failure === undefined && pending.length >= inFlight; fold()) await changed();
        if (failure !== undefined) throw failure;
        let slot = slots[0]!;
        for (const s of slots) if (s.busy < slot.busy) slot = s;
        if (slot.pass !== pass.index) {
          slot.worker.postMessage({ kind: 'pass', pass } satisfies ShardWorkerMessage);
          slot.pass = pass.index;
        }
        pending.push({ shard });
        slot.busy++;
        slot.worker.postMessage({ kind: 'shard', shard } satisfies ShardWorkerMessage);
      }
      for (;;) {
        fold();
        if (failure !== undefined) throw failure;
        if (pending.length === 0) break;
        await changed();
      }
      state = completePass(state, pass, acc ?? reducePartials(pass, []));
    }
    return finishAnalysis(state);
  } finally {
    pending.length = 0;
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
