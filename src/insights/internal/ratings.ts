/** Shared validation of rating lists (internal). */
import { assertArray, assertNumberOption, assertOptions, fail } from '../../errors';
import type { Rejected } from '../../records';

/** Splits ratings into valid numbers and rejected rows (not a finite integer in [min, max]). */
export function validRatings(
  ratings: readonly unknown[],
  min: number,
  max: number,
  integer: boolean,
): { values: number[]; rejected: Rejected[] } {
  const values: number[] = [];
  const rejected: Rejected[] = [];
  ratings.forEach((r, row) => {
    if (r === null || r === undefined) rejected.push({ row, field: 'rating', reason: 'missing rating' });
    else if (typeof r !== 'number' || !Number.isFinite(r)) {
      rejected.push({ row, field: 'rating', reason: `not a finite number: ${String(r)}` });
    } else if (r < min || r > max) rejected.push({ row, field: 'rating', reason: `outside the scale ${min}-${max}: ${r}` });
    else if (integer && !Number.isInteger(r)) rejected.push({ row, field: 'rating', reason: `not a whole scale step: ${r}` });
    else values.push(r);
  });
  return { values, rejected };
}

/** Validates the shared `level` option and the ratings array. */
export function checkCommon(where: string, ratings: unknown, options: unknown): number {
  assertArray(where, 'ratings', ratings);
  assertOptions(where, options);
  const level = (options as { level?: unknown } | undefined)?.level ?? 0.95;
  assertNumberOption(where, 'options.level', level, { min: 0.5, max: 0.9999 });
  return level;
}

/** Validates an enumerated option. */
export function checkChoice<T extends string>(
  where: string,
  parameter: string,
  value: unknown,
  choices: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    fail('INVALID_OPTION', where, parameter, `one of ${choices.map((c) => `"${c}"`).join(', ')}`, value);
  }
  return value as T;
}
