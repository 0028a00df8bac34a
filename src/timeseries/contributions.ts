import { assertArray, assertNumberOption, assertOptions, describeValue, fail } from '../errors';
import { toEpochMs } from './dates';
import type { Point } from './types';

/** A child series (a region of the total, a product of a category) with its points. */
export interface ChildSeries {
  readonly key: string;
  readonly points: readonly Point[];
}

/** A child's actual and expected value at the break, given directly. */
export interface ChildValues {
  readonly key: string;
  readonly actual: number;
  readonly expected: number;
}

export interface ContributionOptions {
  /** The time of the break (a `t` of the children's points); required for {@link ChildSeries} input. */
  readonly t?: string | number;
  /** Points before the break whose median is the child's expected value (default 8). */
  readonly window?: number;
}

/** One child's part in a break of the total. */
export interface Contribution {
  readonly key: string;
  readonly actual: number;
  readonly expected: number;
  /** actual - expected. */
  readonly change: number;
  /**
   * Explanatory power: the child's share of the total's change, (actual - expected) / (total actual - total
   * expected); the shares sum to 1, a negative share moved against the total.
   */
  readonly share: number;
  /**
   * Surprise: the child's term of the Jensen-Shannon divergence between the expected and the actual mix of the
   * total (how much the child's weight in the total changed), >= 0.
   */
  readonly surprise: number;
}

export interface ContributionResult {
  /** Children by decreasing |share| (the ones that carry the break first). */
  readonly contributions: Contribution[];
  readonly totalActual: number;
  readonly totalExpected: number;
  readonly warnings: string[];
}

/**
 * Contribution analysis: when a total breaks, which children carry the break. For each child, its change from
 * expected, its explanatory power (share of the total's change) and its surprise (its term in the
 * Jensen-Shannon divergence between the expected and actual distributions over children), the two measures of
 * Adtributor (Bhagwan, Kumar, Ramjee, Varghese, Mohapatra, Manoharan & Bhardwaj 2014, "Adtributor: Revenue
 * Debugging in Advertising Systems", NSDI). Children are ranked by |share|.
 *
 * Input: children with `actual` and `expected` given, or children's series with the break time `t`, the
 * expected value then being the median of the `window` points before `t` (a child without a point at `t`, or
 * with no finite history, is left out with a warning).
 *
 * Cost: O(c w log w) for c children and window w; O(c) memory.
 * @throws FeedbackMinerError INVALID_ARGUMENT when `children` is not an array or a child is malformed;
 *   INVALID_OPTION when series are given without `t`, or window is not an integer >= 1.
 * @example
 * contributions([{ key: 'North', actual: 60, expected: 100 }, { key: 'South', actual: 98, expected: 100 }])
 *   .contributions.map((c) => [c.key, +c.share.toFixed(3)]) // => [['North', 0.952], ['South', 0.048]]
 */
export function contributions(children: readonly (ChildSeries | ChildValues)[], options?: ContributionOptions): ContributionResult {
  const where = 'contributions';
  assertArray(where, 'children', children);
  assertOptions(where, options);
  const window = options?.window ?? 8;
  assertNumberOption(where, 'options.window', window, { min: 1, integer: true });
  const warnings: string[] = [];
  const values: ChildValues[] = [];
  children.forEach((child, i) => {
    if (child === null || typeof child !== 'object' || typeof (child as { key?: unknown }).key !== 'string') {
      fail('INVALID_ARGUMENT', where, `children[${i}]`, 'an object with a string key', child);
    }
    if ('points' in child) {
      assertArray(where, `children[${i}].points`, child.points);
      if (options?.t === undefined) fail('INVALID_OPTION', where, 'options.t', 'the time of the break for series input', undefined);
      const value = expectedFromSeries(child, options.t, window);
      if (typeof value === 'string') warnings.push(`${where}: child ${JSON.stringify(child.key)} left out: ${value}`);
      else values.push(value);
    } else {
      const { actual, expected } = child;
      if (typeof actual !== 'number' || !Number.isFinite(actual) || typeof expected !== 'number' || !Number.isFinite(expected)) {
        warnings.push(`${where}: child ${JSON.stringify(child.key)} left out: actual and expected must be finite numbers, found ${describeValue(actual)} and ${describeValue(expected)}`);
      } else values.push({ key: child.key, actual, expected });
    }
  });
  let totalActual = 0;
  let totalExpected = 0;
  for (const v of values) {
    totalActual += v.actual;
    totalExpected += v.expected;
  }
  const totalChange = totalActual - totalExpected;
  if (totalChange === 0) warnings.push(`${where}: the total did not change; shares are 0`);
  const list = values.map((v) => {
    const change = v.actual - v.expected;
    const p = totalExpected !== 0 ? v.expected / totalExpected : 0;
    const q = totalActual !== 0 ? v.actual / totalActual : 0;
    return { key: v.key, actual: v.actual, expected: v.expected, change, share: totalChange !== 0 ? change / totalChange : 0, surprise: jsTerm(p, q) };
  });
  list.sort((a, b) => Math.abs(b.share) - Math.abs(a.share) || b.surprise - a.surprise || (a.key < b.key ? -1 : 1));
  return { contributions: list, totalActual, totalExpected, warnings };
}

// One child's term of the Jensen-Shannon divergence: 0.5 (p log(2p / (p + q)) + q log(2q / (p + q))).
function jsTerm(p: number, q: number): number {
  const m = (p + q) / 2;
  let term = 0;
  if (p > 0 && m > 0) term += 0.5 * p * Math.log(p / m);
  if (q > 0 && m > 0) term += 0.5 * q * Math.log(q / m);
  return Math.max(0, term);
}

function expectedFromSeries(child: ChildSeries, t: string | number, window: number): ChildValues | string {
  const target = toEpochMs(t);
  if (target === undefined) return `the break time ${describeValue(t)} is not a date or a number`;
  let actual: number | undefined;
  const history: { key: number; value: number }[] = [];
  for (const point of child.points) {
    if (point === null || typeof point !== 'object') continue;
    const key = toEpochMs(point.t);
    if (key === undefined || typeof point.value !== 'number' || !Number.isFinite(point.value)) continue;
    if (key === target) actual = point.value;
    else if (key < target) history.push({ key, value: point.value });
  }
  if (actual === undefined) return `no finite value at t = ${describeValue(t)}`;
  if (history.length === 0) return 'no finite value before the break';
  history.sort((a, b) => a.key - b.key);
  const recent = history.slice(-window).map((h) => h.value).sort((a, b) => a - b);
  const m = recent.length;
  const expected = m % 2 === 1 ? (recent[m >> 1] as number) : ((recent[(m >> 1) - 1] as number) + (recent[m >> 1] as number)) / 2;
  return { key: child.key, actual, expected };
}
