import type { Token } from '../text/types';
import { lexiconEntry, matchPhrase as importedMatchPhrase, lookupTable as importedLookupTable, type CompiledLexicon, type LexiconEntry, type PhrasePattern, type WordInfo } from './compile';
import * as roles from './roles';
import { MODIFIERS } from './lexicon';
import type {
  DomainCategory,
  EvidenceSource,
  SentenceSentiment,
  SentimentEvidence,
  SentimentLabel,
  SentimentResult,
  SentimentRule,
} from './types';

/** VADER's normalisation constant: `score = sum / sqrt(sum^2 + ALPHA)` (Hutto and Gilbert 2014). */
export const ALPHA = 15;
/** Scalar of a negated positive term (VADER's N_SCALAR, Hutto and Gilbert 2014). */
export const NEGATE_POSITIVE = 0.74;
/**
 * Scalar of a negated negative term: smaller, because "not bad" is faint praise rather than the opposite of bad
 * (the asymmetry behind SO-CAL's shift negation, Taboada et al. 2011, section 2.3).
 */
export const NEGATE_NEGATIVE = 0.5;
/** Words after a negator that its scope reaches (VADER looks three words back; one more for "not a very good"). */
export const NEGATION_WINDOW = 4;
/** Added in the term's direction when it is in capitals among lower-case words (VADER's C_INCR). */
export const CAPS_INCREMENT = 0.733;
/** Added in the term's direction when elongated ("gooood"; Brody and Diakopoulos 2011). */
export const ELONGATION_INCREMENT = 0.5;
/** Added per exclamation mark, up to 4, in the direction of the sentence (VADER). */
export const EXCLAMATION_INCREMENT = 0.292;

/** The exclamation increment of a sentence whose hits sum to `sum` and that ends with `count` marks (at most 4 count). */
function exclamationIncrement(sum: number, count: number): number {
  return Math.sign(sum) * EXCLAMATION_INCREMENT * Math.min(count, 4);
}

/** Weights of the clauses before and after a contrast (VADER's "but" rule; Polanyi and Zaenen 2006). */
export const BEFORE_CONTRAST = 0.5;
export const AFTER_CONTRAST = 1.5;
/** Weight of a concessive clause ("although ..."). */
export const CONCESSIVE_WEIGHT = 0.5;
/** Weight of a negative term after a shifter ("avoid damage"), with its sign flipped. */
export const SHIFT_WEIGHT = 0.5;

// Module-local copies of imported bindings read in the per-token loop: when the modules are transpiled to CommonJS
// (tsx, esbuild), every read of an imported binding is a getter call on the module object; a local const is not.
const R_NEGATOR = roles.R_NEGATOR;
const R_CONTRAST = roles.R_CONTRAST;
const R_CONCESSIVE = roles.R_CONCESSIVE;
const R_CONDITIONAL = roles.R_CONDITIONAL;
const R_IRREALIS = roles.R_IRREALIS;
const R_MODAL = roles.R_MODAL;
const R_SHIFTER = roles.R_SHIFTER;
const R_MODIFIER = roles.R_MODIFIER;
const R_QUANTITY = roles.R_QUANTITY;
const R_FAR = roles.R_FAR;
const matchPhrase = importedMatchPhrase;
const lookupTable = importedLookupTable;

const NO_RULES: readonly SentimentRule[] = Object.freeze([]);
// Shared empty placeholders of the modifier ring and of the exclamation lists until their first entry: never written
// (pushModifier and closeSentence put fresh arrays in their place first).
const EMPTY_NUMBERS: number[] = [];
const EMPTY_TEXTS: string[] = [];
// Maps, not object lookups, so that words such as "constructor" never find Object.prototype members.
const MODIFIER_MAP: ReadonlyMap<string, number> = new Map(Object.entries(MODIFIERS));
const DURATION_CATEGORIES: ReadonlySet<DomainCategory> = new Set([
  'delay',
  'waiting',
  'no-response',
  'repeat-contact',
  'refund',
]);
/** Previous words after which "like" is the verb, not the preposition ("I like", "don't like"). */
const LIKE_VERB_CONTEXT: ReadonlySet<string> = new Set([
  'i', 'we', 'you', 'they', 'he', 'she', 'do', 'does', 'did', 'not', 'really', 'also', 'just', 'definitely',
  'actually', 'still', 'always', 'totally', 'absolutely', 'kinda', 'quite', 'genuinely', 'truly', 'honestly',
  'who', 'people', 'kids', 'everyone', 'everybody', 'will', 'may', 'might', 'all', 'personally', 'both',
]);
/** Previous words after which "well" is not praise ("as well", "oh well"). */
const WELL_NOT_PRAISE: ReadonlySet<string> = new Set(['as', 'oh', 'very', 'well', 'so', 'ah', 'ok', 'okay', 'and']);
/** Words that "too" does not turn into an excess complaint ("me too", "too the", ...). */
const FUNCTION_WORDS: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'to', 'and', 'but', 'or', 'is', 'was', 'are', 'were', 'be', 'been', 'i', 'it', 'we', 'you',
  'they', 'he', 'she', 'this', 'that', 'so', 'as', 'at', 'in', 'on', 'for', 'of', 'with', 'my', 'our', 'your',
  'his', 'her', 'their', 'its', 'me', 'us', 'them', 'have', 'has', 'had', 'do', 'did', 'not', 'if', 'when', 'then',
  'will', 'would', 'can', 'could', 'which', 'who', 'what', 'there', 'here', 'all', 'just', 'by', 'from', 'lol',
]);
const RATING_SLASH = /^(\d+(?:\.\d+)?)\/(\d+)$/;
const COMPACT_DURATION = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/;

interface Hit {
  text: string;
  start: number;
  end: number;
  base: number;
  weight: number;
  source: EvidenceSource;
  rules: SentimentRule[] | readonly SentimentRule[];
  modifiers: string[] | undefined;
  category: DomainCategory | undefined;
  sentence: number;
}

function addRule(hit: Hit, rule: SentimentRule): void {
  if (hit.rules === NO_RULES) hit.rules = [rule];
  else (hit.rules as SentimentRule[]).push(rule);
}

function addModifier(hit: Hit, text: string): void {
  if (hit.modifiers === undefined) hit.modifiers = [text];
  else hit.modifiers.push(text);
}

/** `sum / sqrt(sum^2 + 15)`: maps an unbounded sum into (-1, 1) (Hutto and Gilbert 2014). */
export function normalizeSum(sum: number): number {
  if (sum === 0 || !Number.isFinite(sum)) return sum === Infinity ? 1 : sum === -Infinity ? -1 : 0;
  const score = sum / Math.sqrt(sum * sum + ALPHA);
  return score > 1 ? 1 : score < -1 ? -1 : score;
}

/** The label of a score for a neutral band half-width. */
export function labelOf(score: number, band: number): SentimentLabel {
  return score >= band && score > 0 ? 'positive' : score <= -band && score < 0 ? 'negative' : 'neutral';
}

function isSentenceEnd(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 || c === 33 || c === 63 || c === 8230) return true; // . ! ? …
  }
  return false;
}

function isClauseBreak(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // , ; : ( ) — – and the sentence ends
    if (c === 44 || c === 59 || c === 58 || c === 40 || c === 41 || c === 8212 || c === 8211) return true;
  }
  return isSentenceEnd(text);
}

function countChar(text: string, code: number): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === code) n++;
  return n;
}

function hasNewline(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) return true;
  return false;
}

function emojiKey(text: string): string {
  // Drop variation selectors and skin tones so that "❤️" finds "❤".
  return text.replace(/[\uFE0E\uFE0F]|\uD83C[\uDFFB-\uDFFF]/g, '');
}

/** Whether the word last hashed by `hashWord` has a hyphen. */
let hashedHyphen = false;

/**
 * `wordHash(word)` (compile.ts: the same formula), noting in `hashedHyphen` whether the word has a hyphen: the
 * scorer needs both for every word (the hyphen for words no lexicon knows, "hassle-free" looked up as
 * "hasslefree"), and one pass reads the characters once. @internal (exported for a test of the formula)
 */
export function hashWord(word: string): number {
  let h = word.length;
  let hyphen = false;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    h = Math.imul(h, 31) + c;
    if (c === 45) hyphen = true;
  }
  hashedHyphen = hyphen;
  return h ^ (h >>> 15);
}

function isDigitStart(text: string): boolean {
  const c = text.charCodeAt(0);
  return c >= 48 && c <= 57;
}

/** The hours of a duration unit, from the table (every unit of DURATION_UNITS is a key of it, with its hours). */
function unitHoursOf(lexicon: CompiledLexicon, norm: string): number | undefined {
  return lookupTable(lexicon, norm, hashWord(norm))?.unitHours;
}

/**
 * Hours of a duration starting at token i ("2 hours", "two weeks", "an hour", "2hrs", "for days"), else 0. `info` is
 * the table's entry of the token's norm, `lexicon` the table.
 */
function durationAt(tokens: readonly Token[], i: number, info: WordInfo | undefined, lexicon: CompiledLexicon): number {
  const token = tokens[i] as Token;
  const norm = token.norm;
  const numberWord = token.kind === 'word' ? info?.numberValue : undefined;
  if (isDigitStart(norm) && norm.length > 1) {
    // "2hrs", "3h", "45min"
    const compact = COMPACT_DURATION.exec(norm);
    const unit = compact === null ? undefined : unitHoursOf(lexicon, compact[2] as string);
    if (compact !== null && unit !== undefined) return Number.parseFloat(compact[1] as string) * unit;
  }
  if (token.kind === 'number' || numberWord !== undefined) {
    let count = numberWord ?? Number.parseFloat(norm.replace(/,/g, ''));
    let j = i + 1;
    let unitToken = tokens[j];
    // "a couple of days", "a few hours"
    if (unitToken !== undefined && (unitToken.norm === 'couple' || unitToken.norm === 'few')) {
      count = unitToken.norm === 'couple' ? 2 : 3;
      unitToken = tokens[++j];
      if (unitToken?.norm === 'of') unitToken = tokens[++j];
    }
    // "2+ hours", "two more days", "two full weeks"
    if (unitToken !== undefined && (unitToken.norm === '+' || unitToken.norm === 'more' || unitToken.norm === 'full')) {
      unitToken = tokens[++j];
    }
    const unit = unitToken === undefined ? undefined : unitHoursOf(lexicon, unitToken.norm);
    return unit !== undefined && Number.isFinite(count) ? count * unit : 0;
  }
  if (token.kind === 'word') {
    // "for hours", "for days": a plural unit after "for" counts as three of them
    const unit = info?.unitHours;
    if (unit !== undefined && unit >= 1 && norm.endsWith('s') && tokens[i - 1]?.norm === 'for') return 3 * unit;
  }
  return 0;
}

/** Amplification of a waiting or delay complaint by its duration: `1 + log10(1 + hours) / 2`, at most 2. */
export function durationFactor(hours: number): number {
  if (!(hours > 0)) return 1;
  return Math.min(2, 1 + Math.log10(1 + hours) / 2);
}

/**
 * A stated rating at token i ("4/5", "9 out of 10", "5 stars"): its valence and end index, or undefined. `info` is
 * the table's entry of the token's norm.
 */
function ratingAt(tokens: readonly Token[], i: number, info: WordInfo | undefined): { valence: number; end: number } | undefined {
  const token = tokens[i] as Token;
  let value: number;
  let scale: number;
  let end: number;
  // The pattern starts with a digit: number words ("a", "two") need no regular expression.
  const slash = (token.kind === 'number' || token.kind === 'word') && isDigitStart(token.norm) ? RATING_SLASH.exec(token.norm) : null;
  if (slash !== null) {
    value = Number(slash[1]);
    scale = Number(slash[2]);
    end = i + 1;
  } else {
    const numberWord = token.kind === 'word' ? info?.numberValue : undefined;
    if (token.kind !== 'number' && (numberWord === undefined || token.norm === 'a' || token.norm === 'an')) {
      return undefined;
    }
    value = numberWord ?? Number(token.norm);
    const next = tokens[i + 1];
    if (next === undefined) return undefined;
    if (next.norm === '/' && tokens[i + 2]?.kind === 'number') {
      scale = Number((tokens[i + 2] as Token).norm);
      end = i + 3;
    } else if (next.norm === 'out' && tokens[i + 2]?.norm === 'of' && tokens[i + 3]?.kind === 'number') {
      scale = Number((tokens[i + 3] as Token).norm);
      end = i + 4;
    } else if (next.norm === 'stars' || next.norm === 'star') {
      scale = 5;
      end = i + 2;
    } else {
      return undefined;
    }
  }
  if (!(scale === 5 || scale === 10 || scale === 100) || !(value >= 0) || value > scale) return undefined;
  // Centre of the scale is neutral; the ends are +-4 on the AFINN scale.
  const valence = Math.max(-4, Math.min(4, (value / scale - 0.5) * 8));
  return valence === 0 ? undefined : { valence, end };
}

function lookupPhrase(
  tokens: readonly Token[],
  i: number,
  norm: string,
  layers: readonly CompiledLexicon[],
): { entry: LexiconEntry; end: number } | undefined {
  let best: { entry: LexiconEntry; end: number } | undefined;
  for (const layer of layers) {
    const candidates = layer.phrases.get(norm);
    if (candidates === undefined) continue;
    for (const pattern of candidates) {
      if (best !== undefined && i + pattern.words.length <= best.end) break; // longest first: nothing longer left
      const end = matchPhrase(tokens, i, pattern);
      if (end > 0) {
        best = { entry: pattern.entry, end };
        break;
      }
    }
  }
  return best;
}

function lookupWord(norm: string, layers: readonly CompiledLexicon[]): LexiconEntry | undefined {
  for (const layer of layers) {
    const entry = layer.words.get(norm);
    if (entry !== undefined) return entry;
  }
  return undefined;
}

/**
 * The rule layer over tokens. Internal: `scoreSentiment` validates and tokenizes, then calls this.
 * Cost: O(n) for n tokens (phrase candidates per first word and look-behind windows are bounded constants).
 */
export function scoreTokens(
  text: string,
  tokens: readonly Token[],
  layers: readonly CompiledLexicon[],
  neutralBand: number,
): SentimentResult {
  const scan = new RuleScan(text, tokens, layers);
  scan.run();
  return finish(scan, neutralBand);
}

/** The totals of a scored text, without its evidence. */
export interface SentimentSummary {
  readonly score: number;
  readonly label: SentimentLabel;
  readonly positive: number;
  readonly negative: number;
}

/**
 * `scoreTokens` without the evidence and sentence objects: its `score`, `label`, `positive` and `negative`, from the
 * same sums taken in the same order (so the same numbers, to the last bit). Internal: the classifier's lexicon
 * features. Cost: O(n) for n tokens.
 */
export function summarizeTokens(
  text: string,
  tokens: readonly Token[],
  layers: readonly CompiledLexicon[],
  neutralBand: number,
): SentimentSummary {
  const scan = new RuleScan(text, tokens, layers);
  scan.run();
  const hits = scan.hits;
  let positive = 0;
  let negative = 0;
  let total = 0;
  const exclaimSentences = scan.exclaimSentences;
  if (exclaimSentences.length === 0) {
    // No exclamation increments: the hits alone, in order.
    for (const hit of hits) {
      const weight = hit.weight;
      if (weight > 0) positive += weight;
      else negative -= weight;
      total += weight;
    }
  } else {
    // Summed in the order of `finish`'s evidence: each sentence's hits, then its exclamation increment.
    const sentenceCount = scan.sentenceBounds.length / 2;
    let h = 0;
    let e = 0;
    for (let k = 0; k < sentenceCount; k++) {
      let sum = 0;
      for (; h < hits.length && (hits[h] as Hit).sentence === k; h++) {
        const weight = (hits[h] as Hit).weight;
        sum = sum + weight;
        if (weight > 0) positive += weight;
        else negative -= weight;
        total += weight;
      }
      if (e < exclaimSentences.length && exclaimSentences[e] === k) {
        const count = scan.exclaimCounts[e] as number;
        e++;
        if (sum !== 0) {
          const add = exclamationIncrement(sum, count);
          if (add > 0) positive += add;
          else negative -= add;
          total += add;
        }
      }
    }
    for (; h < hits.length; h++) {
      const weight = (hits[h] as Hit).weight;
      if (weight > 0) positive += weight;
      else negative -= weight;
      total += weight;
    }
  }
  const score = normalizeSum(total);
  return { score, label: labelOf(score, neutralBand), positive, negative: negative === 0 ? 0 : negative };
}

/** One left-to-right pass with the clause and sentence state the rules need (a class: no closures per call). */
class RuleScan {
  readonly hits: Hit[] = [];
  readonly sentenceBounds: number[] = [];
  /**
   * The sentences that end with exclamation marks, in order (most texts have none: the arrays are allocated on the
   * first), with their count of marks and the marks.
   */
  exclaimSentences: number[] = EMPTY_NUMBERS;
  exclaimCounts: number[] = EMPTY_NUMBERS;
  exclaimTexts: string[] = EMPTY_TEXTS;
  /** The caller's layer, when there is one (consulted first). */
  private readonly user: CompiledLexicon | undefined;
  /** The default layer's word table. */
  private readonly table: ReadonlyMap<string, WordInfo>;
  private readonly base: CompiledLexicon;
  /**
   * `wordHash` of the norm of token `nextHashAt`, and whether it has a hyphen, computed by the phrase check of the
   * token before it.
   */
  private nextHash = 0;
  private nextHyphen = false;
  private nextHashAt = -1;
  /** Whether the text has a line break at all (most have none: the per-token line-break checks are skipped). */
  private readonly hasLineBreak: boolean;
  private sentence = 0;
  private sentenceStart: number;
  private sentenceHitStart = 0;
  private previousSentenceHitStart = 0;
  private sentenceFirstWord = 0;
  private clauseFirstWord = 0;
  private wordIndex = 0;
  private afterContrast = false;
  private contrastAt = -1;
  private concessive = false;
  private conditional = false;
  private irrealis = false;
  private negationAt = -Infinity;
  private negatorText = '';
  private previousNegated = false;
  private shifterAt = -Infinity;
  private shifterText = '';
  private shifterHit = -1;
  private excessAt = -1;
  private exclamations = 0;
  private question = false;
  private maxDuration = 0;
  private exclaimText = '';
  // The last three modifiers (a ring by count): word index, change, text.
  private modifierCount = 0;
  // Allocated on the first modifier (most texts have none).
  private modifierWord: number[] = EMPTY_NUMBERS;
  private modifierChange: number[] = EMPTY_NUMBERS;
  private modifierText: string[] = EMPTY_TEXTS;
  private previousEnd: number;
  private previousNorm = '';

  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
    private readonly layers: readonly CompiledLexicon[],
  ) {
    this.sentenceStart = tokens.length > 0 ? (tokens[0] as Token).start : 0;
    this.previousEnd = this.sentenceStart;
    this.user = layers.length > 1 ? layers[0] : undefined;
    this.table = (layers[layers.length - 1] as CompiledLexicon).table;
    this.base = layers[layers.length - 1] as CompiledLexicon;
    this.hasLineBreak = text.indexOf('\n') >= 0;
  }

  private lookup(norm: string): LexiconEntry | undefined {
    if (this.user === undefined) return this.table.get(norm)?.entry;
    return this.user.words.get(norm) ?? this.table.get(norm)?.entry;
  }

  private resetClause(): void {
    this.concessive = false;
    this.conditional = false;
    this.irrealis = false;
    this.negationAt = -Infinity;
    this.negatorText = '';
    this.shifterAt = -Infinity;
    this.excessAt = -1;
    this.modifierCount = 0;
    this.clauseFirstWord = this.wordIndex;
  }

  private pushModifier(word: number, change: number, modifierText: string): void {
    if (this.modifierWord === EMPTY_NUMBERS) {
      this.modifierWord = [0, 0, 0];
      this.modifierChange = [0, 0, 0];
      this.modifierText = ['', '', ''];
    }
    if (this.modifierCount === 3) {
      this.modifierWord[0] = this.modifierWord[1] as number;
      this.modifierChange[0] = this.modifierChange[1] as number;
      this.modifierText[0] = this.modifierText[1] as string;
      this.modifierWord[1] = this.modifierWord[2] as number;
      this.modifierChange[1] = this.modifierChange[2] as number;
      this.modifierText[1] = this.modifierText[2] as string;
      this.modifierCount = 2;
    }
    this.modifierWord[this.modifierCount] = word;
    this.modifierChange[this.modifierCount] = change;
    this.modifierText[this.modifierCount] = modifierText;
    this.modifierCount++;
  }

  private closeSentence(end: number): void {
    this.sentenceBounds.push(this.sentenceStart, end);
    if (this.exclamations > 0) {
      if (this.exclaimSentences === EMPTY_NUMBERS) {
        this.exclaimSentences = [];
        this.exclaimCounts = [];
        this.exclaimTexts = [];
      }
      this.exclaimSentences.push(this.sentence);
      this.exclaimCounts.push(this.exclamations);
      this.exclaimTexts.push(this.exclaimText);
    }
    // Questions and durations concern the whole sentence, so they apply when it closes.
    const hits = this.hits;
    for (let h = this.sentenceHitStart; h < hits.length; h++) {
      const hit = hits[h] as Hit;
      if (
        this.question &&
        hit.weight > 0 &&
        (hit.source === 'afinn' || hit.source === 'afinn-phrase' || hit.source === 'general')
      ) {
        hit.weight = 0;
        addRule(hit, 'irrealis');
      }
      if (this.maxDuration > 0 && hit.category !== undefined && DURATION_CATEGORIES.has(hit.category) && hit.weight < 0) {
        hit.weight *= durationFactor(this.maxDuration);
        addRule(hit, 'duration');
      }
    }
    this.previousSentenceHitStart = this.sentenceHitStart;
    this.sentenceHitStart = hits.length;
    this.sentence++;
    this.afterContrast = false;
    this.contrastAt = -1;
    this.exclamations = 0;
    this.question = false;
    this.maxDuration = 0;
    this.exclaimText = '';
    this.sentenceFirstWord = this.wordIndex;
    this.resetClause();
  }

  private makeHit(entry: LexiconEntry, hitText: string, start: number, end: number, source: EvidenceSource): Hit {
    return {
      text: hitText,
      start,
      end,
      base: entry.valence,
      weight: entry.valence,
      source,
      rules: NO_RULES,
      modifiers: undefined,
      category: entry.category,
      sentence: this.sentence,
    };
  }

  /** Applies the word-level rules to a new hit at the current word index and records it. */
  private pushHit(entry: LexiconEntry, hitText: string, start: number, end: number, token: Token, negatable: boolean): Hit {
    const hit = this.makeHit(entry, hitText, start, end, entry.source);
    const wordIndex = this.wordIndex;
    // Intensifiers apply before negation ("not very good" is "not (very good)", SO-CAL).
    if (this.modifierCount > 0) this.applyModifiers(hit);
    if (this.excessAt === wordIndex && hit.weight > 0 && hit.weight <= 2.5 && entry.source !== 'domain') {
      hit.weight = -hit.weight;
      addRule(hit, 'excess');
    }
    if (negatable && wordIndex - this.negationAt <= NEGATION_WINDOW) {
      hit.weight = hit.weight > 0 ? -hit.weight * NEGATE_POSITIVE : -hit.weight * NEGATE_NEGATIVE;
      addRule(hit, 'negated');
      if (this.negatorText !== '') addModifier(hit, this.negatorText);
    }
    if (hit.weight < 0 && wordIndex - this.shifterAt <= 3) {
      hit.weight = -hit.weight * SHIFT_WEIGHT;
      addRule(hit, 'shifted');
      addModifier(hit, this.shifterText);
      const shifter = this.shifterHit >= 0 ? this.hits[this.shifterHit] : undefined;
      if (shifter !== undefined && shifter.weight !== 0) {
        shifter.weight = 0;
        addRule(shifter, 'shifted');
      }
    }
    if (token.shouted === true) {
      hit.weight += Math.sign(hit.weight) * CAPS_INCREMENT;
      addRule(hit, 'capitals');
    }
    if (token.elongated === true) {
      hit.weight += Math.sign(hit.weight) * ELONGATION_INCREMENT;
      addRule(hit, 'elongated');
    }
    if (this.afterContrast) {
      hit.weight *= AFTER_CONTRAST;
      addRule(hit, 'after-contrast');
    }
    if (this.concessive) {
      hit.weight *= CONCESSIVE_WEIGHT;
      addRule(hit, 'concessive');
    }
    const general = entry.source === 'afinn' || entry.source === 'afinn-phrase' || entry.source === 'general';
    if (general && (this.conditional || (this.irrealis && hit.weight > 0))) {
      hit.weight = 0;
      addRule(hit, 'irrealis');
    }
    this.hits.push(hit);
    return hit;
  }

  private applyModifiers(hit: Hit): void {
    let total = 0;
    let used: string[] | undefined;
    for (let m = 0; m < this.modifierCount; m++) {
      const distance = this.wordIndex - (this.modifierWord[m] as number);
      if (distance < 1 || distance > 3) continue;
      // Farther modifiers count less (VADER: 1, 0.95, 0.9 at distance 1, 2, 3).
      total += (this.modifierChange[m] as number) * (distance === 1 ? 1 : distance === 2 ? 0.95 : 0.9);
      (used ??= []).push(this.modifierText[m] as string);
    }
    if (total === 0 || used === undefined) return;
    hit.weight *= Math.max(0, 1 + total);
    addRule(hit, total > 0 ? 'intensified' : 'diminished');
    for (const u of used) addModifier(hit, u);
  }

  /** Advances past a consumed span of tokens [i, end). */
  private consume(i: number, end: number): number {
    const last = this.tokens[end - 1] as Token;
    this.wordIndex += end - i;
    this.previousEnd = last.end;
    this.previousNegated = last.negated;
    this.previousNorm = last.norm;
    return end - 1;
  }

  run(): void {
    const { text, tokens } = this;
    const n = tokens.length;
    for (let i = 0; i < n; i++) {
      const token = tokens[i] as Token;
      if (!this.hasLineBreak || i === 0) {
        // No line break before this token.
      } else if (token.start > this.sentenceStart && token.start > this.previousEnd + 1 && hasNewline(text, this.previousEnd, token.start)) {
        // A line break ends a sentence (lists, tweets, survey answers).
        this.closeSentence(this.previousEnd);
        this.sentenceStart = token.start;
      } else if (token.start === this.previousEnd + 1 && text.charCodeAt(this.previousEnd) === 10 && token.start > this.sentenceStart) {
        this.closeSentence(this.previousEnd);
        this.sentenceStart = token.start;
      }
      this.previousEnd = token.end;
      const kind = token.kind;

      if (kind === 'punct') {
        const t = token.text;
        if (isClauseBreak(t)) this.resetClause();
        if (isSentenceEnd(t)) {
          const bangs = countChar(t, 33);
          this.exclamations += bangs;
          if (bangs > 0) this.exclaimText += t;
          if (countChar(t, 63) > 0) this.question = true;
          // Consecutive end marks ("!!", "?!") stay in one sentence.
          const next = tokens[i + 1];
          if (next === undefined || next.kind !== 'punct' || !isSentenceEnd(next.text)) {
            this.closeSentence(token.end);
            this.sentenceStart = next === undefined ? token.end : next.start;
          }
        }
        this.previousNorm = t;
        continue;
      }

      if (kind === 'emoji' || kind === 'emoticon') {
        const entry =
          this.lookup(kind === 'emoji' ? emojiKey(token.text) : token.text) ?? this.lookup(token.norm);
        if (entry !== undefined && entry.valence !== 0) {
          this.hits.push(this.makeHit(entry, token.text, token.start, token.end, entry.source === 'user' ? 'user' : kind));
        }
        this.previousNorm = token.norm;
        continue;
      }

      if (kind !== 'word' && kind !== 'hashtag' && kind !== 'number') {
        this.previousNorm = token.norm;
        continue;
      }

      // Negation scope from the tokenizer: a run of negated tokens starts just after its negator.
      if (token.negated && !this.previousNegated && this.negationAt < this.wordIndex - 1) {
        this.negationAt = Math.max(this.negationAt, this.wordIndex - 1, this.clauseFirstWord);
        if (this.negatorText === '') this.negatorText = tokens[i - 1]?.text ?? '';
      }
      this.previousNegated = token.negated;

      const norm = kind === 'hashtag' && token.norm.charCodeAt(0) === 35 ? token.norm.slice(1) : token.norm;

      // The hash of this token's norm may be known from the phrase check of the previous token.
      let hash: number;
      let hyphen: boolean;
      if (i === this.nextHashAt && norm === token.norm) {
        hash = this.nextHash;
        hyphen = this.nextHyphen;
      } else {
        hash = hashWord(norm);
        hyphen = hashedHyphen;
      }
      const info = lookupTable(this.base, norm, hash);
      const role = info === undefined ? 0 : info.role;
      if (kind === 'number' || (role & R_QUANTITY) !== 0) {
        const hours = durationAt(tokens, i, info, this.base);
        if (hours > this.maxDuration) this.maxDuration = hours;
        const rating = ratingAt(tokens, i, info);
        if (rating !== undefined) {
          const last = tokens[rating.end - 1] as Token;
          const entry = lexiconEntry(rating.valence, 'rating');
          this.hits.push(this.makeHit(entry, text.slice(token.start, last.end), token.start, last.end, 'rating'));
          i = this.consume(i, rating.end);
          continue;
        }
      }

      // Phrases first (longest match), so that idioms with negators and domain phrases win over single words.
      let phrase: { entry: LexiconEntry; end: number } | undefined;
      if (kind === 'word') {
        if (this.user !== undefined) phrase = lookupPhrase(tokens, i, norm, this.layers);
        else if (info !== undefined && info.phrasesBySecond !== undefined && i + 1 < n) {
          // One layer: the first (longest) matching pattern, as lookupPhrase would find it, among the patterns
          // that the next word can continue (a phrase has at least two words).
          const second = (tokens[i + 1] as Token).norm;
          const secondHash = hashWord(second);
          this.nextHash = secondHash;
          this.nextHyphen = hashedHyphen;
          this.nextHashAt = i + 1;
          const candidates =
            (((info.secondWords >>> (secondHash & 31)) & 1) === 1 ? info.phrasesBySecond.get(secondHash) : undefined) ??
            (info.phrasesAnySecond as readonly PhrasePattern[]);
          for (let c = 0; c < candidates.length; c++) {
            const pattern = candidates[c] as PhrasePattern;
            const end = matchPhrase(tokens, i, pattern);
            if (end > 0) {
              phrase = { entry: pattern.entry, end };
              break;
            }
          }
        }
      }
      if (phrase !== undefined) {
        const entry = phrase.entry;
        const last = tokens[phrase.end - 1] as Token;
        if (entry.modifier === true) {
          this.pushModifier(this.wordIndex + phrase.end - i - 1, entry.valence, text.slice(token.start, last.end));
        } else {
          if (entry.valence !== 0) {
            this.pushHit(entry, text.slice(token.start, last.end), token.start, last.end, token, entry.ownNegation !== true);
          }
          // A phrase with its own negator ("no problem", "not only") consumes that negation.
          if (entry.ownNegation === true) {
            this.negationAt = -Infinity;
            this.negatorText = '';
          }
        }
        i = this.consume(i, phrase.end);
        continue;
      }

      const next = tokens[i + 1];
      if (role === 0 || role === R_QUANTITY) {
        this.scoreWord(token, norm, next, i, info, hyphen);
      } else if ((role & R_NEGATOR) !== 0 || ((role & R_FAR) !== 0 && next?.norm === 'from')) {
        this.negationAt = this.wordIndex;
        this.negatorText = norm === 'far' ? 'far from' : token.text;
      } else if ((role & R_CONTRAST) !== 0 && next?.norm !== 'also') {
        // The clause before the contrast weighs less; what follows weighs more. A sentence-initial "But" or
        // "However" contrasts with the previous sentence.
        const from =
          this.wordIndex === this.sentenceFirstWord
            ? this.previousSentenceHitStart
            : Math.max(this.sentenceHitStart, this.contrastAt);
        for (let h = from; h < this.hits.length; h++) {
          const hit = this.hits[h] as Hit;
          hit.weight *= BEFORE_CONTRAST;
          addRule(hit, 'before-contrast');
        }
        this.contrastAt = this.hits.length;
        this.afterContrast = true;
        this.wordIndex++;
        this.resetClause();
        this.previousNorm = norm;
        continue;
      } else if ((role & R_CONCESSIVE) !== 0) {
        this.concessive = true;
      } else if ((role & R_CONDITIONAL) !== 0) {
        this.conditional = true;
      } else if (
        (role & R_IRREALIS) !== 0 ||
        ((role & R_MODAL) !== 0 && (next?.norm === 'have' || next?.norm === "'ve" || next?.norm === 'be'))
      ) {
        this.irrealis = true;
      } else if ((role & R_SHIFTER) !== 0) {
        // The shifter keeps its own valence ("a place to avoid") unless it shifts a negative term after it.
        this.shifterHit = -1;
        const entry = this.user === undefined ? info?.entry : this.lookup(norm);
        if (entry !== undefined && entry.valence !== 0) {
          this.pushHit(entry, token.text, token.start, token.end, token, true);
          this.shifterHit = this.hits.length - 1;
        }
        this.shifterAt = this.wordIndex;
        this.shifterText = token.text;
      } else if ((role & R_MODIFIER) !== 0 && next !== undefined && (next.kind === 'word' || next.kind === 'hashtag')) {
        this.pushModifier(this.wordIndex, MODIFIER_MAP.get(norm) as number, token.text);
        if (norm === 'too') this.excessAt = this.wordIndex + 1;
      } else {
        this.scoreWord(token, norm, next, i, info, hyphen);
      }
      this.wordIndex++;
      this.previousNorm = norm;
    }
    if (n > 0 && this.sentenceStart < this.previousEnd) this.closeSentence(this.previousEnd);
  }

  private scoreWord(token: Token, norm: string, next: Token | undefined, i: number, info: WordInfo | undefined, hyphen: boolean): void {
    let entry = this.user === undefined ? info?.entry : this.lookup(norm);
    if (entry === undefined && hyphen) entry = this.lookup(norm.replace(/-/g, ''));
    if (entry !== undefined) {
      if (norm === 'like' && !LIKE_VERB_CONTEXT.has(this.previousNorm)) entry = undefined;
    } else if (
      norm === 'well' &&
      this.wordIndex > this.clauseFirstWord &&
      !WELL_NOT_PRAISE.has(this.previousNorm) &&
      next?.kind !== 'punct'
    ) {
      entry = WELL;
    }
    if (entry !== undefined && entry.valence !== 0 && entry.modifier !== true) {
      this.pushHit(entry, token.text, token.start, token.end, token, true);
    } else if (
      entry === undefined &&
      this.excessAt === this.wordIndex &&
      token.kind === 'word' &&
      !FUNCTION_WORDS.has(norm) &&
      norm.length > 2
    ) {
      // "too salty", "too small": excess of a quality the lexicon does not score.
      const previous = this.tokens[i - 1] as Token;
      const hit = this.pushHit(EXCESS, this.text.slice(previous.start, token.end), previous.start, token.end, token, true);
      addRule(hit, 'excess');
    }
  }
}

const WELL: LexiconEntry = lexiconEntry(2, 'general');
const EXCESS: LexiconEntry = lexiconEntry(-1, 'general');

/**
 * The evidence of a hit with modifiers or a domain category: the keys of the plain item in the same order, then
 * `modifiers`, then `category`, written as literals rather than spreads of temporary objects.
 */
function withExtras(hit: Hit): SentimentEvidence {
  const modifiers = hit.modifiers;
  const category = hit.category;
  if (category === undefined) {
    return {
      text: hit.text,
      start: hit.start,
      end: hit.end,
      base: hit.base,
      weight: hit.weight,
      source: hit.source,
      rules: hit.rules,
      sentence: hit.sentence,
      modifiers: modifiers as string[],
    };
  }
  if (modifiers === undefined) {
    return {
      text: hit.text,
      start: hit.start,
      end: hit.end,
      base: hit.base,
      weight: hit.weight,
      source: hit.source,
      rules: hit.rules,
      sentence: hit.sentence,
      category,
    };
  }
  return {
    text: hit.text,
    start: hit.start,
    end: hit.end,
    base: hit.base,
    weight: hit.weight,
    source: hit.source,
    rules: hit.rules,
    sentence: hit.sentence,
    modifiers,
    category,
  };
}

/** The evidence item of a hit: the plain item, or with its modifiers and category (`withExtras`). */
function evidenceOf(hit: Hit): SentimentEvidence {
  return hit.modifiers === undefined && hit.category === undefined
    ? {
        text: hit.text,
        start: hit.start,
        end: hit.end,
        base: hit.base,
        weight: hit.weight,
        source: hit.source,
        rules: hit.rules,
        sentence: hit.sentence,
      }
    : withExtras(hit);
}

/**
 * The result of a scan in one pass over its sentences: each sentence's hits (in order; a sentence's hits are
 * contiguous, its index never decreases), then its exclamation increment when it has marks and a non-zero sum;
 * positive, negative and total summed in that evidence order.
 */
function finish(scan: RuleScan, neutralBand: number): SentimentResult {
  const hits = scan.hits;
  const bounds = scan.sentenceBounds;
  const exclaimSentences = scan.exclaimSentences;
  const sentenceCount = bounds.length / 2;
  const evidence: SentimentEvidence[] = [];
  const sentences: SentenceSentiment[] = [];
  let positive = 0;
  let negative = 0;
  let total = 0;
  let h = 0;
  let e = 0;
  for (let k = 0; k < sentenceCount; k++) {
    let sum = 0;
    for (; h < hits.length && (hits[h] as Hit).sentence === k; h++) {
      const hit = hits[h] as Hit;
      const weight = hit.weight;
      sum = sum + weight;
      evidence.push(evidenceOf(hit));
      if (weight > 0) positive += weight;
      else negative -= weight;
      total += weight;
    }
    const end = bounds[2 * k + 1] as number;
    if (e < exclaimSentences.length && exclaimSentences[e] === k) {
      const count = scan.exclaimCounts[e] as number;
      const endText = scan.exclaimTexts[e] || '!';
      e++;
      if (sum !== 0) {
        const add = exclamationIncrement(sum, count);
        sum = sum + add;
        evidence.push({
          text: endText,
          start: end - endText.length,
          end,
          base: 0,
          weight: add,
          source: 'punctuation',
          rules: ['exclamation'],
          sentence: k,
        });
        if (add > 0) positive += add;
        else negative -= add;
        total += add;
      }
    }
    const score = normalizeSum(sum);
    sentences.push({ start: bounds[2 * k] as number, end, score, label: labelOf(score, neutralBand) });
  }
  // Hits after the last closed sentence (none in practice: the scan closes the last sentence).
  for (; h < hits.length; h++) {
    const hit = hits[h] as Hit;
    const weight = hit.weight;
    evidence.push(evidenceOf(hit));
    if (weight > 0) positive += weight;
    else negative -= weight;
    total += weight;
  }
  const score = normalizeSum(total);
  return { score, label: labelOf(score, neutralBand), positive, negative: negative === 0 ? 0 : negative, evidence, sentences };
}
