import { assertArray, assertOptions, fail, FeedbackMinerError } from '../errors';
import type { Rejected } from '../records';
import { isRealValued, Vocabulary } from './features';
import { createRandom, shuffledIndices } from './random';
import type { ClassifierMethod, ClassifierModel, FeatureOptions, LabelledText, TrainOptions } from './types';

/** The model format this version writes and reads. */
export const CLASSIFIER_VERSION = 1;

const METHODS: readonly ClassifierMethod[] = ['logistic', 'naive-bayes', 'complement-nb'];

/** Validated training settings. @internal */
export interface TrainSettings {
  readonly method: ClassifierMethod;
  readonly seed: number;
  readonly epochs: number;
  readonly l2: number;
  readonly alpha: number;
  readonly featureOptions: FeatureOptions;
}

/** Validates `TrainOptions` (also used by `crossValidate`). @internal */
export function readTrainOptions(where: string, options: TrainOptions | undefined): TrainSettings {
  assertOptions(where, options);
  const o = options ?? {};
  const method = o.method ?? 'logistic';
  if (!METHODS.includes(method)) fail('INVALID_OPTION', where, 'options.method', `one of ${METHODS.join(', ')}`, method);
  const seed = o.seed ?? 1;
  if (typeof seed !== 'number' || !Number.isInteger(seed)) fail('INVALID_OPTION', where, 'options.seed', 'an integer', seed);
  const epochs = o.epochs ?? 5;
  if (typeof epochs !== 'number' || !Number.isInteger(epochs) || epochs < 1 || epochs > 1000) {
    fail('INVALID_OPTION', where, 'options.epochs', 'an integer from 1 to 1000', epochs);
  }
  const l2 = o.l2 ?? 1e-4;
  if (typeof l2 !== 'number' || !Number.isFinite(l2) || l2 < 0) fail('INVALID_OPTION', where, 'options.l2', 'a finite number >= 0', l2);
  const alpha = o.alpha ?? 1;
  if (typeof alpha !== 'number' || !Number.isFinite(alpha) || alpha <= 0) {
    fail('INVALID_OPTION', where, 'options.alpha', 'a finite number > 0', alpha);
  }
  const bigrams = o.bigrams ?? true;
  if (typeof bigrams !== 'boolean') fail('INVALID_OPTION', where, 'options.bigrams', 'a boolean', bigrams);
  const lexiconScore = o.lexiconScore ?? true;
  if (typeof lexiconScore !== 'boolean') fail('INVALID_OPTION', where, 'options.lexiconScore', 'a boolean', lexiconScore);
  const minCount = o.minCount ?? 1;
  if (typeof minCount !== 'number' || !Number.isInteger(minCount) || minCount < 1) {
    fail('INVALID_OPTION', where, 'options.minCount', 'an integer >= 1', minCount);
  }
  return { method, seed, epochs, l2, alpha, featureOptions: { bigrams, lexiconScore, minCount } };
}

/** A usable example, or the reason it is not. @internal */
export function checkExample(example: unknown, row: number): { text: string; label: string } | Rejected {
  if (example === null || typeof example !== 'object') return { row, field: 'example', reason: 'not an object' };
  const { text, label } = example as { text?: unknown; label?: unknown };
  if (typeof text !== 'string') return { row, field: 'text', reason: 'not a string' };
  if (text.trim() === '') return { row, field: 'text', reason: 'empty text' };
  if (typeof label === 'number' && Number.isFinite(label)) return { text, label: String(label) };
  if (typeof label !== 'string' || label === '') return { row, field: 'label', reason: 'not a non-empty string' };
  return { text, label };
}

/** Sparse document: feature indices and values. */
interface SparseDoc {
  readonly index: Int32Array;
  readonly value: Float64Array;
  readonly label: number;
}

/** A document indexed in a shared vocabulary. @internal */
export interface IndexedDoc {
  readonly index: Int32Array;
  readonly value: Float64Array;
  readonly label: string;
}

/**
 * Checks and indexes labelled examples into sparse feature rows with one shared vocabulary; unusable rows are
 * listed in `rejected`, never dropped silently. Shared by `trainClassifier` and `crossValidate`. O(total characters).
 * @throws FeedbackMinerError EMPTY_INPUT when `examples` is empty
 */
export function indexExamples(
  where: string,
  examples: readonly LabelledText[],
  settings: TrainSettings,
): { vocabulary: Vocabulary; docs: IndexedDoc[]; rejected: Rejected[] } {
  if (examples.length === 0) {
    throw new FeedbackMinerError('EMPTY_INPUT', `${where}: expected examples to be a non-empty array, found an array of 0`, { where });
  }
  const rejected: Rejected[] = [];
  const vocabulary = new Vocabulary();
  const docs: IndexedDoc[] = [];
  examples.forEach((example, row) => {
    const checked = checkExample(example, row);
    if ('reason' in checked) rejected.push(checked);
    else {
      const features = vocabulary.index(checked.text, settings.featureOptions);
      docs.push({ index: features.index, value: features.value, label: checked.label });
    }
  });
  return { vocabulary, docs, rejected };
}

/**
 * Trains from documents indexed in a vocabulary (names by id). Features absent from these documents, or in
 * fewer than `minCount` of them, are left out. Returns the model and the map from vocabulary id to model feature
 * (-1 when left out). @internal (shared with `crossValidate`, which indexes the texts once).
 */
export function trainIndexed(
  docs: readonly IndexedDoc[],
  names: readonly string[],
  settings: TrainSettings,
  rejected: readonly Rejected[],
  where: string,
): { model: ClassifierModel; remap: Int32Array } {
  if (docs.length === 0) {
    throw new FeedbackMinerError('EMPTY_INPUT', `${where}: expected examples to contain at least one usable { text, label }, found none`, { where });
  }
  const labels = [...new Set(docs.map((d) => d.label))].sort();
  if (labels.length < 2) {
    throw new FeedbackMinerError(
      'INSUFFICIENT_DATA',
      `${where}: expected examples with at least 2 distinct labels, found 1 (${JSON.stringify(labels[0])})`,
      { where },
    );
  }
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const documentCount = new Int32Array(names.length);
  for (const doc of docs) {
    for (let j = 0; j < doc.index.length; j++) {
      const id = doc.index[j] as number;
      documentCount[id] = (documentCount[id] as number) + 1;
    }
  }
  const naiveBayes = settings.method !== 'logistic';
  const minCount = settings.featureOptions.minCount;
  const features: string[] = [];
  const remap = new Int32Array(names.length).fill(-1);
  for (let id = 0; id < names.length; id++) {
    const count = documentCount[id] as number;
    const name = names[id] as string;
    if (count === 0 || (count < minCount && !name.startsWith('lex:'))) continue;
    if (naiveBayes && isRealValued(name)) continue;
    remap[id] = features.length;
    features.push(name);
  }
  // Every vocabulary feature kept (trainClassifier's usual case): the ids are the model's, the arrays reused as they are.
  const identity = features.length === names.length;
  const sparse: SparseDoc[] = docs.map((doc) => {
    if (identity) return { index: doc.index, value: doc.value, label: labelIndex.get(doc.label) as number };
    let kept = 0;
    for (let j = 0; j < doc.index.length; j++) if ((remap[doc.index[j] as number] as number) >= 0) kept++;
    const index = new Int32Array(kept);
    const value = new Float64Array(kept);
    let at = 0;
    for (let j = 0; j < doc.index.length; j++) {
      const f = remap[doc.index[j] as number] as number;
      if (f < 0) continue;
      index[at] = f;
      value[at] = doc.value[j] as number;
      at++;
    }
    return { index, value, label: labelIndex.get(doc.label) as number };
  });
  const k = labels.length;
  const fitted =
    settings.method === 'logistic'
      ? fitLogistic(sparse, features.length, k, settings)
      : fitNaiveBayes(sparse, features.length, k, settings.alpha, settings.method === 'complement-nb');
  const model: ClassifierModel = {
    version: CLASSIFIER_VERSION,
    kind: 'feedback-miner/classifier',
    method: settings.method,
    labels,
    features,
    weights: fitted.weights,
    bias: fitted.bias,
    featureOptions: settings.featureOptions,
    examples: docs.length,
    rejected: [...rejected],
  };
  return { model, remap };
}

/**
 * Multinomial logistic regression (softmax) on sparse features, fitted by stochastic gradient descent with
 * AdaGrad step sizes (Duchi, Hazan and Singer 2011, JMLR 12) and an L2 penalty applied to the weights a
 * document touches; examples visited in a seeded order each epoch. Cost: O(epochs x nnz x k).
 */
function fitLogistic(
  docs: readonly SparseDoc[],
  featureCount: number,
  k: number,
  settings: TrainSettings,
): { weights: number[][]; bias: number[] } {
  if (k === 2) return fitBinaryLogistic(docs, featureCount, settings);
  const w = new Float64Array(featureCount * k);
  const g2 = new Float64Array(featureCount * k);
  const b = new Float64Array(k);
  const gb2 = new Float64Array(k);
  const rate = 0.2;
  const epsilon = 1e-8;
  const random = createRandom(settings.seed);
  const z = new Float64Array(k);
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    const order = shuffledIndices(docs.length, random);
    for (const d of order) {
      const doc = docs[d] as SparseDoc;
      let max = -Infinity;
      for (let c = 0; c < k; c++) {
        let s = b[c] as number;
        for (let j = 0; j < doc.index.length; j++) s += (doc.value[j] as number) * (w[(doc.index[j] as number) * k + c] as number);
        z[c] = s;
        if (s > max) max = s;
      }
      let sum = 0;
      for (let c = 0; c < k; c++) {
        const e = Math.exp((z[c] as number) - max);
        z[c] = e;
        sum += e;
      }
      for (let c = 0; c < k; c++) {
        const gradient = (z[c] as number) / sum - (c === doc.label ? 1 : 0);
        gb2[c] = (gb2[c] as number) + gradient * gradient;
        b[c] = (b[c] as number) - (rate * gradient) / Math.sqrt((gb2[c] as number) + epsilon);
        for (let j = 0; j < doc.index.length; j++) {
          const at = (doc.index[j] as number) * k + c;
          const g = gradient * (doc.value[j] as number) + settings.l2 * (w[at] as number);
          g2[at] = (g2[at] as number) + g * g;
          w[at] = (w[at] as number) - (rate * g) / Math.sqrt((g2[at] as number) + epsilon);
        }
      }
    }
  }
  const weights: number[][] = [];
  for (let f = 0; f < featureCount; f++) weights.push(Array.from(w.subarray(f * k, f * k + k)));
  return { weights, bias: Array.from(b) };
}

/**
 * Two labels: binary logistic regression (the two-class softmax has one free weight per feature), fitted as
 * `fitLogistic` and stored as the equivalent softmax weights `[-w/2, +w/2]`. Cost: O(epochs x nnz).
 */
function fitBinaryLogistic(
  docs: readonly SparseDoc[],
  featureCount: number,
  settings: TrainSettings,
): { weights: number[][]; bias: number[] } {
  // The documents in one compressed sparse row block (offsets, indices, values): contiguous for the epochs.
  const offsets = new Int32Array(docs.length + 1);
  for (let d = 0; d < docs.length; d++) offsets[d + 1] = (offsets[d] as number) + (docs[d] as SparseDoc).index.length;
  const indices = new Int32Array(offsets[docs.length] as number);
  const vals = new Float64Array(offsets[docs.length] as number);
  const targets = new Float64Array(docs.length);
  for (let d = 0; d < docs.length; d++) {
    const doc = docs[d] as SparseDoc;
    indices.set(doc.index, offsets[d] as number);
    vals.set(doc.value, offsets[d] as number);
    targets[d] = doc.label === 1 ? 1 : 0;
  }
  const w = new Float64Array(featureCount);
  const g2 = new Float64Array(featureCount);
  let b = 0;
  let gb2 = 0;
  const rate = 0.2;
  const epsilon = 1e-8;
  const l2 = settings.l2;
  const random = createRandom(settings.seed);
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    const order = shuffledIndices(docs.length, random);
    for (let o = 0; o < order.length; o++) {
      const d = order[o] as number;
      const from = offsets[d] as number;
      const to = offsets[d + 1] as number;
      let z = b;
      for (let j = from; j < to; j++) z += (vals[j] as number) * (w[indices[j] as number] as number);
      const p = 1 / (1 + Math.exp(-z));
      const gradient = p - (targets[d] as number);
      gb2 += gradient * gradient;
      b -= (rate * gradient) / Math.sqrt(gb2 + epsilon);
      for (let j = from; j < to; j++) {
        const at = indices[j] as number;
        const g = gradient * (vals[j] as number) + l2 * (w[at] as number);
        g2[at] = (g2[at] as number) + g * g;
        w[at] = (w[at] as number) - (rate * g) / Math.sqrt((g2[at] as number) + epsilon);
      }
    }
  }
  const weights: number[][] = new Array(featureCount);
  for (let f = 0; f < featureCount; f++) weights[f] = [-(w[f] as number) / 2, (w[f] as number) / 2];
  return { weights, bias: [-b / 2, b / 2] };
}

/**
 * Multinomial naive Bayes on binarised features with additive smoothing (McCallum and Nigam 1998; Metsis,
 * Androutsopoulos and Paliouras 2006), or its complement form (Rennie, Shih, Teevan and Karger 2003, ICML), which
 * estimates each class from the documents of the other classes and suits unbalanced classes.
 * Cost: O(nnz + features x k).
 */
function fitNaiveBayes(
  docs: readonly SparseDoc[],
  featureCount: number,
  k: number,
  alpha: number,
  complement: boolean,
): { weights: number[][]; bias: number[] } {
  const counts = new Float64Array(featureCount * k);
  const totals = new Float64Array(k);
  const docsPerClass = new Float64Array(k);
  for (const doc of docs) {
    docsPerClass[doc.label] = (docsPerClass[doc.label] as number) + 1;
    for (let j = 0; j < doc.index.length; j++) {
      const at = (doc.index[j] as number) * k + doc.label;
      counts[at] = (counts[at] as number) + 1;
      totals[doc.label] = (totals[doc.label] as number) + 1;
    }
  }
  let allTotal = 0;
  for (let c = 0; c < k; c++) allTotal += totals[c] as number;
  const weights: number[][] = [];
  for (let f = 0; f < featureCount; f++) {
    const row: number[] = [];
    let featureTotal = 0;
    for (let c = 0; c < k; c++) featureTotal += counts[f * k + c] as number;
    for (let c = 0; c < k; c++) {
      const own = counts[f * k + c] as number;
      if (complement) {
        const other = featureTotal - own;
        const otherTotal = allTotal - (totals[c] as number);
        // A feature frequent in the other classes counts against this one.
        row.push(-Math.log((other + alpha) / (otherTotal + alpha * featureCount)));
      } else {
        row.push(Math.log((own + alpha) / ((totals[c] as number) + alpha * featureCount)));
      }
    }
    weights.push(row);
  }
  const bias: number[] = [];
  for (let c = 0; c < k; c++) bias.push(Math.log((docsPerClass[c] as number) / docs.length));
  return { weights, bias };
}

/**
 * Trains a text classifier on labelled examples (any labels: sentiment, topics, reasons) and returns it as plain
 * JSON. Features: word presence with negation marking (`NOT_word` inside a negation's scope; Das and Chen 2001,
 * Pang et al. 2002), word bigrams within a clause, `!`/`?`, and the rule-based sentiment score (`scoreSentiment`)
 * as features. Methods:
 * - `'logistic'` (default): multinomial logistic regression by AdaGrad SGD with an L2 penalty (Duchi et al. 2011);
 * - `'naive-bayes'`: multinomial naive Bayes on binarised features (McCallum and Nigam 1998; Metsis et al. 2006);
 * - `'complement-nb'`: complement naive Bayes (Rennie et al. 2003).
 *
 * Deterministic: the same examples, options and `seed` give the same model. Bad examples (not an object, text not
 * a non-empty string, label missing) are skipped and listed in `model.rejected`.
 *
 * Cost: O(total text length + epochs x nnz x k) for nnz non-zero features and k labels.
 *
 * @throws FeedbackMinerError INVALID_ARGUMENT when `examples` is not an array; EMPTY_INPUT when no example is
 *   usable; INSUFFICIENT_DATA when the usable examples have fewer than 2 labels; INVALID_OPTION for a bad option.
 * @example
 * const model = trainClassifier([
 *   { text: 'fast delivery, great', label: 'pos' },
 *   { text: 'late again, awful', label: 'neg' },
 * ]);
 * classify(model, 'great and fast').label // => 'pos'
 */
export function trainClassifier(examples: readonly LabelledText[], options?: TrainOptions): ClassifierModel {
  const where = 'trainClassifier';
  assertArray(where, 'examples', examples);
  const settings = readTrainOptions(where, options);
  const { vocabulary, docs, rejected } = indexExamples(where, examples, settings);
  return trainIndexed(docs, vocabulary.names, settings, rejected, where).model;
}
