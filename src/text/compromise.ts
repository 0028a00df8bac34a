import { FeedbackMinerError } from '../errors';
import { syncRequire } from './lazyRequire';

/**
 * Lazy access to `compromise`. Importing compromise costs about 400 ms (its lexicon is unpacked at load), more
 * than the whole budget for importing feedback-miner, so it is loaded on first use, never at import time.
 *
 * Under Node (ESM or CommonJS) and runtimes with Node's `process.getBuiltinModule` it loads synchronously on
 * first call. Elsewhere (browsers) call `await preloadCompromise()` once before the functions that need it.
 */
// The type is kept loose on purpose: compromise's own types are large and only a handful of methods are used.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Nlp = any;

let loaded: Nlp | undefined;

/** Returns compromise's `nlp` function, loading it on first use. @throws FeedbackMinerError DEPENDENCY_UNAVAILABLE */
export function getCompromise(where: string): Nlp {
  if (loaded !== undefined) return loaded;
  const req = syncRequire();
  if (req !== undefined) {
    try {
      const mod = req('compromise') as Nlp;
      loaded = mod?.default ?? mod;
      return loaded;
    } catch (cause) {
      throw new FeedbackMinerError('DEPENDENCY_UNAVAILABLE', `${where}: could not load compromise`, { where, cause });
    }
  }
  throw new FeedbackMinerError(
    'DEPENDENCY_UNAVAILABLE',
    `${where}: compromise is not loaded in this runtime; call await preloadCompromise() first`,
    { where },
  );
}

/** Loads compromise asynchronously (for browsers and runtimes without a synchronous require). */
export async function preloadCompromise(): Promise<void> {
  if (loaded !== undefined) return;
  const mod = (await import('compromise')) as Nlp;
  loaded = mod?.default ?? mod;
}
