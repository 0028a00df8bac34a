import { assertArray, assertNumberOption, assertOptions, fail } from '../errors';
import type { Rejected } from '../records';
import { STOPWORDS } from '../text/stopwords';
import { analyzeTexts } from './analyze';
import { classTfidf, labelFromTerms } from './classTfidf';
import { randomizedSvd } from './randomizedSvd';
import { chooseK, clusteringStability } from './clusteringStability';
import { cosineSilhouette } from './silhouette';
import { sphericalKMeans } from './sphericalKMeans';
import { termStatistics } from './termStatistics';
import type { DenseMatrix, KSelection, KSelectionScore, Theme, ThemeTerm } from './types';
import { strideSample } from './linalg';
import { type Weighting, weightRows } from './vectorize';
import { buildVocabulary, termColumns } from './vocabulary';

export interface ClusterTextsOptions {
  /** Number of themes, or `'auto'` to choose it within `kRange` by `selectBy` (default `'auto'`). */
  readonly k?: number | 'auto';
  /**
   * Criterion of `k: 'auto'` (default `'stability'`): `'stability'` keeps the k whose clusterings of random halves
   * of the sample agree best (Lange, Roth, Braun & Buhmann 2004), taking the smallest k within one standard error
   * of the best (the one-standard-error rule of Breiman et al. 1984); `'silhouette'` keeps the k of highest mean
   * cosine silhouette (Rousseeuw 1987), which tends to grow with k on short texts.
   */
  readonly selectBy?: 'stability' | 'silhouette';
  /** Seed of every random step (default 0). Same seed, same result. */
  readonly seed?: number;
  /** Smallest and largest k tried when `k: 'auto'` (default [2, 10]). */
  readonly kRange?: readonly [number, number];
  /** Dimensions of the latent semantic space (default 40). */
  readonly dimensions?: number;
  /**
   * Each LSA dimension is weighted by its singular value to this power before rows are scaled to unit length
   * (default 2). 1 is classic LSA (`U S`); 2 weights each dimension by its eigenvalue of the document similarity
   * matrix `A A^T`, one step of a diffusion map (Coifman & Lafon, "Diffusion maps", ACHA 21, 2006), which damps
   * the noisy tail of short texts' spectra.
   */
  readonly singularValuePower?: number;
  /**
   * Power iterations of the randomized SVD (default 8). Short texts have slowly decaying spectra, where Halko,
   * Martinsson & Tropp (2011, section 4.5) advise more iterations: each one sharpens the separation of the
   * leading subspace by the ratio of singular values, and the embedding depends less on the seed.
   */
  readonly powerIterations?: number;
  /** Term weighting (default `'bm25'`). */
  readonly weighting?: Weighting;
  /** Add bigrams of adjacent content words (default true). */
  readonly bigrams?: boolean;
  /** Stopwords (default the text stage's English list). */
  readonly stopwords?: ReadonlySet<string>;
  /** Keep terms in at least this many texts (default 2, or 1 below 20 texts). */
  readonly minDocumentFrequency?: number;
  /** Drop terms in more than this share of texts (default 0.5, or 1 below 20 texts). */
  readonly maxDocumentShare?: number;
  /** Vocabulary cap (default 20000). */
  readonly maxTerms?: number;
  /** k-means++ restarts (default 5). */
  readonly restarts?: number;
  /** Rows the restarts and the `'auto'` search run on; the best start is refined on all rows (default 1000). */
  readonly sampleSize?: number;
  /** Representative texts per theme (default 3): nearest the centroid, deduplicated, texts of 200 characters or less first. */
  readonly examples?: number;
  /** Terms per theme (default 10). */
  readonly terms?: number;
  /** Sentiment score of each text (aligned with `texts`), for each theme's mean; null/undefined/NaN skipped. */
  readonly sentiments?: readonly (number | null | undefined)[];
}

export interface ClusterTextsResult {
  /** Theme id of each input text; -1 for a text with no usable terms (see the `unclustered` theme). */
  readonly assignments: number[];
  /** Themes by size, largest first, ids 0..k-1, then the unclustered group (id -1) when it is not empty. */
  readonly themes: Theme[];
  /** Number of themes found (unclustered group not counted). */
  readonly k: number;
  /** How k was chosen, with the criterion's value for every candidate. */
  readonly selection: KSelection;
  /** Mean cosine silhouette of the final clustering (-1..1; higher is better separated). */
  readonly silhouette: number;
  readonly vocabularySize: number;
  readonly dimensions: number;
  readonly warnings: string[];
  /** Inputs that were not strings, clustered as empty texts. */
  readonly rejected: Rejected[];
}

const WHERE = 'clusterTexts';
/** Random half splits per candidate k for the stability criterion (each clusters both halves). */
const STABILITY_SPLITS = 4;
/** Examples longer than this are shown only when a theme has too few shorter ones. */
const QUOTE_LENGTH = 200;

/**
 * Finds the themes of a collection of short texts: each text becomes stems and bigrams (`analyzeTexts`),
 * BM25-weighted (Robertson & Zaragoza 2009) over a document-frequency-pruned vocabulary; latent semantic
 * analysis (Deerwester et al. 1990) by randomized truncated SVD (Halko, Martinsson & Tropp 2011) reduces the
 * sparse matrix to `dimensions` dense rows, weighted by squared singular values (a diffusion-map step, Coifman &
 * Lafon 2006) and scaled to unit length; spherical k-means (Dhillon & Modha 2001) with greedy
 * k-means++ restarts clusters them; k is given or, with `k: 'auto'`, chosen by clustering stability under
 * random half splits of a sample (Lange, Roth, Braun & Buhmann 2004; Ben-Hur, Elisseeff & Guyon 2002), the smallest
 * k within one standard error of the most stable (or, with `selectBy: 'silhouette'`, by the mean cosine silhouette,
 * Rousseeuw 1987); each theme is named by its class-based TF-IDF terms (Grootendorst 2022) and shown by the
 * texts nearest its centroid, deduplicated.
 *
 * Texts are processed in a canonical (sorted) order, so the themes do not depend on input order; a text
 * without any vocabulary term (empty, stopwords only, or only words seen once) is not forced into a theme:
 * it gets assignment -1 and is counted in the `unclustered` theme, and a warning says how many.
 *
 * Cost: O(C + nnz * l * q + (n + V) l^2 + restarts * s k l * iterations + n k l) for C characters, nnz
 * matrix entries, l = dimensions + 10, q = `powerIterations`, V terms and s = min(n, sampleSize); `k: 'auto'`
 * adds O(K * 4 * restarts * s k l * iterations) for K candidates, independent of n.
 * @throws FeedbackMinerError INVALID_ARGUMENT when `texts` is not an array; INVALID_OPTION for a bad option;
 *   INSUFFICIENT_DATA when a numeric k exceeds the number of texts
 * @example
 * const { assignments, themes } = clusterTexts(['late delivery again', 'delivery was late', 'rude support agent', 'support agent was rude'], { k: 2, seed: 1 });
 * // assignments => [0, 0, 1, 1]; themes.map(t => t.label) => ['late delivery', 'agent, rude, support']
 */
export function clusterTexts(texts: readonly string[], options?: ClusterTextsOptions): ClusterTextsResult {
  assertArray(WHERE, 'texts', texts);
  assertOptions(WHERE, options);
  const o = readOptions(texts.length, options);
  const n = texts.length;
  const warnings: string[] = [];
  const rejected: Rejected[] = [];
  const clean = texts.map((text, row) => {
    if (typeof text === 'string') return text;
    rejected.push({ row, field: 'text', reason: `expected a string, found ${text === null ? 'null' : typeof text}` });
    return '';
  });
  if (rejected.length > 0) warnings.push(`${rejected.length} input(s) were not strings and were treated as empty texts`);

  // Canonical order: by text, so that neither vocabulary ties nor random draws depend on input order.
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => {
    const x = clean[a]!;
    const y = clean[b]!;
    return x < y ? -1 : x > y ? 1 : a - b;
  });
  const sorted = order.map((i) => clean[i]!);
  const analyzed = analyzeTexts(sorted, { bigrams: o.bigrams, stopwords: o.stopwords });
  const statistics = termStatistics(analyzed.documents);
  const vocabulary = buildVocabulary(statistics, {
    ...(o.minDocumentFrequency === undefined ? {} : { minDocumentFrequency: o.minDocumentFrequency }),
    ...(o.maxDocumentShare === undefined ? {} : { maxDocumentShare: o.maxDocumentShare }),
    maxTerms: o.maxTerms,
  });
  const { columns, clusterable } = termColumns(analyzed.documents, vocabulary.terms);
  const m = clusterable.length;
  const sortedAssignments = new Int32Array(n).fill(-1);
  if (m < n) {
    warnings.push(
      `${n - m} of ${n} texts have no usable terms (empty, only stopwords, or only words too rare to compare) and are unclustered (assignment -1)`,
    );
  }
  const distinct = new Set(clusterable.map((p) => [...new Set(columns[p]!)].sort((a, b) => a - b).join(','))).size;

  if (typeof o.k === 'number' && o.k > distinct && m > 0) {
    warnings.push(`only ${distinct} distinct clusterable text(s): k lowered from ${o.k} to ${distinct}`);
  }
  if (m === 0) {
    if (n > 0) warnings.push('no text has usable terms: nothing to cluster');
    return finish({
      n, order, clean, sortedAssignments, k: 0, themesTerms: [], embedding: undefined, clusterable,
      selection: { criterion: typeof o.k === 'number' ? 'fixed' : o.selectBy, k: 0, scores: [], sampleSize: 0 },
      silhouette: 0, vocabularySize: vocabulary.terms.length, dimensions: 0, warnings, rejected, o, centroids: undefined,
    });
  }

  const matrix = weightRows(
    clusterable.map((p) => columns[p]!),
    vocabulary,
    { weighting: o.weighting, sublinear: true, normalize: true, k1: 1.2, b: 0.75 },
  );
  const svd = randomizedSvd(matrix, {
    rank: Math.min(o.dimensions, m, vocabulary.terms.length),
    seed: o.seed,
    rightVectors: false,
    powerIterations: o.powerIterations,
  });
  const embedding = embed(svd.u, svd.singularValues, o.singularValuePower);

  let k: number;
  let selection: KSelection;
  if (typeof o.k === 'number') {
    k = Math.min(o.k, distinct);
    selection = { criterion: 'fixed', k, scores: [], sampleSize: 0 };
  } else {
    const low = Math.min(o.kRange[0], distinct);
    const high = Math.min(o.kRange[1], distinct, Math.max(1, m - 1));
    if (high < 2) {
      k = 1;
      selection = { criterion: o.selectBy, k, scores: [], sampleSize: 0 };
      warnings.push(`too few distinct texts (${distinct}) to compare candidate k: one theme`);
    } else {
      const sample = strideSample(embedding, o.sampleSize, o.seed);
      const half = Math.floor(sample.rows / 2);
      const byStability = o.selectBy === 'stability' && half >= 3;
      if (o.selectBy === 'stability' && !byStability) {
        warnings.push(`too few texts (${sample.rows}) to split for the stability criterion: k chosen by silhouette`);
      }
      const scores: KSelectionScore[] = [];
      // With fewer texts than the range's low end, the range shrinks to what the texts allow (never empty).
      for (let candidate = Math.max(2, Math.min(low, high)); candidate <= high; candidate++) {
        const run = sphericalKMeans(sample, {
          k: candidate,
          seed: o.seed,
          restarts: Math.max(1, Math.ceil(o.restarts / 2)),
          sampleSize: sample.rows,
        });
        const silhouette = cosineSilhouette(sample, run.assignments);
        if (byStability && candidate < half) {
          const { stability, standardError } = clusteringStability(sample, {
            k: candidate,
            seed: o.seed + candidate,
            restarts: o.restarts,
            repeats: STABILITY_SPLITS,
          });
          scores.push({ k: candidate, silhouette, stability, standardError });
        } else {
          scores.push({ k: candidate, silhouette });
        }
      }
      const chosen = chooseK(scores, byStability);
      k = chosen.k;
      selection = { criterion: chosen.criterion, k, scores, sampleSize: sample.rows };
    }
  }
  const result = sphericalKMeans(embedding, { k, seed: o.seed, restarts: o.restarts, sampleSize: o.sampleSize });
  clusterable.forEach((p, row) => {
    sortedAssignments[p] = result.assignments[row]!;
  });
  const themeTerms = classTfidf(columns, sortedAssignments, k, vocabulary.terms.length, o.terms).map((list) =>
    list.map(({ column, weight }) => {
      const term = vocabulary.terms[column]!;
      return { term: analyzed.surface.get(term) ?? term, weight };
    }),
  );
  if (distinct === 1 && m > 1) warnings.push(`all ${m} clusterable texts have the same terms: one theme`);
  return finish({
    n, order, clean, sortedAssignments, k, themesTerms: themeTerms, embedding, clusterable, selection,
    silhouette: k > 1 ? cosineSilhouette(embedding, result.assignments) : 0,
    vocabularySize: vocabulary.terms.length, dimensions: embedding.cols, warnings, rejected, o,
    centroids: result.centroids,
  });
}

interface ResolvedOptions {
  k: number | 'auto';
  selectBy: 'stability' | 'silhouette';
  seed: number;
  kRange: readonly [number, number];
  dimensions: number;
  singularValuePower: number;
  powerIterations: number;
  weighting: Weighting;
  bigrams: boolean;
  stopwords: ReadonlySet<string>;
  minDocumentFrequency: number | undefined;
  maxDocumentShare: number | undefined;
  maxTerms: number;
  restarts: number;
  sampleSize: number;
  examples: number;
  terms: number;
  sentiments: readonly (number | null | undefined)[] | undefined;
}

function readOptions(n: number, options: ClusterTextsOptions | undefined): ResolvedOptions {
  const k = options?.k ?? 'auto';
  if (k !== 'auto') {
    assertNumberOption(WHERE, 'options.k', k, { min: 1, integer: true });
    if (k > n) fail('INSUFFICIENT_DATA', WHERE, 'options.k', `at most the number of texts (${n})`, k);
  }
  const selectBy = options?.selectBy ?? 'stability';
  if (selectBy !== 'stability' && selectBy !== 'silhouette') {
    fail('INVALID_OPTION', WHERE, 'options.selectBy', "'stability' or 'silhouette'", selectBy);
  }
  const seed = options?.seed ?? 0;
  assertNumberOption(WHERE, 'options.seed', seed, { integer: true });
  const kRange = options?.kRange ?? [2, 10];
  if (!Array.isArray(kRange) || kRange.length !== 2) {
    fail('INVALID_OPTION', WHERE, 'options.kRange', 'a pair [min, max] of integers', kRange);
  }
  assertNumberOption(WHERE, 'options.kRange[0]', kRange[0], { min: 2, integer: true });
  assertNumberOption(WHERE, 'options.kRange[1]', kRange[1], { min: kRange[0], integer: true });
  const dimensions = options?.dimensions ?? 40;
  assertNumberOption(WHERE, 'options.dimensions', dimensions, { min: 1, max: 1000, integer: true });
  const singularValuePower = options?.singularValuePower ?? 2;
  assertNumberOption(WHERE, 'options.singularValuePower', singularValuePower, { min: 0, max: 8 });
  const powerIterations = options?.powerIterations ?? 8;
  assertNumberOption(WHERE, 'options.powerIterations', powerIterations, { min: 0, max: 20, integer: true });
  const weighting = options?.weighting ?? 'bm25';
  if (weighting !== 'bm25' && weighting !== 'tfidf') {
    fail('INVALID_OPTION', WHERE, 'options.weighting', "'bm25' or 'tfidf'", weighting);
  }
  const bigrams = options?.bigrams ?? true;
  if (typeof bigrams !== 'boolean') fail('INVALID_OPTION', WHERE, 'options.bigrams', 'a boolean', bigrams);
  const stopwords = options?.stopwords ?? STOPWORDS;
  if (!(stopwords instanceof Set)) fail('INVALID_OPTION', WHERE, 'options.stopwords', 'a Set of strings', stopwords);
  const minDocumentFrequency = options?.minDocumentFrequency;
  if (minDocumentFrequency !== undefined) {
    assertNumberOption(WHERE, 'options.minDocumentFrequency', minDocumentFrequency, { min: 1, integer: true });
  }
  const maxDocumentShare = options?.maxDocumentShare;
  if (maxDocumentShare !== undefined) {
    assertNumberOption(WHERE, 'options.maxDocumentShare', maxDocumentShare, { min: 0, max: 1 });
  }
  const maxTerms = options?.maxTerms ?? 20000;
  assertNumberOption(WHERE, 'options.maxTerms', maxTerms, { min: 1, integer: true });
  const restarts = options?.restarts ?? 5;
  assertNumberOption(WHERE, 'options.restarts', restarts, { min: 1, integer: true });
  const sampleSize = options?.sampleSize ?? 1000;
  assertNumberOption(WHERE, 'options.sampleSize', sampleSize, { min: 10, integer: true });
  const examples = options?.examples ?? 3;
  assertNumberOption(WHERE, 'options.examples', examples, { min: 0, integer: true });
  const terms = options?.terms ?? 10;
  assertNumberOption(WHERE, 'options.terms', terms, { min: 1, integer: true });
  const sentiments = options?.sentiments;
  if (sentiments !== undefined && (!Array.isArray(sentiments) || sentiments.length !== n)) {
    fail('INVALID_OPTION', WHERE, 'options.sentiments', `an array of ${n} scores aligned with texts`, sentiments);
  }
  return {
    k, selectBy, seed, kRange, dimensions, singularValuePower, powerIterations, weighting, bigrams, stopwords, minDocumentFrequency, maxDocumentShare, maxTerms,
    restarts, sampleSize, examples, terms, sentiments,
  };
}

/** Rows of U diag(s)^power, scaled to unit length: LSA document vectors for cosine clustering. */
function embed(u: DenseMatrix, singularValues: Float64Array, power: number): DenseMatrix {
  const { rows, cols } = u;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    let norm = 0;
    for (let j = 0; j < cols; j++) {
      const value = u.data[i * cols + j]! * singularValues[j]! ** power;
      data[i * cols + j] = value;
      norm += value * value;
    }
    if (norm > 0) {
      const scale = 1 / Math.sqrt(norm);
      for (let j = 0; j < cols; j++) data[i * cols + j] = data[i * cols + j]! * scale;
    }
  }
  return { rows, cols, data };
}

interface FinishInput {
  n: number;
  order: number[];
  clean: string[];
  sortedAssignments: Int32Array;
  k: number;
  themesTerms: ThemeTerm[][];
  embedding: DenseMatrix | undefined;
  centroids: DenseMatrix | undefined;
  clusterable: number[];
  selection: KSelection;
  silhouette: number;
  vocabularySize: number;
  dimensions: number;
  warnings: string[];
  rejected: Rejected[];
  o: ResolvedOptions;
}

function finish(input: FinishInput): ClusterTextsResult {
  const { n, order, clean, sortedAssignments, k, embedding, centroids, clusterable, o } = input;
  // Similarity of each clusterable text to its centroid, for representative examples.
  const similarity = new Float64Array(n).fill(-Infinity);
  if (embedding !== undefined && centroids !== undefined) {
    clusterable.forEach((position, row) => {
      const c = sortedAssignments[position]!;
      let sum = 0;
      for (let j = 0; j < embedding.cols; j++) {
        sum += embedding.data[row * embedding.cols + j]! * centroids.data[c * embedding.cols + j]!;
      }
      similarity[position] = sum;
    });
  }
  const members: number[][] = Array.from({ length: k }, () => []);
  const unclustered: number[] = [];
  for (let position = 0; position < n; position++) {
    const c = sortedAssignments[position]!;
    if (c < 0) unclustered.push(position);
    else members[c]!.push(position);
  }
  // Themes by size, then by their first text in canonical order: ids independent of k-means numbering.
  const rank = members
    .map((list, c) => ({ c, size: list.length, first: list[0] ?? n }))
    .filter((x) => x.size > 0)
    .sort((x, y) => y.size - x.size || x.first - y.first);
  const idOf = new Int32Array(Math.max(k, 1)).fill(-1);
  rank.forEach(({ c }, id) => {
    idOf[c] = id;
  });
  const assignments = new Array<number>(n).fill(-1);
  for (let position = 0; position < n; position++) {
    const c = sortedAssignments[position]!;
    assignments[order[position]!] = c < 0 ? -1 : idOf[c]!;
  }
  const meanSentiment = (positions: readonly number[]): number | undefined => {
    if (o.sentiments === undefined) return undefined;
    let sum = 0;
    let count = 0;
    for (const position of positions) {
      const value = o.sentiments[order[position]!];
      if (typeof value === 'number' && Number.isFinite(value)) {
        sum += value;
        count++;
      }
    }
    return count === 0 ? undefined : sum / count;
  };
  const pickExamples = (positions: readonly number[]): number[] => {
    const byCloseness = [...positions].sort((a, b) => similarity[b]! - similarity[a]! || a - b);
    const seen = new Set<string>();
    const chosen: number[] = [];
    // Quotable first: texts of at most QUOTE_LENGTH characters, nearest first; longer ones only to fill up.
    for (const short of [true, false]) {
      for (const position of byCloseness) {
        if (chosen.length >= o.examples) break;
        const text = clean[order[position]!]!;
        if (short && text.length > QUOTE_LENGTH) continue;
        const key = text.toLowerCase().replace(/\s+/g, ' ').trim();
        if (seen.has(key)) continue;
        seen.add(key);
        chosen.push(order[position]!);
      }
    }
    return chosen;
  };
  const themes: Theme[] = rank.map(({ c, size }, id) => {
    const terms = input.themesTerms[c] ?? [];
    const exampleIndices = pickExamples(members[c]!);
    const sentiment = meanSentiment(members[c]!);
    return {
      id,
      label: labelFromTerms(terms) || `theme ${id + 1}`,
      terms,
      size,
      share: size / n,
      examples: exampleIndices.map((i) => clean[i]!),
      exampleIndices,
      ...(sentiment === undefined ? {} : { sentiment }),
    };
  });
  if (unclustered.length > 0) {
    const exampleIndices = [...unclustered]
      .sort((a, b) => order[a]! - order[b]!)
      .slice(0, o.examples)
      .map((p) => order[p]!);
    const sentiment = meanSentiment(unclustered);
    themes.push({
      id: -1,
      label: 'unclustered',
      terms: [],
      size: unclustered.length,
      share: unclustered.length / n,
      examples: exampleIndices.map((i) => clean[i]!),
      exampleIndices,
      unclustered: true,
      ...(sentiment === undefined ? {} : { sentiment }),
    });
  }
  return {
    assignments,
    themes,
    k: rank.length,
    selection: input.selection,
    silhouette: input.silhouette,
    vocabularySize: input.vocabularySize,
    dimensions: input.dimensions,
    warnings: input.warnings,
    rejected: input.rejected,
  };
}
