/**
 * The typed records every stage works on. Dates are ISO 8601 strings (`YYYY-MM-DD` or a full timestamp), kept
 * as strings so that records stay plain JSON and no stage depends on the runtime's time zone.
 */

import { assertArray, assertNumberOption, assertOptions, fail } from './errors';
import { daysFromCivil, isoDay, isoWeekStart } from './internal/civil';

/** Where a piece of feedback came from. */
export type FeedbackSource = 'survey' | 'review' | 'social' | 'support' | 'interview' | 'internal' | (string & {});

/** Who wrote it: a customer, or the organisation's own sales and operations people. */
export type AuthorRole = 'customer' | 'sales' | 'operations' | (string & {});

/** One piece of free-text feedback. */
export interface FeedbackRecord {
  readonly id: string;
  readonly text: string;
  /** ISO 8601 date or timestamp. */
  readonly date: string;
  readonly source?: FeedbackSource;
  /** A rating if the channel has one: 0-10 for NPS surveys, 1-5 for reviews and CSAT. */
  readonly rating?: number;
  readonly authorRole?: AuthorRole;
  readonly product?: string;
  readonly region?: string;
  readonly segment?: string;
  readonly channel?: string;
  /** Any further dimensions the caller keeps (store, customer tier, ...). */
  readonly dimensions?: Readonly<Record<string, string>>;
}

/** The sales KPIs a record may carry; any of them may be absent. */
export type SalesMeasure = 'revenue' | 'units' | 'newCustomers' | 'visits' | 'orders';

/** Sales in one period for one segment. */
export interface SalesRecord {
  /** ISO 8601 date of the period (its first day). */
  readonly date: string;
  readonly product?: string;
  readonly region?: string;
  readonly channel?: string;
  readonly revenue?: number;
  readonly units?: number;
  readonly newCustomers?: number;
  readonly visits?: number;
  readonly orders?: number;
  readonly dimensions?: Readonly<Record<string, string>>;
}

/** The planning step that produced a forecast, for forecast value added (naive -> statistical -> consensus). */
export type ForecastStep = 'naive' | 'statistical' | 'consensus' | 'final' | (string & {});

/** A forecast and what actually happened, for one period and one group (product, region, ...). */
export interface ForecastRecord {
  /** ISO 8601 date of the period forecast. */
  readonly period: string;
  readonly group: string;
  readonly forecast: number;
  /** Absent when the period has not happened yet (or the actual is missing). */
  readonly actual?: number;
  /** Periods between the forecast being made and the period forecast. */
  readonly lag?: number;
  readonly step?: ForecastStep;
  /** The planning cycle that made the forecast, e.g. `"2026-03"`. */
  readonly cycle?: string;
}

/** Something the organisation did (a price change, a carrier switch, a promotion), for action impact. */
export interface ActionRecord {
  readonly id?: string;
  /** ISO 8601 date the action took effect. */
  readonly date: string;
  /** Which segment it touched, as dimension values: `{ region: 'North' }`, `{ product: 'X' }`. */
  readonly scope: Readonly<Record<string, string>>;
  readonly description: string;
  readonly kind?: string;
}

/** A row that validation skipped, with where and why. `row` is the 0-based index in the input (or a line number where stated). */
export interface Rejected {
  readonly row: number;
  readonly field: string;
  readonly reason: string;
}

/** What every validation returns: the good records and a trace of every row skipped. */
export interface Validated<T> {
  readonly records: T[];
  readonly rejected: Rejected[];
}

// ---------------------------------------------------------------------------------------------------------------
// Validation: unknown rows (parsed JSON, CSV rows as string records) in, typed records and a trace of every skip out.
// ---------------------------------------------------------------------------------------------------------------

/** The fields of a {@link FeedbackRecord} that a column can be mapped to. */
export type FeedbackField =
  | 'id'
  | 'text'
  | 'date'
  | 'source'
  | 'rating'
  | 'authorRole'
  | 'product'
  | 'region'
  | 'segment'
  | 'channel'
  | 'dimensions';

/** The fields of a {@link SalesRecord} that a column can be mapped to. */
export type SalesField = 'date' | 'product' | 'region' | 'channel' | SalesMeasure | 'dimensions';

/** The fields of a {@link ForecastRecord} that a column can be mapped to. */
export type ForecastField = 'period' | 'group' | 'forecast' | 'actual' | 'lag' | 'step' | 'cycle';

/**
 * The fields of an {@link ActionRecord} that a column can be mapped to. `product`, `region`, `channel` and
 * `segment` are read into `scope` when the row has no `scope` value.
 */
export type ActionField = 'id' | 'date' | 'scope' | 'description' | 'kind' | 'product' | 'region' | 'channel' | 'segment';

/** Options shared by the four validation functions. */
export interface ValidateOptions<Field extends string = string> {
  /**
   * Column (key) to read each record field from, when the input's names differ:
   * `{ text: 'comment', date: 'created_at' }`. Unmapped fields are read from the key of the same name.
   */
  readonly fields?: Readonly<Partial<Record<Field, string>>>;
  /** Accept numbers written with comma thousands separators (`"1,234.5"`). Default false: such a value is rejected. */
  readonly allowThousandsSeparators?: boolean;
  /**
   * Further columns to keep, as strings, in the record's `dimensions` (feedback and sales only), e.g.
   * `['store', 'tier']`. Missing or empty values are left out.
   */
  readonly dimensions?: readonly string[];
  /** Added to every row index reported in `rejected` and used in generated ids, for input validated in chunks. Default 0. */
  readonly rowOffset?: number;
}

/** What {@link parseIsoDate} returns: the normalised string and its instant, or why the text is not a date. */
export type ParsedDate =
  | { readonly ok: true; readonly value: string; /** Epoch milliseconds (UTC; a date without offset counts as UTC). */ readonly time: number }
  | { readonly ok: false; readonly reason: string };

/** What {@link parseStrictNumber} returns: the number, or why the value is not one. */
export type ParsedNumber = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly reason: string };

/** Largest magnitude a validated number may have: beyond it sums and products of real sales figures lose exactness. */
const MAX_MAGNITUDE = Number.MAX_SAFE_INTEGER;

// One linear-time pattern (no nested quantifiers): date, optional time with seconds and fraction, optional offset.
const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:([Tt ])(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;
const ISO_HINT = 'expected an ISO 8601 date YYYY-MM-DD or date-time YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM]';

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (Hinnant 2013); one implementation, in `src/internal/civil`. */
export { daysFromCivil };

/**
 * Parses an ISO 8601 calendar date or date-time strictly, without the runtime's `Date` parser (whose leniency
 * varies between engines: `new Date('2026-02-30')` is 2 March in some).
 *
 * Accepted: `YYYY-MM-DD`, and `YYYY-MM-DDTHH:MM`, `...:SS`, `...:SS.fff` (1 to 9 fraction digits), each with an
 * optional offset `Z`, `±HH`, `±HHMM` or `±HH:MM` (ISO 8601-1:2019 extended format; RFC 3339 §5.6 also allows a
 * space for `T`). The calendar is checked: `2026-02-30` and `2026-13-01` are rejected, as are `24:00`, a leap
 * second (`:60`) and offsets beyond ±18:00. The value is normalised (`T` and `Z` upper case, `.` for the fraction)
 * and otherwise kept as written, so no time zone is applied or lost.
 *
 * With `{ periods: true }` it also reads the reduced forms that name a period (ISO 8601-1:2019 §5.2.2 and §5.2.4):
 * a month `YYYY-MM`, read as its first day, and an ISO week `YYYY-Www`, read as its Monday (week 1 is the week
 * with the year's first Thursday); `2026-W54` and `2025-W53` (2025 has 52 ISO weeks) are rejected.
 *
 * Cost: O(n) in the length of the text (one regular expression without nested quantifiers).
 * @example parseIsoDate('2026-03-04') // => { ok: true, value: '2026-03-04', time: 1772582400000 }
 * @example parseIsoDate('2026-02-30') // => { ok: false, reason: 'day 30 does not exist in 2026-02' }
 * @example parseIsoDate('2026-W10', { periods: true }) // => { ok: true, value: '2026-03-02', time: 1772409600000 }
 * @throws FeedbackMinerError INVALID_ARGUMENT when `text` is not a string.
 */
export function parseIsoDate(text: string, options: { readonly periods?: boolean } = {}): ParsedDate {
  if (typeof text !== 'string') fail('INVALID_ARGUMENT', 'parseIsoDate', 'text', 'a string', text);
  const trimmed = text.trim();
  if (options.periods === true && trimmed.length <= 8) {
    const period = parsePeriod(trimmed);
    if (period !== undefined) return period;
  }
  const match = ISO_PATTERN.exec(trimmed);
  if (match === null) return { ok: false, reason: `${ISO_HINT}, found ${quote(trimmed)}` };
  const [, yearText, monthText, dayText, separator, hourText, minuteText, secondText, fraction, offset] = match;
  const year = Number(yearText);
  const month = Number(monthText);
  const day = Number(dayText);
  if (month < 1 || month > 12) return { ok: false, reason: `month ${month} is out of range 1-12` };
  if (day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, reason: `day ${day} does not exist in ${yearText}-${monthText}` };
  }
  let time = daysFromCivil(year, month, day) * 86_400_000;
  if (separator === undefined) return { ok: true, value: trimmed, time };
  const hour = Number(hourText);
  const minute = Number(minuteText);
  const second = secondText === undefined ? 0 : Number(secondText);
  if (hour > 23) return { ok: false, reason: `hour ${hour} is out of range 0-23` };
  if (minute > 59) return { ok: false, reason: `minute ${minute} is out of range 0-59` };
  if (second > 59) return { ok: false, reason: `second ${second} is out of range 0-59` };
  const millis = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  time += ((hour * 60 + minute) * 60 + second) * 1000 + millis;
  let normalisedOffset = '';
  if (offset !== undefined) {
    if (offset === 'Z' || offset === 'z') normalisedOffset = 'Z';
    else {
      const sign = offset[0] === '-' ? -1 : 1;
      const digits = offset.slice(1).replace(':', '');
      const offsetHours = Number(digits.slice(0, 2));
      const offsetMinutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
      if (offsetMinutes > 59 || offsetHours * 60 + offsetMinutes > 18 * 60) {
        return { ok: false, reason: `offset ${offset} is out of range ±18:00` };
      }
      time -= sign * (offsetHours * 60 + offsetMinutes) * 60_000;
      normalisedOffset = offset;
    }
  }
  const head = trimmed.slice(0, 10);
  const clock = `${hourText}:${minuteText}${secondText === undefined ? '' : `:${secondText}`}${fraction === undefined ? '' : `.${fraction}`}`;
  return { ok: true, value: `${head}T${clock}${normalisedOffset}`, time };
}

// Unambiguous (each character has one way to match), so a failing match is linear: `\d+\.?\d*` would be quadratic
// on a long run of digits followed by garbage.
const MONTH_PATTERN = /^(\d{4})-(\d{2})$/;
const WEEK_PATTERN = /^(\d{4})-?W(\d{2})$/;

/** Day number of the Monday of ISO week 1 of a year: the week holding 4 January. */
function isoWeekOne(year: number): number {
  return isoWeekStart(daysFromCivil(year, 1, 4));
}

/** `YYYY-MM` or `YYYY-Www` as the period's first day; undefined when the text is neither form. */
function parsePeriod(text: string): ParsedDate | undefined {
  const month = MONTH_PATTERN.exec(text);
  if (month !== null) {
    const monthNumber = Number(month[2]);
    if (monthNumber < 1 || monthNumber > 12) return { ok: false, reason: `month ${monthNumber} is out of range 1-12` };
    const value = `${month[1]}-${month[2]}-01`;
    return { ok: true, value, time: daysFromCivil(Number(month[1]), monthNumber, 1) * 86_400_000 };
  }
  const week = WEEK_PATTERN.exec(text);
  if (week === null) return undefined;
  const year = Number(week[1]);
  const weekNumber = Number(week[2]);
  const weeksInYear = (isoWeekOne(year + 1) - isoWeekOne(year)) / 7;
  if (weekNumber < 1 || weekNumber > weeksInYear) {
    return { ok: false, reason: `week ${weekNumber} does not exist in ${week[1]} (it has ${weeksInYear} ISO weeks)` };
  }
  const monday = isoWeekOne(year) + 7 * (weekNumber - 1);
  return { ok: true, value: isoDay(monday), time: monday * 86_400_000 };
}

const DECIMAL_PATTERN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const THOUSANDS_PATTERN = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;

/**
 * Reads a number strictly: a finite JavaScript number, or a string that is entirely a decimal numeral (after
 * trimming), e.g. `"12"`, `"-3.5"`, `"1e3"`, `".5"`. Rejected: `"12abc"`, `""`, `"NaN"`, `"Infinity"`, `"0x10"`,
 * `"1_000"`, NaN, ±Infinity, booleans, and magnitudes above `Number.MAX_SAFE_INTEGER` (where sums of sales stop
 * being exact). `"1,234.5"` is accepted only with `allowThousandsSeparators`. `-0` becomes `0`.
 *
 * Unlike `Number(...)` or `parseFloat`, it never turns garbage into a number (`Number('') === 0`,
 * `parseFloat('12abc') === 12`). Cost: O(n) in the length of the text.
 * @example parseStrictNumber('1,234.5', { allowThousandsSeparators: true }) // => { ok: true, value: 1234.5 }
 * @example parseStrictNumber('12abc') // => { ok: false, reason: 'expected a number, found "12abc"' }
 * @throws never: every input gives a result.
 */
export function parseStrictNumber(
  value: unknown,
  options: { readonly allowThousandsSeparators?: boolean } = {},
): ParsedNumber {
  let parsed: number;
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return { ok: false, reason: 'expected a number, found NaN' };
    parsed = value;
  } else if (typeof value === 'string') {
    const trimmed = value.trim();
    if (DECIMAL_PATTERN.test(trimmed)) parsed = Number(trimmed);
    else if (options.allowThousandsSeparators === true && THOUSANDS_PATTERN.test(trimmed)) {
      parsed = Number(trimmed.replace(/,/g, ''));
    } else return { ok: false, reason: `expected a number, found ${quote(trimmed)}` };
  } else {
    return { ok: false, reason: `expected a number, found ${describe(value)}` };
  }
  if (!Number.isFinite(parsed) || Math.abs(parsed) > MAX_MAGNITUDE) {
    return { ok: false, reason: `expected a finite number of magnitude <= ${MAX_MAGNITUDE}, found ${String(parsed)}` };
  }
  return { ok: true, value: parsed === 0 ? 0 : parsed };
}

function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'bigint') return `${String(value)}n`;
  if (typeof value === 'number' && Object.is(value, -0)) return '-0';
  return String(value);
}

// --- reading one row --------------------------------------------------------------------------------------------

/** A header name as compared when the exact key is absent: no BOM, trimmed, lower case, no spaces, `_` or `-`. */
function looseKey(key: string): string {
  return key.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s_-]+/g, '');
}

/** Loose forms of the header names seen in one validation call (rows of a file share their headers). */
type LooseCache = Map<string, string>;

/** Reads `key` from a row: the exact key first, then a key equal to it after {@link looseKey}. */
function readKey(context: RowContext, key: string, loose: string): unknown {
  const row = context.row;
  if (Object.prototype.hasOwnProperty.call(row, key)) return row[key];
  for (const candidate of Object.keys(row)) {
    let candidateLoose = context.cache.get(candidate);
    if (candidateLoose === undefined) {
      candidateLoose = looseKey(candidate);
      if (context.cache.size < 10_000) context.cache.set(candidate, candidateLoose);
    }
    if (candidateLoose === loose) return row[candidate];
  }
  return undefined;
}

interface RowContext {
  readonly row: Readonly<Record<string, unknown>>;
  readonly index: number;
  readonly problems: Rejected[];
  readonly cache: LooseCache;
}

/** A compiled field reader: the key to read and its loose form. */
interface Column {
  readonly field: string;
  readonly key: string;
  readonly loose: string;
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && cleanString(value) === '');
}

// NUL and other C0 controls except tab, newline and carriage return come from broken encodings; they are removed.
// eslint-disable-next-line no-control-regex
const CONTROL_PATTERN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

const HAS_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function cleanString(value: string): string {
  return (HAS_CONTROL.test(value) ? value.replace(CONTROL_PATTERN, '') : value).trim();
}

function problem(context: RowContext, column: Column, reason: string): undefined {
  context.problems.push({ row: context.index, field: column.key, reason });
  return undefined;
}

/** A free string (text, label, id): strings trimmed; finite numbers as their decimal form when `numbersAllowed`. */
function readString(context: RowContext, column: Column, required: boolean, numbersAllowed: boolean): string | undefined {
  const value = readKey(context, column.key, column.loose);
  if (isBlank(value)) {
    if (required) {
      return problem(
        context,
        column,
        value === undefined || value === null ? `missing required field ${column.field}` : `empty ${column.field}`,
      );
    }
    return undefined;
  }
  if (typeof value === 'string') return cleanString(value);
  if (numbersAllowed && typeof value === 'number' && Number.isFinite(value)) return String(value === 0 ? 0 : value);
  return problem(context, column, `expected a string for ${column.field}, found ${describe(value)}`);
}

function readNumber(
  context: RowContext,
  column: Column,
  required: boolean,
  thousands: boolean,
  range?: { readonly min?: number; readonly max?: number; readonly integer?: boolean },
): number | undefined {
  const value = readKey(context, column.key, column.loose);
  if (isBlank(value)) {
    return required ? problem(context, column, `missing required field ${column.field}`) : undefined;
  }
  const parsed = parseStrictNumber(value, { allowThousandsSeparators: thousands });
  if (!parsed.ok) return problem(context, column, `${column.field}: ${parsed.reason}`);
  const number = parsed.value;
  if (range !== undefined) {
    const { min = -Infinity, max = Infinity, integer = false } = range;
    if ((integer && !Number.isInteger(number)) || number < min || number > max) {
      const what = `${integer ? 'an integer' : 'a number'}${
        min > -Infinity && max < Infinity ? ` from ${min} to ${max}` : min > -Infinity ? ` >= ${min}` : ` <= ${max}`
      }`;
      return problem(context, column, `${column.field}: expected ${what}, found ${String(number)}`);
    }
  }
  return number;
}

function readDate(context: RowContext, column: Column, periods = false): string | undefined {
  const value = readKey(context, column.key, column.loose);
  if (isBlank(value)) return problem(context, column, `missing required field ${column.field}`);
  if (value instanceof Date) {
    const time = value.getTime();
    if (Number.isNaN(time)) return problem(context, column, `${column.field}: an invalid Date`);
    // toISOString writes years outside 0000-9999 in the expanded form (+010000-01-01...), which is not ISO 8601's
    // basic calendar date every other stage reads.
    const year = value.getUTCFullYear();
    if (year < 0 || year > 9999) return problem(context, column, `${column.field}: year ${year} is outside 0000-9999`);
    return value.toISOString();
  }
  if (typeof value !== 'string') {
    return problem(context, column, `${column.field}: ${ISO_HINT}, found ${describe(value)}`);
  }
  const parsed = parseIsoDate(cleanString(value), { periods });
  return parsed.ok ? parsed.value : problem(context, column, `${column.field}: ${parsed.reason}`);
}

/** A string-to-string map from an object value (JSON) or from `key=value; key=value` text (CSV). */
function readStringMap(context: RowContext, column: Column): Record<string, string> | undefined {
  const value = readKey(context, column.key, column.loose);
  if (isBlank(value)) return undefined;
  const result: Record<string, string> = {};
  if (typeof value === 'string') {
    for (const pair of cleanString(value).split(/[;,]/)) {
      if (pair.trim() === '') continue;
      const separator = pair.search(/[=:]/);
      const key = separator < 0 ? '' : pair.slice(0, separator).trim();
      const entry = separator < 0 ? '' : pair.slice(separator + 1).trim();
      if (key === '' || entry === '') {
        return problem(context, column, `${column.field}: expected "key=value; key=value", found ${quote(pair.trim())}`);
      }
      result[key] = entry;
    }
    return result;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return problem(context, column, `${column.field}: expected an object of strings, found ${describe(value)}`);
  }
  for (const [key, entry] of Object.entries(value)) {
    if (isBlank(entry)) continue;
    if (typeof entry === 'string') result[key] = cleanString(entry);
    else if (typeof entry === 'number' && Number.isFinite(entry)) result[key] = String(entry === 0 ? 0 : entry);
    else return problem(context, column, `${column.field}.${key}: expected a string, found ${describe(entry)}`);
  }
  return result;
}

// --- options ----------------------------------------------------------------------------------------------------

interface Plan {
  readonly columns: Readonly<Record<string, Column>>;
  readonly thousands: boolean;
  readonly extra: readonly Column[];
  readonly rowOffset: number;
}

function compileOptions(where: string, known: readonly string[], options: unknown): Plan {
  assertOptions(where, options);
  const given = (options ?? {}) as ValidateOptions;
  const fields: unknown = given.fields;
  if (fields !== undefined && (fields === null || typeof fields !== 'object' || Array.isArray(fields))) {
    fail('INVALID_OPTION', where, 'options.fields', 'an object of column names', fields);
  }
  const mapping = (fields ?? {}) as Readonly<Record<string, unknown>>;
  for (const [field, key] of Object.entries(mapping)) {
    if (!known.includes(field)) fail('INVALID_OPTION', where, `options.fields key`, `one of ${known.join(', ')}`, field);
    if (key !== undefined && (typeof key !== 'string' || key.trim() === '')) {
      fail('INVALID_OPTION', where, `options.fields.${field}`, 'a non-empty string', key);
    }
  }
  const columns: Record<string, Column> = {};
  for (const field of known) {
    const key = typeof mapping[field] === 'string' ? (mapping[field] as string) : field;
    columns[field] = { field, key, loose: looseKey(key) };
  }
  const thousands: unknown = given.allowThousandsSeparators;
  if (thousands !== undefined && typeof thousands !== 'boolean') {
    fail('INVALID_OPTION', where, 'options.allowThousandsSeparators', 'a boolean', thousands);
  }
  const dimensions: unknown = given.dimensions;
  if (dimensions !== undefined) {
    if (!Array.isArray(dimensions)) fail('INVALID_OPTION', where, 'options.dimensions', 'an array of column names', dimensions);
    for (const name of dimensions as unknown[]) {
      if (typeof name !== 'string' || name.trim() === '') {
        fail('INVALID_OPTION', where, 'options.dimensions[]', 'a non-empty string', name);
      }
    }
  }
  const rowOffset = given.rowOffset ?? 0;
  assertNumberOption(where, 'options.rowOffset', rowOffset, { min: 0, integer: true });
  const extra = ((dimensions ?? []) as string[]).map((key) => ({ field: key.trim(), key, loose: looseKey(key) }));
  return { columns, thousands: thousands === true, extra, rowOffset };
}

function column(plan: Plan, field: string): Column {
  const found = plan.columns[field];
  // Unreachable: compileOptions makes a column for every known field.
  if (found === undefined) throw new Error(`no column for ${field}`);
  return found;
}

/** Runs `read` over every row, collecting its record or its problems (every problem of a row, in field order). */
function validateRows<T>(
  where: string,
  rows: unknown,
  plan: Plan,
  read: (context: RowContext) => T | undefined,
): Validated<T> {
  assertArray(where, 'rows', rows);
  const records: T[] = [];
  const rejected: Rejected[] = [];
  const cache: LooseCache = new Map();
  for (let i = 0; i < rows.length; i += 1) {
    const row: unknown = rows[i];
    const index = i + plan.rowOffset;
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      rejected.push({ row: index, field: '', reason: `expected a row object, found ${describe(row)}` });
      continue;
    }
    const context: RowContext = { row: row as Record<string, unknown>, index, problems: [], cache };
    const record = read(context);
    if (context.problems.length > 0 || record === undefined) {
      for (const found of context.problems) rejected.push(found);
    } else records.push(record);
  }
  return { records, rejected };
}

function readDimensions(context: RowContext, plan: Plan): Record<string, string> | undefined {
  const nested = readStringMap(context, column(plan, 'dimensions'));
  let dimensions: Record<string, string> | undefined = nested === undefined ? undefined : { ...nested };
  for (const extra of plan.extra) {
    const value = readString(context, extra, false, true);
    if (value !== undefined) (dimensions ??= {})[extra.field] = value;
  }
  return dimensions === undefined || Object.keys(dimensions).length === 0 ? undefined : dimensions;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Sets `record[key] = value` when the value is defined (no property at all otherwise: exactOptionalPropertyTypes). */
function setDefined<T, K extends keyof T>(record: Mutable<T>, key: K, value: T[K] | undefined): void {
  if (value !== undefined) record[key] = value;
}

// --- the four validations ---------------------------------------------------------------------------------------

const FEEDBACK_FIELDS: readonly FeedbackField[] = [
  'id',
  'text',
  'date',
  'source',
  'rating',
  'authorRole',
  'product',
  'region',
  'segment',
  'channel',
  'dimensions',
];

/**
 * Validates feedback rows (parsed JSON objects, or CSV rows as string records) into {@link FeedbackRecord}s.
 *
 * Required: `text` (a string, trimmed; an empty or whitespace-only text is rejected) and `date` (ISO 8601, see
 * {@link parseIsoDate}). Optional: `id` (string or number; when absent it is `row-<index>`; a repeated id is
 * rejected), `source`, `authorRole`, `product`, `region`, `segment`, `channel` (strings or numbers, trimmed),
 * `rating` (a number from 0 to 10, read by {@link parseStrictNumber}), `dimensions` (an object, or `k=v; k=v` text)
 * plus the columns listed in `options.dimensions`. A blank optional value (missing, `null`, `""`) is simply
 * absent; a present but invalid one rejects the row, since silently dropping it would bias what is measured.
 * NUL bytes and other control characters (bar tab and line breaks) are removed from strings.
 *
 * Columns are found by the mapped name (`options.fields`), exactly; failing that, by the same name ignoring a
 * byte-order mark, case, spaces, `_` and `-` (so `"\uFEFFCreated_At"` matches `createdAt`).
 *
 * Every row that is not kept appears in `rejected`, once per problem found, as `{ row, field, reason }` where
 * `row` is the 0-based input index plus `options.rowOffset` and `field` the column read. Never throws for bad data.
 * Cost: O(n·f) for n rows of f columns.
 * @throws FeedbackMinerError INVALID_ARGUMENT when `rows` is not an array or `options` not an object;
 *   INVALID_OPTION for an unknown field in `options.fields`, a non-string column name, or a bad `rowOffset`.
 * @example
 * validateFeedback([{ comment: ' Late again ', created_at: '2026-03-04' }, { comment: '', created_at: '2026-02-30' }],
 *   { fields: { text: 'comment', date: 'created_at' } })
 * // => { records: [{ id: 'row-0', text: 'Late again', date: '2026-03-04' }],
 * //      rejected: [{ row: 1, field: 'comment', reason: 'empty text' },
 * //                 { row: 1, field: 'created_at', reason: 'date: day 30 does not exist in 2026-02' }] }
 */
export function validateFeedback(
  rows: readonly unknown[],
  options?: ValidateOptions<FeedbackField>,
): Validated<FeedbackRecord> {
  const where = 'validateFeedback';
  const plan = compileOptions(where, FEEDBACK_FIELDS, options);
  const seen = new Map<string, number>();
  return validateRows<FeedbackRecord>(where, rows, plan, (context) => {
    const idColumn = column(plan, 'id');
    const givenId = readString(context, idColumn, false, true);
    const text = readString(context, column(plan, 'text'), true, false);
    const date = readDate(context, column(plan, 'date'));
    const source = readString(context, column(plan, 'source'), false, true);
    const rating = readNumber(context, column(plan, 'rating'), false, plan.thousands, { min: 0, max: 10 });
    const authorRole = readString(context, column(plan, 'authorRole'), false, true);
    const product = readString(context, column(plan, 'product'), false, true);
    const region = readString(context, column(plan, 'region'), false, true);
    const segment = readString(context, column(plan, 'segment'), false, true);
    const channel = readString(context, column(plan, 'channel'), false, true);
    const dimensions = readDimensions(context, plan);
    const id = givenId ?? `row-${context.index}`;
    const first = seen.get(id);
    if (first !== undefined) problem(context, idColumn, `duplicate id ${quote(id)} (first at row ${first})`);
    if (context.problems.length > 0 || text === undefined || date === undefined) return undefined;
    seen.set(id, context.index);
    const record: Mutable<FeedbackRecord> = { id, text, date };
    setDefined(record, 'source', source);
    setDefined(record, 'rating', rating);
    setDefined(record, 'authorRole', authorRole);
    setDefined(record, 'product', product);
    setDefined(record, 'region', region);
    setDefined(record, 'segment', segment);
    setDefined(record, 'channel', channel);
    setDefined(record, 'dimensions', dimensions);
    return record;
  });
}

const SALES_MEASURES: readonly SalesMeasure[] = ['revenue', 'units', 'newCustomers', 'visits', 'orders'];
const SALES_FIELDS: readonly SalesField[] = ['date', 'product', 'region', 'channel', ...SALES_MEASURES, 'dimensions'];

/**
 * Validates sales rows into {@link SalesRecord}s.
 *
 * Required: `date` (ISO 8601, see {@link parseIsoDate}; a month `2026-03` or an ISO week `2026-W10` is read as
 * the period's first day) and at least one measure among `revenue`, `units`,
 * `newCustomers`, `visits`, `orders` (numbers read by {@link parseStrictNumber}; negative values are kept, since
 * returns and corrections are real). Optional: `product`, `region`, `channel`, `dimensions` and the columns in
 * `options.dimensions`. A blank measure is absent; a present but invalid one (`"12abc"`, `"NaN"`, `Infinity`)
 * rejects the row. Column lookup, string cleaning and the `rejected` trace are as in {@link validateFeedback}.
 * Cost: O(n·f) for n rows of f columns.
 * @throws FeedbackMinerError INVALID_ARGUMENT when `rows` is not an array; INVALID_OPTION for bad options.
 * @example
 * validateSales([{ week: '2026-03-02', units: '1,204' }, { week: '2026-03-09', units: 'n/a' }],
 *   { fields: { date: 'week' }, allowThousandsSeparators: true })
 * // => { records: [{ date: '2026-03-02', units: 1204 }],
 * //      rejected: [{ row: 1, field: 'units', reason: 'units: expected a number, found "n/a"' }] }
 */
export function validateSales(rows: readonly unknown[], options?: ValidateOptions<SalesField>): Validated<SalesRecord> {
  const where = 'validateSales';
  const plan = compileOptions(where, SALES_FIELDS, options);
  return validateRows<SalesRecord>(where, rows, plan, (context) => {
    const date = readDate(context, column(plan, 'date'), true);
    const product = readString(context, column(plan, 'product'), false, true);
    const region = readString(context, column(plan, 'region'), false, true);
    const channel = readString(context, column(plan, 'channel'), false, true);
    const measures: Partial<Record<SalesMeasure, number>> = {};
    let present = 0;
    for (const measure of SALES_MEASURES) {
      const value = readNumber(context, column(plan, measure), false, plan.thousands);
      if (value !== undefined) {
        measures[measure] = value;
        present += 1;
      }
    }
    const dimensions = readDimensions(context, plan);
    if (present === 0 && context.problems.length === 0) {
      context.problems.push({
        row: context.index,
        field: SALES_MEASURES.map((measure) => column(plan, measure).key).join('|'),
        reason: `no sales measure: expected at least one of ${SALES_MEASURES.join(', ')}`,
      });
    }
    if (context.problems.length > 0 || date === undefined) return undefined;
    const record: Mutable<SalesRecord> = { date };
    setDefined(record, 'product', product);
    setDefined(record, 'region', region);
    setDefined(record, 'channel', channel);
    for (const measure of SALES_MEASURES) setDefined(record, measure, measures[measure]);
    setDefined(record, 'dimensions', dimensions);
    return record;
  });
}

const FORECAST_FIELDS: readonly ForecastField[] = ['period', 'group', 'forecast', 'actual', 'lag', 'step', 'cycle'];

/**
 * Validates forecast rows into {@link ForecastRecord}s.
 *
 * Required: `period` (ISO 8601; a month `2026-03` or an ISO week `2026-W10` is read as its first day), `group`
 * (string or number) and `forecast` (a number, {@link parseStrictNumber}).
 * Optional: `actual` (a number; blank while the period has not happened), `lag` (an integer >= 0), `step` and
 * `cycle` (strings or numbers). Column lookup, string cleaning and the `rejected` trace are as in
 * {@link validateFeedback}. Cost: O(n·f).
 * @throws FeedbackMinerError INVALID_ARGUMENT when `rows` is not an array; INVALID_OPTION for bad options.
 * @example
 * validateForecasts([{ period: '2026-04-01', group: 'Alpha', forecast: '120', actual: '', lag: '2' }])
 * // => { records: [{ period: '2026-04-01', group: 'Alpha', forecast: 120, lag: 2 }], rejected: [] }
 */
export function validateForecasts(
  rows: readonly unknown[],
  options?: ValidateOptions<ForecastField>,
): Validated<ForecastRecord> {
  const where = 'validateForecasts';
  const plan = compileOptions(where, FORECAST_FIELDS, options);
  return validateRows<ForecastRecord>(where, rows, plan, (context) => {
    const period = readDate(context, column(plan, 'period'), true);
    const group = readString(context, column(plan, 'group'), true, true);
    const forecast = readNumber(context, column(plan, 'forecast'), true, plan.thousands);
    const actual = readNumber(context, column(plan, 'actual'), false, plan.thousands);
    const lag = readNumber(context, column(plan, 'lag'), false, false, { min: 0, integer: true });
    const step = readString(context, column(plan, 'step'), false, true);
    const cycle = readString(context, column(plan, 'cycle'), false, true);
    if (context.problems.length > 0 || period === undefined || group === undefined || forecast === undefined) {
      return undefined;
    }
    const record: Mutable<ForecastRecord> = { period, group, forecast };
    setDefined(record, 'actual', actual);
    setDefined(record, 'lag', lag);
    setDefined(record, 'step', step);
    setDefined(record, 'cycle', cycle);
    return record;
  });
}

const ACTION_FIELDS: readonly ActionField[] = [
  'id',
  'date',
  'scope',
  'description',
  'kind',
  'product',
  'region',
  'channel',
  'segment',
];
const SCOPE_FIELDS = ['product', 'region', 'channel', 'segment'] as const;

/**
 * Validates action rows into {@link ActionRecord}s.
 *
 * Required: `date` (ISO 8601) and `description` (non-empty text). `scope` is an object of strings
 * (`{ region: 'North' }`) or text `region=North; channel=online`; when the row has no `scope`, it is built from
 * its `product`, `region`, `channel` and `segment` columns, and is `{}` (the whole business) when those are blank
 * too. Optional: `id`, `kind`. Column lookup, string cleaning and the `rejected` trace are as in
 * {@link validateFeedback}. Cost: O(n·f).
 * @throws FeedbackMinerError INVALID_ARGUMENT when `rows` is not an array; INVALID_OPTION for bad options.
 * @example
 * validateActions([{ date: '2026-05-04', description: 'Switched carrier', region: 'South', kind: 'logistics' }])
 * // => { records: [{ date: '2026-05-04', description: 'Switched carrier', scope: { region: 'South' }, kind: 'logistics' }],
 * //      rejected: [] }
 */
export function validateActions(
  rows: readonly unknown[],
  options?: ValidateOptions<ActionField>,
): Validated<ActionRecord> {
  const where = 'validateActions';
  const plan = compileOptions(where, ACTION_FIELDS, options);
  return validateRows<ActionRecord>(where, rows, plan, (context) => {
    const id = readString(context, column(plan, 'id'), false, true);
    const date = readDate(context, column(plan, 'date'));
    const description = readString(context, column(plan, 'description'), true, false);
    const kind = readString(context, column(plan, 'kind'), false, true);
    let scope = readStringMap(context, column(plan, 'scope'));
    if (scope === undefined) {
      const built: Record<string, string> = {};
      for (const field of SCOPE_FIELDS) {
        const value = readString(context, column(plan, field), false, true);
        if (value !== undefined) built[field] = value;
      }
      scope = built;
    }
    if (context.problems.length > 0 || date === undefined || description === undefined) return undefined;
    return {
      ...(id === undefined ? {} : { id }),
      date,
      description,
      scope,
      ...(kind === undefined ? {} : { kind }),
    };
  });
}
