import { assertArray, assertOptions, fail } from '../errors';
import type { FeedbackRecord, SalesRecord } from '../records';
import type { ReportModel, ReportSource } from '../report/types';
import { createSentimentScorer } from '../sentiment/scoreSentiment';
import { buildActions } from './sections/actions';
import { buildForecast } from './sections/forecast';
import { buildHeadline, choosePeriods } from './sections/headline';
import { buildSegments } from './sections/segments';
import { buildThemes } from './sections/themes';
import type { AnalyzeInput, AnalyzeOptions } from './types';
import type { EnrichedFeedback } from './sections/enriched';

/**
 * The whole feedback-mining pipeline, from typed records to a report model (render it with `renderHtml`,
 * `renderMarkdown` or `renderJson`):
 * 1. every feedback text is scored (`scoreSentiment`) and assigned a theme (`clusterTexts`);
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
 * Pure: the same input and options give the same model. Records with an empty text or an unreadable date are
 * left out of the text stages and counted in the data-quality section.
 *
 * Cost: dominated by theme clustering, O(n · (v + k · d)) for n texts; sales detection is O(s · p log p) for s
 * series of p periods.
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
  const warnings: string[] = [];
  const measure = options.measure ?? 'units';

  const score = createSentimentScorer();
  const usable: EnrichedFeedback[] = [];
  let emptyTexts = 0;
  for (const record of input.feedback as readonly FeedbackRecord[]) {
    if (typeof record.text !== 'string' || record.text.trim() === '') {
      emptyTexts += 1;
      continue;
    }
    const sentiment = score(record.text);
    usable.push({ ...record, sentiment: sentiment.score, sentimentLabel: sentiment.label });
  }
  if (emptyTexts > 0) warnings.push(`${emptyTexts} feedback record(s) with an empty text were left out of the text analysis`);

  const periods = choosePeriods(usable, input.sales as readonly SalesRecord[], options.periodWeeks ?? 13);
  const themed = buildThemes(usable, { k: options.k ?? 'auto', seed: options.seed ?? 1, periods });
  warnings.push(...themed.warnings);
  const enriched = themed.records;

  const segments = buildSegments(input.sales as readonly SalesRecord[], enriched, {
    measure,
    segmentBy: options.segmentBy ?? ['product', 'region'],
    actions: input.actions ?? [],
    events: input.events ?? [],
    maxSegments: options.maxSegments ?? 8,
  });
  warnings.push(...segments.warnings);

  const forecast = input.forecasts === undefined || input.forecasts.length === 0 ? undefined : buildForecast(input.forecasts);
  if (forecast !== undefined) warnings.push(...forecast.warnings);
  const actions =
    input.actions === undefined || input.actions.length === 0
      ? undefined
      : buildActions(input.actions, input.sales as readonly SalesRecord[], enriched, measure);
  if (actions !== undefined) warnings.push(...actions.warnings);

  const headline = buildHeadline(enriched, input.sales as readonly SalesRecord[], periods, measure, forecast?.latestWape);

  const summary: string[] = [];
  summary.push(...segments.findings.slice(0, 3));
  summary.push(...themed.findings.slice(0, 2));
  if (headline.finding !== undefined) summary.push(headline.finding);
  if (forecast !== undefined) summary.push(...forecast.findings.slice(0, 2));
  if (actions !== undefined) summary.push(...actions.findings.slice(0, 2));

  const model: ReportModel = {
    version: 1,
    title: options.title ?? 'Feedback and sales report',
    subtitle: `${enriched.length.toLocaleString('en')} feedback records, ${input.sales.length.toLocaleString('en')} sales rows${
      input.forecasts ? `, ${input.forecasts.length.toLocaleString('en')} forecasts` : ''
    }`,
    generator: 'feedback-miner 0.1.0',
    ...(options.generatedAt === undefined ? {} : { generatedAt: options.generatedAt }),
    ...(options.dataSeed === undefined ? {} : { seed: options.dataSeed }),
    ...(periods.current === undefined ? {} : { period: periods.current }),
    ...(periods.previous === undefined ? {} : { previousPeriod: periods.previous }),
    summary,
    headline: headline.headline,
    themes: themed.themes,
    segments: segments.segments,
    ...(forecast === undefined ? {} : { forecast: forecast.forecast }),
    ...(actions === undefined ? {} : { actions: actions.actions }),
    dataQuality: {
      sources: dataSources(input, emptyTexts),
      warnings,
    },
  };
  return model;
}

function dataSources(input: AnalyzeInput, emptyTexts: number): ReportSource[] {
  const kinds = ['feedback', 'sales', 'forecasts', 'actions'] as const;
  const sources: ReportSource[] = [];
  for (const kind of kinds) {
    const records = input[kind];
    if (records === undefined) continue;
    const name = input.sources?.[kind] ?? kind;
    const rejected = (input.rejected ?? []).filter((r) => r.file === input.sources?.[kind]);
    const accepted = kind === 'feedback' ? records.length - emptyTexts : records.length;
    const extra =
      kind === 'feedback' && emptyTexts > 0 ? [{ row: -1, field: 'text', reason: `${emptyTexts} record(s) with an empty text` }] : [];
    sources.push({
      name,
      rowsRead: input.rowsRead?.[kind] ?? records.length,
      rowsAccepted: accepted,
      rejected: [...rejected.slice(0, 50).map((r) => ({ row: r.line, field: r.field, reason: r.reason, file: r.file })), ...extra],
      rejectedCount: rejected.length + (kind === 'feedback' ? emptyTexts : 0),
    });
  }
  return sources;
}
