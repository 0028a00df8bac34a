import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainAnomaly } from '../../src/insights/explainAnomaly';
import type { InsightRecord } from '../../src/insights/types';

// Anomaly on 2026-04-06 in North. Window (21 days): 2026-03-16..2026-04-05; baseline (84 days): 2025-12-22..2026-03-15.
function records(): InsightRecord[] {
  const out: InsightRecord[] = [];
  let id = 0;
  const add = (date: string, theme: string, region = 'North', sentiment = -0.5): void => {
    out.push({ id: `r${id++}`, date, text: `${theme} note ${id}`, region, theme, sentiment });
  };
  // Window: 20 North records, 6 of them 'out of stock'.
  for (let i = 0; i < 20; i++) add(`2026-03-${String(16 + (i % 16)).padStart(2, '0')}`, i < 6 ? 'out of stock' : i % 2 ? 'price' : 'delivery');
  // Baseline: 50 North records, 2 of them 'out of stock'.
  for (let i = 0; i < 50; i++) add(`2026-01-${String(1 + (i % 28)).padStart(2, '0')}`, i < 2 ? 'out of stock' : i % 2 ? 'price' : 'delivery');
  // Other regions do not count.
  for (let i = 0; i < 30; i++) add('2026-03-20', 'website', 'South');
  return out;
}

describe('explainAnomaly(anomaly, feedback, options?)', () => {
  it('explainAnomaly(anomaly, feedback, { window: 21 }) ranks the theme that rose, with counts, Fisher p and Newcombe bound', () => {
    const feedback = Object.freeze(records().map((r) => Object.freeze(r)));
    const r = explainAnomaly({ t: '2026-04-06', value: 68, expected: 100, segment: { region: 'North' } }, feedback, { window: 21 });
    const lead = r.drivers[0]!;
    expect(lead.name).toBe('out of stock');
    expect([lead.windowCount, lead.windowN, lead.baselineCount, r.baseline.n]).toEqual([6, 20, 2, 50]);
    expect(lead.windowShare).toBe(0.3);
    expect(lead.baselineShare).toBe(0.04);
    // scipy.stats.fisher_exact([[6, 14], [2, 48]], alternative='greater') -> p = 0.0054535017
    expect(lead.pValue).toBeCloseTo(0.0054535017, 8);
    // Newcombe (1998) method 10, one-sided 95%: 0.26 - sqrt((p1 - l1)^2 + (u2 - p2)^2) = 0.1050952 (by hand from Wilson limits)
    expect(lead.riseLowerBound).toBeCloseTo(0.1050952, 6);
    expect(lead.lift).toBeCloseTo((6.5 / 21) / (2.5 / 51), 10);
    expect(lead.quotes).toHaveLength(3);
    expect(r.summary).toBe(
      "sales in region North fell 32% on 2026-04-06; in the 21 days before, theme 'out of stock' rose from 4% to 30% of feedback (6 of 20 vs 2 of 50, p = 0.0055)",
    );
    expect(r.supported).toBe(true);
  });

  it('explainAnomaly summary writes a p-value below 0.0001 as "p < 0.0001"', () => {
    // 18 of 20 window records vs 0 of 50 baseline records: Fisher's one-sided p = C(20,18) C(50,0) / C(70,18),
    // about 5e-16 (hypergeometric tail with the whole margin in the window).
    const out: InsightRecord[] = [];
    for (let i = 0; i < 20; i++) out.push({ id: `w${i}`, date: `2026-03-${String(16 + (i % 16)).padStart(2, '0')}`, text: 't', region: 'North', theme: i < 18 ? 'out of stock' : 'price', sentiment: -0.5 });
    for (let i = 0; i < 50; i++) out.push({ id: `b${i}`, date: `2026-01-${String(1 + (i % 28)).padStart(2, '0')}`, text: 't', region: 'North', theme: i % 2 ? 'price' : 'delivery', sentiment: -0.5 });
    const r = explainAnomaly({ t: '2026-04-06', value: 68, expected: 100, segment: { region: 'North' } }, out, { window: 21 });
    expect(r.drivers[0]?.pValue).toBeLessThan(1e-4);
    expect(r.summary).toContain('(18 of 20 vs 0 of 50, p < 0.0001)');
  });

  it('explainAnomaly(anomaly, feedback) scans windows of 7-28 days and Bonferroni-corrects the p-value', () => {
    const r = explainAnomaly({ t: '2026-04-06', segment: { region: 'North' } }, records());
    expect(r.drivers[0]?.name).toBe('out of stock');
    expect([7, 14, 21, 28]).toContain(r.drivers[0]?.windowDays);
  });

  it('explainAnomaly(changePoint, feedback) takes a change point (t, before, after) and epoch-ms dates', () => {
    const r = explainAnomaly({ t: Date.UTC(2026, 3, 6), before: 200, after: 150, segment: { region: 'North' } }, records(), { window: 21, kpi: 'units' });
    expect(r.date).toBe('2026-04-06');
    expect(r.summary.startsWith('units in region North fell 25% on 2026-04-06; in the 21 days before')).toBe(true);
  });

  it('explainAnomaly(anomaly, feedback) on a segment with no feedback says so and returns no drivers', () => {
    const r = explainAnomaly({ t: '2026-04-06', segment: { region: 'West' } }, records());
    expect(r.drivers).toEqual([]);
    expect(r.supported).toBe(false);
    expect(r.warnings).toEqual(['no feedback at all in region West: the anomaly cannot be explained from feedback']);
    expect(r.summary).toBe('sales in region West broke from its pattern on 2026-04-06; no feedback at all in region West: the anomaly cannot be explained from feedback');
  });

  it('explainAnomaly(anomaly, feedback) reports unreadable dates and works without a baseline', () => {
    const feedback: InsightRecord[] = [
      { id: 'a', date: 'yesterday', text: 'x', theme: 'price' },
      ...[1, 2, 3].map((i) => ({ id: `b${i}`, date: `2026-04-0${i}`, text: 'late', theme: 'delivery' })),
    ];
    const r = explainAnomaly({ t: '2026-04-06' }, feedback, { window: 7 });
    expect(r.rejected).toEqual([{ row: 0, field: 'date', reason: 'not an ISO 8601 date: yesterday' }]);
    expect(r.drivers[0]).toMatchObject({ name: 'delivery', baselineShare: null, pValue: null, significant: false });
    expect(r.warnings[0]).toMatch(/^no baseline feedback in all feedback/);
  });

  it('explainAnomaly(anomaly, feedback, options) throws on misuse', () => {
    expect(() => explainAnomaly({ t: 'soon' }, [])).toThrow(
      'explainAnomaly: expected anomaly.t to be an ISO 8601 date or epoch milliseconds, found "soon"',
    );
    expect(() => explainAnomaly({ t: '2026-04-06' }, [], { window: 0 })).toThrow('explainAnomaly: expected options.window to be an integer >= 1, found 0');
    expect(() => explainAnomaly({ t: '2026-04-06' }, [], { facets: ['words' as never] })).toThrow(
      'explainAnomaly: expected options.facets to be made of "theme", "aspect", found "words"',
    );
  });

  it('explainAnomaly(anomaly, feedback) counts negative aspect mentions as drivers', () => {
    const feedback: InsightRecord[] = [];
    for (let i = 0; i < 10; i++) feedback.push({ id: `w${i}`, date: '2026-04-01', text: 't', aspects: i < 5 ? [{ aspect: 'delivery', label: 'negative' }] : ['price'] });
    for (let i = 0; i < 20; i++) feedback.push({ id: `b${i}`, date: '2026-02-01', text: 't', aspects: [{ aspect: 'delivery', label: 'positive' }] });
    const r = explainAnomaly({ t: '2026-04-06' }, feedback, { window: 7 });
    expect(r.drivers[0]).toMatchObject({ facet: 'aspect', name: 'delivery', windowCount: 5, baselineCount: 0 });
  });

  it('explainAnomaly(anomaly, feedback) only returns drivers whose share rose, ranked, and is deterministic', () => {
    const themes = ['a', 'b', 'c', 'd'];
    const rec = fc.record({ day: fc.integer({ min: 1, max: 120 }), theme: fc.constantFrom(...themes) });
    fc.assert(
      fc.property(fc.array(rec, { maxLength: 120 }), (rows) => {
        const feedback = rows.map((r, i) => ({ id: String(i), date: new Date(Date.UTC(2026, 0, r.day)).toISOString().slice(0, 10), text: 't', theme: r.theme }));
        const a = explainAnomaly({ t: '2026-04-20' }, feedback, { minCount: 1 });
        const b = explainAnomaly({ t: '2026-04-20' }, feedback, { minCount: 1 });
        expect(a).toEqual(b);
        for (const d of a.drivers) {
          if (d.rise !== null) expect(d.rise).toBeGreaterThan(0);
          if (d.pValue !== null) expect(d.pValue).toBeLessThanOrEqual(1);
        }
        for (let i = 1; i < a.drivers.length; i++) {
          expect(a.drivers[i - 1]!.riseLowerBound ?? -Infinity).toBeGreaterThanOrEqual(a.drivers[i]!.riseLowerBound ?? -Infinity);
        }
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});
