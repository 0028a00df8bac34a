import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toSeries } from '../../src/timeseries/to-series';
import { bucketStart, formatIsoDate, parseIsoTime } from '../../src/timeseries/dates';
import { FeedbackMinerError } from '../../src/errors';

describe('dates', () => {
  it('bucketStart(ms, "week") is the Monday of the ISO week (by the calendar)', () => {
    // 2026-01-01 is a Thursday: its ISO week starts on Monday 2025-12-29.
    expect(formatIsoDate(bucketStart(parseIsoTime('2026-01-01') as number, 'week'))).toBe('2025-12-29');
    expect(formatIsoDate(bucketStart(parseIsoTime('2026-01-04') as number, 'week'))).toBe('2025-12-29'); // Sunday
    expect(formatIsoDate(bucketStart(parseIsoTime('2026-01-05') as number, 'week'))).toBe('2026-01-05'); // Monday
    expect(formatIsoDate(bucketStart(parseIsoTime('2024-02-29T23:59:59Z') as number, 'month'))).toBe('2024-02-01');
  });
  it('parseIsoTime(text) reads offsets as UTC and rejects impossible dates', () => {
    expect(parseIsoTime('2026-01-04T23:30:00-02:00')).toBe(Date.UTC(2026, 0, 5, 1, 30));
    expect(parseIsoTime('2026-02-30')).toBeUndefined();
    expect(parseIsoTime('05/01/2026')).toBeUndefined();
  });
});

describe('toSeries(records, options)', () => {
  const sales = Object.freeze([
    Object.freeze({ date: '2026-01-06', units: 3, region: 'N' }),
    Object.freeze({ date: '2026-01-07', units: 2, region: 'S' }),
    Object.freeze({ date: '2026-01-21', units: 4, region: 'N' }),
  ]);

  it('toSeries(rows, { value, freq: "week" }) sums duplicates and leaves an empty week missing, not 0', () => {
    const series = toSeries(sales, { value: 'units', freq: 'week' });
    expect(series.points).toEqual([
      { t: '2026-01-05', value: 5, count: 2 },
      { t: '2026-01-12', value: Number.NaN, count: 0, missing: true },
      { t: '2026-01-19', value: 4, count: 1 },
    ]);
    expect(series.warnings).toEqual(['toSeries: 1 empty period(s) left missing (value NaN, missing: true)']);
  });

  it('toSeries(rows, { gaps: "zero" | "interpolate" }) applies the gap policy and marks imputed points', () => {
    expect(toSeries(sales, { value: 'units', freq: 'week', gaps: 'zero' }).points[1]).toEqual({ t: '2026-01-12', value: 0, count: 0, imputed: true });
    expect(toSeries(sales, { value: 'units', freq: 'week', gaps: 'interpolate' }).points[1]).toEqual({ t: '2026-01-12', value: 4.5, count: 0, imputed: true });
  });

  it('toSeries(rows, { agg }) aggregates with mean, min, max, count, first and last', () => {
    const rows = [{ d: '2026-03-02', v: 4 }, { d: '2026-03-02', v: 1 }, { d: '2026-03-02', v: 7 }];
    const at = (agg: 'mean' | 'min' | 'max' | 'count' | 'first' | 'last') => toSeries(rows, { t: 'd', value: 'v', freq: 'day', agg }).points[0]?.value;
    expect([at('mean'), at('min'), at('max'), at('count'), at('first'), at('last')]).toEqual([4, 1, 7, 3, 4, 7]);
  });

  it('toSeries(unsorted rows, { freq: "month" }) sorts periods in time', () => {
    const rows = [{ date: '2026-03-15', units: 1 }, { date: '2026-01-31', units: 2 }, { date: '2026-02-01', units: 3 }];
    expect(toSeries(rows, { value: 'units', freq: 'month' }).points.map((p) => [p.t, p.value])).toEqual([
      ['2026-01-01', 2],
      ['2026-02-01', 3],
      ['2026-03-01', 1],
    ]);
  });

  it('toSeries(rows with NaN, Infinity, strings, bad dates) skips and reports every bad row', () => {
    const rows = [
      { date: '2026-01-05', units: 1 },
      { date: '2026-01-05', units: Number.NaN },
      { date: '2026-01-05', units: Infinity },
      { date: '2026-01-05', units: '12' },
      { date: 'yesterday', units: 2 },
      null,
    ];
    const series = toSeries(rows as never[], { value: 'units', freq: 'day' });
    expect(series.points).toEqual([{ t: '2026-01-05', value: 1, count: 1 }]);
    expect(series.rejected).toEqual([
      { row: 1, field: 'units', reason: 'expected a finite number, found NaN' },
      { row: 2, field: 'units', reason: 'expected a finite number, found Infinity' },
      { row: 3, field: 'units', reason: 'expected a finite number, found "12"' },
      { row: 4, field: 'date', reason: 'expected an ISO 8601 date, a Date or epoch ms, found "yesterday"' },
      { row: 5, field: 'record', reason: 'expected a record, found null' },
    ]);
  });

  it('toSeries(rows, { by: ["region"] }) builds one series per group with its dimensions', () => {
    const set = toSeries(sales, { value: 'units', freq: 'week', by: ['region'], start: '2026-01-05', end: '2026-01-19' });
    expect(set.series.map((s) => [s.key, s.dimensions, s.points.map((p) => p.value)])).toEqual([
      ['N', { region: 'N' }, [3, Number.NaN, 4]],
      ['S', { region: 'S' }, [2, Number.NaN, Number.NaN]],
    ]);
  });

  it('toSeries(records, options) throws INVALID_OPTION for an unknown freq, agg or gaps', () => {
    expect(() => toSeries(sales, { value: 'units', freq: 'year' as never })).toThrow(
      'toSeries: expected options.freq to be \'day\', \'week\' or \'month\', found "year"',
    );
    expect(() => toSeries(sales, { value: 'units', freq: 'day', gaps: 'fill' as never })).toThrow(FeedbackMinerError);
    expect(() => toSeries('rows' as never, { value: 'units', freq: 'day' })).toThrow('toSeries: expected records to be an array, found "rows"');
  });

  it('toSeries(rows, { agg: "sum" }) keeps every finite value: the points sum to the input sum and input is not mutated', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ day: fc.integer({ min: 0, max: 60 }), units: fc.integer({ min: -100, max: 100 }) }), { maxLength: 50 }),
        (raw) => {
          const rows = Object.freeze(raw.map((r) => Object.freeze({ date: formatIsoDate(Date.UTC(2026, 0, 1) + r.day * 86_400_000), units: r.units })));
          const series = toSeries(rows, { value: 'units', freq: 'week', gaps: 'zero' });
          const total = series.points.reduce((sum, p) => sum + p.value, 0);
          expect(total).toBe(raw.reduce((sum, r) => sum + r.units, 0));
          for (let i = 1; i < series.points.length; i++) {
            expect(Date.parse(series.points[i]?.t as string) - Date.parse(series.points[i - 1]?.t as string)).toBe(7 * 86_400_000);
          }
        },
      ),
      { seed: 42, numRuns: 100 },
    );
  });
});
