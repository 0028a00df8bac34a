import { describe, expect, it } from 'vitest';
import { detectRateAnomalies } from '../../src/timeseries/rate';
import { toRateSeries } from '../../src/timeseries/rate-series';
import { detectAnomaliesBy } from '../../src/timeseries/detect-anomalies-by';
import { contributions } from '../../src/timeseries/contributions';

describe('detectRateAnomalies(points, options)', () => {
  const weeks = Object.freeze([30, 31, 29, 30, 12, 30].map((orders, t) => Object.freeze({ t, numerator: orders, denominator: 1000 })));

  it('detectRateAnomalies(weeks) flags 12 / 1000 against about 3%', () => {
    const found = detectRateAnomalies(weeks);
    expect(found.map((a) => [a.index, a.direction, a.method])).toEqual([[4, 'down', 'rate']]);
    // Baseline by hand: the other five weeks, 150 / 5000 = 0.03.
    expect(found[0]?.expected).toBeCloseTo(0.03, 12);
    expect(found.rate).toBeCloseTo(0.03, 12);
  });

  it('detectRateAnomalies(rates on 3 and on 1,000 trials) judges 2 / 3 as noise and 60 / 1000 as news', () => {
    const points = [
      { t: 0, numerator: 30, denominator: 1000 },
      { t: 1, numerator: 29, denominator: 1000 },
      { t: 2, numerator: 2, denominator: 3 },
      { t: 3, numerator: 31, denominator: 1000 },
      { t: 4, numerator: 60, denominator: 1000 },
      { t: 5, numerator: 30, denominator: 1000 },
    ];
    for (const model of ['binomial', 'beta-binomial'] as const) {
      const found = detectRateAnomalies(points, { model });
      expect(found.map((a) => a.index)).toEqual([4]);
      // 60 is (60 - 30) / sqrt(1000 * 0.03 * 0.97) = 5.6 binomial sds above: p around 1e-6 or smaller.
      expect(found[0]?.score).toBeGreaterThan(5);
    }
  });

  it('detectRateAnomalies(overdispersed weeks) flags less with the beta-binomial than with the binomial', () => {
    const counts = [300, 340, 260, 330, 270, 310, 290, 350, 250, 320];
    const points = counts.map((x, t) => ({ t, numerator: x, denominator: 10_000 }));
    const binomial = detectRateAnomalies(points, { model: 'binomial', alpha: 0.01 });
    const beta = detectRateAnomalies(points, { model: 'beta-binomial', alpha: 0.01 });
    expect(beta.overdispersion).toBeGreaterThan(0);
    expect(beta.length).toBeLessThan(binomial.length);
  });

  it('detectRateAnomalies(40, 50, 60 of 100) estimates the overdispersion by the method of moments (by hand: 125 / 7425)', () => {
    // Pooled rate 150 / 300 = 1/2. Kleinman (1973): rho = sum((x - n p)^2 - n p (1 - p)) / (p (1 - p) sum n (n - 1))
    // = (100 + 0 + 100 - 3 x 25) / (1/4 x 3 x 9900) = 125 / 7425. No period stands out (|z| = 2, 0, 2).
    const found = detectRateAnomalies([40, 50, 60].map((x, t) => ({ t, numerator: x, denominator: 100 })));
    expect(found.rate).toBe(0.5);
    expect(found.overdispersion).toBeCloseTo(125 / 7425, 15);
    expect(found.length).toBe(0);
  });

  it('detectRateAnomalies(bad rows) skips and reports them', () => {
    const found = detectRateAnomalies([
      ...weeks,
      { t: 6, numerator: 5, denominator: 0 },
      { t: 7, numerator: 9, denominator: 4 },
      { t: 8, numerator: 1.5, denominator: 10 },
    ]);
    expect(found.rejected).toEqual([
      { row: 6, field: 'denominator', reason: 'expected an integer >= 1, found 0' },
      { row: 7, field: 'numerator', reason: 'expected an integer from 0 to the denominator (4), found 9' },
      { row: 8, field: 'numerator', reason: 'expected an integer from 0 to the denominator (10), found 1.5' },
    ]);
    expect(() => detectRateAnomalies(weeks, { model: 'poisson' as never })).toThrow(
      "detectRateAnomalies: expected options.model to be 'beta-binomial' or 'binomial', found \"poisson\"",
    );
  });

  it('toRateSeries(records, { numerator, denominator, freq }) sums both parts per period', () => {
    const rows = [
      { date: '2026-01-05', orders: 3, visits: 100 },
      { date: '2026-01-06', orders: 1, visits: 50 },
      { date: '2026-01-07', orders: 'x', visits: 10 },
    ];
    const series = toRateSeries(rows, { numerator: 'orders', denominator: 'visits', freq: 'week' });
    expect(series.points).toEqual([{ t: '2026-01-05', numerator: 4, denominator: 150, value: 4 / 150 }]);
    expect(series.rejected).toEqual([{ row: 2, field: 'orders', reason: 'expected a finite number >= 0, found "x"' }]);
  });
});

describe('detectAnomaliesBy(records, options)', () => {
  it('detectAnomaliesBy(rows, { by: ["product", "region"] }) runs one detector per series', () => {
    const rows: { date: string; product: string; region: string; units: number }[] = [];
    for (let w = 0; w < 30; w++) {
      const date = new Date(Date.UTC(2026, 0, 5) + w * 7 * 86_400_000).toISOString().slice(0, 10);
      rows.push({ date, product: 'A', region: 'N', units: 10 + (w % 3) });
      rows.push({ date, product: 'B', region: 'N', units: w === 20 ? 90 : 20 + (w % 2) });
    }
    const result = detectAnomaliesBy(rows, { by: ['product', 'region'], value: 'units', freq: 'week', period: 'none' });
    expect(result.groups.map((g) => [g.key, g.dimensions, g.anomalies.map((a) => a.index)])).toEqual([
      ['A | N', { product: 'A', region: 'N' }, []],
      ['B | N', { product: 'B', region: 'N' }, [20]],
    ]);
  });
  it('detectAnomaliesBy(records, { by: undefined }) throws INVALID_OPTION', () => {
    expect(() => detectAnomaliesBy([], { value: 'units', freq: 'week' } as never)).toThrow(
      'detectAnomaliesBy: expected options.by to be a function, a field name or an array of field names, found undefined',
    );
  });
});

describe('contributions(children, options)', () => {
  it('contributions(actual and expected) ranks children by their share of the change (by hand: 40/42, 2/42)', () => {
    const result = contributions([
      { key: 'South', actual: 98, expected: 100 },
      { key: 'North', actual: 60, expected: 100 },
    ]);
    expect(result.contributions.map((c) => [c.key, c.change])).toEqual([
      ['North', -40],
      ['South', -2],
    ]);
    expect(result.contributions[0]?.share).toBeCloseTo(40 / 42, 12);
    expect(result.contributions[1]?.share).toBeCloseTo(2 / 42, 12);
    expect(result.contributions[0]?.surprise).toBeGreaterThan(result.contributions[1]?.surprise as number);
  });

  it('contributions(series, { t, window }) takes the median of the window before t as expected', () => {
    const series = (key: string, values: number[]) => ({ key, points: values.map((value, t) => ({ t, value })) });
    const result = contributions([series('A', [10, 12, 11, 13, 4]), series('B', [5, 5, 6, 5, 5]), series('C', [1, 2])], { t: 4, window: 3 });
    // A: median(12, 11, 13) = 12, change -8; B: median(5, 6, 5) = 5, change 0; C has no point at t = 4.
    expect(result.contributions.map((c) => [c.key, c.expected, c.change, c.share])).toEqual([
      ['A', 12, -8, 1],
      ['B', 5, 0, -0],
    ]);
    expect(result.warnings).toEqual(['contributions: child "C" left out: no finite value at t = 4']);
  });

  it('contributions(series) without t throws INVALID_OPTION', () => {
    expect(() => contributions([{ key: 'A', points: [] }])).toThrow(
      'contributions: expected options.t to be the time of the break for series input, found undefined',
    );
  });
});
