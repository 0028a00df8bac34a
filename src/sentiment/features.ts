import type { Token } from '../text/types';
import { scoreTokens } from './score';
import { resolveSentimentOptions } from './scoreSentiment';
import { tokenize } from './tokens';
import type { FeatureOptions } from './types';

/** Prefix of the features taken from the rule-based scorer. */
export const LEXICON_PREFIX = 'lex:';

function isClauseBreak(text: string): boolean {
  return /[.,;:!?()\u2013\u2014\u2026]/.test(text);
}

/**
 * Visits the features of one text: words with negation marking (a word in a negation's scope becomes
 * `NOT_word`, Das and Chen 2001; Pang, Lee and Vaithyanathan 2002), word bigrams inside a clause, `!` and `?`,
 * and, when `lexiconScore`, the rule-based score as real-valued features (`lex:score`, `lex:pos`, `lex:neg`) and
 * its label as an indicator (`lex:label=...`). A feature may be visited more than once (a repeated word).
 *
 * Cost: O(n) in the text length. Internal to the classifier.
 */
export function forEachFeature(text: string, options: FeatureOptions, visit: (name: string, value: number) => void): void {
  const tokens = tokenize(text);
  let previous: string | undefined;
  for (const token of tokens as readonly Token[]) {
    const kind = token.kind;
    if (kind === 'punct') {
      if (token.text.includes('!')) visit('p:!', 1);
      if (token.text.includes('?')) visit('p:?', 1);
      if (isClauseBreak(token.text)) previous = undefined;
      continue;
    }
    if (kind === 'url' || kind === 'email' || kind === 'mention') {
      previous = undefined;
      continue;
    }
    visit(token.negated ? `w:NOT_${token.norm}` : `w:${token.norm}`, 1);
    if (options.bigrams && previous !== undefined) visit(`b:${previous} ${token.norm}`, 1);
    previous = token.norm;
  }
  if (options.lexiconScore && tokens.length > 0) {
    const settings = resolveSentimentOptions('classify', undefined);
    const scored = scoreTokens(text, tokens, settings.layers, settings.neutralBand);
    visit(`${LEXICON_PREFIX}score`, scored.score);
    visit(`${LEXICON_PREFIX}pos`, Math.log1p(scored.positive));
    visit(`${LEXICON_PREFIX}neg`, Math.log1p(scored.negative));
    visit(`${LEXICON_PREFIX}label=${scored.label}`, 1);
  }
}

/**
 * The features of one text as a map from name to value: presence (1) for words, bigrams and indicators, the
 * value itself for the real-valued lexicon features (word presence, not counts, works better for sentiment:
 * Pang et al. 2002; Metsis et al. 2006).
 */
export function textFeatures(text: string, options: FeatureOptions): Map<string, number> {
  const features = new Map<string, number>();
  forEachFeature(text, options, (name, value) => {
    features.set(name, value);
  });
  return features;
}

/** True for the real-valued lexicon features that naive Bayes leaves out (it models counts). */
export function isRealValued(name: string): boolean {
  return name === 'lex:score' || name === 'lex:pos' || name === 'lex:neg';
}

/** A growing feature vocabulary: name -> id, ids in first-seen order. */
export class Vocabulary {
  readonly ids = new Map<string, number>();
  readonly names: string[] = [];
  private readonly stamp: number[] = [];
  private documents = 0;

  /** The features of a text as sorted-by-first-visit unique ids and values. */
  index(text: string, options: FeatureOptions): { index: Int32Array; value: Float64Array } {
    const doc = ++this.documents;
    const ids: number[] = [];
    const values: number[] = [];
    forEachFeature(text, options, (name, value) => {
      let id = this.ids.get(name);
      if (id === undefined) {
        id = this.names.length;
        this.ids.set(name, id);
        this.names.push(name);
        this.stamp.push(0);
      }
      if (this.stamp[id] === doc) return;
      this.stamp[id] = doc;
      ids.push(id);
      values.push(value);
    });
    return { index: Int32Array.from(ids), value: Float64Array.from(values) };
  }
}
