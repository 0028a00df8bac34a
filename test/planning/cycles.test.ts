import { describe, expect, it } from 'vitest';
import { nonFiniteNumbers } from '../insights/noNaN';
import { compareCycles } from '../../src/planning/compareCycles';
import { forecastValueAdded } from '../../src/planning/forecastValueAdded';
import { meanShiftChangePoints } from '../../src/planning/internal/changePoints';
import type { ForecastRecord } from '../../src/records';

describe('forecastValueAdded(rows, options?)', () => {
  // Worked by hand. Actuals A = 10, 10; B = 20, 20 (sum 60).
  // naive: A 12, 8; B 25, 15 -> |e| = 2 + 2 + 5 + 5 = 14 -> WAPE 23.333%
  // statistical: A 11, 9; B 22, 18 -> 1 + 1 + 2 + 2 = 6 -> WAPE 10%; FVA = +13.333 points; A and B both better
  // consensus: A 10, 10; B 24, 16 -> 0 + 0 + 4 + 4 = 8 -> WAPE 13.333%; FVA = -3.333; A better, B worse
  const forecasts: Record<string, [number, number, number, number]> = {
    naive: [12, 8, 25, 15],
    statistical: [11, 9, 22, 18],
    consensus: [10, 10, 24, 16],
  };
  const rows: ForecastRecord[] = [];
  for (const [step, f] of Object.entries(forecasts)) {
    rows.push(
      { group: 'A', period: '2026-01', actual: 10, forecast: f[0], step },
      { group: 'A', period: '2026-02', actual: 10, forecast: f[1], step },
      { group: 'B', period: '2026-01', actual: 20, forecast: f[2], step },
      { group: 'B', period: '2026-02', actual: 20, forecast: f[3], step },
    );
  }
  rows.push({ group: 'A', period: '2026-03', actual: 10, forecast: 50, step: 'naive' });
  rows.push({ group: 'A', period: '2026-04', actual: 10, forecast: 50 });

  it('forecastValueAdded(rows) gives the stair-step worked by hand, on complete cases only', () => {
    const r = forecastValueAdded(Object.freeze(rows));
    expect(r.steps.map((s) => s.step)).toEqual(['naive', 'statistical', 'consensus']);
    expect(r.steps[0]!.value).toBeCloseTo(23.3333333, 6);
    expect(r.steps[1]!.value).toBeCloseTo(10, 10);
    expect(r.steps[1]!.valueAdded).toBeCloseTo(13.3333333, 6);
    expect(r.steps[1]).toMatchObject({ itemsBetter: 2, itemsWorse: 0, shareBetter: 1 });
    expect(r.steps[2]!.valueAdded).toBeCloseTo(-3.3333333, 6);
    expect(r.steps[2]!.valueAddedOverFirst).toBeCloseTo(10, 10);
    expect(r.steps[2]).toMatchObject({ itemsBetter: 1, itemsWorse: 1, shareBetter: 0.5, n: 4 });
    expect(r.warnings).toContain('1 group-period key(s) lack some step and were left out of the comparison');
    expect(r.rejected).toEqual([{ row: 13, field: 'step', reason: 'missing step' }]);
  });

  it("forecastValueAdded(rows, { metric: 'mae', steps }) follows the steps given", () => {
    const r = forecastValueAdded(rows, { metric: 'mae', steps: ['statistical', 'consensus'] });
    expect(r.steps.map((s) => [s.step, s.value])).toEqual([
      ['statistical', 1.5],
      ['consensus', 2],
    ]);
    expect(r.warnings).toContain('rows of steps not in options.steps left out: naive');
    expect(() => forecastValueAdded(rows, { metric: 'rmse' as never })).toThrow(
      'forecastValueAdded: expected options.metric to be "wape", "mae" or "mape", found "rmse"',
    );
  });
});

describe('meanShiftChangePoints(values)', () => {
  it('meanShiftChangePoints(values) finds a level shift and none in a flat noisy series', () => {
    expect(meanShiftChangePoints([10, 11, 9, 10, 11, 10, 30, 31, 29, 30, 31, 30])).toEqual([6]);
    expect(meanShiftChangePoints([10, 11, 9, 10, 11, 10, 9, 11, 10, 10])).toEqual([]);
  });
  it('meanShiftChangePoints(values) gives the same splits on a level of 1e9 (no cancellation in the sums of squares)', () => {
    // By hand: a change in mean is blind to a constant level. For the first series the split at 6 lowers the sum
    // of squares by (6 x 6 / 12)(10.1667 - 30.1667)^2 = 1200, above the penalty 2 sigma^2 ln 12 = 499.3 (the MAD of
    // the differences is 0, so sigma^2 falls back to the variance of the values, 100.47); for the flat series the
    // best split (at 2: means 10.5 and 10) lowers it by (2 x 8 / 10)(0.5)^2 = 0.4 < 2 x 1.099 x ln 10 = 5.06
    // (sigma = 1.4826 x MAD 1 / sqrt 2). With x^2 summed at 1e9 (1e18, one
    // unit in the last place = 128) the textbook sum(x^2) - (sum x)^2 / n form found [2, 8] and [7] here.
    const level = 1e9;
    expect(meanShiftChangePoints([10, 11, 9, 10, 11, 10, 30, 31, 29, 30, 31, 30].map((v) => v + level))).toEqual([6]);
    expect(meanShiftChangePoints([10, 11, 9, 10, 11, 10, 9, 11, 10, 10].map((v) => v + level))).toEqual([]);
  });
});

describe('compareCycles(cycles, options?)', () => {
  const periods = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];
  // X: actuals 100 each period, always forecast 80 (under by 20%). Y: forecast within 1 of actual, except a
  // promotion in 2026-05 (actual 160). W: level jumps from 50 to 120 in 2026-04, forecasts stay 50.
  const Y = [100, 101, 99, 100, 160, 100];
  const W = [50, 51, 49, 120, 121, 119];
  function cycle(id: string, from: number, accuracyOfY = 1): { id: string; rows: ForecastRecord[] } {
    const rows: ForecastRecord[] = [];
    for (let i = from; i < from + 2; i++) {
      const period = periods[i] as string;
      rows.push({ group: 'X', period, actual: 100, forecast: 80, cycle: id });
      rows.push({ group: 'Y', period, actual: Y[i] as number, forecast: i === 4 ? 100 : (Y[i] as number) - accuracyOfY, cycle: id });
      rows.push({ group: 'W', period, actual: W[i] as number, forecast: 50, cycle: id });
    }
    return { id, rows };
  }
  const cycles = [cycle('c1', 0), cycle('c2', 2), cycle('c3', 4), { id: 'other', rows: [{ group: 'Z', period: '2026-01', actual: 5, forecast: 4 }] }];

  it('compareCycles(cycles, { events }) finds chronic bias, classifies large misses, and reports a cycle with no overlap', () => {
    // Y's naive scale is (1 + 2 + 1 + 60 + 60) / 5 = 24.8, so its 60-unit miss scores 2.42: threshold 2.
    const r = compareCycles(cycles, { missThreshold: 2, events: [{ period: '2026-05', group: 'Y', description: 'spring promotion' }] });
    expect(r.warnings).toContain('cycle other shares no group with the other cycles: left out of the comparisons');
    // W is biased only after its jump (cycle c1 is within 1%): not chronic. X is 20% under in all three.
    expect(r.chronicBias).toEqual([{ group: 'X', direction: 'under-forecast', cycles: 3, cyclesInDirection: 3, meanBiasPercent: -20, signTestPValue: 0.25 }]);
    const promo = r.misses.find((m) => m.group === 'Y');
    expect(promo).toMatchObject({ cycle: 'c3', period: '2026-05', cause: 'known event', detail: 'spring promotion' });
    const jump = r.misses.find((m) => m.group === 'W' && m.period === '2026-04');
    expect(jump).toMatchObject({ cause: 'structural break', detail: 'the level of W changed at 2026-04' });
    expect(r.cycles.map((c) => c.id)).toEqual(['c1', 'c2', 'c3', 'other']);
    expect(r.changes.filter((c) => c.metric === 'wape').map((c) => c.verdict)).toEqual(['worsened', 'worsened']);
    expect(r.lessons.some((l) => l.startsWith('X is chronically under-forecast (3 of 3 cycles, mean bias -20.0%'))).toBe(true);
    expect(nonFiniteNumbers(r)).toEqual([]);
  });

  it('compareCycles(cycles, { changePoints }) uses the change points given instead of its own', () => {
    const r = compareCycles(cycles.slice(0, 3), { changePoints: { W: [] } });
    const w = r.misses.filter((m) => m.group === 'W');
    expect(w.length).toBe(3);
    expect(w.every((m) => m.cause === 'noise')).toBe(true);
  });

  it('compareCycles(cycles) reports cycles with no actuals and throws on misuse', () => {
    const r = compareCycles([{ id: 'future', rows: [{ group: 'X', period: '2027-01', forecast: 3 }] }]);
    expect(r.warnings).toContain('cycle future: no row with an actual: nothing to evaluate');
    expect(r.cycles[0]!.rejected).toEqual([{ row: 0, field: 'actual', reason: 'actual missing' }]);
    expect(() => compareCycles([{ rows: [] } as never])).toThrow(
      'compareCycles: expected cycles[0] to be an object { id: string, rows: ForecastRecord[] }, found an object',
    );
  });

  it('compareCycles(cycles) compares WAPE and bias on common groups, worked by hand', () => {
    const rows = (f: number[], a: number[]): ForecastRecord[] =>
      f.map((forecast, i) => ({ group: i < 2 ? 'X' : 'Y', period: `2026-0${(i % 2) + 1}`, forecast, actual: a[i] as number }));
    const r = compareCycles([
      { id: 'jan', rows: rows([80, 80, 100, 100], [100, 100, 101, 99]) },
      { id: 'feb', rows: rows([85, 84, 100, 98], [100, 100, 99, 100]) },
      { id: 'mar', rows: rows([82, 86, 101, 100], [100, 100, 100, 100]) },
    ]);
    // jan: |e| = 20 + 20 + 1 + 1 = 42 over 400 -> WAPE 10.5%; bias (f - y) = -40 + 0 = -40 -> |bias| 10%.
    // feb: |e| = 15 + 16 + 1 + 2 = 34 over 399 -> 8.5213%; bias = -31 + 1 - 2 = -32 -> |bias| 8.0201%.
    const wape = r.changes.filter((c) => c.metric === 'wape');
    expect(wape[0]!.before).toBeCloseTo(10.5, 10);
    expect(wape[0]!.after).toBeCloseTo((100 * 34) / 399, 10);
    expect(wape[0]!.verdict).toBe('improved');
    const bias = r.changes.filter((c) => c.metric === 'absBiasPercent');
    expect(bias[0]!.before).toBeCloseTo(10, 10);
    expect(bias[0]!.after).toBeCloseTo((100 * 32) / 399, 10);
    expect(r.chronicBias.map((c) => c.group)).toEqual(['X']);
  });
});

describe('compareCycles(cycles) sign test', () => {
  it('compareCycles(cycles) flags an item over-forecast in 9 of 10 cycles by the exact sign test', () => {
    // Bias +10% in nine cycles, -2% in one: two-sided sign test 2 * (1 + 10) / 2^10 = 0.021484375 (by hand).
    const cycles = Array.from({ length: 10 }, (_, i) => ({
      id: `c${i}`,
      rows: [
        { group: 'Z', period: `2026-${String(i + 1).padStart(2, '0')}`, actual: 100, forecast: i === 4 ? 98 : 110 },
        { group: 'Q', period: `2026-${String(i + 1).padStart(2, '0')}`, actual: 100, forecast: i % 2 ? 103 : 97 },
      ],
    }));
    const r = compareCycles(cycles);
    expect(r.chronicBias).toEqual([
      { group: 'Z', direction: 'over-forecast', cycles: 10, cyclesInDirection: 9, meanBiasPercent: expect.closeTo(8.8, 10), signTestPValue: 0.021484375 },
    ]);
  });
});
