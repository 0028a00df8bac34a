import { describe, expect, it } from 'vitest';
import { FeedbackMinerError } from '../../src/errors';
import { tagThemes } from '../../src/themes/tagThemes';

const taxonomy = {
  'late delivery': ['late', 'delay*', '#Value (days|weeks)'],
  billing: ['*charge*', 'refund'],
  courier: ['courier', 'delivery driver'],
};

describe('tagThemes(records, taxonomy)', () => {
  it('tags with plain terms, wildcards and compromise match syntax, reporting the rule that matched', () => {
    const { records, counts, untagged } = tagThemes(
      [
        { id: 1, text: 'Delivery delayed by 3 weeks' },
        { id: 2, text: 'It took 2 weeks to arrive' },
        { id: 3, text: 'I was overcharged and the delivery driver was rude' },
        { id: 4, text: 'All good, thanks' },
      ],
      taxonomy,
    );
    expect(records[0]).toMatchObject({
      id: 1,
      themes: ['late delivery'],
      themeMatches: [{ theme: 'late delivery', rule: 'delay*', kind: 'wildcard', matched: 'delayed' }],
    });
    expect(records[1]!.themeMatches).toEqual([{ theme: 'late delivery', rule: '#Value (days|weeks)', kind: 'match', matched: '2 weeks' }]);
    // Multi-label: billing by a mid-word wildcard and courier by a two-word term.
    expect(records[2]!.themeMatches).toEqual([
      { theme: 'billing', rule: '*charge*', kind: 'wildcard', matched: 'overcharged' },
      { theme: 'courier', rule: 'delivery driver', kind: 'term', matched: 'delivery driver' },
    ]);
    expect(records[3]!.themes).toEqual([]);
    expect(counts).toEqual({ 'late delivery': 2, billing: 1, courier: 1 });
    expect(untagged).toBe(1);
  });

  it('matches whole words only, case-insensitively, and can ignore negated matches', () => {
    const { records } = tagThemes(['LATE again', 'chocolate cake', 'The parcel was not late'], { late: ['late'] }, { ignoreNegated: true });
    expect(records.map((r) => r.themes)).toEqual([['late'], [], []]);
    expect(records[0]).toMatchObject({ text: 'LATE again' });
    const plain = tagThemes(['The parcel was not late'], { late: ['late'] });
    expect(plain.records[0]!.themes).toEqual(['late']);
  });

  it('does not load compromise when no rule needs it, and never mutates the records', () => {
    const input = Object.freeze([Object.freeze({ text: 'refund please' })]);
    const { records } = tagThemes(input, { billing: ['refund'] });
    expect(records[0]).not.toBe(input[0]);
    expect(input[0]).toEqual({ text: 'refund please' });
  });

  it('reports records without text as rejected', () => {
    const result = tagThemes([{ text: 'late' }, { body: 'late' } as { text?: string }], { late: ['late'] });
    expect(result.rejected).toEqual([{ row: 1, field: 'text', reason: 'missing text' }]);
    expect(result.warnings).toEqual(['1 record(s) had no text and were not tagged']);
    expect(result.untagged).toBe(1);
  });

  it('reads the text through an accessor', () => {
    const { records } = tagThemes([{ body: 'where is my refund' }], taxonomy, { text: (r) => r.body });
    expect(records[0]!.themes).toEqual(['billing']);
  });

  it('throws INVALID_ARGUMENT for a malformed taxonomy', () => {
    expect(() => tagThemes(['x'], { late: 'late' } as never)).toThrowError(
      'tagThemes: expected taxonomy["late"] to be an array of rules, found "late"',
    );
    expect(() => tagThemes(['x'], { late: [''] })).toThrowError('tagThemes: expected taxonomy["late"][] to be a non-empty string rule, found ""');
    try {
      tagThemes(['x'], null as never);
      expect.unreachable();
    } catch (error) {
      expect((error as FeedbackMinerError).code).toBe('INVALID_ARGUMENT');
    }
  });
});
