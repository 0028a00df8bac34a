/**
 * Output check for speed work on the sentiment stage: runs the tokenizer, the scorer, the aspect finder, the feedback
 * scorer, the classifier features and a trained classifier over the benchmark texts, 20,000 seeded synthetic
 * feedback texts and hostile strings, and hashes the JSON of every output, per group.
 *
 * Run: npx tsx benchmarks/lib/sentiment-outputs.ts ROOT [OTHER_ROOT]
 * With one root, prints the hashes. With two (e.g. a git worktree of the code before a change, then this tree), runs
 * both in one process and prints, per group, whether they are byte-identical, and the first differing text.
 */
import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchmarkTexts, hostileTexts } from './sentiment-texts';

type Fn = (text: string) => unknown;

/** ../shared/data from the repo root this script is in (both roots read the same texts). */
const dataDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/data');

interface Api {
  groups: Record<string, Fn>;
  whole: Record<string, () => unknown>;
}

async function load(root: string): Promise<Api> {
  const imp = (p: string): Promise<Record<string, unknown>> => import(pathToFileURL(resolve(root, p)).href);
  const s = await imp('src/sentiment/scoreSentiment.ts');
  const a = await imp('src/sentiment/aspectSentiment.ts');
  const f = await imp('src/sentiment/createFeedbackScorer.ts');
  const t = await imp('src/text/tokenize.ts');
  const tn = await imp('src/text/tokenizeNorms.ts');
  const feat = await imp('src/sentiment/features.ts');
  const train = await imp('src/sentiment/trainClassifier.ts');
  const cls = await imp('src/sentiment/classify.ts');
  const scoreSentiment = s.scoreSentiment as (t: string, o?: unknown) => unknown;
  const createSentimentScorer = s.createSentimentScorer as (o?: unknown) => Fn;
  const aspectSentiment = a.aspectSentiment as (t: string, aspects?: unknown, o?: unknown) => unknown;
  const createFeedbackScorer = f.createFeedbackScorer as (o?: unknown) => Fn;
  const tokenize = t.tokenize as (t: string, o?: unknown) => unknown;
  const tokenizeNorms = tn.tokenizeNorms as (t: string, o?: unknown) => unknown;
  const tokenizeNormsNegated = tn.tokenizeNormsNegated as (t: string, o?: unknown) => unknown;
  const textFeatures = feat.textFeatures as (t: string, o: unknown) => Map<string, number>;
  const trainClassifier = train.trainClassifier as (e: unknown, o?: unknown) => unknown;
  const classify = cls.classify as (m: unknown, t: string) => unknown;
  const user = createSentimentScorer({
    lexicon: { delivery: -1, good: 1, 'left on read': -3, refund: 2 },
    phrases: { 'still waiting': -4, 'out of stock': 1, 'very good': 0, 'not bad': 2 },
  });
  const noDomain = createSentimentScorer({ domain: false, neutralBand: 0.2 });
  const feedback = createFeedbackScorer();
  const feedbackOptions = createFeedbackScorer({ aspects: { delivery: ['delivery', 'courier'], cost: ['price', '#Money'] }, window: 3, domain: false });
  const feedbackNoAspects = createFeedbackScorer({ aspects: false, lexicon: { great: -2 } });
  let model: unknown;
  return {
    groups: {
      tokenize: (x) => tokenize(x),
      'tokenize raw': (x) => tokenize(x, { negation: false, lowercase: false }),
      tokenizeNorms: (x) => tokenizeNorms(x),
      tokenizeNormsNegated: (x) => tokenizeNormsNegated(x),
      scoreSentiment: (x) => scoreSentiment(x),
      'scoreSentiment user layer': user,
      'scoreSentiment no domain': noDomain,
      aspectSentiment: (x) => aspectSentiment(x),
      createFeedbackScorer: feedback,
      'createFeedbackScorer options': feedbackOptions,
      'createFeedbackScorer no aspects': feedbackNoAspects,
      textFeatures: (x) => [...textFeatures(x, { bigrams: true, lexiconScore: true })],
      classify: (x) => {
        model ??= trainClassifier(
          benchmarkTexts(dataDir).slice(0, 3000).map((text, i) => ({ text, label: i % 1000 < 500 ? 'a' : i % 3 === 0 ? 'b' : 'c' })),
          { seed: 3 },
        );
        return classify(model, x);
      },
    },
    whole: {},
  };
}

function json(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)) ?? 'undefined';
}

async function main(): Promise<void> {
  const roots = process.argv.slice(2);
  if (roots.length === 0 || roots.length > 2) {
    console.log('usage: npx tsx benchmarks/lib/sentiment-outputs.ts ROOT [OTHER_ROOT]');
    process.exit(2);
  }
  const { generateFeedbackTexts } = (await import(pathToFileURL(resolve(roots[0] as string, 'src/simulate/texts.ts')).href)) as {
    generateFeedbackTexts: (n: number, o: unknown) => string[];
  };
  const sets: Record<string, string[]> = {
    benchmark: benchmarkTexts(dataDir),
    synthetic: generateFeedbackTexts(20_000, { seed: 1, offset: 0, minWords: 5, maxWords: 60 }),
    hostile: hostileTexts(),
  };
  const apis = await Promise.all(roots.map(load));
  let allSame = true;
  for (const [setName, texts] of Object.entries(sets)) {
    for (const group of Object.keys((apis[0] as Api).groups)) {
      const hashes = apis.map(() => createHash('sha256'));
      let firstDiff: string | undefined;
      for (const text of texts) {
        const outs = apis.map((api) => {
          try {
            return json((api.groups[group] as Fn)(text));
          } catch (error) {
            return `THROWS ${(error as Error).message}`;
          }
        });
        outs.forEach((o, k) => (hashes[k] as ReturnType<typeof createHash>).update(o).update('\u0000'));
        if (firstDiff === undefined && outs.length === 2 && outs[0] !== outs[1]) {
          firstDiff = `${JSON.stringify(text.slice(0, 200))}\n    A: ${(outs[0] as string).slice(0, 600)}\n    B: ${(outs[1] as string).slice(0, 600)}`;
        }
      }
      const digests = hashes.map((h) => h.digest('hex').slice(0, 16));
      const same = digests.every((d) => d === digests[0]);
      allSame &&= same;
      console.log(`${setName.padEnd(10)} ${group.padEnd(32)} ${texts.length.toString().padStart(6)} texts  ${digests.join(' ')}${digests.length === 2 ? (same ? '  same' : '  DIFFERENT') : ''}`);
      if (firstDiff !== undefined) console.log(`  first difference: ${firstDiff}`);
    }
  }
  if (roots.length === 2) console.log(allSame ? '\nALL IDENTICAL' : '\nDIFFERENCES FOUND');
  process.exitCode = allSame ? 0 : 1;
}

void main();
