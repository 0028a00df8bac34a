import { assertOptions, assertString, fail } from '../errors';
import type { Token } from '../text/types';
import { DEFAULT_ASPECTS } from './aspects';
import { aspectsOfTokens, compileAspects, resolveAspectOptions } from './aspectSentiment';
import { scoreTokens } from './score';
import { EMPTY_SENTIMENT } from './scoreSentiment';
import { tokenize } from './tokens';
import type { AspectOptions, AspectSentiment, SentimentResult } from './types';

/** Options of `createFeedbackScorer`: those of `aspectSentiment` plus the aspects themselves. */
export interface FeedbackScorerOptions extends AspectOptions {
  /** Aspects as for `aspectSentiment` (default `DEFAULT_ASPECTS`); `false` skips aspects. */
  readonly aspects?: Readonly<Record<string, readonly string[]>> | false;
}

/** What a feedback scorer returns for one text. */
export interface FeedbackScore {
  /** The tokens of `tokenize(text)`. */
  readonly tokens: readonly Token[];
  /** Equal to `scoreSentiment(text, options)`. */
  readonly sentiment: SentimentResult;
  /** Equal to `aspectSentiment(text, aspects, options)` (empty when `aspects` is `false`). */
  readonly aspects: AspectSentiment[];
}


/**
 * Returns a function that tokenizes, scores and finds the aspects of a text in one pass: the text is tokenized
 * once, scored once, and the aspects are read from that same score, so that bulk work (a feedback export, a worker
 * pool's batch) pays for one tokenizer pass and one rule pass per text instead of one per function. Options are
 * validated, the lexicon and the aspect terms compiled, once.
 *
 * `createFeedbackScorer(options)(text)` returns `{ tokens, sentiment, aspects }` equal to `tokenize(text)`,
 * `scoreSentiment(text, options)` and `aspectSentiment(text, options.aspects, options)` (tested).
 *
 * Cost: O(entries + terms) to build; per text O(n) for n tokens plus O(m x e) for m mentions and e evidence items
 * of their sentences.
 *
 * @throws FeedbackMinerError INVALID_OPTION for a bad option, INVALID_ARGUMENT for bad `aspects` (when built);
 *   INVALID_ARGUMENT for a non-string text (when called).
 * @example
 * const score = createFeedbackScorer();
 * const r = score('Great price but the delivery was late');
 * r.sentiment.label // => 'negative'
 * r.aspects.map(a => `${a.aspect}:${a.label}`) // => ['delivery:negative', 'price:positive']
 */
export function createFeedbackScorer(options?: FeedbackScorerOptions): (text: string) => FeedbackScore {
  const where = 'createFeedbackScorer';
  assertOptions(where, options);
  const aspects = options?.aspects ?? DEFAULT_ASPECTS;
  if (aspects !== false && (aspects === null || typeof aspects !== 'object' || Array.isArray(aspects))) {
    fail('INVALID_ARGUMENT', where, 'options.aspects', 'an object mapping names to arrays of terms, or false', aspects);
  }
  const compiled = aspects === false ? undefined : compileAspects(where, aspects);
  let aspectOptions: AspectOptions | undefined;
  if (options !== undefined) {
    const { aspects: _unused, ...rest } = options;
    void _unused;
    aspectOptions = rest;
  }
  const [window, settings] = resolveAspectOptions(where, aspectOptions);
  return (text: string): FeedbackScore => {
    assertString(where, 'text', text);
    const tokens = tokenize(text);
    if (tokens.length === 0) return { tokens, sentiment: EMPTY_SENTIMENT, aspects: [] };
    const sentiment = scoreTokens(text, tokens, settings.layers, settings.neutralBand);
    const found =
      compiled === undefined || text.trim() === '' ? [] : aspectsOfTokens(text, tokens, sentiment, compiled, window, settings, where);
    return { tokens, sentiment, aspects: found };
  };
}
