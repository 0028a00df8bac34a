import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { charNgrams } from '../../src/text/charNgrams';
import { lemma } from '../../src/text/lemma';
import { ngrams } from '../../src/text/ngrams';
import { STOPWORDS, createStopwords, isStopword } from '../../src/text/stopwords';
import { stem } from '../../src/text/stem';

describe('stem(word)', () => {
  it('stem(word) gives the Porter (1980) stems of the paper\'s examples', () => {
    // Examples from Porter 1980, "An algorithm for suffix stripping", steps 1a-5.
    const cases: Array<[string, string]> = [
      ['caresses', 'caress'], ['ponies', 'poni'], ['cats', 'cat'], ['hopping', 'hop'], ['motoring', 'motor'],
      ['happy', 'happi'], ['relational', 'relat'], ['plastered', 'plaster'], ['falling', 'fall'], ['sized', 'size'],
    ];
    for (const [word, expected] of cases) expect(stem(word)).toBe(expected);
  });

  it('stem(word) lower-cases and is stable across calls (memoised)', () => {
    expect(stem('Running')).toBe('run');
    expect(stem('Running')).toBe('run');
  });

  it('stem(non-string) throws INVALID_ARGUMENT', () => {
    expect(() => stem(undefined as unknown as string)).toThrow('stem: expected word to be a string, found undefined');
  });
});

describe('stopwords', () => {
  it('isStopword(word) knows function words and clitic norms but not content words', () => {
    for (const w of ['the', 'and', 'not', "'s", "n't", 'was']) expect(isStopword(w)).toBe(true);
    for (const w of ['delivery', 'late', 'good', 'refund']) expect(isStopword(w)).toBe(false);
  });

  it('createStopwords({ add, remove }) extends the list without touching STOPWORDS', () => {
    const custom = createStopwords({ add: ['App', 'product'], remove: ['not'] });
    expect(isStopword('app', custom)).toBe(true);
    expect(isStopword('not', custom)).toBe(false);
    expect(STOPWORDS.has('not')).toBe(true);
    expect(STOPWORDS.has('app')).toBe(false);
  });

  it('createStopwords({ add: [1] }) throws INVALID_ARGUMENT', () => {
    expect(() => createStopwords({ add: [1 as unknown as string] })).toThrow(
      'createStopwords: expected options.add[] to be a string, found 1',
    );
  });
});

describe('ngrams(items, n) and charNgrams(text, n)', () => {
  it('ngrams(items, 2) joins consecutive pairs', () => {
    expect(ngrams(['late', 'delivery', 'again'], 2)).toEqual(['late delivery', 'delivery again']);
    expect(ngrams(['a', 'b', 'c'], 3, { separator: '_' })).toEqual(['a_b_c']);
    expect(ngrams(['a'], 2)).toEqual([]);
  });

  it('ngrams(items, 0) throws INVALID_OPTION', () => {
    expect(() => ngrams(['a'], 0)).toThrow('ngrams: expected n to be an integer >= 1, found 0');
    expect(() => ngrams('ab' as unknown as string[], 1)).toThrow('ngrams: expected items to be an array, found "ab"');
  });

  it('ngrams(items, n) has max(0, len - n + 1) grams and leaves a frozen input alone', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 20 }), fc.integer({ min: 1, max: 5 }), (items, n) => {
        const frozen = Object.freeze([...items]);
        expect(ngrams(frozen, n)).toHaveLength(Math.max(0, items.length - n + 1));
        expect(frozen).toEqual(items);
      }),
      { seed: 42, numRuns: 100 },
    );
  });

  it('charNgrams(text, n, { pad }) works on code points, padding as Cavnar & Trenkle 1994', () => {
    expect(charNgrams('late', 3)).toEqual(['lat', 'ate']);
    expect(charNgrams('late', 3, { pad: '_' })).toEqual(['_la', 'lat', 'ate', 'te_']);
    expect(charNgrams('a😀b', 2)).toEqual(['a😀', '😀b']);
    expect(charNgrams('', 2, { pad: '_' })).toEqual([]);
    expect(() => charNgrams('x', 2, { pad: '__' })).toThrow('charNgrams: expected options.pad to be a single character, found "__"');
  });
});

describe('lemma(word)', () => {
  it('lemma(word) maps irregular forms and regular plurals (Harman 1991 S-stemmer)', () => {
    const cases: Array<[string, string]> = [
      ['deliveries', 'delivery'], ['was', 'be'], ['better', 'good'], ['people', 'person'], ['orders', 'order'],
      ['boxes', 'boxe'], ['status', 'status'], ['glass', 'glass'], ['shoes', 'shoe'], ['this', 'this'], ['bus', 'bus'],
    ];
    for (const [word, expected] of cases) expect(lemma(word)).toBe(expected);
  });
});
