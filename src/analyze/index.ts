/** The whole pipeline, from records to a report model. */
export { analyze } from './analyze';
export type { AnalyzeInput, AnalyzeOptions, FileRejection } from './types';
