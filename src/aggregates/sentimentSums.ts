import { assertOptions, fail } from '../errors';
import type { Rejected } from '../records';
import { DEFAULT_NEUTRAL_BAND } from '../sentiment/scoreSentiment';
import { compensatedSum, mergeSums, sumValue, ZERO_SUM } from './compensated';
import { checkRecords } from './counts';
import { checkOffset, mergeRejected } from './rejected';
import type { Aggregate, CompensatedSum } from './types';

export type SentimentLabelName = 'positive' | 'neutral' | 'negative';

/** Partial summary of {@link sentimentSums}. */
export interface SentimentPartial {
  /** Records with a usable score. */
  readonly n: number;
  readonly sum: CompensatedSum;
  readonly sumOfSquares: CompensatedSum;
  readonly labels: { readonly positive: number; readonly neutral: number; readonly negative: number };
  /** Records whose score was missing or not finite. */
  readonly rejected: readonly Rejected[];
}

export interface SentimentSumsOptions<R> {
  /** The record's sentiment score (default `r.sentiment.score`, then `r.score`). */
  readonly score?: (record: R, index: number) => number | null | undefined;
  /** The record's label (default: from the score with the neutral band of `scoreSentiment`). */
  readonly label?: (record: R, index: number) => SentimentLabelName | null | undefined;
  /** Half-width of the neutral band when labels are derived from scores (default 0.05). */
  readonly neutralBand?: number;
}

/** Mean, sample variance and label shares of a {@link SentimentPartial}. */
export interface SentimentSummary {
  readonly n: number;
  /** `null` when n = 0. */
  readonly mean: number | null;
  /** Sample variance (n - 1 denominator); `null` when n < 2. */
  readonly variance: number | null;
  readonly standardDeviation: number | null;
  readonly shares: { readonly positive: number; readonly neutral: number; readonly negative: number } | null;
}

function defaultScore(record: unknown): number | null | undefined {
  const r = record as { sentiment?: { score?: unknown }; score?: unknown } | null;
  if (r === null || typeof r !== 'object') return undefined;
  const value = r.sentiment?.score ?? r.score;
  return typeof value === 'number' ? value : undefined;
}

/**
 * Sentiment sums per shard: count, sum and sum of squares of scores (compensated, Neumaier 1974) and label counts,
 * from which the mean and variance of any union of shards follow (Chan, Golub & LeVeque 1983, "Algorithms for
 * computing the sample variance": pooled sums). Merge adds: associative and commutative (counts exactly, sums to
 * within a rounding of the compensation), identity {@link SentimentPartial} of no records.
 *
 * Cost: partial O(n); merge O(r) for r rejected rows.
 * @throws FeedbackMinerError INVALID_ARGUMENT / INVALID_OPTION on misuse
 * @example
 * const s = sentimentSums<{ score: number }>();
 * summarizeSentiment(s.merge(s.partial([{ score: 0.5 }]), s.partial([{ score: -0.5 }, { score: 0 }], 1)))
 * // => { n: 3, mean: 0, variance: 0.25, standardDeviation: 0.5, shares: { positive: 1/3, neutral: 1/3, negative: 1/3 } }
 */
export function sentimentSums<R>(options?: SentimentSumsOptions<R>): Aggregate<R, SentimentPartial> {
  const where = 'sentimentSums';
  assertOptions(where, options);
  const score = options?.score ?? defaultScore;
  const label = options?.label;
  const band = options?.neutralBand ?? DEFAULT_NEUTRAL_BAND;
  if (typeof score !== 'function') fail('INVALID_OPTION', where, 'options.score', 'a function', score);
  if (label !== undefined && typeof label !== 'function') fail('INVALID_OPTION', where, 'options.label', 'a function', label);
  if (typeof band !== 'number' || !(band >= 0 && band < 1)) fail('INVALID_OPTION', where, 'options.neutralBand', 'a number from 0 to 1 (exclusive)', band);
  return {
    name: where,
    identity: Object.freeze({
      n: 0,
      sum: ZERO_SUM,
      sumOfSquares: ZERO_SUM,
      labels: Object.freeze({ positive: 0, neutral: 0, negative: 0 }),
      rejected: Object.freeze([]),
    }),
    partial(records, offset) {
      const start = checkOffset(`${where}.partial`, offset);
      checkRecords(`${where}.partial`, records);
      const values: number[] = [];
      const squares: number[] = [];
      const labels = { positive: 0, neutral: 0, negative: 0 };
      const rejected: Rejected[] = [];
      records.forEach((record, i) => {
        const row = start + i;
        const value = score(record, row);
        if (typeof value !== 'number' || !Number.isFinite(value)) {
          rejected.push({ row, field: 'score', reason: `not a finite number (found ${String(value)})` });
          return;
        }
        let name = label === undefined ? undefined : label(record, row);
        if (name !== 'positive' && name !== 'neutral' && name !== 'negative') {
          if (label !== undefined) rejected.push({ row, field: 'label', reason: `unknown label ${String(name)}: derived from the score` });
          name = value >= band ? 'positive' : value <= -band ? 'negative' : 'neutral';
        }
        labels[name]++;
        values.push(value);
        squares.push(value * value);
      });
      return { n: values.length, sum: compensatedSum(values), sumOfSquares: compensatedSum(squares), labels, rejected };
    },
    merge(a, b) {
      checkSentimentPartial(`${where}.merge`, 'a', a);
      checkSentimentPartial(`${where}.merge`, 'b', b);
      return {
        n: a.n + b.n,
        sum: mergeSums(a.sum, b.sum),
        sumOfSquares: mergeSums(a.sumOfSquares, b.sumOfSquares),
        labels: {
          positive: a.labels.positive + b.labels.positive,
          neutral: a.labels.neutral + b.labels.neutral,
          negative: a.labels.negative + b.labels.negative,
        },
        rejected: mergeRejected(a.rejected, b.rejected),
      };
    },
  };
}

/**
 * Mean, sample variance, standard deviation and label shares from sentiment sums. The variance uses
 * `(sumOfSquares - sum^2 / n) / (n - 1)` on compensated sums, clamped at 0.
 *
 * Cost: O(1).
 * @throws FeedbackMinerError INVALID_ARGUMENT when `partial` is not a sentiment partial
 * @example summarizeSentiment({ n: 2, sum: { sum: 1, compensation: 0 }, sumOfSquares: { sum: 0.5, compensation: 0 }, labels: { positive: 2, neutral: 0, negative: 0 }, rejected: [] }).variance
 * // => 0
 */
export function summarizeSentiment(partial: SentimentPartial): SentimentSummary {
  checkSentimentPartial('summarizeSentiment', 'partial', partial);
  const { n } = partial;
  if (n === 0) return { n, mean: null, variance: null, standardDeviation: null, shares: null };
  const sum = sumValue(partial.sum);
  const mean = sum / n;
  const variance = n < 2 ? null : Math.max(0, (sumValue(partial.sumOfSquares) - (sum * sum) / n) / (n - 1));
  return {
    n,
    mean,
    variance,
    standardDeviation: variance === null ? null : Math.sqrt(variance),
    shares: {
      positive: partial.labels.positive / n,
      neutral: partial.labels.neutral / n,
      negative: partial.labels.negative / n,
    },
  };
}

function checkSentimentPartial(where: string, name: string, value: unknown): void {
  const p = value as Partial<SentimentPartial> | null;
  if (
    p === null ||
    typeof p !== 'object' ||
    typeof p.n !== 'number' ||
    typeof p.sum?.sum !== 'number' ||
    typeof p.sumOfSquares?.sum !== 'number' ||
    typeof p.labels !== 'object' ||
    !Array.isArray(p.rejected)
  ) {
    fail('INVALID_ARGUMENT', where, name, 'a sentiment partial { n, sum, sumOfSquares, labels, rejected }', value);
  }
}
