import { existsSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { assertArray, assertNumberOption, assertOptions, fail, FeedbackMinerError, type ErrorCode } from '../errors';
import { runBatch, taskRunner, TASK_NAMES, type PoolTasks, type TaskFailure, type TaskName } from './poolTasks';
import type { BatchMessage } from './worker';

export interface PoolOptions {
  /** Number of worker threads (default the number of cores, `os.availableParallelism()`). */
  readonly size?: number;
  /** Inputs per batch sent to a worker (default 1024; each worker holds up to two batches). */
  readonly batchSize?: number;
}

export interface MapOptions<T extends TaskName> {
  /** Options of the task (structured-cloneable: no functions). */
  readonly options?: PoolTasks[T]['options'];
  /** Inputs per batch for this call (default the pool's). */
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

/** The error of a task on one input, surfaced from a worker: the input's `index`, the original code and message. */
export class PoolTaskError extends FeedbackMinerError {
  /** Index (into the inputs of `map`) of the input whose task threw. */
  readonly index: number;
  /** Name of the original error (`FeedbackMinerError`, `TypeError`, ...). */
  readonly originalName: string;
  constructor(task: string, failure: TaskFailure) {
    const code: ErrorCode = (failure.code as ErrorCode | undefined) ?? 'INVALID_ARGUMENT';
    super(code, `pool.map(${task}): input ${failure.index} failed: ${failure.message}`, {
      where: 'pool.map',
      cause: { name: failure.name, message: failure.message, stack: failure.stack },
    });
    this.index = failure.index;
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
  if ('failure' in outcome) throw new PoolTaskError(task, outcome.failure);
  return outcome.results;
}

function checkTask(where: string, task: unknown): asserts task is TaskName {
  if (!TASK_NAMES.includes(task as TaskName)) fail('INVALID_OPTION', where, 'task', TASK_NAMES.map((n) => `'${n}'`).join(' or '), task);
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
  readonly message: BatchMessage;
  readonly call: Call;
}

interface Call {
  readonly task: TaskName;
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
 * Creates a pool of worker threads (`node:worker_threads`) for the CPU-heavy stages: `'feedback'` (tokenize +
 * sentiment + aspects of each text) and `'anomalies'` (`detectAnomalies` of each series). Inputs go out in
 * batches to whichever worker is free (dynamic scheduling, so uneven texts balance out); outputs are written back
 * by index, so the order and the values equal {@link runTask}'s. Idle workers are unreferenced, so a forgotten
 * `close()` never keeps the process alive; a worker that dies fails its call and is replaced.
 *
 * Cost: the task's cost divided by up to `size`, plus structured cloning of inputs and outputs.
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
    worker.on('message', (reply: { id: number; results?: unknown[]; failure?: TaskFailure }) => {
      const at = slot.jobs.findIndex((j) => j.message.id === reply.id);
      const job = at >= 0 ? slot.jobs.splice(at, 1)[0] : undefined;
      if (slot.jobs.length === 0) worker.unref();
      if (job !== undefined) finish(job, reply);
      pump();
    });
    const crashed = (error: unknown): void => {
      const lost = slot.jobs.splice(0);
      const index = slots.indexOf(slot);
      if (index >= 0) slots.splice(index, 1);
      for (const job of lost) {
        failCall(
          job.call,
          new FeedbackMinerError('IO_ERROR', `pool.map(${job.call.task}): a worker stopped while running inputs ${job.message.offset} to ${job.message.offset + job.message.inputs.length - 1}: ${String((error as Error)?.message ?? error)}`, {
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

  const finish = (job: Job, reply: { results?: unknown[]; failure?: TaskFailure }): void => {
    const call = job.call;
    if (call.done) return;
    if (reply.failure !== undefined) {
      failCall(call, new PoolTaskError(call.task, reply.failure));
      return;
    }
    const results = reply.results ?? [];
    for (let i = 0; i < results.length; i++) call.results[job.message.offset + i] = results[i];
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
    {
      slot.jobs.push(job);
      slot.worker.ref();
      try {
        slot.worker.postMessage(job.message);
      } catch (error) {
        // Inputs or options that cannot be cloned (functions, symbols): misuse, reported on the call.
        slot.jobs.pop();
        if (slot.jobs.length === 0) slot.worker.unref();
        failCall(
          job.call,
          new FeedbackMinerError('INVALID_ARGUMENT', `pool.map: expected inputs and options.options to be structured-cloneable, found ${(error as Error).message}`, {
            where: 'pool.map',
            cause: error,
          }),
        );
      }
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
          const call: Call = {
            task,
            results: new Array<unknown>(inputs.length),
            remaining: Math.ceil(inputs.length / batchSize),
            done: false,
            resolve: resolve as (results: unknown[]) => void,
            reject,
          };
          for (let offset = 0; offset < inputs.length; offset += batchSize) {
            queue.push({
              call,
              message: { id: nextId++, task, optionsKey, options: mapOptions?.options, offset, inputs: inputs.slice(offset, offset + batchSize) },
            });
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
