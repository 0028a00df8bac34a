#!/usr/bin/env node
/**
 * The `feedback-miner` command line: `demo`, `analyze`, `--help`.
 *
 * Exit codes: 0 ok; 1 bad input (a missing or unreadable file, no usable rows, rejected rows under --strict);
 * 2 usage (an unknown command or flag, a missing required flag).
 */
import { mkdir, rename, writeFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FeedbackMinerError } from '../errors';
import { analyze, type AnalyzeInput } from '../analyze';
import { renderHtml, renderJson, renderMarkdown } from '../report';
import type { ReportModel } from '../report';
import { formatDay, parseDay } from '../insights/internal/dates';
import { simulate } from '../simulate';
import { loadInput, type ColumnMap } from './load';
import { progress } from './progress';

const VERSION = '0.1.0';

const HELP: Record<string, string> = {
  main: `feedback-miner ${VERSION}: feedback mining for sales and operations planning

Usage:
  feedback-miner demo [--out DIR] [--seed N] [--format html,md,json] [--quiet]
  feedback-miner analyze --feedback FILE --sales FILE [--forecasts FILE] [--actions FILE]
                         --out DIR [--format html,md,json] [column flags] [--strict] [--quiet]
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
  --strict             exit 1 if any row was rejected (the report is still written)
  --quiet              print nothing but errors

Malformed rows are skipped and reported (file, line, column, reason); the run goes on.`,
};

type Format = 'html' | 'md' | 'json';

function usage(message: string): never {
  throw new FeedbackMinerError('USAGE', message, { where: 'feedback-miner' });
}

function parseFormats(value: string | undefined): Format[] {
  if (value === undefined) return ['html', 'md', 'json'];
  const formats = value.split(',').map((f) => f.trim().toLowerCase());
  for (const f of formats) {
    if (f !== 'html' && f !== 'md' && f !== 'json') usage(`--format: expected html, md or json, found ${JSON.stringify(f)}`);
  }
  return formats as Format[];
}

/** Writes each file to a temporary name, then renames: an interrupted run never leaves a report that looks complete. */
async function writeReport(model: ReportModel, outDir: string, formats: readonly Format[]): Promise<string[]> {
  try {
    await mkdir(outDir, { recursive: true });
  } catch (cause) {
    throw new FeedbackMinerError('IO_ERROR', `cannot create output folder ${outDir}: ${(cause as Error).message}`, {
      cause,
    });
  }
  const written: string[] = [];
  for (const format of formats) {
    const name = format === 'html' ? 'report.html' : format === 'md' ? 'report.md' : 'report.json';
    const body = format === 'html' ? renderHtml(model) : format === 'md' ? renderMarkdown(model) : renderJson(model);
    const target = join(outDir, name);
    const temporary = `${target}.partial-${process.pid}`;
    try {
      await writeFile(temporary, body, 'utf8');
      await rename(temporary, target);
    } catch (cause) {
      await rm(temporary, { force: true });
      throw new FeedbackMinerError('IO_ERROR', `cannot write ${target}: ${(cause as Error).message}`, { cause });
    }
    written.push(target);
  }
  return written;
}

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

async function runAnalyze(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
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
      strict: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP.analyze);
    return 0;
  }
  if (values.feedback === undefined) usage('analyze: --feedback FILE is required');
  if (values.sales === undefined) usage('analyze: --sales FILE is required');
  if (values.out === undefined) usage('analyze: --out DIR is required');
  const formats = parseFormats(values.format);
  const columns: ColumnMap = {
    ...(values['text-column'] === undefined ? {} : { text: values['text-column'] }),
    ...(values['date-column'] === undefined ? {} : { date: values['date-column'] }),
    ...(values['id-column'] === undefined ? {} : { id: values['id-column'] }),
    ...(values['rating-column'] === undefined ? {} : { rating: values['rating-column'] }),
    ...(values['sales-date-column'] === undefined ? {} : { salesDate: values['sales-date-column'] }),
  };
  const quiet = values.quiet;
  const started = performance.now();
  const bar = progress({ enabled: !quiet && process.stderr.isTTY === true, stream: process.stderr });
  const input = await loadInput(
    {
      feedback: values.feedback,
      sales: values.sales,
      ...(values.forecasts === undefined ? {} : { forecasts: values.forecasts }),
      ...(values.actions === undefined ? {} : { actions: values.actions }),
    },
    columns,
    bar,
  );
  bar.done();
  const model = analyze(input, { title: 'feedback-miner report' });
  const written = await writeReport(model, resolve(values.out), formats);
  const rejected = input.rejected?.length ?? 0;
  if (!quiet) {
    for (const r of (input.rejected ?? []).slice(0, 20)) {
      console.error(`rejected: ${r.file}:${r.line}${r.field ? ` [${r.field}]` : ''}: ${r.reason}`);
    }
    if (rejected > 20) console.error(`rejected: ... and ${rejected - 20} more (all listed in the report)`);
    console.log(summaryLines(model).join('\n'));
    console.log(`\nwrote ${written.join(', ')} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  if (values.strict && rejected > 0) {
    console.error(`--strict: ${rejected} row(s) rejected`);
    return 1;
  }
  return 0;
}

function summaryLines(model: ReportModel): string[] {
  return [...(model.summary ?? [])];
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
        return await runAnalyze(rest);
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
