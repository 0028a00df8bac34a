import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nonFiniteNumbers } from './noNaN';
import { emergingThemes } from '../../src/insights/emergingThemes';
import { trend } from '../../src/insights/trend';
import type { InsightRecord } from '../../src/insights/types';

// 2026-03-02 and 2026-03-09 are Mondays.
const FEEDBACK: readonly InsightRecord[] = Object.freeze([
  { id: '1', date: '2026-03-02', text: 'a', region: 'North', sentiment: -0.6, theme: 'stock', rating: 10 },
  { id: '2', date: '2026-03-04', text: 'b', region: 'North', sentiment: 0.4, theme: 'price', rating: 6 },
  { id: '3', date: '2026-03-08', text: 'c', region: 'North', sentiment: 0.2, themes: ['price', 'stock'], rating: 9 },
  { id: '4', date: '2026-03-08T23:59:00Z', text: 'd', region: 'North', sentiment: 0.5, theme: 'price' },
  { id: '5', date: '2026-03-17', text: 'e', region: 'South', sentiment: -0.3, theme: 'stock', rating: 3 },
  { id: '6', date: '2026-03-16', text: 'f', region: 'South', sentiment: { score: -0.4, label: 'negative' }, theme: 'stock' },
  { id: '7', date: 'not a date', text: 'g', region: 'South' },
  { id: '8', date: '2026-03-18', text: 'h', sentiment: 0.1 },
]);

describe('trend(records, { by, freq, metric })', () => {
  it("trend(records, { freq: 'week', metric: 'volume', by: ['region'] }) buckets ISO weeks and aligns segments", () => {
    const r = trend(FEEDBACK, { freq: 'week', metric: 'volume', by: ['region'] });
    expect(r.series.map((s) => [s.segment, s.points.map((p) => [p.period, p.value])])).toEqual([
      [{ region: '(missing)' }, [['2026-03-02', 0], ['2026-03-09', 0], ['2026-03-16', 1]]],
      [{ region: 'North' }, [['2026-03-02', 4], ['2026-03-09', 0], ['2026-03-16', 0]]],
      [{ region: 'South' }, [['2026-03-02', 0], ['2026-03-09', 0], ['2026-03-16', 2]]],
    ]);
    expect(r.rejected).toEqual([{ row: 6, field: 'date', reason: 'not an ISO 8601 date: not a date' }]);
    expect(r.warnings).toContain('1 record(s) lack a \'by\' dimension: grouped under "(missing)"');
  });

  it("trend(records, { metric: 'negativeShare' }) gives the share with a Wilson interval, null for empty periods", () => {
    const r = trend(FEEDBACK, { freq: 'week', metric: 'negativeShare', by: ['region'] });
    const north = r.series.find((s) => s.segment.region === 'North')!;
    // 1 negative of 4: Wilson 95% by hand -> [4.5587, 69.9358]
    expect(north.points[0]).toMatchObject({ value: 25, n: 4 });
    expect(north.points[0]!.lower).toBeCloseTo(4.5587, 3);
    expect(north.points[0]!.upper).toBeCloseTo(69.9358, 3);
    expect(north.points[1]).toEqual({ period: '2026-03-09', value: null, n: 0, lower: null, upper: null });
    expect(r.rejected.map((x) => x.field)).toEqual(['date']);
    const noSentiment = trend([{ id: 'x', date: '2026-03-02', text: 'x' }], { freq: 'week', metric: 'negativeShare' });
    expect(noSentiment.rejected).toEqual([{ row: 0, field: 'sentiment', reason: 'no sentiment score' }]);
  });

  it("trend(records, { metric: 'themeShare' }) gives one series per theme, or the theme asked for", () => {
    const r = trend(FEEDBACK, { freq: 'month', metric: 'themeShare' });
    // 7 dated records: price on 3 of them (3/7), stock on 4 (4/7).
    expect(r.series.map((s) => [s.theme, s.points[0]!.value])).toEqual([
      ['price', (100 * 3) / 7],
      ['stock', (100 * 4) / 7],
    ]);
    const one = trend(FEEDBACK, { freq: 'month', metric: 'themeVolume', theme: 'stock' });
    expect(one.series).toEqual([{ segment: {}, theme: 'stock', points: [{ period: '2026-03-01', value: 4, n: 8 - 1, lower: null, upper: null }] }]);
  });

  it("trend(records, { metric: 'nps' }) scores each period with netPromoterScore", () => {
    const r = trend(FEEDBACK, { freq: 'month', metric: 'nps' });
    // ratings 10, 6, 9, 3 -> 2 promoters, 2 detractors -> NPS 0
    expect(r.series[0]!.points[0]).toMatchObject({ value: 0, n: 4 });
    // Only North: 10, 6, 9 -> 2 promoters, 1 detractor -> 100 * 1 / 3
    const north = trend(FEEDBACK, { freq: 'month', metric: 'nps', filter: (x) => x.region === 'North' });
    expect(north.series[0]!.points[0]!.value).toBeCloseTo(100 / 3, 10);
  });

  it('trend(records, options) throws on misuse', () => {
    expect(() => trend(FEEDBACK, { freq: 'year' as never, metric: 'volume' })).toThrow(
      'trend: expected options.freq to be one of "day", "week", "month", "quarter", found "year"',
    );
    expect(() => trend(FEEDBACK, { freq: 'week', metric: 'volume', theme: 'x' })).toThrow(
      'trend: expected options.theme to be a string, with metric "themeVolume" or "themeShare", found "x"',
    );
  });

  it('trend(records) keeps every record: volume sums to the records kept', () => {
    const rec = fc.record({ day: fc.integer({ min: 1, max: 90 }), region: fc.constantFrom('N', 'S') });
    fc.assert(
      fc.property(fc.array(rec, { maxLength: 60 }), (rows) => {
        const records = Object.freeze(rows.map((r, i) => ({ id: String(i), text: 't', region: r.region, date: new Date(Date.UTC(2026, 0, r.day)).toISOString().slice(0, 10) })));
        const result = trend(records, { freq: 'week', metric: 'volume', by: ['region'] });
        const total = result.series.reduce((s, x) => s + x.points.reduce((t, p) => t + (p.value ?? 0), 0), 0);
        expect(total).toBe(rows.length);
        expect(nonFiniteNumbers(result)).toEqual([]);
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});

describe('emergingThemes(records, options)', () => {
  function weekly(counts: readonly number[], theme: string, start = Date.UTC(2026, 0, 5)): InsightRecord[] {
    const out: InsightRecord[] = [];
    counts.forEach((c, w) => {
      for (let i = 0; i < c; i++) {
        out.push({ id: `${theme}${w}-${i}`, text: 't', theme, date: new Date(start + (7 * w + (i % 7)) * 86_400_000).toISOString().slice(0, 10), sentiment: -0.5 });
      }
    });
    return out;
  }

  it("emergingThemes(records, { freq: 'week' }) flags a theme whose volume jumps, with the rate test worked in scipy", () => {
    const stock = weekly([1, 0, 2, 1, 1, 0, 1, 2, 1, 0, 1, 1, 9], 'stock');
    const price = weekly([5, 6, 4, 5, 6, 5, 4, 6, 5, 5, 6, 4, 6], 'price');
    const r = emergingThemes([...stock, ...price], { freq: 'week' });
    const s = r.themes.find((t) => t.theme === 'stock')!;
    expect([s.recentCount, s.historyCount, s.recent]).toEqual([9, 11, 9]);
    expect(s.baseline).toBeCloseTo(11 / 12, 10);
    // scipy.stats.binom.sf(8, 20, 1/13) -> 7.217008724e-06
    expect(s.pValue).toBeCloseTo(7.217008724e-6, 12);
    // MAD = 0 -> (9 - 1) / (1.253314 * 5/12) = 15.319385
    expect(s.robustZ).toBeCloseTo(15.319385, 4);
    expect(s.emerging).toBe(true);
    expect(r.themes[0]!.theme).toBe('stock');
    expect(r.themes.find((t) => t.theme === 'price')!.emerging).toBe(false);
  });

  it('emergingThemes(records, options) says when the history is too short', () => {
    const r = emergingThemes(weekly([1, 2, 3], 'x'), { freq: 'week' });
    expect(r.themes).toEqual([]);
    expect(r.warnings).toEqual(['only 3 period(s) of data: at least 5 needed (1 recent + 4 of history)']);
    expect(() => emergingThemes([], { freq: 'week', history: 2 })).toThrow('emergingThemes: expected options.history to be an integer >= 4, found 2');
  });

  it("emergingThemes(records, { metric: 'negativeShare' }) tests the negative share with Fisher's exact test", () => {
    const history = weekly([4, 4, 4, 4, 4, 4], 'service').map((r, i) => ({ ...r, sentiment: i % 4 === 0 ? -0.5 : 0.5 }));
    const recent = weekly([0, 0, 0, 0, 0, 0, 8], 'service').map((r, i) => ({ ...r, id: `n${i}`, sentiment: i < 7 ? -0.5 : 0.5 }));
    const r = emergingThemes([...history, ...recent], { freq: 'week', metric: 'negativeShare' });
    expect(r.themes[0]).toMatchObject({ theme: 'service', recent: 87.5, baseline: 25, emerging: true });
  });
});
