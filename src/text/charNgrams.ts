import { assertNumberOption, assertOptions, assertString, fail } from '../errors';

/**
 * Character n-grams over code points (an emoji or astral letter is never cut in half), optionally padded with
 * `pad` at both ends so that word starts and ends get their own grams, as in Cavnar & Trenkle 1994
 * ("N-gram-based text categorization", SDAIR), who pad words with blanks.
 *
 * Cost: O(length × n).
 *
 * @throws FeedbackMinerError INVALID_ARGUMENT when `text` is not a string; INVALID_OPTION when `n` is not an
 *   integer >= 1 or `pad` is not a single character.
 * @example charNgrams('late', 3)              // => ['lat', 'ate']
 * @example charNgrams('late', 3, { pad: '_' }) // => ['_la', 'lat', 'ate', 'te_']
 */
export function charNgrams(text: string, n: number, options?: { readonly pad?: string }): string[] {
  assertString('charNgrams', 'text', text);
  assertNumberOption('charNgrams', 'n', n, { min: 1, integer: true });
  assertOptions('charNgrams', options);
  const pad = options?.pad;
  if (pad !== undefined && (typeof pad !== 'string' || [...pad].length !== 1)) {
    fail('INVALID_OPTION', 'charNgrams', 'options.pad', 'a single character', pad);
  }
  const chars = Array.from(text);
  if (pad !== undefined && chars.length > 0) {
    chars.unshift(pad);
    chars.push(pad);
  }
  const out: string[] = [];
  for (let i = 0; i + n <= chars.length; i++) out.push(chars.slice(i, i + n).join(''));
  return out;
}
