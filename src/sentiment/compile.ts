import { fail } from '../errors';
import { NEGATORS as TEXT_NEGATORS } from '../text/negation';
import type { Token } from '../text/types';
import {
  AFINN_PHRASES,
  AFINN_WORDS,
  DOMAIN_ENTRIES,
  DURATION_UNITS,
  EMOJI,
  EMOTICONS,
  GENERAL_WORDS,
  MODIFIER_PHRASES,
  NEGATION_IDIOMS,
  NEGATORS,
  NUMBER_WORDS,
} from './lexicon';
import { ROLES } from './roles';
import type { DomainCategory, EvidenceSource } from './types';

/**
 * A scored entry of a compiled lexicon. Every entry has all five fields (built by `lexiconEntry`): entries of one
 * shape keep the scorer's reads of them monomorphic, where optional fields made five shapes and megamorphic loads.
 */
export interface LexiconEntry {
  readonly valence: number;
  readonly source: EvidenceSource;
  readonly category: DomainCategory | undefined;
  /** The phrase contains a negator of its own ("no response", "not only"): its negation is consumed. */
  readonly ownNegation: boolean;
  /** A modifier phrase ("a bit", "kind of"): a fractional change, not a valence. */
  readonly modifier: boolean;
}

/** A lexicon entry, always of the same shape (see `LexiconEntry`). @internal */
export function lexiconEntry(
  valence: number,
  source: EvidenceSource,
  category: DomainCategory | undefined = undefined,
  ownNegation = false,
  modifier = false,
): LexiconEntry {
  return { valence, source, category, ownNegation, modifier };
}

/** A multi-word pattern: token norms, `*` for any one word, `<n>` for a number. */
export interface PhrasePattern {
  readonly words: readonly string[];
  readonly entry: LexiconEntry;
}

/** Everything the scorer needs to know about one norm, found with one lookup. */
export interface WordInfo {
  readonly entry: LexiconEntry | undefined;
  /** Phrases starting with this norm, longest first. */
  readonly phrases: readonly PhrasePattern[] | undefined;
  /** Role bits (see roles.ts). */
  readonly role: number;
  /**
   * `phrases` filtered by the word that follows, keyed by its `wordHash` (an integer key: the scorer has the hash of
   * the next word already, and a string key would hash it again): the patterns whose second word has that hash or
   * is a placeholder, in `phrases` order; `phrasesAnySecond` for any other hash. The first of these that matches is
   * the first of `phrases` that matches (`matchPhrase` compares every word, so a pattern whose second word only
   * shares the hash never matches).
   */
  readonly phrasesBySecond: ReadonlyMap<number, readonly PhrasePattern[]> | undefined;
  readonly phrasesAnySecond: readonly PhrasePattern[] | undefined;
  /**
   * Bit `wordHash(second) & 31` is set for every second word of `phrasesBySecond`: a word whose bit is clear
   * continues none of them, so its patterns are `phrasesAnySecond` without a map lookup.
   */
  readonly secondWords: number;
  /** The value of a number word ("two", "a"), from NUMBER_WORDS. */
  readonly numberValue: number | undefined;
  /** The hours of a duration unit ("hour", "weeks"), from DURATION_UNITS. */
  readonly unitHours: number | undefined;
}

// Maps, not object lookups, so that keys such as "constructor" never find Object.prototype members.
const NUMBER_VALUES: ReadonlyMap<string, number> = new Map(Object.entries(NUMBER_WORDS));
const UNIT_HOURS: ReadonlyMap<string, number> = new Map(Object.entries(DURATION_UNITS));

/** A lexicon compiled for fast lookup: words by norm, phrases by their first norm (longest first). */
export interface CompiledLexicon {
  readonly words: ReadonlyMap<string, LexiconEntry>;
  readonly phrases: ReadonlyMap<string, readonly PhrasePattern[]>;
  /** words, phrases and roles in one table. */
  readonly table: ReadonlyMap<string, WordInfo>;
  /** A one-hash Bloom filter of `table`'s keys (see `lookupTable`): most words are in no table. */
  readonly tableFilter: Uint32Array;
  /**
   * `table` as an open-addressing hash index (see `lookupTable`): per slot, the key's `wordHash` and its position
   * in `tableKeys` and `tableInfos` (0 for an empty slot; position 0 is unused).
   */
  readonly tableSlots: Int32Array;
  readonly tableKeys: readonly string[];
  readonly tableInfos: readonly (WordInfo | undefined)[];
}

/** Bits of the table filter: 2^16 bits (8 KB, cache-resident) keep false positives near 6% for 4,400 keys. */
const FILTER_BITS = 16;
const FILTER_MASK = (1 << FILTER_BITS) - 1;

/**
 * A cheap multiplicative string hash (32 bits): its low 16 bits are the filter's bit, its product with a Fibonacci
 * constant the index's slot. @internal
 */
export function wordHash(word: string): number {
  let h = word.length;
  for (let i = 0; i < word.length; i++) h = Math.imul(h, 31) + word.charCodeAt(i);
  return h ^ (h >>> 15);
}

function buildFilter(keys: Iterable<string>): Uint32Array {
  const filter = new Uint32Array(1 << (FILTER_BITS - 5));
  for (const key of keys) {
    const bit = wordHash(key) & FILTER_MASK;
    filter[bit >>> 5] = (filter[bit >>> 5] as number) | (1 << (bit & 31));
  }
  return filter;
}

/** The first slot of a hash in an index of 2^bits slots (Fibonacci hashing, Knuth 1998, section 6.4). */
function slotOf(hash: number, bits: number): number {
  return Math.imul(hash, 0x9e3779b1) >>> (32 - bits);
}

/**
 * The open-addressing index of a table (linear probing; Knuth 1998, section 6.4, algorithm L) at most half full:
 * two 32-bit integers a slot, the key's hash and its position, so that a probe reads one typed array and compares
 * integers, and a key string is read only when the hashes agree.
 */
function buildIndex(table: ReadonlyMap<string, WordInfo>): { tableSlots: Int32Array; tableKeys: string[]; tableInfos: (WordInfo | undefined)[] } {
  let bits = 4;
  while (1 << bits < 2 * table.size) bits++;
  const mask = (1 << bits) - 1;
  const tableSlots = new Int32Array(2 << bits);
  const tableKeys: string[] = [''];
  const tableInfos: (WordInfo | undefined)[] = [undefined];
  for (const [key, info] of table) {
    const hash = wordHash(key);
    let slot = slotOf(hash, bits);
    while (tableSlots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
    tableSlots[2 * slot] = hash;
    tableSlots[2 * slot + 1] = tableKeys.length;
    tableKeys.push(key);
    tableInfos.push(info);
  }
  return { tableSlots, tableKeys, tableInfos };
}

function compiledLexicon(
  words: ReadonlyMap<string, LexiconEntry>,
  phrases: ReadonlyMap<string, readonly PhrasePattern[]>,
  table: ReadonlyMap<string, WordInfo>,
): CompiledLexicon {
  return { words, phrases, table, tableFilter: buildFilter(table.keys()), ...buildIndex(table) };
}

/**
 * The table's entry for `word`, equal to `table.get(word)`. A one-hash Bloom filter (Bloom 1970) answers "certainly
 * not in the table" for most of the two thirds of words that no lexicon, phrase or role knows; the others probe the
 * hash index, which compares integers and reads a key only on an equal hash (a string of the table, not a word of
 * an earlier text that would be cold in the cache). `hash` is `wordHash(word)`.
 */
export function lookupTable(lexicon: CompiledLexicon, word: string, hash: number): WordInfo | undefined {
  const bit = hash & FILTER_MASK;
  if ((((lexicon.tableFilter[bit >>> 5] as number) >>> (bit & 31)) & 1) === 0) return undefined;
  const slots = lexicon.tableSlots;
  const mask = slots.length - 1;
  // slots.length is 2^(bits + 1): the shift of slotOf, 32 - bits, is its count of leading zeros + 2.
  let at = (Math.imul(hash, 0x9e3779b1) >>> (Math.clz32(slots.length) + 2)) << 1;
  for (;;) {
    const position = slots[at + 1] as number;
    if (position === 0) return undefined;
    if (slots[at] === hash && lexicon.tableKeys[position] === word) return lexicon.tableInfos[position];
    at = (at + 2) & mask;
  }
}

function buildTable(
  words: ReadonlyMap<string, LexiconEntry>,
  phrases: ReadonlyMap<string, readonly PhrasePattern[]>,
): Map<string, WordInfo> {
  const table = new Map<string, WordInfo>();
  const keys = new Set([...words.keys(), ...phrases.keys(), ...ROLES.keys()]);
  for (const key of keys) {
    const list = phrases.get(key);
    let bySecond: Map<number, PhrasePattern[]> | undefined;
    let anySecond: PhrasePattern[] | undefined;
    let secondWords = 0;
    if (list !== undefined) {
      bySecond = new Map();
      anySecond = [];
      const isPlaceholder = (word: string | undefined): boolean => word === ANY_WORD || word === ANY_NUMBER;
      for (const pattern of list) {
        const second = pattern.words[1];
        if (second !== undefined && !isPlaceholder(second)) {
          bySecond.set(wordHash(second), []);
          secondWords |= 1 << (wordHash(second) & 31);
        }
      }
      for (const pattern of list) {
        const second = pattern.words[1];
        if (isPlaceholder(second)) {
          anySecond.push(pattern);
          for (const patterns of bySecond.values()) patterns.push(pattern);
        } else if (second !== undefined) {
          (bySecond.get(wordHash(second)) as PhrasePattern[]).push(pattern);
        }
      }
    }
    table.set(key, {
      entry: words.get(key),
      phrases: list,
      role: ROLES.get(key) ?? 0,
      phrasesBySecond: bySecond,
      phrasesAnySecond: anySecond,
      secondWords,
      numberValue: NUMBER_VALUES.get(key),
      unitHours: UNIT_HOURS.get(key),
    });
  }
  return table;
}

export type PhraseTokenizer = (text: string) => readonly Token[];

const ANY_WORD = '*';
const ANY_NUMBER = '<n>';
// Placeholders that survive tokenisation as single words.
const ANY_WORD_MARK = 'zzanywordzz';
const ANY_NUMBER_MARK = 'zzanynumberzz';

/** Splits a phrase into token norms with the same tokenizer as the scored text, so that both match. */
export function phraseNorms(phrase: string, tokenizer: PhraseTokenizer): string[] {
  const marked = phrase.replace(/(^|\s)\*(?=\s|$)/g, `$1${ANY_WORD_MARK}`).replace(/<n>/g, ANY_NUMBER_MARK);
  const norms: string[] = [];
  for (const token of tokenizer(marked)) {
    const norm = token.norm === ANY_WORD_MARK ? ANY_WORD : token.norm === ANY_NUMBER_MARK ? ANY_NUMBER : token.norm;
    norms.push(norm);
  }
  return norms;
}

function addPhrase(
  phrases: Map<string, PhrasePattern[]>,
  words: Map<string, LexiconEntry>,
  phrase: string,
  entry: LexiconEntry,
  tokenizer: PhraseTokenizer,
  where: string | undefined,
): void {
  const norms = phraseNorms(phrase, tokenizer);
  const first = norms[0];
  if (first === undefined) return;
  if (norms.length === 1) {
    words.set(first, entry);
    return;
  }
  if (first === ANY_WORD || first === ANY_NUMBER) {
    if (where !== undefined) fail('INVALID_OPTION', where, 'options.phrases keys', 'phrases starting with a word', phrase);
    return;
  }
  // "hassle free" is also written "hassle-free", which the tokenizer keeps as one word.
  if (norms.length === 2 && !norms.includes(ANY_WORD) && !norms.includes(ANY_NUMBER) && /^[\p{L}]+ [\p{L}]+$/u.test(norms.join(' '))) {
    const hyphenated = norms.join('-');
    if (!words.has(hyphenated)) words.set(hyphenated, entry);
  }
  const ownNegation = norms.some((n) => NEGATORS.has(n) || TEXT_NEGATORS.has(n));
  const full = ownNegation ? lexiconEntry(entry.valence, entry.source, entry.category, true, entry.modifier) : entry;
  const list = phrases.get(first) ?? [];
  // A later layer overrides an identical pattern of an earlier one.
  const key = norms.join(' ');
  const kept = list.filter((p) => p.words.join(' ') !== key);
  kept.push({ words: norms, entry: full });
  kept.sort((a, b) => b.words.length - a.words.length);
  phrases.set(first, kept);
}

/**
 * Builds the default lexicon, in layers where a later layer overrides an earlier one: AFINN words and phrases,
 * emoticons and emoji, the general review vocabulary, the negation idioms, the modifier phrases, then (when
 * `domain`) the operations and service domain layer. Cost: O(entries x phrase length), done once per variant.
 */
export function compileDefault(domain: boolean, tokenizer: PhraseTokenizer): CompiledLexicon {
  const words = new Map<string, LexiconEntry>();
  const phrases = new Map<string, PhrasePattern[]>();
  for (const [word, valence] of Object.entries(AFINN_WORDS)) {
    if (NEGATORS.has(word)) continue; // negators shift others; they do not score themselves (VADER, SO-CAL)
    words.set(word, lexiconEntry(valence, 'afinn'));
  }
  for (const [first, seconds] of Object.entries(AFINN_PHRASES)) {
    for (const [second, valence] of Object.entries(seconds)) {
      addPhrase(phrases, words, `${first} ${second}`, lexiconEntry(valence, 'afinn-phrase'), tokenizer, undefined);
    }
  }
  for (const [emoticon, valence] of Object.entries(EMOTICONS)) words.set(emoticon, lexiconEntry(valence, 'emoticon'));
  for (const [emoji, valence] of Object.entries(EMOJI)) {
    if (valence !== 0) words.set(emoji, lexiconEntry(valence, 'emoji'));
  }
  for (const [word, valence] of Object.entries(GENERAL_WORDS)) {
    if (word.includes(' ')) addPhrase(phrases, words, word, lexiconEntry(valence, 'general'), tokenizer, undefined);
    else words.set(word, lexiconEntry(valence, 'general'));
  }
  for (const [phrase, valence] of Object.entries(NEGATION_IDIOMS)) {
    addPhrase(phrases, words, phrase, lexiconEntry(valence, 'general'), tokenizer, undefined);
  }
  for (const [phrase, change] of Object.entries(MODIFIER_PHRASES)) {
    addPhrase(phrases, words, phrase, lexiconEntry(change, 'general', undefined, false, true), tokenizer, undefined);
  }
  if (domain) {
    for (const [phrase, { valence, category }] of Object.entries(DOMAIN_ENTRIES)) {
      addPhrase(phrases, words, phrase, lexiconEntry(valence, 'domain', category), tokenizer, undefined);
    }
  }
  return compiledLexicon(words, phrases, buildTable(words, phrases));
}

/**
 * Compiles a caller's `options.lexicon` and `options.phrases` into a layer consulted before the default one.
 * @throws FeedbackMinerError INVALID_OPTION when a valence is not a finite number from -5 to 5.
 */
export function compileUser(
  where: string,
  lexicon: Readonly<Record<string, number>> | undefined,
  phraseRecord: Readonly<Record<string, number>> | undefined,
  tokenizer: PhraseTokenizer,
): CompiledLexicon {
  const words = new Map<string, LexiconEntry>();
  const phrases = new Map<string, PhrasePattern[]>();
  const check = (parameter: string, key: string, value: unknown): number => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < -5 || value > 5) {
      fail('INVALID_OPTION', where, `${parameter}[${JSON.stringify(key)}]`, 'a finite number from -5 to 5', value);
    }
    return value;
  };
  for (const [word, value] of Object.entries(lexicon ?? {})) {
    const valence = check('options.lexicon', word, value);
    const norms = phraseNorms(word, tokenizer);
    if (norms.length === 1 && norms[0] !== undefined) words.set(norms[0], lexiconEntry(valence, 'user'));
    else addPhrase(phrases, words, word, lexiconEntry(valence, 'user'), tokenizer, where);
  }
  for (const [phrase, value] of Object.entries(phraseRecord ?? {})) {
    const valence = check('options.phrases', phrase, value);
    addPhrase(phrases, words, phrase, lexiconEntry(valence, 'user'), tokenizer, where);
  }
  return compiledLexicon(words, phrases, new Map());
}

/** True when the phrase pattern matches the tokens from `start`; returns the index one past the match, or -1. */
export function matchPhrase(tokens: readonly Token[], start: number, pattern: PhrasePattern): number {
  const words = pattern.words;
  let j = start;
  for (let k = 0; k < words.length; k++, j++) {
    const token = tokens[j];
    if (token === undefined) return -1;
    const want = words[k] as string;
    if (want === ANY_WORD) {
      if (token.kind !== 'word') return -1;
    } else if (want === ANY_NUMBER) {
      if (token.kind !== 'number') return -1;
    } else if (token.norm !== want) {
      return -1;
    }
  }
  return j;
}
