import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { centroidSums, mergeCentroidSums } from '../../src/themes/centroidSums';
import { cosineSilhouette } from '../../src/themes/silhouette';
import { sphericalKMeans } from '../../src/themes/sphericalKMeans';
import type { DenseMatrix } from '../../src/themes/types';

function dense(rows: number[][]): DenseMatrix {
  return { rows: rows.length, cols: rows[0]?.length ?? 0, data: Float64Array.from(rows.flat()) };
}
function unit(angle: number): number[] {
  return [Math.cos(angle), Math.sin(angle)];
}

describe('sphericalKMeans(points, { k, seed })', () => {
  const points = dense([unit(0), unit(0.1), unit(0.05), unit(Math.PI / 2), unit(Math.PI / 2 - 0.1), unit(Math.PI)]);

  it('separates directions: three groups of angles give three clusters', () => {
    const { assignments, centroids } = sphericalKMeans(points, { k: 3, seed: 1 });
    const a = Array.from(assignments);
    expect(a[0]).toBe(a[1]);
    expect(a[1]).toBe(a[2]);
    expect(a[3]).toBe(a[4]);
    expect(new Set([a[0], a[3], a[5]]).size).toBe(3);
    // Centroids are unit length.
    for (let c = 0; c < 3; c++) expect(Math.hypot(centroids.data[2 * c]!, centroids.data[2 * c + 1]!)).toBeCloseTo(1, 12);
  });

  it('reseeds an empty cluster: k = rows puts every distinct row alone', () => {
    const { assignments } = sphericalKMeans(points, { k: 6, seed: 3 });
    expect(new Set(assignments).size).toBe(6);
  });

  it('same seed, same result; a frozen input is not mutated (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }), { minLength: 3, maxLength: 40 }), fc.integer(), (angles, seed) => {
        const data = Float64Array.from(angles.flatMap(unit));
        const copy = Array.from(data);
        const input = Object.freeze({ rows: angles.length, cols: 2, data });
        const a = sphericalKMeans(input, { k: 3, seed });
        const b = sphericalKMeans(input, { k: 3, seed });
        expect(Array.from(a.assignments)).toEqual(Array.from(b.assignments));
        expect(Array.from(data)).toEqual(copy);
        expect(a.assignments.every((c) => c >= 0 && c < 3)).toBe(true);
      }),
      { seed: 42, numRuns: 60 },
    );
  });

  it('throws INVALID_OPTION for k = 0 and for k above the number of rows', () => {
    expect(() => sphericalKMeans(points, { k: 0 })).toThrowError('sphericalKMeans: expected options.k to be an integer from 1 to 6, found 0');
    expect(() => sphericalKMeans(points, { k: 7 })).toThrowError('sphericalKMeans: expected options.k to be an integer from 1 to 6, found 7');
  });
});

describe('cosineSilhouette(points, assignments)', () => {
  it('is 1 for two pairs of identical directions', () => {
    expect(cosineSilhouette(dense([[1, 0], [1, 0], [0, 1], [0, 1]]), [0, 0, 1, 1])).toBeCloseTo(1, 12);
  });

  it('matches a worked example by hand (singleton scores 0)', () => {
    // (1,0): a = 1 - 0.6 = 0.4, b = 1 - 0 = 1 -> 0.6; (0.6,0.8): a = 0.4, b = 1 - 0.8 = 0.2 -> -0.5; (0,1) alone -> 0.
    expect(cosineSilhouette(dense([[1, 0], [0.6, 0.8], [0, 1]]), [0, 0, 1])).toBeCloseTo((0.6 - 0.5 + 0) / 3, 12);
  });

  it('throws INVALID_ARGUMENT when assignments do not match the rows', () => {
    expect(() => cosineSilhouette(dense([[1, 0]]), [0, 1])).toThrowError(
      'cosineSilhouette: expected assignments to be 1 cluster numbers, found an array of 2',
    );
  });
});

describe('centroidSums(points, assignments, k) / mergeCentroidSums(a, b)', () => {
  it('sums per cluster, skips -1, and merging shards equals the whole', () => {
    const rows = [[1, 0], [0, 1], [1, 1], [2, 2]];
    const assignments = [0, 1, 0, -1];
    const whole = centroidSums(dense(rows), assignments, 2);
    expect(whole).toEqual({ dimension: 2, sums: [[2, 1], [0, 1]], counts: [2, 1] });
    const merged = mergeCentroidSums(centroidSums(dense(rows.slice(0, 2)), [0, 1], 2), centroidSums(dense(rows.slice(2)), [0, -1], 2));
    expect(merged).toEqual(whole);
  });

  it('mergeCentroidSums throws INVALID_ARGUMENT for different dimensions', () => {
    expect(() => mergeCentroidSums({ dimension: 1, sums: [[1]], counts: [1] }, { dimension: 2, sums: [[1, 2]], counts: [1] })).toThrowError(
      'mergeCentroidSums: expected b to be sums of 1 clusters in dimension 1, found an object',
    );
  });
});
