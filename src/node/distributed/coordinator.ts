/**
 * The coordinator: runs an analysis's passes as BullMQ flows (one flow per pass: a parent "reduce" job with one
 * "map" child per shard) on whatever fleet workers are listening, and keeps the analysis state between passes.
 */
import { randomBytes } from 'node:crypto';
import type { FileRejection } from '../../analyze/types';
import { assertNumberOption, assertOptions, assertString, fail, FeedbackMinerError } from '../../errors';
import type { ColumnMap } from '../load';
import { loadBullMQ, packageVersion } from './deps';
import {
  connectionOf,
  DEFAULT_PREFIX,
  DEFAULT_QUEUE,
  parseWorkerName,
  type InlineShard,
  type MapJobData,
  type ReduceJobData,
  type ReduceResult,
} from './jobs';
import { readShardRows, type ShardPlan, type ShardRange } from './plan';
import { describeBad, type DistributedProtocol, type JobIdentity, type Json, type PassSpec, type ShardFailure } from './protocol';

export interface FleetRunOptions {
  /** Redis URL, `redis://host:port[/db]`. */
  readonly redis: string;
  readonly queueName?: string;
  readonly prefix?: string;
  /** Attempts per shard before it counts as failed (default 3). */
  readonly attempts?: number;
  /** Wait before a failed shard is retried, ms (default 500). */
  readonly backoffMs?: number;
  /** How often the coordinator looks at the pass's progress, ms (default 200). */
  readonly pollMs?: number;
  /**
   * `'file'` (default): jobs carry a byte range of the file, which every worker must see at the same path (a shared
   * volume). `'rows'`: the coordinator reads each shard and puts its raw rows in the job (no shared file needed; Redis
   * then holds the whole input while a pass runs).
   */
  readonly transport?: 'file' | 'rows';
  /** The file's column names, for `toShard`. */
  readonly columns?: ColumnMap;
  /** Names the run's jobs (default: random). */
  readonly runId?: string;
  /** The package version the jobs carry (default: this package's). */
  readonly version?: string;
  /** Called as shards finish, at most once per poll. */
  readonly onProgress?: (progress: FleetProgress) => void;
  /**
   * Run the protocol's `prepareShards` (for the analysis: ids unique across the whole file, as the one-machine
   * reader checks) before the first pass (default true). It reads the file once more on the coordinator; skip it
   * only for a file whose ids are known to be unique (results then differ from one machine if they are not).
   */
  readonly prepare?: boolean;
  /** Called after each pass is merged, before the next flow starts. */
  readonly afterPass?: (pass: PassSpec) => void | Promise<void>;
}

export interface FleetProgress {
  readonly pass: string;
  readonly passIndex: number;
  /** Shards mapped so far in this pass. */
  readonly done: number;
  /** Shards failed after all attempts so far. */
  readonly failed: number;
  readonly total: number;
  /** Fleet workers connected to the queue. */
  readonly workers: number;
}

/** Timing and provenance of a fleet run: everything that may differ from a one-machine run. */
export interface FleetMeta {
  readonly runId: string;
  readonly version: string;
  readonly protocol: string;
  readonly fingerprint: string;
  readonly transport: 'file' | 'rows';
  readonly shards: number;
  readonly rows: number;
  readonly passes: readonly { readonly name: string; readonly index: number; readonly shards: number; readonly ms: number }[];
  /** Times the analysis restarted from its first pass without shards that failed. */
  readonly restarts: number;
  readonly failedShards: readonly ShardFailure[];
  /** Fleet workers seen on the queue. */
  readonly workers: readonly string[];
  /** Flows added again because Redis had lost them (a restart without persistence). */
  readonly resubmitted: number;
  readonly ms: number;
}

/**
 * Runs `protocol` over the shards of `plan` on the fleet and returns its report and the run's `meta`.
 *
 * Each pass is one BullMQ flow: a parent job `reduce` holding the pass (its JSON context stored once) and one child
 * job `map` per shard, with deterministic job ids (`<run>.a<attempt>.p<pass>.s<shard>`), so a flow added twice adds
 * nothing twice. The coordinator polls the parent job (robust to missed events and to Redis restarts: a flow that
 * Redis lost is added again), then calls `completePass` and starts the next pass's flow.
 *
 * A shard that still fails after `attempts` is not fatal: children carry `ignoreDependencyOnFailure`, so the parent
 * merges the rest; the coordinator then restarts the analysis from its first pass without the failed shards, whose
 * rows are reported as rejected (shard id, line range and first bad record), so that the report equals a
 * one-machine run on the input without those shards. A worker of another version, or one that sees another file,
 * stops the run with its message.
 *
 * Cost: per pass, O(shards) jobs and one poll per `pollMs`; the map work is spread over the workers.
 * @throws FeedbackMinerError DEPENDENCY_UNAVAILABLE without bullmq/ioredis; INVALID_MODEL when a worker of another
 * version is connected or refuses a job; IO_ERROR when a worker cannot read the file or a pass fails
 */
export async function runOnFleet<Input, Options, Report>(
  protocol: DistributedProtocol<Input, Options, Report>,
  input: Input,
  analysisOptions: Options | undefined,
  plan: ShardPlan,
  options: FleetRunOptions,
): Promise<{ report: Report; meta: FleetMeta }> {
  const where = 'runOnFleet';
  assertOptions(where, options);
  assertString(where, 'options.redis', options.redis);
  const attempts = options.attempts ?? 3;
  assertNumberOption(where, 'options.attempts', attempts, { min: 1, integer: true });
  const backoffMs = options.backoffMs ?? 500;
  assertNumberOption(where, 'options.backoffMs', backoffMs, { min: 0, integer: true });
  const pollMs = options.pollMs ?? 200;
  assertNumberOption(where, 'options.pollMs', pollMs, { min: 1, integer: true });
  const transport = options.transport ?? 'file';
  if (transport !== 'file' && transport !== 'rows') fail('INVALID_OPTION', where, 'options.transport', "'file' or 'rows'", transport);
  const connection = connectionOf(where, options.redis);
  const { Queue, FlowProducer } = await loadBullMQ(where);
  const started = performance.now();
  const version = options.version ?? packageVersion();
  const identity: JobIdentity = { version, protocol: protocol.name, fingerprint: protocol.fingerprint };
  const runId = options.runId ?? `run-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const queueName = options.queueName ?? DEFAULT_QUEUE;
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const columns = options.columns ?? {};
  const queue = new Queue(queueName, { connection, prefix });
  const flows = new FlowProducer({ connection, prefix });
  const { shards: allShards, rows: _rows, ...shape } = plan;
  const passes: { name: string; index: number; shards: number; ms: number }[] = [];
  const excluded = new Map<number, ShardFailure>();
  const workersSeen = new Set<string>();
  let resubmitted = 0;
  let restarts = 0;

  const fleet = async (): Promise<string[]> => {
    const names: string[] = [];
    for (const client of await queue.getWorkers()) {
      // A named worker's connection is called `<prefix>:<queue, base64>:w:<name>`.
      const raw = (client as { rawname?: string }).rawname ?? '';
      const at = raw.indexOf(':w:');
      const name = at < 0 ? '' : raw.slice(at + 3);
      const parsed = parseWorkerName(name);
      if (parsed === null) continue;
      names.push(name);
      workersSeen.add(name);
      const expected = `${identity.protocol}#${identity.fingerprint}`;
      if (parsed.version !== version || !parsed.protocols.includes(expected)) {
        throw new FeedbackMinerError(
          'INVALID_MODEL',
          `${where}: worker ${parsed.where} runs feedback-miner ${parsed.version} (${parsed.protocols.join(', ')}), this coordinator feedback-miner ${version} (${expected}); results would differ, so run one version on the coordinator and every worker`,
          { where },
        );
      }
    }
    return names;
  };

  const childData = async (pass: PassSpec, parentId: string, range: ShardRange): Promise<MapJobData> => {
    let source: MapJobData['source'];
    if (transport === 'file') source = { ref: { ...shape, range } };
    else {
      const inline: InlineShard = { file: shape.file, shard: range.shard, offset: range.offset, rows: await readShardRows({ ...shape, range }) };
      source = { inline };
    }
    const extra = extras.get(range.shard);
    return { kind: 'map', identity, run: runId, parentId, pass: { name: pass.name, index: pass.index }, source, columns, ...(extra === undefined ? {} : { extra }) };
  };

  const runPass = async (pass: PassSpec, attempt: number, shards: readonly ShardRange[]): Promise<ReduceResult> => {
    const parentId = `${runId}.a${attempt}.p${pass.index}`;
    const reduce: ReduceJobData = { kind: 'reduce', identity, run: runId, pass, shards: shards.map((s) => s.shard) };
    const children = [];
    for (const range of shards) {
      children.push({
        name: 'map',
        queueName,
        data: await childData(pass, parentId, range),
        opts: {
          jobId: `${parentId}.s${range.shard}`,
          attempts,
          backoff: { type: 'fixed', delay: backoffMs },
          ignoreDependencyOnFailure: true,
        },
      });
    }
    const flow = { name: 'reduce', queueName, data: reduce, opts: { jobId: parentId, attempts, backoff: { type: 'fixed', delay: backoffMs } }, children };
    await flows.add(flow);
    let lastDone = -1;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      const job = await queue.getJob(parentId);
      if (job === undefined) {
        // Redis lost the flow (restarted without persistence): the ids are deterministic, add it again.
        resubmitted += 1;
        await flows.add(flow);
        continue;
      }
      const state = await job.getState();
      if (state === 'completed' || state === 'failed') {
        // The job was read before its state: read it again for its return value or failure reason.
        const finished = (await queue.getJob(parentId)) ?? job;
        if (state === 'completed') {
          const result = finished.returnvalue as ReduceResult;
          await finished.remove().catch(() => undefined);
          const failed = result.failed.length;
          options.onProgress?.({ pass: pass.name, passIndex: pass.index, done: shards.length - failed, failed, total: shards.length, workers: workersSeen.size });
          return result;
        }
        const reason = finished.failedReason ?? 'unknown reason';
        const failure = reason.split(' ::feedback-miner-failure:: ')[0] as string;
        const code = /refuses a job|results would differ/.test(reason) ? 'INVALID_MODEL' : 'IO_ERROR';
        throw new FeedbackMinerError(code, `${where}: pass "${pass.name}" failed: ${failure}`, { where });
      }
      if (options.onProgress !== undefined) {
        const counts = await (job as unknown as { getDependenciesCount(): Promise<Record<string, number | undefined>> }).getDependenciesCount();
        const done = counts.processed ?? 0;
        const failed = (counts.ignored ?? 0) + (counts.failed ?? 0);
        if (done + failed !== lastDone) {
          lastDone = done + failed;
          options.onProgress({ pass: pass.name, passIndex: pass.index, done, failed, total: shards.length, workers: (await fleet()).length });
        }
      }
    }
  };

  let extras: ReadonlyMap<number, Json> = new Map();
  try {
    await fleet();
    if (protocol.prepareShards !== undefined && options.prepare !== false) {
      const byShard = new Map(allShards.map((range) => [range.shard, range]));
      extras = await protocol.prepareShards(allShards, (shard) => readShardRows({ ...shape, range: byShard.get(shard) as ShardRange }), plan.file, columns);
    }
    for (let attempt = 0; ; attempt++) {
      const rejected = [...excluded.values()].map((failure) => rejectionOf(failure, plan));
      let state = protocol.startAnalysis(rejected.length === 0 ? input : protocol.withRejected(input, rejected), analysisOptions);
      const shards = allShards.filter((s) => !excluded.has(s.shard));
      let failedNow: readonly ShardFailure[] = [];
      for (let pass = protocol.nextPass(state); pass !== null; pass = protocol.nextPass(state)) {
        const passStarted = performance.now();
        await fleet();
        const result = await runPass(pass, attempt, shards);
        passes.push({ name: pass.name, index: pass.index, shards: shards.length, ms: Math.round(performance.now() - passStarted) });
        if (result.failed.length > 0) {
          failedNow = result.failed;
          break;
        }
        state = protocol.completePass(state, pass, result.merged);
        await options.afterPass?.(pass);
      }
      if (failedNow.length > 0) {
        for (const failure of failedNow) excluded.set(failure.shard, failure);
        restarts += 1;
        continue;
      }
      let report = protocol.finishAnalysis(state);
      if (excluded.size > 0) report = protocol.withWarnings(report, [...excluded.values()].map((f) => warningOf(f, plan)));
      return {
        report,
        meta: {
          runId,
          version,
          protocol: protocol.name,
          fingerprint: protocol.fingerprint,
          transport,
          shards: allShards.length,
          rows: plan.rows,
          passes,
          restarts,
          failedShards: [...excluded.values()].sort((a, b) => a.shard - b.shard),
          workers: [...workersSeen].sort(),
          resubmitted,
          ms: Math.round(performance.now() - started),
        },
      };
    }
  } finally {
    await flows.close();
    await queue.close();
  }
}

function rangeOf(failure: ShardFailure, plan: ShardPlan): ShardRange | undefined {
  return plan.shards.find((s) => s.shard === failure.shard);
}

/** The rejection that stands for a failed shard's rows in the data-quality section. */
export function rejectionOf(failure: ShardFailure, plan: ShardPlan): FileRejection {
  const range = rangeOf(failure, plan);
  return {
    file: plan.file,
    line: failure.firstBad?.line ?? range?.firstLine ?? 0,
    field: '',
    reason: warningOf(failure, plan),
  };
}

/** A data-quality warning for a failed shard: which shard, which rows, why, the first bad record. */
export function warningOf(failure: ShardFailure, plan: ShardPlan): string {
  const range = rangeOf(failure, plan);
  const rows = range === undefined ? '' : ` (rows ${range.offset + 1}-${range.offset + range.rows} of ${plan.file}, from line ${range.firstLine})`;
  const bad = failure.firstBad === null ? '; no single record reproduces the failure' : `; first bad record: ${describeBad(failure.firstBad)}`;
  return `shard ${failure.shard}${rows} failed in pass "${failure.pass}" on every attempt and was left out: ${failure.reason}${bad}`;
}
