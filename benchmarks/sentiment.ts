/**
 * Sentiment benchmark: feedback-miner's rule-based scorer beside the anchor libraries, measured in one run.
 *
 * - sentiment-uci (Kotzias et al. 2015): binary accuracy per file, score > 0 counts as positive.
 * - absa-restaurants (SemEval-2014 task 4): sentence 3-class macro-F1 on sentences with exactly one aspect
 *   category, not "conflict"; aspect-term 3-class macro-F1 (anchors give each term its sentence's label;
 *   feedback-miner uses aspectSentiment with the term).
 * - speed, two ways, single thread, documents per second over all the sentences:
 *   - in this process, rounds interleaved across libraries with the order rotated every round, so that a busy
 *     machine slows all of them alike: wall time (median of rounds), process CPU time (least and median of rounds);
 *   - each scorer in its own process (benchmarks/lib/sentiment-speed.ts, the tokenizer benchmark's method): the
 *     anchors' heaps and garbage are not billed to the others; CPU time median and least, wall median, and the
 *     per-round (paired) CPU ratio against AFINN. The issue's speed targets are read on these figures.
 * - feedback stage (issue 8): tokenize + scoreSentiment + aspectSentiment with the default aspects per record, on
 *   seeded synthetic feedback of 5 to 60 words (`generateFeedbackTexts`, as benchmarks/scale.ts), single thread:
 *   the three calls as the worker pool's 'feedback' task makes them, and `createFeedbackScorer` (one tokenizer
 *   pass, one rule pass), with AFINN on the same texts as the anchor.
 *
 * Run: npx tsx benchmarks/sentiment.ts [--quick]. Reads ../shared/data from the repo root; skips when absent.
 * Writes benchmarks/results/sentiment.json.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { aspectSentiment } from '../src/sentiment/aspectSentiment';
import { createFeedbackScorer } from '../src/sentiment/createFeedbackScorer';
import { scoreSentiment } from '../src/sentiment/scoreSentiment';
import { generateFeedbackTexts } from '../src/simulate/texts';
import { tokenize } from '../src/text/tokenize';
import { macroF1 as macroF1Of } from './lib/metrics';
import { readAbsa as readAbsaFrom, readUci as readUciFrom, type AbsaSentence } from './lib/dev-data';
import { measureIsolated, pairedSpeedRatio, quantile, scorerAt, SPEED_SCORERS } from './lib/sentiment-speed';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = resolve(here, '../../shared/data');
const quick = process.argv.includes('--quick');
const require = createRequire(import.meta.url);

type Label = 'positive' | 'neutral' | 'negative';
const LABELS: readonly Label[] = ['positive', 'neutral', 'negative'];
const readUci = (file: string) => readUciFrom(dataDir, file);
const readAbsa = () => readAbsaFrom(dataDir);

function macroF1(pairs: readonly [string, string][]): { macroF1: number; accuracy: number } {
  return macroF1Of(pairs, LABELS);
}

interface Scorer {
  readonly name: string;
  /** A real-valued score; > 0 positive, < 0 negative. */
  readonly score: (text: string) => number;
  /** 3-class label. */
  readonly label: (text: string) => Label;
}

function bySign(score: number, band = 0): Label {
  return score > band ? 'positive' : score < -band ? 'negative' : 'neutral';
}

function anchors(): Scorer[] {
  const list: Scorer[] = [];
  SPEED_SCORERS.forEach((name, index) => {
    let score: (t: string) => number;
    try {
      score = scorerAt(index);
    } catch {
      console.log(`${name} unavailable: skipped`);
      return;
    }
    // VADER's own thresholds: compound >= 0.05 positive, <= -0.05 negative.
    const band = name === 'vader-sentiment' ? 0.049999 : 0;
    const label =
      name === 'feedback-miner scoreSentiment' ? (t: string): Label => scoreSentiment(t).label : (t: string): Label => bySign(score(t), band);
    list.push({ name, score, label });
  });
  return list;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function fmt(value: number, digits = 3): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/**
 * The feedback stage per record, single thread: the three calls of the worker pool's 'feedback' task today, and
 * createFeedbackScorer, beside AFINN on the same seeded synthetic texts; rounds interleaved, CPU time (least of
 * rounds) and wall time (median). Checks that both paths give the same sentiment and aspects.
 */
function feedbackStage(count: number, rounds: number): Record<string, unknown> {
  const texts = generateFeedbackTexts(count, { seed: 1, offset: 0, minWords: 5, maxWords: 60 });
  const Sentiment = require('sentiment') as new () => { analyze: (t: string) => { score: number } };
  const afinn = new Sentiment();
  const combined = createFeedbackScorer();
  const paths: Record<string, (t: string) => unknown> = {
    'tokenize + scoreSentiment + aspectSentiment (three calls)': (t) => {
      const tokens = tokenize(t);
      const sentiment = scoreSentiment(t);
      const aspects = aspectSentiment(t);
      return [tokens.length, sentiment.score, aspects.length];
    },
    'createFeedbackScorer (one pass)': (t) => {
      const r = combined(t);
      return [r.tokens.length, r.sentiment.score, r.aspects.length];
    },
    'sentiment (AFINN) analyze, anchor': (t) => afinn.analyze(t).score,
  };
  let same = true;
  for (const t of texts.slice(0, 2000)) {
    const r = combined(t);
    same &&= JSON.stringify([r.sentiment, r.aspects]) === JSON.stringify([scoreSentiment(t), aspectSentiment(t)]);
  }
  for (const run of Object.values(paths)) for (const t of texts.slice(0, 2000)) run(t);
  const cpu: Record<string, number[]> = {};
  const wall: Record<string, number[]> = {};
  for (let r = 0; r < rounds; r++) {
    for (const [name, run] of Object.entries(paths)) {
      const cpuStart = cpuMs();
      const start = performance.now();
      for (const t of texts) run(t);
      (wall[name] ??= []).push(performance.now() - start);
      (cpu[name] ??= []).push(cpuMs() - cpuStart);
    }
  }
  const names = Object.keys(paths);
  const anchor = names[2] as string;
  const anchorCpu = Math.min(...(cpu[anchor] as number[]));
  console.log(`\n## Feedback stage, single thread (${texts.length.toLocaleString('en')} seeded texts of 5 to 60 words, default aspects, ${rounds} rounds)\n`);
  console.log('| path | us per record (CPU, least) | records per CPU-second | records/s (wall, median) | CPU time / AFINN |');
  console.log('|---|---|---|---|---|');
  const out: Record<string, unknown> = { texts: texts.length, rounds, sameResults: same };
  for (const name of names) {
    const least = Math.min(...(cpu[name] as number[]));
    const perSecond = texts.length / (least / 1000);
    const wallPerSecond = texts.length / (median(wall[name] as number[]) / 1000);
    out[name] = { usPerRecord: (1000 * least) / texts.length, recordsPerCpuSecond: perSecond, recordsPerSecondWall: wallPerSecond, cpuOverAfinn: least / anchorCpu };
    console.log(`| ${name} | ${fmt((1000 * least) / texts.length, 1)} | ${Math.round(perSecond)} | ${Math.round(wallPerSecond)} | ${fmt(least / anchorCpu, 2)} |`);
  }
  console.log(`\ncreateFeedbackScorer gives the same sentiment and aspects as the three calls: ${same ? 'yes' : 'NO'}`);
  return out;
}

async function main(): Promise<void> {
  if (!existsSync(join(dataDir, 'sentiment-uci')) || !existsSync(join(dataDir, 'absa-restaurants'))) {
    console.log(`sentiment benchmark: dev data not found at ${dataDir}; skipped`);
    return;
  }
  const files = ['amazon_cells', 'yelp', 'imdb'] as const;
  const uci = Object.fromEntries(files.map((f) => [f, readUci(f)])) as Record<(typeof files)[number], { text: string; label: number }[]>;
  const absa = readAbsa();
  const scorers = anchors();

  // Accuracy on sentiment-uci.
  const accuracy: Record<string, Record<string, number>> = {};
  for (const scorer of scorers) {
    accuracy[scorer.name] = {};
    for (const f of files) {
      const rows = uci[f];
      let correct = 0;
      for (const row of rows) if ((scorer.score(row.text) > 0 ? 1 : 0) === row.label) correct++;
      (accuracy[scorer.name] as Record<string, number>)[f] = correct / rows.length;
    }
  }

  // ABSA sentences with exactly one category, not conflict.
  const single = absa.filter((s) => s.categories.length === 1 && s.categories[0]?.polarity !== 'conflict');
  // Aspect terms, not conflict.
  const terms = absa.flatMap((s) => s.terms.filter((t) => t.polarity !== 'conflict').map((t) => ({ sentence: s, term: t })));
  const absaSentence: Record<string, { macroF1: number; accuracy: number }> = {};
  const absaTerms: Record<string, { macroF1: number; accuracy: number }> = {};
  for (const scorer of scorers) {
    absaSentence[scorer.name] = macroF1(single.map((s) => [s.categories[0]?.polarity ?? '', scorer.label(s.text)]));
    const sentenceLabel = new Map<AbsaSentence, Label>();
    const pairs: [string, string][] = [];
    for (const { sentence, term } of terms) {
      let label = sentenceLabel.get(sentence);
      if (label === undefined) {
        label = scorer.label(sentence.text);
        sentenceLabel.set(sentence, label);
      }
      if (scorer === scorers[0]) {
        const aspect = aspectSentiment(sentence.text, { term: [term.term] })[0];
        pairs.push([term.polarity, aspect?.label ?? label]);
      } else {
        pairs.push([term.polarity, label]);
      }
    }
    absaTerms[scorer.name] = macroF1(pairs);
  }

  // Speed.
  const texts = [...files.flatMap((f) => uci[f].map((r) => r.text)), ...absa.map((s) => s.text)];
  const rounds = quick ? 3 : 9;
  const times: Record<string, number[]> = {};
  const cpuTimes: Record<string, number[]> = {};
  for (const scorer of scorers) for (const t of texts) scorer.score(t); // warm up
  for (let r = 0; r < rounds; r++) {
    // Rotate the order every round so that no scorer always runs first or after the same one.
    for (let k = 0; k < scorers.length; k++) {
      const scorer = scorers[(k + r) % scorers.length] as Scorer;
      const cpuStart = cpuMs();
      const start = performance.now();
      for (const t of texts) scorer.score(t);
      (times[scorer.name] ??= []).push(performance.now() - start);
      (cpuTimes[scorer.name] ??= []).push(cpuMs() - cpuStart);
    }
  }
  const docsPerSecond: Record<string, number> = {};
  const docsPerCpuSecond: Record<string, number> = {};
  const docsPerCpuSecondMedian: Record<string, number> = {};
  for (const scorer of scorers) {
    docsPerSecond[scorer.name] = texts.length / (median(times[scorer.name] ?? [1]) / 1000);
    docsPerCpuSecond[scorer.name] = texts.length / (Math.min(...(cpuTimes[scorer.name] ?? [1])) / 1000);
    docsPerCpuSecondMedian[scorer.name] = texts.length / (median(cpuTimes[scorer.name] ?? [1]) / 1000);
  }

  const ours = scorers[0]?.name ?? '';
  const oursSpeed = docsPerSecond[ours] ?? NaN;
  const oursCpuSpeed = docsPerCpuSecond[ours] ?? NaN;
  console.log(`\n## Sentiment (${quick ? 'quick' : 'full'} run, ${texts.length} texts, ${rounds} speed rounds)\n`);
  console.log('Speed columns: all scorers in this process (see the next table for one process each).\n');
  console.log('| scorer | amazon_cells | yelp | imdb | absa sentence macro-F1 | absa aspect-term macro-F1 | docs/s (wall, median) | feedback-miner speed ratio | docs/CPU-s (least) | CPU ratio | docs/CPU-s (median) | CPU ratio (median) |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const scorer of scorers) {
    const a = accuracy[scorer.name] as Record<string, number>;
    const speed = docsPerSecond[scorer.name] ?? NaN;
    console.log(
      `| ${scorer.name} | ${fmt(a.amazon_cells ?? NaN)} | ${fmt(a.yelp ?? NaN)} | ${fmt(a.imdb ?? NaN)} | ${fmt(absaSentence[scorer.name]?.macroF1 ?? NaN)} | ${fmt(absaTerms[scorer.name]?.macroF1 ?? NaN)} | ${Math.round(speed)} | ${fmt(oursSpeed / speed, 2)}x | ${Math.round(docsPerCpuSecond[scorer.name] ?? NaN)} | ${fmt(oursCpuSpeed / (docsPerCpuSecond[scorer.name] ?? NaN), 2)}x | ${Math.round(docsPerCpuSecondMedian[scorer.name] ?? NaN)} | ${fmt((docsPerCpuSecondMedian[ours] ?? NaN) / (docsPerCpuSecondMedian[scorer.name] ?? NaN), 2)}x |`,
    );
  }
  const best = (file: string): number =>
    Math.max(...scorers.slice(1).map((s) => (accuracy[s.name] as Record<string, number>)[file] ?? 0));
  const oursAccuracy = accuracy[ours] as Record<string, number>;
  console.log('\nTargets (issue 3):');
  for (const f of files) {
    const margin = (oursAccuracy[f] ?? 0) - best(f);
    console.log(`- ${f}: ${fmt(oursAccuracy[f] ?? NaN)} vs best anchor ${fmt(best(f))} (${margin >= 0 ? '+' : ''}${fmt(margin * 100, 1)} points; target +2) ${margin >= 0.02 ? 'MET' : 'MISSED'}`);
  }
  const termF1 = absaTerms[ours]?.macroF1 ?? 0;
  const sentF1 = absaSentence[ours]?.macroF1 ?? 0;
  console.log(`- absa aspect-term macro-F1 ${fmt(termF1)} (target 0.62) ${termF1 >= 0.62 ? 'MET' : 'MISSED'}`);
  console.log(`- absa sentence macro-F1 ${fmt(sentF1)} (target 0.60) ${sentF1 >= 0.6 ? 'MET' : 'MISSED'}`);
  const wink = docsPerSecond['wink-sentiment'] ?? NaN;
  const afinnSpeed = docsPerSecond['sentiment (AFINN)'] ?? NaN;
  const afinnCpu = docsPerCpuSecond['sentiment (AFINN)'] ?? NaN;
  const load = loadavg().map((l) => Number(l.toFixed(2)));

  // Speed with each scorer in its own process: the figures the speed targets are read on.
  const isolatedRounds = quick ? 5 : 21;
  // --quick times only the scorers the targets name (vader's passes alone took 10 s of the quick budget).
  const isolated = await measureIsolated(
    isolatedRounds,
    quick ? 2 : 5,
    quick ? [ours, 'wink-sentiment', 'sentiment (AFINN)'] : undefined,
  );
  const isolatedLoad = loadavg().map((l) => Number(l.toFixed(2)));
  const byName = Object.fromEntries(isolated.times.map((t) => [t.name, t]));
  const oursTimes = byName[ours];
  const afinnTimes = byName['sentiment (AFINN)'];
  const winkTimes = byName['wink-sentiment'];
  const docsPer = (ms: number): number => isolated.texts / (ms / 1000);
  console.log(`\n## Speed, each scorer in its own process (${isolated.texts} texts, ${isolatedRounds} interleaved rounds, load ${isolatedLoad.join(' ')})\n`);
  console.log('| scorer | docs/CPU-s (median) | docs/CPU-s (least) | docs/s (wall, median) | feedback-miner CPU ratio (median of rounds) | paired ratio per round: median (q25-q75) |');
  console.log('|---|---|---|---|---|---|');
  const isolatedOut: Record<string, unknown> = { rounds: isolatedRounds, load: isolatedLoad };
  for (const t of isolated.times) {
    const cpuMedian = quantile(t.cpuMs, 0.5);
    const paired = oursTimes === undefined ? undefined : pairedSpeedRatio(oursTimes, t);
    const oursMedian = oursTimes === undefined ? Number.NaN : quantile(oursTimes.cpuMs, 0.5);
    isolatedOut[t.name] = { docsPerCpuSecondMedian: docsPer(cpuMedian), docsPerCpuSecondLeast: docsPer(Math.min(...t.cpuMs)), docsPerSecondWall: docsPer(quantile(t.wallMs, 0.5)), pairedOursOver: paired };
    console.log(
      `| ${t.name} | ${Math.round(docsPer(cpuMedian))} | ${Math.round(docsPer(Math.min(...t.cpuMs)))} | ${Math.round(docsPer(quantile(t.wallMs, 0.5)))} | ${fmt(cpuMedian / oursMedian, 2)}x | ${paired === undefined ? 'n/a' : `${fmt(paired.median, 2)}x (${fmt(paired.q25, 2)}-${fmt(paired.q75, 2)})`} |`,
    );
  }
  console.log('\nSpeed targets (issue 3), each scorer in its own process, CPU time, median of rounds (paired per-round ratio in brackets):');
  if (oursTimes !== undefined && afinnTimes !== undefined && winkTimes !== undefined) {
    const overWink = quantile(winkTimes.cpuMs, 0.5) / quantile(oursTimes.cpuMs, 0.5);
    const overAfinn = quantile(afinnTimes.cpuMs, 0.5) / quantile(oursTimes.cpuMs, 0.5);
    const pairedWink = pairedSpeedRatio(oursTimes, winkTimes);
    const pairedAfinn = pairedSpeedRatio(oursTimes, afinnTimes);
    console.log(`- ${fmt(overWink, 2)}x wink-sentiment (paired ${fmt(pairedWink.median, 2)}x; target 2x) ${overWink >= 2 ? 'MET' : 'MISSED'}`);
    console.log(`- ${fmt(overAfinn, 2)}x sentiment/AFINN (paired ${fmt(pairedAfinn.median, 2)}x, q25 ${fmt(pairedAfinn.q25, 2)}x; target 1x, aim 1.3x) ${overAfinn >= 1 ? 'MET' : 'MISSED'}`);
  }
  console.log('In one process (all scorers sharing one heap):');
  console.log(`- speed ${Math.round(oursSpeed)} docs/s: ${fmt(oursSpeed / wink, 2)}x wink-sentiment (target 2x) ${oursSpeed >= 2 * wink ? 'MET' : 'MISSED'}, ${fmt(oursSpeed / afinnSpeed, 2)}x sentiment/AFINN (target 1x) ${oursSpeed >= afinnSpeed ? 'MET' : 'MISSED'}`);
  console.log(`- speed in CPU time: ${fmt(oursCpuSpeed / (docsPerCpuSecond['wink-sentiment'] ?? NaN), 2)}x wink-sentiment, ${fmt(oursCpuSpeed / afinnCpu, 2)}x sentiment/AFINN (least of rounds), ${fmt((docsPerCpuSecondMedian[ours] ?? NaN) / (docsPerCpuSecondMedian['sentiment (AFINN)'] ?? NaN), 2)}x (median of rounds)`);
  console.log(`- load average ${load.join(' ')} (2 cores shared: wall-clock ratios move with it)`);

  const feedback = feedbackStage(quick ? 4000 : 20_000, rounds);

  const resultsDir = join(here, 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    join(resultsDir, 'sentiment.json'),
    `${JSON.stringify({ quick, texts: texts.length, rounds, accuracy, absaSentence, absaTerms, docsPerSecond, docsPerCpuSecond, docsPerCpuSecondMedian, load, isolated: isolatedOut, feedback }, null, 2)}\n`,
  );
  console.log(`\nwrote ${join(resultsDir, 'sentiment.json')}`);
}

void main();
