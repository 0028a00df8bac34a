/**
 * Sales time series: building regular series from records, seasonality, STL decomposition, anomaly detectors
 * (batch and streaming), change points, ratio KPIs, many series at once, and contribution analysis.
 */
export type { Anomaly, AnomalyMethod, ChangePoint, Point, StreamingResult } from './types';

export { toSeries } from './to-series';
export type {
  Accessor,
  Aggregation,
  GapPolicy,
  GroupBy,
  GroupSeries,
  Series,
  SeriesPoint,
  SeriesSet,
  ToSeriesOptions,
} from './to-series';
export { bucketStart, formatIsoDate, parseIsoTime } from './dates';
export type { Frequency } from './dates';

export { toRateSeries } from './rate-series';
export type { RateSeries, RateSeriesOptions, RateSeriesPoint } from './rate-series';
export { detectRateAnomalies } from './rate';
export type { RateAnomalyOptions, RateAnomalyResult, RatePoint, RateReport } from './rate';

export { autocorrelation, detectSeasonality, seasonalCandidates } from './seasonality';
export type { PeriodTest, SeasonalityOptions, SeasonalityResult } from './seasonality';
export { stl } from './stl';
export type { StlOptions, StlResult } from './stl';

export { detectAnomalies } from './detect-anomalies';
export type { AnomalyReport, AnomalyResult, BatchAnomalyMethod, DetectAnomaliesOptions } from './detect-anomalies';
export type { PeriodOption } from './baseline';
export type { CalendarEvent } from './events';
export { generalizedEsd } from './esd';
export type { EsdOptions, EsdResult, EsdStep } from './esd';
export { esdCriticalValue, studentTQuantile } from './student-t';
export { incompleteBeta, logGamma, studentTCdf } from '../internal/special';

export { detectChangePoints } from './detect-change-points';
export type { ChangePointReport, ChangePointResult, DetectChangePointsOptions, SeasonalModel } from './detect-change-points';
export type { ChangeCost } from './pelt';
export { penaltySweep } from './penalty-sweep';
export type { PenaltyStep, PenaltySweep, PenaltySweepOptions } from './penalty-sweep';

export { detectAnomaliesBy } from './detect-anomalies-by';
export type { AnomaliesByResult, DetectAnomaliesByOptions, GroupAnomalies } from './detect-anomalies-by';
export { contributions } from './contributions';
export type { ChildSeries, ChildValues, Contribution, ContributionOptions, ContributionResult } from './contributions';

export { createStreamingDetector, restoreStreamingDetector } from './streaming';
export type { StreamingDetector, StreamingDetectorOptions, StreamingDetectorState, StreamingUpdate } from './streaming';
