/**
 * Small numeric helpers for the streaming detector: the normal upper tail and a sorted sliding window.
 * Internal (not re-exported from the package).
 */

/**
 * Complementary error function and the normal upper tail Q(z) = erfc(z / sqrt 2) / 2: one implementation each, in
 * `src/internal/special` (through the regularised incomplete gamma function, A&S 6.5.17 and 26.2.30).
 */
export { erfc, normalUpperTail } from '../internal/special';

/** Index of the first element of a sorted array that is >= value (lower bound). Cost: O(log n). */
export function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element of a sorted array that is > value (upper bound). Cost: O(log n). */
export function upperBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A sliding window of the last `capacity` finite numbers, kept both in arrival order (for eviction and for
 * serialisation) and sorted (for ranks and quantiles). Insert and evict are O(capacity) (one array shift each),
 * rank queries O(log capacity). Internal mutable helper: the detector owns it and never exposes it.
 */
export class SortedWindow {
  readonly capacity: number;
  private readonly ring: number[];
  private readonly sorted: number[];
  private head = 0;

  constructor(capacity: number, chronological: readonly number[] = []) {
    this.capacity = capacity;
    this.ring = [];
    const start = Math.max(0, chronological.length - capacity);
    for (let i = start; i < chronological.length; i++) this.ring.push(chronological[i] as number);
    this.sorted = [...this.ring].sort((a, b) => a - b);
  }

  get size(): number {
    return this.ring.length;
  }

  push(value: number): void {
    if (this.ring.length === this.capacity) {
      const oldest = this.ring[this.head] as number;
      this.sorted.splice(lowerBound(this.sorted, oldest), 1);
      this.ring[this.head] = value;
      this.head = (this.head + 1) % this.capacity;
    } else {
      this.ring.push(value);
    }
    this.sorted.splice(upperBound(this.sorted, value), 0, value);
  }

  /** Number of stored values < value. */
  countBelow(value: number): number {
    return lowerBound(this.sorted, value);
  }

  /** Number of stored values > value. */
  countAbove(value: number): number {
    return this.sorted.length - upperBound(this.sorted, value);
  }

  /** The q-quantile (0..1) by linear interpolation between order statistics (Hyndman & Fan type 7). */
  quantile(q: number): number {
    const n = this.sorted.length;
    if (n === 0) return NaN;
    const h = (n - 1) * q;
    const lo = Math.floor(h);
    const a = this.sorted[lo] as number;
    const b = this.sorted[Math.min(n - 1, lo + 1)] as number;
    return a + (h - lo) * (b - a);
  }

  min(): number {
    return this.sorted.length === 0 ? NaN : (this.sorted[0] as number);
  }

  max(): number {
    return this.sorted.length === 0 ? NaN : (this.sorted[this.sorted.length - 1] as number);
  }

  /** The last `count` values in arrival order (newest last). */
  latest(count: number): number[] {
    const n = this.ring.length;
    const take = Math.min(count, n);
    const out: number[] = [];
    for (let k = n - take; k < n; k++) out.push(this.ring[(this.head + k) % n] as number);
    return out;
  }

  /** The value `k` steps back from the newest (k = 1: the newest). */
  fromEnd(k: number): number {
    const n = this.ring.length;
    return this.ring[(this.head + n - k) % n] as number;
  }

  /** All values in arrival order, for serialisation. */
  toArray(): number[] {
    return this.latest(this.ring.length);
  }
}
