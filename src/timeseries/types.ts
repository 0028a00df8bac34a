/** One observation. `t` is an ISO 8601 date string or a number (epoch ms, or an index). */
export interface Point {
  readonly t: string | number;
  readonly value: number;
}

export type AnomalyMethod =
  | 'shesd'
  | 'robust-z'
  | 'iqr'
  | 'ewma'
  | 'level-shift'
  | 'volatility-shift'
  | 'streaming'
  /** A ratio KPI (conversion = orders / visits) judged by a beta-binomial test: `detectRateAnomalies`. */
  | 'rate';

/** A point that broke from the series' pattern. */
export interface Anomaly {
  /** Index into the points passed to the detector. */
  readonly index: number;
  readonly t: string | number;
  readonly value: number;
  /** What the method expected at this point (seasonal + trend, median, EWMA, ...). */
  readonly expected: number;
  /** The band outside which a value counts as anomalous. */
  readonly lower: number;
  readonly upper: number;
  /** Strength of the anomaly: larger is more surprising; comparable within one method. */
  readonly score: number;
  readonly direction: 'up' | 'down';
  readonly method: AnomalyMethod;
  /** Set when the point falls on a known event from the caller's calendar (a holiday, a promotion). */
  readonly event?: string;
}

/** A point where the series' level (or variance) changed. */
export interface ChangePoint {
  /** Index of the first point of the new segment. */
  readonly index: number;
  readonly t: string | number;
  /** Mean level of the segment before. */
  readonly before: number;
  /** Mean level of the segment after. */
  readonly after: number;
  readonly method: 'pelt' | 'cusum';
}

/** Result of one streaming update. */
export interface StreamingResult {
  /** Anomaly likelihood in [0, 1]. */
  readonly score: number;
  readonly isAnomaly: boolean;
  /** The value the detector expected before seeing this point (NaN while it has no history). */
  readonly expected: number;
}
