import { assertString } from '../errors';
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';

const MEMO_LIMIT = 200_000;
let memo = new Map<string, string>();

/**
 * The Porter stem of a word (Porter 1980, "An algorithm for suffix stripping", Program 14(3)), computed by
 * `natural`'s Porter stemmer (its submodule only, so importing feedback-miner stays fast) and memoised: feedback
 * repeats the same few thousand words, so after warm-up a stem is one map lookup. The memo holds at most 200k
 * words and is then started afresh (it only ever caches a pure function, so results never depend on it).
 *
 * The input is lower-cased first; words shorter than 3 letters come back lower-cased and unchanged.
 *
 * Cost: O(length) on first sight of a word, O(1) expected after.
 *
 * @throws FeedbackMinerError INVALID_ARGUMENT when `word` is not a string.
 * @example stem('deliveries') // => 'deliveri'
 * @example stem('Running')    // => 'run'
 */
export function stem(word: string): string {
  assertString('stem', 'word', word);
  const hit = memo.get(word);
  if (hit !== undefined) return hit;
  const stemmed = PorterStemmer.stem(word.toLowerCase());
  if (memo.size >= MEMO_LIMIT) memo = new Map();
  memo.set(word, stemmed);
  return stemmed;
}
