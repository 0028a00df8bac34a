/**
 * Find what people talk about: cluster half a year of simulated feedback into themes without any list of topics
 * given (`clusterTexts`, k chosen by clustering stability), name each theme by its distinctive terms, measure how well the
 * themes recover the topics the simulator planted, rank key phrases (`extractKeyphrases`, RAKE), and tag the
 * same texts with a team's own theme list (`tagThemes`), every tag explained by the rule that matched.
 *
 * Run:  npx tsx examples/find-themes.ts [seed]
 *       npx deno run --allow-read --allow-env examples/find-themes.ts [seed]
 */
import process from 'node:process';
import {
  adjustedRandIndex,
  clusterTexts,
  extractKeyphrases,
  normalizedMutualInformation,
  scoreFeedback,
  simulate,
  tagThemes,
} from 'feedback-miner';

const seed = Number(process.argv[2] ?? 11);
const sim = simulate({ seed, weeks: 26 });
// Customers' words only: the operations notes have their own vocabulary and would form themes of their own.
const feedback = sim.feedback.filter((f) => f.authorRole === 'customer');
const scored = scoreFeedback(feedback);
const texts = scored.map((f) => f.text);
console.log(`${texts.length} customer texts from 26 simulated weeks (seed ${seed})\n`);

// 1. Themes by clustering: same seed, same themes.
const clusters = clusterTexts(texts, { k: 'auto', seed: 1, sentiments: scored.map((f) => f.sentiment.score) });
const tried = clusters.selection.scores
  .map((s) => `k=${s.k}: ${s.stability === undefined ? `silhouette ${s.silhouette.toFixed(3)}` : `stability ${s.stability.toFixed(3)}`}`)
  .join(', ');
console.log(`k = ${clusters.k}, chosen by ${clusters.selection.criterion} (${tried})`);
console.log('\n| theme | texts | share | sentiment | distinctive terms | nearest the centre |');
console.log('|---|---|---|---|---|---|');
for (const theme of clusters.themes) {
  const terms = theme.terms.slice(0, 5).map((t) => t.term).join(', ');
  const example = theme.examples[0] ?? '';
  console.log(
    `| ${theme.label} | ${theme.size} | ${(100 * theme.share).toFixed(0)}% | ${theme.sentiment?.toFixed(2) ?? '-'} | ${terms} | ${example.length > 70 ? `${example.slice(0, 67)}...` : example} |`,
  );
}
for (const w of clusters.warnings) console.log(`warning: ${w}`);

// 2. How close are the clusters to the topics the simulator wrote the texts from?
const planted = new Map(sim.truth.feedbackLabels.map((l) => [l.id, l.theme]));
const truth = feedback.map((f) => planted.get(f.id) ?? 'unknown');
const nmi = normalizedMutualInformation(truth, clusters.assignments);
const ari = adjustedRandIndex(truth, clusters.assignments);
console.log(`\nAgreement with the ${new Set(truth).size} planted topics: NMI ${nmi.toFixed(2)}, ARI ${ari.toFixed(2)} (1 = identical, 0 = chance)`);

// 3. Key phrases: multi-word expressions many customers use.
const phrases = extractKeyphrases(texts, { top: 10 }).phrases;
console.log('\nKey phrases (RAKE score x ln(1 + texts)):');
for (const p of phrases) console.log(`  ${p.phrase.padEnd(28)} in ${String(p.documents).padStart(3)} texts, score ${p.score.toFixed(1)}`);

// 4. A team's own theme list: plain words and phrases, and `*` wildcards within a word.
const taxonomy = {
  'late delivery': ['late', 'delay*', 'still waiting', 'tracking'],
  'out of stock': ['out of stock', 'sold out', 'backorder*', 'restock*', 'unavailable'],
  'price': ['price*', 'expensive', 'overpriced', 'cost*'],
  'broken or faulty': ['broke*', 'faulty', 'defect*', 'overheat*', 'falling apart', 'stopped working'],
};
const tagged = tagThemes(scored, taxonomy, { ignoreNegated: true });
console.log(`\nTagged with the team's list (${tagged.untagged} of ${texts.length} texts match no theme):`);
for (const [theme, count] of Object.entries(tagged.counts)) {
  const members = tagged.records.filter((r) => r.themes.includes(theme));
  const mean = members.reduce((sum, r) => sum + r.sentiment.score, 0) / Math.max(1, members.length);
  const first = members[0]?.themeMatches.find((m) => m.theme === theme);
  const why = first === undefined ? '' : `, e.g. rule '${first.rule}' matched "${first.matched}"`;
  console.log(`  ${theme.padEnd(17)} ${String(count).padStart(4)} texts, mean sentiment ${mean.toFixed(2)}${why}`);
}

// 5. Rules can also be compromise match patterns (parsed per text, so used here on the late-delivery texts
// only): how late were they?
const late = tagged.records.filter((r) => r.themes.includes('late delivery'));
const howLate = tagThemes(late, { 'days or weeks late': ['#Value (day|days|week|weeks)'] });
console.log(`\nOf the ${late.length} late-delivery texts, ${howLate.counts['days or weeks late']} say how late:`);
for (const r of howLate.records.filter((x) => x.themes.length > 0).slice(0, 4)) {
  console.log(`  "${r.themeMatches[0]?.matched}" in: ${r.text}`);
}
