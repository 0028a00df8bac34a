import type { Token } from '../text/types';
import { wordHash as importedWordHash } from './compile';
import { summarizeTokens as importedSummarize } from './score';
import { resolveSentimentOptions as importedResolve } from './scoreSentiment';
import { tokenize as importedTokenize } from './tokens';
import type { FeatureOptions, SentimentLabel } from './types';

// Local copies of the functions called per text (under CommonJS transpilation an imported binding is a getter).
const tokenize = importedTokenize;
const summarizeTokens = importedSummarize;
const resolveSentimentOptions = importedResolve;
const wordHash = importedWordHash;

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

// Kinds of vocabulary features: the name of a WORD, NEGATED or BIGRAM feature is built from its norm numbers only
// when asked for; a NAMED feature (punctuation, lexicon, a bigram of norms with a space) keeps its name.
const NAMED = 0;
const WORD = 1;
const NEGATED = 2;
const BIGRAM = 3;
// Flags of NAMED features, for the rules that look at a name: a lexicon feature (kept whatever its count) and a
// real-valued one (left out by naive Bayes).
const LEXICON_FLAG = 1;
const REAL_VALUED_FLAG = 2;

/** A copy of `array` with room for at least `size` entries (doubling). */
function grownInt32(array: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(Math.max(size, array.length * 2));
  grown.set(array);
  return grown;
}

function grownFloat64(array: Float64Array, size: number): Float64Array<ArrayBuffer> {
  const grown = new Float64Array(Math.max(size, array.length * 2));
  grown.set(array);
  return grown;
}

/**
 * A growing feature vocabulary, and the documents indexed in it as one compressed sparse row block: document `d`
 * has the features `ids[offsets[d] .. offsets[d + 1])` with values `values[...]`, in first-visit order. Feature
 * ids are given in first-seen order; `names[id]` is the name of feature `id` (the names `forEachFeature` visits).
 * Internal to the classifier.
 */
export class Vocabulary {
  /** Number of features. */
  size = 0;
  /** Number of documents indexed. */
  documents = 0;
  /** Start of each document's features in `ids` and `values`; `offsets[documents]` is the end of the last. */
  offsets: Int32Array<ArrayBuffer>;
  /** Feature ids of the documents, one after another. */
  ids: Int32Array<ArrayBuffer>;
  /** Feature values, aligned with `ids`. */
  values: Float64Array<ArrayBuffer>;
  /** Number of documents with each feature. */
  frequency: Int32Array<ArrayBuffer>;

  // Per feature: its kind, the norm numbers (or index in `namedNames`) that name it, the last document that had it.
  private kinds: Uint8Array<ArrayBuffer>;
  private firstParts: Int32Array<ArrayBuffer>;
  private secondParts: Int32Array<ArrayBuffer>;
  private stamp: Int32Array<ArrayBuffer>;
  private readonly namedNames: string[] = [];
  private readonly namedFlags: number[] = [];
  private readonly namedIds = new Map<string, number>();
  // Ids of the punctuation and lexicon features (FIXED_NAMES), -1 until first seen.
  private readonly fixedIds = new Int32Array(FIXED_NAMES.length).fill(-1);
  private readonly builtNames: string[] = [];

  // The per-token path builds no feature-name string and asks no Map: each distinct norm gets a number from an
  // open-addressing table (Knuth, TAOCP vol. 3, 6.4, algorithm L) keyed by `wordHash` (the lexicon's string hash);
  // norm number -> id of `w:norm` (`wordIds`) or of `w:NOT_norm` (`negatedIds`); a pair of norm numbers -> id of
  // `b:previous norm` (the pair table). These keys name each feature once: a plain norm "NOT_x" is filed as the negated "x" (the same
  // name), and a bigram whose norms contain a space, which could spell the name of another pair, is filed by its
  // full name as a NAMED feature. So ids and first-seen order are those of the names `forEachFeature` visits.
  private normSlots: Int32Array<ArrayBuffer>;
  private normCount = 0;
  private normHashes: Int32Array<ArrayBuffer>;
  private readonly normNames: string[] = [];
  private readonly bigramPrefixes: (string | undefined)[] = [];
  private normSpaced: Uint8Array<ArrayBuffer>;
  private wordIds: Int32Array<ArrayBuffer>;
  private negatedIds: Int32Array<ArrayBuffer>;
  private pairFirst: Int32Array<ArrayBuffer>;
  private pairSecond: Int32Array<ArrayBuffer>;
  private pairIds: Int32Array<ArrayBuffer>;
  private pairCount = 0;
  private nnz = 0;

  /**
   * An empty vocabulary, its tables sized for about `expectedDocuments` short texts (they grow as needed: the
   * sizes only save the copies of doubling from small tables; measured on sentiment-uci, about 23 features, 8 new
   * features and 4 new norms a sentence).
   */
  constructor(expectedDocuments = 0) {
    const documents = Math.min(Math.max(Math.floor(expectedDocuments), 0), 1 << 16);
    const features = powerOfTwoAtLeast(Math.max(1024, 8 * documents));
    const norms = powerOfTwoAtLeast(Math.max(1024, 4 * documents));
    this.offsets = new Int32Array(documents + 1);
    this.ids = new Int32Array(Math.max(4096, 24 * documents));
    this.values = new Float64Array(this.ids.length);
    this.frequency = new Int32Array(features);
    this.kinds = new Uint8Array(features);
    this.firstParts = new Int32Array(features);
    this.secondParts = new Int32Array(features);
    this.stamp = new Int32Array(features);
    this.normSlots = new Int32Array(2 * norms).fill(-1);
    this.normHashes = new Int32Array(norms);
    this.normSpaced = new Uint8Array(norms);
    this.wordIds = new Int32Array(norms).fill(-1);
    this.negatedIds = new Int32Array(norms).fill(-1);
    this.pairFirst = new Int32Array(2 * features).fill(-1);
    this.pairSecond = new Int32Array(2 * features);
    this.pairIds = new Int32Array(2 * features);
  }

  /** The names of the features, by id (built on first use and extended as features are added). */
  get names(): readonly string[] {
    for (let id = this.builtNames.length; id < this.size; id++) this.builtNames.push(this.nameOf(id));
    return this.builtNames;
  }

  /** The name of feature `id`. */
  nameOf(id: number): string {
    const built = this.builtNames[id];
    if (built !== undefined) return built;
    const first = this.firstParts[id] as number;
    switch (this.kinds[id]) {
      case WORD:
        return `w:${this.normNames[first] as string}`;
      case NEGATED:
        return `w:NOT_${this.normNames[first] as string}`;
      case BIGRAM: {
        // "b:first " kept per first norm: one concatenation a bigram instead of three (20% less time naming).
        let prefix = this.bigramPrefixes[first];
        if (prefix === undefined) this.bigramPrefixes[first] = prefix = `b:${this.normNames[first] as string} `;
        return prefix + (this.normNames[this.secondParts[id] as number] as string);
      }
      default:
        return this.namedNames[first] as string;
    }
  }

  /** True for the features of the rule-based scorer (`lex:...`). */
  isLexicon(id: number): boolean {
    return this.kinds[id] === NAMED && ((this.namedFlags[this.firstParts[id] as number] as number) & LEXICON_FLAG) !== 0;
  }

  /** True for the real-valued lexicon features, which naive Bayes leaves out (see `isRealValued`). */
  isRealValued(id: number): boolean {
    return this.kinds[id] === NAMED && ((this.namedFlags[this.firstParts[id] as number] as number) & REAL_VALUED_FLAG) !== 0;
  }

  /** The features of document `doc` (views of `ids` and `values`, valid until the next `index`). */
  features(doc: number): { index: Int32Array; value: Float64Array } {
    const from = this.offsets[doc] as number;
    const to = this.offsets[doc + 1] as number;
    return { index: this.ids.subarray(from, to), value: this.values.subarray(from, to) };
  }

  /**
   * Indexes a text as the next document: the features of `forEachFeature`, in its order, with the first value of a
   * repeated feature. One tokenizer pass, whose tokens also feed the lexicon score. Returns the document's number.
   */
  index(text: string, options: FeatureOptions): number {
    const doc = this.documents;
    // Stamps are document numbers + 1, so that the zeroed stamp of a new feature matches no document.
    const mark = doc + 1;
    const tokens = tokenize(text);
    const bigrams = options.bigrams;
    // Room for every feature the text can have: a word and a bigram a token, two punctuation flags, four lexicon.
    const room = this.nnz + 2 * tokens.length + 4;
    if (room > this.ids.length) {
      this.ids = grownInt32(this.ids, room);
      this.values = grownFloat64(this.values, room);
    }
    let previous = -1;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as Token;
      const kind = token.kind;
      if (kind === 'punct') {
        const t = token.text;
        if (t.includes('!')) this.add(mark, this.fixedId(EXCLAMATION), 1);
        if (t.includes('?')) this.add(mark, this.fixedId(QUESTION), 1);
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
        if (id < 0) this.negatedIds[n] = id = this.create(NEGATED, n, 0);
      } else if (norm.charCodeAt(0) === 78 && norm.startsWith('NOT_')) {
        // "w:NOT_x" is also the name of a negated "x".
        const m = this.normNumber(norm.slice(4));
        id = this.negatedIds[m] as number;
        if (id < 0) this.negatedIds[m] = id = this.create(NEGATED, m, 0);
      } else {
        id = this.wordIds[n] as number;
        if (id < 0) this.wordIds[n] = id = this.create(WORD, n, 0);
      }
      this.add(mark, id, 1);
      if (bigrams && previous >= 0) {
        const bigram =
          this.normSpaced[previous] === 1 || this.normSpaced[n] === 1
            ? this.namedId(`b:${this.normNames[previous] as string} ${norm}`)
            : this.pairId(previous, n);
        this.add(mark, bigram, 1);
      }
      previous = n;
    }
    if (options.lexiconScore && tokens.length > 0) {
      const settings = resolveSentimentOptions('classify', undefined);
      const scored = summarizeTokens(text, tokens, settings.layers, settings.neutralBand);
      this.add(mark, this.fixedId(LEX_SCORE), scored.score);
      this.add(mark, this.fixedId(LEX_POS), Math.log1p(scored.positive));
      this.add(mark, this.fixedId(LEX_NEG), Math.log1p(scored.negative));
      this.add(mark, this.fixedId(LEX_LABEL[scored.label]), 1);
    }
    if (doc + 2 > this.offsets.length) this.offsets = grownInt32(this.offsets, doc + 2);
    this.offsets[doc + 1] = this.nnz;
    this.documents = doc + 1;
    return doc;
  }

  /** Records feature `id` with `value` for the document stamped `mark`, unless already recorded for it. */
  private add(mark: number, id: number, value: number): void {
    if (this.stamp[id] === mark) return;
    this.stamp[id] = mark;
    this.frequency[id] = (this.frequency[id] as number) + 1;
    this.ids[this.nnz] = id;
    this.values[this.nnz] = value;
    this.nnz++;
  }

  /** A new feature of a kind, named by its parts. */
  private create(kind: number, first: number, second: number): number {
    const id = this.size;
    if (id === this.kinds.length) {
      const size = id * 2;
      const kinds = new Uint8Array(size);
      kinds.set(this.kinds);
      this.kinds = kinds;
      this.firstParts = grownInt32(this.firstParts, size);
      this.secondParts = grownInt32(this.secondParts, size);
      this.stamp = grownInt32(this.stamp, size);
      this.frequency = grownInt32(this.frequency, size);
    }
    this.kinds[id] = kind;
    this.firstParts[id] = first;
    this.secondParts[id] = second;
    this.size = id + 1;
    return id;
  }

  /** The id of one of the FIXED_NAMES features, by its position there. */
  private fixedId(fixed: number): number {
    let id = this.fixedIds[fixed] as number;
    if (id < 0) this.fixedIds[fixed] = id = this.namedId(FIXED_NAMES[fixed] as string);
    return id;
  }

  /** The id of a feature filed by its full name (punctuation, lexicon and spaced-bigram features). */
  private namedId(name: string): number {
    let id = this.namedIds.get(name);
    if (id === undefined) {
      id = this.create(NAMED, this.namedNames.length, 0);
      this.namedNames.push(name);
      const lexicon = name.startsWith(LEXICON_PREFIX);
      this.namedFlags.push((lexicon ? LEXICON_FLAG : 0) | (isRealValued(name) ? REAL_VALUED_FLAG : 0));
      this.namedIds.set(name, id);
    }
    return id;
  }

  /** The number of a norm, added when new. */
  private normNumber(norm: string): number {
    const hash = wordHash(norm);
    let mask = this.normSlots.length - 1;
    let slot = (hash ^ (hash >>> 15)) & mask;
    while (true) {
      const n = this.normSlots[slot] as number;
      if (n < 0) break;
      if (this.normHashes[n] === hash && this.normNames[n] === norm) return n;
      slot = (slot + 1) & mask;
    }
    const n = this.normCount;
    if (n === this.normHashes.length) {
      const size = n * 2;
      this.normHashes = grownInt32(this.normHashes, size);
      const spaced = new Uint8Array(size);
      spaced.set(this.normSpaced);
      this.normSpaced = spaced;
      const wordIds = new Int32Array(size).fill(-1);
      wordIds.set(this.wordIds);
      this.wordIds = wordIds;
      const negatedIds = new Int32Array(size).fill(-1);
      negatedIds.set(this.negatedIds);
      this.negatedIds = negatedIds;
    }
    this.normCount = n + 1;
    this.normHashes[n] = hash;
    this.normNames.push(norm);
    this.bigramPrefixes.push(undefined);
    this.normSpaced[n] = norm.includes(' ') ? 1 : 0;
    if (2 * this.normCount > this.normSlots.length) {
      // Rehash into a table twice the size (load kept at most 1/2).
      const slots = new Int32Array(this.normSlots.length * 2).fill(-1);
      mask = slots.length - 1;
      for (let m = 0; m < this.normCount; m++) {
        const h = this.normHashes[m] as number;
        let s = (h ^ (h >>> 15)) & mask;
        while ((slots[s] as number) >= 0) s = (s + 1) & mask;
        slots[s] = m;
      }
      this.normSlots = slots;
    } else {
      this.normSlots[slot] = n;
    }
    return n;
  }

  /** The id of the bigram of norm numbers `a`, `b` (open addressing, as `normNumber`), added when new. */
  private pairId(a: number, b: number): number {
    let mask = this.pairFirst.length - 1;
    let h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77)) >>> 0;
    let slot = (h ^ (h >>> 15)) & mask;
    while (true) {
      const at = this.pairFirst[slot] as number;
      if (at < 0) break;
      if (at === a && this.pairSecond[slot] === b) return this.pairIds[slot] as number;
      slot = (slot + 1) & mask;
    }
    const id = this.create(BIGRAM, a, b);
    this.pairCount++;
    if (2 * this.pairCount > this.pairFirst.length) {
      const first = this.pairFirst;
      const second = this.pairSecond;
      const ids = this.pairIds;
      this.pairFirst = new Int32Array(first.length * 2).fill(-1);
      this.pairSecond = new Int32Array(first.length * 2);
      this.pairIds = new Int32Array(first.length * 2);
      mask = this.pairFirst.length - 1;
      for (let s = 0; s < first.length; s++) {
        const x = first[s] as number;
        if (x < 0) continue;
        const y = second[s] as number;
        h = (Math.imul(x, 0x9e3779b1) ^ Math.imul(y, 0x85ebca77)) >>> 0;
        let to = (h ^ (h >>> 15)) & mask;
        while ((this.pairFirst[to] as number) >= 0) to = (to + 1) & mask;
        this.pairFirst[to] = x;
        this.pairSecond[to] = y;
        this.pairIds[to] = ids[s] as number;
      }
      h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77)) >>> 0;
      slot = (h ^ (h >>> 15)) & mask;
      while ((this.pairFirst[slot] as number) >= 0) slot = (slot + 1) & mask;
    }
    this.pairFirst[slot] = a;
    this.pairSecond[slot] = b;
    this.pairIds[slot] = id;
    return id;
  }
}

/** The smallest power of two >= n (n >= 1). */
function powerOfTwoAtLeast(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

// The punctuation and lexicon features every vocabulary may have, by position (`Vocabulary.fixedId`).
const FIXED_NAMES: readonly string[] = [
  'p:!',
  'p:?',
  `${LEXICON_PREFIX}score`,
  `${LEXICON_PREFIX}pos`,
  `${LEXICON_PREFIX}neg`,
  `${LEXICON_PREFIX}label=positive`,
  `${LEXICON_PREFIX}label=neutral`,
  `${LEXICON_PREFIX}label=negative`,
];
const EXCLAMATION = 0;
const QUESTION = 1;
const LEX_SCORE = 2;
const LEX_POS = 3;
const LEX_NEG = 4;
const LEX_LABEL: Readonly<Record<SentimentLabel, number>> = { positive: 5, neutral: 6, negative: 7 };
