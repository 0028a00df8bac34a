import { assertArray, assertOptions, fail } from '../errors';
import type { ReportModel } from '../report/types';
import { analyzeArray } from './passes/run';
import type { AnalyzeInput, AnalyzeOptions } from './types';
/**
 * The whole feedback-mining pipeline, from typed records to a report model (render it with `renderHtml`,
 * `renderMarkdown` or `renderJson`):
 * 1. every feedback text is scored (`scoreSentiment`) and assigned a theme: themes are fitted (`fitThemeModel`, the
 *    method of `clusterTexts`, k 4-10 by silhouette) on a bottom-k sample of `themeSample` records (all of them up
 *    to 20,000), and every text goes to its nearest theme;
 * 2. headline figures for the last `periodWeeks` weeks against the weeks before: NPS (survey ratings 0-10),
 *    sentiment, volume, sales;
 * 3. themes with their size, sentiment, weekly volume, trend (`emergingThemes`) and quotes;
 * 4. weekly sales per segment (`toSeries`), anomalies (`detectAnomalies`, seasonal hybrid ESD, with
 *    promotions as known events) and level shifts (`detectChangePoints`, PELT), each downward break explained by
 *    the feedback that rose before it (`explainAnomaly`);
 * 5. forecast accuracy and forecast value added per planning cycle, lessons across cycles (`compareCycles`);
 * 6. the impact of each action (`actionImpact`, difference in differences);
 * 7. data quality: rows read, rejected and why.
 *
 * It runs as the passes of `startAnalysis` / `mapShard` / `completePass` / `finishAnalysis` over shards of
 * `SHARD_ROWS` records, synchronously: one algorithm for this function, the streaming CLI (`analyzeShards`) and a
 * distributed fleet, which give the same report on the same shards.
 *
 * Pure: the same input and options give the same model. Records with an empty text are left out of the text
 * stages, records with an unreadable date out of the periods; both are counted in the data-quality section.
 *
 * Cost: O(C) for C characters of feedback (sentiment and theme of each text) plus the fit on at most `themeSample`
 * texts; sales detection is O(s · p log p) for s series of p periods.
 * @throws FeedbackMinerError INVALID_ARGUMENT when `input.feedback` or `input.sales` is not an array.
 * @example
 * const data = simulate({ seed: 7 })
 * analyze({ feedback: data.feedback, sales: data.sales }).segments?.length // => 8
 */
export function analyze(input: AnalyzeInput, options: AnalyzeOptions = {}): ReportModel {
  const where = 'analyze';
  if (input === null || typeof input !== 'object') fail('INVALID_ARGUMENT', where, 'input', 'an object', input);
  assertArray(where, 'input.feedback', input.feedback);
  assertArray(where, 'input.sales', input.sales);
  assertOptions(where, options);
  return analyzeArray(input, options);
}
