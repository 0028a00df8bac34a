/** Types of the sentiment stage: rule-based scores with their evidence, aspects, and the trainable classifier. */
import type { Rejected } from '../records';

/** A three-way sentiment label. */
export type SentimentLabel = 'positive' | 'neutral' | 'negative';

/**
 * The rules that can move a term's weight, named in each piece of evidence so that users can see why a text
 * scored as it did.
 */
export type SentimentRule =
  /** Inside a negation's scope: polarity flipped and damped. */
  | 'negated'
  /** After an intensifier ("very", "extremely"). */
  | 'intensified'
  /** After a diminisher ("slightly", "somewhat"). */
  | 'diminished'
  /** In the clause after a contrast ("but", "however"): weighs more. */
  | 'after-contrast'
  /** In the clause before a contrast: weighs less. */
  | 'before-contrast'
  /** In a concessive clause ("although ...", "even though ..."): weighs less. */
  | 'concessive'
  /** In a question or an "if" clause (irrealis): positive general words are not asserted. */
  | 'irrealis'
  /** Written in capitals among lower-case words. */
  | 'capitals'
  /** Elongated ("sooo good"). */
  | 'elongated'
  /** Amplified by a duration ("on hold for 2 hours"). */
  | 'duration'
  /** Sentence ends in exclamation marks: the sentence's sentiment is amplified. */
  | 'exclamation'
  /** After "too", a mild or neutral quality reads as excess ("too big", "too salty"). */
  | 'excess'
  /** A negative term after a presuppositional shifter ("avoid damage", "fixed the problem"). */
  | 'shifted';

/** Where a scored term came from. */
export type EvidenceSource =
  /** AFINN-165 word (wink-sentiment data). */
  | 'afinn'
  /** AFINN-165 two-word phrase (wink-sentiment data). */
  | 'afinn-phrase'
  /** This library's general review and service vocabulary that AFINN lacks. */
  | 'general'
  /** The operations and service domain layer. */
  | 'domain'
  /** Emoji (Emoji Sentiment Ranking, wink-sentiment data). */
  | 'emoji'
  /** Emoticon (AFINN, wink-sentiment data). */
  | 'emoticon'
  /** A caller's `options.lexicon` or `options.phrases` entry. */
  | 'user'
  /** Punctuation (exclamation marks). */
  | 'punctuation'
  /** A stated rating: "4/5", "9 out of 10", "5 stars". */
  | 'rating';

/** The operations and service complaint (or praise) a domain phrase belongs to. */
export type DomainCategory =
  | 'delay'
  | 'cancellation'
  | 'waiting'
  | 'stock'
  | 'wrong-item'
  | 'damaged'
  | 'missing'
  | 'refund'
  | 'no-response'
  | 'repeat-contact'
  | 'billing'
  | 'service'
  | 'praise';

/** One term, phrase or signal that moved the score. */
export interface SentimentEvidence {
  /** The text as written (a word, a phrase, an emoji, `"!!"`). */
  readonly text: string;
  /** UTF-16 offsets into the scored text. */
  readonly start: number;
  readonly end: number;
  /** The entry's valence before any rule, on the AFINN scale -5..5. */
  readonly base: number;
  /** The contribution to the sum after the rules (0 when a rule cancelled it). */
  readonly weight: number;
  readonly source: EvidenceSource;
  /** The rules that applied, in the order they applied. */
  readonly rules: readonly SentimentRule[];
  /** The modifier words that applied (the negator, the intensifier, the duration). */
  readonly modifiers?: readonly string[];
  /** For domain phrases, the complaint category. */
  readonly category?: DomainCategory;
  /** Index of the sentence (in `sentences`) the evidence belongs to. */
  readonly sentence: number;
}

/** The sentiment of one sentence. */
export interface SentenceSentiment {
  readonly start: number;
  readonly end: number;
  /** Normalised score in [-1, 1]. */
  readonly score: number;
  readonly label: SentimentLabel;
}

/** The result of `scoreSentiment`. */
export interface SentimentResult {
  /** Normalised score in [-1, 1]: `sum / sqrt(sum^2 + 15)` of the weights (Hutto and Gilbert 2014). */
  readonly score: number;
  /** `positive` when `score >= neutralBand`, `negative` when `score <= -neutralBand`, otherwise `neutral`. */
  readonly label: SentimentLabel;
  /** Sum of the positive weights (>= 0, unbounded, mergeable across texts). */
  readonly positive: number;
  /** Sum of the magnitudes of the negative weights (>= 0). */
  readonly negative: number;
  /** What moved the score, in text order. */
  readonly evidence: readonly SentimentEvidence[];
  /** Sentence-level breakdown, in text order (empty for empty text). */
  readonly sentences: readonly SentenceSentiment[];
}

/** Options of `scoreSentiment`, `scoreFeedback` and `createSentimentScorer`. */
export interface SentimentOptions {
  /** Words to add or override, valence on the AFINN scale -5..5 (`{ backorder: -3 }`). */
  readonly lexicon?: Readonly<Record<string, number>>;
  /** Multi-word phrases to add or override (`{ 'left on read': -3 }`); `*` matches any one word, `<n>` a number. */
  readonly phrases?: Readonly<Record<string, number>>;
  /** Use the operations and service domain layer (default true). */
  readonly domain?: boolean;
  /** Half-width of the neutral band around 0, in [0, 1) (default 0.05, as VADER's compound thresholds). */
  readonly neutralBand?: number;
}

/** An aspect's sentiment in one text. */
export interface AspectSentiment {
  readonly aspect: string;
  /** The mentions found (term text and offsets). */
  readonly mentions: readonly { readonly text: string; readonly start: number; readonly end: number }[];
  readonly score: number;
  readonly label: SentimentLabel;
  /** The evidence that governs the aspect's mentions. */
  readonly evidence: readonly SentimentEvidence[];
}

/** Options of `aspectSentiment`. */
export interface AspectOptions extends SentimentOptions {
  /**
   * How far from a mention sentiment words count, in word tokens, inside the mention's clause (default 6).
   */
  readonly window?: number;
}

/** A labelled example for `trainClassifier`. */
export interface LabelledText {
  readonly text: string;
  readonly label: string;
}

/** A trained classifier: plain JSON. */
export interface ClassifierModel {
  readonly version: number;
  readonly kind: 'feedback-miner/classifier';
  readonly method: ClassifierMethod;
  readonly labels: readonly string[];
  /** Feature names, index-aligned with the rows of `weights`. */
  readonly features: readonly string[];
  /** `weights[f][c]`: weight (logistic) or log-probability (naive Bayes) of feature f for class c. */
  readonly weights: readonly (readonly number[])[];
  /** Per-class bias (logistic) or log prior (naive Bayes). */
  readonly bias: readonly number[];
  /** Feature settings used in training, replayed by `classify`. */
  readonly featureOptions: FeatureOptions;
  /** Examples trained on. */
  readonly examples: number;
  /** Examples skipped as bad data (not an object, text not a non-empty string, label missing). */
  readonly rejected: readonly Rejected[];
}

export type ClassifierMethod = 'logistic' | 'naive-bayes' | 'complement-nb';

/** How texts become features. */
export interface FeatureOptions {
  /** Add word bigrams (default true). */
  readonly bigrams: boolean;
  /** Add the rule-based score as features (default true). */
  readonly lexiconScore: boolean;
  /** Keep features seen in at least this many training texts (default 1). */
  readonly minCount: number;
}

/** Options of `trainClassifier`. */
export interface TrainOptions {
  /** Default 'logistic'. */
  readonly method?: ClassifierMethod;
  /** Seed of the example order in training (default 1). */
  readonly seed?: number;
  /** Training passes over the data for 'logistic' (default 5). */
  readonly epochs?: number;
  /** L2 penalty for 'logistic' (default 1e-4). */
  readonly l2?: number;
  /** Additive smoothing for naive Bayes (default 1). */
  readonly alpha?: number;
  readonly bigrams?: boolean;
  readonly lexiconScore?: boolean;
  readonly minCount?: number;
}

/** Result of `classify`. */
export interface Classification {
  readonly label: string;
  /** Probability of each label, summing to 1. */
  readonly probabilities: Readonly<Record<string, number>>;
}

/** Per-class precision, recall and F1. */
export interface ClassMetrics {
  readonly label: string;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
}

/** Result of `crossValidate` (and `evaluateLabels`). */
export interface Evaluation {
  readonly accuracy: number;
  readonly macroF1: number;
  readonly perClass: readonly ClassMetrics[];
  readonly labels: readonly string[];
  /** `confusion[i][j]`: examples of true label `labels[i]` predicted as `labels[j]`. */
  readonly confusion: readonly (readonly number[])[];
  readonly folds: number;
  /** Examples skipped as bad data. */
  readonly rejected: readonly Rejected[];
}
