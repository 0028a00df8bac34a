import { mergeSums, ZERO_SUM } from '../../aggregates/compensated';
import { finishNps } from '../../aggregates/npsTally';
import type { SalesMeasure, SalesRecord } from '../../records';
import type { ReportExtraFigure, ReportHeadline, ReportPeriod } from '../../report/types';
import { signedPercent } from './enriched';
import { formatDay, parseDay } from '../../insights/internal/dates';

export interface Periods {
  readonly current?: ReportPeriod;
  readonly previous?: ReportPeriod;
  readonly currentDays?: readonly [number, number];
  readonly previousDays?: readonly [number, number];
}

/** The reporting period: the last `weeks` weeks up to the latest date in the data, and the weeks before. */
export function choosePeriods(lastFeedbackDay: number | null, sales: readonly SalesRecord[], weeks: number): Periods {
  let last = -Infinity;
  for (const r of sales) {
    const d = parseDay(r.date);
    // A sales row dates the first day of its period: the period runs 6 more days for weekly data.
    if (d !== null && d + 6 > last) last = d + 6;
  }
  if (lastFeedbackDay !== null && lastFeedbackDay > last) last = lastFeedbackDay;
  if (!Number.isFinite(last)) return {};
  const length = weeks * 7;
  const currentDays = [last - length + 1, last] as const;
  const previousDays = [last - 2 * length + 1, last - length] as const;
  return {
    current: { start: formatDay(currentDays[0]), end: formatDay(currentDays[1]), label: `last ${weeks} weeks` },
    previous: { start: formatDay(previousDays[0]), end: formatDay(previousDays[1]), label: `the ${weeks} weeks before` },
    currentDays,
    previousDays,
  };
}

function within(date: string, days: readonly [number, number] | undefined): boolean {
  if (days === undefined) return false;
  const d = parseDay(date);
  return d !== null && d >= days[0] && d <= days[1];
}

/**
 * Per-day feedback aggregates, mergeable over shards: `[records, sentiment sum, its compensation (Neumaier),
 * positive, neutral, negative, survey ratings 0..10 (11 counts)]`, keyed by day number.
 */
export type DayTable = Readonly<Record<string, readonly number[]>>;
export const DAY_CELL = 17;

function totalsWithin(days: DayTable, range: readonly [number, number] | undefined): number[] {
  const out = new Array<number>(DAY_CELL).fill(0);
  if (range === undefined) return out;
  let total = ZERO_SUM;
  // Days in ascending order, sums merged with their compensations: the same bits whatever the key order.
  const keys = Object.keys(days).map(Number).filter((d) => d >= range[0] && d <= range[1]).sort((x, y) => x - y);
  for (const d of keys) {
    const cell = days[String(d)]!;
    total = mergeSums(total, { sum: cell[1]!, compensation: cell[2]! });
    out[0]! += cell[0]!;
    for (let i = 3; i < DAY_CELL; i++) out[i]! += cell[i]!;
  }
  out[1] = total.sum;
  out[2] = total.compensation;
  return out;
}

export function buildHeadline(
  days: DayTable,
  sales: readonly SalesRecord[],
  periods: Periods,
  measure: SalesMeasure,
  latestWape: number | undefined,
): { headline: ReportHeadline; finding?: string } {
  const current = totalsWithin(days, periods.currentDays);
  const previous = totalsWithin(days, periods.previousDays);
  const nps = (cell: readonly number[]) => finishNps({ counts: cell.slice(6, 17), rejected: [] });
  const npsNow = nps(current);
  const npsBefore = nps(previous);
  const sentimentOf = (cell: readonly number[]) => (cell[0] === 0 ? null : (cell[1]! + cell[2]!) / cell[0]!);
  const share = (cell: readonly number[], index: number) => (cell[0] === 0 ? undefined : cell[index]! / cell[0]!);

  const salesTotal = (days: readonly [number, number] | undefined): number | null => {
    let total = 0;
    let n = 0;
    for (const r of sales) {
      const v = r[measure];
      if (typeof v === 'number' && Number.isFinite(v) && within(r.date, days)) {
        total += v;
        n += 1;
      }
    }
    return n === 0 ? null : total;
  };
  const extra: ReportExtraFigure[] = [
    { label: `Sales (${measure})`, value: salesTotal(periods.currentDays), previous: salesTotal(periods.previousDays), better: 'up' },
  ];
  if (latestWape !== undefined) {
    extra.push({ label: 'Forecast error (WAPE, latest cycle)', value: latestWape, unit: 'percent', better: 'down' });
  }
  const positiveShare = share(current, 3);
  const negativeShare = share(current, 5);
  const headline: ReportHeadline = {
    nps: {
      value: npsNow.score,
      previous: npsBefore.score,
      n: npsNow.n,
      promoters: npsNow.promoters,
      passives: npsNow.passives,
      detractors: npsNow.detractors,
      ...(npsNow.interval === null ? {} : { lower: npsNow.interval.lower, upper: npsNow.interval.upper, level: npsNow.interval.level }),
    },
    sentiment: {
      value: sentimentOf(current),
      previous: sentimentOf(previous),
      n: current[0]!,
      ...(positiveShare === undefined ? {} : { positiveShare }),
      ...(negativeShare === undefined ? {} : { negativeShare }),
    },
    volume: { value: current[0]!, previous: previous[0]! },
    extra,
  };
  let finding: string | undefined;
  if (npsNow.score !== null && npsBefore.score !== null && npsNow.interval !== null) {
    const change = npsNow.score - npsBefore.score;
    finding = `NPS is ${npsNow.score.toFixed(0)} (95% interval ${npsNow.interval.lower.toFixed(0)} to ${npsNow.interval.upper.toFixed(0)}, ${npsNow.n} survey answers), ${change >= 0 ? 'up' : 'down'} ${Math.abs(change).toFixed(0)} points on the previous ${periods.current?.label?.replace('last ', '') ?? 'period'}.`;
  } else if (current[0]! > 0 && previous[0]! > 0) {
    finding = `Feedback volume ${signedPercent(current[0]! / previous[0]! - 1)} on the previous period.`;
  }
  return finding === undefined ? { headline } : { headline, finding };
}
