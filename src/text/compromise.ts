import { FeedbackMinerError } from '../errors';

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

interface ProcessLike {
  getBuiltinModule?: (id: string) => { createRequire?: (url: string) => (id: string) => unknown } | undefined;
}

function syncRequire(): ((id: string) => unknown) | undefined {
  // CommonJS build: a real require is in scope.
  if (typeof require === 'function') return require;
  const proc = (globalThis as { process?: ProcessLike }).process;
  const moduleApi = proc?.getBuiltinModule?.('module');
  // `url` is typed by lib.dom or @types/node only; the core compiles with neither.
  if (moduleApi?.createRequire) return moduleApi.createRequire((import.meta as { url?: string }).url ?? '');
  return undefined;
}

declare const require: ((id: string) => unknown) | undefined;

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
