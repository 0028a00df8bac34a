import { assertArray, assertOptions, fail, FeedbackMinerError } from '../errors';
import type { Rejected } from '../records';
import { createRandom, shuffledIndices } from './random';
import type { Vocabulary } from './features';
import { indexExamples, readTrainOptions, trainIndexed } from './trainClassifier';
import type { ClassifierModel, ClassMetrics, Evaluation, LabelledText, TrainOptions } from './types';

/** Options of `crossValidate`: the folds and the seed, plus any `trainClassifier` option. */
export interface CrossValidateOptions extends TrainOptions {
  /** Number of folds, an integer >= 2 and at most the number of usable examples (default 10). */
  readonly folds?: number;
}

/**
 * Accuracy, macro-F1, per-class precision / recall / F1 and the confusion matrix of predicted labels against
 * true ones (`labels` sorted; `confusion[i][j]` counts true `labels[i]` predicted as `labels[j]`). F1 of a class
 * with no prediction and no support is 0 (as scikit-learn's `zero_division=0`).
 *
 * Cost: O(n + k^2).
 * @throws FeedbackMinerError INVALID_ARGUMENT when the arrays are not arrays of strings of one length.
 * @example
 * evaluateLabels(['a', 'a', 'b'], ['a', 'b', 'b']).accuracy // => 0.6666666666666666
 */
export function evaluateLabels(truth: readonly string[], predicted: readonly string[]): Evaluation {
  const where = 'evaluateLabels';
  assertArray(where, 'truth', truth);
  assertArray(where, 'predicted', predicted);
  if (truth.length !== predicted.length) {
    fail('INVALID_ARGUMENT', where, 'predicted', `an array of ${truth.length} labels`, predicted);
  }
  return evaluate(truth, predicted, 1, []);
}

function evaluate(truth: readonly string[], predicted: readonly string[], folds: number, rejected: readonly Rejected[]): Evaluation {
  const labels = [...new Set([...truth, ...predicted])].sort();
  const at = new Map(labels.map((l, i) => [l, i]));
  const confusion = labels.map(() => labels.map(() => 0));
  let correct = 0;
  for (let i = 0; i < truth.length; i++) {
    const t = at.get(truth[i] as string) as number;
    const p = at.get(predicted[i] as string) as number;
    (confusion[t] as number[])[p] = ((confusion[t] as number[])[p] as number) + 1;
    if (t === p) correct++;
  }
  const perClass: ClassMetrics[] = labels.map((label, i) => {
    const tp = (confusion[i] as number[])[i] as number;
    let predictedCount = 0;
    let support = 0;
    for (let j = 0; j < labels.length; j++) {
      predictedCount += (confusion[j] as number[])[i] as number;
      support += (confusion[i] as number[])[j] as number;
    }
    const precision = predictedCount === 0 ? 0 : tp / predictedCount;
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, precision, recall, f1, support };
  });
  const withSupport = perClass.filter((c) => c.support > 0);
  const macroF1 = withSupport.length === 0 ? 0 : withSupport.reduce((s, c) => s + c.f1, 0) / withSupport.length;
  return {
    accuracy: truth.length === 0 ? 0 : correct / truth.length,
    macroF1,
    perClass,
    labels,
    confusion,
    folds,
    rejected: [...rejected],
  };
}

/** The best label of indexed document `doc` (the argmax of `classify`'s scores; ties to the first label). */
function predictIndexed(model: ClassifierModel, remap: Int32Array, vocabulary: Vocabulary, doc: number): string {
  const k = model.labels.length;
  const scores = model.bias.slice();
  const { ids, values } = vocabulary;
  const to = vocabulary.offsets[doc + 1] as number;
  for (let j = vocabulary.offsets[doc] as number; j < to; j++) {
    const f = remap[ids[j] as number] as number;
    if (f < 0) continue;
    const row = model.weights[f] as readonly number[];
    const x = values[j] as number;
    for (let c = 0; c < k; c++) scores[c] = (scores[c] as number) + x * (row[c] as number);
  }
  let best = 0;
  for (let c = 1; c < k; c++) if ((scores[c] as number) > (scores[best] as number)) best = c;
  return model.labels[best] as string;
}

/**
 * Stratified k-fold cross-validation of `trainClassifier` (Kohavi 1995, "A study of cross-validation and
 * bootstrap for accuracy estimation and model selection", IJCAI): the usable examples of each label are shuffled
 * with `seed` and dealt round-robin to `folds` folds; each fold is predicted by a model trained on the others.
 * Features are extracted once. Deterministic for a seed.
 *
 * Cost: folds x the cost of `trainClassifier` on (folds - 1) / folds of the examples.
 *
 * @returns accuracy, macro-F1 (over labels with support), per-class precision / recall / F1, the confusion
 *   matrix, and the examples skipped as bad data.
 * @throws FeedbackMinerError INVALID_ARGUMENT when `examples` is not an array; EMPTY_INPUT when no example is
 *   usable; INSUFFICIENT_DATA when fewer than 2 labels; INVALID_OPTION for a bad option (folds < 2 or more
 *   folds than usable examples).
 * @example
 * crossValidate(examples, { folds: 10, seed: 42 }).accuracy // => 0.91 (depends on the examples)
 */
export function crossValidate(examples: readonly LabelledText[], options?: CrossValidateOptions): Evaluation {
  const where = 'crossValidate';
  assertArray(where, 'examples', examples);
  assertOptions(where, options);
  const { folds: foldsOption, ...trainOptions } = options ?? {};
  const settings = readTrainOptions(where, trainOptions);
  const folds = foldsOption ?? 10;
  if (typeof folds !== 'number' || !Number.isInteger(folds) || folds < 2) {
    fail('INVALID_OPTION', where, 'options.folds', 'an integer >= 2', folds);
  }
  const indexed = indexExamples(where, examples, settings);
  const { vocabulary, labels, labelOf, rejected } = indexed;
  const count = vocabulary.documents;
  if (count === 0) {
    throw new FeedbackMinerError('EMPTY_INPUT', `${where}: expected examples to contain at least one usable { text, label }, found none`, { where });
  }
  if (folds > count) fail('INVALID_OPTION', where, 'options.folds', `an integer from 2 to ${count}`, folds);
  if (labels.length < 2) {
    throw new FeedbackMinerError(
      'INSUFFICIENT_DATA',
      `${where}: expected examples with at least 2 distinct labels, found 1 (${JSON.stringify(labels[0])})`,
      { where },
    );
  }
  // Stratified assignment: shuffle each label's examples, deal them round-robin, continuing across labels.
  const random = createRandom(settings.seed);
  const foldOf = new Int32Array(count);
  let dealt = 0;
  for (let label = 0; label < labels.length; label++) {
    const members: number[] = [];
    for (let d = 0; d < count; d++) if (labelOf[d] === label) members.push(d);
    for (const m of shuffledIndices(members.length, random)) foldOf[members[m] as number] = dealt++ % folds;
  }
  const truth: string[] = [];
  const predicted: string[] = [];
  for (let fold = 0; fold < folds; fold++) {
    let trainCount = 0;
    for (let d = 0; d < count; d++) if (foldOf[d] !== fold) trainCount++;
    const train = new Int32Array(trainCount);
    for (let d = 0, at = 0; d < count; d++) if (foldOf[d] !== fold) train[at++] = d;
    const { model, remap } = trainIndexed(indexed, train, settings, [], where);
    for (let d = 0; d < count; d++) {
      if (foldOf[d] !== fold) continue;
      truth.push(labels[labelOf[d] as number] as string);
      predicted.push(predictIndexed(model, remap, vocabulary, d));
    }
  }
  return evaluate(truth, predicted, folds, rejected);
}
