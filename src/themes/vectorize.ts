import { assertArray, assertNumberOption, assertOptions, fail } from '../errors';
import type { SparseMatrix, Vocabulary } from './types';

/** Term weighting schemes. */
export type Weighting = 'tfidf' | 'bm25';

export interface VectorizeOptions {
  /** `'tfidf'` (default) or `'bm25'`. */
  readonly weighting?: Weighting;
  /** TF-IDF only: use `1 + ln(tf)` instead of raw counts (default true). */
  readonly sublinear?: boolean;
  /** Scale each row to unit Euclidean length (default true). */
  readonly normalize?: boolean;
  /** BM25 term-frequency saturation (default 1.2). */
  readonly k1?: number;
  /** BM25 length normalisation (default 0.75). */
  readonly b?: number;
}

/**
 * Turns documents (term lists) into a sparse document-term matrix over a vocabulary, with TF-IDF or BM25
 * weights. Terms outside the vocabulary are ignored; a document with none of its terms is an all-zero row.
 *
 * - TF-IDF: weight `tf' * idf`, `tf' = 1 + ln(tf)` when sublinear (Salton & Buckley, "Term-weighting approaches
 *   in automatic text retrieval", IP&M 24(5), 1988; Manning et al. 2008, sec. 6.4.1), smoothed
 *   `idf = ln((1 + N) / (1 + df)) + 1`.
 * - BM25: `idf * tf (k1 + 1) / (tf + k1 (1 - b + b len / avgLen))` with `idf = ln(1 + (N - df + 0.5) / (df + 0.5))`
 *   (Robertson & Zaragoza, "The probabilistic relevance framework: BM25 and beyond", 2009).
 *
 * Then each row is L2-normalised unless `normalize: false`.
 *
 * Cost: O(total terms + nnz) time and O(nnz) memory.
 * @throws FeedbackMinerError INVALID_ARGUMENT / INVALID_OPTION on misuse
 * @example vectorize([['late', 'late'], ['rude']], { terms: ['late', 'rude'], documentFrequency: [1, 1], documentCount: 2, averageLength: 1.5 }).indices
 * // => Int32Array [0, 1]
 */
export function vectorize(
  documents: readonly (readonly string[])[],
  vocabulary: Vocabulary,
  options?: VectorizeOptions,
): SparseMatrix {
  const where = 'vectorize';
  assertArray(where, 'documents', documents);
  if (vocabulary === null || typeof vocabulary !== 'object' || !Array.isArray(vocabulary.terms)) {
    fail('INVALID_ARGUMENT', where, 'vocabulary', 'a Vocabulary object', vocabulary);
  }
  assertOptions(where, options);
  const weighting = options?.weighting ?? 'tfidf';
  if (weighting !== 'tfidf' && weighting !== 'bm25') {
    fail('INVALID_OPTION', where, 'options.weighting', "'tfidf' or 'bm25'", weighting);
  }
  const k1 = options?.k1 ?? 1.2;
  const b = options?.b ?? 0.75;
  assertNumberOption(where, 'options.k1', k1, { min: 0 });
  assertNumberOption(where, 'options.b', b, { min: 0, max: 1 });
  const index = new Map<string, number>();
  vocabulary.terms.forEach((term, column) => index.set(term, column));
  const ids = documents.map((terms, d) => {
    if (!Array.isArray(terms)) fail('INVALID_ARGUMENT', where, `documents[${d}]`, 'an array of strings', terms);
    const row: number[] = [];
    for (const term of terms) {
      const column = index.get(term);
      if (column !== undefined) row.push(column);
    }
    return row;
  });
  return weightRows(ids, vocabulary, {
    weighting,
    sublinear: options?.sublinear ?? true,
    normalize: options?.normalize ?? true,
    k1,
    b,
  });
}

/** Internal: builds the weighted CSR matrix from per-document column ids (with repeats). O(total ids + nnz log). */
export function weightRows(
  ids: readonly (readonly number[])[],
  vocabulary: Vocabulary,
  options: { weighting: Weighting; sublinear: boolean; normalize: boolean; k1: number; b: number },
): SparseMatrix {
  const n = vocabulary.documentCount;
  const cols = vocabulary.terms.length;
  const idf = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    const df = vocabulary.documentFrequency[j] ?? 0;
    idf[j] =
      options.weighting === 'bm25' ? Math.log(1 + (n - df + 0.5) / (df + 0.5)) : Math.log((1 + n) / (1 + df)) + 1;
  }
  const counts = new Float64Array(cols);
  const touched: number[] = [];
  let nnz = 0;
  for (const row of ids) nnz += row.length;
  const indptr = new Int32Array(ids.length + 1);
  let indices = new Int32Array(nnz);
  let values = new Float64Array(nnz);
  let at = 0;
  const averageLength = vocabulary.averageLength > 0 ? vocabulary.averageLength : 1;
  for (let i = 0; i < ids.length; i++) {
    const row = ids[i] ?? [];
    touched.length = 0;
    for (const column of row) {
      if (counts[column] === 0) touched.push(column);
      counts[column] = (counts[column] ?? 0) + 1;
    }
    touched.sort((x, y) => x - y);
    const start = at;
    let squared = 0;
    for (const column of touched) {
      const tf = counts[column] ?? 0;
      counts[column] = 0;
      let weight: number;
      if (options.weighting === 'bm25') {
        const lengthNorm = 1 - options.b + (options.b * row.length) / averageLength;
        weight = ((idf[column] ?? 0) * tf * (options.k1 + 1)) / (tf + options.k1 * lengthNorm);
      } else {
        weight = (options.sublinear ? 1 + Math.log(tf) : tf) * (idf[column] ?? 0);
      }
      indices[at] = column;
      values[at] = weight;
      squared += weight * weight;
      at++;
    }
    if (options.normalize && squared > 0) {
      const scale = 1 / Math.sqrt(squared);
      for (let p = start; p < at; p++) values[p] = (values[p] ?? 0) * scale;
    }
    indptr[i + 1] = at;
  }
  if (at < nnz) {
    indices = indices.slice(0, at);
    values = values.slice(0, at);
  }
  return { rows: ids.length, cols, indptr, indices, values };
}
