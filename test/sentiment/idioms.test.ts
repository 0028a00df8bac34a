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

  it('scoreSentiment(text) reads faint praise and unfavourable comparisons as complaints', () => {
    const cases: [string, string, number][] = [
      ['The decor leaves something to be desired.', 'to be desired', -2],
      ['The soup could have been a lot better.', 'could have been a lot better', -2],
      ['The food was average at best.', 'at best', -1],
      ["I've had better pizza.", "I've had better", -2],
      ['You can find better coffee next door.', 'find better', -2],
      ['It is hard to find better coffee.', 'hard to find better', 3],
      ['The fish was over cooked.', 'over cooked', -2],
      ['Honestly below average.', 'below average', -2],
      ['The service was non-existent.', 'non-existent', -2],
      ['Dinner arrived cold.', 'arrived cold', -2],
      ['Zero complaints.', 'Zero complaints', 2],
    ];
    for (const [text, phrase, valence] of cases) {
      const scored = scoreSentiment(text);
      expect(scored.evidence.map((e) => [e.text, e.weight])).toEqual([[phrase, valence]]);
      expect(scored.score).toBeCloseTo(normalized(valence), 12);
    }
    // "no excuse" scores as a whole and ends the negation it starts: "lousy" (-2, x1.15 after "such") is not negated.
    const excuse = scoreSentiment('There is no excuse for such lousy service.');
    expect(excuse.evidence.map((e) => [e.text, e.weight, e.rules])).toEqual([['no excuse', -2, []], ['lousy', -2.3, ['intensified']]]);
    expect(excuse.score).toBeCloseTo(normalized(-4.3), 12);
  });

  it('scoreSentiment(text) reads "support" and "fan" in their feedback senses, and device faults as complaints', () => {
    // AFINN scores "support" +2 and "fan" +3; here the support desk and a device's fan score nothing.
    expect(scoreSentiment('Contacted support about the fan.').evidence).toEqual([]);
    const loud = scoreSentiment('It runs hot and the fan is loud.');
    expect(loud.evidence.map((e) => [e.text, e.weight])).toEqual([['runs hot', -2], ['loud', -1]]);
    expect(loud.score).toBeCloseTo(normalized(-3), 12);
    // An admirer still is one.
    expect(scoreSentiment('Big fan of this place.').evidence.map((e) => [e.text, e.weight])).toEqual([['Big fan', 3]]);
    expect(scoreSentiment('It keeps crashing.').evidence.map((e) => [e.text, e.weight])).toEqual([['keeps crashing', -3]]);
  });

  it('scoreSentiment(text) negates after "rarely" and "seldom"', () => {
    // "rude" (-2) negated: x -0.5 = +1 (the scorer's negation of a negative word).
    expect(scoreSentiment('The staff are seldom rude.').evidence.map((e) => [e.text, e.weight, e.rules])).toEqual([['rude', 1, ['negated']]]);
    expect(scoreSentiment('The staff are rarely friendly.').label).toBe('negative');
  });

  it('scoreSentiment(text) does not read a time of day ("late night") as a delay', () => {
    const dinner = scoreSentiment('We had a late night dinner.');
    expect(dinner.evidence).toEqual([]);
    expect(dinner.label).toBe('neutral');
    // A late order is still a delay (domain valence -2).
    expect(scoreSentiment('The order was late.').evidence.map((e) => [e.text, e.weight, e.category])).toEqual([['late', -2, 'delay']]);
  });
});
