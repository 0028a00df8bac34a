import type { Rejected } from '../records';
import { assertNumberOption } from '../errors';

/** Merges two sorted lists of rejected rows into one sorted by row, then field, then reason (a total order). */
export function mergeRejected(a: readonly Rejected[], b: readonly Rejected[]): Rejected[] {
  return [...a, ...b].sort(compareRejected);
}

export function compareRejected(x: Rejected, y: Rejected): number {
  if (x.row !== y.row) return x.row - y.row;
  if (x.field !== y.field) return x.field < y.field ? -1 : 1;
  return x.reason < y.reason ? -1 : x.reason > y.reason ? 1 : 0;
}

/** Checks the `offset` argument of a `partial`. */
export function checkOffset(where: string, offset: unknown): number {
  if (offset === undefined) return 0;
  assertNumberOption(where, 'offset', offset, { min: 0, integer: true });
  return offset;
}

/** Adds the counts of two count maps, keys sorted so that the result is canonical (same JSON whatever the order). */
export function addCountMaps(
  a: Readonly<Record<string, number>>,
  b: Readonly<Record<string, number>>,
): Record<string, number> {
  const out = new Map<string, number>(Object.entries(a));
  for (const [key, count] of Object.entries(b)) out.set(key, (out.get(key) ?? 0) + count);
  return sortedObject(out);
}

/** A plain object from a map, keys in code-unit order. */
export function sortedObject<V>(entries: Map<string, V>): Record<string, V> {
  // Object.fromEntries defines own properties, so a key such as "__proto__" stays data.
  return Object.fromEntries([...entries.entries()].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)));
}
