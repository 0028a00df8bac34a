/**
 * The command-line side of the fleet: `feedback-miner worker --redis URL [--concurrency N]` and
 * `feedback-miner analyze ... --redis URL`. Both take the protocol(s) to run as a parameter, so that the CLI entry
 * passes the analysis and tests pass a stand-in.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { AnalyzeInput, AnalyzeOptions } from '../../analyze/types';
import { FeedbackMinerError } from '../../errors';
import { validateActions, validateForecasts, validateSales } from '../../records';
import type { ActionRecord, ForecastRecord, SalesRecord } from '../../records';
import { renderHtml, renderJson, renderMarkdown, type ReportModel } from '../../report';
import { loadFile, type ColumnMap } from '../load';
import { ensureWritableDir, writeFileAtomic } from '../output';
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

function usage(message: string): never {
  throw new FeedbackMinerError('USAGE', message, { where: 'feedback-miner' });
}

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

type Format = 'html' | 'md' | 'json';

function parseFormats(value: string | undefined): Format[] {
  if (value === undefined) return ['html', 'md', 'json'];
  const formats = value.split(',').map((f) => f.trim().toLowerCase());
  for (const f of formats) if (f !== 'html' && f !== 'md' && f !== 'json') usage(`--format: expected html, md or json, found ${JSON.stringify(f)}`);
  return formats as Format[];
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
  const { values } = parseArgs({
    args: [...argv],
    options: {
      feedback: { type: 'string' },
      sales: { type: 'string' },
      forecasts: { type: 'string' },
      actions: { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string' },
      'text-column': { type: 'string' },
      'date-column': { type: 'string' },
      'sales-date-column': { type: 'string' },
      'id-column': { type: 'string' },
      'rating-column': { type: 'string' },
      redis: { type: 'string' },
      queue: { type: 'string' },
      'shard-rows': { type: 'string' },
      transport: { type: 'string' },
      attempts: { type: 'string' },
      'skip-id-check': { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(ANALYZE_FLEET_HELP);
    return { code: 0 };
  }
  if (values.redis === undefined) usage('analyze: --redis URL is required for a fleet run');
  if (values.feedback === undefined) usage('analyze: --feedback FILE is required');
  if (values.sales === undefined) usage('analyze: --sales FILE is required');
  if (values.out === undefined) usage('analyze: --out DIR is required');
  const formats = parseFormats(values.format);
  // Checked before any work, as the one-machine analyze does: an unwritable folder is a one-line error at once.
  const outDir = resolve(values.out);
  await ensureWritableDir(outDir);
  const shardRows = positiveInteger('--shard-rows', values['shard-rows'], DEFAULT_SHARD_ROWS);
  const attempts = positiveInteger('--attempts', values.attempts, 3);
  const transport = values.transport ?? 'file';
  if (transport !== 'file' && transport !== 'rows') usage(`--transport: expected file or rows, found ${JSON.stringify(transport)}`);
  const columns: ColumnMap = {
    ...(values['text-column'] === undefined ? {} : { text: values['text-column'] }),
    ...(values['date-column'] === undefined ? {} : { date: values['date-column'] }),
    ...(values['id-column'] === undefined ? {} : { id: values['id-column'] }),
    ...(values['rating-column'] === undefined ? {} : { rating: values['rating-column'] }),
  };
  const quiet = values.quiet;
  const started = performance.now();
  const bar = progress({ enabled: !quiet && process.stderr.isTTY === true, stream: process.stderr });
  const salesFields: Record<string, string> = values['sales-date-column'] === undefined ? {} : { date: values['sales-date-column'] };
  const sales = await loadFile<SalesRecord>(values.sales, validateSales as never, salesFields, bar, 'sales');
  const forecasts = values.forecasts === undefined ? undefined : await loadFile<ForecastRecord>(values.forecasts, validateForecasts as never, {}, bar, 'forecasts');
  const actions = values.actions === undefined ? undefined : await loadFile<ActionRecord>(values.actions, validateActions as never, {}, bar, 'actions');
  bar.done();
  const plan = await planShards(values.feedback, { shardRows });
  const input: FleetAnalyzeInput = {
    sales: sales.records,
    ...(forecasts === undefined ? {} : { forecasts: forecasts.records }),
    ...(actions === undefined ? {} : { actions: actions.records }),
    rejected: [...sales.rejected, ...(forecasts?.rejected ?? []), ...(actions?.rejected ?? [])],
    rowsRead: {
      feedback: plan.rows,
      sales: sales.rows,
      ...(forecasts === undefined ? {} : { forecasts: forecasts.rows }),
      ...(actions === undefined ? {} : { actions: actions.rows }),
    },
    sources: { feedback: values.feedback, sales: values.sales },
    feedbackSource: values.feedback,
  };
  let lastLine = 0;
  let lastText = '';
  const { report, meta } = await runOnFleet(protocol, input, { title: 'feedback-miner report' }, plan, {
    redis: values.redis,
    ...(values.queue === undefined ? {} : { queueName: values.queue }),
    attempts,
    transport,
    columns,
    prepare: !values['skip-id-check'],
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
  const written: string[] = [];
  for (const format of formats) {
    const name = format === 'html' ? 'report.html' : format === 'md' ? 'report.md' : 'report.json';
    const body = format === 'html' ? renderHtml(report) : format === 'md' ? renderMarkdown(report) : renderJson(report);
    await writeFileAtomic(join(outDir, name), body);
    written.push(join(outDir, name));
  }
  await writeFileAtomic(join(outDir, 'fleet.json'), `${JSON.stringify(meta, null, 2)}\n`);
  const rejected = report.dataQuality?.sources.reduce((n, s) => n + (s.rejectedCount ?? s.rejected?.length ?? 0), 0) ?? 0;
  if (!quiet) {
    for (const warning of report.dataQuality?.warnings ?? []) console.error(`warning: ${warning}`);
    console.log([...(report.summary ?? [])].join('\n'));
    console.log(
      `\nwrote ${written.join(', ')} in ${((performance.now() - started) / 1000).toFixed(1)} s: ${meta.shards} shards, ${meta.passes.length} passes, ${meta.workers.length} workers`,
    );
  }
  if (values.strict && rejected > 0) {
    console.error(`--strict: ${rejected} row(s) rejected`);
    return { code: 1, meta };
  }
  return { code: 0, meta };
}
