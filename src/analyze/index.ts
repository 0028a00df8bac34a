/** The whole pipeline, from records to a report model. */
export { analyze } from './analyze';
export type { AnalyzeInput, AnalyzeOptions, FileRejection } from './types';
export {
  analyzeShards,
  arrayShards,
  completePass,
  finishAnalysis,
  mapShard,
  mergePartials,
  nextPass,
  reducePartials,
  SHARD_ROWS,
  startAnalysis,
  THEME_SAMPLE,
} from './passes';
export type { AnalysisInput, AnalysisState, Json, PassSpec, ShardInput } from './passes';
