/**
 * Two-sided tabular CUSUM (Page 1954, "Continuous Inspection Schemes", Biometrika 41; in the form of Montgomery,
 * "Introduction to Statistical Quality Control", section 9.1): C+_i = max(0, C+_{i-1} + x_i - mu_0 - k),
 * C-_i = max(0, C-_{i-1} + mu_0 - k - x_i), a signal when either exceeds h. The change is dated at the point
 * after the sum last left 0 (Montgomery's estimate of the change time); the chart then restarts with mu_0 set to
 * the median of the `warmup` points from the change on (a batch method may look ahead). Internal: finite values.
 * Cost: O(n log w) time (a median per signal), O(n) memory.
 */
export function cusumChanges(y: Float64Array, warmup: number, k: number, h: number): number[] {
  const n = y.length;
  const changes: number[] = [];
  let target = medianOf(y, 0, Math.min(n, warmup));
  let high = 0;
  let low = 0;
  let highStart = 0;
  let lowStart = 0;
  for (let i = 0; i < n; i++) {
    const x = y[i] as number;
    if (high === 0) highStart = i;
    if (low === 0) lowStart = i;
    high = Math.max(0, high + x - target - k);
    low = Math.max(0, low + target - k - x);
    if (high > h || low > h) {
      const start = high > h ? highStart : lowStart;
      const previous = changes.length > 0 ? (changes[changes.length - 1] as number) : 0;
      if (start > previous) changes.push(start);
      // Batch mode may look ahead: the new target is the median of `warmup` points from the change on, and
      // the chart resumes after them.
      const resume = Math.max(i + 1, Math.min(n, start + warmup));
      target = medianOf(y, start, resume);
      high = 0;
      low = 0;
      i = resume - 1;
    }
  }
  return changes;
}

function medianOf(y: Float64Array, from: number, to: number): number {
  const part = y.slice(from, Math.max(from + 1, to)).sort();
  const m = part.length;
  return m % 2 === 1 ? (part[m >> 1] as number) : ((part[(m >> 1) - 1] as number) + (part[m >> 1] as number)) / 2;
}
