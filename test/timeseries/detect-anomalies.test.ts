import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectAnomalies } from '../../src/timeseries/detect-anomalies';
import type { Point } from '../../src/timeseries/types';
import { FeedbackMinerError } from '../../src/errors';

function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 16807) % 2147483647) / 2147483647;
}

/** Three years of weekly sales with a yearly cycle, a trend and noise; ISO dates one week apart. */
function weeklySales(seed = 1): Point[] {
  const uniform = seeded(seed);
  return Array.from({ length: 156 }, (_, i) => ({
    t: new Date(Date.UTC(2022, 0, 3) + i * 7 * 86_400_000).toISOString().slice(0, 10),
    value: 100 + 30 * Math.sin((2 * Math.PI * i) / 52) + 0.3 * i + 10 * uniform(),
  }));
}

const spiky = Object.freeze([5, 6, 5, 7, 6, 5, 40, 6, 5, 6].map((value, t) => Object.freeze({ t, value })));

describe('detectAnomalies(points, options)', () => {
  it('detectAnomalies(points, { period: "none" }) finds the one spike with every point method', () => {
    for (const method of ['shesd', 'robust-z', 'iqr', 'ewma'] as const) {
      const found = detectAnomalies(spiky, { period: 'none', method });
      expect(found.map((a) => [a.index, a.t, a.value, a.direction, a.method])).toEqual([[6, 6, 40, 'up', method]]);
    }
  });

  it('detectAnomalies(points, { method: "robust-z" }) uses 1.4826 MAD: z by hand for the spike', () => {
    // By hand: sorted 5 5 5 5 6 6 6 6 7 40, median 6; |x - 6| sorted 0 0 0 0 1 1 1 1 1 34, MAD 1; sigma 1.4826.
    const [spike] = detectAnomalies(spiky, { period: 'none', method: 'robust-z', counts: false });
    expect(spike?.expected).toBe(6);
    expect(spike?.score).toBeCloseTo(34 / 1.482602218505602, 10);
    expect(spike?.upper).toBeCloseTo(6 + 3.5 * 1.482602218505602, 10);
    // Read as counts (the default for non-negative integers) the scale is at least the Poisson sd sqrt(6).
    const [asCount] = detectAnomalies(spiky, { period: 'none', method: 'robust-z' });
    expect(asCount?.score).toBeCloseTo(34 / Math.sqrt(6), 10);
  });

  it('detectAnomalies(weekly sales) detects the yearly period and flags the planted spike only', () => {
    const points = weeklySales();
    points[100] = { t: points[100]?.t as string, value: (points[100]?.value as number) + 60 };
    const found = detectAnomalies(points);
    expect(found.periods).toEqual([52]);
    expect(found.map((a) => a.index)).toEqual([100]);
    const [spike] = found;
    expect(spike?.value).toBeGreaterThan(spike?.upper as number);
    // Without the seasonal step the summer peaks would not be explained.
    expect(detectAnomalies(points, { period: 'none', method: 'robust-z', window: 26 }).length).toBeGreaterThanOrEqual(1);
  });

  it('detectAnomalies(daily sales with weekly and yearly cycles) removes both periods in sequence', () => {
    const uniform = seeded(17);
    const points = Array.from({ length: 3 * 365 }, (_, i) => ({
      t: new Date(Date.UTC(2023, 0, 2) + i * 86_400_000).toISOString().slice(0, 10),
      value: 200 + 60 * Math.sin((2 * Math.PI * i) / 365) + ([0, 0, 0, 5, 20, 45, 30][i % 7] as number) + 6 * uniform() + (i === 500 ? 60 : 0),
    }));
    const found = detectAnomalies(points);
    expect(found.periods).toEqual([7, 365]);
    expect(found.map((a) => a.index)).toEqual([500]);
    expect(detectAnomalies(points, { level: 'median' }).map((a) => a.index)).toContain(500);
  });

  it('detectAnomalies(points, { events }) annotates anomalies on known events', () => {
    const points = weeklySales();
    points[100] = { t: points[100]?.t as string, value: (points[100]?.value as number) + 60 };
    const promoDay = new Date(Date.parse(points[100]?.t as string) + 2 * 86_400_000).toISOString().slice(0, 10); // a Wednesday
    const [spike] = detectAnomalies(points, { events: [{ name: 'spring promotion', start: promoDay }] });
    expect(spike?.event).toBe('spring promotion');
  });

  it('detectAnomalies(flat series) invents nothing, for every method (MAD = 0 guard)', () => {
    const flat = Array.from({ length: 60 }, (_, t) => ({ t, value: 7 }));
    for (const method of ['shesd', 'robust-z', 'iqr', 'ewma', 'level-shift', 'volatility-shift'] as const) {
      expect(detectAnomalies(flat, { method }).length).toBe(0);
    }
  });

  it('detectAnomalies(mostly zeros with spikes, { method: "robust-z" }) falls back from MAD = 0 and says so', () => {
    const values = [0, 0, 0, 1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 30, 0, 0, 1, 0, 0];
    const found = detectAnomalies(values.map((value, t) => ({ t, value })), { period: 'none', method: 'robust-z' });
    expect(found.map((a) => a.index)).toContain(14);
    expect(found.warnings).toContain(
      'detectAnomalies: MAD = 0 (over half the residuals are equal): the scale fell back to 1.2533 x the mean absolute deviation',
    );
  });

  it('detectAnomalies(slow-moving unit sales) judges counts against their Poisson noise, not a MAD of 0', () => {
    // A product selling about one unit a week: 3 is ordinary (Poisson sd at level 1 is 1); 12 is news.
    const units = [1, 1, 0, 1, 2, 1, 1, 1, 0, 1, 1, 3, 1, 1, 2, 1, 12, 1, 1, 0, 1, 1, 1, 2, 1, 1, 1, 1, 0, 1, 1, 1];
    const points = units.map((value, t) => ({ t, value }));
    for (const method of ['shesd', 'robust-z', 'iqr'] as const) {
      expect(detectAnomalies(points, { period: 'none', method }).map((a) => a.index)).toEqual([16]);
    }
    // Read as measurements instead of counts (MAD 0 once the 12 is out), ESD flags the 3 and a 2 as well.
    expect(detectAnomalies(points, { period: 'none', counts: false }).map((a) => a.index)).toEqual([11, 16, 23]);
  });

  it('detectAnomalies(unsorted points) sorts them and reports indices into the input', () => {
    const shuffled = [...spiky].reverse();
    const found = detectAnomalies(shuffled, { period: 'none' });
    expect(found.map((a) => a.index)).toEqual([3]);
    expect(found.warnings[0]).toBe('detectAnomalies: points were not in time order; they were sorted by t (indices still refer to the input)');
  });

  it('detectAnomalies(duplicate timestamps) keeps them and warns', () => {
    const points = [...spiky, { t: 9, value: 6 }];
    expect(detectAnomalies(points, { period: 'none' }).warnings[0]).toMatch(/^detectAnomalies: 1 point\(s\) repeat an earlier timestamp \(first at t = 9\)/);
  });

  it('detectAnomalies(NaN, Infinity, strings, bad t) keeps gaps, never flags them, and reports them', () => {
    const points = [
      ...spiky.slice(0, 3),
      { t: 3, value: Number.NaN },
      { t: 4, value: Infinity },
      { t: 5, value: '9' as unknown as number },
      { t: 'soon', value: 5 },
      ...spiky.slice(6),
    ];
    const found = detectAnomalies(points, { period: 'none' });
    expect(found.map((a) => a.index)).toEqual([7]);
    expect(found.rejected).toEqual([
      { row: 3, field: 'value', reason: 'expected a finite number, found NaN; kept as a gap' },
      { row: 4, field: 'value', reason: 'expected a finite number, found Infinity; kept as a gap' },
      { row: 5, field: 'value', reason: 'expected a finite number, found "9"; kept as a gap' },
      { row: 6, field: 't', reason: 'expected an ISO 8601 date or a finite number, found "soon"' },
    ]);
  });

  it('detectAnomalies(single point | two points) returns nothing with a warning', () => {
    expect(detectAnomalies([{ t: 0, value: 1 }]).warnings).toEqual(['detectAnomalies: 1 finite point(s); at least 3 are needed to judge any point']);
    expect(detectAnomalies([]).length).toBe(0);
  });

  it('detectAnomalies(series shorter than two periods, { period: 52 }) degrades to non-seasonal with a warning', () => {
    const found = detectAnomalies(spiky, { period: 52 });
    expect(found.periods).toEqual([]);
    expect(found.map((a) => a.index)).toEqual([6]);
    expect(found.warnings[0]).toMatch(/^detectAnomalies: period 52 needs at least 104 points \(two full cycles\), found 10/);
  });

  it('detectAnomalies(level shift | volatility shift) dates the shift', () => {
    const uniform = seeded(5);
    const level = Array.from({ length: 80 }, (_, t) => ({ t, value: (t < 40 ? 10 : 25) + uniform() }));
    const shifts = detectAnomalies(level, { method: 'level-shift', period: 'none' });
    expect(shifts.map((a) => [a.index, a.direction])).toEqual([[40, 'up']]);
    const calm = Array.from({ length: 80 }, (_, t) => ({ t, value: 10 + (t < 40 ? 0.1 : 5) * (uniform() - 0.5) }));
    const vol = detectAnomalies(calm, { method: 'volatility-shift', period: 'none' });
    expect(vol.length).toBe(1);
    expect(Math.abs((vol[0]?.index as number) - 40)).toBeLessThanOrEqual(2);
    expect(vol[0]?.direction).toBe('up');
  });

  it('detectAnomalies(level shift) dates a shift of 15 at a level of 1e9 where it dates it at level 0 (no cancellation)', () => {
    // A constant level changes neither the medians' difference nor the least-squares split (the between-segment
    // sum of squares is shift-invariant), so the answer is the one at level 0 above: [[40, 'up']]. The textbook
    // sum(x^2) - (sum x)^2 / n, with x^2 near 1e18 (one unit in the last place = 128), dated it at 36.
    const uniform = seeded(5);
    const level = Array.from({ length: 80 }, (_, t) => ({ t, value: 1e9 + (t < 40 ? 10 : 25) + uniform() }));
    expect(detectAnomalies(level, { method: 'level-shift', period: 'none' }).map((a) => [a.index, a.direction])).toEqual([[40, 'up']]);
  });

  it('detectAnomalies(points, options) throws INVALID_OPTION with the exact message', () => {
    expect(() => detectAnomalies(spiky, { method: 'magic' as never })).toThrow(
      "detectAnomalies: expected options.method to be 'shesd', 'robust-z', 'iqr', 'ewma', 'level-shift', 'volatility-shift', found \"magic\"",
    );
    expect(() => detectAnomalies(spiky, { period: -3 })).toThrow('detectAnomalies: expected options.period to be an integer >= 2, found -3');
    expect(() => detectAnomalies(spiky, { maxAnomalies: 0.6 })).toThrow('detectAnomalies: expected options.maxAnomalies to be a fraction in (0, 0.49], found 0.6');
    expect(() => detectAnomalies(spiky, { events: [{ name: 'x', start: 'never' }] })).toThrow(
      'detectAnomalies: expected options.events[0].start to be an ISO 8601 date or a number, found "never"',
    );
    expect(() => detectAnomalies('points' as never)).toThrow(FeedbackMinerError);
  });

  it('detectAnomalies(points) never mutates its input, is deterministic, and flags only points outside their band', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 3, maxLength: 80 }),
        fc.constantFrom('shesd', 'robust-z', 'iqr', 'ewma', 'level-shift', 'volatility-shift'),
        (values, method) => {
          const points = Object.freeze(values.map((value, t) => Object.freeze({ t, value })));
          const first = detectAnomalies(points, { method });
          const second = detectAnomalies(points, { method });
          expect([...first]).toEqual([...second]);
          for (const a of first) {
            expect(a.index).toBeGreaterThanOrEqual(0);
            expect(a.index).toBeLessThan(points.length);
            expect(a.value).toBe(points[a.index]?.value);
            if (method === 'robust-z' || method === 'iqr' || method === 'ewma') {
              expect(a.value < a.lower || a.value > a.upper).toBe(true);
            }
          }
        },
      ),
      { seed: 42, numRuns: 120 },
    );
  });

  it('detectAnomalies(300,000 points, { method: "robust-z" }) finds the planted spikes (10 million: benchmarks/timeseries-speed.ts)', () => {
    const uniform = seeded(9);
    const n = 300_000;
    const points: Point[] = new Array(n);
    for (let t = 0; t < n; t++) points[t] = { t, value: uniform() };
    for (const at of [10, 150_000, 299_990]) points[at] = { t: at, value: 50 };
    const found = detectAnomalies(points, { method: 'robust-z', period: 'none' });
    expect(found.map((a) => a.index)).toEqual([10, 150_000, 299_990]);
  });
});
