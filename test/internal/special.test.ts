import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  erfc,
  fCdf,
  fQuantile,
  gammaP,
  gammaQ,
  incompleteBeta,
  logBeta,
  logChoose,
  logGamma,
  normalCdf,
  normalQuantile,
  normalUpperTail,
  studentTCdf,
  studentTTwoSided,
  studentTUpperTail,
  tQuantile,
} from '../../src/internal/special';
import { FeedbackMinerError } from '../../src/errors';

describe('logGamma(x), logBeta(a, b), logChoose(n, k)', () => {
  it('logGamma(x) matches R lgamma, also below 1/2 by reflection', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    expect(logGamma(101)).toBeCloseTo(363.73937555556347, 9); // R: lgamma(101)
    expect(logGamma(0.1)).toBeCloseTo(2.252712651734206, 12); // R: lgamma(0.1)
  });
  it('logGamma(x) is Infinity at the poles 0, -1, -2 and ln |Gamma(x)| between them (R lgamma)', () => {
    expect([logGamma(0), logGamma(-1), logGamma(-2), logGamma(-1e6)]).toEqual([Infinity, Infinity, Infinity, Infinity]);
    // Gamma(-1/2) = -2 sqrt(pi) (A&S 6.1.8 with the recurrence), so ln |Gamma(-1/2)| = ln(2 sqrt(pi)); R: lgamma(-0.5) = 1.265512.
    expect(logGamma(-0.5)).toBeCloseTo(Math.log(2 * Math.sqrt(Math.PI)), 12);
    expect(logGamma(Number.NaN)).toBeNaN();
  });
  it('logBeta(a, b) and logChoose(n, k) give B(2, 3) = 1/12 and C(10, 3) = 120 (by hand)', () => {
    expect(Math.exp(logBeta(2, 3))).toBeCloseTo(1 / 12, 13);
    expect(Math.exp(logChoose(10, 3))).toBeCloseTo(120, 9);
  });
});

describe('gammaP(a, x), gammaQ(a, x), erfc(x)', () => {
  it('gammaP(1, x) = 1 - e^-x and gammaQ(1, x) = e^-x (exponential distribution, by hand)', () => {
    for (const x of [0.1, 1, 3, 20]) {
      expect(gammaP(1, x)).toBeCloseTo(1 - Math.exp(-x), 14);
      expect(gammaQ(1, x) / Math.exp(-x)).toBeCloseTo(1, 12);
    }
    expect([gammaP(2, 0), gammaQ(2, 0)]).toEqual([0, 1]);
  });
  it('erfc(x) matches Python math.erfc to 1e-14 relative, also in the far tail', () => {
    // Python 3: math.erfc(1) = 0.15729920705028513, math.erfc(2) = 0.004677734981047265,
    // math.erfc(-1) = 1.842700792949715, math.erfc(5) = 1.5374597944280351e-12.
    const cases: Array<[number, number]> = [
      [0, 1],
      [1, 0.15729920705028513],
      [2, 0.004677734981047265],
      [-1, 1.842700792949715],
      [5, 1.5374597944280351e-12],
    ];
    for (const [x, expected] of cases) expect(Math.abs(erfc(x) - expected) / expected).toBeLessThan(1e-13);
    expect(erfc(Number.NaN)).toBeNaN();
  });
});

describe('incompleteBeta(x, a, b)', () => {
  it('incompleteBeta(x, a, b) has the closed forms I_x(a, 1) = x^a and I_x(1, b) = 1 - (1 - x)^b', () => {
    expect(incompleteBeta(0.3, 2.5, 1)).toBeCloseTo(0.3 ** 2.5, 13);
    expect(incompleteBeta(0.3, 1, 4)).toBeCloseTo(1 - 0.7 ** 4, 13);
    expect(incompleteBeta(0.5, 2, 2)).toBeCloseTo(0.5, 13);
    expect([incompleteBeta(0, 2, 3), incompleteBeta(1, 2, 3), incompleteBeta(-1, 2, 3)]).toEqual([0, 1, 0]);
  });
  it('incompleteBeta(x, a, b) = 1 - incompleteBeta(1 - x, b, a) (symmetry, property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        fc.double({ min: 0.1, max: 200, noNaN: true }),
        fc.double({ min: 0.1, max: 200, noNaN: true }),
        (x, a, b) => {
          expect(incompleteBeta(x, a, b) + incompleteBeta(1 - x, b, a)).toBeCloseTo(1, 9);
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('normalUpperTail(z), normalCdf(z), normalQuantile(p)', () => {
  it('normalUpperTail(z) matches scipy.stats.norm.sf to 1e-13 relative', () => {
    // scipy: norm.sf(1.96) = 0.024997895148220435, norm.sf(5) = 2.866515718791946e-07,
    // norm.sf(10) = 7.619853024160527e-24.
    expect(Math.abs(normalUpperTail(1.96) - 0.024997895148220435) / 0.025).toBeLessThan(1e-13);
    expect(Math.abs(normalUpperTail(5) - 2.866515718791946e-7) / 2.866515718791946e-7).toBeLessThan(1e-13);
    expect(Math.abs(normalUpperTail(10) - 7.619853024160527e-24) / 7.619853024160527e-24).toBeLessThan(1e-12);
    expect(normalCdf(0)).toBeCloseTo(0.5, 15);
    expect(normalUpperTail(Number.NaN)).toBeNaN();
  });
  it('normalQuantile(p) matches R qnorm', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 13); // qnorm(0.975)
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 12); // qnorm(0.001)
    expect(normalQuantile(0.5)).toBeCloseTo(0, 15);
    expect([normalQuantile(0), normalQuantile(1)]).toEqual([-Infinity, Infinity]);
    expect(normalQuantile(1.5)).toBeNaN();
  });
  it('normalQuantile(p) inverts normalCdf(z) (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-10, max: 1 - 1e-10, noNaN: true }), (p) => {
        expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 12);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('studentTCdf(t, df), studentTUpperTail(t, df), studentTTwoSided(t, df), tQuantile(p, df)', () => {
  it('tQuantile(p, df) matches R qt (digits = 7)', () => {
    const table: Array<[number, number, number]> = [
      [0.975, 1, 12.706205],
      [0.975, 2, 4.302653],
      [0.975, 10, 2.228139],
      [0.995, 20, 2.84534],
      [0.05, 10, -1.812461],
    ];
    for (const [p, df, expected] of table) expect(tQuantile(p, df)).toBeCloseTo(expected, 5);
    expect(tQuantile(0.5, 4)).toBe(0);
  });
  it('studentTCdf(t, df) matches R pt, and the t(1) closed form 1/2 + atan(t)/pi', () => {
    expect(studentTCdf(2.228139, 10)).toBeCloseTo(0.975, 7); // pt(2.228139, 10)
    expect(studentTCdf(-2.228139, 10)).toBeCloseTo(0.025, 7);
    expect(studentTTwoSided(2.228139, 10)).toBeCloseTo(0.05, 7);
    for (const t of [-30, -1, 0.5, 4]) expect(studentTCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 13);
    expect([studentTCdf(Infinity, 3), studentTCdf(-Infinity, 3)]).toEqual([1, 0]);
    expect(studentTCdf(Number.NaN, 3)).toBeNaN();
    expect(studentTUpperTail(Number.NaN, 3)).toBeNaN();
  });
  it('studentTCdf(-t, df) is half the two-sided p-value and the upper tail of t (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 50, noNaN: true }), fc.integer({ min: 1, max: 300 }), (t, df) => {
        expect(studentTCdf(-t, df)).toBe(0.5 * studentTTwoSided(t, df));
        expect(studentTUpperTail(t, df)).toBeCloseTo(studentTCdf(-t, df), 14);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('impossible parameters throw INVALID_ARGUMENT naming the function, parameter, expected and found', () => {
  const cases: Array<[string, () => number, string]> = [
    ['studentTCdf(1, -1)', () => studentTCdf(1, -1), 'studentTCdf: expected df to be a finite number > 0, found -1'],
    ['studentTCdf(1, 0)', () => studentTCdf(1, 0), 'studentTCdf: expected df to be a finite number > 0, found 0'],
    ['studentTCdf(1, NaN)', () => studentTCdf(1, Number.NaN), 'studentTCdf: expected df to be a finite number > 0, found NaN'],
    ['studentTCdf(1, Infinity)', () => studentTCdf(1, Infinity), 'studentTCdf: expected df to be a finite number > 0, found Infinity'],
    ['studentTUpperTail(1, -2)', () => studentTUpperTail(1, -2), 'studentTUpperTail: expected df to be a finite number > 0, found -2'],
    ['studentTTwoSided(1, 0)', () => studentTTwoSided(1, 0), 'studentTTwoSided: expected df to be a finite number > 0, found 0'],
    ['tQuantile(0.9, -3)', () => tQuantile(0.9, -3), 'tQuantile: expected df to be a finite number > 0, found -3'],
    ['incompleteBeta(0.5, -1, 2)', () => incompleteBeta(0.5, -1, 2), 'incompleteBeta: expected a to be a finite number > 0, found -1'],
    ['incompleteBeta(0.5, 2, NaN)', () => incompleteBeta(0.5, 2, Number.NaN), 'incompleteBeta: expected b to be a finite number > 0, found NaN'],
    ['gammaP(0, 1)', () => gammaP(0, 1), 'gammaP: expected a to be a finite number > 0, found 0'],
    ['gammaQ(-0.5, 1)', () => gammaQ(-0.5, 1), 'gammaQ: expected a to be a finite number > 0, found -0.5'],
    ['fCdf(1, 0, 3)', () => fCdf(1, 0, 3), 'fCdf: expected d1 to be a finite number > 0, found 0'],
    ['fQuantile(0.5, 3, -1)', () => fQuantile(0.5, 3, -1), 'fQuantile: expected d2 to be a finite number > 0, found -1'],
    ['fQuantile(1, 3, 4)', () => fQuantile(1, 3, 4), 'fQuantile: expected p to be a number in (0, 1), found 1'],
  ];
  it.each(cases)('%s throws', (_, call, message) => {
    let caught: unknown;
    try {
      call();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(FeedbackMinerError);
    expect((caught as FeedbackMinerError).code).toBe('INVALID_ARGUMENT');
    expect((caught as FeedbackMinerError).message).toBe(message);
  });
  it('an out-of-domain argument (not a parameter) still gives the documented value, not an error', () => {
    expect(studentTCdf(Number.NaN, 3)).toBeNaN();
    expect([incompleteBeta(-1, 2, 3), incompleteBeta(2, 2, 3), gammaP(2, -1), gammaQ(2, -1), fCdf(-1, 2, 3)]).toEqual([0, 1, 0, 1, 0]);
  });
});

describe('fCdf(f, d1, d2), fQuantile(p, d1, d2)', () => {
  it('fCdf(1, d, d) = 1/2 (symmetry) and fQuantile matches the F table: F(0.95; 5, 10) = 3.33', () => {
    expect(fCdf(1, 7, 7)).toBeCloseTo(0.5, 13);
    expect(fCdf(0, 3, 4)).toBe(0);
    expect(fQuantile(0.95, 5, 10)).toBeCloseTo(3.33, 2); // R: qf(0.95, 5, 10) = 3.325835
    expect(fCdf(fQuantile(0.9, 3, 12), 3, 12)).toBeCloseTo(0.9, 10);
  });
});
