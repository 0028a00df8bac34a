import { assertArray, assertNumberOption, assertOptions, fail } from '../../errors';
import { type AnomalyLike, type ExplainSpec, explainAnomalyFromCounts, resolveExplainSpec, tallyExplainAnomaly } from '../../insights/explainAnomaly';
import { actionFeedbackCounts } from '../../insights/actionImpact';
import type { ActionRecord, FeedbackRecord, ForecastRecord, SalesMeasure, SalesRecord } from '../../records';
import type { ReportModel, ReportSource } from '../../report/types';
import { fitThemeModel, type ThemeModel } from '../../themes/themeModel';
import type { AnalysisState, Json, PassSpec, ShardInput } from '../passes';
import { buildActions } from '../sections/actions';
import { buildForecast } from '../sections/forecast';
import { buildHeadline, choosePeriods } from '../sections/headline';
import { breaksToExplain, detectSegments, finishSegments, type SegmentOptions } from '../sections/segments';
import { buildThemes } from '../sections/themes';
import type { AnalyzeInput, AnalyzeOptions, FileRejection } from '../types';
import { type AssignContext, type AssignPartial, mapAssign, mergeAssign } from './assign';
import { EMPTY_SCAN, mapScan, mergeScan, REJECTIONS_KEPT, type ScanContext, type ScanPartial } from './scan';

/** Rows per shard that every driver reads, so that shard boundaries (and so every partial) agree. */
export const SHARD_ROWS = 5000;
/** Records the themes are fitted on by default (a bottom-k sample when there are more). */
export const THEME_SAMPLE = 20_000;

/** The input `startAnalysis` takes: everything but the feedback, which comes in shards. */
export type AnalysisInput = Omit<AnalyzeInput, 'feedback'> & {
  /** Name of the feedback input (a file name) for the data-quality section (default `sources.feedback`, else 'feedback'). */
  readonly feedbackSource?: string;
};

interface ResolvedOptions {
  readonly title: string;
  readonly measure: SalesMeasure;
  readonly segmentBy: readonly ('product' | 'region' | 'channel')[];
  readonly k: number | 'auto';
  readonly seed: number;
  readonly periodWeeks: number;
  readonly maxSegments: number;
  readonly sampleSize: number;
  readonly generatedAt?: string;
  readonly dataSeed?: number;
}

interface StateData {
  readonly input: AnalysisInput;
  readonly options: ResolvedOptions;
  /** The sales breaks to explain, in the order `finishSegments` asks for them. */
  readonly breaks: readonly { readonly anomaly: AnomalyLike; readonly spec: ExplainSpec }[];
  /** Passes completed. */
  readonly done: number;
  readonly scan: ScanPartial | null;
  readonly model: ThemeModel | null;
  readonly fitWarnings: readonly string[];
  readonly assign: AssignPartial | null;
}

const PASSES = ['scan', 'assign'] as const;

function dataOf(state: AnalysisState, where: string): StateData {
  if (state === null || typeof state !== 'object' || state.version !== 1 || state.data === null || typeof state.data !== 'object') {
    fail('INVALID_ARGUMENT', where, 'state', 'an AnalysisState from startAnalysis', state);
  }
  return state.data as unknown as StateData;
}

function stateOf(data: StateData): AnalysisState {
  return { version: 1, data: data as unknown as Json };
}

function segmentOptions(data: StateData): SegmentOptions {
  return {
    measure: data.options.measure,
    segmentBy: data.options.segmentBy,
    actions: data.input.actions ?? [],
    events: data.input.events ?? [],
    maxSegments: data.options.maxSegments,
  };
}

/**
 * Starts an analysis whose feedback will come in shards: validates the input and options, keeps the small inputs
 * (sales, forecasts, actions, events) and runs the sales side first — weekly series per segment, anomalies and
 * change points — so that the windows before each sales break are known before any feedback is read.
 *
 * Cost: that of the sales detection, O(s · p log p) for s series of p weeks.
 * @throws FeedbackMinerError INVALID_ARGUMENT when `input` is not an object or `input.sales` not an array;
 *   INVALID_OPTION for a bad option.
 * @example
 * const data = simulate({ seed: 7 })
 * let state = startAnalysis({ sales: data.sales })
 * nextPass(state)?.name // => 'scan'
 */
export function startAnalysis(input: AnalysisInput, options: AnalyzeOptions = {}): AnalysisState {
  const where = 'startAnalysis';
  if (input === null || typeof input !== 'object') fail('INVALID_ARGUMENT', where, 'input', 'an object', input);
  assertArray(where, 'input.sales', input.sales);
  if (input.forecasts !== undefined) assertArray(where, 'input.forecasts', input.forecasts);
  if (input.actions !== undefined) assertArray(where, 'input.actions', input.actions);
  if (input.events !== undefined) assertArray(where, 'input.events', input.events);
  if (input.rejected !== undefined) assertArray(where, 'input.rejected', input.rejected);
  const o = resolveOptions(where, options);
  const rest: Record<string, unknown> = { ...input };
  delete rest.feedback;
  const data: StateData = {
    input: rest as unknown as AnalysisInput,
    options: o,
    breaks: [],
    done: 0,
    scan: null,
    model: null,
    fitWarnings: [],
    assign: null,
  };
  const detected = detectSegments(input.sales, segmentOptions(data));
  const breaks: { anomaly: AnomalyLike; spec: ExplainSpec }[] = [];
  for (const candidate of detected.candidates) {
    for (const b of breaksToExplain(candidate)) {
      // Only finite figures: the state is JSON, where NaN and Infinity do not survive.
      const anomaly: AnomalyLike = {
        t: b.t,
        ...(Number.isFinite(b.value) ? { value: b.value } : {}),
        ...(Number.isFinite(b.expected) ? { expected: b.expected } : {}),
        direction: 'down',
        segment: candidate.dimensions,
      };
      breaks.push({ anomaly, spec: resolveExplainSpec('analyze', anomaly, { kpi: o.measure, segment: candidate.dimensions }) });
    }
  }
  return stateOf({ ...data, breaks });
}

function resolveOptions(where: string, options: AnalyzeOptions): ResolvedOptions {
  assertOptions(where, options);
  const k = options.k ?? 'auto';
  if (k !== 'auto') assertNumberOption(where, 'options.k', k, { min: 1, integer: true });
  const seed = options.seed ?? 1;
  assertNumberOption(where, 'options.seed', seed, { integer: true });
  const periodWeeks = options.periodWeeks ?? 13;
  assertNumberOption(where, 'options.periodWeeks', periodWeeks, { min: 1, integer: true });
  const maxSegments = options.maxSegments ?? 8;
  assertNumberOption(where, 'options.maxSegments', maxSegments, { min: 0, integer: true });
  const sampleSize = options.themeSample ?? THEME_SAMPLE;
  assertNumberOption(where, 'options.themeSample', sampleSize, { min: 2, integer: true });
  const measure = options.measure ?? 'units';
  if (!['revenue', 'units', 'newCustomers', 'visits', 'orders'].includes(measure)) {
    fail('INVALID_OPTION', where, 'options.measure', 'one of "revenue", "units", "newCustomers", "visits", "orders"', measure);
  }
  const segmentBy = options.segmentBy ?? ['product', 'region'];
  assertArray(where, 'options.segmentBy', segmentBy);
  for (const d of segmentBy) {
    if (d !== 'product' && d !== 'region' && d !== 'channel') fail('INVALID_OPTION', where, 'options.segmentBy', 'made of "product", "region", "channel"', d);
  }
  return {
    title: options.title ?? 'Feedback and sales report',
    measure,
    segmentBy: [...segmentBy],
    k,
    seed,
    periodWeeks,
    maxSegments,
    sampleSize,
    ...(options.generatedAt === undefined ? {} : { generatedAt: options.generatedAt }),
    ...(options.dataSeed === undefined ? {} : { dataSeed: options.dataSeed }),
  };
}

function feedbackSource(data: StateData): string {
  return data.input.feedbackSource ?? data.input.sources?.feedback ?? 'feedback';
}

/**
 * The next pass to run over every shard, with the JSON context its map step needs; `null` when every pass has run
 * (then call `finishAnalysis`). Two passes: `'scan'` (rows, rejections, date range, the bottom-k sample for the
 * themes) and `'assign'` (sentiment and theme of every text, and all the counts of the report).
 * @throws FeedbackMinerError INVALID_ARGUMENT when `state` is not an AnalysisState
 */
export function nextPass(state: AnalysisState): PassSpec | null {
  const data = dataOf(state, 'nextPass');
  if (data.done === 0) {
    const context: ScanContext = { seed: data.options.seed, sampleSize: data.options.sampleSize, source: feedbackSource(data) };
    return { name: 'scan', index: 0, context: context as unknown as Json };
  }
  if (data.done === 1) {
    const context: AssignContext = {
      model: data.model,
      breaks: data.breaks.map((b) => b.spec),
      actions: data.input.actions === undefined || data.input.actions.length === 0 ? null : data.input.actions,
    };
    return { name: 'assign', index: 1, context: context as unknown as Json };
  }
  return null;
}

function checkPass(where: string, pass: PassSpec): 'scan' | 'assign' {
  if (pass === null || typeof pass !== 'object' || !(PASSES as readonly string[]).includes(pass.name) || typeof pass.context !== 'object' || pass.context === null) {
    fail('INVALID_ARGUMENT', where, 'pass', 'a PassSpec from nextPass', pass);
  }
  return pass.name as 'scan' | 'assign';
}

function checkShard(where: string, shard: ShardInput): void {
  if (shard === null || typeof shard !== 'object') fail('INVALID_ARGUMENT', where, 'shard', 'a ShardInput', shard);
  assertNumberOption(where, 'shard.shard', shard.shard, { min: 0, integer: true });
  assertNumberOption(where, 'shard.offset', shard.offset, { min: 0, integer: true });
  assertNumberOption(where, 'shard.rowsRead', shard.rowsRead, { min: 0, integer: true });
  assertArray(where, 'shard.records', shard.records);
  assertArray(where, 'shard.rejected', shard.rejected);
  if (shard.records.length > shard.rowsRead) fail('INVALID_ARGUMENT', where, 'shard.rowsRead', `at least the ${shard.records.length} records`, shard.rowsRead);
}

/**
 * The map step of a pass on one shard: pure (the same pass and shard give the same JSON, the input is not
 * modified), so it can run on any machine, in any order, and be retried. Bad data in the shard (empty texts,
 * unreadable dates) is counted and reported, never thrown.
 *
 * Cost: scan O(r log r) for r rows; assign O(c) for c characters (sentiment and theme of each text) plus
 * O(r · b) for b sales breaks.
 * @throws FeedbackMinerError INVALID_ARGUMENT when `pass` or `shard` is malformed
 */
export function mapShard(pass: PassSpec, shard: ShardInput): Json {
  const name = checkPass('mapShard', pass);
  checkShard('mapShard', shard);
  const partial = name === 'scan' ? mapScan(pass.context as unknown as ScanContext, shard) : mapAssign(pass.context as unknown as AssignContext, shard);
  return partial as unknown as Json;
}

/**
 * The reduce step: merges the partials of two runs of shards. Counts add exactly; bounded samples and quote lists
 * keep the best of the union (exact); floating sums are compensated (Neumaier) and merge by TwoSum.
 * @throws FeedbackMinerError INVALID_ARGUMENT when `pass` is malformed
 */
export function mergePartials(pass: PassSpec, a: Json, b: Json): Json {
  const name = checkPass('mergePartials', pass);
  if (a === null || typeof a !== 'object' || b === null || typeof b !== 'object') fail('INVALID_ARGUMENT', 'mergePartials', 'a, b', 'partials from mapShard', a === null || typeof a !== 'object' ? a : b);
  const merged =
    name === 'scan'
      ? mergeScan(pass.context as unknown as ScanContext, a as unknown as ScanPartial, b as unknown as ScanPartial)
      : mergeAssign(pass.context as unknown as AssignContext, a as unknown as AssignPartial, b as unknown as AssignPartial);
  return merged as unknown as Json;
}

/**
 * Reduces the partials of all shards of a pass: sorted by shard number, then folded left with `mergePartials`, so
 * every driver, whatever order the shards finished in, gets the same bits. A shard number given twice (a retried
 * shard) counts once. No partials give the pass's empty partial.
 * @throws FeedbackMinerError INVALID_ARGUMENT when `partials` is not an array of `{ shard, partial }`
 */
export function reducePartials(pass: PassSpec, partials: readonly { shard: number; partial: Json }[]): Json {
  const name = checkPass('reducePartials', pass);
  assertArray('reducePartials', 'partials', partials);
  for (const p of partials) {
    if (p === null || typeof p !== 'object') fail('INVALID_ARGUMENT', 'reducePartials', 'partials', 'an array of { shard, partial }', p);
    assertNumberOption('reducePartials', 'partials[].shard', p.shard, { min: 0, integer: true });
  }
  const sorted = [...partials].sort((x, y) => x.shard - y.shard).filter((p, i, all) => i === 0 || all[i - 1]!.shard !== p.shard);
  if (sorted.length === 0) return emptyPartial(name, pass);
  let acc = sorted[0]!.partial;
  for (let i = 1; i < sorted.length; i++) acc = mergePartials(pass, acc, sorted[i]!.partial);
  return acc;
}

function emptyPartial(name: 'scan' | 'assign', pass: PassSpec): Json {
  if (name === 'scan') return EMPTY_SCAN as unknown as Json;
  const context = pass.context as unknown as AssignContext;
  const empty: AssignPartial = {
    days: {},
    themes: {},
    breaks: context.breaks.map((spec) => tallyExplainAnomaly([], spec)),
    actions: context.actions === null ? null : actionFeedbackCounts(context.actions, []),
  };
  return empty as unknown as Json;
}

/**
 * Completes a pass with its reduced partial and returns the new state. After the scan, the themes are fitted on
 * the bottom-k sample (`fitThemeModel` with the settings of the report: k 4-10 by silhouette, the seed), and only
 * the model is kept in the state, not the sample.
 * @throws FeedbackMinerError INVALID_ARGUMENT when `pass` is not the state's next pass
 */
export function completePass(state: AnalysisState, pass: PassSpec, merged: Json): AnalysisState {
  const data = dataOf(state, 'completePass');
  const name = checkPass('completePass', pass);
  if (pass.index !== data.done || name !== PASSES[data.done]) fail('INVALID_ARGUMENT', 'completePass', 'pass', `pass ${data.done} (${PASSES[data.done] ?? 'none left'})`, pass.name);
  if (merged === null || typeof merged !== 'object') fail('INVALID_ARGUMENT', 'completePass', 'merged', 'a reduced partial', merged);
  if (name === 'scan') {
    const scan = merged as unknown as ScanPartial;
    const texts = [...scan.sample].sort((a, b) => a[1] - b[1]).map((e) => e[2]);
    const fitWarnings: string[] = [];
    let model: ThemeModel | null = null;
    if (texts.length < 2) fitWarnings.push('too little feedback to find themes');
    else {
      const { k } = data.options;
      const fit = fitThemeModel(texts, {
        k: typeof k === 'number' ? Math.min(k, texts.length) : 'auto',
        seed: data.options.seed,
        // A planning meeting reads a handful of themes: 'auto' searches 4 to 10 by silhouette (stability prefers
        // the coarsest stable split, often 2, too coarse for a report).
        selectBy: 'silhouette',
        kRange: [Math.min(4, texts.length), Math.min(10, texts.length)],
      });
      model = fit.model;
      fitWarnings.push(...fit.warnings);
      const usable = scan.records - scan.emptyTexts;
      if (usable > texts.length) {
        fitWarnings.push(`themes fitted on a sample of ${texts.length.toLocaleString('en')} of ${usable.toLocaleString('en')} records (bottom-k by row hash), every record then assigned to its nearest theme`);
      }
    }
    return stateOf({ ...data, done: 1, scan: { ...scan, sample: [] }, model, fitWarnings });
  }
  return stateOf({ ...data, done: 2, assign: merged as unknown as AssignPartial });
}

/**
 * The report model from a state whose passes have all run: the same sections as `analyze` (headline with its
 * periods, themes, segments with explanations, forecast, actions, data quality, summary).
 * @throws FeedbackMinerError INVALID_ARGUMENT when passes remain
 */
export function finishAnalysis(state: AnalysisState): ReportModel {
  const data = dataOf(state, 'finishAnalysis');
  if (data.done < PASSES.length || data.scan === null || data.assign === null) {
    fail('INVALID_ARGUMENT', 'finishAnalysis', 'state', 'a state whose passes have all run', `${data.done} of ${PASSES.length} passes`);
  }
  const { input, options } = data;
  const scan = data.scan;
  const assign = data.assign;
  const sales = input.sales as readonly SalesRecord[];
  const measure = options.measure;
  const warnings: string[] = [];
  const usable = scan.records - scan.emptyTexts;
  if (scan.emptyTexts > 0) warnings.push(`${scan.emptyTexts} feedback record(s) with an empty text were left out of the text analysis`);
  if (scan.undated > 0) warnings.push(`${scan.undated} feedback record(s) without a readable date are in the themes but in no period`);

  const periods = choosePeriods(scan.lastDay, sales, options.periodWeeks);
  const themed = buildThemes(data.model, assign.themes, usable, scan);
  warnings.push(...data.fitWarnings);

  const detected = detectSegments(sales, segmentOptions(data));
  let next = 0;
  const segments = finishSegments(detected, measure, () => {
    const i = next++;
    const b = data.breaks[i];
    const counts = assign.breaks[i];
    if (b === undefined || counts === undefined) fail('INVALID_ARGUMENT', 'finishAnalysis', 'state', 'the breaks startAnalysis found', i);
    return explainAnomalyFromCounts(b.anomaly, b.spec, counts);
  });
  warnings.push(...segments.warnings);

  const forecasts = input.forecasts as readonly ForecastRecord[] | undefined;
  const forecast = forecasts === undefined || forecasts.length === 0 ? undefined : buildForecast(forecasts);
  if (forecast !== undefined) warnings.push(...forecast.warnings);
  const actionList = input.actions as readonly ActionRecord[] | undefined;
  const actions =
    actionList === undefined || actionList.length === 0 || assign.actions === null ? undefined : buildActions(actionList, sales, assign.actions, measure);
  if (actions !== undefined) warnings.push(...actions.warnings);

  const headline = buildHeadline(assign.days, sales, periods, measure, forecast?.latestWape);

  const summary: string[] = [];
  summary.push(...segments.findings.slice(0, 3));
  summary.push(...themed.findings.slice(0, 2));
  if (headline.finding !== undefined) summary.push(headline.finding);
  if (forecast !== undefined) summary.push(...forecast.findings.slice(0, 2));
  if (actions !== undefined) summary.push(...actions.findings.slice(0, 2));

  return {
    version: 1,
    title: options.title,
    subtitle: `${usable.toLocaleString('en')} feedback records, ${sales.length.toLocaleString('en')} sales rows${
      forecasts ? `, ${forecasts.length.toLocaleString('en')} forecasts` : ''
    }`,
    generator: 'feedback-miner 0.1.0',
    ...(options.generatedAt === undefined ? {} : { generatedAt: options.generatedAt }),
    ...(options.dataSeed === undefined ? {} : { seed: options.dataSeed }),
    ...(periods.current === undefined ? {} : { period: periods.current }),
    ...(periods.previous === undefined ? {} : { previousPeriod: periods.previous }),
    summary,
    headline: headline.headline,
    themes: themed.themes,
    segments: segments.segments,
    ...(forecast === undefined ? {} : { forecast: forecast.forecast }),
    ...(actions === undefined ? {} : { actions: actions.actions }),
    dataQuality: { sources: dataSources(data, scan), warnings },
  };
}

function dataSources(data: StateData, scan: ScanPartial): ReportSource[] {
  const { input } = data;
  const sources: ReportSource[] = [];
  const feedbackName = feedbackSource(data);
  const fileRejections = (file: string | undefined): FileRejection[] => (input.rejected ?? []).filter((r) => r.file === file);
  // Feedback: rejections the reader reported beside the shards (analyze's input.rejected) and in them.
  const given = fileRejections(input.sources?.feedback ?? input.feedbackSource);
  const rejected = [...given.slice(0, REJECTIONS_KEPT), ...scan.rejected].slice(0, REJECTIONS_KEPT);
  const extra = scan.emptyTexts > 0 ? [{ row: -1, field: 'text', reason: `${scan.emptyTexts} record(s) with an empty text` }] : [];
  sources.push({
    name: feedbackName,
    rowsRead: input.rowsRead?.feedback ?? scan.rowsRead,
    rowsAccepted: scan.records - scan.emptyTexts,
    rejected: [...rejected.map((r) => ({ row: r.line, field: r.field, reason: r.reason, file: r.file })), ...extra],
    rejectedCount: given.length + scan.rejectedCount + scan.emptyTexts,
  });
  for (const kind of ['sales', 'forecasts', 'actions'] as const) {
    const records = input[kind];
    if (records === undefined) continue;
    const name = input.sources?.[kind] ?? kind;
    const list = fileRejections(input.sources?.[kind]);
    sources.push({
      name,
      rowsRead: input.rowsRead?.[kind] ?? records.length,
      rowsAccepted: records.length,
      rejected: list.slice(0, REJECTIONS_KEPT).map((r) => ({ row: r.line, field: r.field, reason: r.reason, file: r.file })),
      rejectedCount: list.length,
    });
  }
  return sources;
}

/**
 * Shards of `SHARD_ROWS` records from an array, as every driver cuts them.
 * @throws FeedbackMinerError INVALID_ARGUMENT when `records` is not an array; INVALID_OPTION when `shardRows` is
 *   not an integer >= 1 (checked at the call, not at the first shard)
 */
export function arrayShards(records: readonly FeedbackRecord[], shardRows = SHARD_ROWS): Generator<ShardInput> {
  assertArray('arrayShards', 'records', records);
  assertNumberOption('arrayShards', 'shardRows', shardRows, { min: 1, integer: true });
  return (function* cut(): Generator<ShardInput> {
    for (let shard = 0, offset = 0; offset < records.length; shard++, offset += shardRows) {
      const slice = records.slice(offset, offset + shardRows);
      yield { shard, offset, rowsRead: slice.length, records: slice, rejected: [] };
    }
  })();
}

/**
 * The whole pipeline over shards, driven in this process: for each pass, every shard is mapped and the partials
 * folded in shard order (shards must come in increasing shard order). With an async factory the input is read
 * again for each pass, so memory stays bounded by one shard plus the bounded partials; a plain iterable is
 * materialised once (an array is re-iterated as it is).
 *
 * Equal to `analyze` on the same records cut into the same shards (JSON equal).
 * @throws FeedbackMinerError INVALID_ARGUMENT when shards come out of order or are malformed; as `startAnalysis`
 * @example
 * const data = simulate({ seed: 7 })
 * const report = await analyzeShards({ sales: data.sales }, [...arrayShards(data.feedback)])
 * // equals analyze({ feedback: data.feedback, sales: data.sales }); the CLI passes () => readShards(path)
 */
export async function analyzeShards(
  input: AnalysisInput,
  shards: Iterable<ShardInput> | (() => AsyncIterable<ShardInput>),
  options?: AnalyzeOptions,
  onShard?: (pass: PassSpec, shard: ShardInput) => void,
): Promise<ReportModel> {
  let state = startAnalysis(input, options);
  const source: () => AsyncIterable<ShardInput> | Iterable<ShardInput> =
    typeof shards === 'function' ? shards : Array.isArray(shards) ? () => shards : ((list) => () => list)([...shards]);
  for (let pass = nextPass(state); pass !== null; pass = nextPass(state)) {
    let acc: Json | undefined;
    let last = -1;
    for await (const shard of source()) {
      if (shard === null || typeof shard !== 'object' || !(shard.shard > last)) {
        fail('INVALID_ARGUMENT', 'analyzeShards', 'shards', `shards in increasing shard order (after ${last})`, shard?.shard);
      }
      last = shard.shard;
      const partial = mapShard(pass, shard);
      acc = acc === undefined ? partial : mergePartials(pass, acc, partial);
      onShard?.(pass, shard);
    }
    state = completePass(state, pass, acc ?? reducePartials(pass, []));
  }
  return finishAnalysis(state);
}

/** The same passes, synchronously, over an array (what `analyze` runs). */
export function analyzeArray(input: AnalyzeInput, options?: AnalyzeOptions): ReportModel {
  const { feedback, ...rest } = input;
  let state = startAnalysis({ ...rest, ...(input.sources?.feedback === undefined ? {} : { feedbackSource: input.sources.feedback }) }, options);
  for (let pass = nextPass(state); pass !== null; pass = nextPass(state)) {
    let acc: Json | undefined;
    for (const shard of arrayShards(feedback)) {
      const partial = mapShard(pass, shard);
      acc = acc === undefined ? partial : mergePartials(pass, acc, partial);
    }
    state = completePass(state, pass, acc ?? reducePartials(pass, []));
  }
  return finishAnalysis(state);
}
