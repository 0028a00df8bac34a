import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FeedbackMinerError } from '../../src/errors';
import { clusterFeedback } from '../../src/themes/clusterFeedback';
import { clusterTexts } from '../../src/themes/clusterTexts';

// Three unmistakable themes, written for this test.
const DELIVERY = [
  'The delivery was late again',
  'Late delivery, the parcel arrived a week late',
  'My parcel delivery was delayed and late',
  'Delivery late for the third time, parcel missing',
  'The courier delivery came late',
  'Parcel delivery late, courier never called',
];
const REFUND = [
  'Still waiting for my refund',
  'The refund for the broken item never arrived',
  'Refund request ignored, no refund after a month',
  'They promised a refund and the refund is still pending',
  'I want my refund for the double charge',
  'Refund took weeks to process',
];
const APP = [
  'The app keeps crashing on login',
  'App crashing every time I open the login screen',
  'Login to the app fails, app crashing',
  'The new app update is crashing',
  'App login broken after the update',
  'Cannot login, the app freezes and crashes',
];
const TEXTS = [...DELIVERY, ...REFUND, ...APP];

function groupsOf(texts: readonly string[], assignments: readonly number[]): string[][] {
  const groups = new Map<number, string[]>();
  assignments.forEach((a, i) => groups.set(a, [...(groups.get(a) ?? []), texts[i]!]));
  return [...groups.values()].map((g) => [...g].sort()).sort((x, y) => (x[0]! < y[0]! ? -1 : 1));
}

describe('clusterTexts(texts, { k, seed })', () => {
  it('finds three planted themes, labels them by their words and shows examples from them', () => {
    const result = clusterTexts(TEXTS, { k: 3, seed: 1 });
    expect(groupsOf(TEXTS, result.assignments)).toEqual(groupsOf(TEXTS, [...DELIVERY.map(() => 0), ...REFUND.map(() => 1), ...APP.map(() => 2)]));
    expect(result.themes.map((t) => t.size)).toEqual([6, 6, 6]);
    const labels = result.themes.map((t) => t.label).join(' | ');
    expect(labels).toMatch(/deliver/);
    expect(labels).toMatch(/refund/);
    expect(labels).toMatch(/app|login|crash/);
    for (const theme of result.themes) {
      expect(theme.examples).toHaveLength(3);
      expect(theme.exampleIndices.every((i) => result.assignments[i] === theme.id)).toBe(true);
      expect(theme.share).toBeCloseTo(1 / 3, 12);
    }
    expect(result.warnings).toEqual([]);
  });

  it("k: 'auto' finds the three planted themes by stability and reports every candidate's score", () => {
    for (const seed of [1, 2, 3]) {
      const result = clusterTexts(TEXTS, { k: 'auto', seed, kRange: [2, 5] });
      expect(result.selection.criterion).toBe('stability');
      expect(result.k).toBe(3);
      expect(result.selection.scores.map((s) => s.k)).toEqual([2, 3, 4, 5]);
      for (const score of result.selection.scores) {
        expect(score.stability).toBeGreaterThanOrEqual(-1);
        expect(score.stability).toBeLessThanOrEqual(1);
        expect(score.standardError).toBeGreaterThanOrEqual(0);
      }
      // One-standard-error rule: the chosen k is the smallest within one standard error of the most stable.
      const rated = result.selection.scores;
      const best = rated.reduce((x, y) => (y.stability! > x.stability! ? y : x));
      expect(rated.find((s) => s.stability! >= best.stability! - best.standardError!)?.k).toBe(result.k);
    }
  });

  it("clusterTexts(texts, { k: 'auto', kRange }) with fewer texts than the range allows picks within what they allow", () => {
    // Three texts leave at most 2 themes; a range of [3, 3] must shrink to it, not fail.
    const result = clusterTexts(['late delivery again', 'rude agent on the phone', 'refund still missing'], {
      k: 'auto',
      seed: 1,
      kRange: [3, 3],
      selectBy: 'silhouette',
    });
    expect(result.k).toBe(2);
    expect(result.assignments).toHaveLength(3);
  });

  it("k: 'auto' falls back to the silhouette, with a warning, when there are too few texts to split", () => {
    const result = clusterTexts(['late delivery', 'delivery late', 'rude agent', 'agent rude', 'refund late'], { k: 'auto', seed: 1, kRange: [2, 3] });
    expect(result.selection.criterion).toBe('silhouette');
    expect(result.warnings).toContain('too few texts (5) to split for the stability criterion: k chosen by silhouette');
  });

  // Pins the former default criterion, kept as selectBy: 'silhouette'.
  it("k: 'auto', selectBy: 'silhouette' reports the silhouette of every candidate and picks the best", () => {
    const result = clusterTexts(TEXTS, { k: 'auto', seed: 2, kRange: [2, 5], selectBy: 'silhouette' });
    expect(result.selection.criterion).toBe('silhouette');
    expect(result.selection.scores.map((s) => s.k)).toEqual([2, 3, 4, 5]);
    const best = Math.max(...result.selection.scores.map((s) => s.silhouette));
    expect(result.selection.scores.find((s) => s.k === result.k)?.silhouette).toBe(best);
  });

  it('gives each theme the mean of the sentiments given', () => {
    const sentiments = TEXTS.map((_, i) => (i < 6 ? -0.5 : i < 12 ? -1 : null));
    const result = clusterTexts(TEXTS, { k: 3, seed: 1, sentiments });
    const means = result.themes.map((t) => t.sentiment);
    expect(means).toContain(-0.5);
    expect(means).toContain(-1);
    expect(means).toContain(undefined);
  });

  it('does not depend on input order: the same theme contents for a shuffled input', () => {
    const a = clusterTexts(TEXTS, { k: 3, seed: 5 });
    const reversed = [...TEXTS].reverse();
    const b = clusterTexts(reversed, { k: 3, seed: 5 });
    expect(groupsOf(reversed, b.assignments)).toEqual(groupsOf(TEXTS, a.assignments));
    expect(b.themes.map((t) => t.label)).toEqual(a.themes.map((t) => t.label));
  });

  it('puts empty and stopword-only texts in the unclustered group (-1) with a warning', () => {
    const texts = [...TEXTS, '', '   ', 'the and of', '!!!'];
    const result = clusterTexts(texts, { k: 3, seed: 1 });
    expect(result.assignments.slice(-4)).toEqual([-1, -1, -1, -1]);
    const unclustered = result.themes.at(-1);
    expect(unclustered).toMatchObject({ id: -1, label: 'unclustered', size: 4, unclustered: true });
    expect(result.warnings).toContain(
      '4 of 22 texts have no usable terms (empty, only stopwords, or only words too rare to compare) and are unclustered (assignment -1)',
    );
  });

  it('degrades on all-empty, all-identical and too-few-distinct inputs, with warnings', () => {
    const empty = clusterTexts(['', '', ''], { k: 2 });
    expect(empty.assignments).toEqual([-1, -1, -1]);
    expect(empty.k).toBe(0);
    expect(empty.warnings).toContain('no text has usable terms: nothing to cluster');

    const same = clusterTexts(['late delivery', 'late delivery', 'late delivery'], { k: 2 });
    expect(same.assignments).toEqual([0, 0, 0]);
    expect(same.warnings).toContain('only 1 distinct clusterable text(s): k lowered from 2 to 1');

    const long = clusterTexts(['word '.repeat(5000) + 'delivery refund app'], { k: 1 });
    expect(long.assignments).toEqual([0]);

    const foreign = clusterTexts(['La livraison est en retard', 'Le remboursement est en attente', 'La livraison arrive en retard'], { k: 2, seed: 1 });
    expect(foreign.assignments).toHaveLength(3);
    expect(foreign.assignments[0]).toBe(foreign.assignments[2]);
  });

  it('reports non-string inputs as rejected and clusters the rest', () => {
    const result = clusterTexts([...TEXTS, null as unknown as string], { k: 3, seed: 1 });
    expect(result.rejected).toEqual([{ row: 18, field: 'text', reason: 'expected a string, found null' }]);
    expect(result.assignments[18]).toBe(-1);
  });

  it('throws INVALID_OPTION for k = 0, INSUFFICIENT_DATA for k > n, INVALID_ARGUMENT for a non-array', () => {
    expect(() => clusterTexts(TEXTS, { k: 0 })).toThrowError('clusterTexts: expected options.k to be an integer >= 1, found 0');
    try {
      clusterTexts(['a b', 'c d'], { k: 3 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FeedbackMinerError);
      expect((error as FeedbackMinerError).code).toBe('INSUFFICIENT_DATA');
      expect((error as Error).message).toBe('clusterTexts: expected options.k to be at most the number of texts (2), found 3');
    }
    expect(() => clusterTexts('text' as never)).toThrowError('clusterTexts: expected texts to be an array, found "text"');
    expect(() => clusterTexts(TEXTS, { kRange: [1, 4] })).toThrowError('clusterTexts: expected options.kRange[0] to be an integer >= 2, found 1');
    expect(() => clusterTexts(TEXTS, { powerIterations: 21 })).toThrowError('clusterTexts: expected options.powerIterations to be an integer from 0 to 20, found 21');
    expect(() => clusterTexts(TEXTS, { selectBy: 'gap' as never })).toThrowError("clusterTexts: expected options.selectBy to be 'stability' or 'silhouette', found \"gap\"");
  });

  it('every text gets exactly one assignment, sizes sum to the count, same seed same result, input untouched (property)', () => {
    const word = fc.constantFrom('late', 'delivery', 'refund', 'app', 'crash', 'rude', 'agent', 'price', 'the', '', 'box', 'broken');
    const text = fc.array(word, { maxLength: 8 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 30 }), fc.integer({ min: 0, max: 1000 }), (texts, seed) => {
        const frozen = Object.freeze([...texts]);
        const a = clusterTexts(frozen, { k: 'auto', seed, kRange: [2, 4] });
        const b = clusterTexts(frozen, { k: 'auto', seed, kRange: [2, 4] });
        expect(a).toEqual(b);
        expect(frozen).toEqual(texts);
        expect(a.assignments).toHaveLength(texts.length);
        const ids = new Set(a.themes.map((t) => t.id));
        expect(a.assignments.every((x) => ids.has(x))).toBe(true);
        expect(a.themes.reduce((sum, t) => sum + t.size, 0)).toBe(texts.length);
      }),
      { seed: 42, numRuns: 40 },
    );
  });
});

describe('clusterFeedback(records, options)', () => {
  const records = TEXTS.map((text, i) => ({ id: `r${i}`, text, date: '2026-01-01', sentiment: { score: i < 6 ? -0.25 : 0 } }));

  it('returns new records with theme and label, and themes with sentiment from r.sentiment.score', () => {
    const frozen = Object.freeze(records.map((r) => Object.freeze(r)));
    const result = clusterFeedback(frozen, { k: 3, seed: 1 });
    expect(result.records).toHaveLength(records.length);
    expect(result.records[0]).toMatchObject({ id: 'r0', text: TEXTS[0] });
    const delivery = result.themes.find((t) => t.id === result.records[0]!.theme)!;
    expect(result.records[0]!.themeLabel).toBe(delivery.label);
    expect(delivery.sentiment).toBeCloseTo(-0.25, 12);
    expect('theme' in records[0]!).toBe(false);
  });

  it('reports records without text as rejected, theme -1', () => {
    const withBad = [...records, { id: 'x', date: '2026-01-01' } as unknown as (typeof records)[number]];
    const result = clusterFeedback(withBad, { k: 3, seed: 1 });
    expect(result.rejected).toEqual([{ row: 18, field: 'text', reason: 'missing text' }]);
    expect(result.records[18]).toMatchObject({ id: 'x', theme: -1, themeLabel: 'unclustered' });
  });

  it('reads text and sentiment through accessors', () => {
    const rows = TEXTS.map((body, i) => ({ body, mood: i % 2 === 0 ? 1 : -1 }));
    const result = clusterFeedback(rows, { k: 3, seed: 1, text: (r) => r.body, sentiment: (r) => r.mood });
    expect(result.themes.every((t) => t.sentiment !== undefined)).toBe(true);
  });
});

describe('labelFromTerms(terms)', () => {
  it('lets a phrase absorb the words it contains', async () => {
    const { labelFromTerms } = await import('../../src/themes/classTfidf');
    const t = (...terms: string[]) => terms.map((term, i) => ({ term, weight: 1 / (i + 1) }));
    expect(labelFromTerms(t('delivery', 'late', 'late delivery', 'courier'))).toBe('late delivery, courier');
    expect(labelFromTerms(t('late delivery', 'late', 'delivery', 'refund', 'app'))).toBe('late delivery, refund, app');
    expect(labelFromTerms(t('refund', 'app', 'login', 'crash'))).toBe('refund, app, login');
  });
});

describe('clusterTexts(texts) examples', () => {
  it('prefers quotable texts (200 characters or less) and deduplicates them', () => {
    const long = `${'The delivery was late and the parcel delivery was late again, '.repeat(4)}late delivery.`;
    const texts = [long, 'Late delivery', 'late   delivery', 'The delivery was late', 'Parcel delivery late'];
    const { themes } = clusterTexts(texts, { k: 1, seed: 1 });
    expect(long.length).toBeGreaterThan(200);
    expect(themes[0]!.examples).toHaveLength(3);
    expect(themes[0]!.examples).not.toContain(long);
    expect(themes[0]!.examples.filter((e) => e.toLowerCase().replace(/\s+/g, ' ') === 'late delivery')).toHaveLength(1);
  });
});
