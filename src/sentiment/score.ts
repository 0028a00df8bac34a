import type { Token } from '../text/types';
import { matchPhrase, type CompiledLexicon, type LexiconEntry } from './compile';
import {
  CONCESSIVES,
  CONDITIONALS,
  CONTRASTS,
  DURATION_UNITS,
  IRREALIS_MARKERS,
  MODIFIERS,
  NEGATORS,
  NUMBER_WORDS,
  SHIFTERS,
} from './lexicon';
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
/** Weights of the clauses before and after a contrast (VADER's "but" rule; Polanyi and Zaenen 2006). */
export const BEFORE_CONTRAST = 0.5;
export const AFTER_CONTRAST = 1.5;
/** Weight of a concessive clause ("although ..."). */
export const CONCESSIVE_WEIGHT = 0.5;
/** Weight of a negative term after a shifter ("avoid damage"), with its sign flipped. */
export const SHIFT_WEIGHT = 0.5;

const NO_RULES: readonly SentimentRule[] = Object.freeze([]);
// Maps, not object lookups, so that words such as "constructor" never find Object.prototype members.
const MODIFIER_MAP: ReadonlyMap<string, number> = new Map(Object.entries(MODIFIERS));
const UNIT_HOURS: ReadonlyMap<string, number> = new Map(Object.entries(DURATION_UNITS));
const NUMBER_WORD_MAP: ReadonlyMap<string, number> = new Map(Object.entries(NUMBER_WORDS));
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
const MODALS: ReadonlySet<string> = new Set(['would', 'could', 'should', 'might']);
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

function isDigitStart(text: string): boolean {
  const c = text.charCodeAt(0);
  return c >= 48 && c <= 57;
}

/** Hours of a duration starting at token i ("2 hours", "two weeks", "an hour", "2hrs", "for days"), else 0. */
function durationAt(tokens: readonly Token[], i: number): number {
  const token = tokens[i] as Token;
  const norm = token.norm;
  const numberWord = token.kind === 'word' ? NUMBER_WORD_MAP.get(norm) : undefined;
  if (isDigitStart(norm) && norm.length > 1) {
    // "2hrs", "3h", "45min"
    const compact = COMPACT_DURATION.exec(norm);
    const unit = compact === null ? undefined : UNIT_HOURS.get(compact[2] as string);
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
    const unit = unitToken === undefined ? undefined : UNIT_HOURS.get(unitToken.norm);
    return unit !== undefined && Number.isFinite(count) ? count * unit : 0;
  }
  if (token.kind === 'word') {
    // "for hours", "for days": a plural unit after "for" counts as three of them
    const unit = UNIT_HOURS.get(norm);
    if (unit !== undefined && unit >= 1 && norm.endsWith('s') && tokens[i - 1]?.norm === 'for') return 3 * unit;
  }
  return 0;
}

/** Amplification of a waiting or delay complaint by its duration: `1 + log10(1 + hours) / 2`, at most 2. */
export function durationFactor(hours: number): number {
  if (!(hours > 0)) return 1;
  return Math.min(2, 1 + Math.log10(1 + hours) / 2);
}

/** A stated rating at token i ("4/5", "9 out of 10", "5 stars"): its valence and end index, or undefined. */
function ratingAt(tokens: readonly Token[], i: number): { valence: number; end: number } | undefined {
  const token = tokens[i] as Token;
  let value: number;
  let scale: number;
  let end: number;
  const slash = token.kind === 'number' || token.kind === 'word' ? RATING_SLASH.exec(token.norm) : null;
  if (slash !== null) {
    value = Number(slash[1]);
    scale = Number(slash[2]);
    end = i + 1;
  } else {
    const numberWord = token.kind === 'word' ? NUMBER_WORD_MAP.get(token.norm) : undefined;
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
  const hits: Hit[] = [];
  const sentenceBounds: number[] = [];
  const sentenceExclaim: number[] = [];
  const sentenceEndText: string[] = [];

  const n = tokens.length;
  let sentence = 0;
  let sentenceStart = n > 0 ? (tokens[0] as Token).start : 0;
  let sentenceHitStart = 0;
  let previousSentenceHitStart = 0;
  let sentenceFirstWord = 0;
  let clauseFirstWord = 0;
  let wordIndex = 0;
  // Clause state.
  let afterContrast = false;
  let contrastAt = -1;
  let concessive = false;
  let conditional = false;
  let irrealis = false;
  let negationAt = -Infinity;
  let negatorText = '';
  let previousNegated = false;
  let shifterAt = -Infinity;
  let shifterText = '';
  let excessAt = -1;
  // Sentence state.
  let exclamations = 0;
  let question = false;
  let maxDuration = 0;
  let exclaimText = '';
  // The last three modifiers: word index, change, text.
  const modifierWord: number[] = [];
  const modifierChange: number[] = [];
  const modifierText: string[] = [];
  let previousEnd = sentenceStart;
  let previousNorm = '';

  const resetClause = (): void => {
    concessive = false;
    conditional = false;
    irrealis = false;
    negationAt = -Infinity;
    negatorText = '';
    shifterAt = -Infinity;
    excessAt = -1;
    modifierWord.length = 0;
    modifierChange.length = 0;
    modifierText.length = 0;
    clauseFirstWord = wordIndex;
  };

  const closeSentence = (end: number): void => {
    sentenceBounds.push(sentenceStart, end);
    sentenceExclaim.push(exclamations);
    sentenceEndText.push(exclaimText);
    // Questions and durations concern the whole sentence, so they apply when it closes.
    for (let h = sentenceHitStart; h < hits.length; h++) {
      const hit = hits[h] as Hit;
      if (question && hit.weight > 0 && (hit.source === 'afinn' || hit.source === 'afinn-phrase' || hit.source === 'general')) {
        hit.weight = 0;
        addRule(hit, 'irrealis');
      }
      if (maxDuration > 0 && hit.category !== undefined && DURATION_CATEGORIES.has(hit.category) && hit.weight < 0) {
        hit.weight *= durationFactor(maxDuration);
        addRule(hit, 'duration');
      }
    }
    previousSentenceHitStart = sentenceHitStart;
    sentenceHitStart = hits.length;
    sentence++;
    afterContrast = false;
    contrastAt = -1;
    exclamations = 0;
    question = false;
    maxDuration = 0;
    exclaimText = '';
    sentenceFirstWord = wordIndex;
    resetClause();
  };

  const makeHit = (entry: LexiconEntry, hitText: string, start: number, end: number, source: EvidenceSource): Hit => ({
    text: hitText,
    start,
    end,
    base: entry.valence,
    weight: entry.valence,
    source,
    rules: NO_RULES,
    modifiers: undefined,
    category: entry.category,
    sentence,
  });

  /** Applies the word-level rules to a new hit at the current word index and records it. */
  const pushHit = (entry: LexiconEntry, hitText: string, start: number, end: number, token: Token, negatable: boolean): Hit => {
    const hit = makeHit(entry, hitText, start, end, entry.source);
    // Intensifiers apply before negation ("not very good" is "not (very good)", SO-CAL).
    applyModifiers(hit, wordIndex, modifierWord, modifierChange, modifierText);
    if (excessAt === wordIndex && hit.weight > 0 && hit.weight <= 2.5 && entry.source !== 'domain') {
      hit.weight = -hit.weight;
      addRule(hit, 'excess');
    }
    if (negatable && wordIndex - negationAt <= NEGATION_WINDOW) {
      hit.weight = hit.weight > 0 ? -hit.weight * NEGATE_POSITIVE : -hit.weight * NEGATE_NEGATIVE;
      addRule(hit, 'negated');
      if (negatorText !== '') addModifier(hit, negatorText);
    }
    if (hit.weight < 0 && wordIndex - shifterAt <= 3) {
      hit.weight = -hit.weight * SHIFT_WEIGHT;
      addRule(hit, 'shifted');
      addModifier(hit, shifterText);
    }
    if (token.shouted === true) {
      hit.weight += Math.sign(hit.weight) * CAPS_INCREMENT;
      addRule(hit, 'capitals');
    }
    if (token.elongated === true) {
      hit.weight += Math.sign(hit.weight) * ELONGATION_INCREMENT;
      addRule(hit, 'elongated');
    }
    if (afterContrast) {
      hit.weight *= AFTER_CONTRAST;
      addRule(hit, 'after-contrast');
    }
    if (concessive) {
      hit.weight *= CONCESSIVE_WEIGHT;
      addRule(hit, 'concessive');
    }
    const general = entry.source === 'afinn' || entry.source === 'afinn-phrase' || entry.source === 'general';
    if (general && (conditional || (irrealis && hit.weight > 0))) {
      hit.weight = 0;
      addRule(hit, 'irrealis');
    }
    hits.push(hit);
    return hit;
  };

  for (let i = 0; i < n; i++) {
    const token = tokens[i] as Token;
    if (i > 0 && token.start > sentenceStart && hasNewline(text, previousEnd, token.start)) {
      // A line break ends a sentence (lists, tweets, survey answers).
      closeSentence(previousEnd);
      sentenceStart = token.start;
    }
    previousEnd = token.end;
    const kind = token.kind;

    if (kind === 'punct') {
      const t = token.text;
      if (isClauseBreak(t)) resetClause();
      if (isSentenceEnd(t)) {
        const bangs = countChar(t, 33);
        exclamations += bangs;
        if (bangs > 0) exclaimText += t;
        if (countChar(t, 63) > 0) question = true;
        // Consecutive end marks ("!!", "?!") stay in one sentence.
        const next = tokens[i + 1];
        if (next === undefined || next.kind !== 'punct' || !isSentenceEnd(next.text)) {
          closeSentence(token.end);
          sentenceStart = next === undefined ? token.end : next.start;
        }
      }
      previousNorm = t;
      continue;
    }

    if (kind === 'emoji' || kind === 'emoticon') {
      const entry = lookupWord(kind === 'emoji' ? emojiKey(token.text) : token.text, layers) ?? lookupWord(token.norm, layers);
      if (entry !== undefined && entry.valence !== 0) {
        hits.push(makeHit(entry, token.text, token.start, token.end, entry.source === 'user' ? 'user' : kind));
      }
      previousNorm = token.norm;
      continue;
    }

    if (kind !== 'word' && kind !== 'hashtag' && kind !== 'number') {
      previousNorm = token.norm;
      continue;
    }

    // Negation scope from the tokenizer: a run of negated tokens starts just after its negator.
    if (token.negated && !previousNegated && negationAt < wordIndex - 1) {
      negationAt = Math.max(negationAt, wordIndex - 1, clauseFirstWord);
      if (negatorText === '') negatorText = tokens[i - 1]?.text ?? '';
    }
    previousNegated = token.negated;

    const norm = kind === 'hashtag' && token.norm.charCodeAt(0) === 35 ? token.norm.slice(1) : token.norm;

    if (kind !== 'hashtag') {
      const hours = durationAt(tokens, i);
      if (hours > maxDuration) maxDuration = hours;
      const rating = ratingAt(tokens, i);
      if (rating !== undefined) {
        const last = tokens[rating.end - 1] as Token;
        hits.push(
          makeHit({ valence: rating.valence, source: 'rating' }, text.slice(token.start, last.end), token.start, last.end, 'rating'),
        );
        wordIndex += rating.end - i;
        i = rating.end - 1;
        previousEnd = last.end;
        previousNegated = last.negated;
        previousNorm = last.norm;
        continue;
      }
    }

    // Phrases first (longest match), so that idioms with negators and domain phrases win over single words.
    const phrase = kind === 'word' ? lookupPhrase(tokens, i, norm, layers) : undefined;
    if (phrase !== undefined) {
      const entry = phrase.entry;
      const last = tokens[phrase.end - 1] as Token;
      const span = phrase.end - i;
      if (entry.modifier === true) {
        modifierWord.push(wordIndex + span - 1);
        modifierChange.push(entry.valence);
        modifierText.push(text.slice(token.start, last.end));
      } else {
        if (entry.valence !== 0) {
          pushHit(entry, text.slice(token.start, last.end), token.start, last.end, token, entry.ownNegation !== true);
        }
        // A phrase with its own negator ("no problem", "not only") consumes that negation.
        if (entry.ownNegation === true) {
          negationAt = -Infinity;
          negatorText = '';
        }
      }
      wordIndex += span;
      i = phrase.end - 1;
      previousEnd = last.end;
      previousNegated = last.negated;
      previousNorm = last.norm;
      continue;
    }

    const next = tokens[i + 1];
    if (NEGATORS.has(norm) || norm === 'not' || (norm === 'far' && next?.norm === 'from')) {
      negationAt = wordIndex;
      negatorText = norm === 'far' ? 'far from' : token.text;
      wordIndex++;
      previousNorm = norm;
      continue;
    }
    if (CONTRASTS.has(norm) && next?.norm !== 'also') {
      // The clause before the contrast weighs less; what follows weighs more. A sentence-initial "But" or
      // "However" contrasts with the previous sentence.
      const from = wordIndex === sentenceFirstWord ? previousSentenceHitStart : Math.max(sentenceHitStart, contrastAt);
      for (let h = from; h < hits.length; h++) {
        const hit = hits[h] as Hit;
        hit.weight *= BEFORE_CONTRAST;
        addRule(hit, 'before-contrast');
      }
      contrastAt = hits.length;
      afterContrast = true;
      wordIndex++;
      resetClause();
      previousNorm = norm;
      continue;
    }
    if (CONCESSIVES.has(norm)) {
      concessive = true;
    } else if (CONDITIONALS.has(norm)) {
      conditional = true;
    } else if (IRREALIS_MARKERS.has(norm) || (MODALS.has(norm) && (next?.norm === 'have' || next?.norm === "'ve" || next?.norm === 'be'))) {
      irrealis = true;
    } else if (SHIFTERS.has(norm)) {
      shifterAt = wordIndex;
      shifterText = token.text;
    } else {
      const change = MODIFIER_MAP.get(norm);
      if (change !== undefined && next !== undefined && (next.kind === 'word' || next.kind === 'hashtag')) {
        modifierWord.push(wordIndex);
        modifierChange.push(change);
        modifierText.push(token.text);
        if (modifierWord.length > 3) {
          modifierWord.shift();
          modifierChange.shift();
          modifierText.shift();
        }
        if (norm === 'too') excessAt = wordIndex + 1;
      } else {
        let entry = lookupWord(norm, layers);
        if (entry === undefined && norm.includes('-')) entry = lookupWord(norm.replace(/-/g, ''), layers);
        if (entry !== undefined) {
          if (norm === 'like' && !LIKE_VERB_CONTEXT.has(previousNorm)) entry = undefined;
        } else if (norm === 'well' && wordIndex > clauseFirstWord && !WELL_NOT_PRAISE.has(previousNorm) && next?.kind !== 'punct') {
          entry = WELL;
        }
        if (entry !== undefined && entry.valence !== 0 && entry.modifier !== true) {
          pushHit(entry, token.text, token.start, token.end, token, true);
        } else if (entry === undefined && excessAt === wordIndex && kind === 'word' && !FUNCTION_WORDS.has(norm) && norm.length > 2) {
          // "too salty", "too small": excess of a quality the lexicon does not score.
          const previous = tokens[i - 1] as Token;
          const hit = pushHit(EXCESS, text.slice(previous.start, token.end), previous.start, token.end, token, true);
          addRule(hit, 'excess');
        }
      }
    }
    wordIndex++;
    previousNorm = norm;
  }
  if (n > 0 && sentenceStart < previousEnd) closeSentence(previousEnd);

  return finish(hits, sentenceBounds, sentenceExclaim, sentenceEndText, neutralBand);
}

const WELL: LexiconEntry = { valence: 2, source: 'general' };
const EXCESS: LexiconEntry = { valence: -1, source: 'general' };

function applyModifiers(
  hit: Hit,
  wordIndex: number,
  modifierWord: readonly number[],
  modifierChange: readonly number[],
  modifierText: readonly string[],
): void {
  if (modifierWord.length === 0) return;
  let total = 0;
  let used: string[] | undefined;
  for (let m = 0; m < modifierWord.length; m++) {
    const distance = wordIndex - (modifierWord[m] as number);
    if (distance < 1 || distance > 3) continue;
    // Farther modifiers count less (VADER: 1, 0.95, 0.9 at distance 1, 2, 3).
    total += (modifierChange[m] as number) * (distance === 1 ? 1 : distance === 2 ? 0.95 : 0.9);
    (used ??= []).push(modifierText[m] as string);
  }
  if (total === 0 || used === undefined) return;
  hit.weight *= Math.max(0, 1 + total);
  addRule(hit, total > 0 ? 'intensified' : 'diminished');
  for (const u of used) addModifier(hit, u);
}

function finish(
  hits: readonly Hit[],
  sentenceBounds: readonly number[],
  sentenceExclaim: readonly number[],
  sentenceEndText: readonly string[],
  neutralBand: number,
): SentimentResult {
  const sentenceCount = sentenceBounds.length / 2;
  const sums = new Array<number>(sentenceCount).fill(0);
  for (const hit of hits) sums[hit.sentence] = (sums[hit.sentence] ?? 0) + hit.weight;
  const exclaimEvidence: (SentimentEvidence | undefined)[] = new Array(sentenceCount);
  for (let s = 0; s < sentenceCount; s++) {
    const count = sentenceExclaim[s] ?? 0;
    const sum = sums[s] ?? 0;
    if (count > 0 && sum !== 0) {
      const add = Math.sign(sum) * EXCLAMATION_INCREMENT * Math.min(count, 4);
      sums[s] = sum + add;
      const end = sentenceBounds[2 * s + 1] as number;
      const endText = sentenceEndText[s] || '!';
      exclaimEvidence[s] = {
        text: endText,
        start: end - endText.length,
        end,
        base: 0,
        weight: add,
        source: 'punctuation',
        rules: ['exclamation'],
        sentence: s,
      };
    }
  }
  const evidence: SentimentEvidence[] = [];
  let s = 0;
  const flushExclaim = (upTo: number): void => {
    while (s < upTo) {
      const ex = exclaimEvidence[s];
      if (ex !== undefined) evidence.push(ex);
      s++;
    }
  };
  for (const hit of hits) {
    flushExclaim(hit.sentence);
    const item: SentimentEvidence =
      hit.modifiers === undefined && hit.category === undefined
        ? { text: hit.text, start: hit.start, end: hit.end, base: hit.base, weight: hit.weight, source: hit.source, rules: hit.rules, sentence: hit.sentence }
        : {
            text: hit.text,
            start: hit.start,
            end: hit.end,
            base: hit.base,
            weight: hit.weight,
            source: hit.source,
            rules: hit.rules,
            sentence: hit.sentence,
            ...(hit.modifiers !== undefined ? { modifiers: hit.modifiers } : {}),
            ...(hit.category !== undefined ? { category: hit.category } : {}),
          };
    evidence.push(item);
  }
  flushExclaim(sentenceCount);
  let positive = 0;
  let negative = 0;
  let total = 0;
  for (const item of evidence) {
    if (item.weight > 0) positive += item.weight;
    else negative -= item.weight;
    total += item.weight;
  }
  const sentences: SentenceSentiment[] = new Array(sentenceCount);
  for (let k = 0; k < sentenceCount; k++) {
    const score = normalizeSum(sums[k] ?? 0);
    sentences[k] = {
      start: sentenceBounds[2 * k] as number,
      end: sentenceBounds[2 * k + 1] as number,
      score,
      label: labelOf(score, neutralBand),
    };
  }
  const score = normalizeSum(total);
  return { score, label: labelOf(score, neutralBand), positive, negative: negative === 0 ? 0 : negative, evidence, sentences };
}
