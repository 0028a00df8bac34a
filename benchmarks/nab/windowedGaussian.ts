/**
 * NAB's simplest baseline, "windowed Gaussian", reimplemented from its description in the NAB README and
 * Lavin & Ahmad (2015): the score of a point is the Gaussian tail probability of its distance from the mean of
 * a sliding window of the points before it (6400 points, moved forward 100 points at a time), expressed as
 * `1 - Q(|x - mean| / std)`. Used here only as a sanity anchor for the scorer (published score 35.0, standard).
 */
import { normalUpperTail } from '../../src/timeseries/streamingMath';

export function windowedGaussianScores(values: readonly number[], windowSize = 6400, stepSize = 100): number[] {
  const scores: number[] = [];
  let window: number[] = [];
  let buffer: number[] = [];
  let mean = 0;
  let std = 1;
  const refit = () => {
    mean = window.reduce((a, b) => a + b, 0) / window.length;
    std = Math.sqrt(window.reduce((a, b) => a + (b - mean) ** 2, 0) / window.length);
    if (std === 0) std = 0.000001;
  };
  for (const x of values) {
    scores.push(window.length > 0 ? 1 - normalUpperTail(Math.abs(x - mean) / std) : 0);
    if (window.length < windowSize) {
      window.push(x);
      refit();
    } else {
      buffer.push(x);
      if (buffer.length === stepSize) {
        window = window.slice(stepSize).concat(buffer);
        buffer = [];
        refit();
      }
    }
  }
  return scores;
}
