import { describe, expect, it } from 'vitest';
import type { FeedbackRecord } from '../../src/records';
import { scoreFeedback, scoreSentiment } from '../../src/sentiment';

describe('scoreFeedback(records)', () => {
  it('scoreFeedback(records) returns new records with their sentiment and leaves frozen input untouched', () => {
    const records: readonly FeedbackRecord[] = Object.freeze([
      Object.freeze({ id: 'a', date: '2026-03-01', text: 'Still waiting for my order', region: 'North' }),
      Object.freeze({ id: 'b', date: '2026-03-02', text: 'Fast delivery, thank you!' }),
      Object.freeze({ id: 'c', date: '2026-03-03', text: '' }),
    ]);
    const out = scoreFeedback(records);
    expect(Array.isArray(out)).toBe(true);
    expect(out.rejected).toEqual([]);
    expect(out.map((r) => [r.id, r.sentiment.label])).toEqual([
      ['a', 'negative'],
      ['b', 'positive'],
      ['c', 'neutral'],
    ]);
    expect(out[0]?.region).toBe('North');
    expect(out[0]?.sentiment).toEqual(scoreSentiment('Still waiting for my order'));
    expect(out[0]).not.toBe(records[0]);
    expect(records[0]).toEqual({ id: 'a', date: '2026-03-01', text: 'Still waiting for my order', region: 'North' });
  });

  it('scoreFeedback(records) skips and reports rows that are not records with a text', () => {
    const records = [
      { id: 'a', date: '2026-03-01', text: 'great' },
      null,
      { id: 'c', date: '2026-03-01', text: 42 },
    ] as unknown as FeedbackRecord[];
    const out = scoreFeedback(records);
    expect(out.map((r) => r.id)).toEqual(['a']);
    expect(out.rejected).toEqual([
      { row: 1, field: 'record', reason: 'not an object' },
      { row: 2, field: 'text', reason: 'not a string' },
    ]);
  });

  it('scoreFeedback("x") throws INVALID_ARGUMENT', () => {
    expect(() => scoreFeedback('x' as unknown as FeedbackRecord[])).toThrow('scoreFeedback: expected records to be an array, found "x"');
  });
});
