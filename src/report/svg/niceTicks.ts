import { assertNumberOption, fail } from '../../errors';

/**
 * The "nice" number near `x`: 1, 2 or 5 (or 10) times a power of ten. With `round` the nearest such number,
 * without it the smallest one >= x.
 *
 * Method: Heckbert, P. S. (1990), "Nice numbers for graph labels", in Glassner (ed.), *Graphics Gems*,
 * Academic Press, pp. 61-63 (`nicenum`). Cost: O(1).
 * @throws FeedbackMinerError INVALID_ARGUMENT when `x` is not a finite number > 0.
 * @example niceNumber(94, false) // => 100
 * @example niceNumber(25, true) // => 20
 */
export function niceNumber(x: number, round: boolean): number {
  if (typeof x !== 'number' || !Number.isFinite(x) || x <= 0) {
    fail('INVALID_ARGUMENT', 'niceNumber', 'x', 'a finite number > 0', x);
  }
  const exponent = Math.floor(Math.log10(x));
  const power = 10 ** exponent;
  const fraction = x / power;
  let nice: number;
  if (round) nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
  else nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  // Multiplying by a negative power of ten in floating point gives 0.30000000000000004; dividing does not.
  return exponent < 0 ? nice / 10 ** -exponent : nice * power;
}

/** An axis: its ends, its step and the tick values from `min` to `max`. */
export interface NiceScale {
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly ticks: number[];
}

/**
 * Tick values for an axis covering [min, max] with about `count` ticks, all multiples of a nice step; the axis
 * ends are widened to the ticks just outside the data ("loose labeling").
 *
 * Method: Heckbert (1990), "Nice numbers for graph labels", *Graphics Gems* pp. 61-63 (`loose_label`). A range
 * of (nearly) zero width is widened by 10% of the value (or one unit near zero) on each side. Tick values are rounded to 15
 * significant digits so that they print exactly (0.3, not 0.30000000000000004). Cost: O(count).
 * @throws FeedbackMinerError INVALID_ARGUMENT when `min` or `max` is not a finite number, `min > max`, or `max - min`
 *   overflows;
 *   INVALID_OPTION when `count` is not an integer from 2 to 100.
 * @example niceTicks(3, 97, 5) // => { min: 0, max: 100, step: 20, ticks: [0, 20, 40, 60, 80, 100] }
 */
export function niceTicks(min: number, max: number, count = 5): NiceScale {
  if (typeof min !== 'number' || !Number.isFinite(min)) fail('INVALID_ARGUMENT', 'niceTicks', 'min', 'a finite number', min);
  if (typeof max !== 'number' || !Number.isFinite(max)) fail('INVALID_ARGUMENT', 'niceTicks', 'max', 'a finite number', max);
  if (min > max) fail('INVALID_ARGUMENT', 'niceTicks', 'max', `a number >= min (${min})`, max);
  // A span beyond the largest double (-1e308 to 1e308) has no nice step that can be represented.
  if (!Number.isFinite(max - min)) fail('INVALID_ARGUMENT', 'niceTicks', 'max - min', 'a finite span', max - min);
  assertNumberOption('niceTicks', 'count', count, { min: 2, max: 100, integer: true });
  let low = min;
  let high = max;
  // A range too narrow for floating point to step through (zero width, or 1e9 +- 1e-7) is widened around its
  // centre by 10% of its magnitude (1 for values near zero, where 10% would underflow).
  const magnitude = Math.max(Math.abs(low), Math.abs(high));
  if (high - low <= magnitude * 1e-9 || high - low < 1e-290) {
    const centre = low / 2 + high / 2;
    const pad = magnitude * 0.1 >= 1e-290 ? magnitude * 0.1 : 1;
    low = centre - pad;
    high = centre + pad;
  }
  const range = niceNumber(high - low, false);
  const step = niceNumber(range / (count - 1), true);
  // 15 significant digits drop the binary noise of i * step (0.30000000000000004) and keep every tick distinct,
  // since the range is at least 1e-9 of the magnitude.
  const clean = (value: number): number => {
    const rounded = Number(value.toPrecision(15));
    return Object.is(rounded, -0) ? 0 : rounded;
  };
  let first = Math.floor(low / step);
  let last = Math.ceil(high / step);
  // low / step can underflow or round across an integer; the axis must still contain the data.
  if (clean(first * step) > low) first -= 1;
  if (clean(last * step) < high) last += 1;
  const ticks: number[] = [];
  for (let i = first; i <= last; i += 1) ticks.push(clean(i * step));
  return { min: clean(first * step), max: clean(last * step), step, ticks };
}
