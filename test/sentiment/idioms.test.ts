import { describe, expect, it } from 'vitest';
import { scoreSentiment } from '../../src/sentiment';

// Hand-worked: each text has one scored phrase; score = v / sqrt(v^2 + 15) (VADER's normalisation).
const normalized = (v: number): number => v / Math.sqrt(v * v + 15);

describe('scoreSentiment(text): idioms of the lexicon', () => {
  it('scoreSentiment(text) reads a negated comparison that praises as praise, not as a negated "better"', () => {
    const nothing = scoreSentiment('Nothing better than a cold beer.');
    expect(nothing.evidence.map((e) => [e.text, e.weight, e.rules])).toEqual([['Nothing better', 3, []]]);
    expect(nothing.score).toBeCloseTo(normalized(3), 12);
    const pasta = scoreSentiment('The pasta could not have been better.');
    expect(pasta.evidence.map((e) => [e.text, e.weight])).toEqual([['could not have been better', 4]]);
    expect(pasta.score).toBeCloseTo(normalized(4), 12);
    expect(scoreSentiment("The service can't be beat.").evidence.map((e) => e.text)).toEqual(["can't be beat"]);
    // "no better than" is no praise: still the negated "better" (2 x -0.74).
    expect(scoreSentiment('It is no better than the old one.').evidence.map((e) => [e.text, e.weight])).toEqual([['better', -1.48]]);
  });

  it('scoreSentiment(text) does not read a time of day ("late night") as a delay', () => {
    const dinner = scoreSentiment('We had a late night dinner.');
    expect(dinner.evidence).toEqual([]);
    expect(dinner.label).toBe('neutral');
    // A late order is still a delay (domain valence -2).
    expect(scoreSentiment('The order was late.').evidence.map((e) => [e.text, e.weight, e.category])).toEqual([['late', -2, 'delay']]);
  });
});
