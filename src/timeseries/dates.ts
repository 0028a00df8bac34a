/**
 * Calendar arithmetic in UTC for bucketing sales by day, ISO week and month. Every function here is pure and
 * independent of the runtime's time zone: `Date.UTC` and `getUTC*` only.
 */

/** Bucket widths that `toSeries` understands. */
export type Frequency = 'day' | 'week' | 'month';

import { fail } from '../errors';
import { daysFromCivil, isoWeekStart } from '../internal/civil';

const DAY_MS = 86_400_000;

const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Parses an ISO 8601 date (`2026-03-02`) or timestamp (`2026-03-02T10:00:00Z`, `+01:00` offsets) to epoch
 * milliseconds. A timestamp without an offset is read as UTC so that results never depend on the machine's time
 * zone. Returns `undefined` for anything else, including impossible dates such as `2026-02-30`.
 *
 * Cost: O(length of the string). Never throws.
 * @example parseIsoTime('2026-01-05') // => 1767571200000
 */
export function parseIsoTime(text: string): number | undefined {
  if (typeof text !== 'string') return undefined;
  if (text.length === 10) {
    const fast = parseDateOnly(text);
    if (fast !== undefined) return fast;
  }
  const match = ISO_PATTERN.exec(text.trim());
  if (match === null) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const hour = match[4] === undefined ? 0 : Number(match[4]);
  const minute = match[5] === undefined ? 0 : Number(match[5]);
  const second = match[6] === undefined ? 0 : Number(match[6]);
  const fraction = match[7] === undefined ? 0 : Number(`0.${match[7]}`);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second) + Math.round(fraction * 1000);
  // Date.UTC rolls 2026-02-30 over to March: reject dates that do not exist.
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return undefined;
  const zone = match[8];
  if (zone === undefined || zone === 'Z') return ms;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4));
  return ms - sign * offsetMinutes * 60_000;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// `YYYY-MM-DD` without a regular expression or a Date: series carry one such string per point, and parsing them
// dominated the cost of a detector run. Day count from the civil date by Hinnant's days_from_civil (2013).
function parseDateOnly(text: string): number | undefined {
  const digit = (i: number): number => {
    const c = text.charCodeAt(i) - 48;
    return c >= 0 && c <= 9 ? c : -1000;
  };
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  const year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
  const month = digit(5) * 10 + digit(6);
  const day = digit(8) * 10 + digit(9);
  if (year < 0 || month < 1 || month > 12 || day < 1) return undefined;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (day > (month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] as number))) return undefined;
  return daysFromCivil(year, month, day) * DAY_MS;
}

/**
 * Reads a time value as epoch milliseconds: a finite number is taken as it is, a `Date` by its time, a string
 * through {@link parseIsoTime}. Anything else gives `undefined`.
 */
export function toEpochMs(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string') return parseIsoTime(value);
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

/**
 * The first instant (epoch ms, UTC) of the bucket holding `ms`: the day, the ISO week (weeks start on Monday,
 * ISO 8601) or the calendar month.
 *
 * Cost: O(1).
 * @throws FeedbackMinerError INVALID_OPTION when `freq` is not 'day', 'week' or 'month' (a NaN `ms` gives NaN).
 * @example formatIsoDate(bucketStart(parseIsoTime('2026-01-08')!, 'week')) // => '2026-01-05' (a Monday)
 */
export function bucketStart(ms: number, freq: Frequency): number {
  if (typeof ms !== 'number') fail('INVALID_ARGUMENT', 'bucketStart', 'ms', 'a number (epoch milliseconds)', ms);
  const day = Math.floor(ms / DAY_MS);
  switch (freq) {
    case 'day':
      return day * DAY_MS;
    case 'week': {
      return isoWeekStart(day) * DAY_MS;
    }
    case 'month': {
      const date = new Date(day * DAY_MS);
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
    }
    default:
      return fail('INVALID_OPTION', 'bucketStart', 'freq', "'day', 'week' or 'month'", freq);
  }
}

/** The start of the bucket after the one starting at `start`. Cost: O(1). */
export function nextBucket(start: number, freq: Frequency): number {
  switch (freq) {
    case 'day':
      return start + DAY_MS;
    case 'week':
      return start + 7 * DAY_MS;
    case 'month': {
      const date = new Date(start);
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
    }
  }
}

/** `YYYY-MM-DD` for an epoch-ms instant, in UTC. Cost: O(1). Throws FeedbackMinerError INVALID_ARGUMENT only for a non-number. @example formatIsoDate(0) // => '1970-01-01' */
export function formatIsoDate(ms: number): string {
  if (typeof ms !== 'number') fail('INVALID_ARGUMENT', 'formatIsoDate', 'ms', 'a number (epoch milliseconds)', ms);
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  const day = date.getUTCDate();
  const yearText = year >= 0 && year <= 9999 ? String(year).padStart(4, '0') : String(year);
  return `${yearText}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
