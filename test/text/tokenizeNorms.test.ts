import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tokenize } from '../../src/text/tokenize';
import { tokenizeNorms, tokenizeNormsNegated } from '../../src/text/tokenizeNorms';

describe('tokenizeNorms(text, options?)', () => {
  it('tokenizeNorms(text) returns the norms without punctuation', () => {
    expect(tokenizeNorms("The delivery was SOOO late!!! Can't wait 😡")).toEqual([
      'the', 'delivery', 'was', 'soo', 'late', 'can', 'not', 'wait', '😡',
    ]);
  });

  it('tokenizeNorms(text, { punct: true }) keeps punctuation', () => {
    expect(tokenizeNorms('Late, again!', { punct: true })).toEqual(['late', ',', 'again', '!']);
  });

  it('tokenizeNorms(non-string) throws INVALID_ARGUMENT with the standard message', () => {
    expect(() => tokenizeNorms(null as unknown as string)).toThrow('tokenizeNorms: expected text to be a string, found null');
    expect(() => tokenizeNorms('a', { punct: 1 as unknown as boolean })).toThrow(
      'tokenizeNorms: expected options.punct to be a boolean, found 1',
    );
  });

  it('tokenizeNorms(text) equals the norms of tokenize(text) without punctuation', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
        const slow = tokenize(text).filter((t) => t.kind !== 'punct').map((t) => t.norm);
        expect(tokenizeNorms(text)).toEqual(slow);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('tokenizeNormsNegated(text, options?)', () => {
  it('tokenizeNormsNegated(text) flags the negation scope', () => {
    const { norms, negated } = tokenizeNormsNegated("not good, but cheap. I don't like it");
    expect(norms).toEqual(['not', 'good', 'but', 'cheap', 'i', 'do', 'not', 'like', 'it']);
    expect([...negated]).toEqual([0, 1, 0, 0, 0, 0, 0, 1, 1]);
  });

  it('tokenizeNormsNegated(text) agrees with tokenize(text).negated', () => {
    const words = fc.constantFrom('not', 'good', "don't", 'but', ',', '.', ':)', 'never', 'bad', 'however', ' ', '!', 'no');
    fc.assert(
      fc.property(fc.array(words, { maxLength: 25 }).map((w) => w.join(' ')), (text) => {
        const tokens = tokenize(text).filter((t) => t.kind !== 'punct');
        const fast = tokenizeNormsNegated(text);
        expect(fast.norms).toEqual(tokens.map((t) => t.norm));
        expect([...fast.negated]).toEqual(tokens.map((t) => (t.negated ? 1 : 0)));
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
