import type { FeedbackRecord } from '../../records';

/** A feedback record as the pipeline carries it: with its sentiment and, once clustered, its theme label. */
export type EnrichedFeedback = FeedbackRecord & {
  readonly sentiment: number;
  readonly sentimentLabel: 'positive' | 'neutral' | 'negative';
  readonly theme?: string | null;
};

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
