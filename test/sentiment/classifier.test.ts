import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FeedbackMinerError } from '../../src/errors';
import { classify, crossValidate, evaluateLabels, trainClassifier } from '../../src/sentiment';
import type { ClassifierModel, LabelledText } from '../../src/sentiment';
import { textFeatures, Vocabulary } from '../../src/sentiment/features';
import { createRandom, shuffledIndices } from '../../src/sentiment/random';

function thrown(f: () => unknown): FeedbackMinerError {
  try {
    f();
  } catch (error) {
    if (error instanceof FeedbackMinerError) return error;
    throw error;
  }
  throw new Error('expected a FeedbackMinerError');
}

// A small topic set (reasons for contact), written for this test.
const examples: readonly LabelledText[] = Object.freeze(
  [
    ['my parcel has not arrived yet', 'delivery'],
    ['the courier never came', 'delivery'],
    ['tracking shows no update for a week', 'delivery'],
    ['delivery is late again', 'delivery'],
    ['package delayed at the depot', 'delivery'],
    ['where is my parcel', 'delivery'],
    ['I was charged twice for one order', 'billing'],
    ['the invoice amount is wrong', 'billing'],
    ['please refund the extra fee', 'billing'],
    ['my card was charged but no order', 'billing'],
    ['why is there a fee on my invoice', 'billing'],
    ['billing error on my account', 'billing'],
    ['the blender broke after two days', 'quality'],
    ['screen cracked on first use', 'quality'],
    ['the fabric tore after one wash', 'quality'],
    ['the handle broke off', 'quality'],
    ['poor build, it feels cheap', 'quality'],
    ['the motor stopped working', 'quality'],
  ].map(([text, label]) => Object.freeze({ text: text as string, label: label as string })),
);

describe('trainClassifier(examples) / classify(model, text)', () => {
  it('classify(model, text) finds the topic with probabilities summing to 1', () => {
    for (const method of ['logistic', 'naive-bayes', 'complement-nb'] as const) {
      const model = trainClassifier(examples, { method });
      expect(model.labels).toEqual(['billing', 'delivery', 'quality']);
      const a = classify(model, 'the courier is late, no parcel');
      expect(a.label, method).toBe('delivery');
      expect(Object.values(a.probabilities).reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
      expect(classify(model, 'charged a fee twice on the invoice').label, method).toBe('billing');
      expect(classify(model, 'it broke, cheap build').label, method).toBe('quality');
    }
  });

  it('trainClassifier(examples, { seed }) is deterministic and the model survives JSON', () => {
    const a = trainClassifier(examples, { seed: 7 });
    const b = trainClassifier(examples, { seed: 7 });
    expect(a).toEqual(b);
    const restored = JSON.parse(JSON.stringify(a)) as ClassifierModel;
    expect(restored.version).toBe(1);
    expect(classify(restored, 'where is my parcel')).toEqual(classify(a, 'where is my parcel'));
    expect(examples[0]).toEqual({ text: 'my parcel has not arrived yet', label: 'delivery' });
  });

  it('naive Bayes weights are smoothed log probabilities (hand computed)', () => {
    // Two one-word documents, no bigrams, no lexicon features, alpha = 1: vocabulary {w:up, w:down},
    // P(up | a) = (1 + 1) / (1 + 2) = 2/3, P(down | a) = (0 + 1) / (1 + 2) = 1/3; priors 1/2.
    const model = trainClassifier(
      [
        { text: 'up', label: 'a' },
        { text: 'down', label: 'b' },
      ],
      { method: 'naive-bayes', bigrams: false, lexiconScore: false },
    );
    expect(model.features).toEqual(['w:up', 'w:down']);
    expect(model.weights[0]?.[0]).toBeCloseTo(Math.log(2 / 3), 12);
    expect(model.weights[1]?.[0]).toBeCloseTo(Math.log(1 / 3), 12);
    expect(model.bias).toEqual([Math.log(0.5), Math.log(0.5)]);
    // Posterior of 'up' under a: (1/2)(2/3) / ((1/2)(2/3) + (1/2)(1/3)) = 2/3.
    expect(classify(model, 'up').probabilities.a).toBeCloseTo(2 / 3, 12);
  });

  it('trainClassifier(examples, { minCount }) keeps features of at least minCount texts, and every lexicon feature', () => {
    const rows: LabelledText[] = [
      { text: 'late again', label: 'neg' },
      { text: 'late', label: 'neg' },
      { text: 'great', label: 'pos' },
      { text: 'great again, thanks', label: 'pos' },
    ];
    const options = { bigrams: false, lexiconScore: true, minCount: 1 };
    const lexicon = new Set(rows.flatMap((r) => [...textFeatures(r.text, options).keys()].filter((f) => f.startsWith('lex:'))));
    const model = trainClassifier(rows, { bigrams: false, minCount: 2 });
    // Seen in two texts: late, again, great; 'thanks' in one. Lexicon features whatever their count.
    expect(model.features.filter((f) => !f.startsWith('lex:'))).toEqual(['w:late', 'w:again', 'w:great']);
    expect(new Set(model.features.filter((f) => f.startsWith('lex:')))).toEqual(lexicon);
    expect(model.weights).toHaveLength(model.features.length);
    // Naive Bayes models counts: it leaves out the real-valued lexicon features, keeps the label indicators.
    const bayes = trainClassifier(rows, { bigrams: false, method: 'naive-bayes' });
    expect(bayes.features.filter((f) => f.startsWith('lex:'))).toEqual([...lexicon].filter((f) => f.startsWith('lex:label=')));
    expect(bayes.features.filter((f) => !f.startsWith('lex:'))).toEqual(['w:late', 'w:again', 'w:great', 'w:thanks']);
  });

  it('trainClassifier(examples) skips and reports bad rows', () => {
    const model = trainClassifier([...examples, { text: '  ', label: 'delivery' }, { text: 'x' } as unknown as LabelledText, null as unknown as LabelledText]);
    expect(model.examples).toBe(examples.length);
    expect(model.rejected).toEqual([
      { row: examples.length, field: 'text', reason: 'empty text' },
      { row: examples.length + 1, field: 'label', reason: 'not a non-empty string' },
      { row: examples.length + 2, field: 'example', reason: 'not an object' },
    ]);
  });

  it('trainClassifier([]) / one class / bad options throw with stable codes', () => {
    const empty = thrown(() => trainClassifier([]));
    expect(empty.code).toBe('EMPTY_INPUT');
    expect(empty.message).toBe('trainClassifier: expected examples to be a non-empty array, found an array of 0');
    const one = thrown(() => trainClassifier([{ text: 'a', label: 'x' }, { text: 'b', label: 'x' }]));
    expect(one.code).toBe('INSUFFICIENT_DATA');
    expect(one.message).toBe('trainClassifier: expected examples with at least 2 distinct labels, found 1 ("x")');
    const none = thrown(() => trainClassifier([{ text: '', label: 'x' }]));
    expect(none.code).toBe('EMPTY_INPUT');
    const notArray = thrown(() => trainClassifier('x' as unknown as LabelledText[]));
    expect(notArray.code).toBe('INVALID_ARGUMENT');
    const method = thrown(() => trainClassifier(examples, { method: 'svm' as 'logistic' }));
    expect(method.message).toBe('trainClassifier: expected options.method to be one of logistic, naive-bayes, complement-nb, found "svm"');
  });

  it('classify(model of another version, text) throws INVALID_MODEL', () => {
    const model = trainClassifier(examples);
    const other = thrown(() => classify({ ...model, version: 2 }, 'x'));
    expect(other.code).toBe('INVALID_MODEL');
    expect(other.message).toBe('classify: expected model.version to be 1, found 2');
    expect(thrown(() => classify({} as ClassifierModel, 'x')).code).toBe('INVALID_MODEL');
    expect(thrown(() => classify(model, 5 as unknown as string)).code).toBe('INVALID_ARGUMENT');
  });

  it('classify(model, text) probabilities are in [0, 1] for any text', () => {
    const model = trainClassifier(examples, { method: 'naive-bayes' });
    fc.assert(
      fc.property(fc.string(), (text) => {
        const { probabilities } = classify(model, text);
        for (const p of Object.values(probabilities)) {
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
        }
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});

describe('crossValidate(examples, { folds, seed })', () => {
  it('crossValidate(examples, { folds: 3, seed }) reports accuracy, per-class metrics and a confusion matrix', () => {
    const r = crossValidate(examples, { folds: 3, seed: 3 });
    expect(r.folds).toBe(3);
    expect(r.labels).toEqual(['billing', 'delivery', 'quality']);
    const total = r.confusion.flat().reduce((s, n) => s + n, 0);
    expect(total).toBe(examples.length);
    expect(r.perClass.map((c) => c.support)).toEqual([6, 6, 6]);
    expect(r.accuracy).toBeGreaterThan(0.5);
    expect(crossValidate(examples, { folds: 3, seed: 3 })).toEqual(r);
  });

  it('crossValidate(examples, options) equals training trainClassifier on the other folds and classifying the held-out texts', () => {
    // The folds dealt as documented: each label's examples (labels sorted) shuffled with the seed, dealt round-robin.
    // 'lonely' has one example: the models of its fold never saw it, so it is never predicted right.
    const rows: LabelledText[] = [...examples, { text: 'a lonely example about nothing', label: 'lonely' }];
    for (const options of [
      { folds: 4, seed: 5 },
      { folds: 3, seed: 2, minCount: 2, method: 'naive-bayes' as const },
      { folds: 5, seed: 9, bigrams: false, method: 'complement-nb' as const },
    ]) {
      const { folds, seed, ...trainOptions } = options;
      const random = createRandom(seed);
      const foldOf = new Array<number>(rows.length).fill(0);
      let dealt = 0;
      for (const label of [...new Set(rows.map((r) => r.label))].sort()) {
        const members = rows.flatMap((r, i) => (r.label === label ? [i] : []));
        for (const m of shuffledIndices(members.length, random)) foldOf[members[m] as number] = dealt++ % folds;
      }
      const truth: string[] = [];
      const predicted: string[] = [];
      for (let fold = 0; fold < folds; fold++) {
        const model = trainClassifier(
          rows.filter((_, i) => foldOf[i] !== fold),
          { ...trainOptions, seed },
        );
        rows.forEach((r, i) => {
          if (foldOf[i] !== fold) return;
          truth.push(r.label);
          predicted.push(classify(model, r.text).label);
        });
      }
      const expected = evaluateLabels(truth, predicted);
      const r = crossValidate(rows, options);
      expect(r.confusion, JSON.stringify(options)).toEqual(expected.confusion);
      expect(r.accuracy).toBe(expected.accuracy);
      expect(r.perClass.find((c) => c.label === 'lonely')?.recall).toBe(0);
    }
  });

  it('crossValidate(examples, { folds }) rejects impossible folds', () => {
    const one = thrown(() => crossValidate(examples, { folds: 1 }));
    expect(one.code).toBe('INVALID_OPTION');
    expect(one.message).toBe('crossValidate: expected options.folds to be an integer >= 2, found 1');
    const many = thrown(() => crossValidate(examples, { folds: 40 }));
    expect(many.message).toBe('crossValidate: expected options.folds to be an integer from 2 to 18, found 40');
  });

  it('evaluateLabels(truth, predicted) matches a hand-worked confusion matrix', () => {
    // truth a a b b, predicted a b b b: a has P 1, R 1/2, F1 2/3; b has P 2/3, R 1, F1 4/5; macro-F1 11/15.
    const r = evaluateLabels(['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b']);
    expect(r.accuracy).toBe(0.75);
    expect(r.confusion).toEqual([
      [1, 1],
      [0, 2],
    ]);
    expect(r.perClass[0]).toMatchObject({ label: 'a', precision: 1, recall: 0.5, support: 2 });
    expect(r.perClass[0]?.f1).toBeCloseTo(2 / 3, 12);
    expect(r.perClass[1]?.f1).toBeCloseTo(0.8, 12);
    expect(r.macroF1).toBeCloseTo(11 / 15, 12);
  });
});

describe('Vocabulary.index(text, options) (the classifier features of a text)', () => {
  const options = { bigrams: true, lexiconScore: true, minCount: 1 };

  function named(vocabulary: Vocabulary, doc: number): [string, number][] {
    const { index, value } = vocabulary.features(doc);
    return [...index].map((id, k) => [vocabulary.names[id] as string, value[k] as number]);
  }

  it('gives the features of textFeatures, and keeps them while later documents grow the tables', () => {
    const vocabulary = new Vocabulary();
    const texts = [
      'Not good at all, the courier never came!',
      'Great price, fast delivery',
      // A plain norm "NOT_good" names the same feature as a negated "good"; "not_bad" is lower case, another word.
      'NOT_good? not_bad. Not good',
    ];
    const first = texts.map((t) => vocabulary.index(t, options));
    expect(first).toEqual([0, 1, 2]);
    // 3,000 documents of 12 distinct words and their bigrams: over 60,000 features, the norm and pair tables rehashed.
    for (let d = 0; d < 3000; d++) {
      const words = Array.from({ length: 12 }, (_, w) => `w${d}x${w}`);
      vocabulary.index(words.join(' '), options);
    }
    expect(vocabulary.documents).toBe(3003);
    texts.forEach((text, i) => {
      expect(named(vocabulary, first[i] as number)).toEqual([...textFeatures(text, options)]);
    });
    expect(named(vocabulary, 3002)).toEqual([...textFeatures('w2999x0 w2999x1 w2999x2 w2999x3 w2999x4 w2999x5 w2999x6 w2999x7 w2999x8 w2999x9 w2999x10 w2999x11', options)]);
  });

  it('names every feature once, in first-seen order, and counts the documents that have it', () => {
    const vocabulary = new Vocabulary();
    const texts = ['late again, late', 'not late', 'late again'];
    for (const text of texts) vocabulary.index(text, { bigrams: true, lexiconScore: false, minCount: 1 });
    expect(vocabulary.names).toEqual(['w:late', 'w:again', 'b:late again', 'w:not', 'w:NOT_late', 'b:not late']);
    expect([...vocabulary.frequency.subarray(0, vocabulary.size)]).toEqual([2, 2, 2, 1, 1, 1]);
  });
});
