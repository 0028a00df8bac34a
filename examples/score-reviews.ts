/**
 * Score a CSV of product reviews: read it as a stream, map its columns to feedback records, report the rows
 * that cannot be used (with their line and reason), score every review's sentiment with the words that moved
 * it, find the sentiment of each aspect (delivery, quality, price, ...), and set the text against the stars.
 *
 * Run:  npx tsx examples/score-reviews.ts [reviews.csv]
 *       npx deno run --allow-read --allow-env examples/score-reviews.ts [reviews.csv]
 *
 * The default file, examples/data/reviews.csv, is 32 made-up reviews, three of them deliberately broken.
 */
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { DEFAULT_ASPECTS, aspectSentiment, customerSatisfaction, scoreFeedback, validateFeedback } from 'feedback-miner';
import { isUnreadable, readRows } from 'feedback-miner/node';

const path = process.argv[2] ?? fileURLToPath(new URL('./data/reviews.csv', import.meta.url));

// 1. Read: a stream of rows, each with the line it ends on; unparseable lines come back with a reason.
const rows: unknown[] = [];
const lines: number[] = [];
const unreadable: string[] = [];
for await (const item of readRows(path)) {
  if (isUnreadable(item)) unreadable.push(`line ${item.line}: ${item.reason}`);
  else {
    rows.push(item.value);
    lines.push(item.line);
  }
}

// 2. Validate: the file's own column names are mapped to the record fields. Bad rows are skipped and reported.
const { records, rejected } = validateFeedback(rows, {
  fields: { id: 'review_id', date: 'posted_on', rating: 'stars', text: 'review' },
});
console.log(`Read ${rows.length} rows from ${path.split(/[\\/]/).pop()}: ${records.length} reviews kept, ${rejected.length + unreadable.length} problem(s):`);
for (const r of rejected) console.log(`  line ${lines[r.row]}, column '${r.field}': ${r.reason}`);
for (const u of unreadable) console.log(`  ${u}`);

// 3. Score: new records, each with its sentiment (score in [-1, 1], label, evidence).
const scored = scoreFeedback(records);
console.log('\n| id | stars | sentiment | score | words that moved it | review |');
console.log('|---|---|---|---|---|---|');
for (const r of scored) {
  const words = r.sentiment.evidence
    .filter((e) => e.weight !== 0)
    .map((e) => `${e.text} ${e.weight > 0 ? '+' : ''}${e.weight.toFixed(1)}${e.rules.length > 0 ? ` (${e.rules.join(', ')})` : ''}`)
    .join('; ');
  const text = r.text.length > 60 ? `${r.text.slice(0, 57)}...` : r.text;
  console.log(`| ${r.id} | ${r.rating ?? '-'} | ${r.sentiment.label} | ${r.sentiment.score.toFixed(2)} | ${words || '-'} | ${text} |`);
}

// 4. Aspects: which part of the experience each review praises or blames.
const byAspect = new Map<string, { positive: number; neutral: number; negative: number }>();
for (const r of scored) {
  for (const a of aspectSentiment(r.text, DEFAULT_ASPECTS)) {
    const counts = byAspect.get(a.aspect) ?? { positive: 0, neutral: 0, negative: 0 };
    counts[a.label] += 1;
    byAspect.set(a.aspect, counts);
  }
}
console.log('\nAspects mentioned (positive / neutral / negative):');
for (const [aspect, c] of [...byAspect].sort((a, b) => b[1].negative - a[1].negative || a[0].localeCompare(b[0]))) {
  console.log(`  ${aspect.padEnd(14)} ${c.positive} / ${c.neutral} / ${c.negative}`);
}

// 5. Per product: CSAT from the stars (share of 4 and 5, with a Wilson interval) beside the mean text sentiment.
console.log('\n| product | reviews | CSAT (95% interval) | mean sentiment | negative texts |');
console.log('|---|---|---|---|---|');
for (const product of [...new Set(scored.map((r) => r.product ?? '(none)'))].sort()) {
  const group = scored.filter((r) => (r.product ?? '(none)') === product);
  const csat = customerSatisfaction(group.map((r) => r.rating));
  const mean = group.reduce((sum, r) => sum + r.sentiment.score, 0) / group.length;
  const interval = csat.interval === null ? '' : ` (${csat.interval.lower.toFixed(0)}-${csat.interval.upper.toFixed(0)})`;
  const negative = group.filter((r) => r.sentiment.label === 'negative').length;
  console.log(`| ${product} | ${group.length} | ${csat.score === null ? 'n/a' : `${csat.score.toFixed(0)}%${interval}`} | ${mean.toFixed(2)} | ${negative} |`);
}

// 6. Do the words agree with the stars? (4-5 stars positive, 1-2 negative, 3 neutral.)
const rated = scored.filter((r) => r.rating !== undefined);
const expected = (stars: number): string => (stars >= 4 ? 'positive' : stars <= 2 ? 'negative' : 'neutral');
const agree = rated.filter((r) => r.sentiment.label === expected(r.rating as number));
console.log(`\nText sentiment agrees with the stars on ${agree.length} of ${rated.length} rated reviews; the others:`);
for (const r of rated.filter((x) => !agree.includes(x))) {
  console.log(`  ${r.id} (${r.rating} stars, scored ${r.sentiment.label} ${r.sentiment.score.toFixed(2)}): "${r.text}"`);
}
