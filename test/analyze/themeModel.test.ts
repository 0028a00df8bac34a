import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizedMutualInformation } from '../../src/themes/clusterAgreement';
import { clusterTexts } from '../../src/themes/clusterTexts';
import { tokenize } from '../../src/text/tokenize';
import { createThemeAssigner, createThemeNormAssigner, fitThemeModel } from '../../src/themes/themeModel';
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

  it('property: on texts with stopwords, punctuation, numbers, repeats and odd spacing, every fitted text gets its fitted theme and similarity', () => {
    const words = ['late', 'delivery', 'deliveries', 'rude', 'driver', 'the', 'not', 'a', 'I', '42', 'x', 'refund', 'refunds', 'app', 'crash', 'crashes', 'slow', 'support', 'agent', 'great', 'pizza', 'cold'];
    const glue = [' ', ', ', '. ', '!! ', ' - ', '\n', '  '];
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.tuple(fc.constantFrom(...words), fc.constantFrom(...glue)), { minLength: 1, maxLength: 12 }), { minLength: 12, maxLength: 40 }),
        fc.integer({ min: 0, max: 1000 }),
        (docs, seed) => {
          const corpus = docs.map((d) => d.map(([w, g]) => w + g).join(''));
          const fitted = fitThemeModel(corpus, { k: 3, seed });
          const assign = createThemeAssigner(fitted.model);
          corpus.forEach((text, i) => {
            const r = assign(text);
            expect(r.theme).toBe(fitted.assignments[i]);
            expect(r.similarity).toBe(fitted.similarities[i]);
          });
        },
      ),
      { numRuns: 40, seed: 11 },
    );
  });

  it('createThemeNormAssigner(model)(norms) on the norms of tokenize(text) gives every fitted text its fitted theme and similarity', () => {
    const assign = createThemeNormAssigner(fit.model);
    texts.forEach((text, i) => {
      const r = assign(tokenize(text).map((t) => t.norm));
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
