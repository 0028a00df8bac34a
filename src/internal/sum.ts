/**
 * A running sum with Neumaier's compensation (Neumaier 1974, "Rundungsfehleranalyse einiger Verfahren zur
 * Summation endlicher Summen", ZAMM 54; Kahan's summation improved for terms larger than the sum): the rounding
 * error of each addition is kept apart and added back at the end, so a sum of n terms is accurate to about one
 * rounding whatever n (naive summation drifts by up to n roundings: a million times 0.1 gives 100000.0000013).
 * Cost: O(1) per term. Mutable on purpose: one per accumulator in hot loops.
 * @example const s = new CompensatedAccumulator(); s.add(1e16); s.add(1); s.add(-1e16); s.value() // => 1
 */
export class CompensatedAccumulator {
  private sum = 0;
  private compensation = 0;

  add(value: number): void {
    const next = this.sum + value;
    this.compensation += Math.abs(this.sum) >= Math.abs(value) ? this.sum - next + value : value - next + this.sum;
    this.sum = next;
  }

  value(): number {
    // A non-finite term makes the compensation NaN; the sum itself already carries the right non-finite value.
    return Number.isFinite(this.compensation) ? this.sum + this.compensation : this.sum;
  }
}

/**
 * The sum of `values[from..to)` with Neumaier's compensation ({@link CompensatedAccumulator}): accurate to about one
 * rounding whatever the length. Non-finite terms are added as they are (the caller filters them if it must).
 * Cost: O(to - from).
 * @example compensatedSum([1e16, 1, -1e16]) // => 1 (a plain loop gives 0)
 */
export function compensatedSum(values: ArrayLike<number>, from = 0, to = values.length): number {
  const sum = new CompensatedAccumulator();
  for (let i = from; i < to; i++) sum.add(values[i] as number);
  return sum.value();
}
