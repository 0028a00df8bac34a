/**
 * The report model: plain, JSON-serialisable data that the pipeline fills and that `renderHtml`,
 * `renderMarkdown` and `renderJson` render. Nothing here is computed by the renderers except presentation
 * (changes versus the previous period, percentages, chart geometry): every statistic arrives ready-made.
 *
 * Shapes are structural and minimal so that the stages' own results (an `Anomaly`, a `ChangePoint`, a `Theme`
 * with extra fields) can be passed in as they are. Every section except `version` and `title` is optional: a
 * missing section is left out of the report, an empty one is shown as "none found" (which is a finding).
 */

/** A point in time: an ISO 8601 date string (`2026-03-02`), or a number (epoch ms, or an index). */
export type ReportTime = string | number;

/** One observation of a series. */
export interface ReportPoint {
  readonly t: ReportTime;
  readonly value: number;
}

/** A period the report covers, or the one it is compared with. */
export interface ReportPeriod {
  /** ISO 8601 date of the first day. */
  readonly start: string;
  /** ISO 8601 date of the last day. */
  readonly end: string;
  /** A human label: `"Q1 2026"`, `"weeks 1-13"`. */
  readonly label?: string;
}

/** A headline figure with its value in the previous period, for the change. */
export interface ReportFigure {
  /** `null` when it could not be computed (no data): shown as "n/a". */
  readonly value: number | null;
  readonly previous?: number | null;
  /** A confidence interval, if the method gives one. */
  readonly lower?: number;
  readonly upper?: number;
  /** Confidence level of `lower`/`upper`, e.g. 0.95. */
  readonly level?: number;
  /** How many observations it rests on. */
  readonly n?: number;
}

/** Net Promoter Score (Reichheld 2003): % promoters (9-10) minus % detractors (0-6), in [-100, 100]. */
export interface ReportNps extends ReportFigure {
  readonly promoters?: number;
  readonly passives?: number;
  readonly detractors?: number;
}

/** Mean sentiment score in [-1, 1], with the share of positive and negative texts. */
export interface ReportSentiment extends ReportFigure {
  readonly positiveShare?: number;
  readonly negativeShare?: number;
}

/** Headline figures; each is optional. */
export interface ReportHeadline {
  readonly nps?: ReportNps;
  readonly sentiment?: ReportSentiment;
  /** Number of feedback records in the period. */
  readonly volume?: ReportFigure;
  /** Any other figure the pipeline wants on the front page (sales, forecast accuracy, ...). */
  readonly extra?: readonly ReportExtraFigure[];
}

/** A further headline figure with its own label and unit. */
export interface ReportExtraFigure extends ReportFigure {
  readonly label: string;
  /** `'percent'` values are fractions (0.12 shows as 12%); `'number'` is the default. */
  readonly unit?: 'number' | 'percent' | 'currency';
  /** Whether a rise is good news (`'up'`), bad news (`'down'`), or neither (`'neutral'`, the default). */
  readonly better?: 'up' | 'down' | 'neutral';
}

/** A verbatim piece of feedback shown as evidence. */
export interface ReportQuote {
  readonly text: string;
  readonly id?: string;
  readonly date?: string;
  readonly source?: string;
  /** Sentiment score in [-1, 1]. */
  readonly sentiment?: number;
  readonly rating?: number;
  /** Where it came from, e.g. `"North / Online"`. */
  readonly segment?: string;
}

/** How a theme's volume moved. */
export interface ReportTrend {
  readonly direction: 'rising' | 'falling' | 'steady' | 'new';
  /** Relative change of weekly volume, e.g. 0.8 for +80%. */
  readonly change?: number | null;
  /** p-value of the trend test, if one was run. */
  readonly pValue?: number | null;
  /** The test used, e.g. `"Mann-Kendall"`. */
  readonly method?: string;
}

/** One theme found in the feedback. */
export interface ReportTheme {
  readonly id: string | number;
  readonly label: string;
  /** The terms that define it, most characteristic first. */
  readonly terms?: readonly string[];
  /** Number of feedback records in the theme. */
  readonly size: number;
  /** Share of all records in the period, in [0, 1]. */
  readonly share?: number | null;
  /** Mean sentiment in [-1, 1]. */
  readonly sentiment?: number | null;
  readonly trend?: ReportTrend;
  /** Weekly volume, for the sparkline. */
  readonly weekly?: readonly ReportPoint[];
  readonly quotes?: readonly ReportQuote[];
}

/** A sales anomaly; an `Anomaly` from `detectAnomalies` fits as it is. */
export interface ReportAnomaly {
  readonly t: ReportTime;
  /** Index into the segment's series, used when `t` is not found in it. */
  readonly index?: number;
  readonly value: number;
  readonly expected: number;
  readonly lower?: number;
  readonly upper?: number;
  readonly score?: number;
  readonly direction: 'up' | 'down';
  readonly method?: string;
  /** A known event on that date (a holiday, a promotion). */
  readonly event?: string;
}

/** A change of level; a `ChangePoint` from `detectChangePoints` fits as it is. */
export interface ReportChangePoint {
  readonly t: ReportTime;
  readonly index?: number;
  /** Mean level before and after. */
  readonly before: number;
  readonly after: number;
  readonly method?: string;
}

/** The expected value and band at one time (seasonal + trend fit and its interval). */
export interface ReportBandPoint {
  readonly t: ReportTime;
  readonly expected: number;
  readonly lower: number;
  readonly upper: number;
}

/** A theme whose volume rose before a sales break, as `explainAnomaly` reports it. */
export interface ReportExplainingTheme {
  readonly label: string;
  /** Ratio of the theme's rate in the window before the break to its baseline rate: 2.5 means 2.5 times. */
  readonly lift: number | null;
  /** Records in the window before the break. */
  readonly count?: number | null;
  /** Records expected from the baseline. */
  readonly baseline?: number | null;
  readonly pValue?: number | null;
  readonly quotes?: readonly ReportQuote[];
}

/** The feedback that may explain one anomaly or change point. */
export interface ReportExplanation {
  /** The time of the anomaly or change point explained. */
  readonly t: ReportTime;
  readonly kind: 'anomaly' | 'changePoint';
  /** A sentence for the meeting, e.g. "Stock-out complaints tripled in the two weeks before the drop." */
  readonly summary?: string;
  readonly themes: readonly ReportExplainingTheme[];
}

/** A dated event to mark on a chart (a promotion, a holiday, an action). */
export interface ReportEvent {
  readonly t: ReportTime;
  readonly label: string;
}

/** Sales of one segment with what broke from its pattern and why. */
export interface ReportSegment {
  /** A label for the segment: `"Brewmaster 2 / North / Online"`. */
  readonly label: string;
  /** The dimension values that define it. */
  readonly dimensions?: Readonly<Record<string, string>>;
  /** Which KPI: `"units"`, `"revenue"`, ... */
  readonly measure: string;
  readonly series: readonly ReportPoint[];
  /** Expected value and band per point, if the detector gives one for every point. */
  readonly band?: readonly ReportBandPoint[];
  readonly anomalies: readonly ReportAnomaly[];
  readonly changePoints: readonly ReportChangePoint[];
  readonly explanations?: readonly ReportExplanation[];
  readonly events?: readonly ReportEvent[];
}

/** Forecast accuracy of one planning cycle (Hyndman & Koehler 2006 for the measures). */
export interface ReportForecastCycle {
  readonly cycle: string;
  /** Forecast-actual pairs scored. */
  readonly n?: number;
  /**
   * Fractions: 0.12 is 12% (`forecastAccuracy` reports percent: divide by 100). `null` when undefined (MAPE
   * with zero actuals) and shown as n/a.
   */
  readonly mape?: number | null;
  readonly wape?: number | null;
  /** Relative bias as a fraction (sum of forecast - actual over sum of actual): positive is over-forecasting. */
  readonly bias?: number | null;
  readonly trackingSignal?: number | null;
  readonly mase?: number | null;
  /** Forecast value added per planning step (Gilliland 2010): WAPE at each step, naive first. */
  readonly steps?: readonly { readonly step: string; readonly wape: number | null }[];
  /** The worst groups of the cycle. */
  readonly worstGroups?: readonly { readonly group: string; readonly wape: number | null; readonly bias?: number | null }[];
}

/** A lesson drawn from comparing cycles. */
export interface ReportLesson {
  readonly text: string;
  readonly cycle?: string;
  readonly kind?: 'improved' | 'worsened' | 'bias' | 'info';
}

/** Forecast accuracy per cycle and what was learned. */
export interface ReportForecast {
  readonly cycles: readonly ReportForecastCycle[];
  readonly lessons?: readonly ReportLesson[];
}

/** What an action did to its segment's KPI. */
export interface ReportAction {
  readonly id?: string;
  /** ISO 8601 date it took effect. */
  readonly date: string;
  readonly description: string;
  readonly scope?: Readonly<Record<string, string>>;
  readonly kind?: string;
  readonly measure?: string;
  /** Mean KPI level before and after. */
  readonly before?: number | null;
  readonly after?: number | null;
  /** Estimated relative effect (0.05 is +5%) and its interval. */
  readonly effect?: number | null;
  readonly lower?: number | null;
  readonly upper?: number | null;
  readonly verdict?: 'helped' | 'hurt' | 'unclear';
  /** How the effect was estimated, e.g. `"difference in differences"`. */
  readonly method?: string;
  /** The KPI around the action, for a sparkline. */
  readonly series?: readonly ReportPoint[];
}

/** A row that was skipped, with where and why (`Rejected` from records.ts fits). */
export interface ReportRejected {
  readonly row: number;
  readonly field: string;
  readonly reason: string;
  readonly file?: string;
}

/** One input and what happened to its rows. */
export interface ReportSource {
  /** A file name or `"feedback"`, `"sales"`, ... */
  readonly name: string;
  readonly rowsRead: number;
  readonly rowsAccepted?: number;
  /** The rejected rows (possibly only the first ones; see `rejectedCount`). */
  readonly rejected?: readonly ReportRejected[];
  /** Total rejected, when `rejected` lists only some of them. */
  readonly rejectedCount?: number;
}

/** How much of the input made it into the analysis. */
export interface ReportDataQuality {
  readonly sources: readonly ReportSource[];
  readonly warnings?: readonly string[];
}

/** The whole report. */
export interface ReportModel {
  /** Version of this model's shape; renderers refuse other versions. */
  readonly version: 1;
  readonly title: string;
  readonly subtitle?: string;
  /** Given by the caller (the library reads no clock). */
  readonly generatedAt?: string;
  /** e.g. `"feedback-miner 0.1.0"`. */
  readonly generator?: string;
  /** The seed of a simulated run. */
  readonly seed?: number;
  readonly period?: ReportPeriod;
  readonly previousPeriod?: ReportPeriod;
  /** Key findings, one sentence each, shown first ("Out-of-stock complaints tripled before the North drop."). */
  readonly summary?: readonly string[];
  readonly headline?: ReportHeadline;
  readonly themes?: readonly ReportTheme[];
  readonly segments?: readonly ReportSegment[];
  readonly forecast?: ReportForecast;
  readonly actions?: readonly ReportAction[];
  readonly dataQuality?: ReportDataQuality;
}

/** Options shared by the renderers. */
export interface RenderOptions {
  /** Quotes shown per theme or explanation (default 3). */
  readonly maxQuotes?: number;
  /** Segments drawn in full; the others are listed in a table (default 12). */
  readonly maxSegments?: number;
  /** Rejected rows listed per source; all are counted (default 10). */
  readonly maxRejectedRows?: number;
}
