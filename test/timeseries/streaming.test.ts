import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FeedbackMinerError } from '../../src/errors';
import {
  createStreamingDetector,
  restoreStreamingDetector,
  STREAMING_DEFAULTS,
  type StreamingDetectorState,
  type StreamingUpdate,
} from '../../src/timeseries/streaming';
import type { Point } from '../../src/timeseries/types';

function run(points: readonly Point[], options?: Parameters<typeof createStreamingDetector>[0]): StreamingUpdate[] {
  const detector = createStreamingDetector(options);
  return points.map((p) => detector.update(p));
}

function catchError(f: () => unknown): FeedbackMinerError {
  try {
    f();
  } catch (error) {
    if (error instanceof FeedbackMinerError) return error;
    throw error;
  }
  throw new Error('expected a FeedbackMinerError');
}

/** Deterministic noise for fixtures: a small linear congruential generator (Numerical Recipes constants). */
function noise(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
}

const points = (values: readonly number[]): Point[] => values.map((value, t) => ({ t, value }));
const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });

describe('createStreamingDetector(options)', () => {
  it('update(point) gives the p-value worked by hand for a value beyond the history', () => {
    // History 1, 2, 3, 4 (t is an index: no seasonal test), then 5.
    // Level, upper tail: no past value >= 5, so (1 + 0) / (4 + 1) = 0.2; 5 is 1 beyond the max 4, and the
    //   robust scale is IQR / 1.349 with quartiles 1.75 and 3.25 (type 7), so p = 0.2 exp(-1 / (1.5 / 1.349))
    //   = 0.2 x 0.4068408 = 0.0813682; lower tail p = 1; two-sided 0.1627363.
    // Change |5 - 4| = 1 among past changes 1, 1, 1: p = (1 + 3) / 4 = 1.
    // Bonferroni over 2 tests: 0.3254726, score 0.6745274.
    const results = run(points([1, 2, 3, 4, 5]), { warmup: 0, suppression: 0 });
    const last = results[4] as StreamingUpdate;
    expect(last.pValue).toBeCloseTo(0.3254726, 6);
    expect(last.score).toBeCloseTo(0.6745274, 6);
    expect(last.isAnomaly).toBe(false);
    expect(last.expected).toBe(2.5); // median of 1, 2, 3, 4
  });

  it('update(point) is certain of a change never seen before in a history of equal changes', () => {
    // Changes so far are all 1 (IQR 0), so a change of 2 lies beyond them with a vanishing scale: p = 0.
    const last = run(points([1, 2, 3, 4, 5, 3]), { warmup: 0, suppression: 0 })[5] as StreamingUpdate;
    expect(last.pValue).toBe(0);
    expect(last.score).toBe(1);
    expect(last.isAnomaly).toBe(true);
  });

  it('update(point) scores 0 during the warm-up and before any history', () => {
    const results = run(points([5, 1, 100, -50, 7]), { warmup: 5 });
    expect(results.map((r) => r.score)).toEqual([0, 0, 0, 0, 0]);
    expect(results[0]?.expected).toBeNaN();
  });

  it('update(point) flags a spike once, suppresses an equal spike right after it, and fires again later', () => {
    const next = noise(7);
    const values = Array.from({ length: 400 }, () => 10 + next());
    values[250] = 30;
    values[255] = 30;
    values[380] = 30;
    const results = run(points(values), { suppression: 100 });
    expect(results[250]?.isAnomaly).toBe(true);
    expect(results[255]?.suppressed).toBe(true);
    expect(results[255]?.score).toBe(0);
    expect(results[380]?.isAnomaly).toBe(true);
    expect(results.filter((r) => r.isAnomaly).length).toBe(2);
  });

  it('update(point) flags a value far outside its recent context even when the longer history holds larger ones', () => {
    const next = noise(5);
    const values = Array.from({ length: 500 }, () => 100 + next());
    values[150] = 200; // an old, larger spike
    values[450] = 150; // within the history's range, far outside the last 50 values
    const local = run(points(values), { suppression: 0 })[450] as StreamingUpdate;
    const longOnly = run(points(values), { suppression: 0, context: 8640 })[450] as StreamingUpdate;
    expect(local.isAnomaly).toBe(true);
    expect(longOnly.pValue).toBeGreaterThan(local.pValue);
  });

  it('update(point) flags, when it happens, a jump and a half-day phase shift in 5-minute data with a daily cycle', () => {
    // Constructed like NAB's artificial series: a daily sine, uniform noise, one change at row 2500.
    const start = Date.UTC(2014, 3, 1);
    const daily = (i: number) => 50 + 20 * Math.sin((2 * Math.PI * i) / 288);
    const make = (change: (i: number, value: number) => number) => {
      const next = noise(21);
      return Array.from({ length: 2800 }, (_, i) => {
        const value = daily(i) + 6 * next();
        return { t: new Date(start + i * 300_000).toISOString(), value: i >= 2500 ? change(i, value) : value };
      });
    };
    const firstAlarmFrom = (series: readonly Point[], from: number) =>
      run(series).findIndex((r, i) => i >= from && r.isAnomaly);
    expect(firstAlarmFrom(make((_, v) => v + 25), 2400)).toBe(2500);
    expect(firstAlarmFrom(make((i, v) => v - daily(i) + daily(i + 144)), 2400)).toBe(2500);
  });

  it('update(point) invents no anomaly on a flat series', () => {
    const results = run(points(Array.from({ length: 500 }, () => 42)));
    expect(results.every((r) => r.score === 0 && !r.isAnomaly)).toBe(true);
  });

  it('update(point) uses seasonal lags only when t is a date: a night value at noon', () => {
    // Hourly data with a daily cycle; at one noon the value is a night-time value, within the usual range.
    const next = noise(3);
    const hours = 24 * 40;
    const daily = (h: number) => 100 + 50 * Math.sin((2 * Math.PI * (h % 24)) / 24);
    const values = Array.from({ length: hours }, (_, h) => daily(h) + 2 * next());
    const at = 24 * 35 + 6; // 06:00, the daily peak
    values[at] = 100; // a value seen twice a day, but never at 06:00
    const start = Date.UTC(2024, 0, 1);
    const dated = values.map((value, h) => ({ t: new Date(start + h * 3_600_000).toISOString(), value }));
    const withCalendar = run(dated, { suppression: 0 })[at] as StreamingUpdate;
    const withoutCalendar = run(points(values), { suppression: 0 })[at] as StreamingUpdate;
    expect(withCalendar.pValue).toBeLessThan(withoutCalendar.pValue);
    expect(withCalendar.isAnomaly).toBe(true);
  });

  it('update(point) reads a date without a zone as UTC', () => {
    const detector = createStreamingDetector();
    detector.update({ t: '2014-07-01 00:30:00', value: 1 });
    expect(detector.state().lastTime).toBe(Date.UTC(2014, 6, 1, 0, 30));
  });

  it('update(point) skips and reports a value that is not a finite number, and learns nothing from it', () => {
    const values = [1, 2, 3, 2, 1, 2, 3, 2, 1, 2];
    const clean = run(points(values), { warmup: 0 });
    const detector = createStreamingDetector({ warmup: 0 });
    const dirty: StreamingUpdate[] = [];
    values.forEach((value, t) => {
      dirty.push(detector.update({ t, value }));
      if (t === 4) {
        const bad = [NaN, Infinity, '7' as unknown as number].map((v) => detector.update({ t, value: v }));
        expect(bad.map((b) => b.skipped)).toEqual([
          'value is not a finite number (NaN)',
          'value is not a finite number (Infinity)',
          'value is not a finite number (7)',
        ]);
        expect(bad.every((b) => b.score === 0 && !b.isAnomaly)).toBe(true);
      }
    });
    expect(dirty).toEqual(clean);
    expect(detector.state().skipped).toBe(3);
    expect(detector.state().count).toBe(10);
  });

  it('createStreamingDetector(options) throws INVALID_OPTION / INVALID_ARGUMENT with the project message form', () => {
    const windowError = catchError(() => createStreamingDetector({ window: 3 }));
    expect(windowError.code).toBe('INVALID_OPTION');
    expect(windowError.message).toBe('createStreamingDetector: expected options.window to be an integer >= 10, found 3');
    expect(catchError(() => createStreamingDetector({ threshold: 2 })).message).toBe(
      'createStreamingDetector: expected options.threshold to be a finite number from 0 to 1, found 2',
    );
    expect(catchError(() => createStreamingDetector({ suppression: -1 })).message).toBe(
      'createStreamingDetector: expected options.suppression to be an integer >= 0, found -1',
    );
    expect(catchError(() => createStreamingDetector({ warmup: 1.5 })).code).toBe('INVALID_OPTION');
    expect(catchError(() => createStreamingDetector({ window: 100, context: 200 })).message).toBe(
      'createStreamingDetector: expected options.context to be an integer from 5 to 100, found 200',
    );
    const optionsError = catchError(() => createStreamingDetector(5 as never));
    expect(optionsError.code).toBe('INVALID_ARGUMENT');
    expect(optionsError.message).toBe('createStreamingDetector: expected options to be an object or undefined, found 5');
    const pointError = catchError(() => createStreamingDetector().update(null as never));
    expect(pointError.code).toBe('INVALID_ARGUMENT');
    expect(pointError.message).toBe('update: expected point to be an object { t, value }, found null');
  });

  it('createStreamingDetector() has the documented defaults', () => {
    expect(createStreamingDetector().state().options).toEqual({ window: 8640, context: 50, warmup: 100, suppression: 100, threshold: 0.9973 });
    expect(STREAMING_DEFAULTS.window).toBe(8640);
    // A window shorter than the default context shortens the context with it.
    expect(createStreamingDetector({ window: 20 }).state().options.context).toBe(20);
  });

  it('state() stays within window, whatever the stream length (bounded memory)', () => {
    const next = noise(11);
    const detector = createStreamingDetector({ window: 50, suppression: 20 });
    const start = Date.UTC(2024, 0, 1);
    for (let i = 0; i < 2000; i++) detector.update({ t: start + i * 3_600_000, value: next() });
    const state = detector.state();
    expect(state.values.length).toBe(50);
    expect(state.changes.length).toBe(50);
    expect(state.seasonal.every((w) => w.length <= 50)).toBe(true);
    expect(state.seasonal[0]?.length).toBe(50); // the daily lag (24 hours) fits in the window
    expect(state.seasonal[1]?.length).toBe(0); // a week (168 hours) does not
    expect(state.recentSurprise.length).toBe(20);
  });

  it('update(point) never looks ahead: the scores of a prefix do not change when later points differ', () => {
    fc.assert(
      fc.property(fc.array(finite, { minLength: 1, maxLength: 150 }), fc.array(finite, { maxLength: 50 }), (prefix, tail) => {
        const options = { warmup: 3, window: 40, suppression: 5 };
        // Hourly dates, so that the seasonal (daily) test runs too.
        const dated = (values: readonly number[]) => values.map((value, i) => ({ t: Date.UTC(2024, 0, 1) + i * 3_600_000, value }));
        const alone = run(dated(prefix), options);
        const extended = run(dated([...prefix, ...tail]), options);
        const altered = run(dated([...prefix, ...tail.map((v) => -v + 1)]), options);
        expect(extended.slice(0, prefix.length)).toEqual(alone);
        expect(altered.slice(0, prefix.length)).toEqual(alone);
      }),
      { seed: 42, numRuns: 60 },
    );
  });

  it('restoreStreamingDetector(JSON state) continues exactly as the original would have', () => {
    fc.assert(
      fc.property(fc.array(finite, { minLength: 2, maxLength: 200 }), fc.nat(), (values, cut) => {
        const options = { warmup: 5, window: 30, suppression: 7 };
        const start = Date.UTC(2024, 0, 1);
        const series = values.map((value, i) => ({ t: new Date(start + i * 3_600_000).toISOString(), value }));
        const split = cut % values.length;
        const straight = run(series, options);
        const first = createStreamingDetector(options);
        series.slice(0, split).forEach((p) => first.update(p));
        const saved = JSON.parse(JSON.stringify(first.state())) as StreamingDetectorState;
        const restored = restoreStreamingDetector(saved);
        const resumed = series.slice(split).map((p) => restored.update(p));
        expect(resumed).toEqual(straight.slice(split));
        expect(restored.state()).toEqual(createStreamingDetectorStateAfter(series, options));
      }),
      { seed: 42, numRuns: 60 },
    );
  });

  it('update(point) gives scores in [0, 1], isAnomaly exactly when score >= threshold, same output for the same input', () => {
    fc.assert(
      fc.property(fc.array(finite, { maxLength: 200 }), fc.double({ min: 0.5, max: 1, noNaN: true }), (values, threshold) => {
        const options = { warmup: 2, window: 25, threshold };
        const frozen = Object.freeze(values.map((value, t) => Object.freeze({ t, value })));
        const frozenOptions = Object.freeze({ ...options });
        const first = run(frozen, frozenOptions);
        const second = run(frozen, frozenOptions);
        expect(first).toEqual(second);
        for (const r of first) {
          expect(r.score).toBeGreaterThanOrEqual(0);
          expect(r.score).toBeLessThanOrEqual(1);
          expect(r.isAnomaly).toBe(r.score > 0 && r.score >= threshold);
        }
      }),
      { seed: 42, numRuns: 60 },
    );
  });

  it('state() returns a new object that later updates do not change', () => {
    const detector = createStreamingDetector({ warmup: 0 });
    detector.update({ t: 0, value: 1 });
    const snapshot = detector.state();
    const copy = JSON.parse(JSON.stringify(snapshot)) as unknown;
    detector.update({ t: 1, value: 2 });
    expect(snapshot).toEqual(copy);
  });
});

function createStreamingDetectorStateAfter(series: readonly Point[], options: Parameters<typeof createStreamingDetector>[0]) {
  const detector = createStreamingDetector(options);
  series.forEach((p) => detector.update(p));
  return detector.state();
}

describe('restoreStreamingDetector(state)', () => {
  const valid = () => {
    const detector = createStreamingDetector({ window: 20 });
    for (let i = 0; i < 30; i++) detector.update({ t: i, value: i % 4 });
    return JSON.parse(JSON.stringify(detector.state())) as Record<string, unknown>;
  };

  it('throws INVALID_MODEL for a state of another kind, version or shape', () => {
    const kind = catchError(() => restoreStreamingDetector({ ...valid(), kind: 'x' } as never));
    expect(kind.code).toBe('INVALID_MODEL');
    expect(kind.message).toBe('restoreStreamingDetector: expected state.kind to be "feedback-miner/streaming-detector", found "x"');
    expect(catchError(() => restoreStreamingDetector({ ...valid(), version: 2 } as never)).message).toBe(
      'restoreStreamingDetector: expected state.version to be 1, found 2',
    );
    expect(catchError(() => restoreStreamingDetector(null as never)).code).toBe('INVALID_MODEL');
    expect(catchError(() => restoreStreamingDetector({ ...valid(), values: [1, null] } as never)).message).toBe(
      'restoreStreamingDetector: expected state.values to be an array of at most 20 finite numbers, found an array of 2',
    );
    expect(catchError(() => restoreStreamingDetector({ ...valid(), seasonal: [] } as never)).code).toBe('INVALID_MODEL');
    expect(catchError(() => restoreStreamingDetector({ ...valid(), count: -1 } as never)).code).toBe('INVALID_MODEL');
    expect(catchError(() => restoreStreamingDetector({ ...valid(), lastTime: 'x' } as never)).code).toBe('INVALID_MODEL');
    const options = catchError(() => restoreStreamingDetector({ ...valid(), options: { window: 0 } } as never));
    expect(options.code).toBe('INVALID_MODEL');
    expect(options.message).toBe('restoreStreamingDetector: expected options.window to be an integer >= 10, found 0');
  });

  it('does not mutate the state it is given', () => {
    const state = valid();
    const copy = structuredClone(state);
    const restored = restoreStreamingDetector(Object.freeze(state) as never);
    restored.update({ t: 31, value: 100 });
    expect(state).toEqual(copy);
  });
});
