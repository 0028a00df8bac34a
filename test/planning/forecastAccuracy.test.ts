import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nonFiniteNumbers } from '../insights/noNaN';
import { FeedbackMinerError } from '../../src/errors';
import { forecastAccuracy } from '../../src/planning/forecastAccuracy';
import type { ForecastRecord } from '../../src/records';

// Worked by hand with the formulas of Hyndman & Athanasopoulos, FPP3 section 5.8:
// actuals y = 10, 12, 14, 13; forecasts f = 11, 11, 15, 10; errors e = y - f = -1, 1, -1, 3.
// MAE = 6/4 = 1.5; RMSE = sqrt((1 + 1 + 1 + 9) / 4) = sqrt(3) = 1.7320508;
// MAPE = 100 * (1/10 + 1/12 + 1/14 + 3/13) / 4 = 12.138278 %; WAPE = 100 * 6 / 49 = 12.244898 %;
// bias (f - y) = (1 - 1 + 1 - 3) / 4 = -0.5 (under-forecast); biasPercent = 100 * -2 / 49 = -4.0816327 %;
// tracking signal = -2 / 1.5 = -1.3333333.
// MASE with a training set 8, 9, 12, 10, 11 (naive, m = 1): q = (1 + 3 + 2 + 1) / 4 = 1.75, MASE = 1.5 / 1.75 = 0.8571429;
// RMSSE: q2 = (1 + 9 + 4 + 1) / 4 = 3.75, RMSSE = sqrt(3 / 3.75) = 0.8944272.
// Without a training set the scale comes from the actuals themselves: q = (2 + 2 + 1) / 3 = 5/3, MASE = 0.9; q2 = 3, RMSSE = 1.
const ACTUAL = [10, 12, 14, 13];
const FORECAST = [11, 11, 15, 10];
const ROWS: readonly ForecastRecord[] = Object.freeze(
  ACTUAL.map((actual, i) => Object.freeze({ group: 'A', period: `2026-0${i + 5}-01`, actual, forecast: FORECAST[i] as number, lag: 1 })),
);
const HISTORY = [8, 9, 12, 10, 11].map((actual, i) => ({ group: 'A', period: `2025-1${i}-01`, actual }));

describe('forecastAccuracy(rows, options?)', () => {
  it('forecastAccuracy(rows, { history }) matches the example worked by hand (FPP3 5.8)', () => {
    const { overall } = forecastAccuracy(ROWS, { history: HISTORY });
    expect(overall.n).toBe(4);
    expect(overall.mae).toBeCloseTo(1.5, 10);
    expect(overall.rmse).toBeCloseTo(1.7320508, 6);
    expect(overall.mape).toBeCloseTo(12.138278, 5);
    expect(overall.wape).toBeCloseTo(12.244898, 5);
    expect(overall.bias).toBeCloseTo(-0.5, 10);
    expect(overall.biasPercent).toBeCloseTo(-4.0816327, 6);
    expect(overall.trackingSignal).toBeCloseTo(-1.3333333, 6);
    expect(overall.trackingSignalFlag).toBeNull();
    expect(overall.mase).toBeCloseTo(0.8571429, 6);
    expect(overall.rmsse).toBeCloseTo(0.8944272, 6);
  });

  it('forecastAccuracy(rows) without history scales by the seasonal naive error of the actuals', () => {
    const { overall } = forecastAccuracy(ROWS);
    expect(overall.mase).toBeCloseTo(0.9, 10);
    expect(overall.rmsse).toBeCloseTo(1, 10);
  });

  it('forecastAccuracy(rows, { seasonalPeriod: 2 }) uses y(t - m)', () => {
    // q = (|14 - 10| + |13 - 12|) / 2 = 2.5 -> MASE = 1.5 / 2.5 = 0.6
    expect(forecastAccuracy(ROWS, { seasonalPeriod: 2 }).overall.mase).toBeCloseTo(0.6, 10);
  });

  it('forecastAccuracy(rows) flags a tracking signal beyond ±4, configurable', () => {
    // Always over-forecast by 2: sum(f - y) = 10 over 5 rows, MAD = 2 -> TS = 5.
    const rows = [1, 2, 3, 4, 5].map((i) => ({ group: 'B', period: `2026-0${i}`, actual: 10 + i, forecast: 12 + i }));
    const r = forecastAccuracy(rows);
    expect(r.overall.trackingSignal).toBe(5);
    expect(r.overall.trackingSignalFlag).toBe('over-forecast');
    expect(forecastAccuracy(rows, { trackingSignalLimit: 6 }).overall.trackingSignalFlag).toBeNull();
  });

  it('forecastAccuracy(rows) gives no pooled tracking signal over several items, and counts the items flagged', () => {
    const biased = [1, 2, 3, 4, 5].map((i) => ({ group: 'B', period: `2026-0${i}`, actual: 10 + i, forecast: 12 + i }));
    const fine = [1, 2, 3, 4, 5].map((i) => ({ group: 'C', period: `2026-0${i}`, actual: 10, forecast: i % 2 ? 11 : 9 }));
    const r = forecastAccuracy([...biased, ...fine]);
    expect(r.overall.trackingSignal).toBeNull();
    expect(r.overall.groupsFlagged).toBe(1);
    // C: errors f - y = +1, -1, +1, -1, +1 -> sum 1, MAD 1 -> TS 1
    expect(r.groups.map((g) => [g.key.group, g.trackingSignal])).toEqual([
      ['B', 5],
      ['C', 1],
    ]);
  });

  it('forecastAccuracy(rows, { by: ["group", "lag"], lag }) reports per group and lag, filtered by lag', () => {
    const rows: ForecastRecord[] = [
      { group: 'A', period: '2026-01', forecast: 10, actual: 10, lag: 1 },
      { group: 'A', period: '2026-01', forecast: 14, actual: 10, lag: 2 },
      { group: 'B', period: '2026-01', forecast: 5, actual: 4, lag: 1 },
      { group: 'B', period: '2026-01', forecast: 5, actual: 4 },
    ];
    const r = forecastAccuracy(rows, { by: ['group', 'lag'] });
    expect(r.groups.map((g) => [g.key, g.mae])).toEqual([
      [{ group: 'A', lag: 1 }, 0],
      [{ group: 'A', lag: 2 }, 4],
      [{ group: 'B', lag: null }, 1],
      [{ group: 'B', lag: 1 }, 1],
    ]);
    const lag2 = forecastAccuracy(rows, { by: 'lag', lag: 2 });
    expect(lag2.overall.n).toBe(1);
    expect(lag2.warnings).toContain('3 row(s) of other lags left out (options.lag)');
  });

  it('forecastAccuracy(rows) reports missing, negative and duplicated rows and keeps zero actuals out of MAPE only', () => {
    const rows = [
      { group: 'A', period: '2026-01', forecast: 10, actual: 8 },
      { group: 'A', period: '2026-02', forecast: 10 },
      { group: 'A', period: '2026-03', forecast: 10, actual: -2 },
      { group: 'A', period: '2026-01', forecast: 11, actual: 8 },
      { group: 'A', period: '2026-04', forecast: 2, actual: 0 },
      { group: 'A', period: '2026-05', forecast: Number.NaN, actual: 3 },
    ] as ForecastRecord[];
    const r = forecastAccuracy(rows);
    expect(r.rejected).toEqual([
      { row: 1, field: 'actual', reason: 'actual missing' },
      { row: 2, field: 'actual', reason: "negative actual -2 (options.negativeActuals is 'reject')" },
      { row: 3, field: 'period', reason: 'duplicate of row 0 (same group, period, lag, step and cycle)' },
      { row: 5, field: 'forecast', reason: 'forecast is not a finite number: NaN' },
    ]);
    expect(r.overall.n).toBe(2);
    expect(r.overall.mapeN).toBe(1);
    expect(r.overall.zeroActuals).toBe(1);
    expect(r.overall.mape).toBe(25);
    expect(r.overall.wape).toBe(50); // (2 + 2) / 8
    expect(forecastAccuracy(rows, { negativeActuals: 'keep' }).overall.n).toBe(3);
  });

  it('forecastAccuracy(rows) gives null, never NaN, when a figure cannot be computed', () => {
    const r = forecastAccuracy([{ group: 'A', period: '2026-01', forecast: 1, actual: 0 }]);
    expect(r.overall).toMatchObject({ mape: null, wape: null, biasPercent: null, mase: null, rmsse: null });
    const empty = forecastAccuracy([]);
    expect(empty.overall.n).toBe(0);
    expect(empty.warnings).toContain('no row could be scored: every figure is empty');
    expect(nonFiniteNumbers(empty)).toEqual([]);
  });

  it('forecastAccuracy(rows, options) throws on misuse', () => {
    expect(() => forecastAccuracy({} as never)).toThrow('forecastAccuracy: expected rows to be an array, found an object');
    expect(() => forecastAccuracy([], { by: ['region' as never] })).toThrow(
      'forecastAccuracy: expected options.by to be made of "group", "lag", "step", "cycle", found "region"',
    );
    expect(() => forecastAccuracy([], { seasonalPeriod: 0 })).toThrow(
      new FeedbackMinerError('INVALID_OPTION', 'forecastAccuracy: expected options.seasonalPeriod to be an integer >= 1, found 0', { where: 'forecastAccuracy' }),
    );
    expect(() => forecastAccuracy([], { lag: 1.5 })).toThrow('forecastAccuracy: expected options.lag to be an integer >= 0, found 1.5');
  });

  it('forecastAccuracy(rows) keeps every figure finite, WAPE >= 0, does not mutate its input', () => {
    const row = fc.record({
      group: fc.constantFrom('A', 'B', 'C'),
      period: fc.constantFrom('2026-01', '2026-02', '2026-03', '2026-04'),
      forecast: fc.double({ min: 0, max: 1e4, noNaN: true }),
      actual: fc.double({ min: 0, max: 1e4, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), (rows) => {
        const frozen = Object.freeze(rows.map((r) => Object.freeze({ ...r })));
        const before = JSON.stringify(frozen);
        const r = forecastAccuracy(frozen);
        expect(JSON.stringify(frozen)).toBe(before);
        expect(nonFiniteNumbers(r)).toEqual([]);
        expect(r.overall.n + r.rejected.length).toBe(rows.length);
        if (r.overall.wape !== null) expect(r.overall.wape).toBeGreaterThanOrEqual(0);
      }),
      { seed: 42, numRuns: 150 },
    );
  });
});
