import { afterEach, describe, expect, it, vi } from 'vitest';

describe('feedback-miner/distributed without its optional peer dependencies', () => {
  afterEach(() => {
    vi.doUnmock('bullmq');
    vi.resetModules();
  });

  it('startWorker and runOnFleet throw DEPENDENCY_UNAVAILABLE with the install command when bullmq is missing', async () => {
    vi.resetModules();
    vi.doMock('bullmq', () => {
      throw new Error("Cannot find package 'bullmq'");
    });
    const { startWorker, runOnFleet } = await import('../../../src/node/distributed/index');
    // After resetModules the modules (and so the error class) are fresh copies.
    const { FeedbackMinerError } = await import('../../../src/errors');
    const error = await startWorker({ redis: 'redis://127.0.0.1:1', protocols: [{ name: 'x' } as never] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedbackMinerError);
    expect(error).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE' });
    expect((error as Error).message).toMatch(/^startWorker: the distributed mode needs the optional peer dependencies bullmq and ioredis; install them with `npm install bullmq ioredis` \(bullmq could not be loaded: /);
    await expect(runOnFleet({} as never, {}, undefined, { shards: [], rows: 0 } as never, { redis: 'redis://127.0.0.1:1' })).rejects.toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE' });
  });

  it('importing the entry loads neither bullmq nor ioredis', async () => {
    vi.resetModules();
    const loaded: string[] = [];
    vi.doMock('bullmq', () => {
      loaded.push('bullmq');
      return {};
    });
    vi.doMock('ioredis', () => {
      loaded.push('ioredis');
      return {};
    });
    await import('../../../src/node/distributed/index');
    expect(loaded).toEqual([]);
    vi.doUnmock('ioredis');
  });

  it('startWorker checks its options before connecting', async () => {
    const { startWorker } = await import('../../../src/node/distributed/index');
    await expect(startWorker({ redis: 'redis://127.0.0.1:1', protocols: [] })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
      message: 'startWorker: expected options.protocols to be at least one protocol, found an array of 0',
    });
    await expect(startWorker({ redis: 'http://x', protocols: [{ name: 'x', fingerprint: 'y' } as never] })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
      message: 'startWorker: expected redis to be a redis:// or rediss:// URL, found "http://x"',
    });
  });
});
