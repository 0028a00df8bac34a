import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileDefault, filterHash, lookupTable } from '../../src/sentiment/compile';
import { tokenize } from '../../src/text/tokenize';

describe('lookupTable(lexicon, word, hash)', () => {
  const lexicon = compileDefault(true, tokenize);

  it('lookupTable(lexicon, word, filterHash(word)) finds every key of the table', () => {
    for (const [key, info] of lexicon.table) expect(lookupTable(lexicon, key, filterHash(key))).toBe(info);
  });

  it('lookupTable(lexicon, word, filterHash(word)) equals table.get(word) for any word, in any order (the cache never changes a result)', () => {
    const keys = [...lexicon.table.keys()];
    const words = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...keys), fc.constantFrom('food', 'the', 'delivery', 'zzz'));
    fc.assert(
      fc.property(fc.array(words, { maxLength: 200 }), (list) => {
        for (const word of list) expect(lookupTable(lexicon, word, filterHash(word))).toBe(lexicon.table.get(word));
      }),
      { numRuns: 200, seed: 5 },
    );
  });

  it('secondWords has the bit of every second word of a phrase (the filter may only say "maybe")', () => {
    for (const info of lexicon.table.values()) {
      for (const second of info.phrasesBySecond?.keys() ?? []) {
        expect((info.secondWords >>> (filterHash(second) & 31)) & 1).toBe(1);
      }
    }
  });
});
