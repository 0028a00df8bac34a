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
 * - a negator (`not`, `n't`, `no`, `never`, `without`, `hardly`, ... and apostrophe-less `dont`, `isnt`, ...) opens
 *   a scope; the negator itself is not marked (unless an earlier scope is still open);
 * - every following word, number, hashtag, mention, URL and e-mail is marked `negated` until a clause boundary;
 * - clause boundaries: the punctuation `. , ; : ! ? ( ) [ ] { }` and dashes, a contrastive conjunction (`but`,
 *   `however`, `although`, `though`, `whereas`, `nevertheless`, `nonetheless`, `except`), and an emoji or
 *   emoticon (in informal text these end a clause, and they carry their own polarity so are never marked);
 * - a second negator inside an open scope keeps the scope open (no double-negation flip: "not never" stays negated).
 */

/** Norms that open a negation scope. */
export const NEGATORS: ReadonlySet<string> = new Set([
  'not', 'no', 'never', 'none', 'nobody', 'nothing', 'nowhere', 'neither', 'nor', 'without', 'hardly', 'barely',
  'scarcely', 'cannot', 'dont', 'doesnt', 'didnt', 'isnt', 'arent', 'wasnt', 'werent', 'cant', 'couldnt',
  'wouldnt', 'shouldnt', 'wont', 'havent', 'hasnt', 'hadnt', 'aint', 'mustnt', 'neednt', 'shant', 'nope', 'nah',
]);

/** Words that end a clause, and so a negation scope. */
export const CLAUSE_BREAKERS: ReadonlySet<string> = new Set([
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
