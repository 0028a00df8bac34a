import { assertNumberOption, fail } from '../errors';
import { tQuantile } from '../internal/special';

/**
 * Quantile (inverse CDF) of Student's t distribution with `df` degrees of freedom: the `t` with P(T <= t) = p.
 *
 * Method: exact closed forms for df = 1 (Cauchy) and df = 2; otherwise the Cornish-Fisher expansion of
 * Abramowitz & Stegun 26.7.5 around the normal quantile (A&S 26.2.23) as a start, refined by Newton steps on the
 * exact t distribution function (A&S 26.7.1 via the incomplete beta function, 26.5.8), safeguarded by bisection.
 * Accurate to about 1e-10 relative; agrees with R's `qt`.
 *
 * Cost: O(1), a handful of incomplete-beta evaluations.
 * @throws FeedbackMinerError INVALID_ARGUMENT when `p` is not in (0, 1) or `df` is not a positive finite number.
 * @example studentTQuantile(0.975, 10) // => 2.2281388519862757 (R: qt(0.975, 10) = 2.228139)
 */
export function studentTQuantile(p: number, df: number): number {
  if (typeof p !== 'number' || !(p > 0 && p < 1)) fail('INVALID_ARGUMENT', 'studentTQuantile', 'p', 'a number in (0, 1)', p);
  if (typeof df !== 'number' || !Number.isFinite(df) || df <= 0) {
    fail('INVALID_ARGUMENT', 'studentTQuantile', 'df', 'a finite number > 0', df);
  }
  return tQuantile(p, df);
}

/** Unchecked {@link studentTQuantile} for internal hot loops (one implementation, in `src/internal/special`). */
export { tQuantile };

/**
 * The critical value lambda_i of Rosner's (1983) generalized ESD test for the i-th (1-based) most extreme point
 * among `n`, at significance `alpha`:
 * lambda_i = (n - i) t_{p, n-i-1} / sqrt((n - i - 1 + t^2_{p, n-i-1}) (n - i + 1)), p = 1 - alpha / (2 (n - i + 1)).
 *
 * Cost: O(1).
 * @throws FeedbackMinerError INVALID_OPTION when alpha is not in (0, 1) or i is not an integer from 1 to n - 2.
 * @example esdCriticalValue(54, 1, 0.05) // => 3.158793940887496 (NIST/SEMATECH e-Handbook 1.3.5.17.3: 3.158)
 */
export function esdCriticalValue(n: number, i: number, alpha: number): number {
  assertNumberOption('esdCriticalValue', 'n', n, { min: 3, integer: true });
  assertNumberOption('esdCriticalValue', 'i', i, { min: 1, max: n - 2, integer: true });
  if (!(alpha > 0 && alpha < 1)) fail('INVALID_OPTION', 'esdCriticalValue', 'alpha', 'a number in (0, 1)', alpha);
  return criticalValue(n, i, alpha);
}

// Critical values depend only on (n, i, alpha): memoised per (n, alpha), since a panel of thousands of series of
// one length asks for the same ones again and again. A cache of pure values: results never depend on it. Keyed
// by numbers (alpha, then n) with the last table at hand, so a lookup builds no string.
const criticalCache = new Map<number, Map<number, Float64Array>>();
let criticalTables = 0;
let lastN = -1;
let lastAlpha = Number.NaN;
let lastTable: Float64Array = new Float64Array(0);

function criticalTable(n: number, alpha: number): Float64Array {
  if (n === lastN && alpha === lastAlpha) return lastTable;
  let byN = criticalCache.get(alpha);
  if (byN === undefined) {
    if (criticalCache.size > 16) {
      criticalCache.clear();
      criticalTables = 0;
    }
    byN = new Map();
    criticalCache.set(alpha, byN);
  }
  let table = byN.get(n);
  if (table === undefined) {
    if (criticalTables > 256) {
      byN.clear();
      criticalTables = 0;
    }
    table = new Float64Array(Math.max(0, n - 1)).fill(Number.NaN);
    byN.set(n, table);
    criticalTables++;
  }
  lastN = n;
  lastAlpha = alpha;
  lastTable = table;
  return table;
}

/** Unchecked {@link esdCriticalValue}, memoised. */
export function criticalValue(n: number, i: number, alpha: number): number {
  // A table is n - 1 doubles: for a huge n (esdCriticalValue(1e9, 1, 0.05) allocated 8 GB and took 17 s) compute
  // the one value asked for instead; S-H-ESD series are far shorter than this.
  if (n > 1_000_000) return computeCritical(n, i, alpha);
  const table = criticalTable(n, alpha);
  if (i < table.length) {
    const cached = table[i] as number;
    if (!Number.isNaN(cached)) return cached;
    const value = computeCritical(n, i, alpha);
    table[i] = value;
    return value;
  }
  return computeCritical(n, i, alpha);
}

function computeCritical(n: number, i: number, alpha: number): number {
  const df = n - i - 1;
  const p = 1 - alpha / (2 * (n - i + 1));
  const t = tQuantile(p, df);
  return ((n - i) * t) / Math.sqrt((df + t * t) * (n - i + 1));
}
