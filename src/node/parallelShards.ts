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
import type { ShardPlan } from './distributed/plan';
import type { ColumnMap } from './load';
import { type IdHashSet, readShards } from './shards';
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
  /** Messages sent to this worker and not answered yet. */
  busy: number;
  /** Index of the pass this worker was last sent. */
  pass: number;
}

interface Pending {
  readonly shard: ShardInput;
  partial?: Json;
  rowsRead?: number;
}

/** One unit of work for the workers: the shard as the driver knows it, and the message that makes a worker map it. */
interface WorkItem {
  readonly shard: ShardInput;
  readonly message: ShardWorkerMessage;
}

/** A set of shard workers: runs a pass over work items, folding the partials in shard order; asks for a plan. */
interface ShardWorkers {
  run(pass: PassSpec, items: AsyncIterable<WorkItem> | Iterable<WorkItem>, onShard?: (pass: PassSpec, shard: ShardInput) => void): Promise<Json | undefined>;
  plan(file: string): Promise<Json>;
  close(): Promise<void>;
}

function startShardWorkers(where: string, threads: number, inFlight: number): ShardWorkers {
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
  let passName = '?';
  /** Shards sent and not folded, in shard order. */
  const pending: Pending[] = [];
  let planReply: { plan?: Json; failure?: ShardWorkerReply['failure'] } | undefined;

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
      if (reply.shard === -1) planReply = reply;
      else if (reply.failure !== undefined) failure ??= new ShardError(passName, reply.shard, reply.failure);
      else {
        const entry = pending.find((p) => p.shard.shard === reply.shard);
        if (entry !== undefined) {
          entry.partial = reply.partial ?? null;
          if (reply.rowsRead !== undefined) entry.rowsRead = reply.rowsRead;
        }
      }
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

  return {
    async run(pass, items, onShard) {
      passName = pass.name;
      let acc: Json | undefined;
      const fold = (): void => {
        while (pending.length > 0 && pending[0]!.partial !== undefined) {
          const head = pending.shift()!;
          acc = acc === undefined ? head.partial! : mergePartials(pass, acc, head.partial!);
          onShard?.(pass, head.rowsRead === undefined ? head.shard : { ...head.shard, rowsRead: head.rowsRead });
        }
      };
      let last = -1;
      for await (const item of items) {
        const { shard } = item;
        if (shard === null || typeof shard !== 'object' || !(shard.shard > last)) {
          fail('INVALID_ARGUMENT', where, 'shards', `shards in increasing shard order (after ${last})`, shard?.shard);
        }
        last = shard.shard;
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
        slot.worker.postMessage(item.message);
      }
      for (;;) {
        fold();
        if (failure !== undefined) throw failure;
        if (pending.length === 0) return acc;
        await changed();
      }
    },
    async plan(file) {
      slots[0]!.busy++;
      slots[0]!.worker.postMessage({ kind: 'plan', file } satisfies ShardWorkerMessage);
      while (planReply === undefined && failure === undefined) await changed();
      if (failure !== undefined) throw failure;
      const reply = planReply!;
      planReply = undefined;
      if (reply.failure !== undefined) throw new FeedbackMinerError(ERROR_CODES.includes(reply.failure.code as ErrorCode) ? (reply.failure.code as ErrorCode) : 'IO_ERROR', reply.failure.message, { where, cause: reply.failure });
      return reply.plan ?? null;
    },
    async close() {
      pending.length = 0;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}

/** The map step of one pass in this thread, for a pass that does not go to the workers; errors name the shard. */
function mapHere(pass: PassSpec, shard: ShardInput): Json {
  try {
    return mapShard(pass, shard);
  } catch (error) {
    const e = error as { name?: string; message?: string; code?: string };
    throw new ShardError(pass.name, shard.shard, { name: e.name ?? 'Error', message: e.message ?? String(error), ...(e.code === undefined ? {} : { code: e.code }) });
  }
}

async function* asItems(source: AsyncIterable<ShardInput> | Iterable<ShardInput>): AsyncGenerator<WorkItem> {
  for await (const shard of source) yield { shard, message: { kind: 'shard', shard } };
}

function checkParallel(where: string, parallel: ParallelShardsOptions): { threads: number; inFlight: number; workerPasses: readonly string[] } {
  assertOptions(where, parallel);
  const threads = parallel.threads ?? 2;
  assertNumberOption(where, 'parallel.threads', threads, { min: 1, integer: true });
  const inFlight = parallel.inFlight ?? 2 * threads;
  assertNumberOption(where, 'parallel.inFlight', inFlight, { min: 1, integer: true });
  const workerPasses = parallel.workerPasses ?? ['assign'];
  assertArray(where, 'parallel.workerPasses', workerPasses);
  if (parallel.onShard !== undefined && typeof parallel.onShard !== 'function') fail('INVALID_OPTION', where, 'parallel.onShard', 'a function', parallel.onShard);
  return { threads, inFlight, workerPasses };
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
  const { threads, inFlight, workerPasses } = checkParallel(where, parallel);
  const onShard = parallel.onShard;
  if (threads === 1) return analyzeShards(input, shards, options, onShard);
  if (typeof shards !== 'function' && (shards === null || typeof shards !== 'object' || typeof (shards as Iterable<ShardInput>)[Symbol.iterator] !== 'function')) {
    fail('INVALID_ARGUMENT', where, 'shards', 'an iterable of shards or a function returning an async iterable', shards);
  }
  let state = startAnalysis(input, options);
  const source: () => AsyncIterable<ShardInput> | Iterable<ShardInput> =
    typeof shards === 'function' ? shards : Array.isArray(shards) ? () => shards : ((list) => () => list)([...shards]);
  let workers: ShardWorkers | undefined;
  try {
    for (let pass = nextPass(state); pass !== null; pass = nextPass(state)) {
      let acc: Json | undefined;
      if (workerPasses.includes(pass.name)) {
        workers ??= startShardWorkers(where, threads, inFlight);
        acc = await workers.run(pass, asItems(source()), onShard);
      } else {
        let last = -1;
        for await (const shard of source()) {
          if (shard === null || typeof shard !== 'object' || !(shard.shard > last)) {
            fail('INVALID_ARGUMENT', where, 'shards', `shards in increasing shard order (after ${last})`, shard?.shard);
          }
          last = shard.shard;
          const partial = mapHere(pass, shard);
          acc = acc === undefined ? partial : mergePartials(pass, acc, partial);
          onShard?.(pass, shard);
        }
      }
      state = completePass(state, pass, acc ?? reducePartials(pass, []));
    }
    return finishAnalysis(state);
  } finally {
    await workers?.close();
  }
}

const DUPLICATE = /^duplicate id (".*") \(seen earlier in the file\)$/;

/** How `analyzeFileParallel` runs: `analyzeShardsParallel`'s options, with the file's column names. */
export interface ParallelFileOptions extends Omit<ParallelShardsOptions, 'workerPasses'> {
  /** Column names of the feedback file (`--text-column` and friends). */
  readonly columns?: ColumnMap;
  /** Called with the set of id hashes after the scan (for reporting its size). */
  readonly onIds?: (ids: IdHashSet) => void;
  /**
   * Called after each shard is folded, in shard order. In the assign pass the workers read the shards, so the shard
   * given here has its number, offset and `rowsRead` but no records nor rejections (the scan reported those).
   */
  readonly onShard?: (pass: PassSpec, shard: ShardInput) => void;
}

/**
 * The whole pipeline over a feedback file (CSV or JSONL) with the assign pass read *by the workers*: while this
 * thread runs the scan (`readShards`: rows, rejections, ids repeated across the file), one worker plans the file's
 * shard byte ranges (`planShards`); then each worker reads its own shards' ranges (`readShardRows`), validates them
 * as `readShards` does (the ids repeated from earlier shards, found by the scan, rejected again) and maps them.
 * This thread then only dispatches and folds, so the reading, the validation and the map step of the assign pass
 * all run on the workers. The report is the same JSON as `analyzeShards(input, () => readShards(path))`; when the
 * plan's shards do not match the scan's (the file changed) it throws.
 *
 * Cost: as `analyzeShardsParallel`, plus one more parse of the file (the plan) on a worker during the scan.
 * @throws FeedbackMinerError IO_ERROR when the file cannot be read or changed between the passes; as
 *   `analyzeShardsParallel`
 */
export async function analyzeFileParallel(input: AnalysisInput, path: string, options?: AnalyzeOptions, parallel: ParallelFileOptions = {}): Promise<ReportModel> {
  const where = 'analyzeFileParallel';
  const { threads, inFlight } = checkParallel(where, parallel);
  const columns = parallel.columns ?? {};
  const reader = () => readShards(path, { columns, ...(parallel.onIds === undefined ? {} : { onIds: parallel.onIds }) });
  if (threads === 1) return analyzeShards(input, reader, options, parallel.onShard);
  let state = startAnalysis(input, options);
  const workers = startShardWorkers(where, threads, inFlight);
  try {
    const planned = workers.plan(path);
    // Keep the plan's failure for when it is awaited, not as an unhandled rejection meanwhile.
    planned.catch(() => undefined);
    const scanned: { offset: number; rowsRead: number; duplicates: { line: number; id: string }[] }[] = [];
    for (let pass = nextPass(state); pass !== null; pass = nextPass(state)) {
      let acc: Json | undefined;
      if (pass.index === 0) {
        for await (const shard of reader()) {
          const partial = mapHere(pass, shard);
          acc = acc === undefined ? partial : mergePartials(pass, acc, partial);
          const duplicates: { line: number; id: string }[] = [];
          for (const r of shard.rejected) {
            const match = r.field === 'id' ? DUPLICATE.exec(r.reason) : null;
            if (match !== null) duplicates.push({ line: r.line, id: JSON.parse(match[1]!) as string });
          }
          scanned[shard.shard] = { offset: shard.offset, rowsRead: shard.rowsRead, duplicates };
          parallel.onShard?.(pass, shard);
        }
      } else {
        const plan = (await planned) as unknown as ShardPlan;
        const same = plan.shards.length === scanned.length && plan.shards.every((r, i) => scanned[i] !== undefined && scanned[i].offset === r.offset && scanned[i].rowsRead === r.rows);
        if (!same) fail('IO_ERROR', where, path, `the file the scan read (${scanned.length} shards)`, `${plan.shards.length} shards planned`);
        const { shards: ranges, rows: _rows, ...shape } = plan;
        const items = ranges.map((range): WorkItem => ({
          shard: { shard: range.shard, offset: range.offset, rowsRead: range.rows, records: [], rejected: [] },
          message: { kind: 'range', ref: { ...shape, range }, columns, duplicates: scanned[range.shard]!.duplicates },
        }));
        acc = await workers.run(pass, items, parallel.onShard);
      }
      state = completePass(state, pass, acc ?? reducePartials(pass, []));
    }
    return finishAnalysis(state);
  } finally {
    await workers.close();
  }
}
