/**
 * Calendar helpers on ISO 8601 strings, in UTC and without the clock: a date is turned into a whole day number
 * (days since 1970-01-01) and periods are computed arithmetically, so results never depend on the time zone.
 */

import { isoWeekStart } from '../../internal/civil';

/** Period lengths the trend and linking functions bucket by. */
export type Frequency = 'day' | 'week' | 'month' | 'quarter';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Day number (UTC days since 1970-01-01) of an ISO 8601 date or timestamp; `null` when it is not one. */
export function parseDay(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const match = ISO.exec(value.trim());
  if (match === null) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return Math.round(ms / 86_400_000);
}

/** `YYYY-MM-DD` of a day number. */
export function formatDay(dayNumber: number): string {
  return new Date(dayNumber * 86_400_000).toISOString().slice(0, 10);
}

/** First day of the period containing `dayNumber`; weeks start on Monday (ISO 8601). */
export function periodStart(dayNumber: number, freq: Frequency): number {
  switch (freq) {
    case 'day':
      return dayNumber;
    case 'week':
      return isoWeekStart(dayNumber);
    case 'month':
    case 'quarter': {
      const date = new Date(dayNumber * 86_400_000);
      const month = date.getUTCMonth();
      const first = freq === 'month' ? month : month - (month % 3);
      return Math.round(Date.UTC(date.getUTCFullYear(), first, 1) / 86_400_000);
    }
  }
}

/** The start of the period `count` periods after the one starting on `start`. */
export function addPeriods(start: number, count: number, freq: Frequency): number {
  switch (freq) {
    case 'day':
      return start + count;
    case 'week':
      return start + 7 * count;
    case 'month':
    case 'quarter': {
      const date = new Date(start * 86_400_000);
      const months = freq === 'month' ? count : 3 * count;
      return Math.round(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1) / 86_400_000);
    }
  }
}

/** Every period start from `first` to `last` inclusive. */
export function periodRange(first: number, last: number, freq: Frequency): number[] {
  const out: number[] = [];
  for (let p = first; p <= last; p = addPeriods(p, 1, freq)) out.push(p);
  return out;
}

export const FREQUENCIES: readonly Frequency[] = ['day', 'week', 'month', 'quarter'];
