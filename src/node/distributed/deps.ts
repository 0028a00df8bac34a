/**
 * The optional peer dependencies, loaded on first use only: importing `feedback-miner` or `feedback-miner/node`
 * never loads `bullmq` or `ioredis`, and a user who never distributes never needs them.
 */
import { createRequire } from 'node:module';
import { FeedbackMinerError } from '../../errors';

export type BullMQ = typeof import('bullmq');

let loaded: Promise<BullMQ> | undefined;

/**
 * Loads `bullmq` (and checks `ioredis`, which BullMQ 6 needs installed beside it).
 * @throws FeedbackMinerError DEPENDENCY_UNAVAILABLE with the one-line install command when either is missing
 */
export function loadBullMQ(where: string): Promise<BullMQ> {
  loaded ??= (async () => {
    for (const name of ['ioredis', 'bullmq'] as const) {
      try {
        if (name === 'ioredis') await import('ioredis');
        else return (await import('bullmq')) as BullMQ;
      } catch (cause) {
        loaded = undefined;
        throw new FeedbackMinerError(
          'DEPENDENCY_UNAVAILABLE',
          `${where}: the distributed mode needs the optional peer dependencies bullmq and ioredis; install them with \`npm install bullmq ioredis\` (${name} could not be loaded: ${(cause as Error).message.split('\n')[0]})`,
          { where, cause },
        );
      }
    }
    throw new Error('unreachable');
  })();
  return loaded;
}

/** The version of this package, from its package.json (by self-reference, so it works from src and dist alike). */
export function packageVersion(): string {
  try {
    const require = createRequire(import.meta.url);
    return (require('feedback-miner/package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
