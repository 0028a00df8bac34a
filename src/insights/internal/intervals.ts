/** Confidence intervals shared by the insights functions (internal). */
import type { Interval } from '../types';
import { normalQuantile } from './stats';

/** Wilson (1927) score interval for `successes` of `n`, in percent, clipped to [0, 100]. */
export function wilsonInterval(successes: number, n: number, level: number): Interval {
  const z = normalQuantile(0.5 + level / 2);
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = ((z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n)));
  return { lower: 100 * Math.max(0, centre - half), upper: 100 * Math.min(1, centre + half), level, method: 'wilson' };
}
