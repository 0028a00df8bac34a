import { describe, expect, it } from 'vitest';
import { actionImpact } from '../../src/insights/actionImpact';
import type { ActionRecord, SalesRecord } from '../../src/records';

const WEEKS = ['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23'];
const UNITS: Record<string, number[]> = { North: [100, 100, 150, 150], South: [200, 200, 220, 220], East: [50, 50, 50, 50], West: [80, 80, 96, 96] };
const SALES: readonly SalesRecord[] = Object.freeze(
  Object.entries(UNITS).flatMap(([region, values]) => values.map((units, i) => Object.freeze({ date: WEEKS[i] as string, region, units }))),
);
const ACTION: ActionRecord = { date: '2026-03-16', scope: { region: 'North' }, description: 'new carrier' };

describe('actionImpact(actions, sales, options?)', () => {
  it('actionImpact(actions, sales, { before: 2, after: 2 }) gives the DiD worked by hand (scipy t quantile)', () => {
    // ln changes: North ln 1.5 = 0.405465; controls ln 1.1, ln 1.0, ln 1.2 (mean 0.092544, sd 0.091192).
    // DiD = 0.312921 -> +36.7414%; se = sd * sqrt(1 + 1/3) = 0.105300; t(0.975, 2) = 4.302653 (scipy)
    // -> interval exp(0.312921 -/+ 0.453068) - 1 = [-13.0770%, +115.1122%]; p = 2 t.sf(2.9717, 2) = 0.0970345.
    const r = actionImpact([ACTION], SALES, { before: 2, after: 2 });
    const effect = r.impacts[0]!.kpi!;
    expect(effect.estimate).toBeCloseTo(36.741377, 4);
    expect(effect.interval!.lower).toBeCloseTo(-13.076957, 4);
    expect(effect.interval!.upper).toBeCloseTo(115.112168, 3);
    expect(effect.pValue).toBeCloseTo(0.0970345, 5);
    expect(effect.controlChange).toBeCloseTo(9.696131, 4);
    expect(effect).toMatchObject({ treatedBefore: 100, treatedAfter: 150, controls: 3, conclusion: 'no detectable change' });
    expect(r.impacts[0]!.controls).toEqual([{ region: 'East' }, { region: 'South' }, { region: 'West' }]);
    expect(r.impacts[0]!.statement).toBe(
      'new carrier (region North): units changed by +36.7% relative to 3 comparable scopes (95% interval -13.1% to +115.1%): no change the data can tell apart from what happened elsewhere',
    );
  });

  it('actionImpact(actions, sales) says plainly when there are too few comparable scopes', () => {
    const other: ActionRecord = { date: '2026-03-09', scope: { region: 'South' }, description: 'price cut' };
    const third: ActionRecord = { date: '2026-03-16', scope: { region: 'West' }, description: 'promotion' };
    const r = actionImpact([ACTION, other, third], SALES, { before: 2, after: 2 });
    const north = r.impacts[0]!;
    expect(north.kpi?.conclusion).toBe('insufficient data');
    expect(north.kpi?.estimate).toBeNull();
    expect(north.statement).toBe(
      'new carrier (region North): the data cannot support a conclusion about units: only 1 comparable scope(s) without an action: at least 2 are needed to tell the action from what happened anyway',
    );
  });

  it('actionImpact(actions, sales, { feedback }) measures the change in negative share the same way', () => {
    const fb = (region: string, date: string, negative: boolean, i: number) => ({ id: `${region}${date}${i}`, text: 't', date, region, sentiment: negative ? -0.5 : 0.5 });
    const feedback = [
      ...[true, true, false, false].map((n, i) => fb('North', '2026-03-02', n, i)),
      ...[true, false, false, false].map((n, i) => fb('North', '2026-03-23', n, i)),
      fb('South', '2026-03-02', true, 0), fb('South', '2026-03-02', false, 1), fb('South', '2026-03-16', true, 0), fb('South', '2026-03-16', false, 1),
      fb('East', '2026-03-02', false, 0), fb('East', '2026-03-02', false, 1), fb('East', '2026-03-16', true, 0), fb('East', '2026-03-16', false, 1),
      fb('West', '2026-03-02', true, 0), fb('West', '2026-03-02', false, 1), fb('West', '2026-03-16', true, 0), fb('West', '2026-03-16', false, 1),
    ];
    // North 50% -> 25%; control changes 0, +50, 0 points: DiD = -25 - 16.667 = -41.667; interval by scipy [-185.088, 101.755].
    const r = actionImpact([ACTION], SALES, { before: 2, after: 2, feedback });
    const f = r.impacts[0]!.feedback!;
    expect(f.estimate).toBeCloseTo(-41.666667, 5);
    expect(f.interval!.lower).toBeCloseTo(-185.088424, 4);
    expect(f.interval!.upper).toBeCloseTo(101.755091, 4);
    expect(f.conclusion).toBe('no detectable change');
  });

  it('actionImpact(actions, sales) reports bad sales rows and a scope without data', () => {
    const sales = [...SALES, { date: 'March', region: 'North', units: 3 }, { date: '2026-03-02', region: 'North', units: Number.NaN }];
    const r = actionImpact([{ date: '2026-03-16', scope: { region: 'Mars' }, description: 'launch' }], sales, { before: 2, after: 2 });
    expect(r.rejected).toEqual([
      { row: 16, field: 'date', reason: 'not an ISO 8601 date: March' },
      { row: 17, field: 'units', reason: 'not a finite number: NaN' },
    ]);
    expect(r.impacts[0]!.kpi).toBeNull();
    expect(r.impacts[0]!.statement).toMatch(/^launch \(region Mars\): the data cannot support a conclusion about units: no units data for region Mars/);
  });

  it('actionImpact skips and reports an action with an unreadable date or an empty scope (bad data, not misuse)', () => {
    const result = actionImpact(
      [
        { date: 'x', scope: { region: 'N' }, description: 'd' },
        { date: '2026-01-01', scope: {}, description: 'e' },
      ],
      [],
    );
    expect(result.impacts).toEqual([]);
    expect(result.rejectedActions).toEqual([
      { row: 0, field: 'date', reason: 'not an ISO 8601 date: "x"' },
      { row: 1, field: 'scope', reason: 'not a non-empty object of dimension values' },
    ]);
  });

  it('actionImpact(actions, sales, options) throws on misuse', () => {
    expect(() => actionImpact([null as never], [])).toThrow('actionImpact: expected actions[0] to be an action record, found null');
    expect(() => actionImpact([], [], { before: 1 })).toThrow('actionImpact: expected options.before to be an integer >= 2, found 1');
  });
});
