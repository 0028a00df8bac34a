import { describe, expect, it } from 'vitest';
import { extractKeyphrases } from '../../src/themes/extractKeyphrases';

describe('extractKeyphrases(texts, options)', () => {
  const texts = ['Late delivery again.', 'Late delivery and terrible customer service.', 'Customer service was slow.'];

  it('scores RAKE degree / frequency over the collection (worked by hand)', () => {
    // Candidates between stopwords/punctuation: [late delivery] x2, [terrible customer service], [customer service], [slow].
    // freq: late 2, delivery 2, terrible 1, customer 2, service 2, slow 1; degree: late 4, delivery 4, terrible 3,
    // customer 5, service 5, slow 1. RAKE: 'late delivery' 2 + 2 = 4; 'terrible customer service' 3 + 2.5 + 2.5 = 8;
    // 'customer service' 5. Ranking score x ln(1 + documents): 4 ln 3 = 4.394, 8 ln 2 = 5.545, 5 ln 2 = 3.466.
    const { phrases } = extractKeyphrases(texts);
    expect(phrases.map((p) => [p.phrase, p.rakeScore, p.documents])).toEqual([
      ['terrible customer service', 8, 1],
      ['late delivery', 4, 2],
      ['customer service', 5, 1],
    ]);
    expect(phrases[0]!.score).toBeCloseTo(8 * Math.log(2), 12);
    expect(phrases[1]!.score).toBeCloseTo(4 * Math.log(3), 12);
  });

  it('admits single keywords with minWords: 1 and respects top', () => {
    const { phrases } = extractKeyphrases(texts, { minWords: 1, top: 10 });
    expect(phrases.map((p) => p.phrase)).toContain('slow');
    expect(extractKeyphrases(texts, { top: 1 }).phrases).toHaveLength(1);
  });

  it('groups phrases by stems and shows the most frequent written form', () => {
    const { phrases } = extractKeyphrases(['late deliveries', 'late delivery', 'late delivery']);
    expect(phrases).toEqual([expect.objectContaining({ phrase: 'late delivery', documents: 3, occurrences: 3 })]);
  });

  it('skips and reports non-string inputs, never mutating the input', () => {
    const input = Object.freeze([...texts, 42 as unknown as string]);
    const result = extractKeyphrases(input);
    expect(result.rejected).toEqual([{ row: 3, field: 'text', reason: 'expected a string, found number' }]);
    expect(result.warnings).toEqual(['1 input(s) were not strings and were skipped']);
    expect(result.phrases).toHaveLength(3);
  });

  it('returns no phrases and a warning for empty texts', () => {
    expect(extractKeyphrases(['', '  '])).toEqual({ phrases: [], rejected: [], warnings: ['no phrase met minWords/maxWords/minDocuments'] });
    expect(extractKeyphrases([])).toEqual({ phrases: [], rejected: [], warnings: [] });
  });

  it('throws INVALID_OPTION for maxWords below minWords', () => {
    expect(() => extractKeyphrases(texts, { minWords: 3, maxWords: 2 })).toThrowError(
      'extractKeyphrases: expected options.maxWords to be an integer >= 3, found 2',
    );
  });
});
