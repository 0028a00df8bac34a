/**
 * The command-line side of the fleet: `feedback-miner worker --redis URL [--concurrency N]` and
 * `feedback-miner analyze ... --redis URL`. Both take the protocol(s) to run as a parameter, so that the CLI entry
 * passes the analysis and tests pass a stand-in.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { AnalyzeInput, AnalyzeOptions } from '../../analyze/types';
import type { ReportModel } from '../../report';
import { ensureWritableDir, writeFileAtomic } from '../output';
import { loadSmallInputs, parseAnalyzeArgs, usage, writeReport } from '../analyzeArgs';
import { progress } from '../progress';
import { runOnFleet, type FleetMeta, type FleetProgress } from './coordinator';
import { DEFAULT_SHARD_ROWS, planShards } from './plan';
import type { DistributedProtocol } from './protocol';
import { startWorker } from './worker';

/** The input of a fleet analysis: everything but the feedback, which the workers read shard by shard. */
export type FleetAnalyzeInput = Omit<AnalyzeInput, 'feedback'> & { readonly feedbackSource?: string };

/** A protocol whose report is the report model of `analyze`. */
export type ReportProtocol = DistributedProtocol<FleetAnalyzeInput, AnalyzeOptions, ReportModel>;

export const WORKER_HELP = `feedback-miner worker: run map and reduce jobs for analyses distributed over Redis (BullMQ).

Usage:
  feedback-miner worker --redis URL [--concurrency N] [--queue NAME]

Options:
  --redis URL          redis://[user:password@]host:port[/db] (rediss:// for TLS)
  --concurrency N      worker processes on this machine (default 1); one per core is the usual choice
  --queue NAME         the fleet's queue (default feedback-miner)
  --lock-duration MS   a job whose worker dies is taken over after this long (default 30000)
  --quiet              print nothing but errors

Every worker must see the feedback files at the paths the coordinator uses (a shared volume), unless the coordinator
runs with --transport rows. Stop with SIGTERM or Ctrl-C: the running job finishes first.`;

export const ANALYZE_FLEET_HELP = `feedback-miner analyze ... --redis URL: run the analysis on the workers listening on Redis.

Options, besides those of analyze (--feedback, --sales, --forecasts, --actions, --out, --format, column flags, --strict, --quiet):
  --redis URL          the fleet's Redis
  --queue NAME         the fleet's queue (default feedback-miner)
  --shard-rows N       feedback rows per shard (default ${DEFAULT_SHARD_ROWS})
  --transport MODE     file (default: workers read byte ranges of the feedback file, which they must see at the same
                       path) or rows (the coordinator puts each shard's rows in its job)
  --attempts N         tries per shard before it is left out and reported (default 3)
  --skip-id-check      do not read the file a second time on the coordinator to reject ids repeated across
                       shards (faster on very large files whose ids are known to be unique)

Writes report.html/.md/.json as analyze does, and fleet.json (the run's timing and provenance).`;

function positiveInteger(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) usage(`${flag}: expected an integer >= 1, found ${JSON.stringify(value)}`);
  return n;
}

/**
 * `feedback-miner worker`: starts a fleet worker and runs until SIGTERM/SIGINT. With `--concurrency N` it starts
 * N - 1 more worker processes of the same command (the map steps are CPU-bound, so one job per process).
 * Resolves to the exit code.
 * @throws FeedbackMinerError USAGE on bad flags; DEPENDENCY_UNAVAILABLE without bullmq/ioredis
 */
export async function runWorker(argv: readonly string[], protocols: readonly DistributedProtocol<any, any, any>[], entry = process.argv[1]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      redis: { type: 'string' },
      concurrency: { type: 'string' },
      queue: { type: 'string' },
      'lock-duration': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(WORKER_HELP);
    return 0;
  }
  if (values.redis === undefined) usage('worker: --redis URL is required');
  const concurrency = positiveInteger('--concurrency', values.concurrency, 1);
  const lockDuration = positiveInteger('--lock-duration', values['lock-duration'], 30_000);
  const log = values.quiet ? () => {} : (line: string) => console.error(`[worker ${process.pid}] ${line}`);
  const children: ChildProcess[] = [];
  if (concurrency > 1) {
    if (entry === undefined) usage('worker: --concurrency needs the command to be run from a file');
    const rest = argv.filter((_, i) => argv[i] !== '--concurrency' && argv[i - 1] !== '--concurrency' && !argv[i]?.startsWith('--concurrency='));
    for (let i = 1; i < concurrency; i++) {
      children.push(fork(entry, ['worker', ...rest, '--concurrency', '1'], { execArgv: process.execArgv, stdio: 'inherit' }));
    }
  }
  const worker = await startWorker({
    redis: values.redis,
    protocols,
    lockDuration,
    stalledInterval: lockDuration,
    ...(values.queue === undefined ? {} : { queueName: values.queue }),
    log,
  });
  if (!values.quiet) console.log(`feedback-miner worker ${worker.name} listening on ${values.redis}${concurrency > 1 ? ` (+${concurrency - 1} processes)` : ''}`);
  await new Promise<void>((resolvePromise) => {
    const stop = (): void => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      for (const child of children) child.kill('SIGTERM');
      resolvePromise();
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
  await worker.close();
  await Promise.all(children.map((child) => (child.exitCode !== null ? undefined : new Promise((r) => child.once('exit', r)))));
  return 0;
}

/** One progress line per pass: shards done of total, failures, workers. */
function progressLine(p: FleetProgress): string {
  return `pass ${p.passIndex + 1} "${p.pass}": ${p.done}/${p.total} shards${p.failed > 0 ? `, ${p.failed} failed` : ''}, ${p.workers} worker${p.workers === 1 ? '' : 's'}`;
}

/**
 * `feedback-miner analyze --redis URL ...`: loads the small inputs (sales, forecasts, actions), plans the feedback
 * file's shards, runs `protocol` on the fleet with progress per shard, and writes the report (as `analyze` does) and
 * `fleet.json` (the run's meta). Resolves to the exit code (1 when rows were rejected under `--strict`).
 * @throws FeedbackMinerError USAGE on bad flags; IO_ERROR / INVALID_MODEL when the fleet fails the run
 */
export async function runDistributedAnalyze(argv: readonly string[], protocol: ReportProtocol): Promise<{ code: number; meta?: FleetMeta }> {
  const parsed = parseAnalyzeArgs(argv, {
    redis: { type: 'string' },
    queue: { type: 'string' },
    'shard-rows': { type: 'string' },
    transport: { type: 'string' },
    attempts: { type: 'string' },
    'skip-id-check': { type: 'boolean', default: false },
  });
  if (parsed === 'help') {
    console.log(ANALYZE_FLEET_HELP);
    return { code: 0 };
  }
  const { args, extra } = parsed;
  const text = (name: string): string | undefined => (typeof extra[name] === 'string' ? (extra[name] as string) : undefined);
  const redis = text('redis');
  if (redis === undefined) usage('analyze: --redis URL is required for a fleet run');
  const shardRows = positiveInteger('--shard-rows', text('shard-rows'), DEFAULT_SHARD_ROWS);
  const attempts = positiveInteger('--attempts', text('attempts'), 3);
  const transport = text('transport') ?? 'file';
  if (transport !== 'file' && transport !== 'rows') usage(`--transport: expected file or rows, found ${JSON.stringify(transport)}`);
  const { files, columns, formats, quiet } = args;
  // Checked before any work, as the one-machine analyze does: an unwritable folder is a one-line error at once.
  const outDir = resolve(args.out);
  await ensureWritableDir(outDir);
  const started = performance.now();
  const bar = progress({ enabled: !quiet && process.stderr.isTTY === true, stream: process.stderr });
  const small = await loadSmallInputs(files, columns, bar);
  bar.done();
  const plan = await planShards(files.feedback, { shardRows });
  const input: FleetAnalyzeInput = { ...small, rowsRead: { ...small.rowsRead, feedback: plan.rows } };
  let lastLine = 0;
  let lastText = '';
  const { report, meta } = await runOnFleet(protocol, input, { title: 'feedback-miner report' }, plan, {
    redis,
    ...(text('queue') === undefined ? {} : { queueName: text('queue') as string }),
    attempts,
    transport,
    columns,
    prepare: extra['skip-id-check'] !== true,
    onProgress: (p) => {
      const text = progressLine(p);
      if (quiet || text === lastText) return;
      const now = performance.now();
      if (process.stderr.isTTY === true) {
        lastText = text;
        process.stderr.write(`\r\x1b[K${text}`);
      } else if (now - lastLine > 2000 || p.done + p.failed === p.total) {
        lastLine = now;
        lastText = text;
        console.error(text);
      }
    },
  });
  if (!quiet && process.stderr.isTTY === true) process.stderr.write('\r\x1b[K');
  const written = await writeReport(report, outDir, formats);
  await writeFileAtomic(join(outDir, 'fleet.json'), `${JSON.stringify(meta, null, 2)}\n`);
  const rejected = report.dataQuality?.sources.reduce((n, s) => n + (s.rejectedCount ?? s.rejected?.length ?? 0), 0) ?? 0;
  if (!quiet) {
    for (const warning of report.dataQuality?.warnings ?? []) console.error(`warning: ${warning}`);
    console.log([...(report.summary ?? [])].join('\n'));
    console.log(
      `\nwrote ${written.join(', ')} in ${((performance.now() - started) / 1000).toFixed(1)} s: ${meta.shards} shards, ${meta.passes.length} passes, ${meta.workers.length} workers`,
    );
  }
  if (args.strict && rejected > 0) {
    console.error(`--strict: ${rejected} row(s) rejected`);
    return { code: 1, meta };
  }
  return { code: 0, meta };
}
