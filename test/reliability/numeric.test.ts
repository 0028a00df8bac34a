/**
 * Numerical care (issue #9): the whole pipeline on degenerate inputs (one record, constant sales, all-zero sales,
 * one segment, no ratings) must produce a report with no NaN or Infinity (a division by zero) where a number is
 * promised; the rendered JSON must be valid and the model must pass validateReportModel. Plus variance of
 * constant series and stable sums in the numeric stages.
 */
import { describe, expect, it } from 'vitest';
import { analyze, forecastAccuracy, renderJson, simulate, summarizeSentiment, sentimentSums, validateReportModel, detectAnomalies, generalizedEsd, sumValue, compensatedSum, netPromoterScore } from '../../src/index';
import type { FeedbackRecord, SalesRecord } from '../../src/index';
import { weeks } from './inputs';

/** Paths of every non-finite number in a value (JSON-like walk). */
function nonFinite(value: unknown, path = '$', found: string[] = []): string[] {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) found.push(`${path} = ${value}`);
  } else if (Array.isArray(value)) value.forEach((v, i) => nonFinite(v, `${path}[${i}]`, found));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) nonFinite(v, `${path}.${k}`, found);
  return found;
}

const sim = simulate({ seed: 3, weeks: 30, products: 1, regions: 1, channels: 1, feedbackPerWeek: 3 });
const feedback = (texts: string[], over: Partial<FeedbackRecord> = {}): FeedbackRecord[] =>
  texts.map((text, i) => ({ id: `f${i}`, text, date: weeks(texts.length)[i] as string, ...over }));
const sales = (values: number[]): SalesRecord[] => weeks(values.length).map((date, i) => ({ date, product: 'A', region: 'North', units: values[i] as number }));

const CASES: [string, () => Parameters<typeof analyze>[0]][] = [
  ['one feedback record and one sale', () => ({ feedback: feedback(['Late again']), sales: sales([10]) })],
  ['constant sales', () => ({ feedback: sim.feedback, sales: sales(new Array(30).fill(100)) })],
  ['all-zero sales', () => ({ feedback: sim.feedback, sales: sales(new Array(30).fill(0)) })],
  ['one segment, no ratings (no surveys)', () => ({ feedback: sim.feedback.map(({ rating: _rating, ...r }) => r), sales: sim.sales })],
  ['no feedback at all', () => ({ feedback: [], sales: sim.sales })],
  ['no sales at all', () => ({ feedback: sim.feedback, sales: [] })],
  ['all feedback the same text', () => ({ feedback: feedback(new Array(30).fill('ok')), sales: sales(new Array(30).fill(5)) })],
];

describe('analyze on degenerate inputs: no NaN or Infinity in the report', () => {
  for (const [title, input] of CASES) {
    it(`analyze(${title})`, () => {
      const model = analyze(input());
      expect(nonFinite(model)).toEqual([]);
      const json = renderJson(model);
      expect(() => JSON.parse(json)).not.toThrow();
      expect(json).not.toMatch(/NaN|Infinity/);
      expect(validateReportModel(model).warnings).toEqual([]);
    }, 60_000);
  }
});

describe('variance and sums', () => {
  it('summarizeSentiment of a constant score has variance 0, not a tiny negative or NaN', () => {
    const agg = sentimentSums();
    const records = new Array(1000).fill(0).map(() => ({ sentiment: { score: 0.1, label: 'positive' } }));
    const summary = summarizeSentiment(agg.partial(records as never));
    expect(summary.variance).toBeGreaterThanOrEqual(0);
    expect(summary.variance).toBeLessThan(1e-15);
    expect(Number.isNaN(summary.variance)).toBe(false);
  });

  it('detectAnomalies and generalizedEsd on a constant series flag nothing and print no NaN', () => {
    const points = weeks(60).map((t) => ({ t, value: 7 }));
    const result = detectAnomalies(points);
    expect(result.length).toBe(0);
    expect(nonFinite(JSON.parse(JSON.stringify({ ...result })))).toEqual([]);
    expect(generalizedEsd(new Array(60).fill(7)).outliers).toEqual([]);
  });

  it('compensatedSum of 1e6 values of 0.1 is exact to 1 ulp of 1e5 (naive summation drifts by 1.3e-6)', () => {
    const values = new Array(1_000_000).fill(0.1);
    expect(Math.abs(sumValue(compensatedSum(values)) - 100_000)).toBeLessThanOrEqual(1.5e-11);
  });

  it('forecastAccuracy with zero actuals and a zero naive scale gives no NaN in its metrics', () => {
    const rows = weeks(8).map((period) => ({ period, group: 'A', forecast: 3, actual: 0 }));
    expect(nonFinite(forecastAccuracy(rows))).toEqual([]);
  });

  it('netPromoterScore of no ratings has no NaN', () => {
    expect(nonFinite(netPromoterScore([]))).toEqual([]);
  });
});

describe('stable sums in the numeric stages (Neumaier compensation)', () => {
  // A million times 0.1: the exact sum of the doubles is 100000.0000000055..., naive left-to-right summation
  // gives 100000.00000133288 (1.3e-6 off); a compensated sum is within one rounding of 1e5 (ulp 1.46e-11).
  const MILLION = 1_000_000;
  it('toSeries sums a million records of 0.1 in one bucket to 1e5 within 2 ulps', async () => {
    const { toSeries } = await import('../../src/index');
    const records = new Array(MILLION).fill(0).map(() => ({ t: '2026-01-05', v: 0.1 }));
    const series: any = (toSeries as any)(records, { t: (r: { t: string }) => r.t, value: (r: { v: number }) => r.v, freq: 'day' });
    const points = (Array.isArray(series) ? series : series.points) as { value: number }[];
    expect(Math.abs((points[0] as { value: number }).value - 100_000)).toBeLessThanOrEqual(3e-11);
  }, 60_000);

  it('forecastAccuracy bias over a million rows of error 0.1 is 0.1 within 1e-15 relative', () => {
    const rows = new Array(MILLION).fill(0).map((_, i) => ({ period: '2026-01-05', group: `g${i % 2}`, forecast: 1.1, actual: 1 }));
    const result = forecastAccuracy(rows) as unknown as { overall?: { bias: number }; bias?: number };
    const bias = result.overall?.bias ?? (result as { bias: number }).bias;
    // 1.1 - 1 is 0.10000000000000009 in doubles: the mean of a million equal terms must be that exact value.
    expect(Math.abs(bias - (1.1 - 1))).toBeLessThanOrEqual(1e-16);
  }, 60_000);
});
