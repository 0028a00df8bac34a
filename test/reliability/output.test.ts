/**
 * CLI robustness (issue #9): atomic report writing, a one-line error for an unwritable output directory, and an
 * interrupted run (SIGINT) that leaves no report file that looks complete.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FeedbackMinerError } from '../../src/errors';
import { ensureWritableDir, writeFileAtomic } from '../../src/node/output';

async function folder(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'fm-output-'));
}

async function rejection(promise: Promise<unknown>): Promise<FeedbackMinerError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FeedbackMinerError);
  return error as FeedbackMinerError;
}

describe('writeFileAtomic(path, data)', () => {
  it('writes the whole content, replaces an old file, and leaves no temporary file', async () => {
    const dir = await folder();
    const path = join(dir, 'report.json');
    await writeFile(path, 'old');
    await writeFileAtomic(path, '{"ok":true}');
    expect(await readFile(path, 'utf8')).toBe('{"ok":true}');
    await writeFileAtomic(path, new TextEncoder().encode('bytes'));
    expect(await readFile(path, 'utf8')).toBe('bytes');
    expect(await readdir(dir)).toEqual(['report.json']);
  });

  it('a path under a regular file is IO_ERROR in one line naming the file and the reason; nothing is left', async () => {
    const dir = await folder();
    await writeFile(join(dir, 'blocker'), 'x');
    const error = await rejection(writeFileAtomic(join(dir, 'blocker', 'report.json'), 'x'));
    expect(error.code).toBe('IO_ERROR');
    expect(error.message).toMatch(/^writeFileAtomic: cannot write .*blocker\/report\.json: .*\(ENOTDIR\)$/);
    expect(error.message).not.toMatch(/\n/);
    expect(await readdir(dir)).toEqual(['blocker']);
  });

  it('a path that is a directory is IO_ERROR and the temporary file is removed', async () => {
    const dir = await folder();
    await mkdir(join(dir, 'report.json'));
    const error = await rejection(writeFileAtomic(join(dir, 'report.json'), 'x'));
    expect(error.code).toBe('IO_ERROR');
    expect((await readdir(dir)).sort()).toEqual(['report.json']);
  });

  it('misuse: a number as path or data is INVALID_ARGUMENT', async () => {
    expect((await rejection(writeFileAtomic(42 as never, 'x'))).code).toBe('INVALID_ARGUMENT');
    expect((await rejection(writeFileAtomic('/tmp/x', 42 as never))).code).toBe('INVALID_ARGUMENT');
  });
});

describe('ensureWritableDir(dir)', () => {
  it('creates missing parents', async () => {
    const dir = join(await folder(), 'a', 'b', 'c');
    await ensureWritableDir(dir);
    expect(existsSync(dir)).toBe(true);
  });

  it('a directory under a regular file is IO_ERROR in one line naming the directory and the reason', async () => {
    const root = await folder();
    await writeFile(join(root, 'blocker'), 'x');
    const target = join(root, 'blocker', 'out');
    const error = await rejection(ensureWritableDir(target));
    expect(error.code).toBe('IO_ERROR');
    expect(error.message).toBe(`ensureWritableDir: cannot create output folder ${target} or write in it: a part of the path is a file, not a directory (ENOTDIR)`);
  });

  it('a path that is a regular file is IO_ERROR', async () => {
    const root = await folder();
    await writeFile(join(root, 'file'), 'x');
    const error = await rejection(ensureWritableDir(join(root, 'file')));
    expect(error.code).toBe('IO_ERROR');
    expect(error.message).toMatch(/\(EEXIST\)$/);
  });

  it.skipIf(typeof process.getuid === 'function' && process.getuid() === 0)('a read-only directory is IO_ERROR (EACCES); root ignores modes, so skipped as root', async () => {
    const root = await folder();
    await chmod(root, 0o500);
    const error = await rejection(ensureWritableDir(root));
    expect(error.message).toMatch(/EACCES/);
    await chmod(root, 0o700);
  });
});

/** Runs the CLI in a child process; resolves with its exit code, signal, stdout and stderr. */
function cli(args: string[], options: { killAfterMs?: number } = {}): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/node/cli.ts', ...args], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let timer: NodeJS.Timeout | undefined;
    if (options.killAfterMs !== undefined) timer = setTimeout(() => child.kill('SIGINT'), options.killAfterMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer !== undefined) clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

const REPORTS = ['report.html', 'report.md', 'report.json'];

/** A report file that looks complete: HTML closed, JSON parseable, Markdown non-empty. */
async function looksComplete(path: string): Promise<boolean> {
  const text = await readFile(path, 'utf8');
  if (path.endsWith('.html')) return /<\/html>\s*$/i.test(text);
  if (path.endsWith('.json')) {
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  }
  return text.length > 0;
}

describe('feedback-miner CLI, interrupted and unwritable (child processes)', () => {
  it('demo --out under a regular file: exit 1, one line on stderr naming the folder', async () => {
    const root = await folder();
    await writeFile(join(root, 'blocker'), 'x');
    const result = await cli(['demo', '--out', join(root, 'blocker', 'out'), '--quiet']);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(join(root, 'blocker', 'out'));
  }, 120_000);

  it('demo killed with SIGINT at several moments leaves each report either absent or complete, never partial', async () => {
    // Kill times spread over the run (start-up, analysis, writing); whatever the moment, a report file present
    // under its final name must be complete: only `.partial-` temporaries may be incomplete.
    for (const killAfterMs of [300, 1500, 3000, 5000]) {
      const out = join(await folder(), 'out');
      const result = await cli(['demo', '--out', out, '--quiet'], { killAfterMs });
      const names = existsSync(out) ? await readdir(out) : [];
      for (const name of names.filter((n) => REPORTS.includes(n))) {
        expect(await looksComplete(join(out, name)), `${name} after SIGINT at ${killAfterMs} ms`).toBe(true);
      }
      for (const name of names) expect(REPORTS.includes(name) || name.includes('.partial-'), name).toBe(true);
      expect(result.code !== 0 || names.filter((n) => REPORTS.includes(n)).length === 3).toBe(true);
    }
  }, 240_000);
});
