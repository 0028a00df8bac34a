/**
 * Before/after timing for speed work on the sentiment stage, in one process so that a shared machine slows both
 * alike: scoreSentiment and createFeedbackScorer from two source trees (e.g. a git worktree of the code before a
 * change, then this tree), beside `sentiment` (AFINN), rounds interleaved. Texts as benchmarks/sentiment.ts: the
 * sentiment-uci and absa-restaurants sentences for scoreSentiment; 20,000 seeded synthetic feedback texts of 5 to 60
 * words for createFeedbackScorer. Figures: CPU time (least and median of rounds, process.cpuUsage), wall time
 * (median), and per round the anchor's CPU time over each path's (paired: both ran in the same round, under the same
 * load; median and quartiles), the steadiest of these figures on a shared machine.
 *
 * Run: npx tsx benchmarks/lib/sentiment-speed-ab.ts ROOT_A ROOT_B [--rounds N] [--only score|feedback]
 */
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchmarkTexts } from './sentiment-texts';

type Fn = (text: string) => unknown;
const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** The value at quantile q of the values, by nearest rank. */
function quantile(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))] as number;
}

function table(title: string, texts: readonly string[], paths: Record<string, Fn>, rounds: number, anchor: string): void {
  for (const run of Object.values(paths)) for (const t of texts) run(t); // warm up
  const cpu: Record<string, number[]> = {};
  const wall: Record<string, number[]> = {};
  for (let r = 0; r < rounds; r++) {
    const names = Object.keys(paths);
    // Alternate the order from round to round so that neither side always runs first.
    if (r % 2 === 1) names.reverse();
    for (const name of names) {
      const run = paths[name] as Fn;
      const c0 = cpuMs();
      const w0 = performance.now();
      for (const t of texts) run(t);
      (wall[name] ??= []).push(performance.now() - w0);
      (cpu[name] ??= []).push(cpuMs() - c0);
    }
  }
  const anchorCpu = Math.min(...(cpu[anchor] as number[]));
  const anchorWall = median(wall[anchor] as number[]);
  console.log(`\n## ${title} (${texts.length} texts, ${rounds} rounds, load ${loadavg().map((l) => l.toFixed(2)).join(' ')})\n`);
  console.log('| path | docs per CPU-s (least) | CPU vs anchor | docs per CPU-s (median) | paired CPU vs anchor: median (q25-q75) | docs/s wall (median) | wall vs anchor | us/doc CPU |');
  console.log('|---|---|---|---|---|---|---|---|');
  const names = Object.keys(paths);
  for (const name of names) {
    const c = Math.min(...(cpu[name] as number[]));
    const w = median(wall[name] as number[]);
    const paired = (cpu[name] as number[]).map((ms, r) => ((cpu[anchor] as number[])[r] as number) / ms);
    console.log(
      `| ${name} | ${Math.round(texts.length / (c / 1000))} | ${(anchorCpu / c).toFixed(2)}x | ${Math.round(texts.length / (median(cpu[name] as number[]) / 1000))} | ${quantile(paired, 0.5).toFixed(2)}x (${quantile(paired, 0.25).toFixed(2)}-${quantile(paired, 0.75).toFixed(2)}) | ${Math.round(texts.length / (w / 1000))} | ${(anchorWall / w).toFixed(2)}x | ${((1000 * c) / texts.length).toFixed(2)} |`,
    );
  }
  if (names.length >= 3) {
    // A over B, paired by round.
    const [a, b] = names as [string, string];
    const ab = (cpu[a] as number[]).map((ms, r) => ms / ((cpu[b] as number[])[r] as number));
    console.log(`\nB over A, CPU, paired by round: median ${quantile(ab, 0.5).toFixed(3)}x (q25 ${quantile(ab, 0.25).toFixed(3)}, q75 ${quantile(ab, 0.75).toFixed(3)})`);
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const roundsAt = args.indexOf('--rounds');
  const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : 9;
  const onlyAt = args.indexOf('--only');
  const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;
  const roots = args.filter((a, i) => !a.startsWith('--') && (roundsAt < 0 || i !== roundsAt + 1) && (onlyAt < 0 || i !== onlyAt + 1));
  const imp = (root: string, p: string): Promise<Record<string, unknown>> => import(pathToFileURL(resolve(root, p)).href);
  const Sentiment = require('sentiment') as new () => { analyze: (t: string) => { score: number } };
  const afinn = new Sentiment();
  const anchor = 'sentiment (AFINN) analyze';
  if (only !== 'feedback') {
    const paths: Record<string, Fn> = {};
    for (const [k, root] of roots.entries()) {
      const m = await imp(root, 'src/sentiment/scoreSentiment.ts');
      const score = m.scoreSentiment as (t: string) => { score: number };
      paths[`${'AB'[k]} scoreSentiment (${root})`] = (t) => score(t).score;
    }
    paths[anchor] = (t) => afinn.analyze(t).score;
    table('scoreSentiment on the benchmark texts', benchmarkTexts(resolve(here, '../../../shared/data')), paths, rounds, anchor);
  }
  if (only !== 'score') {
    const paths: Record<string, Fn> = {};
    for (const [k, root] of roots.entries()) {
      const m = await imp(root, 'src/sentiment/createFeedbackScorer.ts');
      const scorer = (m.createFeedbackScorer as () => (t: string) => { sentiment: { score: number } })();
      paths[`${'AB'[k]} createFeedbackScorer (${root})`] = (t) => scorer(t).sentiment.score;
    }
    paths[anchor] = (t) => afinn.analyze(t).score;
    const { generateFeedbackTexts } = (await imp(roots[0] as string, 'src/simulate/texts.ts')) as {
      generateFeedbackTexts: (n: number, o: unknown) => string[];
    };
    table('createFeedbackScorer on seeded feedback', generateFeedbackTexts(20_000, { seed: 1, offset: 0, minWords: 5, maxWords: 60 }), paths, rounds, anchor);
  }
}

void main();
