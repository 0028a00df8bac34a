import type { PreparedPoints } from './prepare';
import { medianSorted, robustScale } from './robust';
import { seasonalCandidates, seasonalityCore } from './seasonality';
import { fillGaps, stlCore, stlParameters } from './stl';

/** The `period` option shared by every detector. */
export type PeriodOption = number | readonly number[] | 'auto' | 'none';

const DAY_MS = 86_400_000;

/**
 * Resolves the seasonal periods for a prepared series: the caller's (dropping, with a warning, any period the
 * series is too short for: fewer than two full cycles), none, or detected from the autocorrelation among the
 * periods natural to the sampling interval (hourly 24 / 168, daily 7 / 365, weekly 52, monthly 12); for numeric
 * t of unknown unit, the strongest significant ACF peak. Internal.
 */
export function resolvePeriods(
  where: string,
  prepared: PreparedPoints,
  option: PeriodOption | undefined,
  spacing: number,
  warnings: string[],
): number[] {
  const n = prepared.values.length;
  if (option === 'none') return [];
  if (option === undefined || option === 'auto') {
    if (prepared.finiteCount < 8) return [];
    const isDates = prepared.times.some((t) => typeof t === 'string');
    let candidates: number[] | undefined;
    if (isDates) {
      const days = spacing / DAY_MS;
      if (Math.abs(days - 1 / 24) < 0.01) candidates = seasonalCandidates('hour');
      else if (Math.abs(days - 1) < 0.1) candidates = seasonalCandidates('day');
      else if (Math.abs(days - 7) < 0.5) candidates = seasonalCandidates('week');
      else if (days >= 28 && days <= 31) candidates = seasonalCandidates('month');
    }
    const y = Float64Array.from(prepared.values);
    const result = seasonalityCore(y, candidates, undefined, 1.645);
    for (const w of result.warnings) warnings.push(w.replace('detectSeasonality', where));
    return result.periods;
  }
  const requested = typeof option === 'number' ? [option] : [...option];
  const usable: number[] = [];
  for (const p of [...new Set(requested)].sort((a, b) => a - b)) {
    if (n >= 2 * p) usable.push(p);
    else {
      warnings.push(
        `${where}: period ${p} needs at least ${2 * p} points (two full cycles), found ${n}; ` +
          'the seasonal component for it is left out (method degraded to non-seasonal for that cycle)',
      );
    }
  }
  return usable;
}

/** Seasonal component and local level of a series. Internal. */
export interface Baseline {
  /** Sum of the seasonal components (0 without periods). */
  readonly seasonal: Float64Array;
  /** Piecewise median of the deseasonalised series (Hochenbaum et al. 2017, "piecewise median"). */
  readonly level: Float64Array;
  /** Deseasonalised values (NaN kept at gaps). */
  readonly adjusted: Float64Array;
  /** The STL trend of the longest period, when there is a period. */
  readonly trend?: Float64Array;
}

/**
 * Seasonal components by STL with a periodic seasonal (non-robust unless `robustStl`), one period after another from the shortest (as in
 * multiple-seasonal STL: each period's component is taken from what the shorter ones left), then the level:
 * the robust STL trend of the longest period (`'trend'`, when there is a period), or the piecewise median of
 * the rest over windows of `window` points (the last piece absorbs a remainder shorter than half a window).
 * Gaps are interpolated for the decomposition only.
 * Cost: O(n (periods + log window)) time, O(n) memory.
 */
export function computeBaseline(
  values: Float64Array,
  periods: readonly number[],
  window: number,
  levelMode: 'trend' | 'median' = 'median',
  robustStl = false,
  warmTrend?: Float64Array,
): Baseline {
  const n = values.length;
  const seasonal = new Float64Array(n);
  let trend: Float64Array | undefined;
  if (periods.length > 0) {
    const filled = Float64Array.from(values);
    fillGaps(filled);
    const work = Float64Array.from(filled);
    for (const period of periods) {
      if (n < 2 * period) continue;
      const parameters = stlParameters(period, 'periodic', robustStl);
      // Without robustness iterations the periodic fit needs a few more backfitting passes to settle a trend
      // from T = 0; from a previous fit's trend (the longest period's, after cleaning) two suffice.
      const warm = warmTrend !== undefined && period === periods[periods.length - 1] && periods.length === 1;
      if (!robustStl) parameters.inner = warm ? 2 : 4;
      const fit = stlCore(work, parameters, warm ? warmTrend : undefined);
      const component = fit.seasonal;
      trend = fit.trend;
      for (let i = 0; i < n; i++) {
        seasonal[i] = (seasonal[i] as number) + (component[i] as number);
        work[i] = (work[i] as number) - (component[i] as number);
      }
    }
  }
  const adjusted = new Float64Array(n);
  for (let i = 0; i < n; i++) adjusted[i] = (values[i] as number) - (seasonal[i] as number);
  if (levelMode === 'trend' && trend !== undefined) return { seasonal, level: trend, adjusted, trend };
  const level = new Float64Array(n);
  const size = Math.max(1, Math.min(window, n));
  let start = 0;
  while (start < n) {
    let end = Math.min(n, start + size);
    if (n - end < size / 2) end = n;
    const piece: number[] = [];
    for (let i = start; i < end; i++) {
      const v = adjusted[i] as number;
      if (Number.isFinite(v)) piece.push(v);
    }
    const sorted = Float64Array.from(piece).sort();
    const med = sorted.length > 0 ? medianSorted(sorted) : Number.NaN;
    for (let i = start; i < end; i++) level[i] = med;
    start = end;
  }
  return trend === undefined ? { seasonal, level, adjusted } : { seasonal, level, adjusted, trend };
}

/**
 * {@link computeBaseline} with one cleaning round: points whose residual lies beyond 3.5 robust standard
 * deviations (1.4826 MAD; Iglewicz & Hoaglin 1993) are replaced by their fitted value and the baseline is fitted
 * again, so that a promotion spike does not leak into the seasonal component of its week of the year (with
 * three cycles it would otherwise pull the two other years' same week down by a third of its size).
 * Cost: twice {@link computeBaseline} when something is cleaned, once otherwise.
 */
export function cleanedBaseline(values: Float64Array, periods: readonly number[], window: number, levelMode: 'trend' | 'median'): Baseline {
  const first = computeBaseline(values, periods, window, levelMode);
  if (periods.length === 0) return first;
  const n = values.length;
  const residual: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = (values[i] as number) - (first.seasonal[i] as number) - (first.level[i] as number);
    if (Number.isFinite(r)) residual.push(r);
  }
  const sorted = Float64Array.from(residual).sort();
  const center = medianSorted(sorted);
  const scale = robustScale(sorted, center);
  if (!(scale > 0)) return first;
  const cleaned = Float64Array.from(values);
  let changed = 0;
  const longest = Math.max(...periods);
  const raw = new Float64Array(n);
  for (let i = 0; i < n; i++) raw[i] = (values[i] as number) - (first.seasonal[i] as number) - (first.level[i] as number) - center;
  // Largest residuals first: removing an excess e from a point lowers its week's periodic mean (over c cycles)
  // by e / c, which raises the residuals of the same week in the other cycles by e / c. An excess e shows in
  // the point's own residual as e (1 - 1/c), so the excess removed is r c / (c - 1) (leave-one-out).
  const shift = new Float64Array(longest);
  // Only points already beyond one robust sigma can end up beyond 3.5 after the shifts of their week.
  const order: number[] = [];
  for (let i = 0; i < n; i++) if (Math.abs(raw[i] as number) > scale) order.push(i);
  order.sort((a, b) => Math.abs(raw[b] as number) - Math.abs(raw[a] as number));
  for (const i of order) {
    const week = i % longest;
    const r = (raw[i] as number) + (shift[week] as number);
    if (Math.abs(r) <= 3.5 * scale) continue;
    const cycles = Math.floor((n - 1 - week) / longest) + 1;
    const excess = cycles > 1 ? (r * cycles) / (cycles - 1) : r;
    cleaned[i] = (values[i] as number) - excess;
    shift[week] = (shift[week] as number) + excess / cycles;
    changed++;
  }
  if (changed === 0) return first;
  const second = computeBaseline(cleaned, periods, window, levelMode, false, first.trend);
  const adjusted = new Float64Array(n);
  for (let i = 0; i < n; i++) adjusted[i] = (values[i] as number) - (second.seasonal[i] as number);
  return { seasonal: second.seasonal, level: second.level, adjusted };
}
