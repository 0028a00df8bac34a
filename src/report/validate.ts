import { assertNumberOption, assertOptions, describeValue, fail } from '../errors';
import type { RenderOptions, ReportModel, ReportPoint } from './types';
import { checkShape, MODEL_SHAPE } from './schema';
import { buildXAxis } from './svg/timeAxis';

/** The result of `validateReportModel`: the model, and the data problems the report will show. */
export interface ReportModelCheck {
  readonly model: ReportModel;
  /** Bad data found in the model (a NaN in a series, an empty quote, an anomaly off its series). */
  readonly warnings: string[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * Checks a report model before rendering. Misuse (not an object, another `version`, any field of the wrong
 * type, a required field missing: the whole shape of `ReportModel` is checked) throws, naming the field; bad data inside a well-formed model (a non-finite value, an
 * empty quote, an anomaly whose time is not on its series) never throws: it is returned as a warning, and the
 * renderers show these warnings in the report's data-quality section, so nothing is dropped silently.
 *
 * Cost: O(size of the model).
 * @throws FeedbackMinerError INVALID_ARGUMENT (`"renderHtml: expected model.version to be 1, found 2"`).
 * @example validateReportModel({ version: 1, title: 'Q1' }).warnings // => []
 */
export function validateReportModel(model: unknown, where = 'validateReportModel'): ReportModelCheck {
  if (!isObject(model)) fail('INVALID_ARGUMENT', where, 'model', 'a report model object', model);
  if (model.version !== 1) fail('INVALID_ARGUMENT', where, 'model.version', '1', model.version);
  if (typeof model.title !== 'string') fail('INVALID_ARGUMENT', where, 'model.title', 'a string', model.title);
  checkShape(where, 'model', model, MODEL_SHAPE);
  const typed = model as unknown as ReportModel;
  const warnings: string[] = [];
  const figure = (name: string, value: unknown): void => {
    if (value !== null && value !== undefined && !isFiniteNumber(value)) {
      warnings.push(`${name} is ${describeValue(value)}, not a finite number; shown as n/a.`);
    }
  };

  const headline = typed.headline;
  if (headline !== undefined) {
    for (const key of ['nps', 'sentiment', 'volume'] as const) {
      const f = headline[key];
      if (f !== undefined) {
        figure(`Headline ${key}`, f.value);
        figure(`Headline ${key} (previous period)`, f.previous);
      }
    }
    (headline.extra ?? []).forEach((f) => {
      figure(`Headline ${String(f?.label)}`, f?.value);
      figure(`Headline ${String(f?.label)} (previous period)`, f?.previous);
    });
  }

  const quotes = (owner: string, list: unknown): void => {
    if (list === undefined) return;
    if (!Array.isArray(list)) return;
    const empty = list.filter((q) => !isObject(q) || typeof q.text !== 'string' || q.text.trim() === '').length;
    if (empty > 0) warnings.push(`${owner}: ${empty} empty quote${empty === 1 ? '' : 's'} not shown.`);
  };

  (typed.themes ?? []).forEach((theme) => {
    const name = `Theme "${String(theme.label)}"`;
    figure(`${name} size`, theme.size);
    quotes(name, theme.quotes);
    const missing = countMissing(theme.weekly);
    if (missing > 0) warnings.push(`${name}: ${missing} weekly value${missing === 1 ? ' is missing or not a number' : 's are missing or not numbers'}; drawn as gaps.`);
  });

  (typed.segments ?? []).forEach((segment) => {
    const name = `Segment "${String(segment.label)}"`;
    const missing = countMissing(segment.series);
    if (missing > 0) {
      warnings.push(
        `${name}: ${missing} of ${segment.series.length} ${String(segment.measure)} values ${missing === 1 ? 'is missing or not a number' : 'are missing or not numbers'}; drawn as gaps.`,
      );
    }
    const axis = buildXAxis(segment.series.map((p) => (isObject(p) ? (p as unknown as ReportPoint).t : '')));
    const offSeries = [...segment.anomalies, ...segment.changePoints].filter(
      (mark) => {
        const position = isObject(mark) ? axis.locate(mark.t, mark.index) : undefined;
        return position === undefined || position < axis.min || position > axis.max;
      },
    ).length;
    if (offSeries > 0) {
      warnings.push(`${name}: ${offSeries} anomal${offSeries === 1 ? 'y or change point is' : 'ies or change points are'} not on the series' time axis; listed but not drawn.`);
    }
    (segment.explanations ?? []).forEach((explanation) => {
      (explanation?.themes ?? []).forEach((theme) => {
        figure(`${name}: lift of "${String(theme?.label)}"`, theme?.lift);
        quotes(`${name}: "${String(theme?.label)}"`, theme?.quotes);
      });
    });
  });

  if (typed.dataQuality !== undefined) {
    typed.dataQuality.sources.forEach((source) => {
      figure(`Rows read from ${String(source?.name)}`, source?.rowsRead);
    });
  }
  return { model: typed, warnings };
}

function countMissing(points: unknown): number {
  if (!Array.isArray(points)) return 0;
  return points.filter((p) => !isObject(p) || !isFiniteNumber(p.value)).length;
}

/** Render options with their defaults filled in, after checking them. */
export interface ResolvedRenderOptions {
  readonly maxQuotes: number;
  readonly maxSegments: number;
  readonly maxRejectedRows: number;
}

/** Checks and completes `RenderOptions`. @throws FeedbackMinerError INVALID_OPTION */
export function resolveRenderOptions(where: string, options: RenderOptions | undefined): ResolvedRenderOptions {
  assertOptions(where, options);
  const maxQuotes = options?.maxQuotes ?? 3;
  const maxSegments = options?.maxSegments ?? 12;
  const maxRejectedRows = options?.maxRejectedRows ?? 10;
  assertNumberOption(where, 'options.maxQuotes', maxQuotes, { min: 0, integer: true });
  assertNumberOption(where, 'options.maxSegments', maxSegments, { min: 0, integer: true });
  assertNumberOption(where, 'options.maxRejectedRows', maxRejectedRows, { min: 0, integer: true });
  return { maxQuotes, maxSegments, maxRejectedRows };
}
