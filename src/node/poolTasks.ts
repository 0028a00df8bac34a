/**
 * The tasks a worker pool can run, as plain functions of one input: the single-threaded path and the workers
 * run exactly this code, so their results are identical. Inputs, options and outputs are structured-cloneable.
 */
import { FeedbackMinerError, fail } from '../errors';
import { aspectSentiment } from '../sentiment/aspectSentiment';
import { createSentimentScorer } from '../sentiment/scoreSentiment';
import type { SentimentLabel, SentimentOptions } from '../sentiment/types';
import { tokenize } from '../text/tokenize';
import { detectAnomalies, type DetectAnomaliesOptions } from '../timeseries/detect-anomalies';
import type { Anomaly, Point } from '../timeseries/types';
import type { Rejected } from '../records';

/** Options of the `'feedback'` task. */
export interface FeedbackTaskOptions {
  /** Aspects for `aspectSentiment` (default its `DEFAULT_ASPECTS`); `false` skips aspects. */
  readonly aspects?: Readonly<Record<string, readonly string[]>> | false;
  /** Sentiment options (lexicon, phrases, domain, neutralBand). */
  readonly sentiment?: SentimentOptions;
  /** Aspect window in words (default that of `aspectSentiment`). */
  readonly window?: number;
}

/** What the `'feedback'` task returns per text: compact features (no token objects, to keep 1e6 results small). */
export interface FeedbackFeatures {
  /** Tokens of `tokenize` (all kinds), and of those, words. */
  readonly tokens: number;
  readonly words: number;
  /** Tokens inside a negation scope. */
  readonly negated: number;
  readonly score: number;
  readonly label: SentimentLabel;
  readonly positive: number;
  readonly negative: number;
  readonly aspects: readonly { readonly aspect: string; readonly score: number; readonly label: SentimentLabel; readonly mentions: number }[];
}

/** What the `'anomalies'` task returns per series (the report fields of `AnomalyResult` as plain properties). */
export interface SeriesAnomalies {
  readonly anomalies: Anomaly[];
  readonly periods: number[];
  readonly rejected: Rejected[];
  readonly warnings: string[];
}

/** Task names with their input, options and output types. */
export interface PoolTasks {
  feedback: { input: string; options: FeedbackTaskOptions; output: FeedbackFeatures };
  anomalies: { input: readonly Point[]; options: DetectAnomaliesOptions; output: SeriesAnomalies };
}

export type TaskName = keyof PoolTasks;
/** The names of the tasks, for validation and messages. */
export const TASK_NAMES: readonly TaskName[] = ['feedback', 'anomalies'];

type Runner<T extends TaskName> = (input: PoolTasks[T]['input'], index: number) => PoolTasks[T]['output'];

/**
 * Builds the per-input function of a task for given options (compiled once: the sentiment scorer is created once
 * per options value). Cost: as the stage functions called.
 * @throws FeedbackMinerError INVALID_OPTION for an unknown task
 */
export function taskRunner<T extends TaskName>(task: T, options: PoolTasks[T]['options'] | undefined): Runner<T> {
  switch (task) {
    case 'feedback': {
      const o = (options ?? {}) as FeedbackTaskOptions;
      const score = createSentimentScorer(o.sentiment);
      const aspectOptions = { ...(o.sentiment ?? {}), ...(o.window === undefined ? {} : { window: o.window }) };
      const run = (text: string): FeedbackFeatures => {
        const tokens = tokenize(text);
        let words = 0;
        let negated = 0;
        for (const token of tokens) {
          if (token.kind === 'word') words++;
          if (token.negated) negated++;
        }
        const sentiment = score(text);
        const aspects =
          o.aspects === false
            ? []
            : aspectSentiment(text, o.aspects, aspectOptions).map((a) => ({
                aspect: a.aspect,
                score: a.score,
                label: a.label,
                mentions: a.mentions.length,
              }));
        return {
          tokens: tokens.length,
          words,
          negated,
          score: sentiment.score,
          label: sentiment.label,
          positive: sentiment.positive,
          negative: sentiment.negative,
          aspects,
        };
      };
      return run as Runner<T>;
    }
    case 'anomalies': {
      const o = options as DetectAnomaliesOptions | undefined;
      const run = (points: readonly Point[]): SeriesAnomalies => {
        const result = detectAnomalies(points, o);
        return { anomalies: [...result], periods: result.periods, rejected: result.rejected, warnings: result.warnings };
      };
      return run as Runner<T>;
    }
    default:
      return fail('INVALID_OPTION', 'taskRunner', 'task', TASK_NAMES.map((n) => `'${n}'`).join(' or '), task);
  }
}

/** An error while running a task on one input, as sent from a worker (plain data). */
export interface TaskFailure {
  readonly index: number;
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly stack?: string;
}

/** Runs a task over a batch, stopping at the first input that throws. Shared by the serial path and the workers. */
export function runBatch<T extends TaskName>(
  run: Runner<T>,
  inputs: readonly PoolTasks[T]['input'][],
  offset: number,
): { results: PoolTasks[T]['output'][] } | { failure: TaskFailure } {
  const results: PoolTasks[T]['output'][] = [];
  for (let i = 0; i < inputs.length; i++) {
    try {
      results.push(run(inputs[i] as PoolTasks[T]['input'], offset + i));
    } catch (error) {
      const e = error as Partial<FeedbackMinerError> & { stack?: string };
      return {
        failure: {
          index: offset + i,
          name: typeof e?.name === 'string' ? e.name : 'Error',
          message: typeof e?.message === 'string' ? e.message : String(error),
          ...(error instanceof FeedbackMinerError ? { code: error.code } : {}),
          ...(typeof e?.stack === 'string' ? { stack: e.stack } : {}),
        },
      };
    }
  }
  return { results };
}
