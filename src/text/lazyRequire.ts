/**
 * A synchronous `require` for loading heavy optional dependencies on first use (internal). Node's
 * `process.getBuiltinModule('module').createRequire` (Node >= 20.16, Deno) is preferred: it works the same in the
 * ESM and the CommonJS builds. Failing that, a real CommonJS `require` if one is in scope (older Node, CommonJS
 * build; in the ESM build a bundler's stand-in may throw on call, which callers report as DEPENDENCY_UNAVAILABLE).
 * Browsers have neither, and callers must preload asynchronously.
 */
interface ProcessLike {
  getBuiltinModule?: (id: string) => { createRequire?: (url: string) => (id: string) => unknown } | undefined;
}

declare const require: ((id: string) => unknown) | undefined;

export function syncRequire(): ((id: string) => unknown) | undefined {
  const proc = (globalThis as { process?: ProcessLike }).process;
  const moduleApi = typeof proc?.getBuiltinModule === 'function' ? proc.getBuiltinModule('module') : undefined;
  // `url` is typed by lib.dom or @types/node only; the core compiles with neither.
  const url = (import.meta as { url?: string }).url;
  if (moduleApi?.createRequire && typeof url === 'string' && url !== '') return moduleApi.createRequire(url);
  if (typeof require === 'function') return require;
  return undefined;
}
