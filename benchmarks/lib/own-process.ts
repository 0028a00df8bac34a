/**
 * Speed measured with each contender in its own process (benchmarks/tokenize.ts, benchmarks/lib/sentiment-speed.ts).
 *
 * Every contender gets the same work, the same warm-up rounds and the same timed rounds, interleaved one pass at a
 * time with the order rotated every round; a pass is timed in CPU time of its own process (`process.cpuUsage`) and
 * ends with a scavenge of its young generation inside its timing (its garbage is billed to it).
 *
 * Parent: `timeInOwnProcesses(file, variable, count, rounds, warmup)` forks `file` `count` times with the environment
 * variable set to the contender's index; child: `serveTimedPasses(pass)` answers each 'pass' message with one timed
 * pass.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** One timed pass: what the pass returned (a count or a checksum), its CPU and wall milliseconds. */
export interface TimedPass {
  readonly value: number;
  readonly cpuMs: number;
  readonly wallMs: number;
}

/** Child side: says 'ready', then runs one timed pass per 'pass' message until 'stop'. */
export function serveTimedPasses(pass: () => number): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (options?: { type: 'major' | 'minor' }) => void;
  process.on('message', (message: string) => {
    if (message === 'stop') {
      process.disconnect?.();
      return;
    }
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const value = pass();
    gc({ type: 'minor' });
    const cpu = process.cpuUsage(cpuStarted);
    const result: TimedPass = { value, cpuMs: (cpu.user + cpu.system) / 1000, wallMs: performance.now() - started };
    process.send?.(result);
  });
  process.send?.('ready');
}

/**
 * Parent side: forks `file` once per contender (index in the environment variable `variable`), waits for every
 * 'ready', runs `warmup` untimed and `rounds` timed interleaved rounds, and stops the children. Returns per contender
 * the CPU and wall ms of each timed pass, in round order, and the value of its last pass.
 */
export async function timeInOwnProcesses(
  file: string,
  variable: string,
  indices: readonly number[],
  rounds: number,
  warmup: number,
): Promise<{ cpuMs: number[][]; wallMs: number[][]; values: number[] }> {
  // Children run `file` (under tsx when it is TypeScript: fork passes node's flags on).
  const workers = indices.map((index) => fork(file, [], { env: { ...process.env, [variable]: String(index) }, stdio: 'inherit' }));
  // One message per request; the error listener is removed with it (one per pass would pile up on the child).
  const next = (worker: ChildProcess): Promise<unknown> =>
    new Promise((resolvePass, reject) => {
      const onMessage = (message: unknown): void => {
        worker.off('error', reject);
        resolvePass(message);
      };
      worker.once('message', onMessage);
      worker.once('error', reject);
    });
  await Promise.all(workers.map(next));
  const cpuMs = workers.map((): number[] => []);
  const wallMs = workers.map((): number[] => []);
  const values = workers.map(() => 0);
  for (let round = -warmup; round < rounds; round++) {
    // Rotate the order every round so that no contender always follows the same one.
    const offset = ((round % workers.length) + workers.length) % workers.length;
    for (let i = 0; i < workers.length; i++) {
      const at = (i + offset) % workers.length;
      const worker = workers[at] as ChildProcess;
      const reply = next(worker);
      worker.send('pass');
      const result = (await reply) as TimedPass;
      values[at] = result.value;
      if (round >= 0) {
        cpuMs[at]?.push(result.cpuMs);
        wallMs[at]?.push(result.wallMs);
      }
    }
  }
  for (const worker of workers) worker.send('stop');
  return { cpuMs, wallMs, values };
}
