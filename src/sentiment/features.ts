import type { Token } from '../text/types';
import { scoreTokens as importedScoreTokens } from './score';
import { resolveSentimentOptions as importedResolve } from './scoreSentiment';
import { tokenize as importedTokenize } from './tokens';
import type { FeatureOptions } from './types';

// Local copies of the functions called per text (under CommonJS transpilation an imported binding is a getter).
const tokenize = importedTokenize;
const scoreTokens = importedScoreTokens;
const resolveSentimentOptions = importedResolve;

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
  // Caches in front of `ids`, keyed by token norms, so that the per-token path builds no feature-name string:
  // norm -> id of `w:norm`, of `w:NOT_norm`, and previous norm -> norm -> id of `b:previous norm`. Each cache entry
  // is the id `ids` gives the full name, so the ids (and their first-seen order) are those of `forEachFeature`.
  private readonly wordIds = new Map<string, number>();
  private readonly negatedIds = new Map<string, number>();
  private readonly bigramIds = new Map<string, Map<string, number>>();

  /** The id of a feature name, added when new. */
  private idOf(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(name, id);
      this.names.push(name);
      this.stamp.push(0);
    }
    return id;
  }

  /**
   * The features of a text as sorted-by-first-visit unique ids and values: the features of `forEachFeature`, in its
   * order, with the first value of a repeated feature. One tokenizer pass, whose tokens also feed the lexicon score.
   */
  index(text: string, options: FeatureOptions): { index: Int32Array; value: Float64Array } {
    const doc = ++this.documents;
    const stamp = this.stamp;
    const ids: number[] = [];
    const values: number[] = [];
    const add = (id: number, value: number): void => {
      if (stamp[id] === doc) return;
      stamp[id] = doc;
      ids.push(id);
      values.push(value);
    };
    const tokens = tokenize(text);
    const bigrams = options.bigrams;
    let previous: string | undefined;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as Token;
      const kind = token.kind;
      if (kind === 'punct') {
        const t = token.text;
        if (t.includes('!')) add(this.idOf('p:!'), 1);
        if (t.includes('?')) add(this.idOf('p:?'), 1);
        if (isClauseBreak(t)) previous = undefined;
        continue;
      }
      if (kind === 'url' || kind === 'email' || kind === 'mention') {
        previous = undefined;
        continue;
      }
      const norm = token.norm;
      const cache = token.negated ? this.negatedIds : this.wordIds;
      let id = cache.get(norm);
      if (id === undefined) {
        id = this.idOf(token.negated ? `w:NOT_${norm}` : `w:${norm}`);
        cache.set(norm, id);
      }
      add(id, 1);
      if (bigrams && previous !== undefined) {
        let after = this.bigramIds.get(previous);
        if (after === undefined) {
          after = new Map();
          this.bigramIds.set(previous, after);
        }
        let bigram = after.get(norm);
        if (bigram === undefined) {
          bigram = this.idOf(`b:${previous} ${norm}`);
          after.set(norm, bigram);
        }
        add(bigram, 1);
      }
      previous = norm;
    }
    if (options.lexiconScore && tokens.length > 0) {
      const settings = resolveSentimentOptions('classify', undefined);
      const scored = scoreTokens(text, tokens, settings.layers, settings.neutralBand);
      add(this.idOf(`${LEXICON_PREFIX}score`), scored.score);
      add(this.idOf(`${LEXICON_PREFIX}pos`), Math.log1p(scored.positive));
      add(this.idOf(`${LEXICON_PREFIX}neg`), Math.log1p(scored.negative));
      add(this.idOf(`${LEXICON_PREFIX}label=${scored.label}`), 1);
    }
    return { index: Int32Array.from(ids), value: Float64Array.from(values) };
  }
}
