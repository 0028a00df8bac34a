/** The text stage: normalise, tokenize (with negation scope), stopwords, stems, lemmas, n-grams, sentences. */
export type { Token, TokenKind, TokenizeOptions } from './types';
export { tokenize } from './tokenize';
export { tokenizeNorms, tokenizeNormsNegated } from './tokenizeNorms';
export type { TokenizeNormsOptions, NegatedNorms } from './tokenizeNorms';
export { normalize, toOriginalSpan } from './normalize';
export type { NormalizeOptions, NormalizedText } from './normalize';
export { STOPWORDS, createStopwords, isStopword } from './stopwords';
export { stem, preloadStemmer } from './stem';
export { lemma } from './lemma';
export { ngrams } from './ngrams';
export { charNgrams } from './charNgrams';
export { splitSentences } from './splitSentences';
export type { Sentence, SplitSentencesOptions } from './splitSentences';
export { NEGATORS, CLAUSE_BREAKERS } from './negation';
// getCompromise is an internal helper for the stages (import it from './text/compromise'); browsers need the preload.
export { preloadCompromise } from './compromise';
