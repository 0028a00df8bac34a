import { assertArray, describeValue } from '../errors';
import type { Rejected } from '../records';
import { toEpochMs } from './dates';

/** Points checked and put in time order for a detector. Internal. */
export interface PreparedPoints {
  /** Values in time order; NaN where the input value was missing or not a finite number (a gap). */
  readonly values: Float64Array;
  /** For each position, the index of the point in the caller's array. */
  readonly source: Int32Array;
  /** The caller's `t` for each position. */
  readonly times: (string | number)[];
  /** Epoch ms (or the number given) for each position. */
  readonly keys: Float64Array;
  readonly finiteCount: number;
  readonly rejected: Rejected[];
  readonly warnings: string[];
}

/**
 * Validates `{ t, value }[]` for a detector: points with an unreadable `t` are rejected and left out; points
 * whose value is NaN, Infinity, a string or missing are rejected but keep their place as a gap (NaN), so that
 * seasonal phase is preserved and the gap is never flagged. Unsorted input is sorted (stably) by time and a
 * warning says so; duplicate timestamps are kept in order and reported.
 * Cost: O(n) for sorted input, O(n log n) otherwise; O(n) memory.
 */
export function preparePoints(where: string, points: unknown): PreparedPoints {
  assertArray(where, 'points', points);
  const n = points.length;
  const rejected: Rejected[] = [];
  const warnings: string[] = [];
  const keepIndex: number[] = [];
  const keys: number[] = [];
  for (let i = 0; i < n; i++) {
    const point = points[i] as unknown;
    if (point === null || typeof point !== 'object') {
      rejected.push({ row: i, field: 'point', reason: `expected an object { t, value }, found ${describeValue(point)}` });
      continue;
    }
    const t = (point as { t?: unknown }).t;
    const key = typeof t === 'string' || typeof t === 'number' ? toEpochMs(t) : undefined;
    if (key === undefined) {
      rejected.push({ row: i, field: 't', reason: `expected an ISO 8601 date or a finite number, found ${describeValue(t)}` });
      continue;
    }
    keepIndex.push(i);
    keys.push(key);
  }
  const m = keepIndex.length;
  let order: number[] | undefined;
  for (let j = 1; j < m; j++) {
    if ((keys[j] as number) < (keys[j - 1] as number)) {
      order = Array.from({ length: m }, (_, k) => k);
      order.sort((a, b) => (keys[a] as number) - (keys[b] as number) || a - b);
      warnings.push(`${where}: points were not in time order; they were sorted by t (indices still refer to the input)`);
      break;
    }
  }
  const values = new Float64Array(m);
  const source = new Int32Array(m);
  const sortedKeys = new Float64Array(m);
  const times = new Array<string | number>(m);
  let finiteCount = 0;
  let duplicates = 0;
  let firstDuplicate: string | number | undefined;
  const valueRejections: Rejected[] = [];
  for (let j = 0; j < m; j++) {
    const k = order === undefined ? j : (order[j] as number);
    const index = keepIndex[k] as number;
    const point = points[index] as { t: string | number; value?: unknown };
    source[j] = index;
    sortedKeys[j] = keys[k] as number;
    times[j] = point.t;
    if (j > 0 && sortedKeys[j] === sortedKeys[j - 1]) {
      duplicates++;
      firstDuplicate ??= point.t;
    }
    const value = point.value;
    if (typeof value === 'number' && Number.isFinite(value)) {
      values[j] = value;
      finiteCount++;
    } else {
      values[j] = Number.NaN;
      valueRejections.push({
        row: index,
        field: 'value',
        reason: `expected a finite number, found ${describeValue(value)}; kept as a gap`,
      });
    }
  }
  if (duplicates > 0) {
    warnings.push(
      `${where}: ${duplicates} point(s) repeat an earlier timestamp (first at t = ${describeValue(firstDuplicate)}); ` +
        'they are kept as separate points in input order: aggregate them with toSeries for one value per period',
    );
  }
  valueRejections.sort((a, b) => a.row - b.row);
  const allRejected = rejected.concat(valueRejections).sort((a, b) => a.row - b.row);
  return { values, source, times, keys: sortedKeys, finiteCount, rejected: allRejected, warnings };
}
