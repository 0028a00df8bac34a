import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectChangePoints } from '../../src/timeseries/detect-change-points';
import { penaltySweep } from '../../src/timeseries/penalty-sweep';

const step = Object.freeze([10, 11, 9, 10, 11, 10, 20, 21, 19, 20, 21, 20].map((value, t) => Object.freeze({ t, value })));

function gaussian(seed: number): () => number {
  let state = seed;
  const uniform = () => (state = (state * 16807) % 2147483647) / 2147483647;
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

describe('detectChangePoints(points, options)', () => {
  it('detectChangePoints(step) finds the step with the segment means by hand: 61/6 before, 121/6 after', () => {
    for (const method of ['pelt', 'cusum'] as const) {
      const found = detectChangePoints(step, { method });
      expect(found.map((c) => [c.index, c.t, c.method])).toEqual([[6, 6, method]]);
      expect(found[0]?.before).toBeCloseTo(61 / 6, 12);
      expect(found[0]?.after).toBeCloseTo(121 / 6, 12);
    }
  });

  it('detectChangePoints(two shifts in noise) finds both with PELT, CUSUM and the mean-variance cost', () => {
    const noise = gaussian(7);
    const points = Array.from({ length: 600 }, (_, t) => ({ t, value: (t < 200 ? 0 : t < 420 ? 2 : -1) + noise() }));
    for (const options of [{}, { method: 'cusum' as const }, { cost: 'meanvar' as const }]) {
      const found = detectChangePoints(points, options);
      expect(found.length).toBe(2);
      expect(Math.abs((found[0]?.index as number) - 200)).toBeLessThanOrEqual(3);
      expect(Math.abs((found[1]?.index as number) - 420)).toBeLessThanOrEqual(3);
    }
  });

  it('detectChangePoints(seasonal sales with a step, { period: 52 }) finds the step and fewer false steps than without', () => {
    const noise = gaussian(21);
    const points = Array.from({ length: 156 }, (_, t) => ({
      t: new Date(Date.UTC(2023, 0, 2) + t * 7 * 86_400_000).toISOString().slice(0, 10),
      value: 100 + 40 * Math.sin((2 * Math.PI * t) / 52) + (t >= 90 ? 30 : 0) + 3 * noise(),
    }));
    const found = detectChangePoints(points, { period: 52 });
    expect(found.periods).toEqual([52]);
    // The harmonic season (default) is fitted jointly with the levels: the one step built in, nothing else.
    expect(found.map((c) => c.index)).toEqual([90]);
    expect((found[0]?.after as number) - (found[0]?.before as number)).toBeGreaterThan(15);
    // STL around a running median confounds season and level over three cycles: fewer, not zero, false steps.
    const stl = detectChangePoints(points, { period: 52, seasonalModel: 'stl' });
    expect(stl.some((c) => c.index === 90)).toBe(true);
    expect(stl.length).toBeLessThan(detectChangePoints(points).length);
  });

  it('detectChangePoints(noise only) finds nothing with the modified-BIC default penalty, 3 ln n', () => {
    const noise = gaussian(3);
    const points = Array.from({ length: 500 }, (_, t) => ({ t, value: noise() }));
    expect(detectChangePoints(points).length).toBe(0);
    expect(detectChangePoints(points).penalty).toBeCloseTo(3 * Math.log(500), 12);
    expect(detectChangePoints(points, { penalty: 'bic' }).penalty).toBeCloseTo(2 * Math.log(500), 12);
  });

  it('detectChangePoints(constant | single point | gaps) degrades with warnings, never throws', () => {
    const flat = detectChangePoints(Array.from({ length: 20 }, (_, t) => ({ t, value: 3 })));
    expect(flat.length).toBe(0);
    expect(flat.warnings).toEqual(['detectChangePoints: constant series: no change point']);
    expect(detectChangePoints([{ t: 0, value: 1 }]).warnings).toEqual([
      'detectChangePoints: 1 finite point(s); at least 4 are needed for a change point',
    ]);
    const withGap = [...step.slice(0, 4), { t: 4, value: Number.NaN }, ...step.slice(5)];
    const found = detectChangePoints(withGap);
    expect(found.map((c) => c.index)).toEqual([6]);
    expect(found.rejected).toEqual([{ row: 4, field: 'value', reason: 'expected a finite number, found NaN; kept as a gap' }]);
  });

  it('detectChangePoints(long series without changes) stays linear: PELT hands over to binary segmentation', () => {
    const noise = gaussian(5);
    const points = Array.from({ length: 150_000 }, (_, t) => ({ t, value: (t < 100_000 ? 0 : 1) + noise() }));
    const found = detectChangePoints(points);
    expect(found.map((c) => c.index)).toEqual([100_000]);
  });

  it('detectChangePoints(points, options) throws INVALID_OPTION with the exact message', () => {
    expect(() => detectChangePoints(step, { method: 'bayes' as never })).toThrow(
      "detectChangePoints: expected options.method to be 'pelt' or 'cusum', found \"bayes\"",
    );
    expect(() => detectChangePoints(step, { penalty: -1 })).toThrow('detectChangePoints: expected options.penalty to be a finite number >= 0, found -1');
    expect(() => detectChangePoints(step, { cost: 'meanvar', minSegment: 1 })).toThrow(
      'detectChangePoints: expected options.minSegment to be an integer >= 2, found 1',
    );
  });

  it('detectChangePoints(points) gives increasing indices whose segment means reproduce the total', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 4, maxLength: 120 }), fc.constantFrom('pelt', 'cusum'), (raw, method) => {
        const points = Object.freeze(raw.map((value, t) => Object.freeze({ t, value })));
        const found = detectChangePoints(points, { method });
        const bounds = [0, ...found.map((c) => c.index), raw.length];
        for (let j = 1; j < bounds.length; j++) expect(bounds[j] as number).toBeGreaterThan(bounds[j - 1] as number);
        let total = 0;
        found.forEach((c, j) => (total += c.before * ((bounds[j + 1] as number) - (bounds[j] as number))));
        if (found.length > 0) total += (found[found.length - 1] as { after: number }).after * (raw.length - (bounds[bounds.length - 2] as number));
        if (found.length > 0) expect(total).toBeCloseTo(raw.reduce((a, b) => a + b, 0), 6);
      }),
      { seed: 42, numRuns: 150 },
    );
  });
});

describe('penaltySweep(points, options)', () => {
  it('penaltySweep(step) finds one change at every penalty and suggests a penalty inside the range', () => {
    const sweep = penaltySweep(step);
    expect(sweep.steps.map((s) => s.count)).toEqual(new Array(20).fill(1));
    expect(sweep.suggested).toBeGreaterThan(0.5 * Math.log(12));
  });
  it('penaltySweep(three levels) has fewer changes as the penalty grows', () => {
    const noise = gaussian(13);
    const points = Array.from({ length: 300 }, (_, t) => ({ t, value: (t < 100 ? 0 : t < 200 ? 0.8 : 3) + 0.5 * noise() }));
    const counts = penaltySweep(points, { penalties: [1, 10, 100, 1000, 10000] }).steps.map((s) => s.count);
    for (let i = 1; i < counts.length; i++) expect(counts[i] as number).toBeLessThanOrEqual(counts[i - 1] as number);
    expect(counts[counts.length - 1]).toBe(0);
  });
  it("penaltySweep(points, { period, seasonalModel: 'harmonic' }) throws INVALID_OPTION: the sweep removes the season once, by STL", () => {
    expect(() => penaltySweep(step, { period: 4, seasonalModel: 'harmonic' as never })).toThrow("penaltySweep: expected options.seasonalModel to be 'stl'");
  });
  it('penaltySweep(points, { min: 5, max: 1 }) throws INVALID_OPTION', () => {
    expect(() => penaltySweep(step, { min: 5, max: 1 })).toThrow('penaltySweep: expected options.max to be a number >= options.min (5), found 1');
  });
});
