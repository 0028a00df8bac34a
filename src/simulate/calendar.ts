/**
 * Calendar arithmetic on whole days since 1970-01-01 (UTC), with no `Date` and no time zone, so the simulator
 * gives the same dates in every runtime.
 */
import { civilFromDays, daysFromCivil, isoDay, weekday } from '../internal/civil';

/**
 * Year, month and day of a day number (Hinnant's `civil_from_days`), `YYYY-MM-DD` of a day number, and the ISO
 * day of the week (0 = Monday ... 6 = Sunday): one implementation each, in `src/internal/civil`.
 */
export { civilFromDays, isoDay, weekday };

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
