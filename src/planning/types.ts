import type { ForecastRecord, Rejected } from '../records';

/** Dimensions forecast rows can be grouped by. */
export type AccuracyDimension = 'group' | 'lag' | 'step' | 'cycle';

/** Accuracy figures of a set of forecast rows. Every figure that cannot be computed is `null`, never NaN. */
export interface AccuracyMetrics {
  /** Rows scored. */
  readonly n: number;
  /** Mean absolute error, `mean(|actual - forecast|)`. */
  readonly mae: number;
  /** Root mean squared error. */
  readonly rmse: number;
  /** Mean absolute percentage error in %, over rows with a non-zero actual only (see `mapeN`). */
  readonly mape: number | null;
  /** Rows that entered the MAPE (rows with actual = 0 are left out of it, and counted in `zeroActuals`). */
  readonly mapeN: number;
  readonly zeroActuals: number;
  /** Weighted absolute percentage error in %, `100 sum|actual - forecast| / sum|actual|`; null when sum|actual| = 0. */
  readonly wape: number | null;
  /** Mean of `forecast - actual`: POSITIVE = OVER-forecasting, negative = under-forecasting. */
  readonly bias: number;
  /** `100 sum(forecast - actual) / sum|actual|` (same sign convention); null when sum|actual| = 0. */
  readonly biasPercent: number | null;
  /**
   * `sum(forecast - actual) / MAD` (Brown 1959; same sign convention) of ONE item's series; null when MAD = 0 or
   * when the rows span several groups (pooled, the running sum grows with the row count and means nothing).
   */
  readonly trackingSignal: number | null;
  /** Set when |trackingSignal| exceeds the limit (default 4). */
  readonly trackingSignalFlag: 'over-forecast' | 'under-forecast' | null;
  /** Groups (items) among these rows whose own tracking signal is beyond the limit. */
  readonly groupsFlagged: number;
  /** Mean absolute scaled error against the seasonal naive forecast (Hyndman & Koehler 2006); null without a scale. */
  readonly mase: number | null;
  /** Root mean squared scaled error (M5 competition, Makridakis et al. 2022); null without a scale. */
  readonly rmsse: number | null;
  /** Rows that had a scale and entered MASE / RMSSE. */
  readonly scaledN: number;
}

/** The accuracy of one group of rows, with the key it was grouped by. */
export interface GroupAccuracy extends AccuracyMetrics {
  readonly key: {
    readonly group?: string;
    readonly lag?: number | null;
    readonly step?: string | null;
    readonly cycle?: string | null;
  };
}

export interface ForecastAccuracyResult {
  /** All scored rows together. */
  readonly overall: AccuracyMetrics;
  /** One entry per combination of the `by` dimensions, sorted by key. */
  readonly groups: GroupAccuracy[];
  /** Rows skipped: missing or non-finite actual or forecast, negative actual, duplicate, missing group or period. */
  readonly rejected: Rejected[];
  readonly warnings: string[];
}

/** A forecast row that passed validation, with its 0-based input row. */
export interface ScoredRow {
  readonly row: number;
  readonly group: string;
  readonly period: string;
  readonly lag: number | null;
  readonly step: string | null;
  readonly cycle: string | null;
  readonly forecast: number;
  readonly actual: number;
}

export type { ForecastRecord };
