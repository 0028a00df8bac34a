#!/usr/bin/env node
/**
 * The `feedback-miner` command line: `demo`, `analyze`, `--help`.
 *
 * Exit codes: 0 ok; 1 bad input (a missing or unreadable file, no usable rows, rejected rows under --strict);
 * 2 usage (an unknown command or flag, a missing required flag).
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FeedbackMinerError } from '../errors';
import { analyze, type AnalyzeInput, type FileRejection } from '../analyze';
import type { ReportModel } from '../report';
import { formatDay, parseDay } from '../insights/internal/dates';
import { simulate } from '../simulate';
import { analyzeFileParallel } from './parallelShards';
import { ensureWritableDir } from './output';
import { progress } from './progress';
import { checkReadable } from './shards';
import { ANALYZE_FLAGS, loadSmallInputs, parseAnalyzeArgs, parseFormats, usage, writeReport, type AnalyzeArgs } from './analyzeArgs';

export { ANALYZE_FLAGS, loadSmallInputs, parseAnalyzeArgs, type AnalyzeArgs };

const VERSION = '0.1.0';

const HELP: Record<string, string> = {
  main: `feedback-miner ${VERSION}: feedback mining for sales and operations planning

Usage:
  feedback-miner demo [--out DIR] [--seed N] [--format html,md,json] [--quiet]
  feedback-miner analyze --feedback FILE --sales FILE [--forecasts FILE] [--actions FILE]
                         --out DIR [--format html,md,json] [column flags] [--strict] [--quiet]
  feedback-miner analyze ... --redis URL      the same on a fleet of workers (docs/distributed.md)
  feedback-miner worker --redis URL [--concurrency N]
  feedback-miner <command> --help

Exit codes: 0 ok, 1 bad input, 2 usage.`,
  demo: `feedback-miner demo: simulate a year of sales and feedback (seeded), run the whole pipeline, write the report.

Options:
  --out DIR        where to write report.html, report.md, report.json (default: feedback-miner-report)
  --seed N         simulator seed (default 7); the same seed gives the same data and report
  --format LIST    comma-separated: html, md, json (default: all three)
  --quiet          print nothing but errors`,
  analyze: `feedback-miner analyze: run the pipeline on your own files and write the report.

Files are CSV (with a header line) or JSONL (.jsonl/.ndjson), read as streams.
Options:
  --feedback FILE      feedback rows: id, text, date [, source, rating, authorRole, product, region, segment, channel]
  --sales FILE         sales rows: date [, product, region, channel, revenue, units, newCustomers, visits, orders]
  --forecasts FILE     forecast rows: period, group, forecast [, actual, lag, step, cycle]   (optional)
  --actions FILE       action rows: date, description, scope columns (product, region, ...)  (optional)
  --out DIR            output folder (required)
  --format LIST        comma-separated: html, md, json (default: all three)
  --text-column NAME   the feedback column holding the text (default: text)
  --date-column NAME   the feedback column holding the date (default: date)
  --sales-date-column NAME  the sales column holding the date (default: date)
  --id-column NAME     the feedback column holding the id (default: id; row numbers when absent)
  --rating-column NAME the feedback column holding a 0-10 or 1-5 rating (default: rating)
  --threads N          worker threads for the analysis pass, each reading its own shards of the file (default 1:
                       in this thread; at most 256); the report is the same whatever N; each worker holds its own
                       copy of the code and lexicon (about 100 MB), so use it on a machine with idle cores
  --strict             exit 1 if any row was rejected (the report is still written)
  --quiet              print nothing but errors

Malformed rows are skipped and reported (file, line, column, reason); the run goes on.
The feedback file is streamed in shards of 5,000 rows and read twice (a scan, then the analysis), so memory does
not grow with it (ids repeated across the file are caught by a set of 64-bit id hashes, about 11 bytes an id).`,
};

async function runDemo(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: 'string', default: 'feedback-miner-report' },
      seed: { type: 'string', default: '7' },
      format: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP.demo);
    return 0;
  }
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) usage(`--seed: expected an integer, found ${JSON.stringify(values.seed)}`);
  const formats = parseFormats(values.format);
  await ensureWritableDir(resolve(values.out));
  const log = values.quiet ? () => {} : (line: string) => console.log(line);
  const started = performance.now();
  const data = simulate({ seed });
  const input: AnalyzeInput = {
    feedback: data.feedback,
    sales: data.sales,
    forecasts: data.forecasts,
    actions: data.actions,
    // A company knows its holiday calendar; the simulator's holidays play that part.
    events: data.truth.holidays.map((h) => ({ name: h.name, start: h.week, end: formatDay((parseDay(h.week) ?? 0) + 6) })),
    sources: { feedback: 'simulated', sales: 'simulated' },
  };
  const model = analyze(input, { title: `feedback-miner demo (seed ${seed})` });
  const written = await writeReport(model, resolve(values.out), formats);
  log(summaryLines(model).join('\n'));
  log(`\nwrote ${written.join(', ')} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}

/** The parsed arguments of `feedback-miner analyze`, for this command and any other that runs the same analysis. */
/**
 * Default `--threads`: 1. Measured on the 2-core development machine under load (20 MB and 100 MB CSVs,
 * `benchmarks/analyze-1gb.ts --threads=N`), 2 threads were no faster than 1 and used about twice the memory
 * (each worker loads its own code and lexicon, and the scan's shard plan is read once more), so threads are
 * opt-in for machines with idle cores.
 */
export function defaultAnalyzeThreads(): number {
  return 1;
}

/** `--threads N`: a positive integer, or the default. @throws FeedbackMinerError USAGE */
export function parseThreads(value: string | boolean | undefined): number {
  if (value === undefined || value === false) return defaultAnalyzeThreads();
  const threads = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isInteger(threads) || threads < 1 || threads > 256) usage(`--threads: expected an integer from 1 to 256, found ${JSON.stringify(value)}`);
  return threads;
}

async function runAnalyze(argv: string[]): Promise<number> {
  const parsed = parseAnalyzeArgs(argv, { threads: { type: 'string' } });
  if (parsed === 'help') {
    console.log(HELP.analyze);
    return 0;
  }
  const { files, columns, quiet, strict, formats, out } = parsed.args;
  const threads = parseThreads(parsed.extra.threads);
  await ensureWritableDir(resolve(out));
  const started = performance.now();
  const bar = progress({ enabled: !quiet && process.stderr.isTTY === true, stream: process.stderr });
  await checkReadable(files.feedback);
  const input = await loadSmallInputs(files, columns, bar);
  // The feedback file is read once per pass, shard by shard: memory holds one shard and the bounded partials.
  const feedbackRejected: FileRejection[] = [];
  let feedbackRejectedCount = 0;
  let feedbackRows = 0;
  let idBytes = 0;
  let rowsInPass = 0;
  let passIndex = -1;
  // With --threads N > 1 the assign pass's shards are read, validated and analysed by N worker threads.
  const model = await analyzeFileParallel(
    input,
    files.feedback,
    { title: 'feedback-miner report' },
    {
      threads,
      columns,
      onIds: (ids) => (idBytes = Math.max(idBytes, ids.bytes)),
      onShard: (pass, shard) => {
        if (pass.index !== passIndex) {
          passIndex = pass.index;
          rowsInPass = 0;
        }
        rowsInPass += shard.rowsRead;
        if (pass.index === 0) {
          feedbackRows += shard.rowsRead;
          feedbackRejectedCount += shard.rejected.length;
          for (const r of shard.rejected) if (feedbackRejected.length < 20) feedbackRejected.push(r);
        }
        bar.tick(`feedback, pass ${pass.index + 1} of 2 (${pass.name})`, rowsInPass);
      },
    },
  );
  bar.done();
  const written = await writeReport(model, resolve(out), formats);
  const rejected = feedbackRejectedCount + (input.rejected?.length ?? 0);
  const seconds = (performance.now() - started) / 1000;
  if (!quiet) {
    const shown = [...feedbackRejected, ...(input.rejected ?? [])].slice(0, 20);
    for (const r of shown) console.error(`rejected: ${r.file}:${r.line}${r.field ? ` [${r.field}]` : ''}: ${r.reason}`);
    if (rejected > 20) console.error(`rejected: ... and ${rejected - 20} more (the first 50 of each file are listed in the report)`);
    console.log(summaryLines(model).join('\n'));
    console.log(`\nwrote ${written.join(', ')} in ${seconds.toFixed(1)} s`);
    console.error(
      `feedback: ${feedbackRows.toLocaleString('en')} rows in ${seconds.toFixed(1)} s, ${Math.round(feedbackRows / seconds).toLocaleString('en')} rows/s ` +
        `(2 passes over the file; duplicate-id check: a set of 64-bit id hashes, ${(idBytes / 1048576).toFixed(1)} MB)`,
    );
  }
  if (strict && rejected > 0) {
    console.error(`--strict: ${rejected} row(s) rejected`);
    return 1;
  }
  return 0;
}

function summaryLines(model: ReportModel): string[] {
  return [...(model.summary ?? [])];
}

/** `analyze --redis URL`: the fleet driver, loaded only when asked for (it loads bullmq and ioredis on first use). */
async function runFleetAnalyze(argv: string[]): Promise<number> {
  const [{ runDistributedAnalyze }, { analysisProtocol }] = await Promise.all([import('./distributed/cli'), import('./distributed/analysisProtocol')]);
  return (await runDistributedAnalyze(argv, analysisProtocol)).code;
}

/** `worker --redis URL`: a fleet worker running the analysis. */
async function runFleetWorker(argv: string[]): Promise<number> {
  const [{ runWorker }, { analysisProtocol }] = await Promise.all([import('./distributed/cli'), import('./distributed/analysisProtocol')]);
  return runWorker(argv, [analysisProtocol]);
}

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        console.log(HELP.main);
        return command === undefined ? 2 : 0;
      case '--version':
        console.log(VERSION);
        return 0;
      case 'demo':
        return await runDemo(rest);
      case 'analyze':
        return rest.some((a) => a === '--redis' || a.startsWith('--redis=')) ? await runFleetAnalyze(rest) : await runAnalyze(rest);
      case 'worker':
        return await runFleetWorker(rest);
      default:
        usage(`unknown command ${JSON.stringify(command)}; see feedback-miner --help`);
    }
  } catch (error) {
    if (error instanceof FeedbackMinerError) {
      console.error(`feedback-miner: ${error.message}`);
      return error.code === 'USAGE' ? 2 : 1;
    }
    if (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`feedback-miner: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

const invokedDirectly = (() => {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  return /cli\.(c?js|ts)$/.test(entry) || entry.endsWith('feedback-miner');
})();

if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
