import { fail } from './errors';

/** Every stage must be a function: checked before any runs, so a typo fails at once, not halfway through. */
function checkStages(where: string, stages: readonly unknown[]): void {
  stages.forEach((stage, i) => {
    if (typeof stage !== 'function') fail('INVALID_ARGUMENT', where, `stage ${i + 1}`, 'a function', stage);
  });
}

/**
 * Typed composition of pure stages.
 *
 * `pipe(data, f, g)` is `g(f(data))`; `flow(f, g)` is the function `x => g(f(x))`.
 * @throws FeedbackMinerError INVALID_ARGUMENT when a stage is not a function (and, for `flow`, when there is none).
 * @example pipe('Not good!', tokenize, tokens => tokens.length) // => 3
 */
export function pipe<A>(data: A): A;
export function pipe<A, B>(data: A, ab: (a: A) => B): B;
export function pipe<A, B, C>(data: A, ab: (a: A) => B, bc: (b: B) => C): C;
export function pipe<A, B, C, D>(data: A, ab: (a: A) => B, bc: (b: B) => C, cd: (c: C) => D): D;
export function pipe<A, B, C, D, E>(data: A, ab: (a: A) => B, bc: (b: B) => C, cd: (c: C) => D, de: (d: D) => E): E;
export function pipe<A, B, C, D, E, F>(
  data: A,
  ab: (a: A) => B,
  bc: (b: B) => C,
  cd: (c: C) => D,
  de: (d: D) => E,
  ef: (e: E) => F,
): F;
export function pipe(data: unknown, ...stages: ReadonlyArray<(value: unknown) => unknown>): unknown {
  checkStages('pipe', stages);
  let value = data;
  for (const stage of stages) value = stage(value);
  return value;
}

/** Composes stages left to right into one function. @example flow(tokenize, t => t.length)('a b') // => 2 */
export function flow<A, B>(ab: (a: A) => B): (a: A) => B;
export function flow<A, B, C>(ab: (a: A) => B, bc: (b: B) => C): (a: A) => C;
export function flow<A, B, C, D>(ab: (a: A) => B, bc: (b: B) => C, cd: (c: C) => D): (a: A) => D;
export function flow<A, B, C, D, E>(ab: (a: A) => B, bc: (b: B) => C, cd: (c: C) => D, de: (d: D) => E): (a: A) => E;
export function flow(...stages: ReadonlyArray<(value: unknown) => unknown>): (value: unknown) => unknown {
  if (stages.length === 0) fail('INVALID_ARGUMENT', 'flow', 'stages', 'at least one function', stages);
  checkStages('flow', stages);
  return (data: unknown) => {
    let value = data;
    for (const stage of stages) value = stage(value);
    return value;
  };
}
