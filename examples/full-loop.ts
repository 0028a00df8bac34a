/**
 * The full loop, from files to a report a planning meeting can use: two years of simulated feedback, sales,
 * forecasts and actions are written as JSON Lines files (with a few broken rows, as real exports have), read back
 * as streams (`loadInput`), run through the whole pipeline (`analyze`: sentiment, themes, headline figures,
 * sales breaks explained by the feedback before them, forecast accuracy, action impact, data quality), and
 * rendered as a self-contained HTML file, Markdown and JSON in a temporary folder.
 *
 * Run:  npx tsx examples/full-loop.ts [seed]
 *       npx deno run --allow-read --allow-env --allow-write examples/full-loop.ts [seed]
 * Then open the printed report.html in a browser (it needs no network).
 */
import { mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { analyze, renderHtml, renderJson, renderMarkdown, simulate } from 'feedback-miner';
import { loadInput } from 'feedback-miner/node';

const seed = Number(process.argv[2] ?? 7);
const dir = await mkdtemp(join(tmpdir(), 'feedback-miner-loop-'));

// 1. Files, as an export from the survey tool, the ERP and the planning system would give them.
const sim = simulate({ seed });
const jsonl = (rows: readonly unknown[]): string => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
const files = {
  feedback: join(dir, 'feedback.jsonl'),
  sales: join(dir, 'sales.jsonl'),
  forecasts: join(dir, 'forecasts.jsonl'),
  actions: join(dir, 'actions.jsonl'),
};
// Three broken rows: a line cut short, a sale that is not a number, a review without a date.
await writeFile(files.feedback, jsonl(sim.feedback) + '{"id": "x-1", "text": "Great service, tha\n' + JSON.stringify({ id: 'x-2', text: 'No date on this one' }) + '\n');
await writeFile(files.sales, jsonl(sim.sales) + JSON.stringify({ date: '2025-12-29', product: 'Aurora', region: 'North', units: 'n/a' }) + '\n');
await writeFile(files.forecasts, jsonl(sim.forecasts));
await writeFile(files.actions, jsonl(sim.actions));

// 2. Read them back as streams; every row that cannot be used is kept with its file, line and reason.
const quiet = { tick() {}, done() {} };
const input = await loadInput(files, {}, quiet);
console.log(`Read ${input.feedback.length} feedback, ${input.sales.length} sales, ${input.forecasts?.length ?? 0} forecast and ${input.actions?.length ?? 0} action records from ${dir}`);
for (const r of input.rejected ?? []) console.log(`  rejected: ${r.file.split(/[\\/]/).pop()} line ${r.line}${r.field === '' ? '' : `, ${r.field}`}: ${r.reason}`);

// 3. The whole pipeline: one report model (plain data), the same for the same input and options.
const model = analyze(input, { title: 'S&OP feedback review', seed: 1, dataSeed: seed, generatedAt: '2026-01-05' });

console.log(`\n# ${model.title}`);
if (model.period !== undefined) console.log(`Period ${model.period.start} to ${model.period.end}`);
for (const line of model.summary ?? []) console.log(`  * ${line}`);
const h = model.headline;
const show = (value: number, unit: string | undefined, digits: number): string =>
  unit === 'percent' ? `${(100 * value).toFixed(1)}%` : value.toLocaleString('en-US', { maximumFractionDigits: digits });
const figure = (label: string, f: { value: number | null; previous?: number | null; unit?: string } | undefined, digits: number): void => {
  if (f === undefined) return;
  const was = f.previous === undefined || f.previous === null ? '' : ` (previous period ${show(f.previous, f.unit, digits)})`;
  console.log(`  ${label.padEnd(36)} ${f.value === null ? 'n/a' : show(f.value, f.unit, digits)}${was}`);
};
console.log('\nHeadline:');
figure('NPS', h?.nps, 1);
figure('Mean sentiment', h?.sentiment, 2);
figure('Feedback volume', h?.volume, 0);
for (const x of h?.extra ?? []) figure(x.label, x, 1);

console.log(`\nThemes (${model.themes?.length ?? 0}):`);
for (const t of model.themes ?? []) {
  console.log(`  ${t.label.padEnd(36)} ${String(t.size).padStart(5)} records, sentiment ${t.sentiment === null || t.sentiment === undefined ? 'n/a' : t.sentiment.toFixed(2)}`);
}
console.log(`\nSales segments drawn (${model.segments?.length ?? 0}), with their breaks and what may explain them:`);
for (const s of model.segments ?? []) {
  const explained = (s.explanations ?? []).length;
  console.log(`  ${s.label.padEnd(24)} ${s.anomalies.length} anomalies, ${s.changePoints.length} level shifts, ${explained} explained`);
}
if (model.forecast !== undefined) console.log(`\nForecast: ${model.forecast.cycles.length} cycles; lessons:`);
for (const l of (model.forecast?.lessons ?? []).slice(0, 5)) console.log(`  - ${l.text}`);
console.log(`\nActions (${model.actions?.length ?? 0}):`);
for (const a of model.actions ?? []) {
  const effect = a.effect === undefined || a.effect === null ? '' : `: ${a.effect > 0 ? '+' : ''}${(100 * a.effect).toFixed(0)}% ${a.measure ?? ''}`;
  console.log(`  - ${a.date} ${a.description}${effect}${a.verdict === undefined ? '' : ` (${a.verdict})`}`);
}

// 4. Render three ways, into the temporary folder (never into the repository).
const outputs = [
  ['report.html', renderHtml(model)],
  ['report.md', renderMarkdown(model)],
  ['report.json', renderJson(model)],
] as const;
console.log('\nWritten:');
for (const [name, text] of outputs) {
  const path = join(dir, name);
  await writeFile(path, text);
  console.log(`  ${path} (${((await stat(path)).size / 1024).toFixed(0)} kB)`);
}
