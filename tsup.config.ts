import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'node/index': 'src/node/index.ts',
    'node/cli': 'src/node/cli.ts',
    'node/worker': 'src/node/worker.ts',
    'node/shardWorker': 'src/node/shardWorker.ts',
    // feedback-miner/distributed: loads bullmq/ioredis (optional peers, kept external) only when a fleet is used.
    'node/distributed/index': 'src/node/distributed/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts', 'node/index': 'src/node/index.ts', 'node/distributed/index': 'src/node/distributed/index.ts' } },
  target: 'node20',
  platform: 'neutral',
  splitting: true,
  sourcemap: true,
  clean: true,
  shims: true,
});
