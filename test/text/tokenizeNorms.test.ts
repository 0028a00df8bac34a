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

  // The fast path handles plain ASCII words and punctuation inline and hands everything else to the scanner:
  // these pieces sit right at that border (emoticon and URL starts, periods, apostrophes, marks after punctuation).
  const borderPieces = fc.constantFrom(
    'The', 'only', 'xD', 'xy', 'D:', 'Do', 'T_T', 'To', 'o.O', 'of', 'http://a.io', 'https', 'www.x.com', 'ftp', 'cannot',
    'Cannot', 'candle', 'a.', 'U.S.', 'e.g.', 'end.', 'x@y.com', '.', ',', '!', '?', '"', '...', '!?', ' ', '  ', '\n',
    "don't", "it's", '-', '_', '#tag', '@me', '$5', '3h', '\u0301', '\u00e9', '😀', ':)', '(', ')', ';', 'sooo', 'GOOD',
    'not', 'but', 'no', 'amazon.com', 'b.c', '.5', 'a,1', '1,000',
  );

  it('tokenizeNorms(text) equals the norms of tokenize(text) without punctuation', () => {
    const texts = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 80 }),
      fc.array(borderPieces, { maxLength: 20 }).map((pieces) => pieces.join('')),
      fc.array(borderPieces, { maxLength: 20 }).map((pieces) => pieces.join(' ')),
    );
    fc.assert(
      fc.property(texts, fc.boolean(), (text, punct) => {
        const slow = tokenize(text).filter((t) => punct || t.kind !== 'punct').map((t) => t.norm);
        expect(tokenizeNorms(text, { punct })).toEqual(slow);
      }),
      { seed: 42, numRuns: 600 },
    );
  });
});

describe('tokenizeNormsNegated(text, options?)', () => {
  it('tokenizeNormsNegated(text) flags the negation scope', () => {
    const { norms, negated } = tokenizeNormsNegated("not good, but cheap. I don't like it");
    expect(norms).toEqual(['not', 'good', 'but', 'cheap', 'i', 'do', 'not', 'like', 'it']);
    expect(negated).toEqual([false, true, false, false, false, false, false, true, true]);
  });

  it('tokenizeNormsNegated(text) agrees with tokenize(text).negated', () => {
    const words = fc.constantFrom('not', 'good', "don't", 'but', ',', '.', ':)', 'never', 'bad', 'however', ' ', '!', 'no', '"', '…', 'dont', 'NOT', 'x.', '😀');
    fc.assert(
      fc.property(fc.array(words, { maxLength: 25 }).map((w) => w.join(' ')), (text) => {
        const tokens = tokenize(text).filter((t) => t.kind !== 'punct');
        const fast = tokenizeNormsNegated(text);
        const withPunct = tokenizeNormsNegated(text, { punct: true });
        expect(withPunct.negated).toEqual(tokenize(text).map((t) => t.negated));
        expect(fast.norms).toEqual(tokens.map((t) => t.norm));
        expect(fast.negated).toEqual(tokens.map((t) => t.negated));
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
