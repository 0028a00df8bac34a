/**
 * Presentation logic shared by the HTML and Markdown renderers: changes versus the previous period and their
 * tone, rejection reasons grouped, text sparklines. Internal to `report/`.
 */
import { formatNumber, formatPercent, formatSigned, formatSignedPercent, formatTime, NOT_AVAILABLE } from './format';
import type { ReportDataQuality, ReportFigure, ReportPeriod, ReportPoint, ReportQuote } from './types';

export type Tone = 'good' | 'bad' | 'neutral';

/** A change versus the previous period, ready to print. */
export interface Change {
  /** `▲ 9.3 pts`, `▼ 21.4%`, `= 0.0`. */
  readonly text: string;
  readonly tone: Tone;
  /** `up`, `down` or `flat`, for screen readers and Markdown. */
  readonly direction: 'up' | 'down' | 'flat';
}

/**
 * How to express a change: `points` (absolute difference, for scores and percentages), `relative` (percent
 * change, for counts), `absolute` (plain difference, for a mean score).
 */
export type ChangeKind = 'points' | 'relative' | 'absolute';

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** The change from `previous` to `value`, or undefined when either is missing. */
export function describeChange(
  figure: ReportFigure,
  kind: ChangeKind,
  better: 'up' | 'down' | 'neutral',
  pointScale = 1,
): Change | undefined {
  const { value, previous } = figure;
  if (!isFiniteNumber(value) || !isFiniteNumber(previous)) return undefined;
  let delta: number;
  let text: string;
  if (kind === 'relative') {
    if (previous === 0) return undefined;
    delta = value / previous - 1;
    text = formatSignedPercent(delta);
  } else if (kind === 'points') {
    delta = (value - previous) * pointScale;
    text = `${formatSigned(delta, 1)} pts`;
  } else {
    delta = value - previous;
    text = formatSigned(delta, 2);
  }
  const shown = Number(text.replace(/[^0-9.+-]/g, ''));
  const direction = shown === 0 ? 'flat' : delta > 0 ? 'up' : 'down';
  const arrow = direction === 'up' ? '▲' : direction === 'down' ? '▼' : '=';
  const tone: Tone = better === 'neutral' || direction === 'flat' ? 'neutral' : (direction === better ? 'good' : 'bad');
  return { text: `${arrow} ${text.replace(/^[+-]/, '')}`, tone, direction };
}

/** `Q4 2025` or `6 Oct 2025 to 4 Jan 2026`. */
export function periodName(period: ReportPeriod | undefined): string {
  if (period === undefined) return 'the previous period';
  return period.label ?? `${formatTime(period.start)} to ${formatTime(period.end)}`;
}

/** `Q1 2026 (5 Jan 2026 to 29 Mar 2026)`. */
export function periodLong(period: ReportPeriod): string {
  const range = `${formatTime(period.start)} to ${formatTime(period.end)}`;
  return period.label === undefined ? range : `${period.label} (${range})`;
}

/** A sentiment score for people: `+0.12`, and its tone (dead zone of ±0.05 around zero). */
export function sentimentText(score: number | null | undefined): { readonly text: string; readonly tone: Tone } {
  if (!isFiniteNumber(score)) return { text: NOT_AVAILABLE, tone: 'neutral' };
  return { text: formatSigned(score, 2), tone: score > 0.05 ? 'good' : score < -0.05 ? 'bad' : 'neutral' };
}

/** Rejected rows of one source counted by field and reason, most frequent first. */
export function groupRejections(
  dataQuality: ReportDataQuality,
): Array<{ readonly source: string; readonly field: string; readonly reason: string; readonly count: number }> {
  const groups = new Map<string, { source: string; field: string; reason: string; count: number }>();
  for (const source of dataQuality.sources) {
    for (const row of source.rejected ?? []) {
      // Reasons often quote the bad value ("not a number: \"n/a\""); group on the part before it.
      const reason = String(row.reason).replace(/:\s.*$/, '');
      const key = `${source.name}\u0000${row.field}\u0000${reason}`;
      const group = groups.get(key);
      if (group === undefined) groups.set(key, { source: String(source.name), field: String(row.field), reason, count: 1 });
      else group.count += 1;
    }
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.source.localeCompare(b.source));
}

/** Rows rejected from a source: `rejectedCount` when given, else the rows listed. */
export function rejectedTotal(source: { readonly rejected?: readonly unknown[]; readonly rejectedCount?: number }): number {
  return source.rejectedCount ?? source.rejected?.length ?? 0;
}

const BLOCKS = '▁▂▃▄▅▆▇█';

/** A text sparkline of eight levels (`▁▂▅█`), a space for a missing value. Cost O(n). */
export function textSparkline(points: readonly ReportPoint[] | undefined): string {
  if (points === undefined || points.length === 0) return '';
  const values = points.map((p) => (isFiniteNumber(p?.value) ? p.value : Number.NaN));
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return '';
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  return values
    .map((v) => {
      if (!Number.isFinite(v)) return ' ';
      const level = max === min ? 3 : Math.round(((v - min) / (max - min)) * (BLOCKS.length - 1));
      return BLOCKS[level] ?? ' ';
    })
    .join('');
}

/** Quotes with text, at most `max`. */
export function usableQuotes(quotes: readonly ReportQuote[] | undefined, max: number): ReportQuote[] {
  return (quotes ?? []).filter((q) => q !== null && typeof q === 'object' && typeof q.text === 'string' && q.text.trim() !== '').slice(0, max);
}

/** `review · 17 Feb 2026 · South / Online · rating 2`. */
export function quoteCredit(quote: ReportQuote): string {
  const parts: string[] = [];
  if (quote.source !== undefined) parts.push(String(quote.source));
  if (quote.date !== undefined) parts.push(formatTime(quote.date));
  if (quote.segment !== undefined) parts.push(String(quote.segment));
  if (isFiniteNumber(quote.rating)) parts.push(`rating ${formatNumber(quote.rating, 0)}`);
  if (isFiniteNumber(quote.sentiment)) parts.push(`sentiment ${formatSigned(quote.sentiment, 2)}`);
  return parts.join(' · ');
}

/** `×3.4 (96 records against 28.2 expected, p < 0.001)`. */
export function liftText(theme: {
  readonly lift: number | null;
  readonly count?: number | null;
  readonly baseline?: number | null;
  readonly pValue?: number | null;
}): string {
  const lift = isFiniteNumber(theme.lift) ? `×${formatNumber(theme.lift, 1)}` : `× ${NOT_AVAILABLE}`;
  const details: string[] = [];
  if (isFiniteNumber(theme.count)) {
    details.push(`${formatNumber(theme.count, 0)} records${isFiniteNumber(theme.baseline) ? ` against ${formatNumber(theme.baseline, 1)} expected` : ''}`);
  }
  if (isFiniteNumber(theme.pValue)) details.push(pValueText(theme.pValue));
  return details.length === 0 ? lift : `${lift} (${details.join(', ')})`;
}

/** `p < 0.001`, `p = 0.03`. */
export function pValueText(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${formatNumber(p, p < 0.01 ? 3 : 2)}`;
}

/** `+35%` with an arrow word for the trend of a theme. */
export function trendText(trend: { readonly direction: string; readonly change?: number | null } | undefined): string {
  if (trend === undefined) return NOT_AVAILABLE;
  const arrow = trend.direction === 'rising' || trend.direction === 'new' ? '▲' : trend.direction === 'falling' ? '▼' : '▬';
  const change = isFiniteNumber(trend.change) ? ` ${formatSignedPercent(trend.change, 0)}` : '';
  return `${arrow} ${trend.direction}${change}`;
}

/** Relative deviation of an anomaly from what was expected: `-38.1%`. */
export function deviationText(value: number, expected: number): string {
  if (!isFiniteNumber(value) || !isFiniteNumber(expected) || expected === 0) return NOT_AVAILABLE;
  return formatSignedPercent(value / expected - 1);
}

/** A figure's value for a headline card. */
export function figureValue(value: number | null | undefined, unit: 'number' | 'percent' | 'currency' | 'nps' | 'score'): string {
  if (!isFiniteNumber(value)) return NOT_AVAILABLE;
  switch (unit) {
    case 'percent':
      return formatPercent(value);
    case 'nps':
      return formatSigned(value, 0);
    case 'score':
      return formatSigned(value, 2);
    case 'currency':
    case 'number':
      return formatNumber(value, Number.isInteger(value) ? 0 : undefined);
  }
}
