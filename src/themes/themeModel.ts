import { assertArray, assertNumberOption, assertOptions, fail } from '../errors';
import { STOPWORDS } from '../text/stopwords';
import { stem } from '../text/stem';
import { tokenizeNorms } from '../text/tokenizeNorms';
import { analyzeTexts, isContentNorm } from './analyze';
import { classTfidf, labelFromTerms } from './classTfidf';
import { chooseK, clusteringStability } from './clusteringStability';
import { randomizedSvd } from './randomizedSvd';
import { cosineSilhouette } from './silhouette';
import { sphericalKMeans } from './sphericalKMeans';
import { termStatistics } from './termStatistics';
import type { DenseMatrix, KSelection, KSelectionScore, ThemeTerm } from './types';
import { weightRows } from './vectorize';
import { buildVocabulary, termColumns } from './vocabulary';
import { strideSample } from './linalg';

/**
 * A fitted theme model as plain JSON: everything needed to place a new text among the themes found on a sample,
 * so that texts never seen by the fit (the rest of a large file, read shard by shard on any machine) are
 * assigned exactly as the fitted ones are.
 */
export interface ThemeModel {
  readonly version: 1;
  /** Vocabulary (stems and stem bigrams), sorted. */
  readonly terms: readonly string[];
  /** BM25 idf of each term, `ln(1 + (N - df + 0.5) / (df + 0.5))` over the fitted sample. */
  readonly idf: readonly number[];
  /** Mean terms per fitted text, BM25's length normalisation. */
  readonly averageLength: number;
  readonly bigrams: boolean;
  /** Dimensions l of the latent space. */
  readonly dimensions: number;
  /** Term-to-latent projection `V diag(s)^(power - 1)`, terms x l, row-major. */
  readonly projection: readonly number[];
  /** Unit-length centroids, k x l, row-major, in theme-id order. */
  readonly centroids: readonly number[];
  /** Themes by size on the fitted sample (ids 0..k-1), with their c-TF-IDF terms and label. */
  readonly themes: readonly { readonly id: number; readonly label: string; readonly terms: readonly ThemeTerm[]; readonly size: number }[];
  readonly selection: KSelection;
  /** Mean cosine silhouette of the fitted clustering. */
  readonly silhouette: number;
  /** Fitted texts, and how many had no vocabulary term (unclustered). */
  readonly fitted: number;
  readonly unclustered: number;
}

export interface FitThemeModelOptions {
  /** Number of themes, or `'auto'` (default) chosen within `kRange` by `selectBy`. */
  readonly k?: number | 'auto';
  /** Criterion of `'auto'` (default `'silhouette'`); see `clusterTexts`. */
  readonly selectBy?: 'stability' | 'silhouette';
  readonly kRange?: readonly [number, number];
  /** Seed of every random step (default 0). */
  readonly seed?: number;
  /** Latent dimensions (default 40). */
  readonly dimensions?: number;
  /** Singular values weight each dimension to this power (default 2, as `clusterTexts`). */
  readonly singularValuePower?: number;
  /** Power iterations of the randomized SVD (default 8). */
  readonly powerIterations?: number;
  /** k-means++ restarts (default 5). */
  readonly restarts?: number;
  /** Rows the restarts and the `'auto'` search run on (default 1000). */
  readonly sampleSize?: number;
  /** Terms kept per theme (default 10). */
  readonly terms?: number;
  /** Bigrams of adjacent content words (default true). */
  readonly bigrams?: boolean;
}

export interface FittedThemes {
  readonly model: ThemeModel;
  /** Theme id of each input text (-1: no vocabulary term); equal to `createThemeAssigner(model)(text).theme`. */
  readonly assignments: number[];
  /** Cosine similarity of each text to its theme's centroid (0 when unclustered). */
  readonly similarities: number[];
  readonly warnings: string[];
}

const WHERE = 'fitThemeModel';
const K1 = 1.2;
const B = 0.75;
const STABILITY_SPLITS = 4;

/**
 * Fits themes on a collection of short texts (typically a sample of a large one) with the method of
 * `clusterTexts` — stems and bigrams, BM25 weights over a document-frequency-pruned vocabulary (Robertson &
 * Zaragoza 2009), latent semantic analysis by randomized SVD (Deerwester et al. 1990; Halko, Martinsson & Tropp
 * 2011), rows weighted by singular values to a power and scaled to unit length (Coifman & Lafon 2006), spherical
 * k-means with k-means++ restarts (Dhillon & Modha 2001), k by silhouette (Rousseeuw 1987) or stability (Lange
 * et al. 2004), labels by c-TF-IDF (Grootendorst 2022) — and returns the model as JSON.
 *
 * The one difference from `clusterTexts`: a text's latent vector is its *fold-in* `x V diag(s)^(p-1)` (Deerwester
 * et al. 1990, sec. 4: a new document is placed at the sum of its term vectors), which for a fitted text equals
 * its row of `U diag(s)^p` (because `A V = U S`), and the fitted assignment of each text is its nearest centroid
 * computed that way. So `createThemeAssigner(model)` gives every fitted text exactly its fitted theme, and every
 * other text the theme it would have had.
 *
 * Cost: as `clusterTexts`, O(C + nnz l q + (n + V) l^2 + restarts s k l iterations) for C characters, V terms,
 * l = dimensions + 10, q power iterations, s = min(n, sampleSize).
 * @throws FeedbackMinerError INVALID_ARGUMENT when `texts` is not an array of strings; INVALID_OPTION for a bad option
 * @example
 * const { model, assignments } = fitThemeModel(['late delivery again', 'delivery was late', 'rude support agent', 'support agent was rude'], { k: 2, seed: 1 });
 * // assignments => [0, 0, 1, 1] (or [1, 1, 0, 0]); model.themes.map((t) => t.label) => e.g. ['late delivery', 'agent, rude, support']
 * createThemeAssigner(model)('the delivery is late').theme // => assignments[0]
 */
export function fitThemeModel(texts: readonly string[], options?: FitThemeModelOptions): FittedThemes {
  assertArray(WHERE, 'texts', texts);
  assertOptions(WHERE, options);
  texts.forEach((t, i) => {
    if (typeof t !== 'string') fail('INVALID_ARGUMENT', WHERE, `texts[${i}]`, 'a string', t);
  });
  const n = texts.length;
  const k0 = options?.k ?? 'auto';
  if (k0 !== 'auto') assertNumberOption(WHERE, 'options.k', k0, { min: 1, integer: true });
  const selectBy = options?.selectBy ?? 'silhouette';
  if (selectBy !== 'silhouette' && selectBy !== 'stability') fail('INVALID_OPTION', WHERE, 'options.selectBy', "'stability' or 'silhouette'", selectBy);
  const kRange = options?.kRange ?? [2, 10];
  if (!Array.isArray(kRange) || kRange.length !== 2) fail('INVALID_OPTION', WHERE, 'options.kRange', 'a pair [min, max] of integers', kRange);
  assertNumberOption(WHERE, 'options.kRange[0]', kRange[0], { min: 1, integer: true });
  assertNumberOption(WHERE, 'options.kRange[1]', kRange[1], { min: kRange[0], integer: true });
  const seed = options?.seed ?? 0;
  assertNumberOption(WHERE, 'options.seed', seed, { integer: true });
  const dimensions = options?.dimensions ?? 40;
  assertNumberOption(WHERE, 'options.dimensions', dimensions, { min: 1, max: 1000, integer: true });
  const power = options?.singularValuePower ?? 2;
  assertNumberOption(WHERE, 'options.singularValuePower', power, { min: 0, max: 8 });
  const powerIterations = options?.powerIterations ?? 8;
  assertNumberOption(WHERE, 'options.powerIterations', powerIterations, { min: 0, max: 20, integer: true });
  const restarts = options?.restarts ?? 5;
  assertNumberOption(WHERE, 'options.restarts', restarts, { min: 1, integer: true });
  const sampleSize = options?.sampleSize ?? 1000;
  assertNumberOption(WHERE, 'options.sampleSize', sampleSize, { min: 10, integer: true });
  const termCount = options?.terms ?? 10;
  assertNumberOption(WHERE, 'options.terms', termCount, { min: 1, integer: true });
  const bigrams = options?.bigrams ?? true;
  if (typeof bigrams !== 'boolean') fail('INVALID_OPTION', WHERE, 'options.bigrams', 'a boolean', bigrams);

  const warnings: string[] = [];
  // Canonical order: by text, so that nothing depends on input order.
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => {
    const x = texts[a] as string;
    const y = texts[b] as string;
    return x < y ? -1 : x > y ? 1 : a - b;
  });
  const sorted = order.map((i) => texts[i] as string);
  const analyzed = analyzeTexts(sorted, { bigrams });
  const vocabulary = buildVocabulary(termStatistics(analyzed.documents));
  const { columns, clusterable } = termColumns(analyzed.documents, vocabulary.terms);
  const m = clusterable.length;
  if (m < n) warnings.push(`${n - m} of ${n} texts have no usable terms and are unclustered (theme -1)`);
  const idf = vocabulary.documentFrequency.map((df) => Math.log(1 + (vocabulary.documentCount - df + 0.5) / (df + 0.5)));
  const averageLength = vocabulary.averageLength > 0 ? vocabulary.averageLength : 1;
  const empty = (selection: KSelection): FittedThemes => ({
    model: {
      version: 1, terms: vocabulary.terms, idf, averageLength, bigrams, dimensions: 0, projection: [], centroids: [], themes: [],
      selection, silhouette: 0, fitted: n, unclustered: n,
    },
    assignments: new Array<number>(n).fill(-1),
    similarities: new Array<number>(n).fill(0),
    warnings,
  });
  if (m === 0) {
    if (n > 0) warnings.push('no text has usable terms: nothing to cluster');
    return empty({ criterion: k0 === 'auto' ? selectBy : 'fixed', k: 0, scores: [], sampleSize: 0 });
  }

  const matrix = weightRows(clusterable.map((p) => columns[p]!), vocabulary, { weighting: 'bm25', sublinear: true, normalize: true, k1: K1, b: B });
  const svd = randomizedSvd(matrix, { rank: Math.min(dimensions, m, vocabulary.terms.length), seed, rightVectors: true, powerIterations });
  const l = svd.singularValues.length;
  const projection = new Array<number>(vocabulary.terms.length * l).fill(0);
  for (let r = 0; r < l; r++) {
    const s = svd.singularValues[r]!;
    const scale = s > 1e-12 ? s ** (power - 1) : 0;
    for (let j = 0; j < vocabulary.terms.length; j++) projection[j * l + r] = svd.vt.data[r * vocabulary.terms.length + j]! * scale;
  }
  // Typed arrays, as the assigner's: one shape for foldIn (the values, and so the arithmetic, are the same).
  const partial = { idf: Float64Array.from(idf), averageLength, dimensions: l, projection: Float64Array.from(projection) };
  const data = new Float64Array(m * l);
  const scratch = new Float64Array(l);
  const buffers = foldBuffers();
  clusterable.forEach((p, row) => {
    const ids = columns[p]!;
    foldIn(partial, ids, ids.length, scratch, buffers);
    data.set(scratch, row * l);
  });
  const embedding: DenseMatrix = { rows: m, cols: l, data };
  const distinct = new Set(clusterable.map((p) => [...new Set(columns[p]!)].sort((a, b) => a - b).join(','))).size;

  let k: number;
  let selection: KSelection;
  if (typeof k0 === 'number') {
    k = Math.min(k0, distinct);
    if (k < k0) warnings.push(`only ${distinct} distinct clusterable text(s): k lowered from ${k0} to ${distinct}`);
    selection = { criterion: 'fixed', k, scores: [], sampleSize: 0 };
  } else {
    const low = Math.min(kRange[0], distinct);
    const high = Math.min(kRange[1], distinct, Math.max(1, m - 1));
    if (high < 2) {
      k = 1;
      selection = { criterion: selectBy, k, scores: [], sampleSize: 0 };
      warnings.push(`too few distinct texts (${distinct}) to compare candidate k: one theme`);
    } else {
      const sample = strideSample(embedding, sampleSize, seed);
      const half = Math.floor(sample.rows / 2);
      const byStability = selectBy === 'stability' && half >= 3;
      const scores: KSelectionScore[] = [];
      for (let candidate = Math.max(2, Math.min(low, high)); candidate <= high; candidate++) {
        const run = sphericalKMeans(sample, { k: candidate, seed, restarts: Math.max(1, Math.ceil(restarts / 2)), sampleSize: sample.rows });
        const silhouette = cosineSilhouette(sample, run.assignments);
        if (byStability && candidate < half) {
          const { stability, standardError } = clusteringStability(sample, { k: candidate, seed: seed + candidate, restarts, repeats: STABILITY_SPLITS });
          scores.push({ k: candidate, silhouette, stability, standardError });
        } else scores.push({ k: candidate, silhouette });
      }
      const chosen = chooseK(scores, byStability);
      k = chosen.k;
      selection = { criterion: chosen.criterion, k, scores, sampleSize: sample.rows };
    }
  }
  const result = sphericalKMeans(embedding, { k, seed, restarts, sampleSize });
  // The fitted assignment is the nearest centroid of the folded-in vector: what the assigner computes.
  const raw = new Int32Array(m);
  const rawSimilarity = new Float64Array(m);
  const centroidList = Array.from(result.centroids.data);
  for (let row = 0; row < m; row++) {
    const [c, s] = nearest(data.subarray(row * l, (row + 1) * l), centroidList, k, l);
    raw[row] = c;
    rawSimilarity[row] = s;
  }
  // Themes by size, then by their first text in canonical order (ids independent of k-means numbering).
  const sizes = new Array<number>(k).fill(0);
  const first = new Array<number>(k).fill(n);
  clusterable.forEach((p, row) => {
    const c = raw[row]!;
    sizes[c]!++;
    if (p < first[c]!) first[c] = p;
  });
  const rank = sizes
    .map((size, c) => ({ c, size, first: first[c]! }))
    .filter((x) => x.size > 0)
    .sort((x, y) => y.size - x.size || x.first - y.first);
  const idOf = new Int32Array(k).fill(-1);
  rank.forEach(({ c }, id) => (idOf[c] = id));
  const centroids: number[] = [];
  for (const { c } of rank) for (let j = 0; j < l; j++) centroids.push(centroidList[c * l + j]!);
  const sortedAssignments = new Int32Array(n).fill(-1);
  const sortedSimilarity = new Float64Array(n);
  clusterable.forEach((p, row) => {
    sortedAssignments[p] = idOf[raw[row]!]!;
    sortedSimilarity[p] = rawSimilarity[row]!;
  });
  const kept = rank.length;
  const themeTerms = classTfidf(columns, sortedAssignments, kept, vocabulary.terms.length, termCount).map((list) =>
    list.map(({ column, weight }) => {
      const term = vocabulary.terms[column]!;
      return { term: analyzed.surface.get(term) ?? term, weight };
    }),
  );
  const assignments = new Array<number>(n).fill(-1);
  const similarities = new Array<number>(n).fill(0);
  for (let p = 0; p < n; p++) {
    assignments[order[p]!] = sortedAssignments[p]!;
    similarities[order[p]!] = sortedSimilarity[p]!;
  }
  const finalAssignments = Int32Array.from({ length: m }, (_, row) => idOf[raw[row]!]!);
  const model: ThemeModel = {
    version: 1,
    terms: vocabulary.terms,
    idf,
    averageLength,
    bigrams,
    dimensions: l,
    projection,
    centroids,
    themes: rank.map(({ size }, id) => ({ id, label: labelFromTerms(themeTerms[id] ?? []) || `theme ${id + 1}`, terms: themeTerms[id] ?? [], size })),
    selection,
    silhouette: kept > 1 ? cosineSilhouette(embedding, finalAssignments) : 0,
    fitted: n,
    unclustered: n - m,
  };
  return { model, assignments, similarities, warnings };
}

/**
 * An assigner for a fitted `ThemeModel`: the theme id (-1 when the text has no vocabulary term) and the cosine
 * similarity to that theme's centroid. Fitted texts get their fitted theme exactly. Pure; the returned function
 * keeps a term index and a bounded cache of what each norm seen is (stopword, stem, column).
 *
 * Cost: O(|text| + t l + k l) per text for t vocabulary terms in it.
 * @throws FeedbackMinerError INVALID_MODEL when `model` is not a ThemeModel; the assigner throws INVALID_ARGUMENT
 *   for a text that is not a string
 * @example createThemeAssigner(fitThemeModel(texts, { k: 2, seed: 1 }).model)('late delivery') // => { theme: 0, similarity: 0.97 }
 */
export function createThemeAssigner(model: ThemeModel): (text: string) => { theme: number; similarity: number } {
  const ofNorms = createThemeNormAssigner(model);
  return (text: string) => {
    if (typeof text !== 'string') fail('INVALID_ARGUMENT', 'createThemeAssigner', 'text', 'a string', text);
    return ofNorms(tokenizeNorms(text, { punct: true }));
  };
}

/**
 * `createThemeAssigner` for a text already tokenized: `createThemeNormAssigner(model)(tokenizeNorms(text, { punct:
 * true }))` equals `createThemeAssigner(model)(text)`; so do the norms of `tokenize(text)` (`tokens.map((t) =>
 * t.norm)`), which lets a caller that tokenized the text for its sentiment reuse the tokens.
 * @throws FeedbackMinerError INVALID_MODEL when `model` is not a ThemeModel
 * @internal used by the analysis' assign pass
 */
export function createThemeNormAssigner(model: ThemeModel): (norms: readonly string[]) => { theme: number; similarity: number } {
  if (model === null || typeof model !== 'object' || model.version !== 1 || !Array.isArray(model.terms) || !Array.isArray(model.projection)) {
    fail('INVALID_MODEL', 'createThemeAssigner', 'model', 'a ThemeModel of version 1', model);
  }
  const l = model.dimensions;
  const k = model.themes.length;
  const scratch = new Float64Array(l);
  const packed = {
    idf: Float64Array.from(model.idf),
    averageLength: model.averageLength,
    dimensions: l,
    projection: Float64Array.from(model.projection),
  };
  const centroids = Float64Array.from(model.centroids);
  const terms = termIndex(model);
  const buffers = foldBuffers();
  let ids = new Int32Array(64);
  return (norms: readonly string[]) => {
    if (k === 0) return { theme: -1, similarity: 0 };
    // The vocabulary columns of `analyzeOne(text, model.bigrams, STOPWORDS, 2)`'s terms, found without building
    // the terms: each distinct norm is classified (stopword, stem, its column, its index as a bigram half) once.
    if (ids.length < 2 * norms.length) ids = new Int32Array(2 * norms.length);
    let count = 0;
    let previous: NormTerm | undefined;
    for (const norm of norms) {
      const term = terms.of(norm);
      if (term === null) {
        previous = undefined;
        continue;
      }
      if (term.column >= 0) ids[count++] = term.column;
      if (terms.bigrams && previous !== undefined) {
        const column = terms.bigram(previous, term);
        if (column >= 0) ids[count++] = column;
      }
      previous = term;
    }
    if (count === 0) return { theme: -1, similarity: 0 };
    foldIn(packed, ids, count, scratch, buffers);
    const [theme, similarity] = nearest(scratch, centroids, k, l);
    return { theme, similarity };
  };
}

/** A content word of a text as the assigner sees it: its stem, the stem's column, its index as a bigram half. */
interface NormTerm {
  readonly stem: string;
  /** Vocabulary column of the stem, -1 when it is not a term. */
  readonly column: number;
  /** Index of the stem among the halves of the vocabulary's bigrams, -1 when it is none. */
  readonly half: number;
}

/** Distinct norms remembered by an assigner before its cache starts again (bounds memory on unbounded input). */
const NORM_CACHE = 200_000;

/**
 * What `analyzeOne` does to a norm, remembered per norm, and the vocabulary's bigrams by their halves: a bigram
 * column is found from two small integers instead of a concatenated string.
 */
function termIndex(model: ThemeModel): {
  readonly bigrams: boolean;
  of(norm: string): NormTerm | null;
  bigram(first: NormTerm, second: NormTerm): number;
} {
  const columnOf = new Map<string, number>();
  model.terms.forEach((term, column) => columnOf.set(term, column));
  const halves = new Map<string, number>();
  const halfOf = (stem: string): number => {
    let index = halves.get(stem);
    if (index === undefined) halves.set(stem, (index = halves.size));
    return index;
  };
  const pairs: [number, number, number][] = [];
  model.terms.forEach((term, column) => {
    const space = term.indexOf(' ');
    if (space >= 0) pairs.push([halfOf(term.slice(0, space)), halfOf(term.slice(space + 1)), column]);
  });
  const width = halves.size;
  const bigramOf = new Map<number, number>();
  for (const [a, b, column] of pairs) bigramOf.set(a * width + b, column);
  const cache = new Map<string, NormTerm | null>();
  return {
    bigrams: model.bigrams,
    of(norm: string): NormTerm | null {
      let term = cache.get(norm);
      if (term !== undefined) return term;
      if (cache.size >= NORM_CACHE) cache.clear();
      // analyzeOne's rule for a norm (minLength 2, STOPWORDS): a norm that is no term breaks bigrams; any other is
      // its Porter stem.
      if (!isContentNorm(norm, STOPWORDS, 2)) term = null;
      else {
        const stemmed = stem(norm);
        term = { stem: stemmed, column: columnOf.get(stemmed) ?? -1, half: halves.get(stemmed) ?? -1 };
      }
      cache.set(norm, term);
      return term;
    },
    bigram(first: NormTerm, second: NormTerm): number {
      // A stem with a space in it would make the halves ambiguous: then the bigram is looked up as analyzeOne writes it.
      if (first.stem.includes(' ')) return columnOf.get(`${first.stem} ${second.stem}`) ?? -1;
      if (first.half < 0 || second.half < 0) return -1;
      return bigramOf.get(first.half * width + second.half) ?? -1;
    },
  };
}

/** Scratch arrays of `foldIn`, grown as needed. */
interface FoldBuffers {
  sorted: Int32Array;
  columns: Int32Array;
  weights: Float64Array;
}

function foldBuffers(): FoldBuffers {
  return { sorted: new Int32Array(64), columns: new Int32Array(64), weights: new Float64Array(64) };
}

/**
 * The unit latent vector of a text from its vocabulary column ids (with repeats; the first `count` of `ids`):
 * BM25 weights (as `weightRows`), scaled to unit length, times the projection, scaled to unit length.
 */
function foldIn(
  model: { readonly idf: ArrayLike<number>; readonly averageLength: number; readonly dimensions: number; readonly projection: ArrayLike<number> },
  ids: ArrayLike<number>,
  count: number,
  out: Float64Array,
  buffers: FoldBuffers,
): void {
  const l = model.dimensions;
  if (buffers.sorted.length < count) {
    buffers.sorted = new Int32Array(2 * count);
    buffers.columns = new Int32Array(2 * count);
    buffers.weights = new Float64Array(2 * count);
  }
  // Term frequencies as runs of the sorted ids (columns ascending, as weightRows visits them).
  const sorted = buffers.sorted.subarray(0, count);
  for (let i = 0; i < count; i++) sorted[i] = ids[i]!;
  sorted.sort();
  const lengthNorm = 1 - B + (B * count) / model.averageLength;
  const columns = buffers.columns;
  const weights = buffers.weights;
  let distinct = 0;
  let squared = 0;
  for (let i = 0; i < count; ) {
    const column = sorted[i]!;
    let j = i + 1;
    while (j < count && sorted[j] === column) j++;
    const f = j - i;
    const w = ((model.idf[column] ?? 0) * f * (K1 + 1)) / (f + K1 * lengthNorm);
    columns[distinct] = column;
    weights[distinct] = w;
    distinct++;
    squared += w * w;
    i = j;
  }
  const scale = squared > 0 ? 1 / Math.sqrt(squared) : 0;
  out.fill(0);
  const projection = model.projection;
  for (let t = 0; t < distinct; t++) {
    const w = weights[t]! * scale;
    const offset = columns[t]! * l;
    for (let r = 0; r < l; r++) out[r] = out[r]! + w * projection[offset + r]!;
  }
  let norm = 0;
  for (let r = 0; r < l; r++) norm += out[r]! * out[r]!;
  if (norm > 0) {
    const inverse = 1 / Math.sqrt(norm);
    for (let r = 0; r < l; r++) out[r] = out[r]! * inverse;
  }
}

/** Nearest unit centroid by cosine (ties: the lowest index). */
function nearest(vector: ArrayLike<number>, centroids: ArrayLike<number>, k: number, l: number): [number, number] {
  let best = 0;
  let bestSimilarity = -Infinity;
  for (let c = 0; c < k; c++) {
    let sum = 0;
    for (let r = 0; r < l; r++) sum += vector[r]! * centroids[c * l + r]!;
    if (sum > bestSimilarity) {
      bestSimilarity = sum;
      best = c;
    }
  }
  return [best, bestSimilarity === -Infinity ? 0 : bestSimilarity];
}

