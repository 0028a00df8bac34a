import type { FeedbackRecord, Rejected } from '../records';

/** A confidence interval, in the units of the estimate it belongs to. */
export interface Interval {
  readonly lower: number;
  readonly upper: number;
  /** Confidence level, e.g. 0.95. */
  readonly level: number;
  /** The method that produced it, e.g. `"adjusted-wald"`, `"wilson"`, `"student-t"`. */
  readonly method: string;
}

/** A sentiment as it may sit on a record: a score in [-1, 1], or the result object of `scoreSentiment`. */
export type SentimentValue = number | { readonly score: number; readonly label?: string };

/** An aspect mention as it may sit on a record: a bare aspect name, or one with its sentiment. */
export type AspectValue =
  | string
  | { readonly aspect: string; readonly label?: string; readonly score?: number; readonly sentiment?: SentimentValue };

/**
 * A feedback record enriched by earlier stages: a theme (or several) from `clusterTexts` / `tagThemes`, a sentiment
 * from `scoreSentiment`, aspects from `aspectSentiment`. Every enrichment is optional.
 */
export interface InsightRecord extends FeedbackRecord {
  readonly theme?: string | null;
  readonly themes?: readonly string[];
  readonly sentiment?: SentimentValue | null;
  readonly aspects?: readonly AspectValue[];
}

/** A segment: dimension name to value, e.g. `{ region: 'North', product: 'X' }`. */
export type Segment = Readonly<Record<string, string>>;

export type { Rejected };
