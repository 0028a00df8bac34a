import { assertArray, assertNumberOption, assertOptions, fail } from '../errors';
import type { ForecastRecord, Rejected } from '../records';
import { detectChangePoints } from '../timeseries/detect-change-points';
import { meanShiftChangePoints } from './internal/changePoints';
import { metricsOf, seasonalNaiveScales, validateRows } from './internal/score';
import type { AccuracyMetrics, ScoredRow } from './types';

/** One planning cycle: its id (e.g. `"2026-03"`) and the forecasts it made, with actuals where known. */
export interface PlanningCycle {
  readonly id: string;
  readonly rows: readonly ForecastRecord[];
}

/** A known event (a promotion, a strike, a holiday) that explains misses in its periods. */
export interface KnownEvent {
  readonly description: string;
  /** One period, or a range `from`..`to` (inclusive, compared as ISO strings). */
  readonly period?: string;
  readonly from?: string;
  readonly to?: string;
  /** The group it touched; all groups when absent. */
  readonly group?: string;
}

export interface CompareCyclesOptions {
  readonly events?: readonly KnownEvent[];
  /**
   * Change points per group, e.g. from `detectChangePoints` on each group's actuals: `{ X: [{ t: '2026-04' }] }`
   * (`t` is the first period of the new level). Without them, `detectChangePoints` runs on each group's actuals.
   */
  readonly changePoints?: Readonly<Record<string, readonly { readonly t: string | number }[]>>;
  /** A miss is large when |actual - forecast| >= missThreshold x the group's naive MAE (default 3). */
  readonly missThreshold?: number;
  /** Periods before a miss in which a change point makes it a structural break (default 2). */
  readonly breakWindow?: number;
  /** Fewest cycles, all biased the same way, for an item to count as chronically biased (default 3). */
  readonly minCycles?: number;
  /** Smallest |bias %| in each of those cycles, or on average with a significant sign test (default 5). */
  readonly minBiasPercent?: number;
  /** Level of the sign test for items biased most of the time (default 0.05). */
  readonly alpha?: number;
  /** Relative change below which a figure counts as unchanged (default 0.05, i.e. 5%). */
  readonly tolerance?: number;
  readonly seasonalPeriod?: number;
}

export interface CycleChange {
  readonly from: string;
  readonly to: string;
  readonly metric: 'wape' | 'mape' | 'mase' | 'absBiasPercent';
  readonly before: number;
  readonly after: number;
  readonly verdict: 'improved' | 'worsened' | 'unchanged';
  /** Groups compared (those forecast in both cycles). */
  readonly groups: number;
}

export interface ChronicBias {
  readonly group: string;
  readonly direction: 'over-forecast' | 'under-forecast';
  readonly cycles: number;
  /** Cycles biased in that direction. */
  readonly cyclesInDirection: number;
  /** Mean bias % over those cycles (positive = over-forecast). */
  readonly meanBiasPercent: number;
  /** Two-sided exact sign test of "as often over as under" (binomial, p = 1/2; cycles with zero bias left out). */
  readonly signTestPValue: number;
}

export interface LargeMiss {
  readonly cycle: string;
  readonly group: string;
  readonly period: string;
  readonly forecast: number;
  readonly actual: number;
  /** |actual - forecast| / the group's naive MAE. */
  readonly scaledError: number;
  readonly cause: 'known event' | 'structural break' | 'bias' | 'noise';
  readonly detail: string;
}

export interface CompareCyclesResult {
  readonly cycles: { readonly id: string; readonly accuracy: AccuracyMetrics; readonly groups: number; readonly rejected: Rejected[] }[];
  readonly changes: CycleChange[];
  readonly chronicBias: ChronicBias[];
  readonly misses: LargeMiss[];
  /** Plain sentences: the lessons learned. */
  readonly lessons: string[];
  readonly warnings: string[];
}

/**
 * Lessons learned across planning cycles: which accuracy figures improved or worsened from one cycle to the
 * next (on the groups both forecast, so a changed portfolio does not pass for a changed accuracy), items
 * chronically biased in one direction, and each large miss classified as a known event, a structural break,
 * bias or noise, in that order of precedence:
 * - known event: an entry of `options.events` covers the group and period;
 * - structural break: the group's actuals changed level (a change point) within `breakWindow` periods up to the
 *   miss: from `options.changePoints`, else from `detectChangePoints` (PELT) on each group's actuals in period
 *   order, falling back to binary segmentation for mean shifts with a BIC penalty (Scott & Knott 1974;
 *   Vostrikova 1981) for a series it cannot handle;
 * - bias: the group is chronically biased in the direction of the miss (biased beyond `minBiasPercent` in every
 *   cycle, or more often one way than the other by an exact sign test at `alpha` with a mean bias beyond it);
 * - noise: none of the above (a large error the process could not have known about).
 * Accuracy figures are those of `forecastAccuracy` (WAPE, MAPE, MASE; bias positive = over-forecast).
 *
 * A cycle that shares no group with any other is reported in `warnings` and left out of the comparisons.
 *
 * Cost: O(n log n) for n rows, plus O(p^2) per group for the fallback change points on p periods.
 * @throws FeedbackMinerError INVALID_ARGUMENT if `cycles` is not an array of `{ id, rows }`; INVALID_OPTION for
 *   bad thresholds.
 * @example
 * // Three monthly cycles; X (actual 100) forecast 80, 80 / 85, 84 / 82, 86; Y (actual about 100) within 2 units.
 * compareCycles([{ id: 'jan', rows: jan }, { id: 'feb', rows: feb }, { id: 'mar', rows: mar }]).lessons
 * // => ['WAPE improved from 10.5% to 8.5% (jan -> feb, 2 groups)', ..., 'WAPE was unchanged from 8.5% to 8.3% (feb -> mar, 2 groups)', ...,
 * //     'X is chronically under-forecast (3 cycles, mean bias -17.2%, sign test p = 0.25)']
 */
export function compareCycles(cycles: readonly PlanningCycle[], options?: CompareCyclesOptions): CompareCyclesResult {
  const where = 'compareCycles';
  assertArray(where, 'cycles', cycles);
  assertOptions(where, options);
  cycles.forEach((c, i) => {
    if (c === null || typeof c !== 'object' || typeof c.id !== 'string' || !Array.isArray(c.rows)) {
      fail('INVALID_ARGUMENT', where, `cycles[${i}]`, 'an object { id: string, rows: ForecastRecord[] }', c);
    }
  });
  const missThreshold = options?.missThreshold ?? 3;
  const breakWindow = options?.breakWindow ?? 2;
  const minCycles = options?.minCycles ?? 3;
  const minBias = options?.minBiasPercent ?? 5;
  const tolerance = options?.tolerance ?? 0.05;
  const seasonalPeriod = options?.seasonalPeriod ?? 1;
  const alpha = options?.alpha ?? 0.05;
  assertNumberOption(where, 'options.alpha', alpha, { min: 1e-6, max: 0.5 });
  assertNumberOption(where, 'options.missThreshold', missThreshold, { min: Number.MIN_VALUE });
  assertNumberOption(where, 'options.breakWindow', breakWindow, { min: 0, integer: true });
  assertNumberOption(where, 'options.minCycles', minCycles, { min: 2, integer: true });
  assertNumberOption(where, 'options.minBiasPercent', minBias, { min: 0 });
  assertNumberOption(where, 'options.tolerance', tolerance, { min: 0 });
  assertNumberOption(where, 'options.seasonalPeriod', seasonalPeriod, { min: 1, integer: true });
  const events = options?.events ?? [];
  assertArray(where, 'options.events', events);

  const warnings: string[] = [];
  const validated = cycles.map((c) => {
    const { scored, rejected } = validateRows(c.rows, { negativeActuals: 'reject', lags: null });
    if (rejected.length > 0) warnings.push(`cycle ${c.id}: ${rejected.length} row(s) skipped (see cycles[].rejected)`);
    if (scored.length === 0) warnings.push(`cycle ${c.id}: no row with an actual: nothing to evaluate`);
    return { id: c.id, scored, rejected, groups: new Set(scored.map((r) => r.group)) };
  });
  const ids = validated.map((v) => v.id);
  const dupIds = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (dupIds.length > 0) warnings.push(`duplicate cycle id(s): ${[...new Set(dupIds)].join(', ')}`);
  const isolated = new Set<string>();
  for (const v of validated) {
    if (v.scored.length === 0 || validated.length < 2) continue;
    const shared = validated.some((o) => o !== v && [...v.groups].some((g) => o.groups.has(g)));
    if (!shared) {
      isolated.add(v.id);
      warnings.push(`cycle ${v.id} shares no group with the other cycles: left out of the comparisons`);
    }
  }

  // One actuals series per group across all cycles (first value per period), for scales and change points.
  const allRows = validated.filter((v) => !isolated.has(v.id)).flatMap((v) => v.scored);
  const scales = seasonalNaiveScales(dedupeByPeriod(allRows), undefined, seasonalPeriod, warnings);
  const cycleResults = validated.map((v) => ({ id: v.id, accuracy: metricsOf(v.scored, scales, 4), groups: v.groups.size, rejected: v.rejected }));

  // Changes between consecutive comparable cycles, on common groups.
  const changes: CycleChange[] = [];
  const comparable = validated.filter((v) => !isolated.has(v.id) && v.scored.length > 0);
  for (let i = 1; i < comparable.length; i++) {
    const a = comparable[i - 1] as (typeof comparable)[number];
    const b = comparable[i] as (typeof comparable)[number];
    const common = [...a.groups].filter((g) => b.groups.has(g));
    if (common.length === 0) {
      warnings.push(`cycles ${a.id} and ${b.id} forecast no group in common: not compared`);
      continue;
    }
    const keep = new Set(common);
    const ma = metricsOf(a.scored.filter((r) => keep.has(r.group)), scales, 4);
    const mb = metricsOf(b.scored.filter((r) => keep.has(r.group)), scales, 4);
    const pairs: [CycleChange['metric'], number | null, number | null][] = [
      ['wape', ma.wape, mb.wape],
      ['mape', ma.mape, mb.mape],
      ['mase', ma.mase, mb.mase],
      ['absBiasPercent', ma.biasPercent === null ? null : Math.abs(ma.biasPercent), mb.biasPercent === null ? null : Math.abs(mb.biasPercent)],
    ];
    for (const [metric, before, after] of pairs) {
      if (before === null || after === null) continue;
      const relative = before === 0 ? (after === 0 ? 0 : Infinity) : (after - before) / before;
      const verdict = Math.abs(relative) <= tolerance ? 'unchanged' : relative < 0 ? 'improved' : 'worsened';
      changes.push({ from: a.id, to: b.id, metric, before, after, verdict, groups: common.length });
    }
  }

  // Chronic bias: the same sign of bias, beyond minBias %, in every cycle the group appears in (>= minCycles).
  const chronicBias: ChronicBias[] = [];
  const groups = [...new Set(comparable.flatMap((v) => [...v.groups]))].sort();
  for (const group of groups) {
    const biases: number[] = [];
    for (const v of comparable) {
      const rows = v.scored.filter((r) => r.group === group);
      if (rows.length === 0) continue;
      const m = metricsOf(rows, scales, 4);
      if (m.biasPercent !== null) biases.push(m.biasPercent);
    }
    if (biases.length < minCycles) continue;
    const k = biases.length;
    const over = biases.filter((b) => b > 0).length;
    const under = biases.filter((b) => b < 0).length;
    const meanBias = biases.reduce((s, b) => s + b, 0) / k;
    const signTestPValue = signTest(over, under);
    // Chronic: beyond minBias in the same direction in every cycle, or (with enough cycles for a sign test to
    // say anything) biased the same way significantly more often than not, by minBias on average.
    const always = biases.every((b) => b >= minBias) || biases.every((b) => b <= -minBias);
    const mostly = signTestPValue < alpha && Math.abs(meanBias) >= minBias;
    if (!always && !mostly) continue;
    chronicBias.push({
      group,
      direction: meanBias > 0 ? 'over-forecast' : 'under-forecast',
      cycles: k,
      cyclesInDirection: meanBias > 0 ? over : under,
      meanBiasPercent: meanBias,
      signTestPValue,
    });
  }
  const biasOf = new Map(chronicBias.map((c) => [c.group, c.direction]));

  // Change points per group, as period strings (first period of the new level).
  const actualSeries = new Map<string, { periods: string[]; values: number[] }>();
  for (const r of dedupeByPeriod(allRows)) {
    let s = actualSeries.get(r.group);
    if (s === undefined) actualSeries.set(r.group, (s = { periods: [], values: [] }));
    s.periods.push(r.period);
    s.values.push(r.actual);
  }
  const breaks = new Map<string, string[]>();
  const fallbackGroups: string[] = [];
  for (const [group, s] of actualSeries) {
    const order = s.periods.map((p, i) => [p, s.values[i] as number] as const).sort((x, y) => (x[0] < y[0] ? -1 : 1));
    const periods = order.map((o) => o[0]);
    const given = options?.changePoints?.[group];
    if (given !== undefined) {
      breaks.set(group, given.map((c) => String(c.t)));
      continue;
    }
    const values = order.map((o) => o[1]);
    let found: number[];
    try {
      // PELT (Killick, Fearnhead & Eckley 2012) from the time-series stage, on the period index.
      found = [...detectChangePoints(values.map((value, t) => ({ t, value })))].map((c) => c.index);
    } catch {
      found = meanShiftChangePoints(values);
      fallbackGroups.push(group);
    }
    breaks.set(group, found.map((i) => periods[i] as string).filter((p) => p !== undefined));
  }
  if (fallbackGroups.length > 0) {
    warnings.push(`change points by binary segmentation for ${fallbackGroups.length} group(s) detectChangePoints could not handle: ${fallbackGroups.slice(0, 5).join(', ')}`);
  }

  const misses: LargeMiss[] = [];
  for (const v of comparable) {
    for (const r of v.scored) {
      const scale = scales.get(r.group);
      if (scale === undefined) continue;
      const scaledError = Math.abs(r.actual - r.forecast) / scale.mae;
      if (scaledError < missThreshold) continue;
      misses.push({ cycle: v.id, group: r.group, period: r.period, forecast: r.forecast, actual: r.actual, scaledError, ...classify(r, events, breaks, actualSeries, breakWindow, biasOf) });
    }
  }
  misses.sort((a, b) => b.scaledError - a.scaledError);
  return { cycles: cycleResults, changes, chronicBias, misses, lessons: lessonsOf(changes, chronicBias, misses), warnings };
}

function dedupeByPeriod(rows: readonly ScoredRow[]): ScoredRow[] {
  const seen = new Set<string>();
  const out: ScoredRow[] = [];
  for (const r of rows) {
    const key = `${r.group}\u0000${r.period}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r);
  }
  return out;
}

function classify(
  r: ScoredRow,
  events: readonly KnownEvent[],
  breaks: ReadonlyMap<string, readonly string[]>,
  series: ReadonlyMap<string, { periods: string[] }>,
  breakWindow: number,
  biasOf: ReadonlyMap<string, 'over-forecast' | 'under-forecast'>,
): { cause: LargeMiss['cause']; detail: string } {
  for (const e of events) {
    if (e === null || typeof e !== 'object') continue;
    if (e.group !== undefined && e.group !== r.group) continue;
    const hit = e.period !== undefined ? e.period === r.period : e.from !== undefined && e.to !== undefined && e.from <= r.period && r.period <= e.to;
    if (hit) return { cause: 'known event', detail: e.description };
  }
  const periods = [...(series.get(r.group)?.periods ?? [])].sort();
  const at = periods.indexOf(r.period);
  for (const t of breaks.get(r.group) ?? []) {
    const idx = periods.indexOf(t);
    if (idx >= 0 && at >= 0 && idx <= at && at - idx <= breakWindow) {
      return { cause: 'structural break', detail: `the level of ${r.group} changed at ${t}` };
    }
  }
  const direction = r.forecast > r.actual ? 'over-forecast' : 'under-forecast';
  if (biasOf.get(r.group) === direction) return { cause: 'bias', detail: `${r.group} is chronically ${direction}` };
  return { cause: 'noise', detail: 'no event, break or chronic bias explains it' };
}

function lessonsOf(changes: readonly CycleChange[], bias: readonly ChronicBias[], misses: readonly LargeMiss[]): string[] {
  const names: Record<CycleChange['metric'], string> = { wape: 'WAPE', mape: 'MAPE', mase: 'MASE', absBiasPercent: '|bias|' };
  const fmt = (metric: CycleChange['metric'], v: number): string => (metric === 'mase' ? v.toFixed(2) : `${v.toFixed(1)}%`);
  const lessons: string[] = [];
  for (const c of changes) {
    if (c.metric === 'mape') continue;
    lessons.push(`${names[c.metric]} ${c.verdict === 'unchanged' ? 'was unchanged' : c.verdict} from ${fmt(c.metric, c.before)} to ${fmt(c.metric, c.after)} (${c.from} -> ${c.to}, ${c.groups} groups)`);
  }
  for (const b of bias) {
    lessons.push(`${b.group} is chronically ${b.direction} (${b.cyclesInDirection} of ${b.cycles} cycles, mean bias ${b.meanBiasPercent.toFixed(1)}%, sign test p = ${b.signTestPValue.toPrecision(2)})`);
  }
  const counts = new Map<string, number>();
  for (const m of misses) counts.set(m.cause, (counts.get(m.cause) ?? 0) + 1);
  if (misses.length > 0) {
    lessons.push(`${misses.length} large miss(es): ${[...counts].map(([c, n]) => `${n} ${c}`).join(', ')}`);
  }
  return lessons;
}

/** Two-sided exact binomial sign test of k successes in n trials at p = 1/2. */
function signTest(over: number, under: number): number {
  const n = over + under;
  if (n === 0) return 1;
  const k = Math.min(over, under);
  let tail = 0;
  let term = 0.5 ** n; // C(n, 0) / 2^n
  for (let i = 0; i <= k; i++) {
    tail += term;
    term = (term * (n - i)) / (i + 1);
  }
  return Math.min(1, 2 * tail);
}
