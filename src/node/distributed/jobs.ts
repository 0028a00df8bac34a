/** The jobs that travel through Redis, and the connection settings both sides share. Everything here is plain JSON. */
import { fail } from '../../errors';
import type { ColumnMap } from '../load';
import type { RawRow, UnreadableRow } from '../read';
import type { ShardRef } from './plan';
import type { JobIdentity, Json, PassSpec, ShardFailure } from './protocol';

/** Default BullMQ queue name of the fleet. */
export const DEFAULT_QUEUE = 'feedback-miner';
/** Default key prefix in Redis. */
export const DEFAULT_PREFIX = 'fm';

/** A shard's rows carried in the job itself (workers need not see the file). */
export interface InlineShard {
  readonly file: string;
  readonly shard: number;
  readonly offset: number;
  readonly rows: readonly (RawRow | UnreadableRow)[];
}

/** A child job: map one shard in one pass. The pass context is read once per worker from the parent job. */
export interface MapJobData {
  readonly kind: 'map';
  readonly identity: JobIdentity;
  readonly run: string;
  /** Job id of the pass's parent (reduce) job, which holds the pass. */
  readonly parentId: string;
  readonly pass: { readonly name: string; readonly index: number };
  readonly source: { readonly ref: ShardRef } | { readonly inline: InlineShard };
  readonly columns: ColumnMap;
  /** What the protocol's `prepareShards` found for this shard (absent when nothing). */
  readonly extra?: Json;
}

/** A parent job: reduce one pass's partials. */
export interface ReduceJobData {
  readonly kind: 'reduce';
  readonly identity: JobIdentity;
  readonly run: string;
  readonly pass: PassSpec;
  /** Shard ids expected among the children. */
  readonly shards: readonly number[];
}

export type FleetJobData = MapJobData | ReduceJobData;

export interface MapResult {
  readonly shard: number;
  readonly partial: Json;
}

export interface ReduceResult {
  readonly merged: Json;
  /** Shards that failed after all their attempts (their partials are not in `merged`). */
  readonly failed: readonly ShardFailure[];
}

/** ioredis options from a `redis://[user:password@]host:port[/db]` (or `rediss://`) URL. */
export function connectionOf(where: string, url: string): Record<string, unknown> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    fail('INVALID_OPTION', where, 'redis', 'a redis:// URL', url);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') fail('INVALID_OPTION', where, 'redis', 'a redis:// or rediss:// URL', url);
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) fail('INVALID_OPTION', where, 'redis', 'a URL whose path is a database number', url);
  return {
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port === '' ? 6379 : Number(parsed.port),
    db,
    ...(parsed.username === '' ? {} : { username: decodeURIComponent(parsed.username) }),
    ...(parsed.password === '' ? {} : { password: decodeURIComponent(parsed.password) }),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    // BullMQ workers block on Redis; commands wait for a reconnection instead of failing after a few retries.
    maxRetriesPerRequest: null,
    // Reconnect quickly after a Redis restart, never giving up.
    retryStrategy: (times: number) => Math.min(100 * times, 2000),
  };
}

/** The worker name a fleet worker announces (`CLIENT SETNAME`), so a coordinator can see versions before it starts. */
export function workerName(identities: readonly JobIdentity[], host: string, pid: number): string {
  const protocols = identities.map((i) => `${i.protocol}#${i.fingerprint}`).join(',');
  return `feedback-miner@${identities[0]?.version ?? 'unknown'}/${protocols}/${host}:${pid}`;
}

/** Parses {@link workerName}; `null` for a client that is not a fleet worker. */
export function parseWorkerName(name: string): { version: string; protocols: string[]; where: string } | null {
  const match = /^feedback-miner@([^/]*)\/([^/]*)\/(.*)$/.exec(name);
  if (match === null) return null;
  return { version: match[1] as string, protocols: (match[2] as string).split(','), where: match[3] as string };
}
