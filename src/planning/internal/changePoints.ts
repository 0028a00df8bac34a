/**
 * Fallback change-point detection for `compareCycles` when the caller passes no change points (internal).
 * Binary segmentation for changes in mean (Scott & Knott 1974; Vostrikova 1981): split where the sum of squared
 * deviations falls most, keep the split while the fall exceeds the BIC-type penalty 2 sigma^2 ln n, recurse.
 * sigma is estimated robustly from first differences, `1.4826 MAD(diff) / sqrt(2)` (Fryzlewicz 2014), so that the
 * shifts themselves do not inflate it. Cost O(n log n) typical, O(n^2) worst case.
 *
 * The fall in the sum of squares from splitting a segment at k is the between-segment sum of squares
 * S_L^2 / n_L + S_R^2 / n_R - S^2 / n, computed on values centred on the segment's mean (Chan, Golub & LeVeque 1983,
 * "Algorithms for computing the sample variance: analysis and recommendations", The American Statistician 37(3)):
 * the textbook form sum(x^2) - (sum x)^2 / n cancels catastrophically on a series with a large level (sales
 * of 1e9 + noise gave arbitrary splits), while centred sums keep the accuracy of the deviations themselves.
 * Running sums are Neumaier-compensated (src/internal/sum.ts).
 */
import { CompensatedAccumulator, compensatedSum } from '../../internal/sum';

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function meanShiftChangePoints(values: readonly number[], minSegment = 2): number[] {
  const n = values.length;
  if (n < 2 * minSegment) return [];
  const diffs: number[] = [];
  for (let i = 1; i < n; i++) diffs.push((values[i] as number) - (values[i - 1] as number));
  const md = median(diffs);
  let sigma = (1.4826 * median(diffs.map((d) => Math.abs(d - md)))) / Math.SQRT2;
  if (!(sigma > 0)) {
    const m = compensatedSum(values) / n;
    const squares = new CompensatedAccumulator();
    for (const v of values) squares.add((v - m) ** 2);
    sigma = Math.sqrt(squares.value() / n) || 0;
    if (!(sigma > 0)) return [];
  }
  const penalty = 2 * sigma * sigma * Math.log(n);
  const found: number[] = [];
  const split = (start: number, end: number): void => {
    const size = end - start;
    if (size < 2 * minSegment) return;
    const centre = compensatedSum(values, start, end) / size;
    // The centred total is zero up to the rounding of the centre: kept rather than assumed.
    const centredTotal = new CompensatedAccumulator();
    for (let i = start; i < end; i++) centredTotal.add((values[i] as number) - centre);
    const total = centredTotal.value();
    const totalTerm = (total * total) / size;
    let best = -1;
    let bestGain = 0;
    const left = new CompensatedAccumulator();
    for (let k = start; k < end - 1; k++) {
      left.add((values[k] as number) - centre);
      const nl = k - start + 1;
      const nr = size - nl;
      if (nl < minSegment || nr < minSegment) continue;
      const leftSum = left.value();
      const rightSum = total - leftSum;
      const gain = (leftSum * leftSum) / nl + (rightSum * rightSum) / nr - totalTerm;
      if (gain > bestGain) {
        bestGain = gain;
        best = k + 1;
      }
    }
    if (best < 0 || bestGain <= penalty) return;
    found.push(best);
    split(start, best);
    split(best, end);
  };
  split(0, n);
  return found.sort((a, b) => a - b);
}
