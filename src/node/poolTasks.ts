/**
 * The tasks a worker pool can run, as plain functions of one input: the single-threaded path and the workers
 * run exactly this code, so their results are identical. Inputs, options and outputs are structured-cloneable;
 * series, feedback features, token counts and anomalies cross between threads packed in typed arrays (see the wire formats
 * at the end of this file). Internal to the pool except for the types.
 */
import { FeedbackMinerError, fail } from '../errors';
import { DEFAULT_ASPECTS } from '../sentiment/aspects';
import { createFeedbackScorer } from '../sentiment/createFeedbackScorer';
import type { SentimentLabel, SentimentOptions } from '../sentiment/types';
import { tokenize } from '../text/tokenize';
import { detectAnomalies, type DetectAnomaliesOptions } from '../timeseries/detect-anomalies';
import type { Anomaly, Point } from '../timeseries/types';
import type { Rejected } from '../records';

/** Options of the `'feedback'` task. */
export interface FeedbackTaskOptions {
  /** Aspects for `aspectSentiment` (default its `DEFAULT_ASPECTS`); `false` skips aspects. */
  readonly aspects?: Readonly<Record<string, readonly string[]>> | false;
  /** Sentiment options (lexicon, phrases, domain, neutralBand). */
  readonly sentiment?: SentimentOptions;
  /** Aspect window in words (default that of `aspectSentiment`). */
  readonly window?: number;
}

/** What the `'feedback'` task returns per text: compact features (no token objects, to keep 1e6 results small). */
export interface FeedbackFeatures {
  /** Tokens of `tokenize` (all kinds), and of those, words. */
  readonly tokens: number;
  readonly words: number;
  /** Tokens inside a negation scope. */
  readonly negated: number;
  readonly score: number;
  readonly label: SentimentLabel;
  readonly positive: number;
  readonly negative: number;
  readonly aspects: readonly { readonly aspect: string; readonly score: number; readonly label: SentimentLabel; readonly mentions: number }[];
}

/** What the `'anomalies'` task returns per series (the report fields of `AnomalyResult` as plain properties). */
export interface SeriesAnomalies {
  readonly anomalies: Anomaly[];
  readonly periods: number[];
  readonly rejected: Rejected[];
  readonly warnings: string[];
}

/** What the `'tokenize'` task returns per text: the token counts of {@link FeedbackFeatures}, without scoring. */
export interface TokenCounts {
  /** Tokens of `tokenize` (all kinds), and of those, words. */
  readonly tokens: number;
  readonly words: number;
  /** Tokens inside a negation scope. */
  readonly negated: number;
}

/** Task names with their input, options and output types. */
export interface PoolTasks {
  feedback: { input: string; options: FeedbackTaskOptions; output: FeedbackFeatures };
  anomalies: { input: readonly Point[]; options: DetectAnomaliesOptions; output: SeriesAnomalies };
  /** `tokenize` only (no options): the cheap task, where the pool's own overheads weigh most. */
  tokenize: { input: string; options: Record<string, never>; output: TokenCounts };
}

export type TaskName = keyof PoolTasks;
/** The names of the tasks, for validation and messages. */
export const TASK_NAMES: readonly TaskName[] = ['feedback', 'anomalies', 'tokenize'];

/** The task names for error messages: `'feedback', 'anomalies' or 'tokenize'`. */
export function taskList(): string {
  const quoted = TASK_NAMES.map((n) => `'${n}'`);
  return `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1] as string}`;
}

type Runner<T extends TaskName> = (input: PoolTasks[T]['input'], index: number) => PoolTasks[T]['output'];

/**
 * Builds the per-input function of a task for given options (compiled once: the sentiment scorer is created once
 * per options value). Cost: as the stage functions called.
 * @throws FeedbackMinerError INVALID_OPTION for an unknown task
 */
export function taskRunner<T extends TaskName>(task: T, options: PoolTasks[T]['options'] | undefined): Runner<T> {
  switch (task) {
    case 'feedback': {
      const o = (options ?? {}) as FeedbackTaskOptions;
      // One tokenizer pass and one rule pass per text: the tokens, the sentiment and the aspects come from the
      // same scan (createFeedbackScorer's results equal tokenize + scoreSentiment + aspectSentiment, tested there).
      const scoreText = createFeedbackScorer({
        ...(o.sentiment ?? {}),
        aspects: o.aspects ?? DEFAULT_ASPECTS,
        ...(o.window === undefined ? {} : { window: o.window }),
      });
      const run = (text: string): FeedbackFeatures => {
        const scored = scoreText(text);
        let words = 0;
        let negated = 0;
        for (const token of scored.tokens) {
          if (token.kind === 'word') words++;
          if (token.negated) negated++;
        }
        const sentiment = scored.sentiment;
        return {
          tokens: scored.tokens.length,
          words,
          negated,
          score: sentiment.score,
          label: sentiment.label,
          positive: sentiment.positive,
          negative: sentiment.negative,
          aspects: scored.aspects.map((a) => ({ aspect: a.aspect, score: a.score, label: a.label, mentions: a.mentions.length })),
        };
      };
      return run as Runner<T>;
    }
    case 'anomalies': {
      const o = options as DetectAnomaliesOptions | undefined;
      const run = (points: readonly Point[]): SeriesAnomalies => {
        const result = detectAnomalies(points, o);
        return { anomalies: [...result], periods: result.periods, rejected: result.rejected, warnings: result.warnings };
      };
      return run as Runner<T>;
    }
    case 'tokenize':
      return countTokens as Runner<T>;
    default:
      return fail('INVALID_OPTION', 'taskRunner', 'task', taskList(), task);
  }
}

function countTokens(text: string): TokenCounts {
  const tokens = tokenize(text);
  let words = 0;
  let negated = 0;
  for (const token of tokens) {
    if (token.kind === 'word') words++;
    if (token.negated) negated++;
  }
  return { tokens: tokens.length, words, negated };
}

/** An error while running a task on one input, as sent from a worker (plain data). */
export interface TaskFailure {
  readonly index: number;
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly stack?: string;
}

/** Runs a task over a batch, stopping at the first input that throws. Shared by the serial path and the workers. */
export function runBatch<T extends TaskName>(
  run: Runner<T>,
  inputs: readonly PoolTasks[T]['input'][],
  offset: number,
): { results: PoolTasks[T]['output'][] } | { failure: TaskFailure } {
  const results: PoolTasks[T]['output'][] = [];
  for (let i = 0; i < inputs.length; i++) {
    try {
      results.push(run(inputs[i] as PoolTasks[T]['input'], offset + i));
    } catch (error) {
      const e = error as Partial<FeedbackMinerError> & { stack?: string };
      return {
        failure: {
          index: offset + i,
          name: typeof e?.name === 'string' ? e.name : 'Error',
          message: typeof e?.message === 'string' ? e.message : String(error),
          ...(error instanceof FeedbackMinerError ? { code: error.code } : {}),
          ...(typeof e?.stack === 'string' ? { stack: e.stack } : {}),
        },
      };
    }
  }
  return { results };
}

// ---------------------------------------------------------------------------------------------------------------
// Wire formats between the main thread and the workers. Structured cloning of many small objects is slow on both
// sides (measured: serialising 4,000 series of 156 `{ t, value }` points cost the main thread 0.56 s and their
// workers 1.08 s, more than detecting their anomalies), so inputs and results that have a fixed shape travel as
// typed arrays whose buffers are transferred, not copied. Decoding rebuilds objects of the same shape and key
// order from the same doubles, so results stay identical to the single-threaded path; anything that does not fit
// a packed form (a point that is not an object with a numeric or string `t` and a numeric `value`) travels as
// is, so bad data meets exactly the same checks in the worker as on the calling thread.
// ---------------------------------------------------------------------------------------------------------------

/** Inputs of a batch packed for transfer: the anomalies task's series as columns. */
export interface PackedSeries {
  readonly kind: 'series';
  /** Series s has points ends[s - 1] (0 for s = 0) to ends[s] - 1 of the columns. */
  readonly ends: Int32Array;
  /** Numeric t of each point (NaN where the series' t are strings). */
  readonly times: Float64Array;
  readonly values: Float64Array;
  /** String t of the series whose `stringTimes` flag is 1, concatenated in order. */
  readonly stringTimes: string[];
  readonly stringSeries: Uint8Array;
  /** Series that did not fit the packed form, sent as they are: [position in batch, series]. */
  readonly raw: [number, unknown][];
}

/**
 * Encodes a batch of inputs for transfer, or returns undefined when the task's inputs go as they are (texts:
 * strings clone cheaply). Cost: O(points) time and memory.
 */
export function packInputs(task: TaskName, inputs: readonly unknown[]): { packed: PackedSeries; transfer: ArrayBuffer[] } | undefined {
  if (task !== 'anomalies') return undefined;
  const count = inputs.length;
  let total = 0;
  for (let s = 0; s < count; s++) {
    const series = inputs[s];
    if (Array.isArray(series)) total += series.length;
  }
  const ends = new Int32Array(count);
  const times = new Float64Array(total);
  const values = new Float64Array(total);
  const stringSeries = new Uint8Array(count);
  const stringTimes: string[] = [];
  const raw: [number, unknown][] = [];
  let at = 0;
  for (let s = 0; s < count; s++) {
    const series = inputs[s];
    const start = at;
    const kind = Array.isArray(series) ? packSeries(series, times, values, stringTimes, at) : -1;
    if (kind < 0) {
      // Not packable: sent as is, and its place in the columns left empty.
      raw.push([s, series]);
      at = start;
    } else {
      stringSeries[s] = kind;
      at = start + (series as unknown[]).length;
    }
    ends[s] = at;
  }
  const packed: PackedSeries = {
    kind: 'series',
    ends,
    times: at === total ? times : times.slice(0, at),
    values: at === total ? values : values.slice(0, at),
    stringTimes,
    stringSeries,
    raw,
  };
  return { packed, transfer: [packed.ends.buffer, packed.times.buffer, packed.values.buffer, stringSeries.buffer] as ArrayBuffer[] };
}

// Writes a series' points at `at`; returns 0 (numeric t), 1 (string t) or -1 when a point does not fit (then
// nothing it wrote counts). Reads each property once, as `detectAnomalies` does.
function packSeries(series: readonly unknown[], times: Float64Array, values: Float64Array, stringTimes: string[], at: number): number {
  const n = series.length;
  const mark = stringTimes.length;
  let stringT = false;
  for (let i = 0; i < n; i++) {
    const point = series[i] as { t?: unknown; value?: unknown } | null | undefined;
    if (point === null || typeof point !== 'object') break;
    const t = point.t;
    const value = point.value;
    if (typeof value !== 'number') break;
    if (i === 0) stringT = typeof t === 'string';
    if (stringT) {
      if (typeof t !== 'string') break;
      stringTimes.push(t);
      times[at + i] = Number.NaN;
    } else {
      if (typeof t !== 'number') break;
      times[at + i] = t;
    }
    values[at + i] = value;
    if (i === n - 1) return stringT ? 1 : 0;
  }
  if (n === 0) return 0;
  stringTimes.length = mark;
  return -1;
}

/** Decodes {@link packInputs}: the series as arrays of `{ t, value }` points. Cost: O(points). */
export function unpackInputs(packed: PackedSeries): unknown[] {
  const { ends, times, values, stringTimes, stringSeries, raw } = packed;
  const count = ends.length;
  const out = new Array<unknown>(count);
  let start = 0;
  let stringAt = 0;
  for (let s = 0; s < count; s++) {
    const end = ends[s] as number;
    const points = new Array<Point>(end - start);
    if (stringSeries[s] === 1) {
      for (let i = start; i < end; i++) points[i - start] = { t: stringTimes[stringAt++] as string, value: values[i] as number };
    } else {
      for (let i = start; i < end; i++) points[i - start] = { t: times[i] as number, value: values[i] as number };
    }
    out[s] = points;
    start = end;
  }
  for (const [position, series] of raw) out[position] = series;
  return out;
}

const LABELS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];

/** Results of a batch packed for transfer. */
export type PackedResults =
  | { readonly kind: 'tokens'; readonly counts: Int32Array }
  | {
      readonly kind: 'anomalies';
      /** Series s has anomalies ends[s - 1] (0 for s = 0) to ends[s] - 1, and periods periodEnds[s - 1] to ... */
      readonly ends: Int32Array;
      /** Per anomaly: index, t (NaN when a string), value, expected, lower, upper, score. */
      readonly numbers: Float64Array;
      /** Per anomaly: bit 0 direction 'down', bit 1 string t, bit 2 has an event; and its method's index. */
      readonly flags: Uint8Array;
      readonly methodIndex: Uint8Array;
      readonly methods: string[];
      /** String t and events, in anomaly order. */
      readonly strings: string[];
      readonly periodEnds: Int32Array;
      readonly periods: Float64Array;
      /** Series with rejected points or warnings (most have none): [series, rejected, warnings]. */
      readonly extras: [number, Rejected[], string[]][];
    }
  | {
      readonly kind: 'feedback';
      /** tokens, words, negated per result. */
      readonly counts: Int32Array;
      /** score, positive, negative per result. */
      readonly numbers: Float64Array;
      readonly labels: Uint8Array;
      /** Result r has aspects aspectEnds[r - 1] (0 for r = 0) to aspectEnds[r] - 1. */
      readonly aspectEnds: Int32Array;
      /** Per aspect: index into `names`, mentions; score; label. */
      readonly aspectInts: Int32Array;
      readonly aspectScores: Float64Array;
      readonly aspectLabels: Uint8Array;
      readonly names: string[];
    };

/**
 * Encodes a batch's results for transfer, or returns undefined when they go as they are (structured clone): an
 * anomaly result of an unexpected shape. Cost: O(results + aspects or anomalies).
 */
export function packResults(task: TaskName, results: readonly unknown[]): { packed: PackedResults; transfer: ArrayBuffer[] } | undefined {
  const m = results.length;
  if (task === 'tokenize') {
    const counts = new Int32Array(3 * m);
    for (let r = 0; r < m; r++) {
      const result = results[r] as TokenCounts;
      counts[3 * r] = result.tokens;
      counts[3 * r + 1] = result.words;
      counts[3 * r + 2] = result.negated;
    }
    return { packed: { kind: 'tokens', counts }, transfer: [counts.buffer as ArrayBuffer] };
  }
  if (task === 'anomalies') return packAnomalies(results as readonly SeriesAnomalies[]);
  if (task !== 'feedback') return undefined;
  let aspectCount = 0;
  for (let r = 0; r < m; r++) aspectCount += (results[r] as FeedbackFeatures).aspects.length;
  const counts = new Int32Array(3 * m);
  const numbers = new Float64Array(3 * m);
  const labels = new Uint8Array(m);
  const aspectEnds = new Int32Array(m);
  const aspectInts = new Int32Array(2 * aspectCount);
  const aspectScores = new Float64Array(aspectCount);
  const aspectLabels = new Uint8Array(aspectCount);
  const names: string[] = [];
  const nameIndex = new Map<string, number>();
  let a = 0;
  for (let r = 0; r < m; r++) {
    const result = results[r] as FeedbackFeatures;
    counts[3 * r] = result.tokens;
    counts[3 * r + 1] = result.words;
    counts[3 * r + 2] = result.negated;
    numbers[3 * r] = result.score;
    numbers[3 * r + 1] = result.positive;
    numbers[3 * r + 2] = result.negative;
    const label = LABELS.indexOf(result.label);
    if (label < 0) return undefined;
    labels[r] = label;
    for (const aspect of result.aspects) {
      let name = nameIndex.get(aspect.aspect);
      if (name === undefined) {
        name = names.length;
        names.push(aspect.aspect);
        nameIndex.set(aspect.aspect, name);
      }
      aspectInts[2 * a] = name;
      aspectInts[2 * a + 1] = aspect.mentions;
      aspectScores[a] = aspect.score;
      const aspectLabel = LABELS.indexOf(aspect.label);
      if (aspectLabel < 0) return undefined;
      aspectLabels[a] = aspectLabel;
      a++;
    }
    aspectEnds[r] = a;
  }
  const packed: PackedResults = { kind: 'feedback', counts, numbers, labels, aspectEnds, aspectInts, aspectScores, aspectLabels, names };
  const transfer = [counts, numbers, labels, aspectEnds, aspectInts, aspectScores, aspectLabels].map((array) => array.buffer as ArrayBuffer);
  return { packed, transfer };
}

/**
 * Decodes {@link packResults} into `out[offset + r]`: objects with the keys, key order and values the task
 * returned in the worker. Cost: O(results + aspects).
 */
export function unpackResults(packed: PackedResults, out: unknown[], offset: number): void {
  if (packed.kind === 'tokens') {
    const { counts } = packed;
    const m = counts.length / 3;
    for (let r = 0; r < m; r++) {
      out[offset + r] = { tokens: counts[3 * r] as number, words: counts[3 * r + 1] as number, negated: counts[3 * r + 2] as number } satisfies TokenCounts;
    }
    return;
  }
  if (packed.kind === 'anomalies') {
    unpackAnomalies(packed, out, offset);
    return;
  }
  const { counts, numbers, labels, aspectEnds, aspectInts, aspectScores, aspectLabels, names } = packed;
  const m = labels.length;
  let a = 0;
  for (let r = 0; r < m; r++) {
    const end = aspectEnds[r] as number;
    const aspects = new Array<FeedbackFeatures['aspects'][number]>(end - a);
    for (let k = 0; a < end; a++, k++) {
      aspects[k] = {
        aspect: names[aspectInts[2 * a] as number] as string,
        score: aspectScores[a] as number,
        label: LABELS[aspectLabels[a] as number] as SentimentLabel,
        mentions: aspectInts[2 * a + 1] as number,
      };
    }
    out[offset + r] = {
      tokens: counts[3 * r] as number,
      words: counts[3 * r + 1] as number,
      negated: counts[3 * r + 2] as number,
      score: numbers[3 * r] as number,
      label: LABELS[labels[r] as number] as SentimentLabel,
      positive: numbers[3 * r + 1] as number,
      negative: numbers[3 * r + 2] as number,
      aspects,
    } satisfies FeedbackFeatures;
  }
}

// The keys of an `Anomaly` as `detectAnomalies` writes them, in order (`event` last, when present). A result of
// any other shape is sent as it is.
const ANOMALY_KEYS = ['index', 't', 'value', 'expected', 'lower', 'upper', 'score', 'direction', 'method', 'event'];

function hasAnomalyShape(anomaly: Anomaly): boolean {
  let k = 0;
  for (const key in anomaly) {
    if (key !== ANOMALY_KEYS[k]) return false;
    k++;
  }
  return k === 9 || (k === 10 && typeof anomaly.event === 'string');
}

function packAnomalies(results: readonly SeriesAnomalies[]): { packed: PackedResults; transfer: ArrayBuffer[] } | undefined {
  const m = results.length;
  let total = 0;
  let periodTotal = 0;
  for (let s = 0; s < m; s++) {
    const result = results[s] as SeriesAnomalies;
    total += result.anomalies.length;
    periodTotal += result.periods.length;
  }
  const ends = new Int32Array(m);
  const numbers = new Float64Array(7 * total);
  const flags = new Uint8Array(total);
  const methodIndex = new Uint8Array(total);
  const methods: string[] = [];
  const strings: string[] = [];
  const periodEnds = new Int32Array(m);
  const periods = new Float64Array(periodTotal);
  const extras: [number, Rejected[], string[]][] = [];
  let a = 0;
  let p = 0;
  for (let s = 0; s < m; s++) {
    const result = results[s] as SeriesAnomalies;
    for (const anomaly of result.anomalies) {
      if (!hasAnomalyShape(anomaly) || (anomaly.direction !== 'up' && anomaly.direction !== 'down')) return undefined;
      const { t } = anomaly;
      if (typeof t !== 'number' && typeof t !== 'string') return undefined;
      let method = methods.indexOf(anomaly.method);
      if (method < 0) {
        method = methods.length;
        methods.push(anomaly.method);
      }
      const at = 7 * a;
      numbers[at] = anomaly.index;
      numbers[at + 1] = typeof t === 'number' ? t : Number.NaN;
      numbers[at + 2] = anomaly.value;
      numbers[at + 3] = anomaly.expected;
      numbers[at + 4] = anomaly.lower;
      numbers[at + 5] = anomaly.upper;
      numbers[at + 6] = anomaly.score;
      let flag = anomaly.direction === 'down' ? 1 : 0;
      if (typeof t === 'string') {
        flag |= 2;
        strings.push(t);
      }
      if (anomaly.event !== undefined) {
        flag |= 4;
        strings.push(anomaly.event);
      }
      flags[a] = flag;
      methodIndex[a] = method;
      a++;
    }
    ends[s] = a;
    for (const period of result.periods) periods[p++] = period;
    periodEnds[s] = p;
    if (result.rejected.length > 0 || result.warnings.length > 0) extras.push([s, result.rejected, result.warnings]);
  }
  if (methods.length > 255) return undefined;
  const packed: PackedResults = { kind: 'anomalies', ends, numbers, flags, methodIndex, methods, strings, periodEnds, periods, extras };
  const transfer = [ends, numbers, flags, methodIndex, periodEnds, periods].map((array) => array.buffer as ArrayBuffer);
  return { packed, transfer };
}

function unpackAnomalies(packed: Extract<PackedResults, { kind: 'anomalies' }>, out: unknown[], offset: number): void {
  const { ends, numbers, flags, methodIndex, methods, strings, periodEnds, periods, extras } = packed;
  const m = ends.length;
  let a = 0;
  let p = 0;
  let stringAt = 0;
  let extra = 0;
  for (let s = 0; s < m; s++) {
    const end = ends[s] as number;
    const anomalies = new Array<Anomaly>(end - a);
    for (let k = 0; a < end; a++, k++) {
      const at = 7 * a;
      const flag = flags[a] as number;
      const t = flag & 2 ? (strings[stringAt++] as string) : (numbers[at + 1] as number);
      const base = {
        index: numbers[at] as number,
        t,
        value: numbers[at + 2] as number,
        expected: numbers[at + 3] as number,
        lower: numbers[at + 4] as number,
        upper: numbers[at + 5] as number,
        score: numbers[at + 6] as number,
        direction: flag & 1 ? ('down' as const) : ('up' as const),
        method: methods[methodIndex[a] as number] as Anomaly['method'],
      };
      anomalies[k] = flag & 4 ? { ...base, event: strings[stringAt++] as string } : base;
    }
    const periodEnd = periodEnds[s] as number;
    const seriesPeriods = new Array<number>(periodEnd - p);
    for (let k = 0; p < periodEnd; p++, k++) seriesPeriods[k] = periods[p] as number;
    const next = extras[extra];
    let rejected: Rejected[] = [];
    let warnings: string[] = [];
    if (next !== undefined && next[0] === s) {
      rejected = next[1];
      warnings = next[2];
      extra++;
    }
    out[offset + s] = { anomalies, periods: seriesPeriods, rejected, warnings } satisfies SeriesAnomalies;
  }
}
