/**
 * Error analysis of aspect-term sentiment on absa-restaurants (SemEval-2014 task 4, restaurants train), with the
 * checks a change must pass in the same run:
 *
 * - aspect-term 3-class macro-F1 (as benchmarks/sentiment.ts: `aspectSentiment(sentence, { term: [term] })`,
 *   the sentence's label when the term is not found) on all sentences and on the even and odd halves of the
 *   sentences (by position in the file), so that a change tuned on one half can be checked on the other;
 * - the confusion matrix and the number of polar-gold terms predicted neutral with no evidence at all (no
 *   evidence in the aspect nor in its sentence: a lexical-coverage miss);
 * - sentence 3-class macro-F1 (sentences with exactly one non-conflict category) and sentiment-uci binary accuracy.
 *
 * Options: `--dump=<file>` writes every aspect-term error as TSV (gold, predicted, score, term, evidence, sentence);
 * `--baseline=<file>` reads the keys of a previous run's no-evidence errors (written by `--save=<file>`) and prints
 * how many of them now have evidence.
 *
 * Run: npx tsx benchmarks/absa-analysis.ts [--dump=/tmp/errors.tsv] [--save=/tmp/no-evidence.json]
 *   [--baseline=/tmp/no-evidence.json]. Reads ../shared/data; skips when absent. Writes
 *   benchmarks/results/absa-analysis.json.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { aspectSentiment } from '../src/sentiment/aspectSentiment';
import { scoreSentiment } from '../src/sentiment/scoreSentiment';
import { macroF1 as macroF1Of } from './lib/metrics';
import { readAbsa as readAbsaFrom, readUci as readUciFrom, type AbsaSentence } from './lib/dev-data';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = resolve(here, '../../shared/data');
const argument = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

type Label = 'positive' | 'neutral' | 'negative';
const LABELS: readonly Label[] = ['positive', 'neutral', 'negative'];
const readUci = (file: string) => readUciFrom(dataDir, file);
const readAbsa = () => readAbsaFrom(dataDir);


function macroF1(pairs: readonly (readonly [string, string])[]): number {
  return macroF1Of(pairs, LABELS).macroF1;
}

interface TermRow {
  readonly key: string;
  readonly sentence: AbsaSentence;
  readonly term: string;
  readonly gold: string;
  readonly predicted: string;
  readonly score: number;
  readonly evidence: string;
  readonly noEvidence: boolean;
}

function main(): void {
  if (!existsSync(join(dataDir, 'absa-restaurants')) || !existsSync(join(dataDir, 'sentiment-uci'))) {
    console.log(`absa-analysis: dev data not found at ${dataDir}; skipped`);
    return;
  }
  const absa = readAbsa();
  const rows: TermRow[] = [];
  for (const sentence of absa) {
    const whole = scoreSentiment(sentence.text);
    for (const t of sentence.terms) {
      if (t.polarity === 'conflict') continue;
      const aspect = aspectSentiment(sentence.text, { term: [t.term] })[0];
      const predicted = aspect?.label ?? whole.label;
      const evidence = aspect === undefined ? whole.evidence : aspect.evidence;
      rows.push({
        key: `${sentence.index}:${t.from}:${t.term}`,
        sentence,
        term: t.term,
        gold: t.polarity,
        predicted,
        score: aspect?.score ?? whole.score,
        evidence: evidence.map((e) => `${e.text}(${e.weight.toFixed(2)}${e.rules.length > 0 ? ` ${e.rules.join(',')}` : ''})`).join(' '),
        noEvidence: (aspect === undefined || aspect.evidence.length === 0) && whole.evidence.length === 0,
      });
    }
  }
  const pairs = (subset: readonly TermRow[]): [string, string][] => subset.map((r) => [r.gold, r.predicted]);
  const even = rows.filter((r) => r.sentence.index % 2 === 0);
  const odd = rows.filter((r) => r.sentence.index % 2 === 1);
  const term = { all: macroF1(pairs(rows)), even: macroF1(pairs(even)), odd: macroF1(pairs(odd)) };

  const confusion: Record<string, Record<string, number>> = {};
  for (const r of rows) {
    const line = (confusion[r.gold] ??= { positive: 0, neutral: 0, negative: 0 });
    line[r.predicted] = (line[r.predicted] ?? 0) + 1;
  }
  const polarToNeutral = rows.filter((r) => r.gold !== 'neutral' && r.predicted === 'neutral');
  const noEvidence = polarToNeutral.filter((r) => r.noEvidence);

  const single = absa.filter((s) => s.categories.length === 1 && s.categories[0]?.polarity !== 'conflict');
  const sentenceF1 = macroF1(single.map((s) => [s.categories[0]?.polarity ?? '', scoreSentiment(s.text).label]));
  const uci: Record<string, number> = {};
  for (const file of ['amazon_cells', 'yelp', 'imdb']) {
    const data = readUci(file);
    let correct = 0;
    for (const row of data) if ((scoreSentiment(row.text).score > 0 ? 1 : 0) === row.label) correct++;
    uci[file] = correct / data.length;
  }

  const f = (x: number): string => x.toFixed(4);
  console.log(`\n## Aspect-term sentiment on absa-restaurants (${rows.length} terms, ${absa.length} sentences)\n`);
  console.log('| term macro-F1 all | even half | odd half | sentence macro-F1 | amazon_cells | yelp | imdb | polar->neutral | of which no evidence |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  console.log(
    `| ${f(term.all)} | ${f(term.even)} | ${f(term.odd)} | ${f(sentenceF1)} | ${f(uci.amazon_cells ?? NaN)} | ${f(uci.yelp ?? NaN)} | ${f(uci.imdb ?? NaN)} | ${polarToNeutral.length} | ${noEvidence.length} |`,
  );
  console.log('\nConfusion (rows gold, columns predicted):');
  for (const gold of LABELS) {
    const line = confusion[gold] ?? {};
    console.log(`  ${gold.padEnd(8)} ${LABELS.map((p) => String(line[p] ?? 0).padStart(5)).join(' ')}`);
  }
  const baselineFile = argument('baseline');
  let gained: number | undefined;
  if (baselineFile !== undefined && existsSync(baselineFile)) {
    const before = new Set(JSON.parse(readFileSync(baselineFile, 'utf8')) as string[]);
    const byKey = new Map(rows.map((r) => [r.key, r]));
    gained = [...before].filter((k) => byKey.get(k)?.noEvidence === false).length;
    const fixed = [...before].filter((k) => {
      const r = byKey.get(k);
      return r !== undefined && r.predicted === r.gold;
    }).length;
    console.log(`\nOf the ${before.size} no-evidence errors of ${baselineFile}: ${gained} now have evidence, ${fixed} now correct.`);
  }
  const saveFile = argument('save');
  if (saveFile !== undefined) writeFileSync(saveFile, JSON.stringify(noEvidence.map((r) => r.key)));
  const dumpFile = argument('dump');
  if (dumpFile !== undefined) {
    const errors = rows.filter((r) => r.gold !== r.predicted);
    const lines = errors.map((r) =>
      [r.gold, r.predicted, r.score.toFixed(3), r.term, r.evidence, r.sentence.text.replace(/\s+/g, ' ')].join('\t'),
    );
    writeFileSync(dumpFile, `gold\tpredicted\tscore\tterm\tevidence\tsentence\n${lines.join('\n')}\n`);
    console.log(`wrote ${errors.length} errors to ${dumpFile}`);
  }
  const load = loadavg().map((l) => Number(l.toFixed(2)));
  console.log(`load average ${load.join(' ')}`);
  const resultsDir = join(here, 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    join(resultsDir, 'absa-analysis.json'),
    `${JSON.stringify({ terms: rows.length, termMacroF1: term, sentenceMacroF1: sentenceF1, uci, confusion, polarToNeutral: polarToNeutral.length, noEvidence: noEvidence.length, gainedEvidence: gained, load }, null, 2)}\n`,
  );
}

main();
