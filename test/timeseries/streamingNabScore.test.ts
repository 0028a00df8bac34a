import { describe, expect, it } from 'vitest';
import {
  probationLength,
  scaledSigmoid,
  scoreFileAtThreshold,
  sweepThreshold,
  windowsToIndices,
  type LabelledFile,
} from '../../benchmarks/nab/score';

// The NAB scorer used by benchmarks/nab.ts to measure createStreamingDetector, checked against values worked by
// hand from the NAB rules (Lavin & Ahmad 2015; NAB README).
const standard = { tpWeight: 1, fnWeight: 1, fpWeight: 0.11 };
const lowFn = { tpWeight: 1, fnWeight: 2, fpWeight: 0.11 };
// 100 rows: probation 15 rows; one window on rows 40..49 (width 10).
const file: LabelledFile = { name: 'hand', length: 100, windows: [[40, 49]] };
const at = (...indices: number[]): number[] => Array.from({ length: 100 }, (_, i) => (indices.includes(i) ? 1 : 0));

describe('NAB scorer (benchmarks/nab/score.ts)', () => {
  it('scaledSigmoid(y) = 2 / (1 + e^{5y}) - 1, and -1 beyond 3', () => {
    // 2 / (1 + e^-5) - 1 = 0.9866142981514305; 2 / (1 + e^-2.5) - 1 = 0.8482836399575131
    expect(scaledSigmoid(-1)).toBeCloseTo(0.9866142981514305, 12);
    expect(scaledSigmoid(-0.5)).toBeCloseTo(0.8482836399575131, 12);
    expect(scaledSigmoid(0)).toBe(0);
    expect(scaledSigmoid(3.5)).toBe(-1);
  });

  it('probationLength(n) is 15% of the file, at most 750 rows', () => {
    expect([probationLength(100), probationLength(2500), probationLength(22695)]).toEqual([15, 375, 750]);
  });

  it('windowsToIndices(timestamps, windows) maps each window to the rows inside it', () => {
    const timestamps = ['2014-01-01 00:00:00', '2014-01-01 00:05:00', '2014-01-01 00:10:00', '2014-01-01 00:15:00'];
    expect(windowsToIndices(timestamps, [['2014-01-01 00:04:00.000000', '2014-01-01 00:10:00.000000']])).toEqual([[1, 2]]);
  });

  it('scoreFileAtThreshold: first detection in a window counts by its position; later ones in it count nothing', () => {
    // Row 45: y = -(49 - 45 + 1) / 10 = -0.5, sigma(-0.5) / sigma(-1) = 0.8597925669097837; row 47 adds nothing.
    const r = scoreFileAtThreshold(file, at(45, 47), 0.5, standard);
    expect(r.raw).toBeCloseTo(0.8597925669097837, 12);
    expect([r.tp, r.fn, r.fp]).toEqual([1, 0, 0]);
    // Row 40 (window start) earns exactly A_TP = 1.
    expect(scoreFileAtThreshold(file, at(40), 0.5, standard).raw).toBeCloseTo(1, 12);
  });

  it('scoreFileAtThreshold: false positives cost A_FP before a window, less just after one; probation is ignored', () => {
    // Row 20 (no window before it): -0.11. Row 60: y = (60 - 49) / (10 - 1), 0.11 sigma(y) = -0.10951310130369775.
    // Row 5 lies in the probationary period. The window is missed: -1.
    const r = scoreFileAtThreshold(file, at(5, 20, 60), 0.5, standard);
    expect(r.raw).toBeCloseTo(-1 - 0.11 - 0.10951310130369775, 12);
    expect([r.tp, r.fn, r.fp]).toEqual([0, 1, 2]);
    expect(scoreFileAtThreshold(file, at(), 0.5, lowFn).raw).toBe(-2);
  });

  it('sweepThreshold: null scores 0, perfect 100, and the best threshold is found over all files', () => {
    const other: LabelledFile = { name: 'other', length: 100, windows: [[70, 79]] };
    const nothing = sweepThreshold([file, other], [at(), at()], standard);
    expect(nothing.normalized).toBe(0);
    const perfect = sweepThreshold([file, other], [at(40), at(70)], standard);
    expect(perfect.normalized).toBeCloseTo(100, 10);
    // Scores: 0.9 at row 45 (in window), 0.8 at row 20 of the other file (FP), 0.7 at row 75 (in window).
    // Threshold 0.9: 0.8598 - 1 = -0.1402; 0.8: -0.2502; 0.7: 0.8598 - 0.11 + sigma(-0.5)/sigma(-1) = 1.6096.
    const a = at();
    a[45] = 0.9;
    const b = at();
    b[20] = 0.8;
    b[75] = 0.7;
    const swept = sweepThreshold([file, other], [a, b], standard);
    expect(swept.threshold).toBe(0.7);
    expect(swept.raw).toBeCloseTo(2 * 0.8597925669097837 - 0.11, 12);
    expect(swept.normalized).toBeCloseTo((100 * (swept.raw + 2)) / 4, 10);
  });

  it('sweepThreshold: a lower threshold that moves a detection earlier in its window raises the score', () => {
    const scores = at();
    scores[48] = 0.9;
    scores[41] = 0.5;
    // At 0.9: row 48, y = -0.2. At 0.5: row 41 becomes the first detection, y = -0.9.
    const r = sweepThreshold([file], [scores], standard);
    expect(r.threshold).toBe(0.5);
    expect(r.raw).toBeCloseTo(scaledSigmoid(-0.9) / scaledSigmoid(-1), 12);
  });
});
