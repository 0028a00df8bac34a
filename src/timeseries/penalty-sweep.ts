import type { Rejected } from '../records';
import { assertArray, assertNumberOption, assertOptions, fail } from '../errors';
import { type DetectChangePointsOptions, peltSettings, prepareChangeInput, segment, toChangePoints } from './detect-change-points';
import { type ChangeCost, segmentCost, segmentSums, type SegmentSums } from './pelt';
import { checkPeriodOption } from './seasonality';
import type { ChangePoint, Point } from './types';

export interface PenaltySweepOptions extends Omit<DetectChangePointsOptions, 'method' | 'penalty' | 'threshold' | 'drift' | 'warmup' | 'seasonalModel'> {
  /**
   * With a period, how the season is removed: only `'stl'` (the default here). The sweep removes the season once
   * and segments the same deseasonalised series at every penalty; `detectChangePoints`' default `'harmonic'`
   * model re-fits the season with each segmentation, so a sweep of it would be a full search per penalty. Compare
   * a sweep with `detectChangePoints(points, { period, seasonalModel: 'stl', penalty })`.
   */
  readonly seasonalModel?: 'stl';
  /** Penalties to try; default `steps` values spaced evenly in log scale from `min` to `max`. */
  readonly penalties?: readonly number[];
  /** Default 0.5 ln n and 20 ln n. */
  readonly min?: number;
  readonly max?: number;
  /** Default 20. */
  readonly steps?: number;
}

/** One penalty of a sweep. */
export interface PenaltyStep {
  readonly penalty: number;
  readonly count: number;
  readonly changePoints: ChangePoint[];
  /** Total cost without the penalties (the fit): falls as changes are added. */
  readonly cost: number;
}

export interface PenaltySweep {
  /** Ascending penalties. */
  readonly steps: PenaltyStep[];
  /**
   * The middle penalty of the widest range of penalties (in log scale) that keeps one number of changes, the
   * most stable segmentation: the reading of a penalty-versus-changes plot recommended with CROPS (Haynes,
   * Eckley & Fearnhead 2017). Undefined when the sweep found no change at all.
   */
  readonly suggested: number | undefined;
  /** Points skipped (unreadable `t`, a value that is not a finite number), with their row and reason. */
  readonly rejected: Rejected[];
  readonly warnings: string[];
}

/**
 * Runs PELT (Killick, Fearnhead & Eckley 2012) over a range of penalties, to see how the number of change
 * points depends on the penalty instead of trusting one value (in the spirit of CROPS, Haynes, Eckley &
 * Fearnhead 2017, "Computationally Efficient Changepoint Detection for a Range of Penalties", JCGS 26(1), on a
 * grid rather than its exact search).
 *
 * Cost: O(s n) expected time for s penalties, O(n) memory.
 * @throws FeedbackMinerError INVALID_ARGUMENT when `points` is not an array; INVALID_OPTION for penalties that
 *   are not finite numbers >= 0, min > max, steps not an integer from 2 to 1000, or a seasonalModel other than
 *   'stl'.
 * @example
 * const points = [10, 11, 9, 10, 11, 10, 20, 21, 19, 20, 21, 20].map((value, t) => ({ t, value }))
 * penaltySweep(points).steps.map((s) => s.count) // => [1, 1, ..., 1] (one change, whatever the penalty)
 */
export function penaltySweep(points: readonly Point[], options?: PenaltySweepOptions): PenaltySweep {
  const where = 'penaltySweep';
  assertOptions(where, options);
  checkPeriodOption(where, options?.period);
  const seasonalModel: unknown = options?.seasonalModel ?? 'stl';
  if (seasonalModel !== 'stl') fail('INVALID_OPTION', where, 'options.seasonalModel', "'stl' (the season is removed once, before the sweep)", seasonalModel);
  const input = prepareChangeInput(where, points, options?.period ?? 'none', 'stl');
  const n = input.y.length;
  const settings = peltSettings(where, options, n);
  let penalties: number[];
  if (options?.penalties !== undefined) {
    assertArray(where, 'options.penalties', options.penalties);
    options.penalties.forEach((p, i) => assertNumberOption(where, `options.penalties[${i}]`, p, { min: 0 }));
    penalties = [...options.penalties].sort((a, b) => a - b);
  } else {
    const logN = Math.log(Math.max(n, 2));
    const min = options?.min ?? 0.5 * logN;
    const max = options?.max ?? 20 * logN;
    assertNumberOption(where, 'options.min', min, { min: Number.MIN_VALUE });
    assertNumberOption(where, 'options.max', max, { min: Number.MIN_VALUE });
    if (min > max) fail('INVALID_OPTION', where, 'options.max', `a number >= options.min (${min})`, max);
    const steps = options?.steps ?? 20;
    assertNumberOption(where, 'options.steps', steps, { min: 2, max: 1000, integer: true });
    penalties = Array.from({ length: steps }, (_, i) => min * (max / min) ** (i / (steps - 1)));
  }
  const warnings = input.warnings;
  const sigma = input.sigma;
  if (n < 2 * settings.minSegment || !(sigma > 0)) {
    warnings.push(`${where}: too few points or no variation: no change point at any penalty`);
    return { steps: penalties.map((penalty) => ({ penalty, count: 0, changePoints: [], cost: 0 })), suggested: undefined, rejected: input.rejected, warnings };
  }
  const sums = segmentSums(input.y);
  const sigma2 = sigma * sigma;
  const steps: PenaltyStep[] = penalties.map((penalty) => {
    const changes = segment(sums, n, { ...settings, penalty }, sigma2, warnings, where);
    const cost = totalCost(sums, changes, n, settings.cost, sigma2);
    return { penalty, count: changes.length, changePoints: toChangePoints(input, sums, changes, 'pelt'), cost };
  });
  // The widest run of equal counts (measured in log penalty), ignoring the zero-change tail.
  let suggested: number | undefined;
  let widest = -1;
  let runStart = 0;
  for (let i = 1; i <= steps.length; i++) {
    if (i < steps.length && (steps[i] as PenaltyStep).count === (steps[runStart] as PenaltyStep).count) continue;
    const first = steps[runStart] as PenaltyStep;
    const lastStep = steps[i - 1] as PenaltyStep;
    const width = Math.log(Math.max(lastStep.penalty, Number.MIN_VALUE)) - Math.log(Math.max(first.penalty, Number.MIN_VALUE));
    if (first.count > 0 && width > widest) {
      widest = width;
      suggested = Math.sqrt(Math.max(first.penalty, Number.MIN_VALUE) * Math.max(lastStep.penalty, Number.MIN_VALUE));
    }
    runStart = i;
  }
  return { steps, suggested, rejected: input.rejected, warnings };
}

function totalCost(sums: SegmentSums, changes: readonly number[], n: number, cost: ChangeCost, sigma2: number): number {
  const bounds = [0, ...changes, n];
  let total = 0;
  for (let i = 1; i < bounds.length; i++) total += segmentCost(sums, bounds[i - 1] as number, bounds[i] as number, cost, sigma2, sigma2 / 1e6);
  return total;
}
