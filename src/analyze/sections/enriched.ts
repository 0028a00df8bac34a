import type { FeedbackRecord } from '../../records';

/** A feedback record as the pipeline carries it: with its sentiment and, once clustered, its theme label. */
export type EnrichedFeedback = FeedbackRecord & {
  readonly sentiment: number;
  readonly sentimentLabel: 'positive' | 'neutral' | 'negative';
  readonly theme?: string | null;
};

const DAY_MS = 86_400_000;

/** Day number (days since 1970-01-01, UTC) of an ISO 8601 date or timestamp; null when unreadable. */
export function dayOf(date: string | number | undefined): number | null {
  if (typeof date === 'number') return Number.isFinite(date) ? Math.floor(date / DAY_MS) : null;
  if (typeof date !== 'string') return null;
  const ms = Date.parse(date.length === 10 ? `${date}T00:00:00Z` : date);
  return Number.isFinite(ms) ? Math.floor(ms / DAY_MS) : null;
}

/** ISO date `YYYY-MM-DD` of a day number. */
export function isoOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** `{ product: 'A', region: 'North' }` -> `"A / North"`. */
export function segmentLabel(dimensions: Readonly<Record<string, string>>): string {
  const values = Object.values(dimensions);
  return values.length === 0 ? 'all' : values.join(' / ');
}

/** Percent with sign for a fraction: 0.123 -> "+12%". */
export function signedPercent(fraction: number): string {
  const rounded = Math.round(fraction * 100);
  return `${rounded > 0 ? '+' : ''}${rounded}%`;
}
