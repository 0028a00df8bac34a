/**
 * Find where sales broke from their pattern: two years of simulated weekly unit sales per product, region and
 * channel (24 series), each checked for one-week surprises (seasonal hybrid ESD, with the promotion and holiday
 * calendar passed as known events) and for lasting level shifts (PELT change points); then the findings are set
 * against what the simulator planted. Last, a streaming detector watches one daily series point by point, its
 * state saved to JSON half-way and restored, as a job that runs every night would do.
 *
 * Run:  npx tsx examples/detect-sales-anomalies.ts [seed]
 *       npx deno run --allow-read --allow-env examples/detect-sales-anomalies.ts [seed]
 */
import process from 'node:process';
import {
  type Anomaly,
  type CalendarEvent,
  type ChangePoint,
  createStreamingDetector,
  detectAnomalies,
  detectChangePoints,
  restoreStreamingDetector,
  simulate,
  toSeries,
} from 'feedback-miner';

const seed = Number(process.argv[2] ?? 7);
const sim = simulate({ seed });
const DAY = 86_400_000;
const addDays = (iso: string, days: number): string => new Date(Date.parse(iso) + days * DAY).toISOString().slice(0, 10);

// Weekly units per product x region x channel; a week without a record would stay a visible gap, never a 0.
const set = toSeries(sim.sales, { by: ['product', 'region', 'channel'], value: 'units', freq: 'week' });
console.log(`${set.series.length} weekly series of ${set.series[0]?.points.length} weeks (seed ${seed}), ${set.rejected.length} rows rejected`);

// The calendar a planner knows in advance: promotions (here the simulator's) and holidays.
const holidays: CalendarEvent[] = sim.truth.holidays.map((h) => ({ name: h.name, start: h.week, end: addDays(h.week, 6) }));
const promotions = sim.truth.events.filter((e) => e.kind === 'promotion');
const matches = (scope: Readonly<Record<string, string>>, dims: Readonly<Record<string, string>>): boolean =>
  Object.entries(scope).every(([k, v]) => dims[k] === v);

interface Finding {
  readonly segment: string;
  readonly dims: Readonly<Record<string, string>>;
  readonly anomalies: Anomaly[];
  readonly changes: ChangePoint[];
}
// Change points are looked for around a yearly cycle (period 52 weeks): two years are too few cycles for the
// 'auto' period test to find it, and without it the seasonal swings read as level shifts (7 a series here).
const findings: Finding[] = [];
for (const s of set.series) {
  const points = s.points.map((p) => ({ t: p.t, value: p.value }));
  const events: CalendarEvent[] = [
    ...holidays,
    ...promotions.filter((e) => matches(e.scope, s.dimensions)).map((e) => ({ name: e.cause, start: e.start, end: addDays(e.end, 6) })),
  ];
  findings.push({
    segment: `${s.dimensions.product} ${s.dimensions.region} ${s.dimensions.channel}`,
    dims: s.dimensions,
    anomalies: detectAnomalies(points, { events }),
    changes: detectChangePoints(points, { period: 52 }),
  });
}

// 1. Surprises: anomalies that no known event explains, strongest first.
const surprises = findings
  .flatMap((f) => f.anomalies.filter((a) => a.event === undefined).map((a) => ({ segment: f.segment, a })))
  .sort((x, y) => y.a.score - x.a.score);
const explained = findings.reduce((n, f) => n + f.anomalies.filter((a) => a.event !== undefined).length, 0);
console.log(`\n${surprises.length} surprising weeks (and ${explained} more on a known promotion or holiday):`);
console.log('| segment | week | units | expected | band | direction | score |');
console.log('|---|---|---|---|---|---|---|');
for (const { segment, a } of surprises.slice(0, 12)) {
  console.log(`| ${segment} | ${a.t} | ${a.value} | ${a.expected.toFixed(0)} | ${a.lower.toFixed(0)}-${a.upper.toFixed(0)} | ${a.direction} | ${a.score.toFixed(1)} |`);
}

// 2. Lasting shifts in level: the largest in each series that has any.
const shifted = findings.filter((f) => f.changes.length > 0);
console.log(`\nLevel shifts (PELT) in ${shifted.length} of ${findings.length} series; the largest of each:`);
const pct = (c: ChangePoint): number => (100 * (c.after - c.before)) / c.before;
for (const f of shifted) {
  const c = f.changes.reduce((a, b) => (Math.abs(pct(b)) > Math.abs(pct(a)) ? b : a));
  const others = f.changes.length - 1;
  console.log(`  ${f.segment.padEnd(22)} from ${c.t}: ${c.before.toFixed(0)} -> ${c.after.toFixed(0)} units a week (${pct(c) > 0 ? '+' : ''}${pct(c).toFixed(0)}%)${others > 0 ? `, and ${others} more` : ''}`);
}

// 3. Against what was planted: was each event seen within a week of its start (a week before to a week after), on a segment it touched?
console.log('\n| planted event | from | segments | found |');
console.log('|---|---|---|---|');
let found = 0;
const planted = sim.truth.events.filter((e) => e.kind !== 'promotion');
for (const e of planted) {
  const from = Date.parse(e.start) - 7 * DAY;
  const to = Date.parse(e.start) + 7 * DAY;
  const near = (t: string | number): boolean => Date.parse(String(t)) >= from && Date.parse(String(t)) <= to;
  const hits = findings
    .filter((f) => matches(e.scope, f.dims))
    .flatMap((f) => [
      ...f.anomalies.filter((a) => near(a.t)).map((a) => `${f.segment}: ${a.direction} week ${a.t}`),
      ...f.changes.filter((c) => near(c.t)).map((c) => `${f.segment}: shift ${c.t}`),
    ]);
  if (hits.length > 0) found += 1;
  const segments = e.segments.length;
  console.log(`| ${e.cause} | ${e.start} | ${segments} | ${hits.length === 0 ? 'missed' : `${hits.slice(0, 2).join('; ')}${hits.length > 2 ? ` (+${hits.length - 2})` : ''}`} |`);
}
console.log(`${found} of ${planted.length} planted events found.`);

// 4. Streaming: daily series, scored point by point with only the points before them. A year of daily data
// with a planted stock-out; each series the stock-out touched gets its own detector.
const daily = simulate({ seed, frequency: 'day', weeks: 52 });
const stockOut = daily.truth.events.find((e) => e.kind === 'stock-out');
const options = { window: 365 };
for (const scope of stockOut?.segments ?? []) {
  const stream = daily.sales
    .filter((r) => r.product === scope.product && r.region === scope.region && r.channel === scope.channel)
    .map((r) => ({ t: r.date, value: r.units ?? Number.NaN }));
  let detector = createStreamingDetector(options);
  const alarms: string[] = [];
  const half = Math.floor(stream.length / 2);
  let savedBytes = 0;
  stream.forEach((point, i) => {
    if (i === half) {
      // A nightly job would write this to disk or a database and restore it the next night.
      const saved = JSON.stringify(detector.state());
      savedBytes = saved.length;
      detector = restoreStreamingDetector(JSON.parse(saved));
    }
    const result = detector.update(point);
    if (result.isAnomaly) alarms.push(`${point.t}: ${point.value} units, expected ${result.expected.toFixed(0)} (score ${result.score.toFixed(4)})`);
  });
  // The same stream without the save and restore gives the same alarms.
  const straight = createStreamingDetector(options);
  const again = stream.filter((p) => straight.update(p).isAnomaly).length;
  console.log(`\nStreaming, ${scope.product} ${scope.region} ${scope.channel}, ${stream.length} days (state saved at day ${half}: ${(savedBytes / 1024).toFixed(1)} kB of JSON):`);
  for (const alarm of alarms) console.log(`  ${alarm}`);
  console.log(`  ${alarms.length} alarm(s); without the save and restore: ${again}${again === alarms.length ? ' (identical)' : ' (DIFFERENT)'}`);
}
if (stockOut !== undefined) console.log(`(planted: ${stockOut.cause}, ${stockOut.start} to ${addDays(stockOut.end, 6)}, units x ${stockOut.effect})`);
