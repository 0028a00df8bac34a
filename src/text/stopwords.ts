import { assertString, fail } from '../errors';
import { FrozenSet } from '../internal/readonlySet';

/**
 * English stopwords: function words (articles, pronouns, auxiliaries, prepositions, conjunctions, common adverbs)
 * and the norms `tokenize` gives to clitics (`'s`, `'d`, `'m`, `n't` -> `not`). Compiled for this project from
 * the closed word classes of English grammar, in the spirit of the lists of Fox 1989 ("A stop list for general
 * text", SIGIR Forum 24) and the SMART system. Negators (`not`, `no`, `never`, `nor`) ARE included, as in
 * those lists: drop them for topic work, keep them for sentiment (which uses `negated`, not stopwords).
 * The set cannot be changed (`add` throws INVALID_ARGUMENT): make your own with `createStopwords`.
 */
export const STOPWORDS: ReadonlySet<string> = new FrozenSet(
  'STOPWORDS',
  (
    "a about above after again against all almost also am an and any anyone anything are aren't as at be because " +
    "been before being below between both but by can can't cannot could couldn't did didn't do does doesn't doing " +
    "don't down during each either else etc even ever every few for from further get gets got had hadn't has hasn't " +
    "have haven't having he he'd he'll he's her here here's hers herself him himself his how how's however i i'd " +
    "i'll i'm i've if in into is isn't it it's its itself just let's may me might mine more most much must mustn't " +
    "my myself neither never no nor not now of off on once one only or other others otherwise our ours ourselves " +
    "out over own per quite rather really same shall shan't she she'd she'll she's should shouldn't so some such " +
    "than that that's the their theirs them themselves then there there's these they they'd they'll they're " +
    "they've this those though through thus to too under until up upon us very via was wasn't we we'd we'll we're " +
    "we've were weren't what what's when when's where where's whether which while who who's whom whose why why's " +
    "will with within without won't would wouldn't yet you you'd you'll you're you've your yours yourself " +
    "yourselves 's 'd 'm 're 've 'll n't"
  ).split(' '),
);

/**
 * A stopword set: the English list (or `base`) with words added and removed. Words are lower-cased, as norms are.
 *
 * Cost: O(|base| + |add| + |remove|).
 *
 * @throws FeedbackMinerError INVALID_ARGUMENT when a word is not a string, or `add`, `remove` or `base` is a string
 *   (an iterable of its characters, never what was meant) or not iterable.
 * @example createStopwords({ add: ['app', 'product'], remove: ['not'] }).has('app') // => true
 */
export function createStopwords(
  options: { readonly add?: Iterable<string>; readonly remove?: Iterable<string>; readonly base?: Iterable<string> } = {},
): ReadonlySet<string> {
  if (options === null || typeof options !== 'object') fail('INVALID_ARGUMENT', 'createStopwords', 'options', 'an object', options);
  for (const key of ['base', 'add', 'remove'] as const) {
    const list = options[key] as unknown;
    if (list !== undefined && (typeof list === 'string' || list === null || typeof (list as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function')) {
      fail('INVALID_ARGUMENT', 'createStopwords', `options.${key}`, 'an iterable of words (an array)', list);
    }
  }
  const set = new Set<string>();
  for (const w of options.base ?? STOPWORDS) {
    assertString('createStopwords', 'options.base[]', w);
    set.add(w.toLowerCase());
  }
  for (const w of options.add ?? []) {
    assertString('createStopwords', 'options.add[]', w);
    set.add(w.toLowerCase());
  }
  for (const w of options.remove ?? []) {
    assertString('createStopwords', 'options.remove[]', w);
    set.delete(w.toLowerCase());
  }
  return set;
}

/**
 * Whether a norm is a stopword, in the English list or in a set made with `createStopwords`. The word is matched
 * as given (norms from `tokenize` are already lower case); curly apostrophes should be unified first (norms are).
 *
 * Cost: O(1) expected.
 *
 * @throws FeedbackMinerError INVALID_ARGUMENT when `word` is not a string or `stopwords` is not a set.
 * @example isStopword('the') // => true
 * @example isStopword('app', createStopwords({ add: ['app'] })) // => true
 */
export function isStopword(word: string, stopwords: ReadonlySet<string> = STOPWORDS): boolean {
  assertString('isStopword', 'word', word);
  if (stopwords === null || typeof stopwords !== 'object' || typeof (stopwords as { has?: unknown }).has !== 'function') {
    fail('INVALID_ARGUMENT', 'isStopword', 'stopwords', 'a Set of words', stopwords);
  }
  return stopwords.has(word);
}
