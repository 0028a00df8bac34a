/**
 * The worker-thread side of the pool (`createPool` in ./pool): receives batches `{ id, task, options, offset,
 * inputs }`, runs `runBatch` on them and posts `{ id, results }` or `{ id, failure }`. Built as
 * `dist/node/worker.js`; under tsx/vitest it is loaded through `pool-bootstrap.mjs`.
 */
import { parentPort } from 'node:worker_threads';
import { runBatch, taskRunner, type TaskName } from './poolTasks';

/** A batch sent to a worker. */
export interface BatchMessage {
  readonly id: number;
  readonly task: TaskName;
  readonly optionsKey: string;
  readonly options: unknown;
  readonly offset: number;
  readonly inputs: readonly unknown[];
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

if (parentPort !== null) {
  const port = parentPort;
  port.on('message', (message: BatchMessage) => {
    let reply: object;
    try {
      reply = { id: message.id, ...runBatch(runnerFor(message) as never, message.inputs as never[], message.offset) };
    } catch (error) {
      // Options rejected by the task itself (before any input ran): reported against the batch's first input.
      const e = error as { name?: string; message?: string; code?: string; stack?: string };
      reply = {
        id: message.id,
        failure: { index: message.offset, name: e.name ?? 'Error', message: e.message ?? String(error), code: e.code, stack: e.stack },
      };
    }
    port.postMessage(reply);
  });
}
