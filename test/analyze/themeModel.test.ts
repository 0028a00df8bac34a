import { describe, expect, it } from 'vitest';
import { normalizedMutualInformation } from '../../src/themes/clusterAgreement';
import { clusterTexts } from '../../src/themes/clusterTexts';
import { createThemeAssigner, fitThemeModel } from '../../src/themes/themeModel';
import { simulate } from '../../src/simulate';
import { FeedbackMinerError } from '../../src/errors';

const texts = simulate({ seed: 3 }).feedback.slice(0, 600).map((r) => r.text);

describe('fitThemeModel(texts, options) / createThemeAssigner(model)', () => {
  const fit = fitThemeModel(Object.freeze([...texts]), { k: 'auto', kRange: [4, 10], seed: 1 });

  it('assigns every fitted text exactly its fitted theme and similarity, from the model after a JSON round trip', () => {
    const assign = createThemeAssigner(JSON.parse(JSON.stringify(fit.model)));
    texts.forEach((text, i) => {
      const r = assign(text);
      expect(r.theme).toBe(fit.assignments[i]);
      expect(r.similarity).toBe(fit.similarities[i]);
    });
  });

  it('finds the partition clusterTexts finds with the same settings on small data (the fold-in equals U S)', () => {
    const reference = clusterTexts(texts, { k: fit.model.themes.length, seed: 1 });
    const nmi = normalizedMutualInformation(reference.assignments, fit.assignments);
    expect(nmi).toBeGreaterThan(0.9);
  });

  it('numbers themes by size and keeps every text (-1 only for texts without a vocabulary term)', () => {
    const sizes = fit.model.themes.map((t) => t.size);
    expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
    const counted = fit.assignments.filter((a) => a >= 0).length;
    expect(counted + fit.model.unclustered).toBe(texts.length);
    expect(sizes.reduce((s, x) => s + x, 0)).toBe(counted);
    expect(createThemeAssigner(fit.model)('zzzz qqqq').theme).toBe(-1);
  });

  it('does not depend on input order', () => {
    const reversed = fitThemeModel([...texts].reverse(), { k: 'auto', kRange: [4, 10], seed: 1 });
    expect(JSON.stringify(reversed.model)).toBe(JSON.stringify(fit.model));
  });

  it('separates two obvious themes', () => {
    const small = fitThemeModel(['late delivery again', 'delivery was late', 'rude support agent', 'support agent was rude'], { k: 2, seed: 1 });
    expect(small.assignments[0]).toBe(small.assignments[1]);
    expect(small.assignments[2]).toBe(small.assignments[3]);
    expect(small.assignments[0]).not.toBe(small.assignments[2]);
  });

  it('throws on misuse', () => {
    expect(() => fitThemeModel('x' as never)).toThrow('fitThemeModel: expected texts to be an array, found "x"');
    expect(() => fitThemeModel([1 as never])).toThrow('fitThemeModel: expected texts[0] to be a string, found 1');
    expect(() => createThemeAssigner({} as never)).toThrow(FeedbackMinerError);
  });
});
