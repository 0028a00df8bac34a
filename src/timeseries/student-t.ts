import { assertNumberOption, fail } from '../errors';
import { logGamma, studentTUpperTail } from './special';

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

/** Unchecked {@link studentTQuantile} for internal hot loops. */
export function tQuantile(p: number, df: number): number {
  if (p === 0.5) return 0;
  if (p < 0.5) return -upperQuantile(p, df);
  return upperQuantile(1 - p, df);
}

// The t > 0 with P(T > t) = q, for 0 < q < 0.5.
function upperQuantile(q: number, df: number): number {
  if (df === 1) return Math.tan(Math.PI * (0.5 - q));
  if (df === 2) {
    const p = 1 - q;
    return (2 * p - 1) / Math.sqrt(2 * p * q);
  }
  // Start: normal quantile (A&S 26.2.23), then Cornish-Fisher terms (A&S 26.7.5).
  const w = Math.sqrt(-2 * Math.log(q));
  const z = w - (2.515517 + 0.802853 * w + 0.010328 * w * w) / (1 + 1.432788 * w + 0.189269 * w * w + 0.001308 * w * w * w);
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  let t = z + g1 / df + g2 / (df * df) + g3 / (df * df * df) + g4 / (df * df * df * df);
  if (!(t > 0) || !Number.isFinite(t)) t = z > 0 ? z : 1;

  const logNorm = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  let lo = 0;
  let hi = Infinity;
  for (let iteration = 0; iteration < 100; iteration++) {
    const tail = studentTUpperTail(t, df);
    const error = tail - q;
    if (error > 0) lo = t;
    else hi = t;
    if (error === 0) return t;
    const density = Math.exp(logNorm - ((df + 1) / 2) * Math.log1p((t * t) / df));
    let next = t + error / density;
    if (!(next > lo && next < hi) || !Number.isFinite(next)) next = hi === Infinity ? 2 * lo + 1 : (lo + hi) / 2;
    if (Math.abs(next - t) <= 1e-13 * Math.max(1, Math.abs(t))) return next;
    t = next;
  }
  return t;
}

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
// one length asks for the same ones again and again. A cache of pure values: results never depend on it.
const criticalCache = new Map<string, Float64Array>();

/** Unchecked {@link esdCriticalValue}, memoised. */
export function criticalValue(n: number, i: number, alpha: number): number {
  const key = `${n}|${alpha}`;
  let table = criticalCache.get(key);
  if (table === undefined) {
    if (criticalCache.size > 256) criticalCache.clear();
    table = new Float64Array(Math.max(0, n - 1)).fill(Number.NaN);
    criticalCache.set(key, table);
  }
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
