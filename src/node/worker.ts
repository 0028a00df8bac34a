/**
 * The worker-thread side of the pool (`createPool` in ./pool): receives batches `{ id, task, options, offset,
 * inputs | packed }`, runs `runBatch` on them and posts `{ id, results | packed }` (packed results transfer their
 * buffers) or `{ id, failure }`. Built as `dist/node/worker.js`; under tsx/vitest it is loaded through
 * `pool-bootstrap.mjs`.
 */
import { parentPort } from 'node:worker_threads';
import { packResults, runBatch, taskRunner, unpackInputs, type PackedResults, type PackedSeries, type TaskFailure, type TaskName } from './poolTasks';

/** A batch sent to a worker: its inputs as they are, or packed (see `packInputs`). */
export interface BatchMessage {
  readonly id: number;
  readonly task: TaskName;
  readonly optionsKey: string;
  readonly options: unknown;
  readonly offset: number;
  readonly inputs?: readonly unknown[];
  readonly packed?: PackedSeries;
}

/** A worker's answer to a batch: results as they are or packed (see `packResults`), or the first failure. */
export interface BatchReply {
  readonly id: number;
  readonly results?: unknown[];
  readonly packed?: PackedResults;
  readonly failure?: TaskFailure;
}

const runners = new Map<string, (input: never, index: number) => unknown>();

function runnerFor(message: BatchMessage): (input: never, index: number) => unknown {
  const key = `${message.task}\u0000${message.optionsKey}`;
  let run = runners.get(key);
  if (run === undefined) {
    run = taskRunner(message.task, message.options as never) as (input: never, index: number) => unknown;
    // A pool is used with a handful of option sets; the cap only guards against unbounded growth.
    if (runners.size > 64) runners.clear();
    runners.set(key, run);
  }
  return run;
}

function answer(message: BatchMessage): { reply: BatchReply; transfer: ArrayBuffer[] } {
  try {
    const inputs = message.packed === undefined ? (message.inputs ?? []) : unpackInputs(message.packed);
    const outcome = runBatch(runnerFor(message) as never, inputs as never[], message.offset);
    if ('failure' in outcome) return { reply: { id: message.id, failure: outcome.failure }, transfer: [] };
    const packed = packResults(message.task, outcome.results);
    if (packed === undefined) return { reply: { id: message.id, results: outcome.results }, transfer: [] };
    return { reply: { id: message.id, packed: packed.packed }, transfer: packed.transfer };
  } catch (error) {
    // Options rejected by the task itself (before any input ran): reported against the batch's first input.
    const e = error as { name?: string; message?: string; code?: string; stack?: string };
    const failure: TaskFailure = {
      index: message.offset,
      name: e.name ?? 'Error',
      message: e.message ?? String(error),
      ...(typeof e.code === 'string' ? { code: e.code } : {}),
      ...(typeof e.stack === 'string' ? { stack: e.stack } : {}),
    };
    return { reply: { id: message.id, failure }, transfer: [] };
  }
}

if (parentPort !== null) {
  const port = parentPort;
  port.on('message', (message: BatchMessage) => {
    const { reply, transfer } = answer(message);
    port.postMessage(reply, transfer);
  });
}
