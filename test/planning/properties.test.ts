import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareCycles } from '../../src/planning/compareCycles';
import { forecastValueAdded } from '../../src/planning/forecastValueAdded';
import type { ForecastRecord } from '../../src/records';
import { nonFiniteNumbers } from '../insights/noNaN';

const row = fc.record(
  {
    group: fc.constantFrom('A', 'B', 'C'),
    period: fc.constantFrom('2026-01', '2026-02', '2026-03', '2026-04', '2026-05'),
    forecast: fc.oneof(fc.double({ min: 0, max: 1e4, noNaN: true }), fc.constant(Number.NaN)),
    actual: fc.oneof(fc.double({ min: -10, max: 1e4, noNaN: true }), fc.constant(0)),
    step: fc.constantFrom('naive', 'statistical', 'consensus'),
    cycle: fc.constantFrom('c1', 'c2', 'c3'),
  },
  { requiredKeys: ['group', 'period', 'forecast'] },
);

describe('planning properties', () => {
  it('forecastValueAdded(rows) and compareCycles(cycles) never return NaN, never mutate, are deterministic', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), (rows) => {
        const frozen = Object.freeze(rows.map((r) => Object.freeze({ ...r }))) as readonly ForecastRecord[];
        const before = JSON.stringify(frozen);
        const fva = forecastValueAdded(frozen);
        expect(nonFiniteNumbers(fva)).toEqual([]);
        const cycles = ['c1', 'c2', 'c3'].map((id) => ({ id, rows: frozen.filter((r) => r.cycle === id) }));
        const a = compareCycles(cycles);
        expect(nonFiniteNumbers(a)).toEqual([]);
        expect(compareCycles(cycles)).toEqual(a);
        expect(JSON.stringify(frozen)).toBe(before);
        for (const c of a.cycles) expect(c.accuracy.n + c.rejected.length).toBe(frozen.filter((r) => r.cycle === c.id).length);
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});
