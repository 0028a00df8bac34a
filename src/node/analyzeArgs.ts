/**
 * What the one-machine `analyze` command and the fleet's `analyze --redis` share: the flags and their parsing, the
 * loading of the small inputs (sales, forecasts, actions), and the atomic writing of the reports.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { AnalysisInput } from '../analyze';
import { FeedbackMinerError } from '../errors';
import type { ActionRecord, ForecastRecord, SalesRecord } from '../records';
import { validateActions, validateForecasts, validateSales } from '../records';
import { renderHtml, renderJson, renderMarkdown } from '../report';
import type { ReportModel } from '../report';
import { loadFile, type ColumnMap, type InputFiles, type Validator } from './load';
import { ensureWritableDir, writeFileAtomic } from './output';
import type { Progress } from './progress';

export type Format = 'html' | 'md' | 'json';

/** A usage error (exit code 2). */
export function usage(message: string): never {
  throw new FeedbackMinerError('USAGE', message, { where: 'feedback-miner' });
}

/** `--format html,md,json` (default all three). @throws FeedbackMinerError USAGE */
export function parseFormats(value: string | undefined): Format[] {
  if (value === undefined) return ['html', 'md', 'json'];
  const formats = value.split(',').map((f) => f.trim().toLowerCase());
  for (const f of formats) {
    if (f !== 'html' && f !== 'md' && f !== 'json') usage(`--format: expected html, md or json, found ${JSON.stringify(f)}`);
  }
  return formats as Format[];
}

/**
 * Writes each file with writeFileAtomic (temporary name in the same folder, fsync, rename): an interrupted run never
 * leaves a report that looks complete. An unwritable folder is a one-line IO_ERROR.
 */
export async function writeReport(model: ReportModel, outDir: string, formats: readonly Format[]): Promise<string[]> {
  await ensureWritableDir(outDir);
  const written: string[] = [];
  for (const format of formats) {
    const name = format === 'html' ? 'report.html' : format === 'md' ? 'report.md' : 'report.json';
    const body = format === 'html' ? renderHtml(model) : format === 'md' ? renderMarkdown(model) : renderJson(model);
    const target = join(outDir, name);
    await writeFileAtomic(target, body);
    written.push(target);
  }
  return written;
}

export interface AnalyzeArgs {
  readonly files: InputFiles;
  readonly out: string;
  readonly formats: readonly Format[];
  readonly columns: ColumnMap;
  readonly strict: boolean;
  readonly quiet: boolean;
}

/** The flags of `analyze`, as `node:util` parseArgs options (extend them for a command built on it). */
export const ANALYZE_FLAGS = {
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
} as const;

/**
 * Parses the arguments of `analyze` (flags in `ANALYZE_FLAGS`; `extra` adds flags of a command built on it, whose
 * values come back in `extra`); `'help'` when --help was given.
 * @throws FeedbackMinerError USAGE for a missing required flag or a bad --format; parseArgs' TypeError for an unknown flag
 */
export function parseAnalyzeArgs(
  argv: readonly string[],
  extra: Record<string, { type: 'string' | 'boolean'; default?: string | boolean }> = {},
): { args: AnalyzeArgs; extra: Record<string, string | boolean | undefined> } | 'help' {
  const { values } = parseArgs({ args: [...argv], options: { ...ANALYZE_FLAGS, ...extra }, strict: true });
  const v = values as Record<string, string | boolean | undefined>;
  if (v.help === true) return 'help';
  const text = (name: string): string | undefined => (typeof v[name] === 'string' ? (v[name] as string) : undefined);
  const feedback = text('feedback');
  const salesFile = text('sales');
  const out = text('out');
  if (feedback === undefined) usage('analyze: --feedback FILE is required');
  if (salesFile === undefined) usage('analyze: --sales FILE is required');
  if (out === undefined) usage('analyze: --out DIR is required');
  const formats = parseFormats(text('format'));
  const column = (flag: string, key: keyof ColumnMap): Partial<Record<keyof ColumnMap, string>> => {
    const value = text(flag);
    return value === undefined ? {} : { [key]: value };
  };
  const columns: ColumnMap = {
    ...column('text-column', 'text'),
    ...column('date-column', 'date'),
    ...column('id-column', 'id'),
    ...column('rating-column', 'rating'),
    ...column('sales-date-column', 'salesDate'),
  };
  const forecasts = text('forecasts');
  const actions = text('actions');
  const extraValues: Record<string, string | boolean | undefined> = {};
  for (const name of Object.keys(extra)) extraValues[name] = v[name];
  return {
    args: {
      files: { feedback, sales: salesFile, ...(forecasts === undefined ? {} : { forecasts }), ...(actions === undefined ? {} : { actions }) },
      out,
      formats,
      columns,
      strict: v.strict === true,
      quiet: v.quiet === true,
    },
    extra: extraValues,
  };
}

/** Sales, forecasts and actions, loaded whole (they are small); the feedback stays on disk for the shard reader. */
export async function loadSmallInputs(files: InputFiles, columns: ColumnMap, bar: Progress): Promise<AnalysisInput> {
  const salesFields: Record<string, string> = columns.salesDate === undefined ? {} : { date: columns.salesDate };
  const sales = await loadFile<SalesRecord>(files.sales, validateSales as Validator<SalesRecord>, salesFields, bar, 'sales');
  const forecasts =
    files.forecasts === undefined ? undefined : await loadFile<ForecastRecord>(files.forecasts, validateForecasts as Validator<ForecastRecord>, {}, bar, 'forecasts');
  const actions =
    files.actions === undefined ? undefined : await loadFile<ActionRecord>(files.actions, validateActions as Validator<ActionRecord>, {}, bar, 'actions');
  return {
    sales: sales.records,
    ...(forecasts === undefined ? {} : { forecasts: forecasts.records }),
    ...(actions === undefined ? {} : { actions: actions.records }),
    rejected: [...sales.rejected, ...(forecasts?.rejected ?? []), ...(actions?.rejected ?? [])],
    rowsRead: {
      sales: sales.rows,
      ...(forecasts === undefined ? {} : { forecasts: forecasts.rows }),
      ...(actions === undefined ? {} : { actions: actions.rows }),
    },
    sources: {
      feedback: files.feedback,
      sales: files.sales,
      ...(files.forecasts === undefined ? {} : { forecasts: files.forecasts }),
      ...(files.actions === undefined ? {} : { actions: files.actions }),
    },
    feedbackSource: files.feedback,
  };
}
