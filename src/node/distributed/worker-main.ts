#!/usr/bin/env node
/** A fleet worker process running the analysis: `node worker-main.js [worker] --redis URL [--concurrency N]`. */
import { FeedbackMinerError } from '../../errors';
import { analysisProtocol } from './analysisProtocol';
import { runWorker } from './cli';

const argv = process.argv.slice(2);
runWorker(argv[0] === 'worker' ? argv.slice(1) : argv, [analysisProtocol]).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof FeedbackMinerError ? `feedback-miner: ${error.message}` : error);
    process.exitCode = error instanceof FeedbackMinerError && error.code === 'USAGE' ? 2 : 1;
  },
);
