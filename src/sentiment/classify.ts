import { assertString, fail, FeedbackMinerError } from '../errors';
import { textFeatures } from './features';
import { CLASSIFIER_VERSION } from './trainClassifier';
import type { Classification, ClassifierModel } from './types';

const indexCache = new WeakMap<object, Map<string, number>>();

/** Checks that a value is a classifier model of this version. @internal */
export function assertModel(where: string, model: unknown): asserts model is ClassifierModel {
  if (model === null || typeof model !== 'object' || Array.isArray(model)) {
    fail('INVALID_MODEL', where, 'model', 'a classifier model object', model);
  }
  const m = model as Partial<ClassifierModel>;
  if (m.kind !== 'feedback-miner/classifier') fail('INVALID_MODEL', where, 'model.kind', '"feedback-miner/classifier"', m.kind);
  if (m.version !== CLASSIFIER_VERSION) fail('INVALID_MODEL', where, 'model.version', String(CLASSIFIER_VERSION), m.version);
  const ok =
    Array.isArray(m.labels) &&
    m.labels.length >= 2 &&
    Array.isArray(m.features) &&
    Array.isArray(m.weights) &&
    m.weights.length === m.features.length &&
    Array.isArray(m.bias) &&
    m.bias.length === m.labels.length &&
    m.featureOptions !== undefined &&
    (m.method === 'logistic' || m.method === 'naive-bayes' || m.method === 'complement-nb');
  if (!ok) {
    throw new FeedbackMinerError('INVALID_MODEL', `${where}: expected model to have labels, features, weights and bias of matching sizes`, { where });
  }
}

/** Scores a feature map with a model: softmax of the linear scores. @internal */
export function classifyFeatures(model: ClassifierModel, features: ReadonlyMap<string, number>): Classification {
  let index = indexCache.get(model);
  if (index === undefined) {
    index = new Map(model.features.map((name, i) => [name, i]));
    indexCache.set(model, index);
  }
  const k = model.labels.length;
  const scores = model.bias.slice();
  for (const [name, value] of features) {
    const f = index.get(name);
    if (f === undefined) continue;
    const row = model.weights[f] as readonly number[];
    const x = value;
    for (let c = 0; c < k; c++) scores[c] = (scores[c] as number) + x * (row[c] as number);
  }
  let max = -Infinity;
  let best = 0;
  for (let c = 0; c < k; c++) {
    if ((scores[c] as number) > max) {
      max = scores[c] as number;
      best = c;
    }
  }
  let sum = 0;
  const exp = scores.map((s) => {
    const e = Math.exp(s - max);
    sum += e;
    return e;
  });
  const probabilities: Record<string, number> = {};
  model.labels.forEach((label, c) => {
    probabilities[label] = (exp[c] as number) / sum;
  });
  return { label: model.labels[best] as string, probabilities };
}

/**
 * Labels a text with a model from `trainClassifier`, with the probability of each label (softmax of the model's
 * linear scores: calibrated for 'logistic', the naive Bayes posterior for 'naive-bayes', a relative score for
 * 'complement-nb'). Empty text gets the model's prior. Ties go to the first label in sorted order.
 *
 * Cost: O(n + f x k) for n characters, f features of the text and k labels.
 *
 * @throws FeedbackMinerError INVALID_ARGUMENT when `text` is not a string; INVALID_MODEL when `model` is not a
 *   classifier model of this version (`model.version` must be 1).
 * @example
 * classify(model, 'still waiting for my refund').label // => 'neg'
 */
export function classify(model: ClassifierModel, text: string): Classification {
  assertModel('classify', model);
  assertString('classify', 'text', text);
  return classifyFeatures(model, textFeatures(text, model.featureOptions));
}
