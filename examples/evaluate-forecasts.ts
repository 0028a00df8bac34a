/**
 * Look back at the plan: two years of simulated monthly planning cycles, each forecasting 1 to 3 months ahead for
 * every product and region, at three steps of the process (naive, statistical, consensus). How accurate was the
 * consensus plan at each horizon, which items are biased (and did the tracking signal catch the bias the
 * simulator planted), did each step of the process add value, and what lessons do the cycles teach?
 *
 * Run:  npx tsx examples/evaluate-forecasts.ts [seed]
 *       npx deno run --allow-read --allow-env examples/evaluate-forecasts.ts [seed]
 */
import process from 'node:process';
import { compareCycles, forecastAccuracy, forecastValueAdded, simulate } from 'feedback-miner';

const seed = Number(process.argv[2] ?? 7);
const sim = simulate({ seed });
const rows = sim.forecasts;
const cycles = [...new Set(rows.map((r) => r.cycle ?? ''))].sort();
const groups = [...new Set(rows.map((r) => r.group))].sort();
console.log(`${rows.length} forecast rows: ${cycles.length} cycles (${cycles[0]} to ${cycles.at(-1)}), ${groups.length} items, steps ${[...new Set(rows.map((r) => r.step))].join(' -> ')}`);

const fmt = (x: number | null | undefined, digits = 1): string => (x === null || x === undefined ? 'n/a' : x.toFixed(digits));
const consensus = rows.filter((r) => r.step === 'consensus');

// 1. Accuracy by horizon: the further ahead, the worse it should be.
const byLag = forecastAccuracy(consensus, { by: 'lag' });
console.log(`\nConsensus forecast by horizon (${byLag.rejected.length} rows not scored: ${byLag.rejected[0]?.reason ?? ''}):`);
console.log('| months ahead | rows | WAPE | MAPE | bias | MASE |');
console.log('|---|---|---|---|---|---|');
for (const g of byLag.groups) {
  console.log(`| ${g.key.lag} | ${g.n} | ${fmt(g.wape)}% | ${fmt(g.mape)}% | ${fmt(g.biasPercent)}% | ${fmt(g.mase, 2)} |`);
}

// 2. Per item at one month ahead: bias and the tracking signal (sum of errors / MAD; |TS| > 4 is flagged).
const planted = new Map(sim.truth.forecastBias.map((b) => [b.group, b.bias]));
const byItem = forecastAccuracy(consensus, { by: 'group', lag: 1 });
console.log('\nOne month ahead, per item (bias > 0 means over-forecast):');
console.log('| item | WAPE | bias | tracking signal | flag | planted bias |');
console.log('|---|---|---|---|---|---|');
for (const g of byItem.groups) {
  const bias = planted.get(g.key.group ?? '') ?? 0;
  console.log(`| ${g.key.group} | ${fmt(g.wape)}% | ${fmt(g.biasPercent)}% | ${fmt(g.trackingSignal)} | ${g.trackingSignalFlag ?? ''} | ${bias === 0 ? '' : `${bias > 0 ? '+' : ''}${(100 * bias).toFixed(0)}%`} |`);
}
const flagged = byItem.groups.filter((g) => g.trackingSignalFlag !== null).map((g) => g.key.group);
const biased = [...planted].filter(([, b]) => b !== 0).map(([g]) => g);
console.log(`Flagged ${flagged.length} item(s); ${biased.filter((g) => flagged.includes(g)).length} of the ${biased.length} with a planted bias among them.`);

// 3. Forecast value added: does each step of the process beat the one before?
console.log('\nForecast value added, one month ahead (WAPE; positive = the step made the forecast better):');
for (const s of forecastValueAdded(rows.filter((r) => r.lag === 1)).steps) {
  const added = s.valueAdded === null ? '' : `, ${s.valueAdded > 0 ? '+' : ''}${s.valueAdded.toFixed(1)} points over the step before, better on ${Math.round(100 * (s.shareBetter ?? 0))}% of items`;
  console.log(`  ${s.step.padEnd(12)} WAPE ${fmt(s.value)}%${added}`);
}

// 4. Lessons across cycles: accuracy trend, chronic bias, and each large miss classified (known event,
// structural break, bias or noise). The events are what the planners knew of: the actions taken.
const events = sim.actions.map((a) => ({
  description: a.description,
  from: a.date.slice(0, 7),
  to: a.date.slice(0, 7),
  ...(a.scope.product !== undefined && a.scope.region !== undefined ? { group: `${a.scope.product}/${a.scope.region}` } : {}),
}));
const lessons = compareCycles(
  cycles.map((id) => ({ id, rows: consensus.filter((r) => r.cycle === id && r.lag === 1) })),
  { events },
);
console.log(`\nLessons from ${lessons.cycles.length} cycles, one month ahead:`);
for (const metric of ['wape', 'absBiasPercent'] as const) {
  const steps = lessons.changes.filter((c) => c.metric === metric);
  const verdicts = countBy(steps.map((c) => c.verdict));
  console.log(`  - ${metric === 'wape' ? 'WAPE' : '|bias|'} from one cycle to the next: ${verdicts}`);
}
for (const b of lessons.chronicBias) {
  console.log(`  - ${b.group} is chronically ${b.direction === 'over-forecast' ? 'over' : 'under'}-forecast: ${b.cyclesInDirection} of ${b.cycles} cycles, mean bias ${b.meanBiasPercent.toFixed(1)}%, sign test p = ${b.signTestPValue.toPrecision(2)}`);
}
console.log(`  - ${lessons.misses.length} large miss(es) (error >= 3 x the item's naive MAE)${lessons.misses.length > 0 ? `: ${countBy(lessons.misses.map((m) => m.cause))}` : ''}`);
for (const m of lessons.misses.slice(0, 5)) console.log(`      ${m.cycle} ${m.group} ${m.period}: forecast ${m.forecast}, actual ${m.actual} (${m.cause}: ${m.detail})`);

function countBy(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n} ${k}`).join(', ') || 'none';
}
