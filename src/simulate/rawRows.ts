import { assertNumberOption, assertOptions, fail } from '../errors';
import type { ActionField, FeedbackField, ForecastField, SalesField } from '../records';
import { Random } from './random';
import type { Simulation } from './types';

/** Options of {@link toRawRows}. */
export interface RawRowsOptions {
  /** Seed of the defects drawn. */
  readonly seed: number;
  /** Share of rows given a defect, from 0 to 0.5. Default 0.02. */
  readonly errorRate?: number;
  /** Put a UTF-8 byte-order mark on the first header, as spreadsheet exports do. Default true. */
  readonly bom?: boolean;
}

/** Kinds of defect planted in raw rows. */
export type DefectKind =
  | 'us-date'
  | 'impossible-date'
  | 'empty-text'
  | 'blank-text'
  | 'not-a-number'
  | 'thousands-separator'
  | 'nan'
  | 'missing-measures'
  | 'missing-forecast'
  | 'nul-bytes'
  | 'padded';

/** One defect planted in a raw row, and whether validation with default options must reject the row for it. */
export interface PlantedDefect {
  readonly table: 'feedback' | 'sales' | 'forecasts' | 'actions';
  /** 0-based index of the row in its table. */
  readonly row: number;
  /** The column (header) changed. */
  readonly column: string;
  readonly kind: DefectKind;
  /** What the cell now holds. */
  readonly value: string;
  /** True when the row must be rejected; false for defects that validation repairs (NUL bytes, padding). */
  readonly rejected: boolean;
}

/** A simulation as raw rows of strings, the way a CSV reader delivers them, with planted defects. */
export interface RawTables {
  readonly feedback: Record<string, string>[];
  readonly sales: Record<string, string>[];
  readonly forecasts: Record<string, string>[];
  readonly actions: Record<string, string>[];
  /** The `options.fields` that map these headers to record fields, per table. */
  readonly fields: {
    readonly feedback: Readonly<Partial<Record<FeedbackField, string>>>;
    readonly sales: Readonly<Partial<Record<SalesField, string>>>;
    readonly forecasts: Readonly<Partial<Record<ForecastField, string>>>;
    readonly actions: Readonly<Partial<Record<ActionField, string>>>;
  };
  readonly defects: readonly PlantedDefect[];
}

const FEEDBACK_COLUMNS = {
  id: 'ID',
  text: 'Comment',
  date: 'Created At',
  source: 'Source',
  rating: 'Score',
  authorRole: 'Author Role',
  product: 'Product',
  region: 'Region',
  channel: 'Channel',
} as const;
const SALES_COLUMNS = {
  date: 'Week',
  product: 'Product',
  region: 'Region',
  channel: 'Channel',
  revenue: 'Net Sales',
  units: 'Units',
  orders: 'Orders',
  visits: 'Sessions',
  newCustomers: 'New Customers',
} as const;
const FORECAST_COLUMNS = {
  period: 'Month',
  group: 'Item',
  forecast: 'Forecast',
  actual: 'Actual',
  lag: 'Lag',
  step: 'Step',
  cycle: 'Cycle',
} as const;
const ACTION_COLUMNS = { id: 'ID', date: 'Effective', description: 'Action', kind: 'Type', scope: 'Scope' } as const;

const cell = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

/** Rows of strings under the given headers; the first header carries a BOM when asked. */
function tabulate(
  records: readonly object[],
  columns: Readonly<Record<string, string>>,
  bom: boolean,
  format: (field: string, value: unknown) => string = (_, value) => cell(value),
): Record<string, string>[] {
  const entries = Object.entries(columns);
  return records.map((record) => {
    const row: Record<string, string> = {};
    entries.forEach(([field, header], index) => {
      row[index === 0 && bom ? `\uFEFF${header}` : header] = format(field, (record as Record<string, unknown>)[field]);
    });
    return row;
  });
}

/** `YYYY-MM-DD...` as the US `MM/DD/YYYY` a spreadsheet might write. */
const usDate = (iso: string): string => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;

/**
 * Turns a {@link simulate} result into raw rows of strings, as a CSV reader would deliver an export with its own
 * headers (`Comment`, `Created At`, `Net Sales`, ...), a byte-order mark on the first header, and defects planted
 * in a share of the rows: US-style and impossible dates, empty and blank comments, `"12abc"`, `"NaN"` and
 * `"1,234"` numbers, rows with no sales measure or no forecast, and defects validation repairs (NUL bytes,
 * padding). Every defect is listed with whether validation must reject its row, so tests and demos can check that
 * `validateFeedback(raw.feedback, { fields: raw.fields.feedback })` keeps and rejects exactly what it should.
 *
 * Cost: O(n·f) for n records of f fields.
 * @throws FeedbackMinerError INVALID_ARGUMENT when `simulation` is not a simulation; INVALID_OPTION when the seed is
 *   not an integer or `errorRate` not a number from 0 to 0.5.
 * @example
 * const raw = toRawRows(simulate({ seed: 7 }), { seed: 1 });
 * raw.defects[0] // => { table: 'feedback', row: 14, column: 'Comment', kind: 'blank-text', value: ' \t ', rejected: true }
 * validateFeedback(raw.feedback, { fields: raw.fields.feedback }).rejected.length // => 36
 * raw.defects.filter(d => d.table === 'feedback' && d.rejected).length // => 36
 */
export function toRawRows(simulation: Simulation, options: RawRowsOptions): RawTables {
  const where = 'toRawRows';
  if (
    simulation === null ||
    typeof simulation !== 'object' ||
    !Array.isArray(simulation.feedback) ||
    !Array.isArray(simulation.sales) ||
    !Array.isArray(simulation.forecasts) ||
    !Array.isArray(simulation.actions)
  ) {
    fail('INVALID_ARGUMENT', where, 'simulation', 'the result of simulate()', simulation);
  }
  if (options === undefined) fail('INVALID_OPTION', where, 'options.seed', 'an integer', undefined);
  assertOptions(where, options);
  const { seed, errorRate = 0.02, bom = true } = options;
  assertNumberOption(where, 'options.seed', seed, { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER, integer: true });
  assertNumberOption(where, 'options.errorRate', errorRate, { min: 0, max: 0.5 });
  if (typeof bom !== 'boolean') fail('INVALID_OPTION', where, 'options.bom', 'a boolean', bom);
  const random = new Random(seed, 5);
  const defects: PlantedDefect[] = [];

  const feedback = tabulate(simulation.feedback, FEEDBACK_COLUMNS, bom);
  const sales = tabulate(simulation.sales, SALES_COLUMNS, bom);
  const forecasts = tabulate(simulation.forecasts, FORECAST_COLUMNS, bom);
  const actions = tabulate(simulation.actions, ACTION_COLUMNS, bom, (field, value) =>
    field === 'scope'
      ? Object.entries(value as Record<string, string>)
          .map(([key, entry]) => `${key}=${entry}`)
          .join('; ')
      : cell(value),
  );

  const plant = (
    table: PlantedDefect['table'],
    rows: Record<string, string>[],
    choices: readonly (readonly [DefectKind, string, boolean, (value: string) => string])[],
  ): void => {
    rows.forEach((row, index) => {
      if (!random.chance(errorRate)) return;
      const [kind, header, rejected, change] = random.pick(choices);
      const key = row[header] !== undefined ? header : `\uFEFF${header}`;
      const value = change(row[key] ?? '');
      row[key] = value;
      defects.push({ table, row: index, column: header, kind, value, rejected });
    });
  };
  const F = FEEDBACK_COLUMNS;
  plant('feedback', feedback, [
    ['us-date', F.date, true, (v) => usDate(v)],
    ['impossible-date', F.date, true, (v) => `${v.slice(0, 5)}02-30`],
    ['empty-text', F.text, true, () => ''],
    ['blank-text', F.text, true, () => ' \t '],
    ['nul-bytes', F.text, false, (v) => `${v}\u0000\u0000`],
    ['padded', F.text, false, (v) => `  ${v}  `],
  ]);
  const S = SALES_COLUMNS;
  plant('sales', sales, [
    ['not-a-number', S.units, true, (v) => `${v}abc`],
    ['thousands-separator', S.revenue, true, () => '1,234.50'],
    ['nan', S.orders, true, () => 'NaN'],
    ['impossible-date', S.date, true, (v) => `${v.slice(0, 5)}13-01`],
    ['padded', S.units, false, (v) => ` ${v} `],
  ]);
  // Missing measures need every measure column blank at once.
  sales.forEach((row, index) => {
    if (!random.chance(errorRate / 5)) return;
    for (const header of [S.revenue, S.units, S.orders, S.visits, S.newCustomers]) row[header] = '';
    defects.push({ table: 'sales', row: index, column: S.units, kind: 'missing-measures', value: '', rejected: true });
  });
  plant('forecasts', forecasts, [
    ['missing-forecast', FORECAST_COLUMNS.forecast, true, () => ''],
    ['us-date', FORECAST_COLUMNS.period, true, (v) => usDate(v)],
  ]);
  return {
    feedback,
    sales,
    forecasts,
    actions,
    fields: { feedback: FEEDBACK_COLUMNS, sales: SALES_COLUMNS, forecasts: FORECAST_COLUMNS, actions: ACTION_COLUMNS },
    defects,
  };
}
