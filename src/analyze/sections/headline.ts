import { netPromoterScore } from '../../insights/netPromoterScore';
import type { SalesMeasure, SalesRecord } from '../../records';
import type { ReportExtraFigure, ReportHeadline, ReportPeriod } from '../../report/types';
import { type EnrichedFeedback, signedPercent } from './enriched';
import { formatDay, parseDay } from '../../insights/internal/dates';

export interface Periods {
  readonly current?: ReportPeriod;
  readonly previous?: ReportPeriod;
  readonly currentDays?: readonly [number, number];
  readonly previousDays?: readonly [number, number];
}

/** The reporting period: the last `weeks` weeks up to the latest date in the data, and the weeks before. */
export function choosePeriods(feedback: readonly EnrichedFeedback[], sales: readonly SalesRecord[], weeks: number): Periods {
  let last = -Infinity;
  for (const r of sales) {
    const d = parseDay(r.date);
    // A sales row dates the first day of its period: the period runs 6 more days for weekly data.
    if (d !== null && d + 6 > last) last = d + 6;
  }
  for (const r of feedback) {
    const d = parseDay(r.date);
    if (d !== null && d > last) last = d;
  }
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

function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** NPS counts only survey ratings on the 0-10 scale; review stars (1-5) are a different question. */
function npsRatings(records: readonly EnrichedFeedback[]): number[] {
  const ratings: number[] = [];
  for (const r of records) if (r.source === 'survey' && typeof r.rating === 'number') ratings.push(r.rating);
  return ratings;
}

export function buildHeadline(
  feedback: readonly EnrichedFeedback[],
  sales: readonly SalesRecord[],
  periods: Periods,
  measure: SalesMeasure,
  latestWape: number | undefined,
): { headline: ReportHeadline; finding?: string } {
  const current = feedback.filter((r) => within(r.date, periods.currentDays));
  const previous = feedback.filter((r) => within(r.date, periods.previousDays));
  const npsNow = netPromoterScore(npsRatings(current));
  const npsBefore = netPromoterScore(npsRatings(previous));
  const sentimentOf = (records: readonly EnrichedFeedback[]) => mean(records.map((r) => r.sentiment));
  const share = (records: readonly EnrichedFeedback[], label: string) =>
    records.length === 0 ? undefined : records.filter((r) => r.sentimentLabel === label).length / records.length;

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
  const positiveShare = share(current, 'positive');
  const negativeShare = share(current, 'negative');
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
      n: current.length,
      ...(positiveShare === undefined ? {} : { positiveShare }),
      ...(negativeShare === undefined ? {} : { negativeShare }),
    },
    volume: { value: current.length, previous: previous.length },
    extra,
  };
  let finding: string | undefined;
  if (npsNow.score !== null && npsBefore.score !== null && npsNow.interval !== null) {
    const change = npsNow.score - npsBefore.score;
    finding = `NPS is ${npsNow.score.toFixed(0)} (95% interval ${npsNow.interval.lower.toFixed(0)} to ${npsNow.interval.upper.toFixed(0)}, ${npsNow.n} survey answers), ${change >= 0 ? 'up' : 'down'} ${Math.abs(change).toFixed(0)} points on the previous ${periods.current?.label?.replace('last ', '') ?? 'period'}.`;
  } else if (current.length > 0 && previous.length > 0) {
    finding = `Feedback volume ${signedPercent(current.length / previous.length - 1)} on the previous period.`;
  }
  return finding === undefined ? { headline } : { headline, finding };
}
