/**
 * Fallback change-point detection for `compareCycles` when the caller passes no change points (internal).
 * Binary segmentation for changes in mean (Scott & Knott 1974; Vostrikova 1981): split where the sum of squared
 * deviations falls most, keep the split while the fall exceeds the BIC-type penalty 2 sigma^2 ln n, recurse.
 * sigma is estimated robustly from first differences, `1.4826 MAD(diff) / sqrt(2)` (Fryzlewicz 2014), so that the
 * shifts themselves do not inflate it. Cost O(n log n) typical, O(n^2) worst case.
 */

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
    const m = values.reduce((s, v) => s + v, 0) / n;
    sigma = Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / n) || 0;
    if (!(sigma > 0)) return [];
  }
  const penalty = 2 * sigma * sigma * Math.log(n);
  const found: number[] = [];
  const split = (start: number, end: number): void => {
    if (end - start < 2 * minSegment) return;
    let total = 0;
    let totalSq = 0;
    for (let i = start; i < end; i++) {
      total += values[i] as number;
      totalSq += (values[i] as number) ** 2;
    }
    const sse = totalSq - (total * total) / (end - start);
    let best = -1;
    let bestGain = 0;
    let left = 0;
    let leftSq = 0;
    for (let k = start; k < end - 1; k++) {
      left += values[k] as number;
      leftSq += (values[k] as number) ** 2;
      const nl = k - start + 1;
      const nr = end - start - nl;
      if (nl < minSegment || nr < minSegment) continue;
      const right = total - left;
      const rightSq = totalSq - leftSq;
      const gain = sse - (leftSq - (left * left) / nl) - (rightSq - (right * right) / nr);
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
