import { FeedbackMinerError, assertString } from '../errors';
import { syncRequire } from './lazyRequire';

interface PorterStemmer {
  stem(token: string): string;
}

const PORTER_MODULE = 'natural/lib/natural/stemmers/porter_stemmer.js';
const MEMO_LIMIT = 200_000;
/**
 * Longest word given to the stemmer. natural's Porter stemmer matches its measure regular expressions from every
 * position, which costs about n^3 steps on a run of consonants or punctuation (4,000 'b's took 0.7 s; 100,000 never
 * finished). The longest English dictionary word has 45 letters, so nothing real is longer than this.
 */
const MAX_STEM_LENGTH = 64;
let memo = new Map<string, string>();
let porter: PorterStemmer | undefined;

function loadPorter(): PorterStemmer {
  if (porter !== undefined) return porter;
  const req = syncRequire();
  if (req === undefined) {
    throw new FeedbackMinerError(
      'DEPENDENCY_UNAVAILABLE',
      "stem: natural's Porter stemmer is not loaded in this runtime; call await preloadStemmer() first",
      { where: 'stem' },
    );
  }
  try {
    const mod = req(PORTER_MODULE) as PorterStemmer & { default?: PorterStemmer };
    porter = mod.default ?? mod;
    return porter;
  } catch (cause) {
    throw new FeedbackMinerError('DEPENDENCY_UNAVAILABLE', "stem: could not load natural's Porter stemmer", { where: 'stem', cause });
  }
}

/**
 * The Porter stem of a word (Porter 1980, "An algorithm for suffix stripping", Program 14(3)), computed by
 * `natural`'s Porter stemmer and memoised: feedback repeats the same few thousand words, so after warm-up a stem
 * is one map lookup. The memo holds at most 200k words and is then started afresh (it only caches a pure
 * function, so results never depend on it).
 *
 * natural's stemmer submodule (never natural's 1.5 s top-level entry) is loaded on the first call, not at import:
 * through Node's ESM loader it would add about 60-100 ms to importing feedback-miner. Under Node (CommonJS, or ESM
 * on Node >= 20.16) and Deno this is automatic; in browsers call `await preloadStemmer()` once first.
 *
 * The input is lower-cased first; words shorter than 3 letters, and words longer than 64 characters (no English
 * word is; the stemmer's regular expressions take cubic time on them), come back lower-cased and unchanged.
 *
 * Cost: O(1) per call for words up to 64 characters (O(length) for the lower-casing of longer ones), O(1) expected
 * after the first sight of a word.
 *
 * @throws FeedbackMinerError INVALID_ARGUMENT when `word` is not a string; DEPENDENCY_UNAVAILABLE when the
 *   stemmer cannot be loaded synchronously in this runtime and was not preloaded.
 * @example stem('deliveries') // => 'deliveri'
 * @example stem('Running')    // => 'run'
 */
export function stem(word: string): string {
  assertString('stem', 'word', word);
  const hit = memo.get(word);
  if (hit !== undefined) return hit;
  const lower = word.toLowerCase();
  const stemmed = lower.length > MAX_STEM_LENGTH ? lower : loadPorter().stem(lower);
  if (memo.size >= MEMO_LIMIT) memo = new Map();
  memo.set(word, stemmed);
  return stemmed;
}

/**
 * Loads natural's Porter stemmer asynchronously, for runtimes without a synchronous `require` (browsers), so that
 * `stem` works there afterwards. Harmless elsewhere.
 *
 * Cost: one module load.
 *
 * @throws FeedbackMinerError DEPENDENCY_UNAVAILABLE (as a rejected promise) when the module cannot be loaded.
 * @example await preloadStemmer(); stem('orders') // => 'order'
 */
export async function preloadStemmer(): Promise<void> {
  if (porter !== undefined) return;
  try {
    const mod = (await import('natural/lib/natural/stemmers/porter_stemmer.js')) as { default?: PorterStemmer } & Partial<PorterStemmer>;
    porter = mod.default ?? (mod as PorterStemmer);
  } catch (cause) {
    throw new FeedbackMinerError('DEPENDENCY_UNAVAILABLE', "preloadStemmer: could not load natural's Porter stemmer", {
      where: 'preloadStemmer',
      cause,
    });
  }
}
