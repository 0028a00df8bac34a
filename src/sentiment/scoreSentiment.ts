import { assertOptions, assertString, fail } from '../errors';
import { compileDefault, compileUser, type CompiledLexicon } from './compile';
import { scoreTokens as importedScoreTokens } from './score';
import { tokenize as importedTokenize } from './tokens';
import type { SentimentOptions, SentimentResult } from './types';

// Local copies of the functions called per text (under CommonJS transpilation an imported binding is a getter).
const tokenize = importedTokenize;
const scoreTokens = importedScoreTokens;

/** Default half-width of the neutral band around 0 (VADER's compound thresholds, Hutto and Gilbert 2014). */
export const DEFAULT_NEUTRAL_BAND = 0.05;

let withDomain: CompiledLexicon | undefined;
let withoutDomain: CompiledLexicon | undefined;

/** The default lexicon, compiled once on first use (a cache: the result never depends on call order). */
function defaultLayer(domain: boolean): CompiledLexicon {
  if (domain) return (withDomain ??= compileDefault(true, tokenize));
  return (withoutDomain ??= compileDefault(false, tokenize));
}

/** The result for a text with no tokens. @internal */
export const EMPTY_SENTIMENT: SentimentResult = Object.freeze({
  score: 0,
  label: 'neutral',
  positive: 0,
  negative: 0,
  evidence: Object.freeze([]),
  sentences: Object.freeze([]),
}) as SentimentResult;

/** Validated settings of a scorer. @internal */
export interface ScorerSettings {
  readonly layers: readonly CompiledLexicon[];
  readonly neutralBand: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Validates options and compiles the layers. @internal */
let defaultSettings: ScorerSettings | undefined;

export function resolveSentimentOptions(where: string, options: SentimentOptions | undefined): ScorerSettings {
  if (options === undefined) return (defaultSettings ??= resolveSentimentOptions(where, {}));
  assertOptions(where, options);
  const domain = options?.domain ?? true;
  if (typeof domain !== 'boolean') fail('INVALID_OPTION', where, 'options.domain', 'a boolean', domain);
  const neutralBand = options?.neutralBand ?? DEFAULT_NEUTRAL_BAND;
  if (typeof neutralBand !== 'number' || !Number.isFinite(neutralBand) || neutralBand < 0 || neutralBand >= 1) {
    fail('INVALID_OPTION', where, 'options.neutralBand', 'a finite number >= 0 and < 1', neutralBand);
  }
  const lexicon = options?.lexicon;
  const phrases = options?.phrases;
  if (lexicon !== undefined && !isRecord(lexicon)) {
    fail('INVALID_OPTION', where, 'options.lexicon', 'an object of word valences', lexicon);
  }
  if (phrases !== undefined && !isRecord(phrases)) {
    fail('INVALID_OPTION', where, 'options.phrases', 'an object of phrase valences', phrases);
  }
  const base = defaultLayer(domain);
  const hasUser =
    (lexicon !== undefined && Object.keys(lexicon).length > 0) ||
    (phrases !== undefined && Object.keys(phrases).length > 0);
  const layers = hasUser ? [compileUser(where, lexicon, phrases, tokenize), base] : [base];
  return { layers, neutralBand };
}

/** Scores one text with validated settings. @internal */
export function scoreWith(settings: ScorerSettings, text: string): SentimentResult {
  const tokens = tokenize(text);
  if (tokens.length === 0) return EMPTY_SENTIMENT;
  return scoreTokens(text, tokens, settings.layers, settings.neutralBand);
}

/**
 * Scores the sentiment of a text in [-1, 1] and says why: each word, phrase, emoji or signal that moved the score,
 * with its weight and the rules that applied.
 *
 * Method: a lexicon (AFINN-165 words and phrases, emoticons, Emoji Sentiment Ranking emoji, a general review
 * vocabulary and an operations/service domain layer of phrases such as "still waiting" or "out of stock") read
 * through contextual valence shifters (Polanyi and Zaenen 2006): negation scope from the tokenizer flips and damps
 * (VADER's 0.74 for positive terms, 0.5 for negative ones after SO-CAL's asymmetry, Taboada et al. 2011);
 * intensifiers and diminishers scale by a fraction (SO-CAL) decaying with distance (Hutto and Gilbert 2014, VADER);
 * the clause before "but"/"however" weighs 0.5 and the one after 1.5 (VADER); concessive clauses ("although")
 * weigh 0.5; capitals add 0.733 and exclamation marks 0.292 each, up to 4 (VADER); elongation adds 0.5
 * (Brody and Diakopoulos 2011); positive general words in questions and all general words in "if" clauses are
 * not asserted (irrealis, SO-CAL); domain complaints about waiting and delays grow with a stated duration
 * ("2 hours", "3 weeks") by `1 + log10(1 + hours) / 2`, at most 2. The sum is normalised as VADER's compound,
 * `sum / sqrt(sum^2 + 15)`.
 *
 * Labels: `positive` when `score >= neutralBand`, `negative` when `score <= -neutralBand`, else `neutral`
 * (default band 0.05). `sentences` gives the same per sentence (split at . ! ? and line breaks).
 *
 * Cost: O(n) in the length of the text (one tokenizer pass and one scan; phrase lookups are bounded).
 *
 * @param text the text to score; empty or whitespace-only text scores 0, neutral, with no evidence.
 * @param options `lexicon` / `phrases` to add or override entries (AFINN scale -5..5), `domain: false` to switch
 *   the domain layer off, `neutralBand`.
 * @throws FeedbackMinerError INVALID_ARGUMENT when `text` is not a string; INVALID_OPTION for a bad option.
 * @example
 * scoreSentiment('The delivery was not good, still waiting after 2 weeks').label // => 'negative'
 * scoreSentiment('Great service!').score // => 0.6476 (3 + 0.292 for '!', normalised)
 */
export function scoreSentiment(text: string, options?: SentimentOptions): SentimentResult {
  assertString('scoreSentiment', 'text', text);
  const settings = resolveSentimentOptions('scoreSentiment', options);
  return scoreWith(settings, text);
}

/**
 * Returns a scorer with its options validated and its lexicon compiled once: the fast way to score many texts
 * with custom `lexicon` or `phrases`. `createSentimentScorer(options)(text)` equals `scoreSentiment(text, options)`.
 *
 * Cost: O(entries) to build; each call as `scoreSentiment`.
 * @throws FeedbackMinerError INVALID_OPTION for a bad option (when built); INVALID_ARGUMENT for a non-string text.
 * @example
 * const score = createSentimentScorer({ phrases: { 'left on read': -3 } });
 * score('Left on read again').label // => 'negative'
 */
export function createSentimentScorer(options?: SentimentOptions): (text: string) => SentimentResult {
  const settings = resolveSentimentOptions('createSentimentScorer', options);
  return (text: string) => {
    assertString('createSentimentScorer', 'text', text);
    return scoreWith(settings, text);
  };
}
