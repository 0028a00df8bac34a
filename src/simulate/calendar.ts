/**
 * Calendar arithmetic on whole days since 1970-01-01 (UTC), with no `Date` and no time zone, so the simulator
 * gives the same dates in every runtime.
 */
import { daysFromCivil } from '../records';

/** Year, month (1-12) and day of a day number, by H. Hinnant's `civil_from_days` (2013). */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** `YYYY-MM-DD` of a day number. */
export function isoDay(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Day of the week of a day number: 0 = Monday ... 6 = Sunday (ISO 8601 order). 1970-01-01 was a Thursday. */
export function weekday(days: number): number {
  return (((days + 3) % 7) + 7) % 7;
}

/** Day number of the n-th (1-based) given weekday (0 = Monday) of a month. */
export function nthWeekday(year: number, month: number, dayOfWeek: number, n: number): number {
  const first = daysFromCivil(year, month, 1);
  const offset = (dayOfWeek - weekday(first) + 7) % 7;
  return first + offset + (n - 1) * 7;
}

/**
 * Day number of Easter Sunday in a Gregorian year, by the anonymous Gregorian algorithm ("Meeus/Jones/Butcher",
 * J. Meeus, Astronomical Algorithms, 1991, ch. 8).
 */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return daysFromCivil(year, month, day);
}

/** Fraction of the year elapsed at a day number, in [0, 1): the phase of yearly seasonality. */
export function yearPhase(days: number): number {
  const { year } = civilFromDays(days);
  const first = daysFromCivil(year, 1, 1);
  const length = daysFromCivil(year + 1, 1, 1) - first;
  return (days - first) / length;
}
