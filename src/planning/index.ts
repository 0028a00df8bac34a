/** planning: forecast accuracy, forecast value added, and lessons learned across planning cycles. */
export { forecastAccuracy } from './forecastAccuracy';
export type { ForecastAccuracyOptions } from './forecastAccuracy';
export { forecastValueAdded } from './forecastValueAdded';
export type { ForecastValueAddedOptions, ForecastValueAddedResult, StepValue } from './forecastValueAdded';
export { compareCycles } from './compareCycles';
export type {
  ChronicBias,
  CompareCyclesOptions,
  CompareCyclesResult,
  CycleChange,
  KnownEvent,
  LargeMiss,
  PlanningCycle,
} from './compareCycles';
export type { AccuracyDimension, AccuracyMetrics, ForecastAccuracyResult, GroupAccuracy } from './types';
