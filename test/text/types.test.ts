import { describe, expectTypeOf, it, expect } from 'vitest';
import * as text from '../../src/text';
import type { NegatedNorms, NormalizedText, Sentence, Token, TokenKind } from '../../src/text';

describe('text stage public types', () => {
  it('tokenize(text, options?) returns Token[] with the contract fields', () => {
    expectTypeOf(text.tokenize).parameter(0).toEqualTypeOf<string>();
    expectTypeOf(text.tokenize).returns.toEqualTypeOf<Token[]>();
    expectTypeOf<Token['kind']>().toEqualTypeOf<TokenKind>();
    expectTypeOf<Token>().toHaveProperty('negated').toEqualTypeOf<boolean>();
    expectTypeOf<Token>().toHaveProperty('start').toEqualTypeOf<number>();
  });

  it('the fast paths and helpers have their documented shapes', () => {
    expectTypeOf(text.tokenizeNorms).returns.toEqualTypeOf<string[]>();
    expectTypeOf(text.tokenizeNormsNegated).returns.toEqualTypeOf<NegatedNorms>();
    expectTypeOf(text.normalize).returns.toEqualTypeOf<NormalizedText>();
    expectTypeOf(text.splitSentences).returns.toEqualTypeOf<Sentence[]>();
    expectTypeOf(text.STOPWORDS).toEqualTypeOf<ReadonlySet<string>>();
  });

  it('src/text/index.ts exports the stage names', () => {
    expect(Object.keys(text).sort()).toEqual(
      [
        'CLAUSE_BREAKERS', 'NEGATORS', 'STOPWORDS', 'charNgrams', 'createStopwords', 'isStopword', 'lemma', 'ngrams',
        'normalize', 'preloadCompromise', 'preloadStemmer', 'splitSentences', 'stem', 'toOriginalSpan', 'tokenize',
        'tokenizeNorms', 'tokenizeNormsNegated',
      ].sort(),
    );
  });
});

describe('preloadStemmer()', () => {
  it('preloadStemmer() resolves and stem works after it', async () => {
    await expect(text.preloadStemmer()).resolves.toBeUndefined();
    expect(text.stem('orders')).toBe('order');
  });
});
