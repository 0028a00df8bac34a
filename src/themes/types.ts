/**
 * Types of the themes stage: sparse document-term matrices, mergeable term statistics and centroid sums, and the
 * themes that clustering returns. Everything a caller keeps between calls (statistics, vocabularies, centroid
 * sums) is plain JSON; matrices are typed arrays because they are intermediate values, not state.
 */

/**
 * A sparse matrix in compressed sparse row (CSR) form: the entries of row `i` are
 * `indices[indptr[i] .. indptr[i+1])` with values `values[...]` at the same positions, columns ascending.
 */
export interface SparseMatrix {
  readonly rows: number;
  readonly cols: number;
  /** Length `rows + 1`. */
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

/** A dense row-major matrix: entry (i, j) is `data[i * cols + j]`. */
export interface DenseMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/**
 * Term counts and document frequencies over a set of documents. Mergeable: statistics of shards merged with
 * `mergeTermStatistics` equal the statistics of the whole (so they can be computed as map and reduce steps).
 */
export interface TermStatistics {
  /** Number of documents counted (including documents without terms). */
  readonly documentCount: number;
  /** Total number of term occurrences. */
  readonly termTotal: number;
  /** For each term, the number of documents that contain it. */
  readonly documentFrequency: Readonly<Record<string, number>>;
  /** For each term, its number of occurrences. */
  readonly termFrequency: Readonly<Record<string, number>>;
}

/** A fixed list of terms (the columns of a document-term matrix) with their inverse document frequencies. */
export interface Vocabulary {
  readonly terms: readonly string[];
  /** Document frequency of each term, aligned with `terms`. */
  readonly documentFrequency: readonly number[];
  /** Number of documents the frequencies were counted over. */
  readonly documentCount: number;
  /** Mean number of terms per document (for BM25 length normalisation). */
  readonly averageLength: number;
}

/**
 * Per-cluster sums of unit document vectors and counts. Mergeable across shards by adding; the centroid of a
 * cluster is its sum divided by its norm (spherical k-means) or by its count (Euclidean mean).
 */
export interface CentroidSums {
  readonly dimension: number;
  /** `sums[c]` has length `dimension`. */
  readonly sums: readonly (readonly number[])[];
  readonly counts: readonly number[];
}

/** A weighted term of a theme. `term` is the readable form (the most frequent surface form of the stem). */
export interface ThemeTerm {
  readonly term: string;
  readonly weight: number;
}

/** One theme found by clustering. */
export interface Theme {
  /** 0-based id, the value used in `assignments`; -1 for the group of texts that could not be clustered. */
  readonly id: number;
  /** A short human-readable name. */
  readonly label: string;
  /** Terms that distinguish the theme, by class-based TF-IDF weight, best first. */
  readonly terms: readonly ThemeTerm[];
  /** Number of texts in the theme. */
  readonly size: number;
  /** `size` over the number of input texts. */
  readonly share: number;
  /** The most representative texts (nearest the centroid), deduplicated. */
  readonly examples: readonly string[];
  /** Indices (into the input) of the texts in `examples`. */
  readonly exampleIndices: readonly number[];
  /** Mean sentiment score of the theme's texts, when sentiment was given. */
  readonly sentiment?: number;
  /** True only for the group of texts that had no usable terms (`id` -1). */
  readonly unclustered?: boolean;
}

/** The score of one candidate k when `k: 'auto'`. */
export interface KSelectionScore {
  readonly k: number;
  /** Mean silhouette (cosine distance) on the sample; higher is better. */
  readonly silhouette: number;
  /**
   * Mean adjusted Rand index between the clusterings of random halves of the sample, one transferred to the
   * other by nearest centroid (`clusteringStability`); 1 is perfectly stable. Absent when not measured.
   */
  readonly stability?: number;
  /** Standard error of `stability` over the random splits. */
  readonly standardError?: number;
}

/** How k was chosen. */
export interface KSelection {
  readonly criterion: 'stability' | 'silhouette' | 'fixed';
  readonly k: number;
  readonly scores: readonly KSelectionScore[];
  /** Number of texts the criterion was measured on (halves of it for stability). */
  readonly sampleSize: number;
}
