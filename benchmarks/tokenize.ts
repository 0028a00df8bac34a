/**
 * Tokenizer throughput on real sentences: the UCI "Sentiment Labelled Sentences" (amazon, yelp, imdb; read line
 * by line, the label split off at the LAST tab), side by side in one run with natural's WordTokenizer (a regex
 * split keeping no offsets, punctuation or emoji) and wink-nlp's readDoc (eng-lite-web-model, pipeline sbd +
 * negation, as in the orientation figures), plus a bare character scan as a ceiling.
 *
 * Method, to be fair on a shared, noisy machine:
 * - each contender lives in its own child process, so its own V8 heap, JIT state and CPU clock: wink-nlp's large
 *   model and garbage (and its background GC threads) cannot slow or be billed to the others;
 * - contenders run interleaved in rounds (one pass over the corpus each per round, one at a time, the order rotated
 *   every round), so that load from other processes hits all of them alike;
 * - a pass is timed in CPU time of its process (`process.cpuUsage`) and ends with a scavenge
 *   of its young generation inside its timing; wall-clock medians are reported too;
 * - the median round is reported. Each library is credited with its own token count; MB/s (UTF-8 input bytes per
 *   CPU second) compares them on equal terms.
 *
 * Targets (issue 2): the rich tokenizer >= 5x wink-nlp's tokens/s; the fast path >= natural WordTokenizer's tokens/s.
 * Run: npx tsx benchmarks/tokenize.ts [--quick]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tokenize } from '../src/text/tokenize';
import { tokenizeNorms, tokenizeNormsNegated } from '../src/text/tokenizeNorms';
import { serveTimedPasses, timeInOwnProcesses } from './lib/own-process';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = join(here, '..', '..', 'shared', 'data', 'sentiment-uci');
const files = ['amazon_cells_labelled.txt', 'yelp_labelled.txt', 'imdb_labelled.txt'];

function readSentences(): string[] {
  const sentences: string[] = [];
  for (const file of files) {
    for (const line of readFileSync(join(dataDir, file), 'utf8').split(/\r?\n/)) {
      const tab = line.lastIndexOf('\t');
      const sentence = tab >= 0 ? line.slice(0, tab) : line;
      if (sentence.trim() !== '') sentences.push(sentence);
    }
  }
  return sentences;
}

const CONTENDERS = [
  { name: 'feedback-miner tokenize (rich: offsets, kinds, negation)', library: 'feedback-miner' },
  { name: 'feedback-miner tokenizeNorms (fast path)', library: 'feedback-miner' },
  { name: 'feedback-miner tokenizeNormsNegated (fast path + negation)', library: 'feedback-miner' },
  { name: 'natural WordTokenizer', library: 'natural 8.1' },
  { name: 'wink-nlp readDoc (sbd + negation)', library: 'wink-nlp 2.4' },
  { name: 'bare character scan (ceiling)', library: '-' },
] as const;

/** Child side: set up one contender, then run one timed pass per message. */
function serveContender(index: number): void {
  const sentences = readSentences();
  const require = createRequire(import.meta.url);
  let tokenizeOne: (s: string) => number;
  switch (index) {
    case 0:
      tokenizeOne = (s) => tokenize(s).length;
      break;
    case 1:
      tokenizeOne = (s) => tokenizeNorms(s).length;
      break;
    case 2:
      tokenizeOne = (s) => tokenizeNormsNegated(s).norms.length;
      break;
    case 3: {
      const { WordTokenizer } = require('natural/lib/natural/tokenizers/regexp_tokenizer.js') as {
        WordTokenizer: new () => { tokenize(s: string): string[] };
      };
      const wordTokenizer = new WordTokenizer();
      tokenizeOne = (s) => wordTokenizer.tokenize(s).length;
      break;
    }
    case 4: {
      const winkNLP = require('wink-nlp') as (model: unknown, pipe?: string[]) => {
        readDoc(text: string): { tokens(): { length(): number } };
      };
      const wink = winkNLP(require('wink-eng-lite-web-model'), ['sbd', 'negation']);
      tokenizeOne = (s) => wink.readDoc(s).tokens().length();
      break;
    }
    default:
      tokenizeOne = (s) => {
        let count = 0;
        let inWord = false;
        for (let i = 0; i < s.length; i++) {
          const space = s.charCodeAt(i) <= 32;
          if (!space && !inWord) count++;
          inWord = !space;
        }
        return count;
      };
  }
  serveTimedPasses(() => {
    let count = 0;
    for (const s of sentences) count += tokenizeOne(s);
    return count;
  });
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  if (!files.every((f) => existsSync(join(dataDir, f)))) {
    console.log(`SKIP tokenize benchmark: ${dataDir} not found (the dev data lives outside the repository).`);
    return;
  }
  const sentences = readSentences();
  const bytes = sentences.reduce((sum, s) => sum + Buffer.byteLength(s, 'utf8'), 0);

  const rounds = quick ? 9 : 41;
  const warmup = quick ? 5 : 10;
  const timed = await timeInOwnProcesses(
    fileURLToPath(import.meta.url),
    'FM_BENCH_CONTENDER',
    CONTENDERS.map((_, index) => index),
    rounds,
    warmup,
  );
  const { cpuMs: cpu, wallMs: wall, values: counts } = timed;

  const results = CONTENDERS.map((c, index) => {
    const ms = median(cpu[index] ?? []);
    const wallMs = median(wall[index] ?? []);
    const tokens = counts[index] ?? 0;
    return {
      name: c.name,
      library: c.library,
      tokens,
      cpuMsPerPass: ms,
      wallMsPerPass: wallMs,
      tokensPerSecond: (tokens / ms) * 1000,
      mbPerSecond: bytes / 1e6 / (ms / 1000),
      wallTokensPerSecond: (tokens / wallMs) * 1000,
    };
  });
  const [rich, fast, , natural, winkResult] = results as [
    (typeof results)[number],
    (typeof results)[number],
    (typeof results)[number],
    (typeof results)[number],
    (typeof results)[number],
  ];

  const fmt = (x: number, digits = 2): string =>
    x >= 1e6 ? `${(x / 1e6).toFixed(digits)}M` : x >= 1e3 ? `${(x / 1e3).toFixed(digits)}k` : x.toFixed(digits);
  console.log(
    `\nTokenizer throughput: ${sentences.length} sentences, ${(bytes / 1e6).toFixed(3)} MB (sentiment-uci), each contender in its own process, median of ${rounds} interleaved rounds${quick ? ' (--quick)' : ''}\n`,
  );
  console.log('| tokenizer | tokens / pass | CPU ms / pass | wall ms / pass | tokens/s (CPU) | MB/s (CPU) | tokens/s vs wink-nlp | tokens/s vs natural |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    console.log(
      `| ${r.name} | ${r.tokens} | ${r.cpuMsPerPass.toFixed(2)} | ${r.wallMsPerPass.toFixed(2)} | ${fmt(r.tokensPerSecond)} | ${r.mbPerSecond.toFixed(1)} | ${(r.tokensPerSecond / winkResult.tokensPerSecond).toFixed(2)}x | ${(r.tokensPerSecond / natural.tokensPerSecond).toFixed(2)}x |`,
    );
  }
  const richVsWink = rich.tokensPerSecond / winkResult.tokensPerSecond;
  const fastVsNatural = fast.tokensPerSecond / natural.tokensPerSecond;
  const wallRichVsWink = rich.wallTokensPerSecond / winkResult.wallTokensPerSecond;
  const wallFastVsNatural = fast.wallTokensPerSecond / natural.wallTokensPerSecond;
  console.log('');
  console.log(`(wall-clock ratios, for comparison: rich vs wink-nlp ${wallRichVsWink.toFixed(2)}x, fast path vs natural ${wallFastVsNatural.toFixed(2)}x)`);
  console.log(`Target rich >= 5x wink-nlp tokens/s: ${richVsWink.toFixed(2)}x -> ${richVsWink >= 5 ? 'met' : 'MISSED'}`);
  console.log(`Target fast path >= natural WordTokenizer tokens/s: ${fastVsNatural.toFixed(2)}x -> ${fastVsNatural >= 1 ? 'met' : 'MISSED'}`);

  const out = join(here, 'results', 'tokenize.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify(
      {
        benchmark: 'tokenize',
        quick,
        node: process.version,
        corpus: { files, sentences: sentences.length, bytes },
        method: 'one child process per contender, interleaved rotated rounds, CPU time of each process, median',
        rounds,
        results,
        targets: {
          richVsWinkTokensPerSecond: { value: richVsWink, wallClock: wallRichVsWink, target: 5, met: richVsWink >= 5 },
          fastVsNaturalTokensPerSecond: { value: fastVsNatural, wallClock: wallFastVsNatural, target: 1, met: fastVsNatural >= 1 },
        },
      },
      null,
      2,
    )}\n`,
  );
  console.log(`\nwrote ${out}`);
}

const contender = process.env['FM_BENCH_CONTENDER'];
if (contender === undefined) await main();
else serveContender(Number(contender));
