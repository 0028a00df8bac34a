/**
 * Speed of the sentiment scorers with each one in its own process, for benchmarks/sentiment.ts.
 *
 * Why a process each: in one process, the anchors' heaps (wink-nlp's model, hundreds of thousands of objects) make
 * every garbage collection and every step of incremental marking longer, and that work is billed to whichever scorer
 * happens to allocate at the time; the order of the scorers in a round and the JIT state left by the others move the
 * figures too. The method is the tokenizer benchmark's (benchmarks/tokenize.ts): every scorer gets the same texts,
 * the same warm-up rounds and the same timed rounds, interleaved one pass at a time with the order rotated every
 * round; a pass is timed in CPU time of its own process (`process.cpuUsage`) and ends with a scavenge of its young
 * generation inside its timing (its garbage is billed to it). Reported: the median and the least CPU time of a pass,
 * the median wall time, and per round the ratio of two scorers' CPU times (paired: both ran within the same round,
 * under the same load), summarised by its median and quartiles.
 *
 * Usage (parent): `await measureIsolated(rounds, warmup)`; the children run this file with FM_SENTIMENT_SPEED_SCORER.
 */
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scoreSentiment } from '../../src/sentiment/scoreSentiment';
import { serveTimedPasses, timeInOwnProcesses } from './own-process';
import { benchmarkTexts } from './sentiment-texts';

/** The scorers, in the order of benchmarks/sentiment.ts's table. */
export const SPEED_SCORERS = [
  'feedback-miner scoreSentiment',
  'wink-nlp its.sentiment',
  'wink-sentiment',
  'vader-sentiment',
  'sentiment (AFINN)',
  'natural SentimentAnalyzer (afinn)',
] as const;

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = resolve(here, '../../../shared/data');

/** The score function of one scorer of `SPEED_SCORERS` (benchmarks/sentiment.ts's anchors are these). */
export function scorerAt(index: number): (text: string) => number {
  const require = createRequire(import.meta.url);
  switch (SPEED_SCORERS[index]) {
    case 'feedback-miner scoreSentiment':
      return (t) => scoreSentiment(t).score;
    case 'wink-nlp its.sentiment': {
      const winkNLP = require('wink-nlp') as (model: unknown) => {
        readDoc: (t: string) => { out: (its: unknown) => number };
        its: { sentiment: unknown };
      };
      const nlp = winkNLP(require('wink-eng-lite-web-model'));
      const its = nlp.its;
      return (t) => nlp.readDoc(t).out(its.sentiment);
    }
    case 'wink-sentiment': {
      const winkSentiment = require('wink-sentiment') as (t: string) => { normalizedScore: number };
      return (t) => winkSentiment(t).normalizedScore;
    }
    case 'vader-sentiment': {
      const vader = require('vader-sentiment') as {
        SentimentIntensityAnalyzer: { polarity_scores: (t: string) => { compound: number } };
      };
      return (t) => vader.SentimentIntensityAnalyzer.polarity_scores(t).compound;
    }
    case 'sentiment (AFINN)': {
      const Sentiment = require('sentiment') as new () => { analyze: (t: string) => { score: number } };
      const afinn = new Sentiment();
      return (t) => afinn.analyze(t).score;
    }
    case 'natural SentimentAnalyzer (afinn)': {
      const SentimentAnalyzer = require('natural/lib/natural/sentiment/SentimentAnalyzer.js') as new (
        language: string,
        stemmer: null,
        vocabulary: string,
      ) => { getSentiment: (tokens: string[]) => number };
      const { WordTokenizer } = require('natural/lib/natural/tokenizers/regexp_tokenizer.js') as {
        WordTokenizer: new () => { tokenize: (t: string) => string[] };
      };
      const analyzer = new SentimentAnalyzer('English', null, 'afinn');
      const tokenizer = new WordTokenizer();
      return (t) => analyzer.getSentiment(tokenizer.tokenize(t));
    }
    default:
      throw new Error(`no scorer ${index}`);
  }
}

/** Child side: set up one scorer, then run one timed pass over the texts per message. */
function serve(index: number): void {
  const texts = benchmarkTexts(dataDir);
  const score = scorerAt(index);
  serveTimedPasses(() => {
    let checksum = 0;
    for (const t of texts) checksum += score(t);
    return checksum;
  });
}

const childIndex = process.env.FM_SENTIMENT_SPEED_SCORER;
if (childIndex !== undefined && process.send !== undefined) serve(Number(childIndex));

/** Timings of one scorer over the rounds. */
export interface IsolatedTimes {
  readonly name: string;
  /** CPU ms of each timed pass, in round order. */
  readonly cpuMs: readonly number[];
  /** Wall ms of each timed pass, in round order. */
  readonly wallMs: readonly number[];
}

/**
 * Runs every scorer (or those named in `only`) in its own process, `warmup` untimed then `rounds` timed interleaved
 * rounds.
 */
export async function measureIsolated(
  rounds: number,
  warmup: number,
  only?: readonly string[],
): Promise<{ texts: number; times: IsolatedTimes[] }> {
  const texts = benchmarkTexts(dataDir).length;
  const chosen = SPEED_SCORERS.flatMap((name, index) => (only === undefined || only.includes(name) ? [index] : []));
  const timed = await timeInOwnProcesses(fileURLToPath(import.meta.url), 'FM_SENTIMENT_SPEED_SCORER', chosen, rounds, warmup);
  return {
    texts,
    times: chosen.map((scorer, at) => ({
      name: SPEED_SCORERS[scorer] as string,
      cpuMs: timed.cpuMs[at] ?? [],
      wallMs: timed.wallMs[at] ?? [],
    })),
  };
}

/** The value at quantile q (0..1) of the sorted values, by nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))] ?? Number.NaN;
}

/** Per round, `reference` CPU time over `scorer` CPU time (> 1: `scorer` is faster), as median and quartiles. */
export function pairedSpeedRatio(scorer: IsolatedTimes, reference: IsolatedTimes): { median: number; q25: number; q75: number } {
  const ratios = scorer.cpuMs.map((ms, round) => (reference.cpuMs[round] as number) / ms);
  return { median: quantile(ratios, 0.5), q25: quantile(ratios, 0.25), q75: quantile(ratios, 0.75) };
}
