import { describe, expect, it } from 'vitest';
import {
  actionFeedbackCounts,
  actionImpact,
  actionImpactFromCounts,
  mergeActionFeedbackCounts,
} from '../../src/insights/actionImpact';
import { emergingThemes, emergingThemesFromCounts, mergeEmergingCounts, tallyEmergingThemes } from '../../src/insights/emergingThemes';
import {
  explainAnomaly,
  explainAnomalyFromCounts,
  mergeExplainCounts,
  resolveExplainSpec,
  tallyExplainAnomaly,
} from '../../src/insights/explainAnomaly';
import { parseDay, periodStart } from '../../src/insights/internal/dates';
import { inSegment } from '../../src/insights/internal/records';
import type { InsightRecord } from '../../src/insights/types';
import { simulate } from '../../src/simulate';

// The simulator's feedback with a theme per record (its planted truth label, else its source) and a sentiment.
const data = simulate({ seed: 11 });
const labels = new Map(data.truth.feedbackLabels.map((l) => [l.id, l.eventId]));
const records: InsightRecord[] = data.feedback.map((r, i) => ({
  ...r,
  theme: labels.get(r.id) ?? (i % 5 === 0 ? null : (r.source ?? 'other')),
  sentiment: ((i * 37) % 21) / 10 - 1,
  ...(i % 7 === 0 ? { aspects: [{ aspect: 'delivery', score: -0.5 }] } : {}),
}));
const cuts = [0, 400, 401, 1700, records.length];
const parts = cuts.slice(1).map((end, i) => records.slice(cuts[i], end));

describe('explainAnomaly: counts-based core', () => {
  const stockOut = data.truth.events.find((e) => e.kind === 'stock-out')!;
  const anomaly = { t: stockOut.end, value: 50, expected: 100, segment: { product: stockOut.scope.product!, region: stockOut.scope.region! } };

  it('explainAnomalyFromCounts(merged counts of any split) equals explainAnomaly(records)', () => {
    for (const options of [{}, { window: 21, quotes: 2 }, { rankBy: 'pValue' as const, facets: ['theme' as const] }]) {
      const spec = resolveExplainSpec('explainAnomaly', anomaly, options);
      let offset = 0;
      const counts = parts.map((part) => {
        const entries = part.flatMap((record, i) => {
          const day = parseDay(record.date);
          return day === null || !inSegment(record, spec.segment) ? [] : [{ record, day, row: offset + i }];
        });
        offset += part.length;
        return tallyExplainAnomaly(entries, spec);
      });
      const forward = counts.reduce((a, b) => mergeExplainCounts(a, b, spec));
      const backward = [...counts].reverse().reduce((a, b) => mergeExplainCounts(a, b, spec));
      expect(JSON.stringify(backward)).toBe(JSON.stringify(forward));
      const expected = explainAnomaly(anomaly, records, options);
      expect(expected.drivers.length).toBeGreaterThan(0);
      expect(explainAnomalyFromCounts(anomaly, spec, forward)).toEqual(expected);
    }
  });
});

describe('emergingThemes: counts-based core', () => {
  it('emergingThemesFromCounts(merged counts of any split) equals emergingThemes(records)', () => {
    for (const options of [{ freq: 'week' as const, recent: 4, minCount: 1 }, { freq: 'week' as const, metric: 'negativeShare' as const, by: ['region'], minCount: 1 }]) {
      const tallies = parts.map((part) =>
        tallyEmergingThemes(
          part.map((record) => ({ record, period: periodStart(parseDay(record.date)!, options.freq) })),
          options.by ?? [],
        ),
      );
      const merged = tallies.reduce(mergeEmergingCounts);
      expect(emergingThemes(records, options).themes.length).toBeGreaterThan(0);
      expect(JSON.stringify(emergingThemesFromCounts(merged, options))).toBe(JSON.stringify(emergingThemes(records, options)));
    }
  });
});

describe('actionImpact: counts-based core', () => {
  it('actionImpactFromCounts(merged feedback counts of any split) equals actionImpact(actions, sales, { feedback })', () => {
    const counts = parts.map((part) => actionFeedbackCounts(data.actions, part)).reduce(mergeActionFeedbackCounts);
    const expected = actionImpact(data.actions, data.sales, { feedback: records });
    expect(expected.impacts.some((i) => i.feedback !== null)).toBe(true);
    expect(actionImpactFromCounts(data.actions, data.sales, {}, counts)).toEqual(expected);
  });
});
