/**
 * Tokenizer throughput on real sentences: the UCI "Sentiment Labelled Sentences" (amazon, yelp, imdb; read line
 * by line, the label split off at the LAST tab), side by side in one run with natural's WordTokenizer (a regex
 * split keeping no offsets, punctuation or emoji) and wink-nlp's readDoc (eng-lite-web-model, pipeline sbd +
 * negation, as in the issue's orientation figures), plus a bare character scan as a ceiling.
 *
 * To damp the noise of a shared machine, contenders run interleaved in rounds (one pass over the corpus each per
 * round, the order rotated every round; each pass ends with a scavenge inside its timing, so that nobody pays for another's garbage), each pass
 * is timed in CPU time of this process (`process.cpuUsage`, so other processes' load counts
 * less than with wall-clock time; wall-clock medians are reported too) and the median round is reported. Each
 * library is credited with its own token count; MB/s (UTF-8 input bytes per CPU second) compares them on equal terms.
 *
 * Targets (issue 2): the rich tokenizer >= 5x wink-nlp's tokens/s; the fast path >= natural WordTokenizer's tokens/s.
 * Run: npx tsx benchmarks/tokenize.ts [--quick]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { tokenize } from '../src/text/tokenize';
import { tokenizeNorms, tokenizeNormsNegated } from '../src/text/tokenizeNorms';

const quick = process.argv.includes('--quick');
const here = dirname(fileURLToPath(import.meta.url));
const dataDir = join(here, '..', '..', 'shared', 'data', 'sentiment-uci');
const files = ['amazon_cells_labelled.txt', 'yelp_labelled.txt', 'imdb_labelled.txt'];

if (!files.every((f) => existsSync(join(dataDir, f)))) {
  console.log(`SKIP tokenize benchmark: ${dataDir} not found (the dev data lives outside the repository).`);
  process.exit(0);
}

const sentences: string[] = [];
for (const file of files) {
  for (const line of readFileSync(join(dataDir, file), 'utf8').split(/\r?\n/)) {
    const tab = line.lastIndexOf('\t');
    const sentence = tab >= 0 ? line.slice(0, tab) : line;
    if (sentence.trim() !== '') sentences.push(sentence);
  }
}
const bytes = sentences.reduce((sum, s) => sum + Buffer.byteLength(s, 'utf8'), 0);

const require = createRequire(import.meta.url);
const { WordTokenizer } = require('natural/lib/natural/tokenizers/regexp_tokenizer.js') as {
  WordTokenizer: new () => { tokenize(s: string): string[] };
};
const winkNLP = require('wink-nlp') as (model: unknown, pipe?: string[]) => {
  readDoc(text: string): { tokens(): { length(): number } };
};
const winkModel = require('wink-eng-lite-web-model') as unknown;
const wordTokenizer = new WordTokenizer();
const wink = winkNLP(winkModel, ['sbd', 'negation']);

interface Contender {
  readonly name: string;
  readonly library: string;
  /** Tokenizes every sentence once; returns the number of tokens produced. */
  readonly pass: () => number;
}

const contenders: Contender[] = [
  {
    name: 'feedback-miner tokenize (rich: offsets, kinds, negation)',
    library: 'feedback-miner',
    pass: () => {
      let count = 0;
      for (const s of sentences) count += tokenize(s).length;
      return count;
    },
  },
  {
    name: 'feedback-miner tokenizeNorms (fast path)',
    library: 'feedback-miner',
    pass: () => {
      let count = 0;
      for (const s of sentences) count += tokenizeNorms(s).length;
      return count;
    },
  },
  {
    name: 'feedback-miner tokenizeNormsNegated (fast path + negation)',
    library: 'feedback-miner',
    pass: () => {
      let count = 0;
      for (const s of sentences) count += tokenizeNormsNegated(s).norms.length;
      return count;
    },
  },
  {
    name: 'natural WordTokenizer',
    library: 'natural 8.1',
    pass: () => {
      let count = 0;
      for (const s of sentences) count += wordTokenizer.tokenize(s).length;
      return count;
    },
  },
  {
    name: 'wink-nlp readDoc (sbd + negation)',
    library: 'wink-nlp 2.4',
    pass: () => {
      let count = 0;
      for (const s of sentences) count += wink.readDoc(s).tokens().length();
      return count;
    },
  },
  {
    name: 'bare character scan (ceiling)',
    library: '-',
    pass: () => {
      let count = 0;
      for (const s of sentences) {
        let inWord = false;
        for (let i = 0; i < s.length; i++) {
          const space = s.charCodeAt(i) <= 32;
          if (!space && !inWord) count++;
          inWord = !space;
        }
      }
      return count;
    },
  },
];

// A contender's garbage must not be collected on the next contender's time: each pass ends with a scavenge of the
// young generation, inside its timing. (No full collection between passes: V8 then shrinks the young generation
// and every allocating contender pays for growing it again.)
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as (options?: { type: 'major' | 'minor'; execution?: 'sync' }) => void;

const rounds = quick ? 9 : 41;
const warmup = quick ? 5 : 10;
const timings = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
const wallTimings = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
const tokenCounts = new Map<string, number>();
for (let round = -warmup; round < rounds; round++) {
  // Rotate the order every round so that no contender always follows the same one (caches, GC debt, CPU clocks).
  const offset = ((round % contenders.length) + contenders.length) % contenders.length;
  for (let i = 0; i < contenders.length; i++) {
    const contender = contenders[(i + offset) % contenders.length] as Contender;
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const count = contender.pass();
    gc({ type: 'minor' });
    const cpu = process.cpuUsage(cpuStarted);
    const elapsed = performance.now() - started;
    tokenCounts.set(contender.name, count);
    if (round >= 0) {
      timings.get(contender.name)?.push((cpu.user + cpu.system) / 1000);
      wallTimings.get(contender.name)?.push(elapsed);
    }
  }
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

const results = contenders.map((c) => {
  const ms = median(timings.get(c.name) ?? []);
  const wallMs = median(wallTimings.get(c.name) ?? []);
  const tokens = tokenCounts.get(c.name) ?? 0;
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
const byName = (prefix: string) => results.find((r) => r.name.startsWith(prefix)) as (typeof results)[number];
const rich = byName('feedback-miner tokenize (');
const fast = byName('feedback-miner tokenizeNorms (');
const natural = byName('natural');
const winkResult = byName('wink-nlp');

const fmt = (x: number, digits = 2): string => (x >= 1e6 ? `${(x / 1e6).toFixed(digits)}M` : x >= 1e3 ? `${(x / 1e3).toFixed(digits)}k` : x.toFixed(digits));
console.log(`\nTokenizer throughput: ${sentences.length} sentences, ${(bytes / 1e6).toFixed(3)} MB (sentiment-uci), median of ${rounds} interleaved rounds${quick ? ' (--quick)' : ''}\n`);
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
