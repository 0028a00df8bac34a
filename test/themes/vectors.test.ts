import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeTexts } from '../../src/themes/analyze';
import { randomizedSvd } from '../../src/themes/randomizedSvd';
import { mergeTermStatistics, termStatistics } from '../../src/themes/termStatistics';
import type { SparseMatrix } from '../../src/themes/types';
import { vectorize } from '../../src/themes/vectorize';
import { buildVocabulary } from '../../src/themes/vocabulary';

function sparse(rows: number[][]): SparseMatrix {
  const indptr = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of rows) {
    row.forEach((value, j) => {
      if (value !== 0) {
        indices.push(j);
        values.push(value);
      }
    });
    indptr.push(indices.length);
  }
  return {
    rows: rows.length,
    cols: rows[0]?.length ?? 0,
    indptr: Int32Array.from(indptr),
    indices: Int32Array.from(indices),
    values: Float64Array.from(values),
  };
}

const sortedEntries = (record: Readonly<Record<string, number>>) => Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1));

describe('analyzeTexts(texts)', () => {
  it('drops stopwords, stems, and adds bigrams of adjacent content words only', () => {
    const { documents, surface } = analyzeTexts(['The deliveries were late, again!']);
    // 'the', 'were' are stopwords; the comma breaks the bigram between 'late' and 'again'.
    expect(documents).toEqual([['deliveri', 'late']]);
    expect(surface.get('deliveri')).toBe('deliveries');
  });

  it('keeps the most frequent surface form of a stem', () => {
    const { surface } = analyzeTexts(['late delivery', 'delivery', 'deliveries']);
    expect(surface.get('deliveri')).toBe('delivery');
    expect(surface.get('late deliveri')).toBe('late delivery');
  });

  it('throws INVALID_ARGUMENT for a non-string text', () => {
    expect(() => analyzeTexts(['ok', 3 as unknown as string])).toThrowError('analyzeTexts: expected texts[1] to be a string, found 3');
  });
});

describe('termStatistics(documents) / mergeTermStatistics(a, b)', () => {
  it('counts document frequencies once per document and occurrences every time', () => {
    const stats = termStatistics([['late', 'deliveri', 'late'], ['late'], []]);
    expect(stats.documentCount).toBe(3);
    expect(stats.termTotal).toBe(4);
    expect(stats.documentFrequency).toEqual({ late: 2, deliveri: 1 });
    expect(stats.termFrequency).toEqual({ late: 3, deliveri: 1 });
  });

  it('merge(stats(a), stats(b)) equals stats(a ++ b), and inputs stay unmutated (property)', () => {
    const word = fc.constantFrom('late', 'rude', 'refund', 'app', 'price', '__proto__', 'constructor');
    const docs = fc.array(fc.array(word, { maxLength: 6 }), { maxLength: 12 });
    fc.assert(
      fc.property(docs, docs, (a, b) => {
        const frozenA = Object.freeze(a.map((d) => Object.freeze([...d])));
        const merged = mergeTermStatistics(termStatistics(frozenA), termStatistics(b));
        const whole = termStatistics([...a, ...b]);
        expect(merged.documentCount).toBe(whole.documentCount);
        expect(merged.termTotal).toBe(whole.termTotal);
        expect(sortedEntries(merged.documentFrequency)).toEqual(sortedEntries(whole.documentFrequency));
        expect(sortedEntries(merged.termFrequency)).toEqual(sortedEntries(whole.termFrequency));
      }),
      { seed: 42, numRuns: 100 },
    );
  });

  it('mergeTermStatistics throws INVALID_ARGUMENT for a non-statistics value', () => {
    expect(() => mergeTermStatistics(termStatistics([]), null as never)).toThrowError(
      'mergeTermStatistics: expected b to be a TermStatistics object, found null',
    );
  });
});

describe('buildVocabulary(statistics, options)', () => {
  const stats = termStatistics([['late', 'rude'], ['late'], ['late', 'app'], ['rude'], ['once']]);

  it('prunes by document frequency and share, and orders columns by term', () => {
    expect(buildVocabulary(stats, { minDocumentFrequency: 2, maxDocumentShare: 1 }).terms).toEqual(['late', 'rude']);
    // 'late' is in 3 of 5 documents (60%) > 50%.
    expect(buildVocabulary(stats, { minDocumentFrequency: 2, maxDocumentShare: 0.5 }).terms).toEqual(['rude']);
  });

  it('caps the vocabulary at the most frequent terms, ties broken by term', () => {
    expect(buildVocabulary(stats, { minDocumentFrequency: 1, maxDocumentShare: 1, maxTerms: 3 }).terms).toEqual(['app', 'late', 'rude']);
  });

  it('throws INVALID_OPTION for maxDocumentShare above 1', () => {
    expect(() => buildVocabulary(stats, { maxDocumentShare: 2 })).toThrowError(
      'buildVocabulary: expected options.maxDocumentShare to be a finite number from 0 to 1, found 2',
    );
  });
});

describe('vectorize(documents, vocabulary, options)', () => {
  const vocabulary = { terms: ['a', 'b'], documentFrequency: [1, 2], documentCount: 2, averageLength: 2 };

  it('weights sublinear TF-IDF and L2-normalises (worked by hand)', () => {
    // idf(a) = ln(3/2) + 1, idf(b) = ln(3/3) + 1 = 1; doc 0: a = (1 + ln 2) idf(a) = 2.37966, b = 1;
    // normalised: 0.921907, 0.387411 (computed with Python's math module).
    const m = vectorize([['a', 'a', 'b'], ['b', 'zzz']], vocabulary);
    expect(Array.from(m.indptr)).toEqual([0, 2, 3]);
    expect(Array.from(m.indices)).toEqual([0, 1, 1]);
    expect(m.values[0]).toBeCloseTo(0.9219069698164416, 12);
    expect(m.values[1]).toBeCloseTo(0.3874113305052739, 12);
    expect(m.values[2]).toBeCloseTo(1, 12);
  });

  it('weights BM25 with k1 = 1.2, b = 0.75 (worked by hand)', () => {
    // idf(a) = ln(1 + 1.5/1.5) = ln 2, idf(b) = ln(1 + 0.5/2.5) = ln 1.2; |d| = 3, avg 2 -> 1 - b + b * 1.5 = 1.375;
    // a: ln 2 * 2 * 2.2 / (2 + 1.2 * 1.375) = 0.835575; b: ln 1.2 * 2.2 / (1 + 1.65) = 0.151361.
    const m = vectorize([['a', 'a', 'b']], vocabulary, { weighting: 'bm25', normalize: false });
    expect(m.values[0]).toBeCloseTo(0.8355746834147286, 12);
    expect(m.values[1]).toBeCloseTo(0.15136129243271704, 12);
  });

  it('throws INVALID_OPTION for an unknown weighting', () => {
    expect(() => vectorize([], vocabulary, { weighting: 'bm26' as never })).toThrowError(
      "vectorize: expected options.weighting to be 'tfidf' or 'bm25', found \"bm26\"",
    );
  });
});

describe('randomizedSvd(matrix, options)', () => {
  it('finds the golden-ratio singular values of [[1, 1], [0, 1]] (by hand: (1 +- sqrt 5) / 2 in magnitude)', () => {
    const { singularValues } = randomizedSvd(sparse([[1, 1], [0, 1]]), { rank: 2, seed: 1 });
    expect(singularValues[0]).toBeCloseTo((1 + Math.sqrt(5)) / 2, 10);
    expect(singularValues[1]).toBeCloseTo((Math.sqrt(5) - 1) / 2, 10);
  });

  it('matches numpy.linalg.svd on a 5 x 4 matrix, and U diag(s) V^T rebuilds it', () => {
    const rows = [[2, 0, 1, 0], [0, 3, 0, 0], [1, 0, 2, 0], [0, 0, 0, 1], [1, 1, 1, 1]];
    // numpy.linalg.svd(A, compute_uv=False) -> [3.50592393, 3., 1.30709501, 1.]
    const svd = randomizedSvd(sparse(rows), { rank: 4, seed: 7 });
    expect(Array.from(svd.singularValues)).toEqual([
      expect.closeTo(3.50592393, 7),
      expect.closeTo(3, 7),
      expect.closeTo(1.30709501, 7),
      expect.closeTo(1, 7),
    ]);
    for (let i = 0; i < 5; i++) {
      for (let j = 0; j < 4; j++) {
        let value = 0;
        for (let r = 0; r < 4; r++) value += svd.u.data[i * 4 + r]! * svd.singularValues[r]! * svd.vt.data[r * 4 + j]!;
        expect(value).toBeCloseTo(rows[i]![j]!, 8);
      }
    }
  });

  it('is deterministic for a seed and leaves a frozen matrix untouched', () => {
    const m = sparse([[1, 0, 2], [0, 1, 1], [3, 1, 0], [0, 0, 1]]);
    const before = Array.from(m.values);
    const a = randomizedSvd(Object.freeze(m), { rank: 2, seed: 3 });
    const b = randomizedSvd(m, { rank: 2, seed: 3 });
    expect(Array.from(a.u.data)).toEqual(Array.from(b.u.data));
    expect(Array.from(m.values)).toEqual(before);
  });

  it('throws INVALID_OPTION for rank 0', () => {
    expect(() => randomizedSvd(sparse([[1]]), { rank: 0 })).toThrowError(
      'randomizedSvd: expected options.rank to be an integer >= 1, found 0',
    );
  });
});
