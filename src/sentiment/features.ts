import type { Token } from '../text/types';
import { scoreTokens } from './score';
import { resolveSentimentOptions } from './scoreSentiment';
import { tokenize } from './tokens';
import type { FeatureOptions } from './types';

/** Prefix of the real-valued features taken from the rule-based scorer. */
export const LEXICON_PREFIX = 'lex:';

function isClauseBreak(text: string): boolean {
  return /[.,;:!?()\u2013\u2014\u2026]/.test(text);
}

/**
 * The features of one text: word counts with negation marking (a word in a negation's scope becomes
 * `NOT_word`, Das and Chen 2001; Pang, Lee and Vaithyanathan 2002), word bigrams inside a clause, `!` and `?`,
 * and, when `lexiconScore`, the rule-based score as real-valued features (`lex:score`, `lex:pos`, `lex:neg`) and
 * its label as an indicator (`lex:label=...`).
 *
 * Cost: O(n) in the text length. Internal to the classifier.
 */
export function textFeatures(text: string, options: FeatureOptions): Map<string, number> {
  const features = new Map<string, number>();
  const tokens = tokenize(text);
  let previous: string | undefined;
  for (const token of tokens as readonly Token[]) {
    const kind = token.kind;
    if (kind === 'punct') {
      if (token.text.includes('!')) features.set('p:!', 1);
      if (token.text.includes('?')) features.set('p:?', 1);
      if (isClauseBreak(token.text)) previous = undefined;
      continue;
    }
    if (kind === 'url' || kind === 'email' || kind === 'mention') {
      previous = undefined;
      continue;
    }
    const norm = token.negated ? `NOT_${token.norm}` : token.norm;
    const unigram = `w:${norm}`;
    features.set(unigram, (features.get(unigram) ?? 0) + 1);
    if (options.bigrams && previous !== undefined) {
      const bigram = `b:${previous} ${token.norm}`;
      features.set(bigram, (features.get(bigram) ?? 0) + 1);
    }
    previous = token.norm;
  }
  if (options.lexiconScore && tokens.length > 0) {
    const settings = resolveSentimentOptions('classify', undefined);
    const scored = scoreTokens(text, tokens, settings.layers, settings.neutralBand);
    features.set(`${LEXICON_PREFIX}score`, scored.score);
    features.set(`${LEXICON_PREFIX}pos`, Math.log1p(scored.positive));
    features.set(`${LEXICON_PREFIX}neg`, Math.log1p(scored.negative));
    features.set(`${LEXICON_PREFIX}label=${scored.label}`, 1);
  }
  return features;
}

/** True for the real-valued lexicon features that naive Bayes leaves out (it models counts). */
export function isRealValued(name: string): boolean {
  return name === 'lex:score' || name === 'lex:pos' || name === 'lex:neg';
}
