/**
 * Numerical helpers shared by `src/insights/` and `src/planning/` (internal: not re-exported from the package).
 *
 * The special functions (log-gamma, incomplete gamma and beta, normal and Student-t distributions) have one
 * implementation, in `src/internal/special.ts`, re-exported here for the insights stage.
 */
import { logChoose, normalQuantile, tQuantile } from '../../internal/special';
import { randomFromSeed } from '../../internal/random';
import { CompensatedAccumulator, compensatedSum } from '../../internal/sum';

export {
  gammaP,
  gammaQ,
  incompleteBeta,
  logChoose,
  logGamma,
  normalCdf,
  normalQuantile,
  normalUpperTail,
  studentTCdf,
  studentTTwoSided,
} from '../../internal/special';

/**
 * Student t quantile for `df` degrees of freedom (unchecked): the Newton-refined Cornish-Fisher inversion of
 * `src/internal/special` (A&S 26.7.5, 26.7.1), and the normal quantile beyond a million degrees of freedom.
 */
export function studentTQuantile(p: number, df: number): number {
  if (df > 1e6) return normalQuantile(p);
  return tQuantile(p, df);
}

/**
 * One-sided Fisher exact test (Fisher 1922): Pr(X >= a) where X is hypergeometric with the table's margins,
 * for the 2x2 table [[a, b], [c, d]] (a = hits in the first group, b = misses in the first group, ...).
 */
export function fisherExactGreater(a: number, b: number, c: number, d: number): number {
  const row1 = a + b;
  const col1 = a + c;
  const n = a + b + c + d;
  const maxA = Math.min(row1, col1);
  const denominator = logChoose(n, row1);
  let p = 0;
  for (let x = a; x <= maxA; x++) p += Math.exp(logChoose(col1, x) + logChoose(n - col1, row1 - x) - denominator);
  return Math.min(1, p);
}

/** Benjamini & Hochberg (1995) step-up adjusted p-values, in the input order. */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((x, y) => x[0] - y[0]);
  const adjusted = new Array<number>(m).fill(1);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const entry = order[rank - 1];
    if (entry === undefined) continue;
    running = Math.min(running, (entry[0] * m) / rank);
    adjusted[entry[1]] = Math.min(1, running);
  }
  return adjusted;
}

/** Arithmetic mean, the sum Neumaier-compensated (src/internal/sum.ts); NaN for an empty list (callers check length first). */
export function mean(values: readonly number[]): number {
  return compensatedSum(values) / values.length;
}

/**
 * Sample variance (n - 1 denominator) by the corrected two-pass algorithm of Chan, Golub & LeVeque (1983,
 * "Algorithms for computing the sample variance: analysis and recommendations", The American Statistician 37(3),
 * eq. 1.7): sum((v - m)^2) - (sum(v - m))^2 / n, the second term correcting the rounding of the mean m. Exact for
 * 1e9 + {1, 2, 3, 4} (5/3), where the one-pass sum(v^2) - (sum v)^2 / n gives 0. NaN below two values.
 */
export function sampleVariance(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return Number.NaN;
  const m = mean(values);
  const deviations = new CompensatedAccumulator();
  const squares = new CompensatedAccumulator();
  for (const v of values) {
    deviations.add(v - m);
    squares.add((v - m) * (v - m));
  }
  const correction = deviations.value();
  return (squares.value() - (correction * correction) / n) / (n - 1);
}

/** Median of a list (NaN when empty). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * A seeded uniform source in [0, 1) for the insights stage's permutation tests: the library's one generator
 * (src/internal/random.ts, sfc32); any number is accepted as a seed (floored).
 */
export function seededRandom(seed: number): () => number {
  const random = randomFromSeed(seed);
  return () => random.next();
}

/** Rounds for display without trailing noise. */
export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
