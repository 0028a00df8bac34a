import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { niceNumber, niceTicks } from '../../src/report/svg/niceTicks';
import { thrown } from './helpers';

// Expected values worked by hand from Heckbert (1990), "Nice numbers for graph labels", Graphics Gems,
// pp. 61-63: nicenum rounds the fraction f = x / 10^floor(log10 x) to 1, 2, 5 or 10 (round: thresholds 1.5,
// 3, 7; ceiling: 1, 2, 5), and loose_label takes range = nicenum(max - min, false),
// d = nicenum(range / (n - 1), true), graphmin = floor(min / d) d, graphmax = ceil(max / d) d.
describe('niceNumber(x, round)', () => {
  it('niceNumber(x, false) gives the smallest nice number >= x', () => {
    expect(niceNumber(94, false)).toBe(100);
    expect(niceNumber(7.3, false)).toBe(10);
    expect(niceNumber(2, false)).toBe(2);
    expect(niceNumber(0.043, false)).toBe(0.05);
  });
  it('niceNumber(x, true) gives the nearest nice number', () => {
    expect(niceNumber(25, true)).toBe(20);
    expect(niceNumber(1.4, true)).toBe(1);
    expect(niceNumber(640, true)).toBe(500);
    expect(niceNumber(7200, true)).toBe(10000);
  });
  it('niceNumber(0, true) throws INVALID_ARGUMENT', () => {
    const error = thrown(() => niceNumber(0, true));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toBe('niceNumber: expected x to be a finite number > 0, found 0');
  });
});

describe('niceTicks(min, max, count)', () => {
  it('niceTicks(3, 97, 5) covers the data with steps of 20', () => {
    // range = nicenum(94, false) = 100; d = nicenum(25, true) = 20; floor(3/20) = 0, ceil(97/20) = 5.
    expect(niceTicks(3, 97, 5)).toEqual({ min: 0, max: 100, step: 20, ticks: [0, 20, 40, 60, 80, 100] });
  });
  it('niceTicks(-13, 42, 5) spans zero', () => {
    // range = nicenum(55, false) = 100; d = 20; floor(-13/20) = -1, ceil(42/20) = 3.
    expect(niceTicks(-13, 42, 5).ticks).toEqual([-20, 0, 20, 40, 60]);
  });
  it('niceTicks(0.12, 0.87, 5) prints fractional ticks exactly', () => {
    // range = nicenum(0.75, false) = 1; d = nicenum(0.25, true) = 0.2.
    expect(niceTicks(0.12, 0.87, 5).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });
  it('niceTicks(x, x) widens a zero-width range', () => {
    const scale = niceTicks(0, 0);
    expect(scale.min).toBeLessThan(0);
    expect(scale.max).toBeGreaterThan(0);
  });
  it('niceTicks(NaN, 1), niceTicks(2, 1) and niceTicks(0, 1, 1) throw', () => {
    expect(thrown(() => niceTicks(Number.NaN, 1)).message).toBe('niceTicks: expected min to be a finite number, found NaN');
    expect(thrown(() => niceTicks(2, 1)).message).toBe('niceTicks: expected max to be a number >= min (2), found 1');
    const error = thrown(() => niceTicks(0, 1, 1));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.message).toBe('niceTicks: expected count to be an integer from 2 to 100, found 1');
  });
  it('niceTicks(min, max, count) covers [min, max] with evenly spaced multiples of its step', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }),
        fc.double({ min: 0, max: 1e9, noNaN: true, noDefaultInfinity: true }),
        fc.integer({ min: 2, max: 12 }),
        (low, width, count) => {
          const high = low + width;
          const scale = niceTicks(low, high, count);
          expect(scale.min).toBeLessThanOrEqual(low);
          expect(scale.max).toBeGreaterThanOrEqual(high);
          expect(scale.ticks[0]).toBe(scale.min);
          expect(scale.ticks[scale.ticks.length - 1]).toBe(scale.max);
          expect(scale.ticks.length).toBeLessThanOrEqual(2 * count + 3);
          for (const tick of scale.ticks) {
            const multiple = tick / scale.step;
            expect(Math.abs(multiple - Math.round(multiple))).toBeLessThan(1e-6);
          }
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });
});
