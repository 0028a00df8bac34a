import { describe, expect, it } from 'vitest';
import * as api from '../../src/index';
import { FeedbackMinerError } from '../../src/errors';
import { CATALOGUE, type Case } from './catalogue';

/** Rows reported as skipped, wherever the result keeps them (`rejected`, or a report's `rejected`). */
function rejectedOf(value: any): readonly { row: number; reason: string }[] {
  return value?.rejected ?? value?.report?.rejected ?? [];
}

function warningsOf(value: any): readonly string[] {
  return [...(value?.warnings ?? []), ...(value?.report?.warnings ?? [])];
}

async function run(c: Case): Promise<void> {
  const { outcome } = c;
  let value: unknown;
  try {
    value = await c.call();
  } catch (error) {
    if (outcome.kind !== 'error') throw error;
    expect(error).toBeInstanceOf(FeedbackMinerError);
    expect((error as FeedbackMinerError).code).toBe(outcome.code);
    // One line, naming the function.
    expect((error as Error).message).not.toMatch(/\n/);
    return;
  }
  switch (outcome.kind) {
    case 'error':
      throw new Error(`expected FeedbackMinerError ${outcome.code}, got a result`);
    case 'result':
      outcome.check?.(value);
      return;
    case 'rejected': {
      const rows = (outcome.of ?? rejectedOf)(value);
      const hit = rows.find((r) => r.row === outcome.row);
      expect(hit, `row ${outcome.row} reported among ${JSON.stringify(rows).slice(0, 300)}`).toBeDefined();
      expect(typeof hit?.reason === 'string' && hit.reason.length > 0).toBe(true);
      if (outcome.reason !== undefined) expect(hit?.reason).toMatch(outcome.reason);
      return;
    }
    case 'warning': {
      const warnings = (outcome.of ?? warningsOf)(value);
      expect(warnings.some((w) => outcome.match.test(w)), JSON.stringify(warnings)).toBe(true);
      return;
    }
  }
}

describe('catalogue of bad inputs (issue #9)', () => {
  it('has an entry for every export of src/index.ts', () => {
    const missing = Object.keys(api).filter((name) => !(name in CATALOGUE));
    expect(missing).toEqual([]);
    const stale = Object.keys(CATALOGUE).filter((name) => !(name in api));
    expect(stale).toEqual([]);
  });

  for (const [name, entry] of Object.entries(CATALOGUE)) {
    describe(name, () => {
      for (const c of entry?.cases ?? []) {
        it(`${name}(${c.input}) -> ${c.outcome.kind === 'error' ? `FeedbackMinerError ${c.outcome.code}` : c.outcome.kind === 'rejected' ? `row ${c.outcome.row} rejected` : c.outcome.kind}`, async () => {
          await run(c);
        });
      }
    });
  }
});
