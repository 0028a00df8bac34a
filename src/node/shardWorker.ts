/**
 * The worker-thread side of `analyzeShardsParallel` (./parallelShards): receives `{ kind: 'pass', pass }` once per
 * pass (the pass's context, which may hold a fitted theme model, crosses once, not with every shard), then
 * `{ kind: 'shard', shard }` messages, and answers each shard with `{ shard, partial }` (`mapShard`'s plain JSON)
 * or `{ shard, failure }`. Messages are answered in the order they came. Built as `dist/node/shardWorker.js`;
 * under tsx/vitest it is loaded through `pool-bootstrap.mjs`.
 */
import { parentPort } from 'node:worker_threads';
import { type Json, mapShard, type PassSpec, type ShardInput } from '../analyze/passes';

/** What the driver sends. */
export type ShardWorkerMessage = { readonly kind: 'pass'; readonly pass: PassSpec } | { readonly kind: 'shard'; readonly shard: ShardInput };

/** An error thrown by `mapShard` in a worker, as plain data. */
export interface ShardFailure {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly stack?: string;
}

/** What a worker answers for one shard. */
export interface ShardWorkerReply {
  readonly shard: number;
  readonly partial?: Json;
  readonly failure?: ShardFailure;
}

function toFailure(error: unknown): ShardFailure {
  const e = (error ?? {}) as { name?: unknown; message?: unknown; code?: unknown; stack?: unknown };
  return {
    name: typeof e.name === 'string' ? e.name : 'Error',
    message: typeof e.message === 'string' ? e.message : String(error),
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(typeof e.stack === 'string' ? { stack: e.stack } : {}),
  };
}

if (parentPort !== null) {
  const port = parentPort;
  let pass: PassSpec | null = null;
  port.on('message', (message: ShardWorkerMessage) => {
    if (message.kind === 'pass') {
      pass = message.pass;
      return;
    }
    const shard = message.shard?.shard;
    let reply: ShardWorkerReply;
    try {
      if (pass === null) throw new Error('shardWorker: a shard came before its pass');
      reply = { shard, partial: mapShard(pass, message.shard) };
    } catch (error) {
      reply = { shard, failure: toFailure(error) };
    }
    port.postMessage(reply);
  });
}
