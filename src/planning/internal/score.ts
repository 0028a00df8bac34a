/** Validation and scoring of forecast rows (internal, shared by forecastAccuracy, forecastValueAdded, compareCycles). */
import type { ForecastRecord, Rejected } from '../../records';
import { CompensatedAccumulator } from '../../internal/sum';
import type { AccuracyMetrics, ScoredRow } from '../types';

export interface ValidateOptions {
  readonly negativeActuals: 'reject' | 'keep';
  readonly lags: readonly number[] | null;
}

/** Keeps rows that can be scored; every other row is reported. Duplicates (same group, period, lag, step, cycle) keep the first. */
export function validateRows(
  rows: readonly ForecastRecord[],
  options: ValidateOptions,
): { scored: ScoredRow[]; rejected: Rejected[]; filtered: number } {
  const scored: ScoredRow[] = [];
  const rejected: Rejected[] = [];
  const seen = new Map<string, number>();
  let filtered = 0;
  rows.forEach((r, row) => {
    if (r === null || typeof r !== 'object') {
      rejected.push({ row, field: 'row', reason: 'not an object' });
      return;
    }
    if (typeof r.group !== 'string' || r.group === '') {
      rejected.push({ row, field: 'group', reason: 'missing group' });
      return;
    }
    if (typeof r.period !== 'string' || r.period === '') {
      rejected.push({ row, field: 'period', reason: 'missing period' });
      return;
    }
    const lag = typeof r.lag === 'number' && Number.isFinite(r.lag) ? r.lag : null;
    if (options.lags !== null && (lag === null || !options.lags.includes(lag))) {
      filtered++;
      return;
    }
    if (typeof r.forecast !== 'number' || !Number.isFinite(r.forecast)) {
      rejected.push({ row, field: 'forecast', reason: `forecast is not a finite number: ${String(r.forecast)}` });
      return;
    }
    if (r.actual === undefined || r.actual === null) {
      rejected.push({ row, field: 'actual', reason: 'actual missing' });
      return;
    }
    if (typeof r.actual !== 'number' || !Number.isFinite(r.actual)) {
      rejected.push({ row, field: 'actual', reason: `actual is not a finite number: ${String(r.actual)}` });
      return;
    }
    if (r.actual < 0 && options.negativeActuals === 'reject') {
      rejected.push({ row, field: 'actual', reason: `negative actual ${r.actual} (options.negativeActuals is 'reject')` });
      return;
    }
    const step = typeof r.step === 'string' ? r.step : null;
    const cycle = typeof r.cycle === 'string' ? r.cycle : null;
    const key = JSON.stringify([r.group, r.period, lag, step, cycle]);
    const first = seen.get(key);
    if (first !== undefined) {
      rejected.push({ row, field: 'period', reason: `duplicate of row ${first} (same group, period, lag, step and cycle)` });
      return;
    }
    seen.set(key, row);
    scored.push({ row, group: r.group, period: r.period, lag, step, cycle, forecast: r.forecast, actual: r.actual });
  });
  return { scored, rejected, filtered };
}

export interface Scale {
  /** In-sample MAE of the seasonal naive forecast. */
  readonly mae: number;
  /** In-sample MSE of the seasonal naive forecast. */
  readonly mse: number;
  readonly source: 'history' | 'actuals';
}

/**
 * Seasonal naive scales per group (Hyndman & Koehler 2006): `mean |y_t - y_{t-m}|` over the group's series in
 * period order. The series is `history` when given for the group, else the distinct actuals of the rows.
 */
export function seasonalNaiveScales(
  scored: readonly ScoredRow[],
  history: readonly { readonly group: string; readonly period: string; readonly actual?: number }[] | undefined,
  seasonalPeriod: number,
  warnings: string[],
): Map<string, Scale> {
  const series = new Map<string, { map: Map<string, number>; source: 'history' | 'actuals' }>();
  if (history !== undefined) {
    for (const h of history) {
      if (typeof h?.group !== 'string' || typeof h.period !== 'string') continue;
      if (typeof h.actual !== 'number' || !Number.isFinite(h.actual)) continue;
      let entry = series.get(h.group);
      if (entry === undefined) series.set(h.group, (entry = { map: new Map(), source: 'history' }));
      if (!entry.map.has(h.period)) entry.map.set(h.period, h.actual);
    }
  }
  const conflicts = new Set<string>();
  for (const r of scored) {
    let entry = series.get(r.group);
    if (entry === undefined) series.set(r.group, (entry = { map: new Map(), source: 'actuals' }));
    if (entry.source !== 'actuals') continue;
    const existing = entry.map.get(r.period);
    if (existing === undefined) entry.map.set(r.period, r.actual);
    else if (existing !== r.actual) conflicts.add(`${r.group} ${r.period}`);
  }
  if (conflicts.size > 0) {
    warnings.push(`conflicting actuals for the same group and period (first kept for the MASE scale): ${[...conflicts].slice(0, 5).join(', ')}`);
  }
  const scales = new Map<string, Scale>();
  const unscaled: string[] = [];
  for (const [group, entry] of series) {
    const values = [...entry.map.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((e) => e[1]);
    let sumAbs = 0;
    let sumSq = 0;
    let count = 0;
    for (let t = seasonalPeriod; t < values.length; t++) {
      const d = (values[t] as number) - (values[t - seasonalPeriod] as number);
      sumAbs += Math.abs(d);
      sumSq += d * d;
      count++;
    }
    if (count === 0 || !(sumAbs > 0) || !(sumSq > 0) || !Number.isFinite(sumSq)) unscaled.push(group);
    else scales.set(group, { mae: sumAbs / count, mse: sumSq / count, source: entry.source });
  }
  if (unscaled.length > 0) {
    warnings.push(
      `no MASE/RMSSE scale for ${unscaled.length} group(s) (fewer than ${seasonalPeriod + 1} periods, or a constant series): ${unscaled.slice(0, 5).join(', ')}`,
    );
  }
  return scales;
}

/** Accuracy figures of a set of scored rows. */
export function metricsOf(rows: readonly ScoredRow[], scales: ReadonlyMap<string, Scale>, limit: number): AccuracyMetrics {
  const n = rows.length;
  const sumAbs = new CompensatedAccumulator();
  const sumSq = new CompensatedAccumulator();
  const sumSigned = new CompensatedAccumulator();
  const sumActual = new CompensatedAccumulator();
  const sumApe = new CompensatedAccumulator();
  let mapeN = 0;
  let zeroActuals = 0;
  const sumScaled = new CompensatedAccumulator();
  const sumScaledSq = new CompensatedAccumulator();
  let scaledN = 0;
  for (const r of rows) {
    const over = r.forecast - r.actual;
    const abs = Math.abs(over);
    sumAbs.add(abs);
    sumSq.add(over * over);
    sumSigned.add(over);
    sumActual.add(Math.abs(r.actual));
    if (r.actual === 0) zeroActuals++;
    else {
      sumApe.add(abs / Math.abs(r.actual));
      mapeN++;
    }
    const scale = scales.get(r.group);
    if (scale !== undefined) {
      sumScaled.add(abs / scale.mae);
      sumScaledSq.add((over * over) / scale.mse);
      scaledN++;
    }
  }
  if (n === 0) {
    return {
      n, mae: 0, rmse: 0, mape: null, mapeN, zeroActuals, wape: null, bias: 0, biasPercent: null,
      trackingSignal: null, trackingSignalFlag: null, groupsFlagged: 0, mase: null, rmsse: null, scaledN,
    };
  }
  const mae = sumAbs.value() / n;
  // The tracking signal belongs to one item's series: pooled over items, the running sum grows with the number
  // of rows and flags any small bias. Over several groups it is null, and the groups beyond the limit are counted.
  const byGroup = new Map<string, [number, number, number]>();
  for (const r of rows) {
    const g = byGroup.get(r.group) ?? [0, 0, 0];
    g[0] += r.forecast - r.actual;
    g[1] += Math.abs(r.forecast - r.actual);
    g[2]++;
    byGroup.set(r.group, g);
  }
  let groupsFlagged = 0;
  for (const [signed, abs, count] of byGroup.values()) if (abs > 0 && Math.abs(signed / (abs / count)) > limit) groupsFlagged++;
  const trackingSignal = byGroup.size === 1 && mae > 0 ? finiteOrNull(sumSigned.value() / mae) : null;
  return {
    n,
    mae,
    rmse: Math.sqrt(sumSq.value() / n),
    mape: mapeN > 0 ? finiteOrNull((100 * sumApe.value()) / mapeN) : null,
    mapeN,
    zeroActuals,
    wape: sumActual.value() > 0 ? finiteOrNull((100 * sumAbs.value()) / sumActual.value()) : null,
    bias: sumSigned.value() / n,
    biasPercent: sumActual.value() > 0 ? finiteOrNull((100 * sumSigned.value()) / sumActual.value()) : null,
    trackingSignal,
    trackingSignalFlag:
      trackingSignal === null || Math.abs(trackingSignal) <= limit ? null : trackingSignal > 0 ? 'over-forecast' : 'under-forecast',
    groupsFlagged,
    mase: scaledN > 0 ? finiteOrNull(sumScaled.value() / scaledN) : null,
    rmsse: scaledN > 0 ? finiteOrNull(Math.sqrt(sumScaledSq.value() / scaledN)) : null,
    scaledN,
  };
}

/** A figure, or null when denormal inputs made it NaN or infinite: never a NaN passed off as a figure. */
function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
