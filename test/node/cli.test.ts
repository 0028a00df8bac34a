import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/node/cli';

let out: string[] = [];
let err: string[] = [];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void out.push(args.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void err.push(args.join(' ')));
});
afterEach(() => vi.restoreAllMocks());

async function folder(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'fm-cli-'));
}

const FEEDBACK = [
  'id,comment,created_at,source,rating,product,region',
  '1,"Still waiting for my order, 3 weeks now",2026-01-05,support,,A,North',
  '2,Great product; works perfectly,2026-01-06,review,5,A,North',
  '3,"Out of stock again, very frustrating",2026-01-07,social,,A,South',
  '4,,2026-01-08,survey,9,A,North',
  '5,Lovely staff,not-a-date,survey,10,A,North',
  '6,Delivery was late and the box damaged,2026-01-12,review,2,A,South',
  '7,"Excellent value, will buy again",2026-01-13,survey,10,A,South',
  '8,No one answered the phone,2026-01-14,support,,A,North,EXTRA',
  '9,Price went up a lot,2026-01-20,social,,A,North',
  '10,Happy with the service,2026-01-21,survey,8,A,South',
].join('\n');

function sales(): string {
  const rows = ['date,product,region,units'];
  for (let w = 0; w < 20; w += 1) {
    const day = new Date(Date.UTC(2025, 11, 1) + w * 7 * 86_400_000).toISOString().slice(0, 10);
    rows.push(`${day},A,North,${100 + (w % 3)}`);
    rows.push(`${day},A,South,${w === 12 ? 'NaN' : 80 + (w % 2)}`);
  }
  return rows.join('\n');
}

describe('feedback-miner (CLI)', () => {
  it('--help prints usage and exits 0; no command prints usage and exits 2', async () => {
    expect(await main(['--help'])).toBe(0);
    expect(out.join('\n')).toMatch(/Usage:/);
    expect(await main([])).toBe(2);
  });

  it('an unknown command or flag is a usage error (exit 2) in one line', async () => {
    expect(await main(['frobnicate'])).toBe(2);
    expect(err).toEqual(['feedback-miner: unknown command "frobnicate"; see feedback-miner --help']);
    err = [];
    expect(await main(['analyze', '--nope'])).toBe(2);
    expect(err).toHaveLength(1);
  });

  it('analyze without --feedback is a usage error', async () => {
    expect(await main(['analyze', '--sales', 'x.csv', '--out', 'o'])).toBe(2);
    expect(err[0]).toBe('feedback-miner: analyze: --feedback FILE is required');
  });

  it('analyze with a missing file is a one-line error, exit 1', async () => {
    const dir = await folder();
    expect(await main(['analyze', '--feedback', join(dir, 'nope.csv'), '--sales', join(dir, 'nope2.csv'), '--out', dir])).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^feedback-miner: readRows: cannot read .*nope\.csv/);
  });

  it('analyze maps columns, reports malformed rows with file, line and reason, and writes all three reports', async () => {
    const dir = await folder();
    const feedback = join(dir, 'feedback.csv');
    const salesFile = join(dir, 'sales.csv');
    await writeFile(feedback, FEEDBACK);
    await writeFile(salesFile, sales());
    const outDir = join(dir, 'report');
    const code = await main([
      'analyze', '--feedback', feedback, '--sales', salesFile, '--out', outDir,
      '--text-column', 'comment', '--date-column', 'created_at',
    ]);
    expect(code).toBe(0);
    expect((await readdir(outDir)).sort()).toEqual(['report.html', 'report.json', 'report.md']);
    const rejected = err.filter((line) => line.startsWith('rejected:'));
    // Line 5: empty text; line 6: bad date; line 9: an extra field.
    expect(rejected.some((l) => l.includes('feedback.csv:5') && l.includes('[comment]'))).toBe(true);
    expect(rejected.some((l) => l.includes('feedback.csv:6') && l.includes('[created_at]'))).toBe(true);
    expect(rejected.some((l) => l.includes('feedback.csv:9'))).toBe(true);
    const report = JSON.parse(await readFile(join(outDir, 'report.json'), 'utf8')) as {
      dataQuality: { sources: { name: string; rowsRead: number; rowsAccepted: number; rejectedCount: number }[] };
    };
    const source = report.dataQuality.sources.find((s) => s.name === feedback);
    expect(source).toMatchObject({ rowsRead: 10, rowsAccepted: 7, rejectedCount: 3 });
    expect(existsSync(join(outDir, 'report.html.partial-' + process.pid))).toBe(false);
    // The feedback is streamed in shards, two passes; the run ends with its throughput on stderr.
    expect(err.some((line) => /^feedback: 10 rows in [\d.]+ s, [\d,]+ rows\/s \(2 passes over the file; duplicate-id check: a set of 64-bit id hashes, [\d.]+ MB\)$/.test(line))).toBe(true);
  });

  it('analyze --quiet prints nothing on success', async () => {
    const dir = await folder();
    await writeFile(join(dir, 'f.csv'), FEEDBACK);
    await writeFile(join(dir, 's.csv'), sales());
    const code = await main(['analyze', '--feedback', join(dir, 'f.csv'), '--sales', join(dir, 's.csv'), '--out', join(dir, 'r'), '--text-column', 'comment', '--date-column', 'created_at', '--quiet', '--format', 'json']);
    expect(code).toBe(0);
    expect(out).toEqual([]);
    expect(err).toEqual([]);
  });

  it('analyze --strict exits 1 when rows were rejected, after writing the report', async () => {
    const dir = await folder();
    await writeFile(join(dir, 'f.csv'), FEEDBACK.replaceAll('comment', 'text').replaceAll('created_at', 'date'));
    await writeFile(join(dir, 's.csv'), sales());
    const code = await main(['analyze', '--feedback', join(dir, 'f.csv'), '--sales', join(dir, 's.csv'), '--out', join(dir, 'r'), '--strict', '--format', 'json']);
    expect(code).toBe(1);
    expect(existsSync(join(dir, 'r', 'report.json'))).toBe(true);
  });

  it('an output folder that cannot be written is a one-line error, exit 1', async () => {
    const dir = await folder();
    await writeFile(join(dir, 'f.csv'), FEEDBACK);
    await writeFile(join(dir, 's.csv'), sales());
    await writeFile(join(dir, 'blocker'), 'a file where a folder should be');
    const code = await main(['analyze', '--feedback', join(dir, 'f.csv'), '--sales', join(dir, 's.csv'), '--out', join(dir, 'blocker', 'r'), '--text-column', 'comment', '--date-column', 'created_at', '--quiet']);
    expect(code).toBe(1);
    expect(err.filter((l) => l.startsWith('feedback-miner:'))).toHaveLength(1);
    expect(err.find((l) => l.startsWith('feedback-miner:'))).toMatch(/cannot create output folder/);
  });
});
