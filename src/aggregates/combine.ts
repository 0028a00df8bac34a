import { fail } from '../errors';
import type { Aggregate } from './types';

/**
 * Several aggregates as one, so a single pass over a shard computes every summary a report needs: the partial
 * is an object with one partial per name, merge merges name by name. It inherits the laws of its parts.
 *
 * Cost: the sum of the parts' costs.
 * @throws FeedbackMinerError INVALID_ARGUMENT when `parts` is not an object of aggregates, or merge gets partials without a part
 * @example
 * const report = combineAggregates({ sources: countsBy((r: { source: string; rating: number }) => r.source), nps: npsTally<{ source: string; rating: number }>() });
 * report.partial([{ source: 'survey', rating: 10 }]).sources.counts // => { survey: 1 }
 */
export function combineAggregates<R, Parts extends Record<string, Aggregate<R, unknown>>>(
  parts: Parts,
): Aggregate<R, { [K in keyof Parts]: Parts[K] extends Aggregate<R, infer P> ? P : never }> {
  const where = 'combineAggregates';
  if (parts === null || typeof parts !== 'object' || Array.isArray(parts)) fail('INVALID_ARGUMENT', where, 'parts', 'an object of aggregates', parts);
  const names = Object.keys(parts);
  for (const name of names) {
    const part = parts[name] as Partial<Aggregate<R, unknown>> | undefined;
    if (part === undefined || typeof part.partial !== 'function' || typeof part.merge !== 'function') {
      fail('INVALID_ARGUMENT', where, `parts.${name}`, 'an aggregate { identity, partial, merge }', part);
    }
  }
  type Out = { [K in keyof Parts]: Parts[K] extends Aggregate<R, infer P> ? P : never };
  const each = (f: (part: Aggregate<R, unknown>, name: string) => unknown): Out =>
    Object.fromEntries(names.map((name) => [name, f(parts[name] as Aggregate<R, unknown>, name)])) as Out;
  return {
    name: where,
    identity: each((part) => part.identity),
    partial: (records, offset) => each((part) => part.partial(records, offset)),
    merge(a, b) {
      for (const [label, value] of [['a', a], ['b', b]] as const) {
        if (value === null || typeof value !== 'object') fail('INVALID_ARGUMENT', `${where}.merge`, label, 'a combined partial', value);
        for (const name of names) {
          if (!(name in value)) fail('INVALID_ARGUMENT', `${where}.merge`, `${label}.${name}`, 'a partial', undefined);
        }
      }
      return each((part, name) => part.merge((a as Record<string, unknown>)[name], (b as Record<string, unknown>)[name]));
    },
  };
}

/**
 * Reduces partial summaries with `merge`, pairwise as a balanced tree (the shape of a tree reduce in a
 * distributed engine; for floating sums it also bounds the error growth to O(log m) merges). Returns the
 * aggregate's identity for an empty list.
 *
 * Cost: m - 1 merges.
 * @throws FeedbackMinerError INVALID_ARGUMENT when `partials` is not an array
 * @example const c = countsBy((s: string) => s); mergeAll(c, [c.partial(['a']), c.partial(['a'], 1), c.partial(['b'], 2)]).counts
 * // => { a: 2, b: 1 }
 */
export function mergeAll<R, P>(aggregate: Aggregate<R, P>, partials: readonly P[]): P {
  if (!Array.isArray(partials)) fail('INVALID_ARGUMENT', 'mergeAll', 'partials', 'an array', partials);
  if (partials.length === 0) return aggregate.identity;
  let level: P[] = [...partials];
  while (level.length > 1) {
    const next: P[] = [];
    for (let i = 0; i < level.length; i += 2) {
      next.push(i + 1 < level.length ? aggregate.merge(level[i] as P, level[i + 1] as P) : (level[i] as P));
    }
    level = next;
  }
  return level[0] as P;
}
