/** The themes stage: sparse vectors, reduction, clustering, choosing k, labels, keyphrases, taxonomy tagging. */
export type {
  CentroidSums,
  DenseMatrix,
  KSelection,
  KSelectionScore,
  SparseMatrix,
  TermStatistics,
  Theme,
  ThemeTerm,
  Vocabulary,
} from './types';
export { clusterTexts } from './clusterTexts';
export type { ClusterTextsOptions, ClusterTextsResult } from './clusterTexts';
export { clusterFeedback } from './clusterFeedback';
export type { ClusterFeedbackOptions, ClusterFeedbackResult, Themed } from './clusterFeedback';
export { extractKeyphrases } from './extractKeyphrases';
export type { ExtractKeyphrasesOptions, ExtractKeyphrasesResult, Keyphrase } from './extractKeyphrases';
export { tagThemes } from './tagThemes';
export type { Taxonomy, TagThemesOptions, TagThemesResult, Tagged, ThemeMatch } from './tagThemes';
export { analyzeTexts } from './analyze';
export type { AnalyzeOptions, AnalyzedTexts } from './analyze';
export { termStatistics, mergeTermStatistics } from './termStatistics';
export { buildVocabulary } from './vocabulary';
export type { VocabularyOptions } from './vocabulary';
export { vectorize } from './vectorize';
export type { VectorizeOptions, Weighting } from './vectorize';
export { randomizedSvd } from './randomizedSvd';
export type { RandomizedSvdOptions, TruncatedSvd } from './randomizedSvd';
export { sphericalKMeans } from './sphericalKMeans';
export type { SphericalKMeansOptions, SphericalKMeansResult } from './sphericalKMeans';
export { cosineSilhouette } from './silhouette';
export { clusteringStability } from './clusteringStability';
export type { ClusteringStability, ClusteringStabilityOptions } from './clusteringStability';
export { centroidSums, mergeCentroidSums } from './centroidSums';
export { normalizedMutualInformation, adjustedRandIndex } from './clusterAgreement';
export { createRandom } from './random';
export type { Random } from './random';
export { miniBatchKMeans, miniBatchUpdate } from './miniBatchKMeans';
export type { MiniBatchKMeansOptions, MiniBatchKMeansResult, MiniBatchState } from './miniBatchKMeans';
export { fitThemeModel, createThemeAssigner } from './themeModel';
export type { ThemeModel, FitThemeModelOptions, FittedThemes } from './themeModel';
