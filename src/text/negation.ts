import { FrozenSet } from '../internal/readonlySet';
/**
 * Negation scope: which tokens fall under a negation.
 *
 * The rule (after Das & Chen 2001, "Yahoo! for Amazon: Extracting market sentiment from stock message boards",
 * and Pang, Lee & Vaithyanathan 2002, "Thumbs up? Sentiment classification using machine learning techniques",
 * EMNLP, §4, who "add the tag NOT_ to every word between a negation word and the first punctuation mark
 * following the negation word"), with the clause boundaries that Councill, McDonald & Velikovich 2010 ("What's
 * great and what's not: learning to classify the scope of negation for improved sentiment analysis", NeSp-NLP)
 * found to end most scopes:
 *
 * - a negator (`not`, `n't`, `no`, `never`, `without`, `hardly`, `rarely` and `seldom` (both in VADER's negation
 *   list, Hutto & Gilbert 2014), ... and apostrophe-less `dont`, `isnt`, ...) opens a scope; the negator itself is
 *   not marked (unless an earlier scope is still open);
 * - every following word, number, hashtag, mention, URL and e-mail is marked `negated` until a clause boundary;
 * - clause boundaries: the punctuation `. , ; : ! ? ( ) [ ] { }` and dashes, a contrastive conjunction (`but`,
 *   `however`, `although`, `though`, `whereas`, `nevertheless`, `nonetheless`, `except`), and an emoji or
 *   emoticon (in informal text these end a clause, and they carry their own polarity so are never marked);
 * - a second negator inside an open scope keeps the scope open (no double-negation flip: "not never" stays negated).
 */

/** Norms that open a negation scope. */
export const NEGATORS: ReadonlySet<string> = new FrozenSet('NEGATORS', [
  'not', 'no', 'never', 'none', 'nobody', 'nothing', 'nowhere', 'neither', 'nor', 'without', 'hardly', 'barely',
  'scarcely', 'cannot', 'dont', 'doesnt', 'didnt', 'isnt', 'arent', 'wasnt', 'werent', 'cant', 'couldnt',
  'wouldnt', 'shouldnt', 'wont', 'havent', 'hasnt', 'hadnt', 'aint', 'mustnt', 'neednt', 'shant', 'nope', 'nah',
  'rarely', 'seldom',
]);

/** Words that end a clause, and so a negation scope. */
export const CLAUSE_BREAKERS: ReadonlySet<string> = new FrozenSet('CLAUSE_BREAKERS', [
  'but', 'however', 'although', 'though', 'whereas', 'nevertheless', 'nonetheless', 'except',
]);

/** Whether a punctuation norm ends a clause. */
export function isClauseBoundaryPunct(norm: string): boolean {
  const c = norm.charCodeAt(0);
  // . , ; : ! ? ( ) [ ] { } - and the ellipsis
  return (
    c === 46 || c === 44 || c === 59 || c === 58 || c === 33 || c === 63 || c === 40 || c === 41 || c === 91 ||
    c === 93 || c === 123 || c === 125 || c === 45 || c === 0x2026 || c === 0xbf || c === 0xa1 || c === 0x3002 ||
    c === 0xff0c
  );
}

/** Role of a word in negation scope: 0 none, 1 negator, 2 clause breaker. */
export const ROLE_NONE = 0;
export const ROLE_NEGATOR = 1;
export const ROLE_BREAKER = 2;

const ROLES = new Map<string, number>();
for (const w of NEGATORS) ROLES.set(w, ROLE_NEGATOR);
for (const w of CLAUSE_BREAKERS) ROLES.set(w, ROLE_BREAKER);

/** Bit (first letter - 'a') of FIRST_LETTERS[length] is set when some role word has that length and first letter. */
const FIRST_LETTERS = new Uint32Array(32);
/** The same for the last letter (every role word is lower-case ASCII letters). */
const LAST_LETTERS = new Uint32Array(32);
for (const w of ROLES.keys()) {
  FIRST_LETTERS[w.length] = (FIRST_LETTERS[w.length] as number) | (1 << (w.charCodeAt(0) - 97));
  LAST_LETTERS[w.length] = (LAST_LETTERS[w.length] as number) | (1 << (w.charCodeAt(w.length - 1) - 97));
}

/**
 * The negation role of a lower-case norm. Bitmasks of the first and last letters by length rule out most words
 * before any hashing ("new", "now", "bad" pass the first and fail the second), which keeps negation marking cheap on
 * the fast path.
 */
export function negationRole(norm: string): number {
  const length = norm.length;
  if (length >= 32) return ROLE_NONE;
  const first = norm.charCodeAt(0) - 97;
  if (first < 0 || first > 25 || (((FIRST_LETTERS[length] as number) >>> first) & 1) === 0) return ROLE_NONE;
  const last = norm.charCodeAt(length - 1) - 97;
  if (last < 0 || last > 25 || (((LAST_LETTERS[length] as number) >>> last) & 1) === 0) return ROLE_NONE;
  return ROLES.get(norm) ?? ROLE_NONE;
}
