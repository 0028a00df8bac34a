import { assertNumberOption, assertOptions, fail, FeedbackMinerError } from '../errors';
import { SortedWindow } from './streamingMath';
import type { Point, StreamingResult } from './types';

/** Options of {@link createStreamingDetector}. Every field is optional; the defaults are in `STREAMING_DEFAULTS`. */
export interface StreamingDetectorOptions {
  /**
   * Points of history each test compares against (values, changes, seasonal differences). Default 8640, the
   * historic window of Ahmad et al. (2017): a month of 5-minute data. Memory and time per point grow with it.
   */
  readonly window?: number;
  /**
   * Points of recent context for the local level test: a value far outside the last `context` values, in
   * robust units, is surprising even when the longer history holds larger ones. At most `window`. Default 50
   * (or `window` when that is shorter).
   */
  readonly context?: number;
  /** Points seen before any score above 0 is given. Default 100. */
  readonly warmup?: number;
  /**
   * Spike suppression: a point is reported only if its p-value is less than half the smallest p-value of the
   * `suppression` points before it, so that one anomaly fires once. 0 turns suppression off. Default 100.
   */
  readonly suppression?: number;
  /**
   * `isAnomaly` is `score >= threshold`, i.e. a Bonferroni p-value at most `1 - threshold`. Default 0.9973, the
   * false-alarm rate of Shewhart's three-sigma limits (two-sided normal tail beyond 3 sigma = 0.0027).
   */
  readonly threshold?: number;
}

/** Seasonal lags tried when timestamps are dates: one day, one week, one year (365.25 days). */
const SEASONAL_LAGS_MS = [86_400_000, 604_800_000, 31_557_600_000] as const;

/** The detector's state as plain JSON: save it with `JSON.stringify`, restore with `restoreStreamingDetector`. */
export interface StreamingDetectorState {
  readonly kind: 'feedback-miner/streaming-detector';
  readonly version: 1;
  readonly options: Required<StreamingDetectorOptions>;
  /** Finite points seen. */
  readonly count: number;
  /** Points skipped because their value was not a finite number. */
  readonly skipped: number;
  /** Time (epoch ms) of the last point whose `t` was a date, or null. */
  readonly lastTime: number | null;
  /** Last `window` values, oldest first. */
  readonly values: readonly number[];
  /** Last `window` absolute one-step changes, oldest first. */
  readonly changes: readonly number[];
  /** Per seasonal lag (day, week, year): last `window` absolute differences from the value one lag back. */
  readonly seasonal: readonly (readonly number[])[];
  /** Surprises (-log10 p) of the last `suppression` points, oldest first. */
  readonly recentSurprise: readonly number[];
}

/** The result of one update: the shared `StreamingResult`, plus the evidence behind it. */
export interface StreamingUpdate extends StreamingResult {
  /** Bonferroni-combined p-value of the point's tests before suppression (1 during warm-up or when skipped). */
  readonly pValue: number;
  /** True when the point was surprising but a more surprising point came shortly before it: its score is 0. */
  readonly suppressed: boolean;
  /** Set when the point was not used because its value is not a finite number; such a point scores 0. */
  readonly skipped?: string;
}

/** A streaming anomaly detector for one series: feed points in time order, one at a time. */
export interface StreamingDetector {
  /** Scores one point against the points seen before it, then learns from it. */
  update(point: Point): StreamingUpdate;
  /** A JSON-serialisable snapshot of everything the detector knows (a new object each call). */
  state(): StreamingDetectorState;
}

const KIND = 'feedback-miner/streaming-detector';

/** Default options of {@link createStreamingDetector}. */
export const STREAMING_DEFAULTS: Readonly<Required<StreamingDetectorOptions>> = Object.freeze({
  window: 8640,
  context: 50,
  warmup: 100,
  suppression: 100,
  threshold: 0.9973,
});

/** Largest surprise (-log10 p) used; keeps every number in the state finite. */
const MAX_SURPRISE = 300;
/** A reported point must be this much more surprising (in log10 units: twice as unlikely) than its neighbours. */
const SUPPRESSION_MARGIN = Math.log10(2);
/** Differences tested against a seasonal lag's history only once it holds this many. */
const MIN_SEASONAL_HISTORY = 50;
/** Past cycles compared by each seasonal test. */
const SEASONAL_CYCLES = 3;
/** Points whose median is reported as `expected`. */
const EXPECTED_POINTS = 10;

function resolveOptions(where: string, options: unknown): Required<StreamingDetectorOptions> {
  assertOptions(where, options);
  const given = (options ?? {}) as Record<string, unknown>;
  const pick = (key: keyof StreamingDetectorOptions): unknown => (given[key] === undefined ? STREAMING_DEFAULTS[key] : given[key]);
  const window = pick('window');
  // A window shorter than the default context shortens the context with it.
  const context = given['context'] === undefined && typeof window === 'number' ? Math.min(STREAMING_DEFAULTS.context, window) : pick('context');
  const warmup = pick('warmup');
  const suppression = pick('suppression');
  const threshold = pick('threshold');
  assertNumberOption(where, 'options.window', window, { min: 10, integer: true });
  assertNumberOption(where, 'options.context', context, { min: 5, max: window, integer: true });
  assertNumberOption(where, 'options.warmup', warmup, { min: 0, integer: true });
  assertNumberOption(where, 'options.suppression', suppression, { min: 0, integer: true });
  assertNumberOption(where, 'options.threshold', threshold, { min: 0, max: 1 });
  return { window, context, warmup, suppression, threshold };
}

/** Interquartile range / 1.349 (a normal's sigma), floored so that a constant window still has a scale. */
function robustScale(window: SortedWindow, floorScale: number): number {
  return Math.max((window.quantile(0.75) - window.quantile(0.25)) / 1.349, floorScale);
}

/**
 * Upper-tail p-value of `x` against a window, (1 + #{>= x}) / (n + 1) (the rank test of an exchangeable
 * sequence), extended beyond the window's maximum by an exponential tail in robust (IQR) units, so that a value
 * far beyond anything seen is more surprising than one just beyond it.
 */
function upperPValue(window: SortedWindow, x: number, floorScale: number): number {
  const n = window.size;
  const p = (1 + n - window.countBelow(x)) / (n + 1);
  const max = window.max();
  return x <= max ? p : p * Math.exp(-(x - max) / robustScale(window, floorScale));
}

/** Lower-tail p-value of `x`, mirrored. */
function lowerPValue(window: SortedWindow, x: number, floorScale: number): number {
  const n = window.size;
  const p = (1 + n - window.countAbove(x)) / (n + 1);
  const min = window.min();
  return x >= min ? p : p * Math.exp(-(min - x) / robustScale(window, floorScale));
}

function surpriseOf(p: number): number {
  if (!(p > 0)) return MAX_SURPRISE;
  return Math.min(MAX_SURPRISE, Math.max(0, -Math.log10(p)));
}

function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Epoch milliseconds of a point's `t` when it is a date: an ISO 8601 string (read as UTC when it has no zone, so
 * that the runtime's time zone never matters) or a number above 1e11 (epoch ms after 1973). Otherwise null: a
 * small number is an index, which has no calendar.
 */
function timeOf(t: unknown): number | null {
  if (typeof t === 'number') return Number.isFinite(t) && t > 1e11 ? t : null;
  if (typeof t !== 'string') return null;
  const iso = t.trim().replace(' ', 'T');
  const hasZone = /(?:[zZ]|[+-]\d\d:?\d\d)$/.test(iso.slice(10));
  const ms = Date.parse(hasZone || iso.length <= 10 ? iso : `${iso}Z`);
  return Number.isFinite(ms) ? ms : null;
}

function pushBounded(buffer: number[], value: number, capacity: number): void {
  buffer.push(value);
  if (buffer.length > capacity) buffer.splice(0, buffer.length - capacity);
}

function build(options: Required<StreamingDetectorOptions>, saved: StreamingDetectorState | undefined): StreamingDetector {
  const values = new SortedWindow(options.window, saved?.values ?? []);
  const changes = new SortedWindow(options.window, saved?.changes ?? []);
  // The last `context` values are the newest of `values`, so the state need not hold them twice.
  const recent = new SortedWindow(options.context, values.latest(options.context));
  const seasonal = SEASONAL_LAGS_MS.map((_, k) => new SortedWindow(options.window, saved?.seasonal[k] ?? []));
  const recentSurprise: number[] = [...(saved?.recentSurprise ?? [])];
  let count = saved?.count ?? 0;
  let skipped = saved?.skipped ?? 0;
  let lastTime: number | null = saved?.lastTime ?? null;

  function update(point: Point): StreamingUpdate {
    if (point === null || typeof point !== 'object') fail('INVALID_ARGUMENT', 'update', 'point', 'an object { t, value }', point);
    const x: unknown = (point as { value?: unknown }).value;
    const expected = values.size === 0 ? NaN : median(values.latest(EXPECTED_POINTS));
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      skipped++;
      return { score: 0, isAnomaly: false, expected, pValue: 1, suppressed: false, skipped: `value is not a finite number (${String(x)})` };
    }
    const time = timeOf((point as { t?: unknown }).t);
    const interval = time !== null && lastTime !== null && time > lastTime ? time - lastTime : null;

    // 1. The tests: each a p-value against its own sliding window of history.
    let smallest = 1;
    let tests = 0;
    const floorScale = 1e-9 * Math.max(1, Math.abs(expected));
    if (values.size >= 2) {
      // Level: the value's two-sided rank among past values.
      smallest = Math.min(1, 2 * Math.min(upperPValue(values, x, floorScale), lowerPValue(values, x, floorScale)));
      tests++;
    }
    if (recent.size === options.context) {
      // Local level: the value's two-sided rank among the last `context` values, with the exponential tail
      // beyond them (a spike or a drop far outside its recent context).
      smallest = Math.min(smallest, Math.min(1, 2 * Math.min(upperPValue(recent, x, floorScale), lowerPValue(recent, x, floorScale))));
      tests++;
    }
    const change = values.size === 0 ? NaN : Math.abs(x - values.fromEnd(1));
    if (changes.size >= 2) {
      // Change: the absolute one-step change's rank among past changes (a spike or a jump).
      smallest = Math.min(smallest, upperPValue(changes, change, floorScale));
      tests++;
    }
    const seasonalDifferences: Array<number | null> = SEASONAL_LAGS_MS.map((lagMs, k) => {
      // Seasonal: the absolute difference from the value one day / week / year back (seasonal naive).
      if (interval === null) return null;
      const lag = Math.round(lagMs / interval);
      if (lag < 2 || lag > values.size || Math.abs(lag * interval - lagMs) > interval / 2) return null;
      // The nearest of the values 1, 2 and 3 cycles back: one unusual past cycle does not echo into today.
      let difference = Infinity;
      for (let cycle = 1; cycle <= SEASONAL_CYCLES && cycle * lag <= values.size; cycle++) {
        difference = Math.min(difference, Math.abs(x - values.fromEnd(cycle * lag)));
      }
      const history = seasonal[k] as SortedWindow;
      if (history.size >= MIN_SEASONAL_HISTORY) {
        smallest = Math.min(smallest, upperPValue(history, difference, floorScale));
        tests++;
      }
      return difference;
    });

    // 2. Bonferroni over the tests run, warm-up, then suppression of all but the most surprising nearby point.
    const pValue = tests === 0 || count < options.warmup ? 1 : Math.min(1, tests * smallest);
    const surprise = surpriseOf(pValue);
    let recentMax = 0;
    for (const s of recentSurprise) if (s > recentMax) recentMax = s;
    const suppressed = surprise > 0 && options.suppression > 0 && surprise <= recentMax + SUPPRESSION_MARGIN;
    if (options.suppression > 0) pushBounded(recentSurprise, surprise, options.suppression);

    // 3. Learn from the point.
    if (!Number.isNaN(change)) changes.push(change);
    seasonalDifferences.forEach((difference, k) => {
      if (difference !== null) (seasonal[k] as SortedWindow).push(difference);
    });
    values.push(x);
    recent.push(x);
    if (time !== null) lastTime = time;
    count++;

    const score = suppressed ? 0 : 1 - 10 ** -surprise;
    return { score, isAnomaly: !suppressed && surprise > 0 && score >= options.threshold, expected, pValue, suppressed };
  }

  function state(): StreamingDetectorState {
    return {
      kind: KIND,
      version: 1,
      options: { ...options },
      count,
      skipped,
      lastTime,
      values: values.toArray(),
      changes: changes.toArray(),
      seasonal: seasonal.map((w) => w.toArray()),
      recentSurprise: [...recentSurprise],
    };
  }

  return { update, state };
}

/**
 * Creates a streaming anomaly detector for one series: `update({ t, value })` scores each point using only the
 * points before it (no look-ahead), then learns from it. No per-series settings are needed.
 *
 * Method, per point, each test a p-value from ranks against a sliding window of the last `window` points
 * (distribution-free: the rank of a new point among n exchangeable ones is uniform, so p = (1 + #{as extreme})
 * / (n + 1); beyond the window's extremes p decays exponentially in robust IQR units):
 * 1. level: the value's two-sided rank among past values (a level not visited recently), and the same test
 *    against only the last `context` values (a value far outside its recent context: the exponential tail in
 *    robust units makes it surprising even when the longer history holds larger values);
 * 2. change: the absolute one-step change among past changes (a spike or a jump);
 * 3. seasonal naive (Hyndman & Athanasopoulos, "Forecasting: Principles and Practice", 3rd ed., 5.2), when `t`
 *    is a date: the absolute difference from the nearest of the values one, two and three cycles back, for cycles
 *    of a day, a week and a year, among past such differences (a value unusual for the time of day or week; the
 *    nearest of three keeps one unusual past cycle from echoing into today), each lag used when it is a whole
 *    number >= 2 of the sampling interval and within the window.
 * The smallest p-value times the number of tests (Bonferroni) is the point's p-value, `score = 1 - p`. In the
 * spirit of the anomaly likelihood of Ahmad, Lavin, Purdy & Agha (2017), "Unsupervised real-time anomaly
 * detection for streaming data" (Neurocomputing 262), the score is judged against the series' own recent
 * distribution rather than fixed units, so one threshold serves series of any scale. Spike suppression: a point
 * is reported only if it is at least twice as unlikely as every point in the `suppression` points before it, so
 * one anomaly fires once; a suppressed point scores 0.
 *
 * Cost: O(window) time per point (sorted-window inserts) and O(window) memory, whatever the stream's length
 * (about 5 x `window` numbers; the JSON state of a detector that has seen `window` points is about 0.8 MB at the
 * default, so lower `window` when keeping thousands of detectors).
 * Bad data: a non-finite value (NaN, Infinity, a string) is skipped: it scores 0, is not learnt, and the result
 * says why (`skipped`; `state().skipped` counts them). Points should arrive in time order; a point whose date is
 * not after the previous one is still scored, without the seasonal tests. A constant series scores 0 throughout.
 *
 * @throws FeedbackMinerError `INVALID_ARGUMENT` when options is not an object, or (from `update`) when the point
 *   is not an object; `INVALID_OPTION` for an option out of range, e.g.
 *   `"createStreamingDetector: expected options.window to be an integer >= 10, found 3"`.
 * @example
 * const detector = createStreamingDetector({ warmup: 5 });
 * for (let i = 0; i < 200; i++) detector.update({ t: i, value: 10 + (i % 3) });
 * detector.update({ t: 200, value: 50 }).isAnomaly // => true
 * detector.update({ t: 201, value: 11 }).isAnomaly // => false
 */
export function createStreamingDetector(options?: StreamingDetectorOptions): StreamingDetector {
  return build(resolveOptions('createStreamingDetector', options), undefined);
}

function isFiniteArray(value: unknown, maxLength: number): value is number[] {
  return Array.isArray(value) && value.length <= maxLength && value.every((v) => typeof v === 'number' && Number.isFinite(v));
}

/**
 * Rebuilds a detector from `detector.state()` (or that state after `JSON.stringify` and `JSON.parse`): the
 * restored detector gives exactly the outputs the original would have given on the same later points.
 *
 * Cost: O(window log window).
 * @throws FeedbackMinerError `INVALID_MODEL` when the state is not a version-1 streaming detector state, e.g.
 *   `"restoreStreamingDetector: expected state.kind to be \"feedback-miner/streaming-detector\", found \"x\""`.
 * @example
 * const detector = createStreamingDetector();
 * for (let i = 0; i < 300; i++) detector.update({ t: i, value: Math.sin(i / 5) });
 * const again = restoreStreamingDetector(JSON.parse(JSON.stringify(detector.state())));
 * again.update({ t: 300, value: 3 }).score === detector.update({ t: 300, value: 3 }).score // => true
 */
export function restoreStreamingDetector(state: StreamingDetectorState): StreamingDetector {
  const where = 'restoreStreamingDetector';
  if (state === null || typeof state !== 'object' || Array.isArray(state)) {
    fail('INVALID_MODEL', where, 'state', 'a streaming detector state object', state);
  }
  const s = state as unknown as Record<string, unknown>;
  if (s['kind'] !== KIND) fail('INVALID_MODEL', where, 'state.kind', `"${KIND}"`, s['kind']);
  if (s['version'] !== 1) fail('INVALID_MODEL', where, 'state.version', '1', s['version']);
  let options: Required<StreamingDetectorOptions>;
  try {
    options = resolveOptions(where, s['options']);
  } catch (error) {
    if (error instanceof FeedbackMinerError) throw new FeedbackMinerError('INVALID_MODEL', error.message, { where, cause: error });
    throw error;
  }
  for (const key of ['values', 'changes'] as const) {
    if (!isFiniteArray(s[key], options.window)) fail('INVALID_MODEL', where, `state.${key}`, `an array of at most ${options.window} finite numbers`, s[key]);
  }
  if (!isFiniteArray(s['recentSurprise'], options.suppression)) {
    fail('INVALID_MODEL', where, 'state.recentSurprise', `an array of at most ${options.suppression} finite numbers`, s['recentSurprise']);
  }
  const seasonal = s['seasonal'];
  if (!Array.isArray(seasonal) || seasonal.length !== SEASONAL_LAGS_MS.length || !seasonal.every((w) => isFiniteArray(w, options.window))) {
    fail('INVALID_MODEL', where, 'state.seasonal', `${SEASONAL_LAGS_MS.length} arrays of finite numbers`, seasonal);
  }
  for (const key of ['count', 'skipped'] as const) {
    const v = s[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) fail('INVALID_MODEL', where, `state.${key}`, 'an integer >= 0', v);
  }
  const lastTime = s['lastTime'];
  if (lastTime !== null && (typeof lastTime !== 'number' || !Number.isFinite(lastTime))) {
    fail('INVALID_MODEL', where, 'state.lastTime', 'a finite number or null', lastTime);
  }
  return build(options, state);
}
