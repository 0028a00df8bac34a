/**
 * `feedback-miner/distributed`: the analysis on a fleet of BullMQ workers over Redis. Needs the optional peer
 * dependencies `bullmq` and `ioredis` (loaded on first use; importing this entry loads neither). See
 * docs/distributed.md.
 */
export { startWorker } from './worker';
export type { FleetWorker, FleetWorkerOptions } from './worker';
export { runOnFleet } from './coordinator';
export type { FleetMeta, FleetProgress, FleetRunOptions } from './coordinator';
export { planShards, readShardRows, DEFAULT_SHARD_ROWS } from './plan';
export type { FileShape, PlanShardsOptions, ShardPlan, ShardRange, ShardRef } from './plan';
export type { DistributedProtocol, FirstBadRecord, JobIdentity, ShardFailure } from './protocol';
export { runWorker, runDistributedAnalyze, WORKER_HELP, ANALYZE_FLEET_HELP } from './cli';
export type { FleetAnalyzeInput, ReportProtocol } from './cli';
export { DEFAULT_QUEUE } from './jobs';
export { analysisProtocol, toShard } from './analysisProtocol';
