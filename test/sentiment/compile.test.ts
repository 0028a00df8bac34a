import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileDefault, compileUser, lookupTable, wordHash } from '../../src/sentiment/compile';
import { DURATION_UNITS, NUMBER_WORDS } from '../../src/sentiment/lexicon';
import { hashWord } from '../../src/sentiment/score';
import { tokenize } from '../../src/text/tokenize';

describe('lookupTable(lexicon, word, hash)', () => {
  const lexicon = compileDefault(true, tokenize);

  it('lookupTable(lexicon, word, wordHash(word)) finds every key of the table', () => {
    for (const [key, info] of lexicon.table) expect(lookupTable(lexicon, key, wordHash(key))).toBe(info);
  });

  it('lookupTable(lexicon, word, wordHash(word)) equals table.get(word) for any word, in any order', () => {
    const keys = [...lexicon.table.keys()];
    const words = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...keys), fc.constantFrom('food', 'the', 'delivery', 'zzz'));
    fc.assert(
      fc.property(fc.array(words, { maxLength: 200 }), (list) => {
        for (const word of list) expect(lookupTable(lexicon, word, wordHash(word))).toBe(lexicon.table.get(word));
      }),
      { numRuns: 200, seed: 5 },
    );
  });

  it('lookupTable(lexicon, word, hash) finds no word in an empty table (a user layer has none)', () => {
    const user = compileUser('test', { great: 1 }, {}, tokenize);
    for (const word of ['great', '', 'a', 'zzz']) expect(lookupTable(user, word, wordHash(word))).toBeUndefined();
  });

  it('lookupTable(lexicon, word, hash) tells apart a key and a word of equal hash', () => {
    // With h = 31h + c, raising one character by 1 and lowering the next by 31 keeps the hash ('Aa' and 'BB').
    const twin = (word: string): string =>
      String.fromCharCode(word.charCodeAt(0) + 1, word.charCodeAt(1) - 31) + word.slice(2);
    expect(wordHash('Aa')).toBe(wordHash('BB'));
    for (const key of ['good', 'great', 'not', 'very', 'bad', 'late']) {
      expect(lexicon.table.has(key)).toBe(true);
      expect(wordHash(twin(key))).toBe(wordHash(key));
      expect(lexicon.table.has(twin(key))).toBe(false);
      expect(lookupTable(lexicon, twin(key), wordHash(twin(key)))).toBeUndefined();
    }
  });

  it('secondWords has the bit, and phrasesBySecond the pattern, of every second word of a phrase', () => {
    for (const info of lexicon.table.values()) {
      for (const pattern of info.phrases ?? []) {
        const second = pattern.words[1] as string;
        if (second === '*' || second === '<n>') continue;
        expect((info.secondWords >>> (wordHash(second) & 31)) & 1).toBe(1);
        expect(info.phrasesBySecond?.get(wordHash(second))).toContain(pattern);
      }
    }
  });

  it("the scorer's hashWord(word) equals wordHash(word) (one formula in two places)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 20 }), fc.string({ maxLength: 8, unit: 'binary' })), (word) => {
        expect(hashWord(word)).toBe(wordHash(word));
      }),
      { numRuns: 500, seed: 9 },
    );
  });

  it('the table carries every number word and duration unit with its value, and no other word has one', () => {
    const numbers = new Map(Object.entries(NUMBER_WORDS));
    const units = new Map(Object.entries(DURATION_UNITS));
    for (const [word, value] of numbers) expect(lexicon.table.get(word)?.numberValue).toBe(value);
    for (const [unit, hours] of units) expect(lexicon.table.get(unit)?.unitHours).toBe(hours);
    for (const [key, info] of lexicon.table) {
      if (!numbers.has(key)) expect(info.numberValue).toBeUndefined();
      if (!units.has(key)) expect(info.unitHours).toBeUndefined();
    }
  });
});
