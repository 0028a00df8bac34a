/**
 * Civil-date arithmetic on whole day numbers (days since 1970-01-01, proleptic Gregorian calendar), with no
 * `Date` and no time zone, so every runtime gives the same dates. One implementation each, shared by the stages
 * (internal: `records` re-exports {@link daysFromCivil}).
 *
 * The conversions are H. Hinnant's `days_from_civil` and `civil_from_days` ("chrono-Compatible Low-Level Date
 * Algorithms", 2013): March-based years in 400-year eras of 146,097 days. Every function is pure, O(1) and
 * never throws.
 */

/**
 * Days from 1970-01-01 to a proleptic Gregorian date (month 1-12), by Hinnant's `days_from_civil` (2013).
 * Cost: O(1). Never throws (out-of-range months and days roll over arithmetically).
 * @example daysFromCivil(2000, 3, 1) // => 11017
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/**
 * Year, month (1-12) and day of a day number: the inverse of {@link daysFromCivil}, by Hinnant's
 * `civil_from_days` (2013). Cost: O(1). Never throws.
 * @example civilFromDays(11017) // => { year: 2000, month: 3, day: 1 }
 */
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

/**
 * `YYYY-MM-DD` of a day number (year padded to four digits). Cost: O(1). Never throws.
 * @example isoDay(11017) // => '2000-03-01'
 */
export function isoDay(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Day of the week of a day number in ISO 8601 order: 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday).
 * Cost: O(1). Never throws.
 * @example weekday(0) // => 3 (Thursday)
 */
export function weekday(days: number): number {
  return (((days + 3) % 7) + 7) % 7;
}

/**
 * Day number of the Monday on or before a day number: the first day of its ISO 8601 week. Cost: O(1).
 * @example isoDay(isoWeekStart(daysFromCivil(2026, 1, 8))) // => '2026-01-05'
 */
export function isoWeekStart(days: number): number {
  return days - weekday(days);
}
