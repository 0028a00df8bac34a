import { assertArray, assertNumberOption, assertOptions, assertString } from '../errors';

/**
 * Word n-grams: every run of `n` consecutive items, joined with `separator` (default one space).
 * Shannon 1948 (n-gram models); Manning & Schütze 1999, "Foundations of Statistical NLP", ch. 6.
 *
 * Cost: O(items × n).
 *
 * @throws FeedbackMinerError INVALID_ARGUMENT when `items` is not an array of strings; INVALID_OPTION when `n` is
 *   not an integer >= 1 or `separator` not a string.
 * @example ngrams(['late', 'delivery', 'again'], 2) // => ['late delivery', 'delivery again']
 */
export function ngrams(items: readonly string[], n: number, options?: { readonly separator?: string }): string[] {
  assertArray('ngrams', 'items', items);
  assertNumberOption('ngrams', 'n', n, { min: 1, integer: true });
  assertOptions('ngrams', options);
  const separator = options?.separator ?? ' ';
  if (typeof separator !== 'string') assertString('ngrams', 'options.separator', separator);
  for (let i = 0; i < items.length; i++) assertString('ngrams', `items[${i}]`, items[i]);
  const out: string[] = [];
  for (let i = 0; i + n <= items.length; i++) {
    let gram = items[i] as string;
    for (let j = 1; j < n; j++) gram += separator + (items[i + j] as string);
    out.push(gram);
  }
  return out;
}
