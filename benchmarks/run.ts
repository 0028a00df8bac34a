/**
 * Runs every benchmark in benchmarks/ (all *.ts scripts except run.ts and compare.ts), each in its own process,
 * and writes one benchmarks/results/all.json with the machine (cpus, memory, load), the Node version, the git
 * commit and every figure (the JSON each script wrote to benchmarks/results/).
 *
 * Run: npx tsx benchmarks/run.ts [--quick]   (npm run bench / npm run bench:quick)
 *
 * With --quick each script gets --quick; scripts whose source never mentions --quick cannot be quick and are
 * skipped, and the whole run keeps to a budget of 110 s (each script at most 60 s; scripts not started in
 * time are listed as skipped), so CI finishes in under 2 minutes. Scripts that skip (no dev data) still count as
 * run. Exits non-zero when a script failed.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
const resultsDir = join(here, 'results');
mkdirSync(resultsDir, { recursive: true });
const quick = process.argv.includes('--quick');
const budgetMs = quick ? 110_000 : Infinity;
const perScriptMs = quick ? 60_000 : 30 * 60_000;

const scripts = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && f !== 'compare.ts')
  .sort();

interface Outcome {
  readonly script: string;
  readonly status: 'ok' | 'failed' | 'timeout' | 'skipped';
  readonly seconds: number;
  readonly reason?: string;
  readonly results: string[];
}

function runScript(script: string, timeoutMs: number): Promise<{ code: number | null; timedOut: boolean; tail: string }> {
  return new Promise((resolve) => {
    const args = ['--import', 'tsx', join(here, script), ...(quick ? ['--quick'] : [])];
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const keep = (chunk: Buffer, echo: NodeJS.WriteStream): void => {
      echo.write(chunk);
      tail = (tail + chunk.toString()).slice(-2000);
    };
    child.stdout.on('data', (c: Buffer) => keep(c, process.stdout));
    child.stderr.on('data', (c: Buffer) => keep(c, process.stderr));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, timedOut, tail });
    });
  });
}

function gitCommit(): { commit: string | null; dirty: boolean | null } {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8' });
    return { commit, dirty: status.trim() !== '' };
  } catch {
    return { commit: null, dirty: null };
  }
}

const started = Date.now();
const outcomes: Outcome[] = [];
for (const script of scripts) {
  const source = readFileSync(join(here, script), 'utf8');
  if (quick && !source.includes('--quick')) {
    outcomes.push({ script, status: 'skipped', seconds: 0, reason: 'has no --quick mode', results: [] });
    continue;
  }
  const left = budgetMs - (Date.now() - started);
  if (left < 5_000) {
    outcomes.push({ script, status: 'skipped', seconds: 0, reason: 'the quick budget of 110 s was used up', results: [] });
    continue;
  }
  console.log(`\n## ${script}${quick ? ' --quick' : ''}\n`);
  const before = Date.now();
  const limit = Math.min(perScriptMs, left);
  const { code, timedOut } = await runScript(script, limit);
  const seconds = (Date.now() - before) / 1000;
  const results = readdirSync(resultsDir).filter((f) => f.endsWith('.json') && f !== 'all.json' && statSync(join(resultsDir, f)).mtimeMs >= before - 1);
  outcomes.push({
    script,
    // Cut by the quick budget (not by its own limit): skipped, not failed.
    status: timedOut ? (limit < perScriptMs ? 'skipped' : 'timeout') : code === 0 ? 'ok' : 'failed',
    seconds,
    ...(timedOut ? { reason: `stopped after ${(limit / 1000).toFixed(0)} s` } : code === 0 ? {} : { reason: `exit code ${code}` }),
    results,
  });
}

const figures: Record<string, unknown> = {};
for (const outcome of outcomes) {
  for (const file of outcome.results) {
    try {
      figures[basename(file, '.json')] = JSON.parse(readFileSync(join(resultsDir, file), 'utf8'));
    } catch (error) {
      figures[basename(file, '.json')] = { error: `unreadable: ${(error as Error).message}` };
    }
  }
}

const cpuList = cpus();
const all = {
  kind: 'feedback-miner/benchmarks',
  quick,
  date: new Date().toISOString(),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  git: gitCommit(),
  machine: {
    cpus: cpuList.length,
    cpuModel: cpuList[0]?.model ?? null,
    memoryBytes: totalmem(),
    freeMemoryBytes: freemem(),
    loadAverage: loadavg(),
  },
  totalSeconds: (Date.now() - started) / 1000,
  scripts: outcomes,
  figures,
};
writeFileSync(join(resultsDir, 'all.json'), `${JSON.stringify(all, null, 2)}\n`);

console.log('\n## Summary\n\n| script | status | seconds | results |\n|---|---|---|---|');
for (const o of outcomes) console.log(`| ${o.script} | ${o.status}${o.reason === undefined ? '' : ` (${o.reason})`} | ${o.seconds.toFixed(1)} | ${o.results.join(', ')} |`);
console.log(`\nTotal ${all.totalSeconds.toFixed(1)} s on ${all.machine.cpus} cpus (load ${all.machine.loadAverage.map((l) => l.toFixed(1)).join(' ')}). Wrote ${join(resultsDir, 'all.json')}`);
process.exitCode = outcomes.some((o) => o.status === 'failed' || o.status === 'timeout') ? 1 : 0;
