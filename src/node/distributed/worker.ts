/**
 * A fleet worker: a BullMQ worker that runs the map jobs (read a shard, map it) and the reduce jobs (merge one
 * pass's partials keyed by shard id) of any protocol it was started with.
 */
import { hostname } from 'node:os';
import { assertArray, assertNumberOption, assertOptions, assertString, fail } from '../../errors';
import { isUnreadable, type RawRow, type UnreadableRow } from '../read';
import { loadBullMQ, packageVersion } from './deps';
import {
  connectionOf,
  DEFAULT_PREFIX,
  DEFAULT_QUEUE,
  workerName,
  type FleetJobData,
  type MapJobData,
  type MapResult,
  type ReduceJobData,
  type ReduceResult,
} from './jobs';
import { readShardRows } from './plan';
import {
  decodeFailure,
  encodeFailure,
  type DistributedProtocol,
  type FirstBadRecord,
  type JobIdentity,
  type Json,
  type PassSpec,
  type ShardFailure,
  type ShardInput,
} from './protocol';

export interface FleetWorkerOptions {
  /** Redis URL, `redis://host:port[/db]`. */
  readonly redis: string;
  /** The protocols this worker runs (the `analyze` protocol for the CLI). */
  readonly protocols: readonly DistributedProtocol<any, any, any>[];
  /** Jobs run at once in this process (default 1; map steps are CPU-bound: run more processes instead). */
  readonly concurrency?: number;
  readonly queueName?: string;
  readonly prefix?: string;
  /** Lock on a running job, ms (default 30000): a worker that dies loses its job to another after this long. */
  readonly lockDuration?: number;
  /** How often this worker looks for jobs whose worker died, ms (default 30000). */
  readonly stalledInterval?: number;
  /** Times a job may be recovered from a dead worker before it fails (default 2). */
  readonly maxStalledCount?: number;
  /** The package version this worker announces and checks jobs against (default: this package's version). */
  readonly version?: string;
  /** A line per job started, finished or refused (default: none). */
  readonly log?: (line: string) => void;
}

/** A running fleet worker. */
export interface FleetWorker {
  /** The name it announces to Redis (version, protocols, host and pid). */
  readonly name: string;
  /** Waits for the running job to finish, then disconnects. */
  close(): Promise<void>;
}

const CONTEXT_CACHE = 8;
/** Partials read from Redis at a time by a streaming reduce. */
const REDUCE_BATCH = 16;

/**
 * Starts a worker of the fleet: it takes map and reduce jobs from the queue until closed. Every job carries the
 * coordinator's package version and protocol fingerprint; a job from another version is refused with a
 * BullMQ `UnrecoverableError` whose message names both versions (results would differ), which stops that run.
 *
 * A map job reads its shard (a byte range of a file every worker sees, or rows carried in the job), validates it
 * (`toShard`) and maps it (`mapShard`). When the map step throws on its last attempt, the worker maps the shard's
 * records one at a time to find the first one that throws, and fails the job with the shard id and that record.
 * A reduce job keys its children's results by shard id (a retried or recovered child replaces, never adds) and
 * calls `reducePartials`; shards that failed are returned beside the merged result.
 *
 * @throws FeedbackMinerError DEPENDENCY_UNAVAILABLE when bullmq or ioredis is not installed; INVALID_OPTION on bad options
 */
export async function startWorker(options: FleetWorkerOptions): Promise<FleetWorker> {
  const where = 'startWorker';
  assertOptions(where, options);
  if (options === undefined) fail('INVALID_ARGUMENT', where, 'options', 'an object', options);
  assertString(where, 'options.redis', options.redis);
  assertArray(where, 'options.protocols', options.protocols);
  if (options.protocols.length === 0) fail('INVALID_OPTION', where, 'options.protocols', 'at least one protocol', options.protocols);
  const concurrency = options.concurrency ?? 1;
  assertNumberOption(where, 'options.concurrency', concurrency, { min: 1, integer: true });
  for (const key of ['lockDuration', 'stalledInterval', 'maxStalledCount'] as const) {
    if (options[key] !== undefined) assertNumberOption(where, `options.${key}`, options[key], { min: key === 'maxStalledCount' ? 0 : 1, integer: true });
  }
  const connection = connectionOf(where, options.redis);
  const { Worker, Queue, Job, UnrecoverableError } = await loadBullMQ(where);
  const version = options.version ?? packageVersion();
  const protocols = new Map(options.protocols.map((p) => [p.name, p]));
  const identities: JobIdentity[] = options.protocols.map((p) => ({ version, protocol: p.name, fingerprint: p.fingerprint }));
  const name = workerName(identities, hostname(), process.pid);
  const queueName = options.queueName ?? DEFAULT_QUEUE;
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const log = options.log ?? (() => {});
  const queue = new Queue(queueName, { connection, prefix });
  const contexts = new Map<string, PassSpec>();
  type RawClient = { hmget(key: string, ...fields: string[]): Promise<(string | null)[]>; quit(): Promise<unknown> };
  let raw: Promise<RawClient> | undefined;
  const rawClient = (): Promise<RawClient> => {
    raw ??= import('ioredis').then((m) => new (m.Redis as unknown as new (options: object) => RawClient)(connection));
    return raw;
  };

  const refuse = (data: FleetJobData): string | null => {
    const theirs = data.identity;
    const protocol = protocols.get(theirs.protocol);
    if (theirs.version === version && protocol !== undefined && protocol.fingerprint === theirs.fingerprint) return null;
    const mine = protocol === undefined ? `no protocol "${theirs.protocol}" (it runs ${[...protocols.keys()].join(', ')})` : `protocol ${protocol.name}#${protocol.fingerprint}`;
    return (
      `worker ${name} refuses a job of run ${data.run}: the job comes from feedback-miner ${theirs.version} (protocol ${theirs.protocol}#${theirs.fingerprint}), ` +
      `this worker runs feedback-miner ${version} with ${mine}; results would differ, so run one version on the coordinator and every worker`
    );
  };

  const passOf = async (data: MapJobData): Promise<PassSpec> => {
    const cached = contexts.get(data.parentId);
    if (cached !== undefined) return cached;
    const parent = await Job.fromId(queue, data.parentId);
    if (parent === undefined) throw new Error(`the parent job ${data.parentId} of pass "${data.pass.name}" is gone (the run was cancelled or Redis lost its data)`);
    const pass = (parent.data as ReduceJobData).pass;
    contexts.set(data.parentId, pass);
    if (contexts.size > CONTEXT_CACHE) contexts.delete(contexts.keys().next().value as string);
    return pass;
  };

  const runMap = async (job: { id?: string | undefined; attemptsMade: number; opts: { attempts?: number } }, data: MapJobData): Promise<MapResult> => {
    const protocol = protocols.get(data.identity.protocol) as DistributedProtocol;
    const shardId = 'ref' in data.source ? data.source.ref.range.shard : data.source.inline.shard;
    let rows: (RawRow | UnreadableRow)[];
    try {
      rows = 'ref' in data.source ? await readShardRows(data.source.ref) : [...data.source.inline.rows];
    } catch (error) {
      // Another file, or none, on this worker: no retry or exclusion fixes that.
      const failure: ShardFailure = { shard: shardId, pass: data.pass.name, reason: (error as Error).message, firstBad: null, fatal: true };
      throw new UnrecoverableError(encodeFailure(failure));
    }
    const pass = await passOf(data);
    const file = 'ref' in data.source ? data.source.ref.file : data.source.inline.file;
    const offset = 'ref' in data.source ? data.source.ref.range.offset : data.source.inline.offset;
    let shard: ShardInput | undefined;
    try {
      shard = data.extra === undefined ? protocol.toShard(rows, shardId, offset, file, data.columns) : protocol.toShard(rows, shardId, offset, file, data.columns, data.extra);
      const partial = await protocol.mapShard(pass, shard);
      return { shard: shardId, partial };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (!last) throw error;
      const firstBad = shard === undefined ? null : await findFirstBad(protocol, pass, shard, rows);
      throw new Error(encodeFailure({ shard: shardId, pass: pass.name, reason, firstBad, fatal: false }));
    }
  };

  const runReduce = async (
    job: { id?: string | undefined; getChildrenValues(): Promise<Record<string, unknown>>; getIgnoredChildrenFailures(): Promise<Record<string, string>> },
    data: ReduceJobData,
  ): Promise<ReduceResult> => {
    const protocol = protocols.get(data.identity.protocol) as DistributedProtocol;
    const failed = new Map<number, ShardFailure>();
    for (const [key, reason] of Object.entries(await job.getIgnoredChildrenFailures())) {
      const shard = Number(/\.s(\d+)$/.exec(key)?.[1] ?? -1);
      const failure = decodeFailure(reason, shard, data.pass.name);
      if (failure.fatal) throw new UnrecoverableError(reason);
      failed.set(failure.shard, failure);
    }
    const failures = (): ShardFailure[] => [...failed.values()].sort((a, b) => a.shard - b.shard);
    const missing: number[] = [];
    const merge = protocol.mergePartials;
    if (merge !== undefined) {
      // Stream the children's results from Redis in shard order, a batch at a time, folding as they come: the
      // same left fold as reducePartials, holding a batch instead of every partial of the pass. Each result is
      // read by its shard's job id: one shard contributes once.
      const redis = await rawClient();
      const processed = `${prefix}:${queueName}:${job.id as string}:processed`;
      let acc: Json | undefined;
      for (let i = 0; i < data.shards.length; i += REDUCE_BATCH) {
        const ids = data.shards.slice(i, i + REDUCE_BATCH);
        const values = await redis.hmget(processed, ...ids.map((shard) => `${prefix}:${queueName}:${job.id as string}.s${shard}`));
        ids.forEach((shard, j) => {
          const text = values[j];
          if (text === null || text === undefined) {
            if (!failed.has(shard)) missing.push(shard);
            return;
          }
          failed.delete(shard);
          const result = JSON.parse(text) as MapResult;
          if (result.shard !== shard) throw new Error(`pass "${data.pass.name}": the result stored for shard ${shard} is that of shard ${result.shard}`);
          acc = acc === undefined ? result.partial : merge.call(protocol, data.pass, acc, result.partial);
        });
      }
      if (missing.length > 0) throw new Error(`pass "${data.pass.name}": no result for shard(s) ${missing.slice(0, 10).join(', ')}`);
      return { merged: acc ?? protocol.reducePartials(data.pass, []), failed: failures() };
    }
    const byShard = new Map<number, Json>();
    // Keyed by shard id: whatever the job ids, one shard contributes once.
    for (const value of Object.values(await job.getChildrenValues())) {
      const result = value as MapResult;
      byShard.set(result.shard, result.partial);
      failed.delete(result.shard);
    }
    for (const shard of data.shards) if (!byShard.has(shard) && !failed.has(shard)) missing.push(shard);
    if (missing.length > 0) throw new Error(`pass "${data.pass.name}": no result for shard(s) ${missing.slice(0, 10).join(', ')}`);
    const partials = [...byShard.entries()].sort((a, b) => a[0] - b[0]).map(([shard, partial]) => ({ shard, partial }));
    return { merged: protocol.reducePartials(data.pass, partials), failed: failures() };
  };

  const worker = new Worker(
    queueName,
    async (job) => {
      const data = job.data as FleetJobData;
      const refusal = refuse(data);
      if (refusal !== null) {
        log(`refused ${job.id}: ${refusal}`);
        const shard = data.kind === 'map' ? ('ref' in data.source ? data.source.ref.range.shard : data.source.inline.shard) : -1;
        throw new UnrecoverableError(data.kind === 'map' ? encodeFailure({ shard, pass: data.pass.name, reason: refusal, firstBad: null, fatal: true }) : refusal);
      }
      const started = performance.now();
      log(`start ${job.id}`);
      const result = data.kind === 'map' ? await runMap(job, data) : await runReduce(job, data);
      log(`done ${job.id} in ${(performance.now() - started).toFixed(0)} ms`);
      return result;
    },
    {
      connection,
      prefix,
      name,
      concurrency,
      lockDuration: options.lockDuration ?? 30_000,
      stalledInterval: options.stalledInterval ?? 30_000,
      maxStalledCount: options.maxStalledCount ?? 2,
    },
  );
  worker.on('error', (error) => log(`error: ${error.message}`));
  worker.on('failed', (job, error) => log(`failed ${job?.id ?? '?'}: ${error.message.split(' ::')[0]}`));
  await worker.waitUntilReady();
  let closing: Promise<void> | undefined;
  return {
    name,
    close() {
      closing ??= (async () => {
        await worker.close();
        await queue.close();
        if (raw !== undefined) await (await raw).quit();
      })();
      return closing;
    },
  };
}

/**
 * Maps a failed shard's records one at a time, in order, and returns the first that throws on its own, with its
 * file line (valid records are the shard's readable rows minus its rejected lines, in order). `null` when every
 * record maps alone (the failure needs several records, or is not in the records).
 */
async function findFirstBad(
  protocol: DistributedProtocol,
  pass: PassSpec,
  shard: ShardInput,
  rows: readonly (RawRow | UnreadableRow)[],
): Promise<FirstBadRecord | null> {
  const rejectedLines = new Set(shard.rejected.map((r) => r.line));
  const recordLines = rows.filter((r) => !isUnreadable(r) && !rejectedLines.has(r.line)).map((r) => r.line);
  const lines = recordLines.length === shard.records.length ? recordLines : null;
  for (let index = 0; index < shard.records.length; index++) {
    const record = shard.records[index] as ShardInput['records'][number];
    try {
      await protocol.mapShard(pass, { shard: shard.shard, offset: shard.offset, rowsRead: 1, records: [record], rejected: [] });
    } catch (error) {
      const id = (record as { id?: unknown }).id;
      return {
        index,
        line: lines === null ? null : (lines[index] ?? null),
        id: typeof id === 'string' ? id : null,
        reason: error instanceof Error ? error.message : String(error),
      };
    }
  }
  return null;
}
