/**
 * Mergeable aggregates: every summary a report needs as `partial(records)` (map) and `merge(a, b)` (reduce), plain
 * JSON values, so shards can be processed apart (workers, files, machines) and combined. See README.md here.
 */
export type { Aggregate, CompensatedSum, PartialOf } from './types';
export { addToSum, compensatedSum, mergeSums, sumValue, ZERO_SUM } from './compensated';
export { countsBy } from './counts';
export type { CountsPartial } from './counts';
export { sentimentSums, summarizeSentiment } from './sentimentSums';
export type { SentimentLabelName, SentimentPartial, SentimentSummary, SentimentSumsOptions } from './sentimentSums';
export { documentFrequencies } from './documentFrequencies';
export type { DocumentFrequenciesOptions, DocumentFrequencyPartial } from './documentFrequencies';
export { themeCentroidSums, finishCentroidSums } from './centroidSums';
export type { CentroidPartial, ThemeCentroidSumsOptions } from './centroidSums';
export { npsTally, finishNps } from './npsTally';
export type { NpsPartial, NpsTallyOptions } from './npsTally';
export { seriesBuckets, seriesPoints } from './seriesBuckets';
export type { Bucket, SeriesBucketsOptions, SeriesPartial } from './seriesBuckets';
export { combineAggregates, mergeAll } from './combine';
