/** The whole pipeline, from records to a report model. */
export { analyze } from './analyze';
export type { AnalyzeInput, AnalyzeOptions, FileRejection } from './types';
/** The pipeline as passes over shards, and its drivers. */
export * from './passes';
