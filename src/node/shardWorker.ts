/**
 * The worker-thread side of `analyzeShardsParallel` (./parallelShards): receives `{ kind: 'pass', pass }` once per
 * pass (the pass's context, which may hold a fitted theme model, crosses once, not with every shard), then
 * `{ kind: 'shard', shard }` messages, and answers each shard with `{ shard, partial }` (`mapShard`'s plain JSON)
 * or `{ shard, failure }`. Messages are answered in the order they came. Built as `dist/node/shardWorker.js`;
 * under tsx/vitest it is loaded through `pool-bootstrap.mjs`.
 */
import { parentPort } from 'node:worker_threads';
import { type Json, mapShard, type PassSpec, type ShardInput } from '../analyze/passes';
import { toShard } from './distributed/analysisProtocol';
import { planShards, readShardRows, type ShardRef } from './distributed/plan';
import type { ColumnMap } from './load';

/** A shard the worker reads itself from its byte range, with the ids the driver found repeated from earlier shards. */
export interface RangeMessage {
  readonly kind: 'range';
  readonly ref: ShardRef;
  readonly columns: ColumnMap;
  readonly duplicates: readonly { readonly line: number; readonly id: string }[];
}

/** What the driver sends. */
export type ShardWorkerMessage =
  | { readonly kind: 'pass'; readonly pass: PassSpec }
  | { readonly kind: 'shard'; readonly shard: ShardInput }
  | RangeMessage
  | { readonly kind: 'plan'; readonly file: string };

/** An error thrown by `mapShard` in a worker, as plain data. */
export interface ShardFailure {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly stack?: string;
}

/** What a worker answers for one shard (`shard` -1: the answer to a plan). */
export interface ShardWorkerReply {
  readonly shard: number;
  readonly partial?: Json;
  /** Rows read, for a shard read from its byte range. */
  readonly rowsRead?: number;
  readonly plan?: Json;
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
  // Byte-range shards are read asynchronously: one at a time, in the order they came, so answers keep that order.
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (message: ShardWorkerMessage) => {
    if (message.kind === 'pass') {
      pass = message.pass;
      return;
    }
    if (message.kind === 'plan') {
      queue = queue.then(async () => {
        try {
          port.postMessage({ shard: -1, plan: (await planShards(message.file)) as unknown as Json } satisfies ShardWorkerReply);
        } catch (error) {
          port.postMessage({ shard: -1, failure: toFailure(error) } satisfies ShardWorkerReply);
        }
      });
      return;
    }
    if (message.kind === 'range') {
      const current = pass;
      const { ref, columns, duplicates } = message;
      queue = queue.then(async () => {
        let reply: ShardWorkerReply;
        try {
          if (current === null) throw new Error('shardWorker: a shard came before its pass');
          const rows = await readShardRows(ref);
          const shard = toShard(rows, ref.range.shard, ref.range.offset, ref.file, columns, duplicates as unknown as Json);
          reply = { shard: ref.range.shard, rowsRead: shard.rowsRead, partial: mapShard(current, shard) };
        } catch (error) {
          reply = { shard: ref.range.shard, failure: toFailure(error) };
        }
        port.postMessage(reply);
      });
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
