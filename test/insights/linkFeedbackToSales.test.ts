import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/insights/internal/stats';
import { linkFeedbackToSales } from '../../src/insights/linkFeedbackToSales';
import type { InsightRecord } from '../../src/insights/types';
import type { SalesRecord } from '../../src/records';

function world(): { feedback: InsightRecord[]; sales: SalesRecord[] } {
  const random = seededRandom(11);
  const feedback: InsightRecord[] = [];
  const sales: SalesRecord[] = [];
  const start = Date.UTC(2026, 0, 5);
  const day = (w: number, d = 0): string => new Date(start + (7 * w + d) * 86_400_000).toISOString().slice(0, 10);
  for (const region of ['North', 'South']) {
    for (let w = 0; w < 40; w++) {
      const wave = region === 'North' && w >= 15 && w < 22;
      for (let i = 0; i < 12; i++) {
        const theme = random() < (wave ? 0.5 : 0.08) ? 'out of stock' : 'price';
        feedback.push({ id: `${region}${w}-${i}`, text: theme, date: day(w, i % 7), region, theme });
      }
      const hit = region === 'North' && w >= 17 && w < 24;
      sales.push({ date: day(w), region, units: Math.round((hit ? 70 : 100) + 6 * (random() - 0.5)) });
    }
  }
  return { feedback, sales };
}

describe('linkFeedbackToSales(feedback, sales, options)', () => {
  it('linkFeedbackToSales(feedback, sales, { by, signal: { theme } }) finds the planted 2-week lead in North only', () => {
    const { feedback, sales } = world();
    const r = linkFeedbackToSales(feedback, sales, { freq: 'week', by: ['region'], signal: { theme: 'out of stock' }, maxLag: 6, leadOnly: true, direction: 'negative' });
    const north = r.links.find((l) => l.segment.region === 'North')!;
    const south = r.links.find((l) => l.segment.region === 'South')!;
    expect(north.best?.lag).toBe(2);
    expect(north.significant).toBe(true);
    expect(south.significant).toBe(false);
    expect(north.periods).toHaveLength(40);
  });

  it('linkFeedbackToSales(feedback, sales, options) reports bad rows and throws on misuse', () => {
    const r = linkFeedbackToSales([], [{ date: 'x', units: 1 }], { freq: 'week' });
    expect(r.rejected).toEqual([{ row: 0, field: 'date', reason: 'not an ISO 8601 date: x' }]);
    expect(() => linkFeedbackToSales([], [], { freq: 'week', signal: 'mood' as never })).toThrow(
      'linkFeedbackToSales: expected options.signal to be "negativeShare", "volume", "sentiment", "nps" or { theme }, found "mood"',
    );
  });
});
