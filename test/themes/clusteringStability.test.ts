import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FeedbackMinerError } from '../../src/errors';
import { clusteringStability } from '../../src/themes/clusteringStability';
import type { DenseMatrix } from '../../src/themes/types';

function unitRows(rows: readonly (readonly number[])[]): DenseMatrix {
  const cols = rows[0]!.length;
  const data = new Float64Array(rows.length * cols);
  rows.forEach((row, i) => {
    const norm = Math.hypot(...row);
    row.forEach((x, j) => {
      data[i * cols + j] = x / norm;
    });
  });
  return { rows: rows.length, cols, data };
}

// Two tight groups of 10 at right angles (worked by hand: any half holds both groups, both halves split them
// the same way, so the transferred and own partitions coincide: ARI 1 on every split).
const TWO_GROUPS = unitRows(Array.from({ length: 20 }, (_, i) => (i < 10 ? [1, 0.01 * i] : [0.01 * i, 1])));

describe('clusteringStability(points, { k, seed })', () => {
  it('is 1 with zero standard error for k = 2 on two well separated groups', () => {
    const result = clusteringStability(TWO_GROUPS, { k: 2, seed: 1 });
    expect(result.stability).toBe(1);
    expect(result.standardError).toBe(0);
    expect(result.values).toHaveLength(6);
  });

  it('is lower for k = 3 on the same two groups (a cluster split arbitrarily)', () => {
    expect(clusteringStability(TWO_GROUPS, { k: 3, seed: 1 }).stability).toBeLessThan(0.9);
  });

  it('throws for impossible options', () => {
    try {
      clusteringStability(TWO_GROUPS, { k: 11 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FeedbackMinerError);
      expect((error as FeedbackMinerError).code).toBe('INVALID_OPTION');
      expect((error as Error).message).toBe('clusteringStability: expected options.k to be an integer from 2 to 10, found 11');
    }
    expect(() => clusteringStability(TWO_GROUPS, { k: 2, repeats: 0 })).toThrowError(
      'clusteringStability: expected options.repeats to be an integer >= 1, found 0',
    );
    expect(() => clusteringStability([] as never, { k: 2 })).toThrowError(FeedbackMinerError);
  });

  it('same seed same result, input untouched, stability within [-1, 1] (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }), { minLength: 8, maxLength: 30 }),
        fc.integer({ min: 0, max: 1000 }),
        (rows, seed) => {
          const points = unitRows(rows);
          const copy = Float64Array.from(points.data);
          const frozen = Object.freeze({ ...points });
          const a = clusteringStability(frozen, { k: 2, seed, repeats: 3 });
          const b = clusteringStability(frozen, { k: 2, seed, repeats: 3 });
          expect(a).toEqual(b);
          expect(points.data).toEqual(copy);
          expect(a.stability).toBeGreaterThanOrEqual(-1);
          expect(a.stability).toBeLessThanOrEqual(1);
        },
      ),
      { seed: 42, numRuns: 40 },
    );
  });
});
