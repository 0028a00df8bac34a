import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actionImpact } from '../../src/insights/actionImpact';
import { emergingThemes } from '../../src/insights/emergingThemes';
import { nonFiniteNumbers } from './noNaN';

const day = (d: number): string => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);

describe('insights properties', () => {
  it('emergingThemes(records) never returns NaN, keeps p and q in [0, 1], never mutates', () => {
    const rec = fc.record({
      d: fc.integer({ min: 0, max: 120 }),
      theme: fc.constantFrom('a', 'b', 'c'),
      region: fc.constantFrom('N', 'S'),
      s: fc.oneof(fc.double({ min: -1, max: 1, noNaN: true }), fc.constant(Number.NaN)),
    });
    fc.assert(
      fc.property(fc.array(rec, { maxLength: 150 }), fc.constantFrom('volume' as const, 'negativeShare' as const), (rows, metric) => {
        const records = Object.freeze(rows.map((r, i) => Object.freeze({ id: String(i), text: 't', date: day(r.d), theme: r.theme, region: r.region, sentiment: r.s })));
        const before = JSON.stringify(records);
        const r = emergingThemes(records, { freq: 'week', by: ['region'], metric, minCount: 1 });
        expect(nonFiniteNumbers(r)).toEqual([]);
        for (const t of r.themes) {
          expect(t.pValue).toBeGreaterThanOrEqual(0);
          expect(t.pValue).toBeLessThanOrEqual(1);
          expect(t.qValue).toBeGreaterThanOrEqual(t.pValue - 1e-12);
        }
        expect(JSON.stringify(records)).toBe(before);
      }),
      { seed: 42, numRuns: 80 },
    );
  });

  it('actionImpact(actions, sales) never returns NaN and is deterministic, whatever the sales', () => {
    const sale = fc.record({
      d: fc.integer({ min: 0, max: 120 }),
      region: fc.constantFrom('N', 'S', 'E', 'W'),
      units: fc.oneof(fc.double({ min: 0, max: 1000, noNaN: true }), fc.constant(0), fc.constant(Number.NaN)),
    });
    fc.assert(
      fc.property(fc.array(sale, { maxLength: 120 }), (rows) => {
        const sales = Object.freeze(rows.map((r) => Object.freeze({ date: day(r.d), region: r.region, units: r.units })));
        const actions = [{ date: day(60), scope: { region: 'N' }, description: 'x' }];
        const a = actionImpact(actions, sales, { before: 4, after: 4 });
        expect(nonFiniteNumbers(a)).toEqual([]);
        expect(actionImpact(actions, sales, { before: 4, after: 4 })).toEqual(a);
        expect(a.impacts[0]!.statement.length).toBeGreaterThan(0);
      }),
      { seed: 42, numRuns: 80 },
    );
  });
});
