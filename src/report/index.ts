/**
 * Reports: one plain-data report model, rendered as self-contained HTML (inline CSS and SVG), Markdown and
 * JSON, with SVG charts written here (time series with anomalies, expected band and change points; bars;
 * sparklines).
 */
export type {
  RenderOptions,
  ReportAction,
  ReportAnomaly,
  ReportBandPoint,
  ReportChangePoint,
  ReportDataQuality,
  ReportEvent,
  ReportExplainingTheme,
  ReportExplanation,
  ReportExtraFigure,
  ReportFigure,
  ReportForecast,
  ReportForecastCycle,
  ReportHeadline,
  ReportLesson,
  ReportModel,
  ReportNps,
  ReportPeriod,
  ReportPoint,
  ReportQuote,
  ReportRejected,
  ReportSegment,
  ReportSentiment,
  ReportSource,
  ReportTheme,
  ReportTime,
  ReportTrend,
} from './types';
export { renderHtml } from './renderHtml';
export { renderMarkdown } from './renderMarkdown';
export { renderJson, type RenderJsonOptions } from './renderJson';
export { validateReportModel, type ReportModelCheck } from './validate';
export { escapeHtml, escapeMarkdown } from './escape';
export { niceNumber, niceTicks, type NiceScale } from './svg/niceTicks';
export { timeSeriesSvg, type TimeSeriesSvgOptions } from './svg/timeSeriesSvg';
export { barChartSvg, type BarChartSvgOptions, type BarDatum } from './svg/barChartSvg';
export { sparklineSvg, type SparklineSvgOptions } from './svg/sparklineSvg';
