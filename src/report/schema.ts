/**
 * The shape of a report model, checked before rendering so that a malformed model fails with a
 * `FeedbackMinerError` naming the field (`"renderHtml: expected model.themes[2].quotes to be an array, found
 * "abc""`), never with a `TypeError` deep inside a renderer. Only types are checked here: values that are
 * well-typed but bad (NaN, an empty quote) are data problems, reported as warnings by `validateReportModel`.
 * Internal to `report/`.
 */
import { fail } from '../errors';

type Shape =
  | 'string'
  | 'number'
  /** A number, or null for "not computed". */
  | 'number?'
  | 'time'
  | 'boolean'
  | { readonly oneOf: readonly string[] }
  | { readonly arrayOf: Shape }
  | { readonly recordOf: 'string' }
  | { readonly fields: Readonly<Record<string, readonly [Shape, boolean]>> };

const opt = (shape: Shape): readonly [Shape, boolean] => [shape, false];
const req = (shape: Shape): readonly [Shape, boolean] => [shape, true];

const POINT: Shape = { fields: { t: req('time'), value: req('number') } };
const QUOTE: Shape = {
  fields: { text: req('string'), id: opt('string'), date: opt('string'), source: opt('string'), sentiment: opt('number?'), rating: opt('number?'), segment: opt('string') },
};
const FIGURE_FIELDS = { value: req('number?'), previous: opt('number?'), lower: opt('number?'), upper: opt('number?'), level: opt('number?'), n: opt('number?') };
const PERIOD: Shape = { fields: { start: req('string'), end: req('string'), label: opt('string') } };

/** The shape of `ReportModel` (see types.ts). */
export const MODEL_SHAPE: Shape = {
  fields: {
    title: req('string'),
    subtitle: opt('string'),
    generatedAt: opt('string'),
    generator: opt('string'),
    seed: opt('number?'),
    period: opt(PERIOD),
    previousPeriod: opt(PERIOD),
    summary: opt({ arrayOf: 'string' }),
    headline: opt({
      fields: {
        nps: opt({ fields: { ...FIGURE_FIELDS, promoters: opt('number?'), passives: opt('number?'), detractors: opt('number?') } }),
        sentiment: opt({ fields: { ...FIGURE_FIELDS, positiveShare: opt('number?'), negativeShare: opt('number?') } }),
        volume: opt({ fields: FIGURE_FIELDS }),
        extra: opt({
          arrayOf: {
            fields: {
              ...FIGURE_FIELDS,
              label: req('string'),
              unit: opt({ oneOf: ['number', 'percent', 'currency'] }),
              better: opt({ oneOf: ['up', 'down', 'neutral'] }),
            },
          },
        }),
      },
    }),
    themes: opt({
      arrayOf: {
        fields: {
          id: req('time'),
          label: req('string'),
          terms: opt({ arrayOf: 'string' }),
          size: req('number'),
          share: opt('number?'),
          sentiment: opt('number?'),
          trend: opt({ fields: { direction: req('string'), change: opt('number?'), pValue: opt('number?'), method: opt('string') } }),
          weekly: opt({ arrayOf: POINT }),
          quotes: opt({ arrayOf: QUOTE }),
        },
      },
    }),
    segments: opt({
      arrayOf: {
        fields: {
          label: req('string'),
          dimensions: opt({ recordOf: 'string' }),
          measure: req('string'),
          series: req({ arrayOf: POINT }),
          band: opt({ arrayOf: { fields: { t: req('time'), expected: req('number'), lower: req('number'), upper: req('number') } } }),
          anomalies: req({
            arrayOf: {
              fields: {
                t: req('time'),
                index: opt('number'),
                value: req('number'),
                expected: req('number'),
                lower: opt('number?'),
                upper: opt('number?'),
                score: opt('number?'),
                direction: req({ oneOf: ['up', 'down'] }),
                method: opt('string'),
                event: opt('string'),
              },
            },
          }),
          changePoints: req({
            arrayOf: { fields: { t: req('time'), index: opt('number'), before: req('number'), after: req('number'), method: opt('string') } },
          }),
          explanations: opt({
            arrayOf: {
              fields: {
                t: req('time'),
                kind: req({ oneOf: ['anomaly', 'changePoint'] }),
                summary: opt('string'),
                themes: req({
                  arrayOf: {
                    fields: {
                      label: req('string'),
                      lift: req('number?'),
                      count: opt('number?'),
                      baseline: opt('number?'),
                      pValue: opt('number?'),
                      quotes: opt({ arrayOf: QUOTE }),
                    },
                  },
                }),
              },
            },
          }),
          events: opt({ arrayOf: { fields: { t: req('time'), label: req('string') } } }),
        },
      },
    }),
    forecast: opt({
      fields: {
        cycles: req({
          arrayOf: {
            fields: {
              cycle: req('string'),
              n: opt('number?'),
              mape: opt('number?'),
              wape: opt('number?'),
              bias: opt('number?'),
              trackingSignal: opt('number?'),
              mase: opt('number?'),
              steps: opt({ arrayOf: { fields: { step: req('string'), wape: req('number?') } } }),
              worstGroups: opt({ arrayOf: { fields: { group: req('string'), wape: req('number?'), bias: opt('number?') } } }),
            },
          },
        }),
        lessons: opt({ arrayOf: { fields: { text: req('string'), cycle: opt('string'), kind: opt({ oneOf: ['improved', 'worsened', 'bias', 'info'] }) } } }),
      },
    }),
    actions: opt({
      arrayOf: {
        fields: {
          id: opt('string'),
          date: req('string'),
          description: req('string'),
          scope: opt({ recordOf: 'string' }),
          kind: opt('string'),
          measure: opt('string'),
          before: opt('number?'),
          after: opt('number?'),
          effect: opt('number?'),
          lower: opt('number?'),
          upper: opt('number?'),
          verdict: opt({ oneOf: ['helped', 'hurt', 'unclear'] }),
          method: opt('string'),
          series: opt({ arrayOf: POINT }),
        },
      },
    }),
    dataQuality: opt({
      fields: {
        sources: req({
          arrayOf: {
            fields: {
              name: req('string'),
              rowsRead: req('number'),
              rowsAccepted: opt('number?'),
              rejected: opt({ arrayOf: { fields: { row: req('number'), field: req('string'), reason: req('string'), file: opt('string') } } }),
              rejectedCount: opt('number?'),
            },
          },
        }),
        warnings: opt({ arrayOf: 'string' }),
      },
    }),
  },
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Throws INVALID_ARGUMENT at the first value that does not have its shape. Cost: O(size of the value). */
export function checkShape(where: string, path: string, value: unknown, shape: Shape): void {
  if (typeof shape === 'string') {
    switch (shape) {
      case 'string':
        if (typeof value !== 'string') fail('INVALID_ARGUMENT', where, path, 'a string', value);
        return;
      case 'number':
        if (typeof value !== 'number') fail('INVALID_ARGUMENT', where, path, 'a number', value);
        return;
      case 'number?':
        if (value !== null && typeof value !== 'number') fail('INVALID_ARGUMENT', where, path, 'a number or null', value);
        return;
      case 'time':
        if (typeof value !== 'string' && typeof value !== 'number') fail('INVALID_ARGUMENT', where, path, 'a date string or a number', value);
        return;
      case 'boolean':
        if (typeof value !== 'boolean') fail('INVALID_ARGUMENT', where, path, 'a boolean', value);
        return;
    }
  }
  if ('oneOf' in shape) {
    if (typeof value !== 'string' || !shape.oneOf.includes(value)) {
      fail('INVALID_ARGUMENT', where, path, `one of ${shape.oneOf.map((s) => `"${s}"`).join(', ')}`, value);
    }
    return;
  }
  if ('arrayOf' in shape) {
    if (!Array.isArray(value)) fail('INVALID_ARGUMENT', where, path, 'an array', value);
    value.forEach((item, i) => checkShape(where, `${path}[${i}]`, item, shape.arrayOf));
    return;
  }
  if ('recordOf' in shape) {
    if (!isPlainObject(value)) fail('INVALID_ARGUMENT', where, path, 'an object', value);
    for (const [key, item] of Object.entries(value)) checkShape(where, `${path}.${key}`, item, shape.recordOf);
    return;
  }
  if (!isPlainObject(value)) fail('INVALID_ARGUMENT', where, path, 'an object', value);
  for (const [key, [fieldShape, required]] of Object.entries(shape.fields)) {
    const field = value[key];
    if (field === undefined) {
      if (required) fail('INVALID_ARGUMENT', where, `${path}.${key}`, describeShape(fieldShape), field);
      continue;
    }
    checkShape(where, `${path}.${key}`, field, fieldShape);
  }
}

function describeShape(shape: Shape): string {
  if (typeof shape === 'string') {
    return { string: 'a string', number: 'a number', 'number?': 'a number or null', time: 'a date string or a number', boolean: 'a boolean' }[shape];
  }
  if ('oneOf' in shape) return `one of ${shape.oneOf.map((s) => `"${s}"`).join(', ')}`;
  if ('arrayOf' in shape) return 'an array';
  return 'an object';
}
