/**
 * Closing the loop on simulated data: find where sales broke, explain the break from the feedback before it,
 * measure how far feedback leads sales, then look back at the plan (forecast accuracy, value added, lessons
 * across cycles) and at the actions taken.
 *
 * Run:  npx tsx examples/explain-sales-drop.ts [seed]
 *       npx deno run --allow-read --allow-env examples/explain-sales-drop.ts [seed]
 *
 * Themes come from the simulator's labels here, standing in for `tagThemes` / `clusterTexts`.
 */
import process from 'node:process';
import {
  type InsightRecord,
  actionImpact,
  compareCycles,
  detectAnomalies,
  explainAnomaly,
  forecastAccuracy,
  forecastValueAdded,
  linkFeedbackToSales,
  netPromoterScore,
  simulate,
} from 'feedback-miner';

const seed = Number(process.argv[2] ?? 7);
const sim = simulate({ seed });
const labels = new Map(sim.truth.feedbackLabels.map((l) => [l.id, l]));
const feedback: InsightRecord[] = sim.feedback.map((f) => {
  const label = labels.get(f.id);
  if (label === undefined) return f;
  const score = label.polarity === 'negative' ? -0.5 : label.polarity === 'positive' ? 0.5 : 0;
  return { ...f, theme: label.theme, sentiment: { score, label: label.polarity } };
});

// 1. Where did sales break? Weekly units per product and region: a level-shift test, downward only.
const stockOut = sim.truth.events.find((e) => e.kind === 'stock-out');
const segment = stockOut ? { product: stockOut.scope.product as string, region: stockOut.scope.region as string } : { product: 'Aurora', region: 'North' };
const weekly = new Map<string, number>();
for (const row of sim.sales) {
  if (row.product === segment.product && row.region === segment.region) weekly.set(row.date, (weekly.get(row.date) ?? 0) + (row.units ?? 0));
}
const points = [...weekly].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([t, value]) => ({ t, value }));
const anomalies = detectAnomalies(points, { direction: 'down', method: 'level-shift' });
console.log(`# ${segment.product} in ${segment.region}: ${anomalies.length} downward anomalies in weekly units`);

// 2. Explain the first one from the feedback before it.
const first = anomalies[0];
if (first !== undefined) {
  const explanation = explainAnomaly(first, feedback, { segment, kpi: 'units' });
  console.log(explanation.summary);
  for (const d of explanation.drivers.slice(0, 3)) {
    console.log(`  - ${d.name}: ${d.windowCount}/${d.windowN} in ${d.windowDays} days vs ${d.baselineCount}/${explanation.baseline.n}, lift ${d.lift?.toFixed(1)}, q = ${d.qValue?.toPrecision(2)}`);
    for (const q of d.quotes.slice(0, 1)) console.log(`      "${q.text}" (${q.date})`);
  }
}
if (stockOut) console.log(`(planted: ${stockOut.cause} from ${stockOut.start}; '${stockOut.wave?.theme}' complaints from ${stockOut.wave?.start})`);

// 3. How far does the complaint theme lead units, per region?
const links = linkFeedbackToSales(
  feedback.filter((f) => f.product === segment.product),
  sim.sales.filter((s) => s.product === segment.product),
  { freq: 'week', by: ['region'], signal: { theme: stockOut?.wave?.theme ?? 'availability' }, maxLag: 6, leadOnly: true, direction: 'negative' },
);
for (const l of links.links) {
  console.log(`  ${l.segment.region}: best lag ${l.best?.lag} weeks, r = ${l.best?.r.toFixed(2)}, q = ${l.qValue?.toPrecision(2)}${l.significant ? ' (significant)' : ''}`);
}

// 4. NPS of the surveys.
const nps = netPromoterScore(feedback.filter((f) => f.source === 'survey').map((f) => f.rating));
console.log(`\nNPS ${nps.score?.toFixed(1)} (95% ${nps.interval?.lower.toFixed(1)} to ${nps.interval?.upper.toFixed(1)}, n = ${nps.n})`);

// 5. The plan: accuracy of the consensus forecast at lag 1, the stair-step, and lessons across cycles.
const consensus = sim.forecasts.filter((f) => f.step === 'consensus');
const accuracy = forecastAccuracy(consensus, { by: ['lag'] });
for (const g of accuracy.groups) {
  console.log(`lag ${g.key.lag}: WAPE ${g.wape?.toFixed(1)}%, bias ${g.biasPercent?.toFixed(1)}%, MASE ${g.mase?.toFixed(2)}, items with |tracking signal| > 4: ${g.groupsFlagged}`);
}
console.log(`(${accuracy.rejected.length} rows without actuals yet, reported, not scored)`);
const fva = forecastValueAdded(sim.forecasts.filter((f) => f.lag === 1));
for (const s of fva.steps) {
  console.log(`  ${s.step}: WAPE ${s.value?.toFixed(1)}%${s.valueAdded === null ? '' : `, value added ${s.valueAdded.toFixed(1)} points, better on ${Math.round(100 * (s.shareBetter ?? 0))}% of items`}`);
}
const cycleIds = [...new Set(consensus.map((f) => f.cycle as string))].sort();
const lessons = compareCycles(cycleIds.map((id) => ({ id, rows: consensus.filter((f) => f.cycle === id && f.lag === 1) })));
console.log('\nLessons:');
for (const l of lessons.lessons.slice(-6)) console.log(`  - ${l}`);

// 6. Did the actions help?
const impact = actionImpact(sim.actions, sim.sales, { feedback });
console.log('\nActions:');
for (const i of impact.impacts) console.log(`  - ${i.statement}`);
