/**
 * PELT, Pruned Exact Linear Time search for multiple change points (Killick, Fearnhead & Eckley 2012, "Optimal
 * Detection of Changepoints With a Linear Computational Cost", JASA 107(500)), with Gaussian costs. Internal:
 * finite values only.
 */

/** Segment cost: `'mean'` (change in mean, variance known) or `'meanvar'` (change in mean and variance). */
export type ChangeCost = 'mean' | 'meanvar';

/** Prefix sums of a series centred on its mean (centring keeps the sums of squares from cancelling). */
export interface SegmentSums {
  readonly s1: Float64Array;
  readonly s2: Float64Array;
  readonly shift: number;
}

export function segmentSums(y: Float64Array): SegmentSums {
  const n = y.length;
  let shift = 0;
  for (let i = 0; i < n; i++) shift += y[i] as number;
  shift = n > 0 ? shift / n : 0;
  const s1 = new Float64Array(n + 1);
  const s2 = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const d = (y[i] as number) - shift;
    s1[i + 1] = (s1[i] as number) + d;
    s2[i + 1] = (s2[i] as number) + d * d;
  }
  return { s1, s2, shift };
}

/**
 * Twice the negative Gaussian log-likelihood of y[a..b) up to constants: for `'mean'` the sum of squared
 * deviations over sigma^2; for `'meanvar'` len * ln(variance), the variance floored at `floor`.
 */
export function segmentCost(sums: SegmentSums, a: number, b: number, cost: ChangeCost, sigma2: number, floor: number): number {
  const len = b - a;
  const sum = (sums.s1[b] as number) - (sums.s1[a] as number);
  const squares = (sums.s2[b] as number) - (sums.s2[a] as number);
  const deviance = Math.max(0, squares - (sum * sum) / len);
  if (cost === 'mean') return deviance / sigma2;
  return len * Math.log(Math.max(deviance / len, floor));
}

/**
 * Optimal partition minimising sum of segment costs + penalty x (number of changes), with segments of at least
 * `minSegment` points; candidates tau are pruned once F(tau) + C(tau, t) > F(t) (K = 0 for these costs).
 * Returns the start positions of every segment after the first, and the optimal total cost; `undefined` when
 * the number of cost evaluations would exceed `budget` (a long series with few changes, PELT's quadratic case).
 * Cost: O(n) expected time when changes keep arriving as n grows, O(n^2) worst case; O(n) memory.
 */
export function pelt(
  sums: SegmentSums,
  n: number,
  cost: ChangeCost,
  penalty: number,
  minSegment: number,
  sigma2: number,
  floor: number,
  budget = Infinity,
): { changes: number[]; total: number } | undefined {
  let work = 0;
  const best = new Float64Array(n + 1).fill(Infinity);
  const last = new Int32Array(n + 1);
  best[0] = -penalty;
  let candidates: number[] = [0];
  let next: number[] = [];
  for (let t = minSegment; t <= n; t++) {
    let bestValue = Infinity;
    let bestTau = 0;
    work += candidates.length;
    if (work > budget) return undefined;
    for (const tau of candidates) {
      if (t - tau < minSegment) continue;
      const value = (best[tau] as number) + segmentCost(sums, tau, t, cost, sigma2, floor) + penalty;
      if (value < bestValue) {
        bestValue = value;
        bestTau = tau;
      }
    }
    best[t] = bestValue;
    last[t] = bestTau;
    next.length = 0;
    for (const tau of candidates) {
      if (t - tau < minSegment) {
        next.push(tau);
        continue;
      }
      if ((best[tau] as number) + segmentCost(sums, tau, t, cost, sigma2, floor) <= bestValue) next.push(tau);
    }
    // t becomes a candidate start of a segment; it is evaluated from t + minSegment on.
    if (Number.isFinite(bestValue)) next.push(t);
    const swap = candidates;
    candidates = next;
    next = swap;
  }
  const changes: number[] = [];
  let t = n;
  while (t > 0) {
    const tau = last[t] as number;
    if (tau > 0) changes.push(tau);
    t = tau;
  }
  changes.reverse();
  return { changes, total: (best[n] as number) + penalty };
}

/**
 * Binary segmentation (Scott & Knott 1974; Vostrikova 1981) with the same costs and penalty: split the segment
 * at the position of largest cost reduction while that reduction exceeds the penalty. Approximate, but
 * O(n log n) time whatever the data, O(n) memory: the fall-back when PELT runs over its budget.
 */
export function binarySegmentation(
  sums: SegmentSums,
  n: number,
  cost: ChangeCost,
  penalty: number,
  minSegment: number,
  sigma2: number,
  floor: number,
): { changes: number[]; total: number } {
  const changes: number[] = [];
  const stack: [number, number][] = [[0, n]];
  let total = 0;
  while (stack.length > 0) {
    const [a, b] = stack.pop() as [number, number];
    const whole = segmentCost(sums, a, b, cost, sigma2, floor);
    let bestGain = 0;
    let bestSplit = -1;
    for (let split = a + minSegment; split <= b - minSegment; split++) {
      const gain = whole - segmentCost(sums, a, split, cost, sigma2, floor) - segmentCost(sums, split, b, cost, sigma2, floor);
      if (gain > bestGain) {
        bestGain = gain;
        bestSplit = split;
      }
    }
    if (bestSplit >= 0 && bestGain > penalty) {
      changes.push(bestSplit);
      stack.push([a, bestSplit], [bestSplit, b]);
    } else {
      total += whole;
    }
  }
  changes.sort((x, y) => x - y);
  return { changes, total: total + penalty * changes.length };
}

/** The split s in [a + 1, b - 1] minimising the two segments' sum of squares (the least-squares change time). */
export function leastSquaresSplit(sums: SegmentSums, a: number, b: number): number {
  let best = a + 1;
  let bestCost = Infinity;
  for (let split = a + 1; split < b; split++) {
    const cost = segmentCost(sums, a, split, 'mean', 1, 0) + segmentCost(sums, split, b, 'mean', 1, 0);
    if (cost < bestCost) {
      bestCost = cost;
      best = split;
    }
  }
  return best;
}
