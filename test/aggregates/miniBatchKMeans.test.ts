import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { miniBatchKMeans, miniBatchUpdate } from '../../src/themes/miniBatchKMeans';
import { createRandom } from '../../src/themes/random';
import type { DenseMatrix } from '../../src/themes/types';

/** Three well-separated Gaussian blobs in 2-D around (0,0), (10,0), (0,10), n per blob, seeded. */
function blobs(n: number, seed: number): { points: DenseMatrix; truth: number[] } {
  const random = createRandom(seed);
  const centres = [[0, 0], [10, 0], [0, 10]];
  const data = new Float64Array(3 * n * 2);
  const truth: number[] = [];
  for (let i = 0; i < 3 * n; i++) {
    const c = i % 3;
    data[2 * i] = (centres[c]![0] as number) + (random.next() - 0.5);
    data[2 * i + 1] = (centres[c]![1] as number) + (random.next() - 0.5);
    truth.push(c);
  }
  return { points: { rows: 3 * n, cols: 2, data }, truth };
}

describe('miniBatchKMeans(points, { k, seed })', () => {
  it('recovers three separated blobs exactly (same partition as the truth)', () => {
    const { points, truth } = blobs(400, 3);
    const result = miniBatchKMeans(points, { k: 3, seed: 1, batchSize: 64 });
    // Same partition up to relabelling: each true blob maps to one cluster, and the three clusters differ.
    const map = new Map<number, number>();
    truth.forEach((t, i) => {
      const a = result.assignments[i] as number;
      if (!map.has(t)) map.set(t, a);
      expect(map.get(t)).toBe(a);
    });
    expect(new Set(map.values()).size).toBe(3);
    // Centroids near the blob centres (the blobs' means are within 0.05 of them for 400 uniform draws each).
    const found = Array.from({ length: 3 }, (_, c) => [result.centroids.data[2 * c]!, result.centroids.data[2 * c + 1]!]).sort((x, y) => x[0]! - y[0]! || x[1]! - y[1]!);
    expect(found[0]![0]).toBeCloseTo(0, 0);
    expect(found[2]![0]).toBeCloseTo(10, 0);
  });

  it('Sculley\'s per-centre rate makes a centroid the running mean: miniBatchUpdate([[0],[10]], counts [1,1], row 2) gives [[1],[10]]', () => {
    // By hand: nearest centre of 2 is 0; count 2, rate 1/2: (1 - 1/2) * 0 + 1/2 * 2 = 1.
    const state = Object.freeze({ centroids: Object.freeze([Object.freeze([0]), Object.freeze([10])]), counts: Object.freeze([1, 1]), spherical: false });
    const next = miniBatchUpdate(state, { rows: 1, cols: 1, data: Float64Array.of(2) });
    expect(next).toEqual({ centroids: [[1], [10]], counts: [2, 1], spherical: false });
    expect(state.centroids).toEqual([[0], [10]]);
  });

  it('same seed, same output; input not mutated; every row assigned in 0..k-1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 1000 }), (k, seed) => {
        const { points } = blobs(20, seed);
        const copy = Float64Array.from(points.data);
        const a = miniBatchKMeans(points, { k, seed, batchSize: 16, maxIterations: 20 });
        const b = miniBatchKMeans(points, { k, seed, batchSize: 16, maxIterations: 20 });
        expect(Array.from(a.assignments)).toEqual(Array.from(b.assignments));
        expect(a.state).toEqual(b.state);
        expect(Array.from(points.data)).toEqual(Array.from(copy));
        expect(a.assignments.length).toBe(points.rows);
        expect(Array.from(a.assignments).every((c) => c >= 0 && c < k)).toBe(true);
        expect(JSON.parse(JSON.stringify(a.state))).toEqual(a.state);
      }),
      { seed: 42, numRuns: 25 },
    );
  });

  it('{ spherical: true } keeps unit-length centroids', () => {
    const { points } = blobs(50, 5);
    const result = miniBatchKMeans(points, { k: 2, seed: 2, spherical: true, batchSize: 32 });
    for (let c = 0; c < 2; c++) expect(Math.hypot(result.centroids.data[2 * c]!, result.centroids.data[2 * c + 1]!)).toBeCloseTo(1, 12);
  });

  it('misuse: k above the rows, a non-matrix, a malformed state', () => {
    const { points } = blobs(1, 1);
    expect(() => miniBatchKMeans(points, { k: 4 })).toThrow('miniBatchKMeans: expected options.k to be an integer from 1 to 3, found 4');
    expect(() => miniBatchKMeans([] as never, { k: 1 })).toThrow('miniBatchKMeans: expected points to be a DenseMatrix, found an array of 0');
    expect(() => miniBatchUpdate({ centroids: [[1, 2]], counts: [1], spherical: false }, points)).not.toThrow();
    expect(() => miniBatchUpdate({ centroids: [[1]], counts: [1], spherical: false }, points)).toThrow(
      'miniBatchUpdate: expected state to be a MiniBatchState with centroids of dimension 2, found an object',
    );
  });
});
