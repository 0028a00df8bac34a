import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { FeedbackMinerError } from '../../src/errors';
import { generateFeedbackTexts } from '../../src/simulate';
import { compileTemplate, expand } from '../../src/simulate/templates';
import { unknownWordShare } from './vocabulary';
import { createRandom } from '../../src/simulate/random';

function errorOf(run: () => unknown): FeedbackMinerError {
  try {
    run();
  } catch (error) {
    if (error instanceof FeedbackMinerError) return error;
    throw error;
  }
  throw new Error('expected a FeedbackMinerError');
}

const wordCount = (text: string): number => text.split(' ').length;

describe('generateFeedbackTexts(n, options)', () => {
  it('generateFeedbackTexts(n, { seed }) returns n texts of 5 to 60 words, trimmed, single-spaced', () => {
    const texts = generateFeedbackTexts(500, { seed: 1 });
    expect(texts).toHaveLength(500);
    const bad = texts.filter((text) => wordCount(text) < 5 || wordCount(text) > 60 || text !== text.trim() || /\s\s/.test(text));
    expect(bad).toEqual([]);
  });

  it('generateFeedbackTexts(n, { seed, minWords, maxWords }) keeps every text within the bounds (property)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 40 }), (seed, minWords, extra) => {
        const maxWords = minWords + extra;
        return generateFeedbackTexts(20, { seed, minWords, maxWords }).every((text) => {
          const count = wordCount(text);
          return count >= minWords && count <= maxWords && text.trim() === text && !text.includes('  ');
        });
      }),
      { seed: 42, numRuns: 60 },
    );
  });

  it('generateFeedbackTexts(n, { seed }) is the same for the same seed, different for another', () => {
    expect(generateFeedbackTexts(50, { seed: 9 })).toEqual(generateFeedbackTexts(50, { seed: 9 }));
    expect(generateFeedbackTexts(50, { seed: 9 })).not.toEqual(generateFeedbackTexts(50, { seed: 10 }));
  });

  it('generateFeedbackTexts(n, { seed, offset }) generates chunks equal to one long call', () => {
    const whole = generateFeedbackTexts(30, { seed: 4 });
    const chunks = [
      ...generateFeedbackTexts(10, { seed: 4 }),
      ...generateFeedbackTexts(12, { seed: 4, offset: 10 }),
      ...generateFeedbackTexts(8, { seed: 4, offset: 22 }),
    ];
    expect(chunks).toEqual(whole);
  });

  it('generateFeedbackTexts(n, { seed }) writes varied text: emoji, negations, typos, mentions, themes', () => {
    const texts = generateFeedbackTexts(3000, { seed: 5 });
    const share = (pattern: RegExp): number => texts.filter((text) => pattern.test(text)).length / texts.length;
    expect(share(/\p{Extended_Pictographic}|:\)|:\(|<3/u)).toBeGreaterThan(0.03);
    expect(share(/\b(not|never|no|nobody)\b|n't\b/i)).toBeGreaterThan(0.1);
    expect(share(/@ShopCo/i)).toBeGreaterThan(0.02);
    expect(share(/out of stock|sold out|back in stock|empty shelves/i)).toBeGreaterThan(0.03);
    expect(share(/deliver|shipping|courier|tracking/i)).toBeGreaterThan(0.08);
    expect(share(/price|expensive|overpriced|value/i)).toBeGreaterThan(0.08);
    expect(new Set(texts).size).toBeGreaterThan(2000);
    // A typo is a lower-case word outside the phrase bank's vocabulary: about 1% of words, never most of them.
    const unknown = unknownWordShare(texts);
    expect(unknown).toBeGreaterThan(0.001);
    expect(unknown).toBeLessThan(0.03);
  });

  it('generateFeedbackTexts(n, { seed, products, regions }) mentions the given names', () => {
    const texts = generateFeedbackTexts(400, { seed: 2, products: ['Zephyr'], regions: ['Oslo'] });
    expect(texts.some((text) => text.includes('Zephyr'))).toBe(true);
    expect(texts.some((text) => /Aurora|Breeze|Cedar|Drift/.test(text))).toBe(false);
  });

  it('generateFeedbackTexts(0, { seed }) is empty', () => {
    expect(generateFeedbackTexts(0, { seed: 1 })).toEqual([]);
  });

  it('generateFeedbackTexts(bad) throws FeedbackMinerError with the parameter named', () => {
    expect(errorOf(() => generateFeedbackTexts(-1, { seed: 1 })).message).toBe(
      'generateFeedbackTexts: expected n to be an integer >= 0, found -1',
    );
    expect(errorOf(() => generateFeedbackTexts(1.5, { seed: 1 })).code).toBe('INVALID_ARGUMENT');
    expect(errorOf(() => generateFeedbackTexts(1, undefined as never)).message).toBe(
      'generateFeedbackTexts: expected options.seed to be an integer, found undefined',
    );
    expect(errorOf(() => generateFeedbackTexts(1, {} as never)).message).toBe(
      'generateFeedbackTexts: expected options.seed to be an integer from -9007199254740991 to 9007199254740991, found undefined',
    );
    expect(errorOf(() => generateFeedbackTexts(1, { seed: 1, minWords: 0 })).message).toBe(
      'generateFeedbackTexts: expected options.minWords to be an integer from 1 to 10000, found 0',
    );
    expect(errorOf(() => generateFeedbackTexts(1, { seed: 1, minWords: 10, maxWords: 5 })).message).toBe(
      'generateFeedbackTexts: expected options.maxWords to be an integer from 10 to 10000, found 5',
    );
    expect(errorOf(() => generateFeedbackTexts(1, { seed: 1, products: [] })).message).toBe(
      'generateFeedbackTexts: expected options.products to be a non-empty array of non-empty strings, found an array of 0',
    );
  });
});

describe('compileTemplate(template) / expand(parts, values, random)', () => {
  it('expand(compileTemplate("{a|b {c|d}} $product")) picks one path and fills slots', () => {
    const parts = compileTemplate('{a|b {c|d}} $product in $region!');
    const random = createRandom(1);
    const seen = new Set<string>();
    for (let i = 0; i < 200; i += 1) seen.add(expand(parts, { product: 'Kettle', region: 'North', price: 10 }, random));
    expect([...seen].sort()).toEqual(['a Kettle in North!', 'b c Kettle in North!', 'b d Kettle in North!']);
  });

  it('expand(compileTemplate("x{|y}")) allows an empty choice', () => {
    const parts = compileTemplate('x{|y}');
    const random = createRandom(2);
    const seen = new Set<string>();
    for (let i = 0; i < 100; i += 1) seen.add(expand(parts, { product: 'P', region: 'R', price: 1 }, random));
    expect([...seen].sort()).toEqual(['x', 'xy']);
  });
});
