// Loads the TypeScript worker when feedback-miner runs from source (vitest, tsx): registers tsx's loader in this
// worker thread, then imports the worker entry named in workerData. The built package uses dist/node/worker.js.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
