/**
 * Streaming `feedback-miner analyze` on a large feedback file (issues 7, 8): peak memory and throughput of the CLI
 * when the feedback does not fit the way `analyze(records)` holds it.
 *
 * Run: npx tsx benchmarks/analyze-1gb.ts [--size=100MB|1GB|...] [--seed=7] [--keep] [--threads=N]
 *
 * `--threads=N` is passed to the CLI (`analyze --threads N`; without it the CLI's default, the cores capped at 4).
 *
 * 1. Generates, streamed to disk in .tmp/ (never built in memory), a feedback CSV of about `--size` bytes: the
 *    seeded simulator's two years of feedback (`simulate`, with its planted events), then seeded texts from
 *    `generateFeedbackTexts` (5-60 words, chunked by offset) dated uniformly over the same two years, with products,
 *    regions, sources and survey ratings drawn from a seeded hash of the row; and the matching sales CSV.
 *    Files are reused when they exist with the same size and seed (--keep is then implied).
 * 2. Runs the CLI (`tsx src/node/cli.ts analyze`) on them as a child process, under `/usr/bin/time -v` when present
 *    (peak RSS = "Maximum resident set size"), else with the child's `process.resourceUsage().maxRSS` printed at exit.
 * 3. Records wall time, rows/s (rows of the feedback file over the wall time of the whole run, both passes, sales
 *    and report included), CPU seconds of the child (user + system, from `/usr/bin/time`; on a shared machine CPU
 *    microseconds per row is the fair figure to compare) and peak RSS of the child; the target is a peak RSS under
 *    600 MB on 1 GB.
 * Prints a markdown table and writes benchmarks/results/analyze-1gb.json (or analyze-<size>.json).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { simulate } from '../src/simulate';
import { writeFeedbackCsv, writeSalesCsv } from './lib/synthetic-csv';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];

function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(kb|mb|gb)?$/i.exec(text.trim());
  if (match === null) throw new Error(`--size: expected e.g. 100MB or 1GB, found ${text}`);
  const unit = (match[2] ?? 'b').toLowerCase();
  return Math.round(Number(match[1]) * (unit === 'gb' ? 1024 ** 3 : unit === 'mb' ? 1024 ** 2 : unit === 'kb' ? 1024 : 1));
}

const sizeLabel = arg('size') ?? '1GB';
const target = parseSize(sizeLabel);
const seed = Number(arg('seed') ?? '7');
const threads = arg('threads');
if (threads !== undefined && !/^\d+$/.test(threads)) throw new Error(`--threads: expected a positive integer, found ${threads}`);
const tmp = join(root, '.tmp', 'analyze-bench');
mkdirSync(tmp, { recursive: true });
const feedbackPath = join(tmp, `feedback-${sizeLabel}-seed${seed}.csv`);
const salesPath = join(tmp, `sales-seed${seed}.csv`);
const outDir = join(tmp, `report-${sizeLabel}`);

async function generate(): Promise<{ rows: number; bytes: number; seconds: number }> {
  const started = performance.now();
  const data = simulate({ seed, weeks: 104 });
  writeSalesCsv(salesPath, data);
  if (existsSync(feedbackPath) && statSync(feedbackPath).size >= target) {
    return { rows: -1, bytes: statSync(feedbackPath).size, seconds: 0 };
  }
  // Rows are generated until the file reaches the target size.
  const { rows, bytes } = await writeFeedbackCsv(feedbackPath, data, { seed, includeSimulated: true, stop: (_, written) => written >= target });
  return { rows, bytes, seconds: (performance.now() - started) / 1000 };
}

interface Run {
  readonly seconds: number;
  readonly peakRssMB: number | null;
  /** User + system CPU seconds of the child (null without /usr/bin/time). */
  readonly cpuSeconds: number | null;
  readonly rows: number | null;
  readonly rowsPerSecond: number | null;
  readonly exitCode: number | null;
  readonly stderrTail: string;
}

async function runCli(): Promise<Run> {
  const tsx = join(root, 'node_modules', '.bin', 'tsx');
  const cli = [tsx, join(root, 'src', 'node', 'cli.ts'), 'analyze', '--feedback', feedbackPath, '--sales', salesPath, '--out', outDir, '--format', 'json,md', ...(threads === undefined ? [] : ['--threads', threads])];
  const useTime = existsSync('/usr/bin/time');
  const command = useTime ? '/usr/bin/time' : cli[0]!;
  const args = useTime ? ['-v', ...cli] : cli.slice(1);
  const started = performance.now();
  const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FM_PRINT_MAXRSS: '1' } });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (stderr.length > 200_000) stderr = stderr.slice(-100_000);
  });
  child.stdout.resume();
  const [code] = (await once(child, 'exit')) as [number | null];
  const seconds = (performance.now() - started) / 1000;
  const rssKb = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1];
  const user = /User time \(seconds\): ([\d.]+)/.exec(stderr)?.[1];
  const system = /System time \(seconds\): ([\d.]+)/.exec(stderr)?.[1];
  const rows = /feedback: ([\d,]+) rows in/.exec(stderr)?.[1];
  const rowCount = rows === undefined ? null : Number(rows.replaceAll(',', ''));
  return {
    seconds,
    peakRssMB: rssKb === undefined ? null : Number(rssKb) / 1024,
    cpuSeconds: user === undefined || system === undefined ? null : Number(user) + Number(system),
    rows: rowCount,
    rowsPerSecond: rowCount === null ? null : rowCount / seconds,
    exitCode: code,
    stderrTail: stderr.split('\n').filter((l) => !/^\s/.test(l) || /Maximum resident|Elapsed/.test(l)).slice(-12).join('\n'),
  };
}

const load = loadavg().map((x) => x.toFixed(2)).join(' ');
const generated = await generate();
const file = statSync(feedbackPath).size;
console.log(`feedback file ${feedbackPath}: ${(file / 1048576).toFixed(0)} MB${generated.rows >= 0 ? `, ${generated.rows.toLocaleString('en')} rows, generated in ${generated.seconds.toFixed(0)} s` : ' (reused)'}`);
const run = await runCli();
const loadAfter = loadavg().map((x) => x.toFixed(2)).join(' ');
console.log(run.stderrTail);
console.log('');
console.log('| file | threads | rows | wall time | rows/s | CPU (user+sys) | CPU us/row | peak RSS (child) | target | load average (before / after) |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
const cpuPerRow = run.cpuSeconds === null || run.rows === null ? null : (run.cpuSeconds * 1e6) / run.rows;
console.log(
  `| ${(file / 1048576).toFixed(0)} MB | ${threads ?? 'default'} | ${run.rows?.toLocaleString('en') ?? '?'} | ${run.seconds.toFixed(1)} s | ${run.rowsPerSecond === null ? '?' : Math.round(run.rowsPerSecond).toLocaleString('en')} | ${run.cpuSeconds === null ? '?' : `${run.cpuSeconds.toFixed(1)} s`} | ${cpuPerRow === null ? '?' : cpuPerRow.toFixed(0)} | ${run.peakRssMB === null ? '?' : `${run.peakRssMB.toFixed(0)} MB`} | < 600 MB on 1 GB | ${load} / ${loadAfter} |`,
);
const results = join(root, 'benchmarks', 'results');
mkdirSync(results, { recursive: true });
const suffix = threads === undefined ? '' : `-threads${threads}`;
const name = sizeLabel.toUpperCase() === '1GB' ? `analyze-1gb${suffix}.json` : `analyze-${sizeLabel.toLowerCase()}${suffix}.json`;
writeFileSync(
  join(results, name),
  JSON.stringify(
    {
      benchmark: 'analyze-1gb',
      size: sizeLabel,
      fileBytes: file,
      seed,
      threads: threads === undefined ? 'default' : Number(threads),
      rows: run.rows,
      wallSeconds: run.seconds,
      rowsPerSecond: run.rowsPerSecond,
      peakRssMB: run.peakRssMB,
      cpuSeconds: run.cpuSeconds,
      cpuMicrosecondsPerRow: cpuPerRow,
      targetPeakRssMB: 600,
      exitCode: run.exitCode,
      command: `npx tsx benchmarks/analyze-1gb.ts --size=${sizeLabel}${threads === undefined ? '' : ` --threads=${threads}`}`,
      machine: { cpus: cpus().length, totalMemoryMB: Math.round(totalmem() / 1048576), node: process.version, loadBefore: load, loadAfter },
    },
    null,
    2,
  ),
);
if (run.exitCode !== 0) process.exitCode = 1;
