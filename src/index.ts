/**
 * feedback-miner: feedback mining for sales and operations planning.
 *
 * Every export is a pure function over typed records (or a type). This entry runs anywhere (Node, Deno,
 * browsers); Node-only helpers (file readers, the CLI) are in `feedback-miner/node`.
 */
export { FeedbackMinerError, type ErrorCode } from './errors';
export { pipe, flow } from './pipeline';
export {
  validateFeedback,
  validateSales,
  validateForecasts,
  validateActions,
  parseIsoDate,
  parseStrictNumber,
} from './records';
export type {
  FeedbackRecord,
  SalesRecord,
  SalesMeasure,
  ForecastRecord,
  ForecastStep,
  ActionRecord,
  FeedbackSource,
  AuthorRole,
  Rejected,
  Validated,
  ValidateOptions,
  FeedbackField,
  SalesField,
  ForecastField,
  ActionField,
  ParsedDate,
  ParsedNumber,
} from './records';
export * from './text';
export * from './sentiment';
export * from './themes';
export * from './timeseries';
export * from './insights';
export * from './planning';
export { simulate, generateFeedbackTexts, toRawRows, createRandom, Random, SIMULATED_THEMES } from './simulate';
export type {
  GenerateTextsOptions,
  RandomState,
  Polarity,
  SimulatedTheme,
  FeedbackLabel,
  PlantedEvent,
  PlantedEventKind,
  PlantedHoliday,
  PlantedWave,
  Segment as SimulatedSegment,
  SimulateOptions,
  Simulation,
  SimulationTruth,
  RawTables,
  PlantedDefect,
  DefectKind,
  RawRowsOptions,
} from './simulate';
export * from './report';
export * from './analyze';
export * from './aggregates';
// Two stages name their period type Frequency: the series one (day, week, month) is the default name; the
// insights one also has quarter.
export type { Frequency } from './timeseries';
export type { Frequency as InsightFrequency } from './insights';
// The pipeline's options keep the short name; the themes stage's text-analysis options are renamed.
export type { AnalyzeOptions } from './analyze';
export type { AnalyzeOptions as AnalyzeTextsOptions } from './themes';
