import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FeedbackMinerError } from '../../src/errors';
import { createSentimentScorer, scoreSentiment } from '../../src/sentiment';

// Expected values are worked by hand from the published rules: AFINN valences (good = 3, bad = -3), VADER's
// normalisation s / sqrt(s^2 + 15), negation scalar 0.74, "but" weights 0.5 / 1.5, exclamation +0.292, capitals
// +0.733 (Hutto and Gilbert 2014), SO-CAL style intensifier "very" = +25% (Taboada et al. 2011).
const norm = (s: number): number => s / Math.sqrt(s * s + 15);

function thrown(f: () => unknown): FeedbackMinerError {
  try {
    f();
  } catch (error) {
    if (error instanceof FeedbackMinerError) return error;
    throw error;
  }
  throw new Error('expected a FeedbackMinerError');
}

describe('scoreSentiment(text)', () => {
  it('scoreSentiment("good") is 3 / sqrt(24) = 0.6124', () => {
    const r = scoreSentiment('good');
    expect(r.score).toBeCloseTo(0.6123724, 6);
    expect(r.label).toBe('positive');
    expect(r.positive).toBe(3);
    expect(r.negative).toBe(0);
    expect(r.evidence).toEqual([
      { text: 'good', start: 0, end: 4, base: 3, weight: 3, source: 'afinn', rules: [], sentence: 0 },
    ]);
  });

  it('scoreSentiment("not good") flips and damps: -3 x 0.74 = -2.22, score -0.4973', () => {
    const r = scoreSentiment('not good');
    expect(r.score).toBeCloseTo(-0.4972981, 6);
    expect(r.label).toBe('negative');
    expect(r.evidence[0]?.rules).toEqual(['negated']);
    expect(r.evidence[0]?.modifiers).toEqual(['not']);
  });

  it('scoreSentiment("very good") intensifies by 25%: 3.75, score 0.6956', () => {
    const r = scoreSentiment('very good');
    expect(r.score).toBeCloseTo(0.6956083, 6);
    expect(r.evidence[0]?.rules).toEqual(['intensified']);
    expect(r.evidence[0]?.modifiers).toEqual(['very']);
  });

  it('scoreSentiment("good but bad") weighs the clause after "but": 1.5 - 4.5 = -3', () => {
    const r = scoreSentiment('good but bad');
    expect(r.score).toBeCloseTo(norm(-3), 10);
    expect(r.evidence.map((e) => [e.text, e.weight, e.rules])).toEqual([
      ['good', 1.5, ['before-contrast']],
      ['bad', -4.5, ['after-contrast']],
    ]);
  });

  it('scoreSentiment("good!") adds 0.292 for the exclamation mark', () => {
    const r = scoreSentiment('good!');
    expect(r.score).toBeCloseTo(0.6476443, 6);
    expect(r.evidence[1]).toMatchObject({ text: '!', rules: ['exclamation'], source: 'punctuation' });
  });

  it('scoreSentiment("the food was GOOD") adds 0.733 for capitals among lower case', () => {
    const r = scoreSentiment('the food was GOOD');
    expect(r.score).toBeCloseTo(norm(3.733), 10);
    expect(r.evidence[0]?.rules).toEqual(['capitals']);
  });

  it('scoreSentiment("not bad") is faint praise (the idiom scores +1)', () => {
    expect(scoreSentiment('not bad').score).toBeCloseTo(0.25, 10);
  });

  it('scoreSentiment(text) lowers praise in a question (irrealis) but keeps complaints', () => {
    expect(scoreSentiment('Can you help me?').label).toBe('neutral');
    expect(scoreSentiment('Why is my order still not here?').label).toBe('negative');
  });

  it('scoreSentiment(text) reads stated ratings: "9 out of 10" is (0.9 - 0.5) x 8 = 3.2', () => {
    const r = scoreSentiment('9 out of 10');
    expect(r.score).toBeCloseTo(norm(3.2), 10);
    expect(r.evidence[0]).toMatchObject({ text: '9 out of 10', source: 'rating', base: 3.2 });
  });

  it('scoreSentiment(text) gives each sentence its score', () => {
    const r = scoreSentiment('The food was great. The service was terrible.');
    expect(r.sentences.map((s) => s.label)).toEqual(['positive', 'negative']);
    expect(r.sentences[0]?.start).toBe(0);
    expect(r.sentences[1]?.start).toBe(20);
  });

  it('scoreSentiment(text) ends a sentence at a line break, with or without a space around it', () => {
    // Offsets counted by hand: "awful" starts at 6 after "great\n"; at 8 and "fine" at 16 with " \n " between.
    for (const [text, starts] of [['great\nawful', [0, 6]], ['great \n awful \n fine', [0, 8, 16]]] as const) {
      expect(scoreSentiment(text).sentences.map((s) => s.start)).toEqual(starts);
    }
    expect(scoreSentiment('great awful').sentences).toHaveLength(1);
  });

  it('scoreSentiment(text) reads a hyphenated spelling of a lexicon word as the word ("a-maz-ing" is AFINN "amazing", 4)', () => {
    const [item] = scoreSentiment('It was a-maz-ing').evidence;
    expect(item).toMatchObject({ text: 'a-maz-ing', base: 4, source: 'afinn' });
  });
});

describe('scoreSentiment(text) domain layer', () => {
  it('scoreSentiment("still waiting for my order") is negative with domain evidence', () => {
    const r = scoreSentiment('still waiting for my order');
    expect(r.label).toBe('negative');
    expect(r.evidence[0]).toMatchObject({ text: 'still waiting', source: 'domain', category: 'waiting' });
  });

  it('scoreSentiment(text, { domain: false }) switches the domain layer off', () => {
    expect(scoreSentiment('still waiting for my order', { domain: false }).label).toBe('neutral');
    expect(scoreSentiment('out of stock again', { domain: false }).label).toBe('neutral');
  });

  it('scoreSentiment("on hold for 2 hours") grows with the duration: -2 x (1 + log10(3) / 2) = -2.4771', () => {
    const r = scoreSentiment('on hold for 2 hours');
    expect(r.evidence[0]?.weight).toBeCloseTo(-2.4771213, 6);
    expect(r.evidence[0]?.rules).toEqual(['duration']);
  });

  it('scoreSentiment(text) reads compact durations ("2hrs", "45min") as the spelled-out ones', () => {
    // 2 hours: -2 x (1 + log10(3) / 2); 45 minutes = 0.75 h on "delayed" (-2): -2 x (1 + log10(1.75) / 2) = -2.2430.
    expect(scoreSentiment('On hold 2hrs').evidence.map((e) => [e.text, e.rules])).toEqual([['On hold', ['duration']]]);
    expect(scoreSentiment('On hold 2hrs').evidence[0]?.weight).toBeCloseTo(-2.4771213, 6);
    expect(scoreSentiment('Delayed 45min again').evidence[0]?.weight).toBeCloseTo(-2 * (1 + Math.log10(1.75) / 2), 12);
  });

  it('scoreSentiment(text) scores operations complaints without sentiment words', () => {
    for (const text of ['out of stock again', 'ordered 3 weeks ago, still says processing', 'my package never arrived', 'no one answered the phone', 'wrong item delivered']) {
      expect(scoreSentiment(text).label, text).toBe('negative');
    }
    expect(scoreSentiment('arrived on time, well packaged').label).toBe('positive');
  });

  it('scoreSentiment(text, { lexicon, phrases }) adds and overrides entries', () => {
    expect(scoreSentiment('the backorder cleared', { lexicon: { cleared: 3, backorder: 0 } }).label).toBe('positive');
    const r = scoreSentiment('left on read again', { phrases: { 'left on read': -3 } });
    expect(r.evidence[0]).toMatchObject({ text: 'left on read', source: 'user', base: -3 });
  });

  it('createSentimentScorer(options)(text) equals scoreSentiment(text, options)', () => {
    const options = { phrases: { 'left on read': -3 }, neutralBand: 0.1 };
    const score = createSentimentScorer(options);
    for (const text of ['left on read', 'great!', 'not great', '']) {
      expect(score(text)).toEqual(scoreSentiment(text, options));
    }
  });
});

describe('scoreSentiment(text) bad input', () => {
  it('scoreSentiment("") and whitespace score 0, neutral, with empty evidence', () => {
    for (const text of ['', '   ', '\n\t']) {
      const r = scoreSentiment(text);
      expect(r).toEqual({ score: 0, label: 'neutral', positive: 0, negative: 0, evidence: [], sentences: [] });
    }
  });

  it('scoreSentiment(42) throws INVALID_ARGUMENT', () => {
    const error = thrown(() => scoreSentiment(42 as unknown as string));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toBe('scoreSentiment: expected text to be a string, found 42');
  });

  it('scoreSentiment(text, options) throws INVALID_OPTION for a bad option', () => {
    const band = thrown(() => scoreSentiment('ok', { neutralBand: 2 }));
    expect(band.code).toBe('INVALID_OPTION');
    expect(band.message).toBe('scoreSentiment: expected options.neutralBand to be a finite number >= 0 and < 1, found 2');
    const valence = thrown(() => scoreSentiment('ok', { lexicon: { great: 9 } }));
    expect(valence.code).toBe('INVALID_OPTION');
    expect(valence.message).toBe('scoreSentiment: expected options.lexicon["great"] to be a finite number from -5 to 5, found 9');
    const domain = thrown(() => scoreSentiment('ok', { domain: 'yes' as unknown as boolean }));
    expect(domain.message).toBe('scoreSentiment: expected options.domain to be a boolean, found "yes"');
    const wildcard = thrown(() => scoreSentiment('ok', { phrases: { '* late': -2 } }));
    expect(wildcard.message).toBe('scoreSentiment: expected options.phrases keys to be phrases starting with a word, found "* late"');
  });

  it('scoreSentiment(text) scores long texts: 1 MB without spaces, 135 kB of sentences', () => {
    const words = 'the delivery was late but the support team was great and helpful. '.repeat(2_000);
    const long = scoreSentiment(words);
    expect(long.score).toBeGreaterThanOrEqual(-1);
    expect(long.score).toBeLessThanOrEqual(1);
    expect(long.sentences.length).toBe(2_000);
    const run = scoreSentiment('a'.repeat(1_000_000));
    expect(run.label).toBe('neutral');
  });
});

describe('scoreSentiment(text) properties', () => {
  it('scoreSentiment(text).score is always in [-1, 1] and evidence offsets slice back to the text', () => {
    const pieces = fc.constantFrom('good', 'bad', 'not', 'very', 'but', '!!', '?', 'late', 'still waiting', ':)', '😡', 'GREAT', 'sooo', '2 hours', ',', '.', '\n', 'too', 'if', 'never', 'out of stock');
    const texts = fc.oneof(fc.string(), fc.array(pieces, { maxLength: 40 }).map((p) => p.join(' ')));
    fc.assert(
      fc.property(texts, (text) => {
        const r = scoreSentiment(text);
        expect(r.score).toBeGreaterThanOrEqual(-1);
        expect(r.score).toBeLessThanOrEqual(1);
        for (const e of r.evidence) {
          if (e.source !== 'punctuation') expect(text.slice(e.start, e.end)).toBe(e.text);
        }
        for (const s of r.sentences) expect(s.score).toBeGreaterThanOrEqual(-1);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('scoreSentiment(negated sentence) never scores above the clearly positive sentence', () => {
    const positive = fc.constantFrom('good', 'great', 'excellent', 'amazing', 'helpful', 'fast', 'friendly', 'perfect', 'reliable', 'happy');
    const subject = fc.constantFrom('The delivery', 'The service', 'This product', 'Our order', 'The staff');
    const intensity = fc.constantFrom('', 'very ', 'really ', 'extremely ');
    fc.assert(
      fc.property(subject, intensity, positive, (s, i, p) => {
        const plain = scoreSentiment(`${s} was ${i}${p}.`);
        const negated = scoreSentiment(`${s} was not ${i}${p}.`);
        expect(plain.score).toBeGreaterThan(0);
        expect(negated.score).toBeLessThanOrEqual(plain.score);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('scoreSentiment(text, options) is deterministic and does not mutate frozen options', () => {
    const options = Object.freeze({ lexicon: Object.freeze({ cleared: 2 }), neutralBand: 0.1 });
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(scoreSentiment(text, options)).toEqual(scoreSentiment(text, options));
      }),
      { seed: 42, numRuns: 100 },
    );
    expect(options).toEqual({ lexicon: { cleared: 2 }, neutralBand: 0.1 });
  });
});
