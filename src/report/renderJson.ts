import { assertNumberOption, assertOptions } from '../errors';
import type { ReportModel } from './types';
import { validateReportModel } from './validate';

/** Options of `renderJson`. */
export interface RenderJsonOptions {
  /** Spaces of indentation, 0 for one line (default 2). */
  readonly indent?: number;
}

/**
 * Renders a report model as JSON for other tools: the model as it is (key order kept), plus a `warnings`
 * array with the data problems `validateReportModel` found (so a consumer sees what the HTML report flags).
 * Non-finite numbers, which JSON cannot hold, become `null`, and each one is named in `warnings`.
 * `JSON.parse(renderJson(model))` gives back the model (plus `warnings`) for any JSON-clean model.
 *
 * Cost: O(size of the model).
 * @throws FeedbackMinerError INVALID_ARGUMENT for a model that is not a version-1 report model;
 *   INVALID_OPTION for an `indent` that is not an integer from 0 to 8.
 * @example renderJson({ version: 1, title: 'Q1' }, { indent: 0 }) // => '{"version":1,"title":"Q1","warnings":[]}\n'
 */
export function renderJson(model: ReportModel, options?: RenderJsonOptions): string {
  const { warnings } = validateReportModel(model, 'renderJson');
  assertOptions('renderJson', options);
  const indent = options?.indent ?? 2;
  assertNumberOption('renderJson', 'options.indent', indent, { min: 0, max: 8, integer: true });
  const nonFinite: string[] = [];
  const json = JSON.stringify(
    { ...model, warnings },
    function replacer(this: unknown, key: string, value: unknown) {
      if (typeof value === 'number' && !Number.isFinite(value)) {
        nonFinite.push(key);
        return null;
      }
      // Extra fields a caller kept on a record may hold a bigint, which JSON.stringify refuses.
      return typeof value === 'bigint' ? value.toString() : value;
    },
    indent,
  );
  if (nonFinite.length === 0) return `${json}\n`;
  // Name the fields that held NaN or Infinity; the first pass had to finish before their count was known.
  const counts = new Map<string, number>();
  for (const key of nonFinite) counts.set(key, (counts.get(key) ?? 0) + 1);
  const note = `${nonFinite.length} non-finite number${nonFinite.length === 1 ? '' : 's'} written as null (${[...counts]
    .map(([key, n]) => `${n} in "${key}"`)
    .join(', ')}).`;
  return `${JSON.stringify({ ...model, warnings: [...warnings, note] }, (_key, value: unknown) =>
      typeof value === 'number' && !Number.isFinite(value) ? null : typeof value === 'bigint' ? value.toString() : value, indent)}\n`;
}
