import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  addToSum,
  combineAggregates,
  compensatedSum,
  countsBy,
  documentFrequencies,
  finishCentroidSums,
  finishNps,
  mergeAll,
  mergeSums,
  npsTally,
  sentimentSums,
  seriesBuckets,
  seriesPoints,
  sumValue,
  summarizeSentiment,
  themeCentroidSums,
  ZERO_SUM,
  type Aggregate,
} from '../../src/aggregates';
import { netPromoterScore } from '../../src/insights/netPromoterScore';
import { FeedbackMinerError } from '../../src/errors';

/**
 * Equality for floats: every `{ sum, compensation }` pair is replaced by its value `sum + compensation`, and
 * numbers then compare with a relative tolerance of 1e-9 (absolute for |x| < 1). Integers (counts) are
 * compared exactly because the tolerance is far below 1 at the magnitudes generated here; everything else must be
 * deeply equal (same keys, same order of rejected rows).
 */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 2 && typeof record.sum === 'number' && typeof record.compensation === 'number') {
      return (record.sum as number) + (record.compensation as number);
    }
    return Object.fromEntries(keys.sort().map((k) => [k, normalize(record[k])]));
  }
  return value;
}

function close(a: unknown, b: unknown, path = '$'): void {
  if (typeof a === 'number' && typeof b === 'number') {
    const tolerance = 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
    if (!(Math.abs(a - b) <= tolerance)) throw new Error(`${path}: ${a} != ${b}`);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) throw new Error(`${path}: lengths ${a.length} != ${b.length}`);
    a.forEach((x, i) => close(x, b[i], `${path}[${i}]`));
    return;
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    expect(ka, path).toEqual(kb);
    for (const k of ka) close((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    return;
  }
  expect(a, path).toEqual(b);
}

const approx = (a: unknown, b: unknown): void => close(normalize(a), normalize(b));

/** The laws every aggregate claims, on records from `arb`. */
function checkLaws<R, P>(title: string, aggregate: Aggregate<R, P>, arb: fc.Arbitrary<R>, exact: boolean): void {
  const same = (a: P, b: P): void => (exact ? expect(JSON.stringify(a)).toBe(JSON.stringify(b)) : approx(a, b));
  describe(title, () => {
    it('merge(partial(A), partial(B, |A|)) equals partial(A ++ B)', () => {
      fc.assert(
        fc.property(fc.array(arb, { maxLength: 30 }), fc.array(arb, { maxLength: 30 }), (a, b) => {
          same(aggregate.merge(aggregate.partial(a), aggregate.partial(b, a.length)), aggregate.partial([...a, ...b]));
        }),
        { seed: 42, numRuns: 100 },
      );
    });
    it('merge(merge(a, b), c) equals merge(a, merge(b, c))', () => {
      fc.assert(
        fc.property(fc.array(arb, { maxLength: 20 }), fc.array(arb, { maxLength: 20 }), fc.array(arb, { maxLength: 20 }), (a, b, c) => {
          const [pa, pb, pc] = [aggregate.partial(a), aggregate.partial(b, a.length), aggregate.partial(c, a.length + b.length)];
          same(aggregate.merge(aggregate.merge(pa, pb), pc), aggregate.merge(pa, aggregate.merge(pb, pc)));
        }),
        { seed: 42, numRuns: 60 },
      );
    });
    it('merge(a, b) equals merge(b, a) (commutative)', () => {
      fc.assert(
        fc.property(fc.array(arb, { maxLength: 20 }), fc.array(arb, { maxLength: 20 }), (a, b) => {
          const [pa, pb] = [aggregate.partial(a), aggregate.partial(b, a.length)];
          // Exact even for floating sums: TwoSum and the sum of two compensations are symmetric.
          expect(JSON.stringify(aggregate.merge(pa, pb))).toBe(JSON.stringify(aggregate.merge(pb, pa)));
        }),
        { seed: 42, numRuns: 60 },
      );
    });
    it('merge(identity, p) and merge(p, identity) equal p; partial([]) equals identity', () => {
      fc.assert(
        fc.property(fc.array(arb, { maxLength: 20 }), (a) => {
          const p = aggregate.partial(a);
          same(aggregate.merge(aggregate.identity, p), p);
          same(aggregate.merge(p, aggregate.identity), p);
        }),
        { seed: 42, numRuns: 50 },
      );
      same(aggregate.partial([]), aggregate.identity);
    });
    it('partial(frozen records) and merge(frozen partials) mutate nothing', () => {
      fc.assert(
        fc.property(fc.array(arb, { maxLength: 20 }), (a) => {
          const frozen = Object.freeze(a.map((r) => (r !== null && typeof r === 'object' ? Object.freeze(r) : r)));
          const before = JSON.stringify(frozen);
          const p = aggregate.partial(frozen);
          const frozenP = JSON.parse(JSON.stringify(p)) as P;
          deepFreeze(frozenP);
          aggregate.merge(frozenP, frozenP);
          expect(JSON.stringify(frozen)).toBe(before);
        }),
        { seed: 42, numRuns: 30 },
      );
    });
  });
}

function deepFreeze(value: unknown): void {
  if (value !== null && typeof value === 'object') {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
}

const source = fc.oneof(fc.constantFrom('review', 'survey', 'ticket', '__proto__', 'constructor'), fc.constant(''), fc.constant(null));
const scoreArb = fc.oneof(fc.double({ min: -1, max: 1, noNaN: true }), fc.constant(Number.NaN), fc.constant(null));
const ratingArb = fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constantFrom(11, -1, 7.5, Number.NaN));
const word = fc.constantFrom('late', 'rude', 'great', 'price', 'stock');

type Row = { source: string | null; score: number | null; rating: number; terms: string[]; date: string; value: number; theme: number; vector: number[] };
const rowArb: fc.Arbitrary<Row> = fc.record({
  source,
  score: scoreArb,
  rating: ratingArb,
  terms: fc.array(word, { maxLength: 5 }),
  date: fc.constantFrom('2026-01-05', '2026-01-07', '2026-01-12', '2026-02-01', 'not a date'),
  value: fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(Number.POSITIVE_INFINITY)),
  theme: fc.integer({ min: -1, max: 3 }),
  vector: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }),
});

checkLaws('countsBy(key)', countsBy((r: Row) => r.source), rowArb, true);
checkLaws('sentimentSums()', sentimentSums<Row>(), rowArb, false);
checkLaws('documentFrequencies({ terms })', documentFrequencies<Row>({ terms: (r) => r.terms }), rowArb, true);
checkLaws('themeCentroidSums({ k, dimension })', themeCentroidSums<Row>({ k: 3, dimension: 3 }), rowArb, false);
checkLaws('npsTally({ rating })', npsTally<Row>({ rating: (r) => r.rating }), rowArb, true);
checkLaws('seriesBuckets({ key, t, value })', seriesBuckets<Row>({ key: (r) => r.source, t: (r) => r.date }), rowArb, false);
checkLaws(
  'combineAggregates({ ... })',
  combineAggregates({ sources: countsBy((r: Row) => r.source), nps: npsTally<Row>({ rating: (r) => r.rating }), sentiment: sentimentSums<Row>() }),
  rowArb,
  false,
);

describe('compensated sums', () => {
  it('addToSum keeps what naive summation loses: 1e16 + 1 - 1e16 = 1', () => {
    // By hand: fl(1e16 + 1) = 1e16 (ulp 2, ties to even), error 1 kept in the compensation.
    expect(sumValue(addToSum(addToSum(addToSum(ZERO_SUM, 1e16), 1), -1e16))).toBe(1);
    expect(1e16 + 1 - 1e16).toBe(0);
  });
  it('mergeSums({1e16}, {1}) carries the 1 in the compensation', () => {
    expect(mergeSums({ sum: 1e16, compensation: 0 }, { sum: 1, compensation: 0 })).toEqual({ sum: 1e16, compensation: 1 });
  });
  it('compensatedSum([0.1, 0.2, 0.3]) is 0.6 (naive: 0.6000000000000001)', () => {
    expect(0.1 + 0.2 + 0.3).toBe(0.6000000000000001);
    expect(sumValue(compensatedSum([0.1, 0.2, 0.3]))).toBe(0.6);
  });
  it('merging 1e4 shards of 0.1 stays within 1 ulp of 1000', () => {
    const s = sentimentSums<number>({ score: (x) => x });
    const total = mergeAll(s, Array.from({ length: 10_000 }, (_, i) => s.partial([0.1], i)));
    expect(Math.abs(sumValue(total.sum) - 1000)).toBeLessThanOrEqual(2 ** -40);
  });
});

describe('known values (by hand)', () => {
  it('summarizeSentiment over shards [0.5], [-0.5, 0]: mean 0, variance 0.25', () => {
    // By hand: sum 0, sum of squares 0.5, variance (0.5 - 0) / 2 = 0.25.
    const s = sentimentSums<{ score: number }>();
    const summary = summarizeSentiment(s.merge(s.partial([{ score: 0.5 }]), s.partial([{ score: -0.5 }, { score: 0 }], 1)));
    expect(summary).toEqual({ n: 3, mean: 0, variance: 0.25, standardDeviation: 0.5, shares: { positive: 1 / 3, neutral: 1 / 3, negative: 1 / 3 } });
  });
  it('finishNps(tally of [10, 10, 9, 8, 6]) equals netPromoterScore: 40', () => {
    // By hand: 3 promoters, 1 detractor of 5: 100 * (3 - 1) / 5 = 40.
    const nps = npsTally<number>();
    const result = finishNps(nps.merge(nps.partial([10, 10, 9]), nps.partial([8, 6], 3)));
    expect(result.score).toBe(40);
    expect(result.interval).toEqual(netPromoterScore([10, 10, 9, 8, 6]).interval);
  });
  it('seriesBuckets({ frequency: week }) sums 2026-01-06 and 2026-01-08 into the week of Monday 2026-01-05', () => {
    const s = seriesBuckets<{ key: string; date: string; value: number }>({ frequency: 'week' });
    const points = seriesPoints(
      s.merge(s.partial([{ key: 'a', date: '2026-01-06', value: 2 }]), s.partial([{ key: 'a', date: '2026-01-08', value: 3 }, { key: 'a', date: '2026-01-12', value: 1 }], 1)),
    );
    expect(points).toEqual({ a: [{ t: '2026-01-05', value: 5, count: 2 }, { t: '2026-01-12', value: 1, count: 1 }] });
  });
  it('finishCentroidSums folds the compensation: sums [[1, 1]], counts [2]', () => {
    const c = themeCentroidSums<{ vector: number[]; theme: number }>({ k: 1, dimension: 2 });
    expect(finishCentroidSums(c.merge(c.partial([{ vector: [1, 0], theme: 0 }]), c.partial([{ vector: [0, 1], theme: 0 }], 1)))).toEqual({
      dimension: 2,
      sums: [[1, 1]],
      counts: [2],
    });
  });
  it('mergeAll(countsBy, shards) counts a: 2, b: 1', () => {
    const c = countsBy((s: string) => s);
    expect(mergeAll(c, [c.partial(['a']), c.partial(['a'], 1), c.partial(['b'], 2)])).toEqual({ n: 3, counts: { a: 2, b: 1 }, rejected: [] });
    expect(mergeAll(c, [])).toBe(c.identity);
  });
});

describe('bad data is skipped and reported with its global row', () => {
  it('countsBy(key).partial(rows, 10) reports the row without a key as row 11', () => {
    const c = countsBy((r: { source?: string }) => r.source, 'source');
    expect(c.partial([{ source: 'review' }, {}], 10)).toEqual({
      n: 2,
      counts: { review: 1 },
      rejected: [{ row: 11, field: 'source', reason: 'no source (found undefined)' }],
    });
  });
  it('sentimentSums().partial reports NaN scores', () => {
    const p = sentimentSums<{ score: number }>().partial([{ score: Number.NaN }, { score: 0.2 }]);
    expect(p.n).toBe(1);
    expect(p.rejected).toEqual([{ row: 0, field: 'score', reason: 'not a finite number (found NaN)' }]);
  });
  it('npsTally().partial reports 11 and 7.5', () => {
    expect(npsTally<number>().partial([11, 7.5, 9]).rejected.map((r) => r.row)).toEqual([0, 1]);
  });
  it('documentFrequencies().partial counts a non-array as a document without terms', () => {
    const p = documentFrequencies<unknown>().partial([['late'], 'late']);
    expect(p.statistics.documentCount).toBe(2);
    expect(p.rejected).toEqual([{ row: 1, field: 'terms', reason: 'not an array of strings: counted as a document without terms' }]);
  });
});

describe('misuse throws FeedbackMinerError', () => {
  const codeAndMessage = (f: () => unknown): [string, string] => {
    try {
      f();
    } catch (error) {
      expect(error).toBeInstanceOf(FeedbackMinerError);
      return [(error as FeedbackMinerError).code, (error as Error).message];
    }
    throw new Error('did not throw');
  };
  it('countsBy(42)', () => {
    expect(codeAndMessage(() => countsBy(42 as never))).toEqual(['INVALID_ARGUMENT', 'countsBy: expected key to be a function, found 42']);
  });
  it('countsBy(key).partial(rows, -1)', () => {
    expect(codeAndMessage(() => countsBy((s: string) => s).partial([], -1))).toEqual([
      'INVALID_OPTION',
      'countsBy.partial: expected offset to be an integer >= 0, found -1',
    ]);
  });
  it('countsBy(key).partial("abc")', () => {
    expect(codeAndMessage(() => countsBy((s: string) => s).partial('abc' as never))).toEqual([
      'INVALID_ARGUMENT',
      'countsBy.partial: expected records to be an array, found "abc"',
    ]);
  });
  it('themeCentroidSums({ k: 0, dimension: 2 })', () => {
    expect(codeAndMessage(() => themeCentroidSums({ k: 0, dimension: 2 }))).toEqual([
      'INVALID_OPTION',
      'themeCentroidSums: expected options.k to be an integer >= 1, found 0',
    ]);
  });
  it('seriesBuckets({ frequency: "year" })', () => {
    expect(codeAndMessage(() => seriesBuckets({ frequency: 'year' as never }))).toEqual([
      'INVALID_OPTION',
      `seriesBuckets: expected options.frequency to be 'day', 'week' or 'month', found "year"`,
    ]);
  });
  it('npsTally().merge(partial, null)', () => {
    const nps = npsTally<number>();
    expect(codeAndMessage(() => nps.merge(nps.identity, null as never))).toEqual([
      'INVALID_ARGUMENT',
      'npsTally.merge: expected b to be an NPS partial { counts (11), rejected }, found null',
    ]);
  });
  it('sentimentSums({ neutralBand: 1 })', () => {
    expect(codeAndMessage(() => sentimentSums({ neutralBand: 1 }))).toEqual([
      'INVALID_OPTION',
      'sentimentSums: expected options.neutralBand to be a number from 0 to 1 (exclusive), found 1',
    ]);
  });
});
