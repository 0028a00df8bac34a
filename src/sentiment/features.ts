import type { Token } from '../text/types';
import { filterHash as importedFilterHash } from './compile';
import { summarizeTokens as importedSummarize } from './score';
import { resolveSentimentOptions as importedResolve } from './scoreSentiment';
import { tokenize as importedTokenize } from './tokens';
import type { FeatureOptions, SentimentLabel } from './types';

// Local copies of the functions called per text (under CommonJS transpilation an imported binding is a getter).
const tokenize = importedTokenize;
const summarizeTokens = importedSummarize;
const resolveSentimentOptions = importedResolve;
const filterHash = importedFilterHash;
const NORM_CACHE_SIZE = 1024;
const NORM_CACHE_MASK = NORM_CACHE_SIZE - 1;

/** Prefix of the features taken from the rule-based scorer. */
export const LEXICON_PREFIX = 'lex:';

/** True when the text contains one of . , ; : ! ? ( ) \u2013 \u2014 \u2026 (a character scan, no regular expression). */
function isClauseBreak(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 || c === 44 || c === 59 || c === 58 || c === 33 || c === 63 || c === 40 || c === 41) return true;
    if (c === 0x2013 || c === 0x2014 || c === 0x2026) return true;
  }
  return false;
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
    const scored = summarizeTokens(text, tokens, settings.layers, settings.neutralBand);
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

/**
 * A hash table from pairs of non-negative integers to non-negative integers (open addressing, linear probing,
 * Knuth, TAOCP vol. 3, 6.4, algorithm L), in typed arrays: no object per entry. Cost: O(1) expected per operation.
 */
class PairTable {
  private first = new Int32Array(1024).fill(-1);
  private second = new Int32Array(1024);
  private values = new Int32Array(1024);
  private size = 0;

  private slot(a: number, b: number): number {
    const mask = this.first.length - 1;
    let h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77)) >>> 0;
    h = (h ^ (h >>> 15)) & mask;
    while (true) {
      const at = this.first[h] as number;
      if (at < 0 || (at === a && this.second[h] === b)) return h;
      h = (h + 1) & mask;
    }
  }

  /** The value of the pair, or -1. */
  get(a: number, b: number): number {
    const h = this.slot(a, b);
    return this.first[h] === a ? (this.values[h] as number) : -1;
  }

  /** Sets the value of a pair not yet in the table. */
  set(a: number, b: number, value: number): void {
    if (2 * (this.size + 1) > this.first.length) this.grow();
    const h = this.slot(a, b);
    this.first[h] = a;
    this.second[h] = b;
    this.values[h] = value;
    this.size++;
  }

  private grow(): void {
    const { first, second, values } = this;
    this.first = new Int32Array(first.length * 2).fill(-1);
    this.second = new Int32Array(first.length * 2);
    this.values = new Int32Array(first.length * 2);
    for (let h = 0; h < first.length; h++) {
      const a = first[h] as number;
      if (a < 0) continue;
      const to = this.slot(a, second[h] as number);
      this.first[to] = a;
      this.second[to] = second[h] as number;
      this.values[to] = values[h] as number;
    }
  }
}

/** A growing feature vocabulary: ids in first-seen order, `names[id]` the name of feature `id`. */
export class Vocabulary {
  readonly names: string[] = [];
  private readonly stamp: number[] = [];
  private documents = 0;
  // The per-token path builds no feature-name string and hashes none: each distinct norm gets a number
  // (`normIds`); norm number -> id of `w:norm` (`wordIds`) or of `w:NOT_norm` (`negatedIds`); a pair of norm
  // numbers -> id of `b:previous norm` (`bigramIds`). These keys name each feature once: a plain norm "NOT_x" is
  // filed as the negated "x" (the same name), and a bigram whose norms contain a space, which could spell the name
  // of another pair, is filed by its full name (`otherIds`). So ids and first-seen order are those of the names
  // `forEachFeature` visits.
  private readonly normIds = new Map<string, number>();
  private readonly cachedNorms: (string | undefined)[] = new Array<string | undefined>(NORM_CACHE_SIZE).fill(undefined);
  private readonly cachedNumbers = new Int32Array(NORM_CACHE_SIZE);
  private readonly normNames: string[] = [];
  private readonly normSpaced: boolean[] = [];
  private readonly wordIds: number[] = [];
  private readonly negatedIds: number[] = [];
  private readonly bigramIds = new PairTable();
  private readonly otherIds = new Map<string, number>();

  // The features of the document being indexed (a scratch buffer of this vocabulary, grown as needed).
  private bufferIds = new Int32Array(256);
  private bufferValues = new Float64Array(256);
  private count = 0;
  // The documents' features, one after another, in blocks of ARENA_SIZE (a longer document gets a block of its own);
  // `index` returns views into them.
  private arenaIds = new Int32Array(0);
  private arenaValues = new Float64Array(0);
  private arenaAt = 0;

  /** Records feature `id` with `value` for document `doc`, unless already recorded for it. */
  private add(doc: number, id: number, value: number): void {
    if (this.stamp[id] === doc) return;
    this.stamp[id] = doc;
    if (this.count === this.bufferIds.length) {
      const ids = new Int32Array(this.count * 2);
      ids.set(this.bufferIds);
      const values = new Float64Array(this.count * 2);
      values.set(this.bufferValues);
      this.bufferIds = ids;
      this.bufferValues = values;
    }
    this.bufferIds[this.count] = id;
    this.bufferValues[this.count] = value;
    this.count++;
  }

  /** A new feature. */
  private create(name: string): number {
    const id = this.names.length;
    this.names.push(name);
    this.stamp.push(0);
    return id;
  }

  /** The id of a feature filed by its full name (punctuation, lexicon and spaced-bigram features). */
  private idOf(name: string): number {
    let id = this.otherIds.get(name);
    if (id === undefined) {
      id = this.create(name);
      this.otherIds.set(name, id);
    }
    return id;
  }

  /** The number of a norm, added when new. */
  private normNumber(norm: string): number {
    // A direct-mapped cache of recent norms in front of the map (it only remembers what the map holds).
    const slot = filterHash(norm) & NORM_CACHE_MASK;
    if (this.cachedNorms[slot] === norm) return this.cachedNumbers[slot] as number;
    let n = this.normIds.get(norm);
    this.cachedNorms[slot] = norm;
    if (n === undefined) {
      n = this.normNames.length;
      this.normIds.set(norm, n);
      this.normNames.push(norm);
      this.normSpaced.push(norm.includes(' '));
      this.wordIds.push(-1);
      this.negatedIds.push(-1);
    }
    this.cachedNumbers[slot] = n;
    return n;
  }

  /**
   * The features of a text as sorted-by-first-visit unique ids and values: the features of `forEachFeature`, in its
   * order, with the first value of a repeated feature. One tokenizer pass, whose tokens also feed the lexicon score.
   */
  index(text: string, options: FeatureOptions): { index: Int32Array; value: Float64Array } {
    const doc = ++this.documents;
    this.count = 0;
    const tokens = tokenize(text);
    const bigrams = options.bigrams;
    let previous = -1;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as Token;
      const kind = token.kind;
      if (kind === 'punct') {
        const t = token.text;
        if (t.includes('!')) this.add(doc, this.idOf('p:!'), 1);
        if (t.includes('?')) this.add(doc, this.idOf('p:?'), 1);
        if (isClauseBreak(t)) previous = -1;
        continue;
      }
      if (kind === 'url' || kind === 'email' || kind === 'mention') {
        previous = -1;
        continue;
      }
      const norm = token.norm;
      const n = this.normNumber(norm);
      let id: number;
      if (token.negated) {
        id = this.negatedIds[n] as number;
        if (id < 0) this.negatedIds[n] = id = this.create(`w:NOT_${norm}`);
      } else if (norm.startsWith('NOT_')) {
        // "w:NOT_x" is also the name of a negated "x".
        const m = this.normNumber(norm.slice(4));
        id = this.negatedIds[m] as number;
        if (id < 0) this.negatedIds[m] = id = this.create(`w:${norm}`);
      } else {
        id = this.wordIds[n] as number;
        if (id < 0) this.wordIds[n] = id = this.create(`w:${norm}`);
      }
      this.add(doc, id, 1);
      if (bigrams && previous >= 0) {
        let bigram: number;
        if (this.normSpaced[previous] === true || this.normSpaced[n] === true) {
          bigram = this.idOf(`b:${this.normNames[previous] as string} ${norm}`);
        } else {
          bigram = this.bigramIds.get(previous, n);
          if (bigram < 0) {
            bigram = this.create(`b:${this.normNames[previous] as string} ${norm}`);
            this.bigramIds.set(previous, n, bigram);
          }
        }
        this.add(doc, bigram, 1);
      }
      previous = n;
    }
    if (options.lexiconScore && tokens.length > 0) {
      const settings = resolveSentimentOptions('classify', undefined);
      const scored = summarizeTokens(text, tokens, settings.layers, settings.neutralBand);
      this.add(doc, this.idOf(LEX_SCORE), scored.score);
      this.add(doc, this.idOf(LEX_POS), Math.log1p(scored.positive));
      this.add(doc, this.idOf(LEX_NEG), Math.log1p(scored.negative));
      this.add(doc, this.idOf(LEX_LABEL[scored.label]), 1);
    }
    // Copied by hand (TypedArray.prototype.slice profiled at 5% of training on short texts) into the arena, and
    // returned as views of it: a typed array of its own per document, with its own backing store, cost a fifth of
    // training in garbage collection.
    const count = this.count;
    const ids = this.bufferIds;
    const values = this.bufferValues;
    if (this.arenaAt + count > this.arenaIds.length) {
      const size = Math.max(ARENA_SIZE, count);
      this.arenaIds = new Int32Array(size);
      this.arenaValues = new Float64Array(size);
      this.arenaAt = 0;
    }
    const at = this.arenaAt;
    const arenaIds = this.arenaIds;
    const arenaValues = this.arenaValues;
    for (let k = 0; k < count; k++) {
      arenaIds[at + k] = ids[k] as number;
      arenaValues[at + k] = values[k] as number;
    }
    this.arenaAt = at + count;
    return {
      index: new Int32Array(arenaIds.buffer, at * 4, count),
      value: new Float64Array(arenaValues.buffer, at * 8, count),
    };
  }
}

/** Features per arena block (16,384: 192 KB for ids and values; a few hundred short documents). */
const ARENA_SIZE = 16384;

const LEX_SCORE = `${LEXICON_PREFIX}score`;
const LEX_POS = `${LEXICON_PREFIX}pos`;
const LEX_NEG = `${LEXICON_PREFIX}neg`;
const LEX_LABEL: Readonly<Record<SentimentLabel, string>> = {
  positive: `${LEXICON_PREFIX}label=positive`,
  neutral: `${LEXICON_PREFIX}label=neutral`,
  negative: `${LEXICON_PREFIX}label=negative`,
};
