import { assertArray, fail } from '../errors';
import type { CompensatedSum } from './types';

/** Misuse guard: a compensated sum is an object with numeric `sum` and `compensation`. */
function assertSum(where: string, parameter: string, value: unknown): asserts value is CompensatedSum {
  if (
    typeof value !== 'object' ||
    value === null ||
    typeof (value as CompensatedSum).sum !== 'number' ||
    typeof (value as CompensatedSum).compensation !== 'number'
  ) {
    fail('INVALID_ARGUMENT', where, parameter, 'a compensated sum { sum, compensation }', value);
  }
}

/** The compensated sum of nothing. */
export const ZERO_SUM: CompensatedSum = Object.freeze({ sum: 0, compensation: 0 });

/**
 * Adds `value` to a running compensated sum (Neumaier 1974, "Rundungsfehleranalyse einiger Verfahren zur
 * Summation endlicher Summen", ZAMM 54): the exact rounding error of each addition (Knuth's TwoSum, TAOCP vol. 2,
 * 4.2.2) is accumulated apart. Returns a new value. Cost: O(1).
 * @throws FeedbackMinerError INVALID_ARGUMENT when `total` is not a compensated sum.
 * @example sumValue(addToSum(addToSum(addToSum(ZERO_SUM, 1e16), 1), -1e16)) // => 1 (naive summation gives 0)
 */
export function addToSum(total: CompensatedSum, value: number): CompensatedSum {
  assertSum('addToSum', 'total', total);
  if (typeof value !== 'number') fail('INVALID_ARGUMENT', 'addToSum', 'value', 'a number', value);
  const [sum, error] = twoSum(total.sum, value);
  return { sum, compensation: total.compensation + error };
}

/**
 * Merges two compensated sums: the exact error of adding the two leading parts joins the compensations.
 * Exactly commutative; associative to within one rounding of the compensation. Cost: O(1).
 * @throws FeedbackMinerError INVALID_ARGUMENT when `a` or `b` is not a compensated sum.
 * @example mergeSums({ sum: 1e16, compensation: 0 }, { sum: 1, compensation: 0 }) // => { sum: 1e16, compensation: 1 } (the 1 that rounding would lose)
 */
export function mergeSums(a: CompensatedSum, b: CompensatedSum): CompensatedSum {
  assertSum('mergeSums', 'a', a);
  assertSum('mergeSums', 'b', b);
  const [sum, error] = twoSum(a.sum, b.sum);
  return { sum, compensation: a.compensation + b.compensation + error };
}

/** The value of a compensated sum, `sum + compensation`. Cost: O(1). @example sumValue({ sum: 3, compensation: 1e-17 }) // => 3 */
export function sumValue(total: CompensatedSum): number {
  assertSum('sumValue', 'total', total);
  return total.sum + total.compensation;
}

/**
 * Compensated sum of an array (or typed array) of numbers in one pass. Cost: O(n).
 * @throws FeedbackMinerError INVALID_ARGUMENT when `values` is not an array.
 * @example sumValue(compensatedSum([0.1, 0.2, 0.3])) // => 0.6
 */
export function compensatedSum(values: ArrayLike<number>): CompensatedSum {
  if (!ArrayBuffer.isView(values)) assertArray('compensatedSum', 'values', values);
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    const next = sum + value;
    compensation += Math.abs(sum) >= Math.abs(value) ? sum - next + value : value - next + sum;
    sum = next;
  }
  return { sum, compensation };
}

/** Knuth's TwoSum: `s = fl(a + b)` and the exact error `a + b - s`, with no branch. */
function twoSum(a: number, b: number): [number, number] {
  const s = a + b;
  const bVirtual = s - a;
  const aVirtual = s - bVirtual;
  const error = a - aVirtual + (b - bVirtual);
  // Infinite or NaN inputs make the error NaN; the sum itself already carries the non-finite value.
  return [s, Number.isFinite(error) ? error : 0];
}
