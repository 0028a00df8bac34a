/**
 * Property tests across the whole public API (issue #9), with fixed seeds and modest run counts. What the stage
 * tests already check (aggregate merge laws in test/aggregates/laws.test.ts, one no-look-ahead scenario in
 * test/timeseries/streaming.test.ts, tokenizer offsets) is extended here, not repeated:
 * - any value in any argument position of every export: a result or a FeedbackMinerError, nothing else;
 * - any string (lone surrogates, NUL, controls) through every text stage; any number array (NaN, ±Infinity, -0,
 *   1e308, subnormals) through every numeric stage, with output sizes matching input sizes;
 * - deep-frozen inputs: no stage writes to its input;
 * - same seed, same output, for every seeded export;
 * - the streaming detector never looks ahead, under random options and date or number times;
 * - merges of partial term statistics and centroid sums (themes) equal the whole.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index';
import { FeedbackMinerError } from '../../src/errors';
import { CATALOGUE } from './catalogue';
import { deepFreeze, weeks } from './inputs';

const any = (f: unknown) => f as (...args: unknown[]) => any;

/** Runs `f`; passes when it returns or throws a FeedbackMinerError, fails on any other exception. */
function onlyOurErrors(f: () => unknown): unknown {
  try {
    return f();
  } catch (error) {
    if (error instanceof FeedbackMinerError) return error;
    throw error;
  }
}

// Exports too slow for many random calls, or whose random input may legitimately take long (a seeded simulation
// of fc.anything() weeks): fewer runs, not none.
const SLOW = new Set(['analyze', 'crossValidate', 'clusterTexts', 'clusterFeedback', 'simulate', 'clusteringStability', 'analyzeTexts', 'toRawRows', 'detectAnomaliesBy', 'linkFeedbackToSales', 'actionImpact', 'emergingThemes', 'extractKeyphrases', 'forecastValueAdded', 'compareCycles', 'trend', 'generateFeedbackTexts', 'miniBatchKMeans', 'sphericalKMeans', 'explainAnomaly']);
const ASYNC = new Set(['preloadStemmer', 'preloadCompromise', 'analyzeShards']);

/** Values of every kind, kept small: fc.anything() with depth and size limits, plus the numbers that break math. */
const hostile = fc.oneof(
  fc.anything({ maxDepth: 2, maxKeys: 4, withNullPrototype: true, withTypedArray: true, withSparseArray: true, withBoxedValues: true }),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 1e308, 5e-324, -1, 0.5, 1e9, '', '\ud800', '\u0000'),
  fc.array(fc.double(), { maxLength: 8 }),
);

describe('any value in any argument position: a result or a FeedbackMinerError', () => {
  for (const [name, entry] of Object.entries(CATALOGUE)) {
    if (entry?.valid === undefined || ASYNC.has(name)) continue;
    const valid = entry.valid;
    const f = (api as Record<string, unknown>)[name];
    if (typeof f !== 'function') continue;
    it(`${name}(...) with one argument replaced`, () => {
      const arity = valid().length + 1;
      fc.assert(
        fc.property(fc.nat({ max: arity - 1 }), hostile, (position, value) => {
          const args = valid();
          args[position] = value;
          onlyOurErrors(() => (name === 'Random' ? new (f as new (...a: unknown[]) => unknown)(...args) : any(f)(...args)));
        }),
        { seed: 9, numRuns: SLOW.has(name) ? 8 : 40 },
      );
    }, 120_000);
  }
});

// Strings with lone surrogates, NUL and other controls, and full Unicode.
const anyString = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ unit: fc.constantFrom('!', '.', ' ', ':', '(', ')', '-', "'", '😀', '\u0301', 'a', 'n', 't'), maxLength: 300 }));

describe('any string through every text stage', () => {
  const stages: [string, (text: string) => void][] = [
    ['tokenize', (t) => {
      const tokens = api.tokenize(t);
      for (const token of tokens) expect(t.slice(token.start, token.end)).toBe(token.text);
    }],
    ['tokenizeNorms', (t) => void api.tokenizeNorms(t).forEach((n) => expect(n.length).toBeGreaterThan(0))],
    ['tokenizeNormsNegated', (t) => {
      const r = api.tokenizeNormsNegated(t);
      expect(r.norms.length).toBe(r.negated.length);
    }],
    ['normalize', (t) => expect(api.normalize(t).offsets.length).toBe(api.normalize(t).text.length + 1)],
    ['splitSentences', (t) => void api.splitSentences(t).forEach((s) => expect(t.slice(s.start, s.end)).toBe(s.text))],
    ['scoreSentiment', (t) => {
      const s = api.scoreSentiment(t).score;
      expect(s >= -1 && s <= 1).toBe(true);
    }],
    ['aspectSentiment', (t) => void api.aspectSentiment(t)],
    ['charNgrams', (t) => void api.charNgrams(t, 3)],
    ['stem', (t) => expect(typeof api.stem(t)).toBe('string')],
    ['lemma', (t) => expect(typeof api.lemma(t)).toBe('string')],
    ['isStopword', (t) => expect(typeof api.isStopword(t)).toBe('boolean')],
    ['parseIsoDate', (t) => expect(typeof api.parseIsoDate(t).ok).toBe('boolean')],
    ['parseStrictNumber', (t) => expect(typeof api.parseStrictNumber(t).ok).toBe('boolean')],
    ['parseIsoTime', (t) => {
      const ms = api.parseIsoTime(t);
      expect(ms === undefined || Number.isFinite(ms)).toBe(true);
    }],
    ['escapeHtml', (t) => expect(api.escapeHtml(t)).not.toMatch(/[<>"]/)],
    ['escapeMarkdown', (t) => void api.escapeMarkdown(t)],
    ['tagThemes', (t) => expect(api.tagThemes([t], { a: ['late', 'deliver*', 'n*t'] }).records).toHaveLength(1)],
  ];
  for (const [name, check] of stages) {
    it(`${name}(any string)`, () => {
      fc.assert(fc.property(anyString, (text) => void onlyOurErrors(() => check(text))), { seed: 11, numRuns: 150 });
    });
  }

  it('scoreFeedback(records of any strings) keeps every record or reports it: records + rejected = input', () => {
    fc.assert(
      fc.property(fc.array(anyString, { maxLength: 12 }), (texts) => {
        const records = texts.map((text, i) => ({ id: String(i), text, date: '2026-01-05' }));
        const result = onlyOurErrors(() => api.scoreFeedback(records)) as any;
        if (result instanceof FeedbackMinerError) return;
        expect(result.length + result.rejected.length).toBe(records.length);
      }),
      { seed: 12, numRuns: 40 },
    );
  });

  it('clusterTexts(any strings, k 2) assigns every text', () => {
    fc.assert(
      fc.property(fc.array(anyString, { minLength: 2, maxLength: 10 }), (texts) => {
        const result = onlyOurErrors(() => api.clusterTexts(texts, { k: 2, seed: 1, restarts: 1 } as never)) as any;
        if (result instanceof FeedbackMinerError) return;
        expect(result.assignments).toHaveLength(texts.length);
      }),
      { seed: 13, numRuns: 15 },
    );
  });
});

// Numbers that break arithmetic, mixed with ordinary ones.
const anyNumber = fc.oneof(fc.double(), fc.constantFrom(NaN, Infinity, -Infinity, -0, 1e308, -1e308, 5e-324), fc.integer({ min: -1000, max: 1000 }));
const anyNumbers = fc.array(anyNumber, { maxLength: 80 });
const points = (values: readonly number[]) => {
  const dates = weeks(values.length);
  return values.map((value, i) => ({ t: dates[i] as string, value }));
};

describe('any number array through every numeric stage; output sizes match input sizes', () => {
  const stages: [string, (values: number[]) => void][] = [
    ['autocorrelation', (v) => expect(api.autocorrelation(v, 3).length).toBeLessThanOrEqual(4)],
    ['detectSeasonality', (v) => void api.detectSeasonality(v)],
    ['generalizedEsd', (v) => void api.generalizedEsd(v).outliers.forEach((i) => expect(i >= 0 && i < v.length).toBe(true))],
    ['stl', (v) => {
      const r = api.stl(v, { period: 4 });
      expect(r.trend).toHaveLength(v.length);
      expect(r.seasonal).toHaveLength(v.length);
      expect(r.remainder).toHaveLength(v.length);
    }],
    ['detectAnomalies', (v) => {
      const r = api.detectAnomalies(points(v));
      for (const a of r) expect(a.index >= 0 && a.index < v.length).toBe(true);
    }],
    ['detectChangePoints', (v) => void api.detectChangePoints(points(v)).forEach((c) => expect(c.index >= 0 && c.index < v.length).toBe(true))],
    ['penaltySweep', (v) => void api.penaltySweep(points(v))],
    ['netPromoterScore', (v) => {
      const r = api.netPromoterScore(v) as any;
      expect(r.n + r.rejected.length).toBe(v.length);
    }],
    ['customerSatisfaction', (v) => void api.customerSatisfaction(v)],
    ['customerEffortScore', (v) => void api.customerEffortScore(v)],
    ['laggedCorrelation', (v) => void api.laggedCorrelation(v, [...v].reverse())],
    ['compensatedSum', (v) => void api.compensatedSum(v)],
    ['niceTicks', (v) => void api.niceTicks(Math.min(...v.slice(0, 2), 0), Math.max(...v.slice(0, 2), 1))],
    ['contributions', (v) => expect(api.contributions(v.map((x, i) => ({ key: String(i), actual: x, expected: v[v.length - 1 - i] as number }))).contributions.length).toBeLessThanOrEqual(v.length)],
    ['forecastAccuracy', (v) => void api.forecastAccuracy(v.map((x, i) => ({ period: weeks(v.length)[i] as string, group: 'A', forecast: x, actual: v[v.length - 1 - i] as number })))],
    ['validateSales', (v) => {
      const r = api.validateSales(v.map((units, i) => ({ date: weeks(v.length)[i], units })));
      expect(r.records.length + r.rejected.length).toBe(v.length);
    }],
    ['detectRateAnomalies', (v) => void api.detectRateAnomalies(points(v).map((p) => ({ t: p.t, numerator: p.value, denominator: Math.abs(p.value) + 1 })))],
    ['createStreamingDetector', (v) => {
      const d = api.createStreamingDetector();
      for (const p of points(v)) {
        const r = d.update(p);
        expect(r.score >= 0 && r.score <= 1).toBe(true);
      }
    }],
  ];
  for (const [name, check] of stages) {
    it(`${name}(any numbers)`, () => {
      fc.assert(fc.property(anyNumbers, (values) => void onlyOurErrors(() => check(values))), { seed: 21, numRuns: 60 });
    });
  }
});

/** JSON with typed arrays as arrays and non-finite numbers spelled out, to compare outputs deeply. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v) => {
    if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
    if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
    if (v instanceof Map) return [...v.entries()];
    if (v instanceof Set) return [...v.values()];
    return v;
  });
}

describe('inputs are never mutated (deep-frozen inputs)', () => {
  for (const [name, entry] of Object.entries(CATALOGUE)) {
    if (entry?.valid === undefined || ASYNC.has(name) || name === 'Random' || name === 'FeedbackMinerError') continue;
    const f = (api as Record<string, unknown>)[name];
    if (typeof f !== 'function') continue;
    it(`${name}(frozen input) writes nothing to it`, () => {
      const args = entry.valid!();
      const before = canonical(args);
      // Strict-mode code that writes to a frozen object throws a TypeError, which fails here.
      any(f)(...args.map((a) => deepFreeze(a)));
      expect(canonical(args)).toBe(before);
    }, 60_000);
  }
});

describe('same seed, same output', () => {
  const sixPoints = () => ({ rows: 6, cols: 2, data: Float64Array.of(1, 0, 0.9, 0.1, 0.95, 0.05, 0, 1, 0.1, 0.9, 0.05, 0.95) });
  const texts = ['late delivery again', 'delivery late by a week', 'rude staff at the store', 'staff were rude', 'price too high', 'expensive price increase'];
  const seeded: [string, (seed: number) => unknown][] = [
    ['clusterTexts', (seed) => api.clusterTexts(texts, { k: 3, seed })],
    ['sphericalKMeans', (seed) => api.sphericalKMeans(sixPoints(), { k: 2, seed })],
    ['miniBatchKMeans', (seed) => api.miniBatchKMeans(sixPoints(), { k: 2, seed })],
    ['clusteringStability', (seed) => api.clusteringStability(sixPoints(), { k: 2, seed })],
    ['randomizedSvd', (seed) => {
      const stats = api.termStatistics(texts.map((t) => api.tokenizeNorms(t)));
      return api.randomizedSvd(api.vectorize(texts.map((t) => api.tokenizeNorms(t)), api.buildVocabulary(stats, { minDocumentFrequency: 1, maxDocumentShare: 1 })), { rank: 2, seed });
    }],
    ['simulate', (seed) => api.simulate({ seed, weeks: 12, products: 1, regions: 1, channels: 1, feedbackPerWeek: 2 })],
    ['generateFeedbackTexts', (seed) => api.generateFeedbackTexts(5, { seed })],
    ['toRawRows', (seed) => api.toRawRows(api.simulate({ seed: 1, weeks: 8, products: 1, regions: 1, channels: 1, feedbackPerWeek: 2 }), { seed, errorRate: 0.2 })],
    ['createRandom', (seed) => Array.from({ length: 5 }, ((r) => () => r.next())(api.createRandom(seed)))],
    ['crossValidate', (seed) => api.crossValidate(Array.from({ length: 12 }, (_, i) => ({ text: i % 2 ? 'great lovely' : 'awful bad', label: i % 2 ? 'p' : 'n' })), { folds: 3, seed } as never)],
  ];
  for (const [name, run] of seeded) {
    it(`${name}: two runs with one seed are identical`, () => {
      fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        expect(canonical(run(seed))).toBe(canonical(run(seed)));
      }), { seed: 31, numRuns: 5 });
    }, 60_000);
  }
});

describe('createStreamingDetector never looks ahead', () => {
  it('the results for a prefix do not depend on the points after it, under random options and times', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 10, maxLength: 120 }),
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.record({ window: fc.integer({ min: 8, max: 200 }), threshold: fc.double({ min: 0.5, max: 0.9999, noNaN: true }) }),
        fc.boolean(),
        (prefix, tailA, tailB, options, dated) => {
          const time = (i: number) => (dated ? new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString() : i);
          const run = (values: number[]) => {
            const detector = onlyOurErrors(() => api.createStreamingDetector(options as never));
            if (detector instanceof FeedbackMinerError) return [];
            return values.map((value, i) => canonical((detector as api.StreamingDetector).update({ t: time(i), value })));
          };
          const a = run([...prefix, ...tailA]).slice(0, prefix.length);
          const b = run([...prefix, ...tailB]).slice(0, prefix.length);
          expect(a).toEqual(b);
        },
      ),
      { seed: 41, numRuns: 40 },
    );
  }, 120_000);

  it('a detector restored from the JSON state of a prefix continues exactly as the original', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 2, maxLength: 150 }), fc.nat(), (values, cut) => {
        const at = cut % values.length;
        const original = api.createStreamingDetector({ window: 50 } as never);
        const first = values.slice(0, at).map((value, i) => original.update({ t: i, value }));
        void first;
        const restored = api.restoreStreamingDetector(JSON.parse(JSON.stringify(original.state())));
        for (let i = at; i < values.length; i++) {
          expect(canonical(restored.update({ t: i, value: values[i] as number }))).toBe(canonical(original.update({ t: i, value: values[i] as number })));
        }
      }),
      { seed: 42, numRuns: 40 },
    );
  });
});

describe('merges of partial theme aggregates equal the whole', () => {
  const words = fc.constantFrom('late', 'rude', 'price', '__proto__', 'constructor', 'delivery', 'é', '😀');
  const documents = fc.array(fc.array(words, { maxLength: 6 }), { maxLength: 12 });
  it('mergeTermStatistics(termStatistics(A), termStatistics(B)) equals termStatistics(A ++ B)', () => {
    fc.assert(
      fc.property(documents, documents, (a, b) => {
        const merged = api.mergeTermStatistics(api.termStatistics(a), api.termStatistics(b));
        const whole = api.termStatistics([...a, ...b]);
        const sorted = (s: api.TermStatistics) => ({
          documentCount: s.documentCount,
          termTotal: s.termTotal,
          df: Object.entries(s.documentFrequency).sort(),
          tf: Object.entries(s.termFrequency).sort(),
        });
        expect(sorted(merged)).toEqual(sorted(whole));
      }),
      { seed: 51, numRuns: 80 },
    );
  });

  it('mergeCentroidSums(centroidSums(A), centroidSums(B)) equals centroidSums(A ++ B)', () => {
    const row = fc.tuple(fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: -10, max: 10, noNaN: true }), fc.integer({ min: 0, max: 2 }));
    fc.assert(
      fc.property(fc.array(row, { maxLength: 20 }), fc.array(row, { maxLength: 20 }), (a, b) => {
        const sums = (rows: [number, number, number][]) =>
          api.centroidSums({ rows: rows.length, cols: 2, data: Float64Array.from(rows.flatMap(([x, y]) => [x, y])) }, rows.map((r) => r[2]), 3);
        const merged = api.mergeCentroidSums(sums(a), sums(b));
        const whole = sums([...a, ...b]);
        expect(merged.counts).toEqual(whole.counts);
        merged.sums.forEach((centroid, c) =>
          centroid.forEach((v, j) => expect(Math.abs(v - (whole.sums[c]?.[j] as number))).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(v)))),
        );
      }),
      { seed: 52, numRuns: 80 },
    );
  });
});
