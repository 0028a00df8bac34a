import { assertNumberOption, assertOptions, fail } from '../errors';
import type { Rejected } from '../records';
import { centroidSums } from '../themes/centroidSums';
import type { CentroidSums } from '../themes/types';
import { checkRecords } from './counts';
import { checkOffset, mergeRejected } from './rejected';
import type { Aggregate } from './types';

/**
 * Partial summary of {@link themeCentroidSums}: the themes stage's `CentroidSums` plus, per cell, the rounding
 * error carried by merges (Neumaier compensation), so `sums[c][j] + compensation[c][j]` is the accurate value.
 */
export interface CentroidPartial {
  readonly centroids: CentroidSums;
  readonly compensation: readonly (readonly number[])[];
  readonly rejected: readonly Rejected[];
}

export interface ThemeCentroidSumsOptions<R> {
  /** Number of themes (clusters), an integer >= 1. */
  readonly k: number;
  /** Length of every vector, an integer >= 1. */
  readonly dimension: number;
  /** The record's (unit) document vector; default `r.vector`. */
  readonly vector?: (record: R, index: number) => ArrayLike<number> | null | undefined;
  /** The record's theme in 0..k-1 (negative: not clustered, skipped without report); default `r.theme`. */
  readonly theme?: (record: R, index: number) => number | null | undefined;
}

/**
 * Per-theme sums of document vectors and counts, the mergeable summary of a clustering: the partial reuses the
 * themes stage's `centroidSums`, merges add cell by cell with compensation (Neumaier 1974). This is the reduce
 * step of distributed k-means (Dhillon & Modha 2000): each shard assigns its rows to the current centroids and
 * returns sums, the reducer adds them and divides (or normalises, for spherical k-means). Associative and
 * commutative to within rounding; counts exactly.
 *
 * Cost: partial O(n d); merge O(k d).
 * @throws FeedbackMinerError INVALID_OPTION for a bad k or dimension; INVALID_ARGUMENT when merging partials of other shapes
 * @example
 * const c = themeCentroidSums<{ vector: number[]; theme: number }>({ k: 1, dimension: 2 });
 * finishCentroidSums(c.merge(c.partial([{ vector: [1, 0], theme: 0 }]), c.partial([{ vector: [0, 1], theme: 0 }], 1)))
 * // => { dimension: 2, sums: [[1, 1]], counts: [2] }
 */
export function themeCentroidSums<R>(options: ThemeCentroidSumsOptions<R>): Aggregate<R, CentroidPartial> {
  const where = 'themeCentroidSums';
  assertOptions(where, options);
  if (options === undefined) fail('INVALID_ARGUMENT', where, 'options', 'an object with k and dimension', options);
  const { k, dimension } = options;
  assertNumberOption(where, 'options.k', k, { min: 1, integer: true });
  assertNumberOption(where, 'options.dimension', dimension, { min: 1, integer: true });
  const vectorOf = options.vector ?? ((r: R) => (r as { vector?: ArrayLike<number> } | null)?.vector);
  const themeOf = options.theme ?? ((r: R) => (r as { theme?: number } | null)?.theme);
  const zeros = (): number[][] => Array.from({ length: k }, () => new Array<number>(dimension).fill(0));
  return {
    name: where,
    identity: Object.freeze({
      centroids: { dimension, sums: zeros(), counts: new Array<number>(k).fill(0) },
      compensation: zeros(),
      rejected: Object.freeze([]),
    }),
    partial(records, offset) {
      const start = checkOffset(`${where}.partial`, offset);
      checkRecords(`${where}.partial`, records);
      const rows: number[] = [];
      const assignments: number[] = [];
      const rejected: Rejected[] = [];
      records.forEach((record, i) => {
        const row = start + i;
        const theme = themeOf(record, row);
        const vector = vectorOf(record, row);
        if (typeof theme !== 'number' || !Number.isInteger(theme) || theme >= k) {
          rejected.push({ row, field: 'theme', reason: `not an integer below ${k} (found ${String(theme)})` });
        } else if (theme < 0) {
          return;
        } else if (vector === null || vector === undefined || typeof vector !== 'object' || vector.length !== dimension) {
          rejected.push({ row, field: 'vector', reason: `not a vector of ${dimension} numbers` });
        } else if (!Array.prototype.every.call(vector, (v: unknown) => typeof v === 'number' && Number.isFinite(v))) {
          rejected.push({ row, field: 'vector', reason: 'has a value that is not a finite number' });
        } else {
          rows.push(i);
          assignments.push(theme);
        }
      });
      const data = new Float64Array(rows.length * dimension);
      rows.forEach((i, r) => data.set(Array.from(vectorOf(records[i] as R, start + i) as ArrayLike<number>), r * dimension));
      const centroids = centroidSums({ rows: rows.length, cols: dimension, data }, assignments, k);
      return { centroids, compensation: zeros(), rejected };
    },
    merge(a, b) {
      for (const [name, value] of [['a', a], ['b', b]] as const) {
        if (
          value === null ||
          typeof value !== 'object' ||
          value.centroids?.dimension !== dimension ||
          value.centroids.sums?.length !== k ||
          !Array.isArray(value.compensation) ||
          !Array.isArray(value.rejected)
        ) {
          fail('INVALID_ARGUMENT', `${where}.merge`, name, `a centroid partial of ${k} themes in dimension ${dimension}`, value);
        }
      }
      const sums = zeros();
      const compensation = zeros();
      for (let c = 0; c < k; c++) {
        const sa = a.centroids.sums[c] as readonly number[];
        const sb = b.centroids.sums[c] as readonly number[];
        const ca = a.compensation[c] as readonly number[];
        const cb = b.compensation[c] as readonly number[];
        const sum = sums[c] as number[];
        const comp = compensation[c] as number[];
        for (let j = 0; j < dimension; j++) {
          const x = sa[j] as number;
          const y = sb[j] as number;
          const s = x + y;
          const yVirtual = s - x;
          const error = x - (s - yVirtual) + (y - yVirtual);
          sum[j] = s;
          comp[j] = (ca[j] as number) + (cb[j] as number) + error;
        }
      }
      return {
        centroids: { dimension, sums, counts: a.centroids.counts.map((n, c) => n + (b.centroids.counts[c] ?? 0)) },
        compensation,
        rejected: mergeRejected(a.rejected, b.rejected),
      };
    },
  };
}

/**
 * The themes stage's `CentroidSums` of a partial, compensation folded in (what `sphericalKMeans` or a report
 * reads). Cost: O(k d).
 * @example finishCentroidSums({ centroids: { dimension: 1, sums: [[1e16]], counts: [2] }, compensation: [[2]], rejected: [] }).sums
 * // => [[10000000000000002]]
 */
export function finishCentroidSums(partial: CentroidPartial): CentroidSums {
  if (partial === null || typeof partial !== 'object' || typeof partial.centroids !== 'object' || !Array.isArray(partial.compensation)) {
    fail('INVALID_ARGUMENT', 'finishCentroidSums', 'partial', 'a centroid partial', partial);
  }
  return {
    dimension: partial.centroids.dimension,
    sums: partial.centroids.sums.map((row, c) => row.map((value, j) => value + (partial.compensation[c]?.[j] ?? 0))),
    counts: [...partial.centroids.counts],
  };
}
