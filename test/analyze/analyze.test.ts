import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze';
import { FeedbackMinerError } from '../../src/errors';
import type { FeedbackRecord, SalesRecord } from '../../src/records';
import { simulate } from '../../src/simulate';
import { renderHtml, renderJson, renderMarkdown, validateReportModel } from '../../src/report';

const data = simulate({ seed: 7 });
const input = { feedback: data.feedback, sales: data.sales, forecasts: data.forecasts, actions: data.actions };

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

describe('analyze(input)', () => {
  const model = analyze(deepFreeze({ ...input }));

  it('explains the planted stock-out: its segment is drawn and the top driver quotes the planted complaint wave', () => {
    const stockOut = data.truth.events.find((e) => e.kind === 'stock-out');
    expect(stockOut).toBeDefined();
    const segment = model.segments?.find(
      (s) => s.dimensions?.product === stockOut!.scope.product && s.dimensions?.region === stockOut!.scope.region,
    );
    expect(segment).toBeDefined();
    const waveIds = new Set(data.truth.feedbackLabels.filter((l) => l.eventId === stockOut!.id).map((l) => l.id));
    const explained = segment!.explanations?.find((x) => (x.themes[0]?.quotes ?? []).some((q) => q.id !== undefined && waveIds.has(q.id)));
    expect(explained).toBeDefined();
    // It is a fall, dated within the planted event (from its first week to its last).
    expect(String(explained!.t) >= stockOut!.start && String(explained!.t) <= stockOut!.end).toBe(true);
  });

  it('finds the planted chronic forecast bias among the lessons', () => {
    const biased = [...data.truth.forecastBias].sort((a, b) => Math.abs(b.bias) - Math.abs(a.bias))[0]!;
    expect(model.forecast?.lessons?.some((l) => l.text.includes(biased.group))).toBe(true);
  });

  it('fills every section with a model the renderers accept', () => {
    expect(validateReportModel(model).model).toBeDefined();
    expect(model.headline?.nps?.value).not.toBeNull();
    expect(model.themes!.length).toBeGreaterThan(1);
    expect(model.actions!.length).toBe(data.actions.length);
    expect(renderHtml(model)).toContain('<svg');
    expect(renderMarkdown(model)).toContain('#');
    expect(JSON.parse(renderJson(model))).toMatchObject({ version: 1 });
  });

  it('is deterministic: the same input gives the same model', () => {
    expect(JSON.stringify(analyze(input))).toBe(JSON.stringify(model));
  });

  it('reports empty texts and unusable sales values instead of dropping them silently', () => {
    const feedback: FeedbackRecord[] = [...data.feedback.slice(0, 300), { id: 'x1', text: '   ', date: '2024-02-01' }];
    const sales: SalesRecord[] = [...data.sales, { date: '2024-02-05', product: 'Aurora', region: 'North', units: Number.NaN }];
    const m = analyze({ feedback, sales });
    const source = m.dataQuality!.sources.find((s) => s.name === 'feedback')!;
    expect(source.rejectedCount).toBe(1);
    expect(m.dataQuality!.warnings!.some((w) => /empty text/.test(w))).toBe(true);
    expect(m.dataQuality!.warnings!.some((w) => /without a usable units value/.test(w))).toBe(true);
  });

  it("reports the detectors' warnings once, with the segments they concern, instead of dropping them", () => {
    // 30 weeks in two segments: a yearly period cannot be tested (fewer than two cycles of 52), which both the
    // anomaly and the change-point detector say for each segment; the report says it once for both segments.
    const sales: SalesRecord[] = ['North', 'South'].flatMap((region) =>
      Array.from({ length: 30 }, (_, i) => ({ date: new Date(Date.UTC(2024, 0, 1) + i * 7 * 86_400_000).toISOString().slice(0, 10), product: 'A', region, units: i < 15 ? 10 : 20 })),
    );
    const warnings = analyze({ feedback: [], sales }).dataQuality?.warnings ?? [];
    expect(warnings.filter((w) => /not tested: fewer than two full cycles/.test(w))).toEqual([
      'units of 2 segment(s) (A / North; A / South): period(s) 52 not tested: fewer than two full cycles (30 values)',
    ]);
  });

  it('works with no forecasts, no actions and almost no feedback', () => {
    const m = analyze({ feedback: data.feedback.slice(0, 1), sales: data.sales });
    expect(m.forecast).toBeUndefined();
    expect(m.actions).toBeUndefined();
    expect(m.themes).toEqual([]);
  });

  it('throws INVALID_ARGUMENT for input that is not records', () => {
    expect(() => analyze({ feedback: 'x' as never, sales: [] })).toThrow(FeedbackMinerError);
    expect(() => analyze({ feedback: [], sales: null as never })).toThrow(
      'analyze: expected input.sales to be an array, found null',
    );
  });
});
