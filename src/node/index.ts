/** Node-only parts of feedback-miner: streaming file readers and the command line. */
export { readRows, formatOf, isUnreadable } from './read';
export type { RawRow, UnreadableRow, FileFormat, ReadRowsOptions } from './read';
export { loadFile, loadInput } from './load';
export type { ColumnMap, InputFiles } from './load';
export { main as runCli } from './cli';
export { createPool, runTask, PoolTaskError, defaultPoolSize } from './pool';
export type { PoolOptions, MapOptions, WorkerPool } from './pool';
export { MAX_CSV_RECORD_BYTES } from './read';
export { readShards, toShard, IdHashSet } from './shards';
export type { ReadShardsOptions } from './shards';
export { writeFileAtomic, ensureWritableDir } from './output';
export { analyzeShardsParallel, analyzeFileParallel, ShardError } from './parallelShards';
export type { ParallelShardsOptions, ParallelFileOptions } from './parallelShards';
export type { FeedbackFeatures, TokenCounts, SeriesAnomalies, FeedbackTaskOptions, PoolTasks, TaskName } from './poolTasks';
