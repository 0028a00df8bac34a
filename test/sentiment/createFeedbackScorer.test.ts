import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FeedbackMinerError } from '../../src/errors';
import { aspectSentiment, DEFAULT_ASPECTS, scoreSentiment } from '../../src/sentiment';
import { createFeedbackScorer } from '../../src/sentiment/createFeedbackScorer';
import { tokenize } from '../../src/text/tokenize';

const pieces = fc.constantFrom(
  'the delivery', 'price', 'prices', 'customer service', 'customer services', 'support team', 'was', 'good', 'bad',
  'not', 'very', 'but', 'and the', '!!', '?', 'late', 'still waiting', ':)', '😡', 'GREAT', 'sooo', '2 hours', ',', '.',
  '\n', 'too', 'if', 'never', 'out of stock', '$25', '40 dollars', 'lead time', 'lead', 'time', 'however', 'quality',
);
const texts = fc.oneof(fc.string(), fc.array(pieces, { maxLength: 40 }).map((p) => p.join(' ')));

describe('createFeedbackScorer(options)', () => {
  it('createFeedbackScorer()(text) equals tokenize, scoreSentiment and aspectSentiment with the default aspects', () => {
    const score = createFeedbackScorer();
    fc.assert(
      fc.property(texts, (text) => {
        const r = score(text);
        expect(r.tokens).toEqual(tokenize(text));
        expect(r.sentiment).toEqual(scoreSentiment(text));
        expect(r.aspects).toEqual(aspectSentiment(text));
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('createFeedbackScorer(options)(text) equals the functions with the same aspects, window and lexicon', () => {
    const aspects = { delivery: ['delivery', 'lead time'], price: ['price', '#Money'], service: ['customer service'] };
    const options = { window: 3, lexicon: { quality: 2 }, phrases: { 'and the': -1 }, neutralBand: 0.1 };
    const score = createFeedbackScorer({ ...options, aspects });
    fc.assert(
      fc.property(texts, (text) => {
        const r = score(text);
        expect(r.sentiment).toEqual(scoreSentiment(text, { lexicon: options.lexicon, phrases: options.phrases, neutralBand: 0.1 }));
        expect(r.aspects).toEqual(aspectSentiment(text, aspects, options));
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it('createFeedbackScorer({ aspects: false }) skips aspects; empty text is neutral with no tokens', () => {
    expect(createFeedbackScorer({ aspects: false })('Great price').aspects).toEqual([]);
    const empty = createFeedbackScorer()('   ');
    expect(empty.tokens).toEqual([]);
    expect(empty.sentiment).toMatchObject({ score: 0, label: 'neutral', evidence: [] });
    expect(empty.aspects).toEqual([]);
  });

  it('createFeedbackScorer(options) throws for bad options and non-string text', () => {
    const thrown = (f: () => unknown): FeedbackMinerError => {
      try {
        f();
      } catch (error) {
        if (error instanceof FeedbackMinerError) return error;
        throw error;
      }
      throw new Error('expected a FeedbackMinerError');
    };
    expect(thrown(() => createFeedbackScorer({ aspects: [] as unknown as false })).message).toBe(
      'createFeedbackScorer: expected options.aspects to be an object mapping names to arrays of terms, or false, found an array of 0',
    );
    expect(thrown(() => createFeedbackScorer({ aspects: { price: 'price' as unknown as string[] } })).code).toBe('INVALID_ARGUMENT');
    expect(thrown(() => createFeedbackScorer({ window: 0 })).code).toBe('INVALID_OPTION');
    expect(thrown(() => createFeedbackScorer()(42 as unknown as string)).message).toBe(
      'createFeedbackScorer: expected text to be a string, found 42',
    );
  });
});

describe('aspectSentiment(text, aspects) with a reused aspects object', () => {
  it('aspectSentiment(text, aspects) sees terms changed in the same object between calls', () => {
    const aspects: Record<string, string[]> = { price: ['price'] };
    expect(aspectSentiment('Great price, slow courier', aspects).map((a) => a.aspect)).toEqual(['price']);
    (aspects.price as string[])[0] = 'courier';
    expect(aspectSentiment('Great price, slow courier', aspects).map((a) => [a.aspect, a.mentions[0]?.text])).toEqual([
      ['price', 'courier'],
    ]);
    aspects.delivery = ['price'];
    expect(aspectSentiment('Great price, slow courier', aspects).map((a) => a.aspect)).toEqual(['price', 'delivery']);
  });

  it('aspectSentiment(text) with the frozen default aspects is stable across calls', () => {
    const text = 'Shipping took forever, but the support team was very helpful.';
    expect(aspectSentiment(text)).toEqual(aspectSentiment(text, DEFAULT_ASPECTS));
    expect(aspectSentiment(text)).toEqual(aspectSentiment(text, { ...DEFAULT_ASPECTS }));
  });
});
