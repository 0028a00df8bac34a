import { existsSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { assertArray, assertNumberOption, assertOptions, fail, FeedbackMinerError, type ErrorCode } from '../errors';
import { packInputs, runBatch, taskList, taskRunner, TASK_NAMES, unpackResults, type PoolTasks, type TaskFailure, type TaskName } from './poolTasks';
import type { BatchMessage, BatchReply } from './worker';

export interface PoolOptions {
  /** Number of worker threads (default the number of cores, `os.availableParallelism()`). */
  readonly size?: number;
  /**
   * Most inputs per batch sent to a worker (default 1024; each worker holds up to two batches). Batches shrink
   * towards the end of a call (guided self-scheduling) so that the workers finish together.
   */
  readonly batchSize?: number;
}

export interface MapOptions<T extends TaskName> {
  /** Options of the task (structured-cloneable: no functions). */
  readonly options?: PoolTasks[T]['options'];
  /** Most inputs per batch for this call (default the pool's). */
  readonly batchSize?: number;
}

/** A pool of worker threads running the CPU-heavy stages. */
export interface WorkerPool {
  /** Number of worker threads. */
  readonly size: number;
  /**
   * Runs `task` on every input; resolves to the outputs in input order, identical to {@link runTask}. Rejects with
   * a {@link PoolTaskError} naming the first input (by index) whose task threw.
   */
  map<T extends TaskName>(task: T, inputs: readonly PoolTasks[T]['input'][], options?: MapOptions<T>): Promise<PoolTasks[T]['output'][]>;
  /** Stops the workers once running batches finish; pending and later `map` calls reject. Idempotent. */
  close(): Promise<void>;
}

/**
 * The error of a task on one input, surfaced from a worker: the input's `index`, the input itself, the original
 * code and message.
 */
export class PoolTaskError extends FeedbackMinerError {
  /** Index (into the inputs of `map`) of the input whose task threw. */
  readonly index: number;
  /** The input whose task threw (the caller's own value, not a copy). */
  readonly input: unknown;
  /** Name of the original error (`FeedbackMinerError`, `TypeError`, ...). */
  readonly originalName: string;
  constructor(task: string, failure: TaskFailure, input?: unknown) {
    const code: ErrorCode = (failure.code as ErrorCode | undefined) ?? 'INVALID_ARGUMENT';
    super(code, `pool.map(${task}): input ${failure.index} failed: ${failure.message}`, {
      where: 'pool.map',
      cause: { name: failure.name, message: failure.message, stack: failure.stack },
    });
    this.index = failure.index;
    this.input = input;
    this.originalName = failure.name;
  }
}

/**
 * Runs a pool task on the calling thread: the single-threaded path, with the same results (and the same error,
 * `PoolTaskError`, with the failing index) as `createPool().map`.
 *
 * Cost: as the task's stage functions, O(total input size).
 * @throws FeedbackMinerError INVALID_OPTION for an unknown task; PoolTaskError when the task throws on an input
 * @example runTask('feedback', ['Late again, very disappointed'], { options: { aspects: false } })[0].label // => 'negative'
 */
export function runTask<T extends TaskName>(task: T, inputs: readonly PoolTasks[T]['input'][], options?: MapOptions<T>): PoolTasks[T]['output'][] {
  checkTask('runTask', task);
  assertArray('runTask', 'inputs', inputs);
  assertOptions('runTask', options);
  const outcome = runBatch(taskRunner(task, options?.options), inputs, 0);
  if ('failure' in outcome) throw new PoolTaskError(task, outcome.failure, inputs[outcome.failure.index]);
  return outcome.results;
}

function checkTask(where: string, task: unknown): asserts task is TaskName {
  if (!TASK_NAMES.includes(task as TaskName)) fail('INVALID_OPTION', where, 'task', taskList(), task);
}

/** Default pool size: the cores Node may use. */
export function defaultPoolSize(): number {
  return typeof availableParallelism === 'function' ? availableParallelism() : Math.max(1, cpus().length);
}

/**
 * Where the worker entry is: the built `worker.js` next to this module (or in `node/` when this code sits in a
 * shared chunk at the root of `dist/`), or, from source, the tsx bootstrap that loads `worker.ts`.
 */
function workerEntry(): { file: URL; workerData?: { entry: string } } {
  const here = import.meta.url;
  if (/\.[cm]?ts$/.test(new URL(here).pathname)) {
    return { file: new URL('./pool-bootstrap.mjs', here), workerData: { entry: new URL('./worker.ts', here).href } };
  }
  for (const candidate of ['./worker.js', './node/worker.js', '../node/worker.js']) {
    const file = new URL(candidate, here);
    if (existsSync(fileURLToPath(file))) return { file };
  }
  return fail('IO_ERROR', 'createPool', 'the worker file', 'dist/node/worker.js next to the package', fileURLToPath(new URL('./worker.js', here)));
}

interface Job {
  readonly id: number;
  readonly call: Call;
  /** Position of the batch's first input in the call's inputs, and how many inputs it has. */
  readonly offset: number;
  readonly count: number;
}

interface Call {
  readonly task: TaskName;
  readonly inputs: readonly unknown[];
  readonly options: unknown;
  readonly optionsKey: string;
  readonly results: unknown[];
  remaining: number;
  done: boolean;
  resolve(results: unknown[]): void;
  reject(error: unknown): void;
}

interface Slot {
  worker: Worker;
  /** Batches sent and not answered yet, in sending order (a worker answers in order). */
  jobs: Job[];
}

/** Batches in flight per worker: the next batch waits in the worker's queue, so no worker idles between batches. */
const IN_FLIGHT = 2;

/**
 * Batch sizes for a call of `n` inputs: guided self-scheduling (Polychronopoulos & Kuck 1987, "Guided
 * Self-Scheduling: A Practical Scheduling Scheme for Parallel Supercomputers", IEEE Trans. Computers 36(12)):
 * each batch takes 1 / (2 workers) of what is left, capped at `most` and at least `most / 16` (and 1), so
 * batches are large while much is left (few messages) and small at the end (the workers finish together instead
 * of one running a last full batch alone). O(number of batches).
 */
export function batchSizes(n: number, most: number, workers: number): number[] {
  const sizes: number[] = [];
  const least = Math.max(1, Math.ceil(most / 16));
  let left = n;
  while (left > 0) {
    const size = Math.min(left, most, Math.max(least, Math.ceil(left / (2 * Math.max(1, workers)))));
    sizes.push(size);
    left -= size;
  }
  return sizes;
}

/**
 * Creates a pool of worker threads (`node:worker_threads`) for the CPU-heavy stages: `'feedback'` (tokenize +
 * sentiment + aspects of each text), `'tokenize'` (token counts only) and `'anomalies'` (`detectAnomalies` of each
 * series). Inputs go out in batches to whichever worker is free (dynamic scheduling, so uneven texts balance
 * out), large while much is left and shrinking towards the end (guided self-scheduling, see {@link batchSizes}),
 * two batches in flight per worker so none waits for the main thread; outputs are written back by index, so the
 * order and the values equal {@link runTask}'s. Series travel as transferred typed-array columns and the results
 * of every task come back the same way (see `packInputs` / `packResults`): the main thread neither serialises
 * point objects nor deserialises result objects, it only rebuilds the results. Idle workers are unreferenced, so
 * a forgotten `close()` never keeps the process alive; a worker that dies fails its call and is replaced.
 *
 * Cost: the task's cost divided by up to `size`, plus O(total input size) on the calling thread to slice, pack
 * and post the batches and to rebuild the results.
 * @throws FeedbackMinerError INVALID_OPTION for a bad size or batch size
 * @example
 * const pool = createPool({ size: 2 });
 * (await pool.map('feedback', ['Great service!', 'Late again.'])).map((f) => f.label) // => ['positive', 'negative']
 * await pool.close();
 */
export function createPool(options?: PoolOptions): WorkerPool {
  const where = 'createPool';
  assertOptions(where, options);
  const size = options?.size ?? defaultPoolSize();
  const defaultBatch = options?.batchSize ?? 1024;
  assertNumberOption(where, 'options.size', size, { min: 1, max: 1024, integer: true });
  assertNumberOption(where, 'options.batchSize', defaultBatch, { min: 1, integer: true });
  const entry = workerEntry();
  const queue: Job[] = [];
  const slots: Slot[] = [];
  let nextId = 0;
  let closed = false;

  const spawn = (): Slot => {
    const worker = new Worker(entry.file, entry.workerData === undefined ? {} : { workerData: entry.workerData });
    const slot: Slot = { worker, jobs: [] };
    worker.on('message', (reply: BatchReply) => {
      // A worker answers in sending order, so the answer is almost always the oldest job.
      const at = slot.jobs[0]?.id === reply.id ? 0 : slot.jobs.findIndex((j) => j.id === reply.id);
      const job = at >= 0 ? slot.jobs.splice(at, 1)[0] : undefined;
      // Refill the worker before decoding the answer, so it never waits for the main thread.
      pump();
      if (slot.jobs.length === 0) worker.unref();
      if (job !== undefined) finish(job, reply);
    });
    const crashed = (error: unknown): void => {
      const lost = slot.jobs.splice(0);
      const index = slots.indexOf(slot);
      if (index >= 0) slots.splice(index, 1);
      for (const job of lost) {
        failCall(
          job.call,
          new FeedbackMinerError('IO_ERROR', `pool.map(${job.call.task}): a worker stopped while running inputs ${job.offset} to ${job.offset + job.count - 1}: ${String((error as Error)?.message ?? error)}`, {
            where: 'pool.map',
            cause: error,
          }),
        );
      }
      if (!closed) {
        slots.push(spawn());
        pump();
      }
    };
    worker.on('error', crashed);
    worker.on('exit', (code) => {
      if (!closed && slots.includes(slot)) crashed(new Error(`exit code ${code}`));
    });
    // After the listeners: adding a 'message' listener references the worker's port again.
    worker.unref();
    return slot;
  };

  const finish = (job: Job, reply: BatchReply): void => {
    const call = job.call;
    if (call.done) return;
    if (reply.failure !== undefined) {
      failCall(call, new PoolTaskError(call.task, reply.failure, call.inputs[reply.failure.index]));
      return;
    }
    if (reply.packed !== undefined) unpackResults(reply.packed, call.results, job.offset);
    else {
      const results = reply.results ?? [];
      for (let i = 0; i < results.length; i++) call.results[job.offset + i] = results[i];
    }
    call.remaining--;
    if (call.remaining === 0) {
      call.done = true;
      call.resolve(call.results);
    }
  };

  const failCall = (call: Call, error: unknown): void => {
    if (call.done) return;
    call.done = true;
    // Batches of this call not yet sent are dropped; those running finish and are ignored.
    for (let i = queue.length - 1; i >= 0; i--) if ((queue[i] as Job).call === call) queue.splice(i, 1);
    call.reject(error);
  };

  const pump = (): void => {
    // Fill every worker to one batch first, then to IN_FLIGHT, so small calls still spread over all workers.
    for (let depth = 1; depth <= IN_FLIGHT; depth++) {
      for (const slot of slots) {
        if (slot.jobs.length >= depth) continue;
        const job = queue.shift();
        if (job === undefined) return;
        send(slot, job);
      }
    }
  };

  const send = (slot: Slot, job: Job): void => {
    const call = job.call;
    slot.jobs.push(job);
    slot.worker.ref();
    try {
      // Inputs are sliced and packed only when the batch leaves, so a long call costs no up-front copy.
      const inputs = call.inputs.slice(job.offset, job.offset + job.count);
      const packed = packInputs(call.task, inputs);
      const base = { id: job.id, task: call.task, optionsKey: call.optionsKey, options: call.options, offset: job.offset };
      if (packed === undefined) slot.worker.postMessage({ ...base, inputs } satisfies BatchMessage);
      else slot.worker.postMessage({ ...base, packed: packed.packed } satisfies BatchMessage, packed.transfer);
    } catch (error) {
      // Inputs or options that cannot be cloned (functions, symbols): misuse, reported on the call.
      slot.jobs.pop();
      if (slot.jobs.length === 0) slot.worker.unref();
      failCall(
        call,
        new FeedbackMinerError('INVALID_ARGUMENT', `pool.map: expected inputs and options.options to be structured-cloneable, found ${(error as Error).message}`, {
          where: 'pool.map',
          cause: error,
        }),
      );
    }
  };

  for (let i = 0; i < size; i++) slots.push(spawn());

  return {
    size,
    map(task, inputs, mapOptions) {
      const fn = 'pool.map';
      try {
        if (closed) fail('INVALID_ARGUMENT', fn, 'the pool', 'open', 'a closed pool');
        checkTask(fn, task);
        assertArray(fn, 'inputs', inputs);
        assertOptions(fn, mapOptions);
        const batchSize = mapOptions?.batchSize ?? defaultBatch;
        assertNumberOption(fn, 'options.batchSize', batchSize, { min: 1, integer: true });
        // Options must survive structured cloning; their JSON is also the key under which workers cache the task.
        const optionsKey = JSON.stringify(mapOptions?.options ?? null) ?? 'null';
        if (inputs.length === 0) return Promise.resolve([]);
        return new Promise((resolve, reject) => {
          const sizes = batchSizes(inputs.length, batchSize, slots.length);
          const call: Call = {
            task,
            // A shallow copy: batches are sliced as they leave, and the caller's array may change meanwhile.
            inputs: inputs.slice(),
            options: mapOptions?.options,
            optionsKey,
            results: new Array<unknown>(inputs.length),
            remaining: sizes.length,
            done: false,
            resolve: resolve as (results: unknown[]) => void,
            reject,
          };
          let offset = 0;
          for (const count of sizes) {
            queue.push({ id: nextId++, call, offset, count });
            offset += count;
          }
          pump();
        });
      } catch (error) {
        return Promise.reject(error);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const job of queue.splice(0)) {
        failCall(job.call, new FeedbackMinerError('INVALID_ARGUMENT', 'pool.map: the pool was closed before this call finished', { where: 'pool.map' }));
      }
      // Running batches finish first: terminate waits for no message, so wait for each busy worker to reply.
      await Promise.all(
        slots.map(
          (slot) =>
            new Promise<void>((resolve) => {
              if (slot.jobs.length === 0) resolve();
              else {
                const done = (): void => {
                  if (slot.jobs.length === 0) resolve();
                };
                // Registered after the pool's own listener, so the answered job is already removed.
                slot.worker.on('message', done);
                slot.worker.once('exit', () => resolve());
              }
            }),
        ),
      );
      await Promise.all(slots.splice(0).map((slot) => slot.worker.terminate()));
    },
  };
}
