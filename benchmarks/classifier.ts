/**
 * Classifier benchmark: 10-fold cross-validation on sentiment-uci (Kotzias et al. 2015) of feedback-miner's
 * trainClassifier beside the rule-based scorer on the same texts and natural's BayesClassifier and
 * LogisticRegressionClassifier, on the same stratified folds, with training times.
 *
 * natural's LogisticRegressionClassifier trains on dense vectors by batch gradient descent and needs minutes for a
 * few hundred documents, so it is compared on a stratified subsample (150 sentences of amazon_cells in a full run,
 * 60 in --quick), where the other classifiers are measured again on the same folds.
 *
 * Times are process CPU time (see `cpuMs`), with the load average printed beside them.
 * - The training-speed figure (one 900-sentence training fold of amazon_cells) runs each trainer in its own child
 *   process, so its own V8 heap, JIT state and CPU clock: in one process, natural's garbage was collected during our
 *   runs (ours 10.7 ms median alone, 14.5 ms with a natural training between two of ours). Rounds are interleaved,
 *   the side that goes first alternating, after the same untimed warm-up rounds for both (ours needs 20 to 30 runs
 *   in a fresh process before its times settle), each training timed with a scavenge of its garbage
 *   (lib/own-process.ts, as the tokenizer and sentiment speed figures); medians with quartiles.
 * - The cross-validation tables run all contenders in this process, fold by fold, the first one rotating (see
 *   `crossValidateAll`); their training totals are indicative only, for the reason above.
 * (A forced full collection before each timed run, to keep one contender's garbage out of another's time, was tried
 * and dropped: after it our training took 130-250 ms instead of 10-20 ms, as if compiled anew.)
 *
 * Run: npx tsx benchmarks/classifier.ts [--quick]. Reads ../shared/data from the repo root; skips when absent.
 * Writes benchmarks/results/classifier.json.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classify } from '../src/sentiment/classify';
import { createRandom, shuffledIndices } from '../src/sentiment/random';
import { scoreSentiment } from '../src/sentiment/scoreSentiment';
import { trainClassifier } from '../src/sentiment/trainClassifier';
import { readUci as readUciFrom } from './lib/dev-data';
import { serveTimedPasses, timeInOwnProcesses } from './lib/own-process';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = resolve(here, '../../shared/data');
const quick = process.argv.includes('--quick');
const require = createRequire(import.meta.url);

interface Row {
  readonly text: string;
  readonly label: string;
}

interface NaturalClassifier {
  addDocument: (text: string, label: string) => void;
  train: () => void;
  classify: (text: string) => string;
}

function readUci(file: string): Row[] {
  return readUciFrom(dataDir, file).map((r) => ({ text: r.text, label: String(r.label) }));
}

/** Stratified folds: each label's rows shuffled with the seed and dealt round-robin. */
function stratifiedFolds(rows: readonly Row[], folds: number, seed: number): number[] {
  const random = createRandom(seed);
  const foldOf = new Array<number>(rows.length).fill(0);
  let dealt = 0;
  for (const label of [...new Set(rows.map((r) => r.label))].sort()) {
    const members = rows.flatMap((r, i) => (r.label === label ? [i] : []));
    for (const m of shuffledIndices(members.length, random)) foldOf[members[m] as number] = dealt++ % folds;
  }
  return foldOf;
}

function subsample(rows: readonly Row[], size: number, seed: number): Row[] {
  const random = createRandom(seed);
  const out: Row[] = [];
  for (const label of [...new Set(rows.map((r) => r.label))].sort()) {
    const members = rows.filter((r) => r.label === label);
    const order = shuffledIndices(members.length, random);
    for (const i of order.slice(0, Math.floor(size / 2))) out.push(members[i] as Row);
  }
  return out;
}

interface Result {
  accuracy: number;
  trainMs: number;
  classifyMs: number;
}

type Contender = (train: readonly Row[], test: readonly Row[]) => { predicted: string[]; trainMs: number; classifyMs: number };

/**
 * Process CPU time in ms: the timer of every contender. On the shared 2-core machine wall time moved with the load
 * (the same 10 folds took 205 ms in one run, 858 ms in another); CPU time of this single-threaded work moves much less.
 */
function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

const ours: Contender = (train, test) => {
  const t0 = cpuMs();
  const model = trainClassifier(train, { seed: 42 });
  const t1 = cpuMs();
  const predicted = test.map((r) => classify(model, r.text).label);
  return { predicted, trainMs: t1 - t0, classifyMs: cpuMs() - t1 };
};

function natural(path: string): Contender {
  const Classifier = require(path) as new () => NaturalClassifier;
  return (train, test) => {
    const t0 = cpuMs();
    const classifier = new Classifier();
    for (const r of train) classifier.addDocument(r.text, r.label);
    classifier.train();
    const t1 = cpuMs();
    const predicted = test.map((r) => classifier.classify(r.text));
    return { predicted, trainMs: t1 - t0, classifyMs: cpuMs() - t1 };
  };
}

const ruleBased: Contender = (_train, test) => {
  const t0 = cpuMs();
  const predicted = test.map((r) => (scoreSentiment(r.text).score > 0 ? '1' : '0'));
  return { predicted, trainMs: 0, classifyMs: cpuMs() - t0 };
};

/**
 * Cross-validates several contenders on the same stratified folds, fold by fold: every contender trains and predicts
 * on fold 0, then on fold 1, and so on, the one that goes first rotating. Run one contender's folds after another's
 * and a collection of the previous one's garbage lands on the next one's first folds: our 150-sentence subsample
 * folds, run right after natural's, took 9.7 ms each instead of 0.6 ms.
 */
function crossValidateAll<K extends string>(rows: readonly Row[], folds: number, contenders: Readonly<Record<K, Contender>>): Record<K, Result> {
  const foldOf = stratifiedFolds(rows, folds, 42);
  const names = Object.keys(contenders) as K[];
  const results = {} as Record<K, Result>;
  const correct = new Map<K, number>(names.map((name) => [name, 0]));
  for (const name of names) results[name] = { accuracy: 0, trainMs: 0, classifyMs: 0 };
  for (let fold = 0; fold < folds; fold++) {
    const train = rows.filter((_, i) => foldOf[i] !== fold);
    const test = rows.filter((_, i) => foldOf[i] === fold);
    for (let k = 0; k < names.length; k++) {
      const name = names[(fold + k) % names.length] as K;
      const out = contenders[name](train, test);
      out.predicted.forEach((p, i) => {
        if (p === test[i]?.label) correct.set(name, (correct.get(name) as number) + 1);
      });
      results[name].trainMs += out.trainMs;
      results[name].classifyMs += out.classifyMs;
    }
  }
  for (const name of names) results[name].accuracy = (correct.get(name) as number) / rows.length;
  return results;
}

function fmt(value: number, digits = 3): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

async function main(): Promise<void> {
  if (!existsSync(join(dataDir, 'sentiment-uci'))) {
    console.log(`classifier benchmark: dev data not found at ${dataDir}; skipped`);
    return;
  }
  const files = quick ? ['amazon_cells'] : ['amazon_cells', 'yelp', 'imdb'];
  const folds = 10;
  const bayes = natural('natural/lib/natural/classifiers/bayes_classifier.js');
  const logistic = natural('natural/lib/natural/classifiers/logistic_regression_classifier.js');
  const results: Record<string, Record<string, Result>> = {};
  // Warm up every contender alike (JIT tiers, lexicon compilation) before anything is timed, on full-size training
  // sets of every file: a warm-up on one file left the first timed file running unoptimised code (measured: the
  // first 10 amazon_cells folds took 708 ms of CPU after a yelp-only warm-up, 231-247 ms when run again).
  // Then both trainers alike, interleaved, on one 900-sentence training fold: in a fresh process our training took
  // 378, 74, 157, 52, 47, 39, 28, 20 ... ms and settled at 8-9 ms only after 20 to 30 runs (JIT tiers).
  for (const file of files) {
    const warm = readUci(file);
    crossValidateAll(warm, 3, { ours, ruleBased, bayes });
  }
  const warmTrain = speedTrainingSet();
  for (let round = 0; round < (quick ? 4 : WARM_ROUNDS); round++) {
    ours(warmTrain, []);
    bayes(warmTrain, []);
  }
  console.log(`\n## Classifier, ${folds}-fold cross-validation on sentiment-uci (${quick ? 'quick' : 'full'} run)\n`);
  console.log('| data | classifier | accuracy | training CPU ms (all folds) | training speed ratio (natural / feedback-miner) |');
  console.log('|---|---|---|---|---|');
  const report = (data: string, name: string, r: Result, oursResult: Result | undefined): void => {
    const ratio = oursResult !== undefined && name.startsWith('natural') ? fmt(r.trainMs / oursResult.trainMs, 1) + 'x' : '';
    console.log(`| ${data} | ${name} | ${fmt(r.accuracy)} | ${name.startsWith('rule') ? '-' : Math.round(r.trainMs)} | ${ratio} |`);
  };
  for (const file of files) {
    const rows = readUci(file);
    const { mine, rules, nb } = crossValidateAll(rows, folds, { mine: ours, rules: ruleBased, nb: bayes });
    results[file] = { 'feedback-miner trainClassifier': mine, 'rule-based scoreSentiment': rules, 'natural BayesClassifier': nb };
    report(file, 'feedback-miner trainClassifier (logistic)', mine, mine);
    report(file, 'rule-based scoreSentiment (score > 0)', rules, mine);
    report(file, 'natural BayesClassifier', nb, mine);
  }
  // natural's logistic regression on a subsample, with the others on the same folds.
  const size = quick ? 60 : 150;
  const subFolds = quick ? 3 : 10;
  const sample = subsample(readUci('amazon_cells'), size, 7);
  const data = `amazon_cells, ${size}-sentence subsample, ${subFolds} folds`;
  const sub = crossValidateAll(sample, subFolds, { mine: ours, rules: ruleBased, nb: bayes, lr: logistic });
  const { mine: subMine, rules: subRules, nb: subNb, lr: subLr } = sub;
  results[data] = {
    'feedback-miner trainClassifier': subMine,
    'rule-based scoreSentiment': subRules,
    'natural BayesClassifier': subNb,
    'natural LogisticRegressionClassifier': subLr,
  };
  report(data, 'feedback-miner trainClassifier (logistic)', subMine, subMine);
  report(data, 'rule-based scoreSentiment (score > 0)', subRules, subMine);
  report(data, 'natural BayesClassifier', subNb, subMine);
  report(data, 'natural LogisticRegressionClassifier', subLr, subMine);

  // Training speed on one 900-sentence training fold, each trainer in its own process (see the file comment).
  const speedTrain = speedTrainingSet();
  const speedRounds = quick ? 9 : 21;
  // --quick warms each trainer 10 times instead of 30 (bench:quick's budget): its figure is indicative only.
  const warmRounds = quick ? 10 : WARM_ROUNDS;
  // Index 0 ours, 1 natural's (TRAINERS); warm-up rounds interleaved like the timed ones (lib/own-process.ts).
  const timed = await timeInOwnProcesses(fileURLToPath(import.meta.url), 'FM_CLASSIFIER_TRAINER', [0, 1], speedRounds, warmRounds);
  const [oursMs, bayesMs] = timed.cpuMs as [number[], number[]];
  const quantile = (v: readonly number[], q: number): number => {
    const sorted = [...v].sort((a, b) => a - b);
    const at = q * (sorted.length - 1);
    const low = Math.floor(at);
    const high = Math.ceil(at);
    return (sorted[low] as number) + ((sorted[high] as number) - (sorted[low] as number)) * (at - low);
  };
  const pairedRatios = bayesMs.map((b, i) => b / (oursMs[i] as number));
  const trainingSpeed = {
    trainingDocuments: speedTrain.length,
    warmRounds,
    rounds: speedRounds,
    feedbackMinerMs: quantile(oursMs, 0.5),
    naturalBayesMs: quantile(bayesMs, 0.5),
    ratio: quantile(bayesMs, 0.5) / quantile(oursMs, 0.5),
    feedbackMinerQuartilesMs: [quantile(oursMs, 0.25), quantile(oursMs, 0.75)],
    naturalBayesQuartilesMs: [quantile(bayesMs, 0.25), quantile(bayesMs, 0.75)],
    pairedRatioQuartiles: [quantile(pairedRatios, 0.25), quantile(pairedRatios, 0.75)],
    feedbackMinerRoundsMs: oursMs,
    naturalBayesRoundsMs: bayesMs,
  };
  const range = (q: readonly number[], digits: number): string => q.map((x) => fmt(x, digits)).join('-');
  console.log(`\nLoad average ${loadavg().map((l) => l.toFixed(2)).join(' ')} (2 cores, shared).`);
  console.log(
    `\nTraining on ${speedTrain.length} sentences (CPU time, each trainer in its own process, ${speedRounds} interleaved rounds after ${warmRounds} untimed; median [quartiles]): ` +
      `feedback-miner ${fmt(trainingSpeed.feedbackMinerMs, 1)} ms [${range(trainingSpeed.feedbackMinerQuartilesMs, 1)}], ` +
      `natural BayesClassifier ${fmt(trainingSpeed.naturalBayesMs, 0)} ms [${range(trainingSpeed.naturalBayesQuartilesMs, 0)}], ` +
      `ratio ${fmt(trainingSpeed.ratio, 1)}x (per round [${range(trainingSpeed.pairedRatioQuartiles, 1)}]) (target 10x: ${trainingSpeed.ratio >= 10 ? 'MET' : 'MISSED'})`,
  );

  console.log('\nTargets (issue 3): above the rule-based scorer and both natural classifiers, training >= 10x faster.');
  for (const [dataName, r] of Object.entries(results)) {
    const m = r['feedback-miner trainClassifier'] as Result;
    const checks = Object.entries(r)
      .filter(([name]) => name !== 'feedback-miner trainClassifier')
      .map(([name, other]) => {
        const above = m.accuracy > other.accuracy;
        const speed = name.startsWith('natural') ? other.trainMs / m.trainMs : Infinity;
        return `${name}: ${above ? 'above' : 'NOT above'}${Number.isFinite(speed) ? `, ${fmt(speed, 1)}x faster training in the folds` : ''}`;
      });
    console.log(`- ${dataName}: ${checks.join('; ')}`);
  }
  const resultsDir = join(here, 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'classifier.json'), `${JSON.stringify({ quick, folds, results, trainingSpeed }, null, 2)}\n`);
  console.log(`\nwrote ${join(resultsDir, 'classifier.json')}`);
}

/** Untimed trainings of each side before any timed one (ours needs 20 to 30 in a fresh process). */
const WARM_ROUNDS = 30;

/** The speed figure's training set: fold 0 of amazon_cells' 10 stratified folds left out (900 sentences). */
function speedTrainingSet(): Row[] {
  const rows = readUci('amazon_cells');
  const foldOf = stratifiedFolds(rows, 10, 42);
  return rows.filter((_, i) => foldOf[i] !== 0);
}

/** The trainers of the speed figure, by index. */
const TRAINERS = ['feedback-miner', 'natural'] as const;

/** A child process of the speed figure: one timed training on `speedTrainingSet` per pass (lib/own-process.ts). */
function serveTrainer(index: number): void {
  const rows = speedTrainingSet();
  const Bayes = require('natural/lib/natural/classifiers/bayes_classifier.js') as new () => NaturalClassifier;
  const train =
    TRAINERS[index] === 'feedback-miner'
      ? (): unknown => trainClassifier(rows, { seed: 42 })
      : (): unknown => {
          const classifier = new Bayes();
          for (const r of rows) classifier.addDocument(r.text, r.label);
          classifier.train();
          return classifier;
        };
  serveTimedPasses(() => {
    train();
    return 1;
  });
}

const trainerRole = process.env.FM_CLASSIFIER_TRAINER;
if (trainerRole !== undefined) serveTrainer(Number(trainerRole));
else await main();
