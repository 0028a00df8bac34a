/** The sentiment stage: rule-based scores with evidence, aspects, and a trainable classifier. */
export { scoreSentiment, createSentimentScorer, DEFAULT_NEUTRAL_BAND } from './scoreSentiment';
export { scoreFeedback } from './scoreFeedback';
export type { Scored, ScoredFeedback } from './scoreFeedback';
export { aspectSentiment, DEFAULT_ASPECT_WINDOW } from './aspectSentiment';
export { createFeedbackScorer } from './createFeedbackScorer';
export type { FeedbackScorerOptions, FeedbackScore } from './createFeedbackScorer';
export { DEFAULT_ASPECTS } from './aspects';
export { trainClassifier, CLASSIFIER_VERSION } from './trainClassifier';
export { classify } from './classify';
export { crossValidate, evaluateLabels } from './crossValidate';
export type { CrossValidateOptions } from './crossValidate';
export {
  AFINN_WORDS,
  AFINN_PHRASES,
  EMOJI,
  EMOTICONS,
  GENERAL_WORDS,
  DOMAIN_ENTRIES,
  MODIFIERS,
} from './lexicon';
export type { DomainEntry } from './lexicon';
export type {
  SentimentLabel,
  SentimentRule,
  EvidenceSource,
  DomainCategory,
  SentimentEvidence,
  SentenceSentiment,
  SentimentResult,
  SentimentOptions,
  AspectSentiment,
  AspectOptions,
  LabelledText,
  ClassifierModel,
  ClassifierMethod,
  FeatureOptions,
  TrainOptions,
  Classification,
  ClassMetrics,
  Evaluation,
} from './types';
