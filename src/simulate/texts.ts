import { assertNumberOption, assertOptions, fail } from '../errors';
import { Random } from './random';
import {
  EMOJI,
  HASHTAGS,
  OPENERS,
  SIMULATED_THEMES,
  compiledBanks,
  expand,
  polaritiesOf,
  type Polarity,
  type SimulatedTheme,
  type SlotValues,
} from './templates';

/** Who writes a simulated text: a customer through some source, or the organisation's sales or operations people. */
export type SimulatedAuthor = 'customer' | 'sales' | 'operations';

/** What one simulated text is about. */
export interface TextSpec extends SlotValues {
  readonly theme: SimulatedTheme;
  readonly polarity: Polarity;
  readonly author: SimulatedAuthor;
  /** survey, review, social, support, internal: shapes openers, hashtags, emoji and length. */
  readonly source: string;
}

const TYPO_RATE = 0.012;
const VOWELS = 'aeiou';


/** One typing slip in a word: two letters swapped, one dropped or one doubled. */
function typo(word: string, random: Random): string {
  const at = random.int(1, word.length - 2);
  switch (random.int(0, 2)) {
    case 0:
      return word.slice(0, at) + (word[at + 1] as string) + (word[at] as string) + word.slice(at + 2);
    case 1:
      return word.slice(0, at) + word.slice(at + 1);
    default:
      return word.slice(0, at) + (word[at] as string) + word.slice(at);
  }
}

/** Stretches the last vowel of a word for emphasis: `good` -> `gooood`. */
function elongate(word: string, random: Random): string {
  for (let i = word.length - 1; i >= 0; i -= 1) {
    if (VOWELS.includes(word[i] as string)) return word.slice(0, i + 1) + (word[i] as string).repeat(random.int(2, 4)) + word.slice(i + 1);
  }
  return word;
}

/**
 * Typos, emphasis and casing, at low rates. The number of slips is drawn first (Poisson), so that the common case
 * (no slip) costs no split into words.
 */
function roughen(text: string, wordCount: number, polarity: Polarity, casual: boolean, random: Random): string {
  const typos = random.poisson(wordCount * TYPO_RATE);
  const shout = polarity === 'negative' && wordCount > 2 && random.chance(0.05);
  const stretch = wordCount > 2 && random.chance(casual ? 0.08 : 0.02);
  if (typos === 0 && !shout && !stretch) return text;
  const words = text.split(' ');
  for (let i = 0; i < typos; i += 1) {
    const at = random.int(0, words.length - 1);
    const word = words[at] as string;
    if (word.length >= 4 && /^[a-z]+$/.test(word)) words[at] = typo(word, random);
  }
  if (shout) {
    const at = random.int(0, words.length - 1);
    words[at] = (words[at] as string).toUpperCase();
  }
  if (stretch) {
    const at = random.int(0, words.length - 1);
    const word = words[at] as string;
    if (/^[a-z]{3,}$/.test(word)) words[at] = elongate(word, random);
  }
  return words.join(' ');
}

function sentenceOf(
  spec: TextSpec,
  theme: SimulatedTheme,
  polarity: Polarity,
  random: Random,
): string {
  const banks = compiledBanks();
  const bank = spec.author === 'sales' ? banks.sales : spec.author === 'operations' ? banks.operations : banks.customer;
  let templates = bank[theme][polarity];
  if (templates === undefined || templates.length === 0) {
    const available = polaritiesOf(bank, theme);
    templates = bank[theme][available[0] ?? 'negative'] ?? banks.customer.praise.positive ?? [];
  }
  return expand(random.pick(templates), spec, random);
}

function countWords(sentence: string): number {
  let count = 1;
  for (let at = sentence.indexOf(' '); at >= 0; at = sentence.indexOf(' ', at + 1)) count += 1;
  return count;
}

/**
 * Openers, hashtags, emoji and slips around the sentences of a customer text. `words` is the number of words in
 * the sentences; the result carries the number in the decorated text.
 */
function decorate(sentences: readonly string[], words: number, spec: TextSpec, random: Random): { text: string; words: number } {
  let text = sentences.join(' ');
  if (spec.author !== 'customer') return { text, words };
  let count = words;
  const opener = random.pick(OPENERS[spec.source] ?? ['']);
  if (opener !== '') {
    count += countWords(opener);
    text =
      opener.endsWith(',') && /^[A-Z][a-z]/.test(text) && !text.startsWith(spec.product)
        ? `${opener} ${(text[0] as string).toLowerCase()}${text.slice(1)}`
        : `${opener} ${text}`;
  }
  if (spec.source === 'social' && random.chance(0.4)) {
    text += ` ${random.pick(HASHTAGS[spec.polarity])}`;
    count += 1;
  }
  if (random.chance(spec.source === 'social' ? 0.35 : 0.07)) {
    text += ` ${random.pick(EMOJI[spec.polarity])}`;
    count += 1;
  }
  if (spec.source === 'support' && random.chance(0.5)) {
    const closing = random.pick(['Thanks.', 'Thank you.', 'Regards.']);
    text += ` ${closing}`;
    count += countWords(closing);
  }
  text = roughen(text, count, spec.polarity, spec.source === 'social', random);
  return { text: spec.source === 'social' && random.chance(0.2) ? text.toLowerCase() : text, words: count };
}

/** The next sentence of a text: more on its theme, a neutral aside (customers), or now and then a second topic. */
function nextSentence(spec: TextSpec, random: Random, allowOtherTheme: boolean): string {
  const roll = random.next();
  if (spec.author === 'customer' && roll < 0.25) return expand(random.pick(compiledBanks().filler), spec, random);
  if (allowOtherTheme && roll > 0.85) {
    const theme = random.weighted(SIMULATED_THEMES, THEME_WEIGHTS);
    return sentenceOf(spec, theme, theme === spec.theme ? spec.polarity : polarityFor(theme, random), random);
  }
  return sentenceOf(spec, spec.theme, spec.polarity, random);
}

const CONTRAST_THEMES: readonly SimulatedTheme[] = ['quality', 'praise', 'service'];

/**
 * Puts a praise clause before a complaint with `but`, which shifts the weight to the complaint ("The Cedar is
 * solid, but the order arrived 5 days late."): the contrastive case of sentiment analysis (Polanyi and Zaenen, 2006,
 * "Contextual valence shifters").
 */
function contrast(spec: TextSpec, complaint: string, random: Random): string {
  const theme = random.pick(CONTRAST_THEMES.filter((candidate) => candidate !== spec.theme));
  const praise = trimEndPunctuation(sentenceOf(spec, theme, 'positive', random));
  const rest =
    /^[A-Z][a-z]/.test(complaint) && !complaint.startsWith(spec.product)
      ? (complaint[0] as string).toLowerCase() + complaint.slice(1)
      : complaint;
  return `${praise}, but ${rest}`;
}

/**
 * Writes one feedback text for a theme and polarity from the phrase bank, with varied wording: choices among
 * synonyms, a second sentence or a neutral aside at times, openers by source (`@ShopCo`, `Hi team,`), hashtags on
 * social posts, emoji now and then, typing slips at about 1% of words, occasional shouting and elongation.
 * Cost: O(length of the text).
 */
export function writeFeedbackText(spec: TextSpec, random: Random): string {
  const sentences: string[] = [sentenceOf(spec, spec.theme, spec.polarity, random)];
  // Staff notes are one line.
  if (spec.author !== 'customer') return sentences[0] as string;
  if (spec.polarity === 'negative' && random.chance(0.08)) sentences[0] = contrast(spec, sentences[0] as string, random);
  const long = spec.source === 'review' || spec.source === 'support';
  if (random.chance(long ? 0.55 : 0.3)) {
    let sentence = nextSentence(spec, random, false);
    // Two sentences from one template read as a stutter: draw once more.
    if (sentence.slice(0, 12) === (sentences[0] as string).slice(0, 12)) sentence = nextSentence(spec, random, false);
    if (random.chance(0.3)) sentences.unshift(sentence);
    else sentences.push(sentence);
  }
  if (long && random.chance(0.2)) sentences.push(nextSentence(spec, random, false));
  let words = 0;
  for (const sentence of sentences) words += countWords(sentence);
  return decorate(sentences, words, spec, random).text;
}

/**
 * A text of `minWords` to `maxWords` words aimed at `target`: whole sentences while they fit, stopping at a
 * sentence end once `minWords` is reached; a text still short of `minWords` is cut mid-sentence.
 */
function writeSizedText(spec: TextSpec, random: Random, target: number, minWords: number, maxWords: number): string {
  const sentences: string[] = [];
  let count = 0;
  for (let guard = 0; guard < 10_000; guard += 1) {
    const sentence = sentences.length === 0 ? sentenceOf(spec, spec.theme, spec.polarity, random) : nextSentence(spec, random, true);
    const size = countWords(sentence);
    if (count + size > target && count >= minWords) break;
    sentences.push(sentence);
    count += size;
    if (count >= target) break;
  }
  const { text, words } = decorate(sentences, count, spec, random);
  // Openers and emoji may push a text past maxWords: cut it there.
  return words > maxWords ? text.split(' ').slice(0, maxWords).join(' ') : text;
}

/** Options of {@link generateFeedbackTexts}. */
export interface GenerateTextsOptions {
  /** Seed of the generator (an integer). Same seed, same texts. */
  readonly seed: number;
  /** Fewest words (whitespace-separated) per text. Default 5. */
  readonly minWords?: number;
  /** Most words per text. Default 60. */
  readonly maxWords?: number;
  /**
   * Index of the first text. Text `i` depends only on `(seed, offset + i)`, so a large corpus can be generated in
   * chunks (or in parallel) and equals the one-call result. Default 0.
   */
  readonly offset?: number;
  /** Product names to mention. Default the simulator's four products. */
  readonly products?: readonly string[];
  /** Region names to mention. Default the simulator's three regions. */
  readonly regions?: readonly string[];
}

const DEFAULT_PRODUCTS = ['Aurora', 'Breeze', 'Cedar', 'Drift'] as const;
const DEFAULT_REGIONS = ['North', 'South', 'West'] as const;
const CUSTOMER_SOURCES = ['survey', 'review', 'social', 'support'] as const;
const SOURCE_WEIGHTS = [0.3, 0.3, 0.25, 0.15] as const;
const THEME_WEIGHTS = [0.1, 0.17, 0.15, 0.22, 0.16, 0.2] as const;

function polarityFor(theme: SimulatedTheme, random: Random): Polarity {
  switch (theme) {
    case 'availability':
      return random.chance(0.93) ? 'negative' : 'positive';
    case 'delivery':
      return random.chance(0.65) ? 'negative' : 'positive';
    case 'price':
      return random.weighted(['negative', 'neutral', 'positive'] as const, [0.6, 0.25, 0.15]);
    case 'quality':
      return random.weighted(['positive', 'neutral', 'negative'] as const, [0.5, 0.15, 0.35]);
    case 'service':
      return random.chance(0.5) ? 'positive' : 'negative';
    case 'praise':
      return 'positive';
  }
}

function checkNames(where: string, parameter: string, names: unknown): readonly string[] | undefined {
  if (names === undefined) return undefined;
  if (!Array.isArray(names) || names.length === 0 || !names.every((name) => typeof name === 'string' && name.trim() !== '')) {
    fail('INVALID_OPTION', where, parameter, 'a non-empty array of non-empty strings', names);
  }
  return names as readonly string[];
}

/**
 * Generates `n` synthetic customer and staff feedback texts for benchmarks: the simulator's phrase bank (six
 * themes, three polarities, four customer sources plus sales and operations notes) with its varied wording,
 * typos, emoji and negations, each text cut to a word count drawn from `minWords` to `maxWords` (skewed to shorter
 * texts, as real feedback is). Text `i` is drawn from its own seeded stream `(seed, offset + i)`, so chunks can be
 * generated independently and concatenated.
 *
 * Cost: O(n · maxWords) time and memory (about 200 bytes a text at the defaults).
 * @throws FeedbackMinerError INVALID_ARGUMENT when `n` is not an integer >= 0; INVALID_OPTION when `options.seed`
 *   is missing or not an integer, `minWords` < 1, `maxWords` < `minWords`, or `offset + n` exceeds 2^32.
 * @example
 * generateFeedbackTexts(2, { seed: 1, minWords: 5, maxWords: 12 })
 * // => ['The Drift is very reliable.', 'Hi team, cme the next day, great service. Thanks.']  (note the typo)
 */
export function generateFeedbackTexts(n: number, options: GenerateTextsOptions): string[] {
  const where = 'generateFeedbackTexts';
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) fail('INVALID_ARGUMENT', where, 'n', 'an integer >= 0', n);
  if (options === undefined) fail('INVALID_OPTION', where, 'options.seed', 'an integer', undefined);
  assertOptions(where, options);
  const { seed, minWords = 5, maxWords = 60, offset = 0 } = options;
  assertNumberOption(where, 'options.seed', seed, {
    min: Number.MIN_SAFE_INTEGER,
    max: Number.MAX_SAFE_INTEGER,
    integer: true,
  });
  assertNumberOption(where, 'options.minWords', minWords, { min: 1, max: 10_000, integer: true });
  assertNumberOption(where, 'options.maxWords', maxWords, { min: minWords, max: 10_000, integer: true });
  assertNumberOption(where, 'options.offset', offset, { min: 0, max: 4294967296 - n, integer: true });
  const products = checkNames(where, 'options.products', options.products) ?? DEFAULT_PRODUCTS;
  const regions = checkNames(where, 'options.regions', options.regions) ?? DEFAULT_REGIONS;
  const prices = products.map((_, index) => [24.9, 49, 89, 149][index % 4] as number);

  const random = new Random(seed);
  const texts = new Array<string>(n);
  const span = maxWords - minWords + 1;
  for (let i = 0; i < n; i += 1) {
    random.reseed(seed, offset + i);
    // Skewed towards short texts: most feedback is a line, some is a paragraph.
    const target = minWords + Math.floor(span * random.next() ** 1.7);
    const productIndex = random.int(0, products.length - 1);
    const internal = random.chance(0.1);
    const author: SimulatedAuthor = internal ? (random.chance(0.5) ? 'sales' : 'operations') : 'customer';
    const theme = random.weighted(SIMULATED_THEMES, THEME_WEIGHTS);
    const spec: TextSpec = {
      theme,
      polarity: polarityFor(theme, random),
      author,
      source: internal ? 'internal' : random.weighted(CUSTOMER_SOURCES, SOURCE_WEIGHTS),
      product: products[productIndex] as string,
      region: random.pick(regions),
      price: prices[productIndex] as number,
    };
    texts[i] = writeSizedText(spec, random, target, minWords, maxWords);
  }
  return texts;
}

/** Drops trailing '.' and '!' (a loop: /[.!]+$/ retries from every position of a long run, quadratic). */
function trimEndPunctuation(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === '.' || text[end - 1] === '!')) end--;
  return text.slice(0, end);
}
