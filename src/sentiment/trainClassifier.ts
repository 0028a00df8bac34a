import { assertArray, assertOptions, fail, FeedbackMinerError } from '../errors';
import type { Rejected } from '../records';
import { Vocabulary } from './features';
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

/** Examples indexed in one vocabulary (see `indexExamples`). @internal */
export interface IndexedExamples {
  /** The features and the documents (one per usable example, in input order). */
  readonly vocabulary: Vocabulary;
  /** The distinct labels of the documents, sorted. */
  readonly labels: readonly string[];
  /** The label of each document, as its position in `labels`. */
  readonly labelOf: Int32Array;
  /** The examples skipped as bad data. */
  readonly rejected: Rejected[];
}

/**
 * Checks and indexes labelled examples into sparse feature rows with one shared vocabulary; unusable rows are
 * listed in `rejected`, never dropped silently. Shared by `trainClassifier` and `crossValidate`. O(total characters).
 * @throws FeedbackMinerError EMPTY_INPUT when `examples` is empty
 */
export function indexExamples(where: string, examples: readonly LabelledText[], settings: TrainSettings): IndexedExamples {
  if (examples.length === 0) {
    throw new FeedbackMinerError('EMPTY_INPUT', `${where}: expected examples to be a non-empty array, found an array of 0`, { where });
  }
  const rejected: Rejected[] = [];
  const vocabulary = new Vocabulary(examples.length);
  const featureOptions = settings.featureOptions;
  // Labels numbered as first seen, renumbered in sorted order at the end.
  const labelNumbers = new Map<string, number>();
  const seenLabels: string[] = [];
  const seenLabelOf = new Int32Array(examples.length);
  examples.forEach((example, row) => {
    const checked = checkExample(example, row);
    if ('reason' in checked) {
      rejected.push(checked);
      return;
    }
    let label = labelNumbers.get(checked.label);
    if (label === undefined) {
      label = seenLabels.length;
      labelNumbers.set(checked.label, label);
      seenLabels.push(checked.label);
    }
    seenLabelOf[vocabulary.index(checked.text, featureOptions)] = label;
  });
  const labels = [...seenLabels].sort();
  const sortedNumber = new Map(labels.map((l, i) => [l, i]));
  const rank = seenLabels.map((l) => sortedNumber.get(l) as number);
  const labelOf = new Int32Array(vocabulary.documents);
  for (let d = 0; d < labelOf.length; d++) labelOf[d] = rank[seenLabelOf[d] as number] as number;
  return { vocabulary, labels, labelOf, rejected };
}

/** Documents as compressed sparse rows: row `d` has `indices[offsets[d] .. offsets[d + 1])`, label `labels[d]`. */
interface SparseRows {
  readonly count: number;
  readonly offsets: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
  readonly labels: Int32Array;
}

/**
 * Trains on indexed documents: all of them, or the `members` (ascending document numbers). Features absent from
 * these documents, or in fewer than `minCount` of them, are left out. Returns the model and the map from vocabulary
 * id to model feature (-1 when left out). @internal (shared with `crossValidate`, which indexes the texts once).
 */
export function trainIndexed(
  indexed: IndexedExamples,
  members: Int32Array | undefined,
  settings: TrainSettings,
  rejected: readonly Rejected[],
  where: string,
): { model: ClassifierModel; remap: Int32Array } {
  const { vocabulary, labelOf } = indexed;
  const count = members === undefined ? vocabulary.documents : members.length;
  if (count === 0) {
    throw new FeedbackMinerError('EMPTY_INPUT', `${where}: expected examples to contain at least one usable { text, label }, found none`, { where });
  }
  // The labels of these documents, sorted (a subset of the sorted labels of all documents keeps their order).
  const perLabel = new Int32Array(indexed.labels.length);
  for (let r = 0; r < count; r++) {
    const label = labelOf[members === undefined ? r : (members[r] as number)] as number;
    perLabel[label] = (perLabel[label] as number) + 1;
  }
  const labels: string[] = [];
  const localLabel = new Int32Array(indexed.labels.length).fill(-1);
  for (let l = 0; l < perLabel.length; l++) {
    if ((perLabel[l] as number) === 0) continue;
    localLabel[l] = labels.length;
    labels.push(indexed.labels[l] as string);
  }
  if (labels.length < 2) {
    throw new FeedbackMinerError(
      'INSUFFICIENT_DATA',
      `${where}: expected examples with at least 2 distinct labels, found 1 (${JSON.stringify(labels[0])})`,
      { where },
    );
  }
  const featureCount = vocabulary.size;
  const { offsets, ids, values } = vocabulary;
  let documentCount = vocabulary.frequency;
  if (members !== undefined) {
    documentCount = new Int32Array(featureCount);
    for (let r = 0; r < count; r++) {
      const d = members[r] as number;
      for (let j = offsets[d] as number; j < (offsets[d + 1] as number); j++) {
        const id = ids[j] as number;
        documentCount[id] = (documentCount[id] as number) + 1;
      }
    }
  }
  const naiveBayes = settings.method !== 'logistic';
  const minCount = settings.featureOptions.minCount;
  // Names of a single training are built only for the features kept; cross-validation's folds share one list.
  const names = members === undefined ? undefined : vocabulary.names;
  const features: string[] = [];
  const remap = new Int32Array(featureCount).fill(-1);
  for (let id = 0; id < featureCount; id++) {
    const c = documentCount[id] as number;
    if (c === 0 || (c < minCount && !vocabulary.isLexicon(id))) continue;
    if (naiveBayes && vocabulary.isRealValued(id)) continue;
    remap[id] = features.length;
    features.push(names === undefined ? vocabulary.nameOf(id) : (names[id] as string));
  }
  let rows: SparseRows;
  if (members === undefined && features.length === featureCount) {
    // Every document and every feature (trainClassifier's usual case): the vocabulary's rows as they are.
    const rowLabels = new Int32Array(count);
    for (let d = 0; d < count; d++) rowLabels[d] = localLabel[labelOf[d] as number] as number;
    rows = { count, offsets, indices: ids, values, labels: rowLabels };
  } else {
    const rowOffsets = new Int32Array(count + 1);
    for (let r = 0; r < count; r++) {
      const d = members === undefined ? r : (members[r] as number);
      let kept = 0;
      for (let j = offsets[d] as number; j < (offsets[d + 1] as number); j++) if ((remap[ids[j] as number] as number) >= 0) kept++;
      rowOffsets[r + 1] = (rowOffsets[r] as number) + kept;
    }
    const indices = new Int32Array(rowOffsets[count] as number);
    const rowValues = new Float64Array(rowOffsets[count] as number);
    const rowLabels = new Int32Array(count);
    let at = 0;
    for (let r = 0; r < count; r++) {
      const d = members === undefined ? r : (members[r] as number);
      rowLabels[r] = localLabel[labelOf[d] as number] as number;
      for (let j = offsets[d] as number; j < (offsets[d + 1] as number); j++) {
        const f = remap[ids[j] as number] as number;
        if (f < 0) continue;
        indices[at] = f;
        rowValues[at] = values[j] as number;
        at++;
      }
    }
    rows = { count, offsets: rowOffsets, indices, values: rowValues, labels: rowLabels };
  }
  const k = labels.length;
  const fitted =
    settings.method === 'logistic'
      ? fitLogistic(rows, features.length, k, settings)
      : fitNaiveBayes(rows, features.length, k, settings.alpha, settings.method === 'complement-nb');
  const model: ClassifierModel = {
    version: CLASSIFIER_VERSION,
    kind: 'feedback-miner/classifier',
    method: settings.method,
    labels,
    features,
    weights: fitted.weights,
    bias: fitted.bias,
    featureOptions: settings.featureOptions,
    examples: count,
    rejected: [...rejected],
  };
  return { model, remap };
}

/**
 * Multinomial logistic regression (softmax) on sparse features, fitted by stochastic gradient descent with
 * AdaGrad step sizes (Duchi, Hazan and Singer 2011, JMLR 12) and an L2 penalty applied to the weights a
 * document touches; examples visited in a seeded order each epoch. Cost: O(epochs x nnz x k).
 */
function fitLogistic(rows: SparseRows, featureCount: number, k: number, settings: TrainSettings): { weights: number[][]; bias: number[] } {
  if (k === 2) return fitBinaryLogistic(rows, featureCount, settings);
  const { offsets, indices, values, labels } = rows;
  const w = new Float64Array(featureCount * k);
  const g2 = new Float64Array(featureCount * k);
  const b = new Float64Array(k);
  const gb2 = new Float64Array(k);
  const rate = 0.2;
  const epsilon = 1e-8;
  const l2 = settings.l2;
  const random = createRandom(settings.seed);
  const z = new Float64Array(k);
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    const order = shuffledIndices(rows.count, random);
    for (let o = 0; o < order.length; o++) {
      const d = order[o] as number;
      const from = offsets[d] as number;
      const to = offsets[d + 1] as number;
      const label = labels[d] as number;
      let max = -Infinity;
      for (let c = 0; c < k; c++) {
        let s = b[c] as number;
        for (let j = from; j < to; j++) s += (values[j] as number) * (w[(indices[j] as number) * k + c] as number);
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
        const gradient = (z[c] as number) / sum - (c === label ? 1 : 0);
        gb2[c] = (gb2[c] as number) + gradient * gradient;
        b[c] = (b[c] as number) - (rate * gradient) / Math.sqrt((gb2[c] as number) + epsilon);
        for (let j = from; j < to; j++) {
          const at = (indices[j] as number) * k + c;
          const g = gradient * (values[j] as number) + l2 * (w[at] as number);
          g2[at] = (g2[at] as number) + g * g;
          w[at] = (w[at] as number) - (rate * g) / Math.sqrt((g2[at] as number) + epsilon);
        }
      }
    }
  }
  const weights: number[][] = new Array(featureCount);
  for (let f = 0; f < featureCount; f++) weights[f] = Array.from(w.subarray(f * k, f * k + k));
  return { weights, bias: Array.from(b) };
}

/**
 * Two labels: binary logistic regression (the two-class softmax has one free weight per feature), fitted as
 * `fitLogistic` and stored as the equivalent softmax weights `[-w/2, +w/2]`. Cost: O(epochs x nnz).
 */
function fitBinaryLogistic(rows: SparseRows, featureCount: number, settings: TrainSettings): { weights: number[][]; bias: number[] } {
  const { offsets, indices, values, labels } = rows;
  const w = new Float64Array(featureCount);
  const g2 = new Float64Array(featureCount);
  let b = 0;
  let gb2 = 0;
  const rate = 0.2;
  const epsilon = 1e-8;
  const l2 = settings.l2;
  const random = createRandom(settings.seed);
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    const order = shuffledIndices(rows.count, random);
    for (let o = 0; o < order.length; o++) {
      const d = order[o] as number;
      const from = offsets[d] as number;
      const to = offsets[d + 1] as number;
      let z = b;
      for (let j = from; j < to; j++) z += (values[j] as number) * (w[indices[j] as number] as number);
      const p = 1 / (1 + Math.exp(-z));
      const gradient = p - (labels[d] === 1 ? 1 : 0);
      gb2 += gradient * gradient;
      b -= (rate * gradient) / Math.sqrt(gb2 + epsilon);
      for (let j = from; j < to; j++) {
        const at = indices[j] as number;
        const weight = w[at] as number;
        const g = gradient * (values[j] as number) + l2 * weight;
        const squares = (g2[at] as number) + g * g;
        g2[at] = squares;
        w[at] = weight - (rate * g) / Math.sqrt(squares + epsilon);
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
  rows: SparseRows,
  featureCount: number,
  k: number,
  alpha: number,
  complement: boolean,
): { weights: number[][]; bias: number[] } {
  const { offsets, indices, labels } = rows;
  const counts = new Float64Array(featureCount * k);
  const totals = new Float64Array(k);
  const docsPerClass = new Float64Array(k);
  for (let d = 0; d < rows.count; d++) {
    const label = labels[d] as number;
    docsPerClass[label] = (docsPerClass[label] as number) + 1;
    for (let j = offsets[d] as number; j < (offsets[d + 1] as number); j++) {
      const at = (indices[j] as number) * k + label;
      counts[at] = (counts[at] as number) + 1;
      totals[label] = (totals[label] as number) + 1;
    }
  }
  let allTotal = 0;
  for (let c = 0; c < k; c++) allTotal += totals[c] as number;
  const weights: number[][] = new Array(featureCount);
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
    weights[f] = row;
  }
  const bias: number[] = [];
  for (let c = 0; c < k; c++) bias.push(Math.log((docsPerClass[c] as number) / rows.count));
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
  const indexed = indexExamples(where, examples, settings);
  return trainIndexed(indexed, undefined, settings, indexed.rejected, where).model;
}
