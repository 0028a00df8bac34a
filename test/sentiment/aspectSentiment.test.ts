import { describe, expect, it } from 'vitest';
import { FeedbackMinerError } from '../../src/errors';
import { aspectSentiment, DEFAULT_ASPECTS, scoreSentiment } from '../../src/sentiment';

function thrown(f: () => unknown): FeedbackMinerError {
  try {
    f();
  } catch (error) {
    if (error instanceof FeedbackMinerError) return error;
    throw error;
  }
  throw new Error('expected a FeedbackMinerError');
}

describe('aspectSentiment(text, aspects)', () => {
  it('aspectSentiment(text, aspects) gives each aspect the opinion of its own clause', () => {
    const r = aspectSentiment('Great price but the delivery was late', { price: ['price'], delivery: ['delivery'] });
    expect(r.map((a) => [a.aspect, a.label])).toEqual([
      ['price', 'positive'],
      ['delivery', 'negative'],
    ]);
    expect(r[0]?.mentions).toEqual([{ text: 'price', start: 6, end: 11 }]);
    // The contrast weights are undone for an aspect: "Great" counts 3 for the price, not 1.5.
    expect(r[0]?.evidence.map((e) => [e.text, e.weight])).toEqual([['Great', 3]]);
  });

  it('aspectSentiment(text, aspects) matches plurals and multi-word terms, and leaves out aspects not mentioned', () => {
    const r = aspectSentiment('The customer services were rude.', { service: ['customer service'], price: ['price'] });
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ aspect: 'service', label: 'negative', mentions: [{ text: 'customer services', start: 4, end: 21 }] });
  });

  it('aspectSentiment(text, aspects) finds #Money natively and takes compromise patterns', () => {
    const r = aspectSentiment('They charged me $25 extra, a total rip-off.', { price: ['#Money'] });
    expect(r[0]?.mentions[0]).toEqual({ text: '$25', start: 16, end: 19 });
    expect(r[0]?.label).toBe('negative');
    expect(aspectSentiment('It cost 40 dollars, great value', { price: ['#Money'] })[0]?.mentions[0]?.text).toBe('40 dollars');
    const patterned = aspectSentiment('The shipping was slow but the courier was friendly.', { delivery: ['(shipping|courier)'] });
    expect(patterned[0]?.mentions.map((m) => m.text)).toEqual(['shipping', 'courier']);
  });

  it('aspectSentiment(text) uses the default S&OP aspects', () => {
    expect(Object.keys(DEFAULT_ASPECTS)).toEqual(['delivery', 'availability', 'price', 'quality', 'service', 'product']);
    const r = aspectSentiment('Shipping took forever, but the support team was very helpful.');
    expect(r.map((a) => [a.aspect, a.label])).toEqual([
      ['delivery', 'negative'],
      ['service', 'positive'],
    ]);
  });

  it('aspectSentiment(text, aspects) turns the polarity of an opinion across "but" when the clause has none', () => {
    const r = aspectSentiment('Great concept but a little rough on the delivery', { delivery: ['delivery'] });
    expect(r[0]?.label).toBe('negative');
  });

  it('aspectSentiment("", aspects) is empty; bad arguments throw', () => {
    expect(aspectSentiment('', { price: ['price'] })).toEqual([]);
    const notText = thrown(() => aspectSentiment(null as unknown as string));
    expect(notText.code).toBe('INVALID_ARGUMENT');
    expect(notText.message).toBe('aspectSentiment: expected text to be a string, found null');
    const badTerms = thrown(() => aspectSentiment('x', { price: 'price' as unknown as string[] }));
    expect(badTerms.message).toBe('aspectSentiment: expected aspects.price to be an array of strings, found "price"');
    const badWindow = thrown(() => aspectSentiment('x', { price: ['price'] }, { window: 0 }));
    expect(badWindow.code).toBe('INVALID_OPTION');
    expect(badWindow.message).toBe('aspectSentiment: expected options.window to be an integer >= 1, found 0');
  });

  it('aspectSentiment(text, aspects) counts an imperative recommendation that opens the sentence for the item it names', () => {
    // Worked by hand: the only evidence is the verb, valence 2 (RECOMMENDATIONS), so score = 2 / sqrt(2^2 + 15).
    const tried = aspectSentiment('Try the cheesecake!', { dessert: ['cheesecake'] })[0];
    expect(tried?.label).toBe('positive');
    expect(tried?.evidence.map((e) => [e.text, e.weight, e.source])).toEqual([['Try', 2, 'general']]);
    expect(tried?.score).toBeCloseTo(2 / Math.sqrt(19), 12);
    // A two-word verb after a lead adverb; a negative recommendation.
    const stuck = aspectSentiment('Definitely stick with the lamb.', { lamb: ['lamb'] })[0];
    expect(stuck?.evidence.map((e) => [e.text, e.weight])).toEqual([['stick with', 2]]);
    const skipped = aspectSentiment('Skip the dessert.', { dessert: ['dessert'] })[0];
    expect(skipped?.label).toBe('negative');
    expect(skipped?.evidence.map((e) => [e.text, e.weight])).toEqual([['Skip', -2]]);
    // After a colon or a semicolon a new clause can be an imperative too.
    const tips = aspectSentiment('A few tips: skip the turnip cake.', { cake: ['turnip cake'] })[0];
    expect(tips?.evidence.map((e) => [e.text, e.weight])).toEqual([['skip', -2]]);
    expect(tips?.score).toBeCloseTo(-2 / Math.sqrt(19), 12);
  });

  it('aspectSentiment(text, aspects) reads a recommendation only in its own clause and only as an imperative with an object', () => {
    // "the bread was stale" is its own clause with its own opinion: the recommendation stays with the soup.
    const two = aspectSentiment('Try the soup, the bread was stale.', { soup: ['soup'], bread: ['bread'] });
    expect(two.map((a) => [a.aspect, a.label, a.evidence.map((e) => e.text)])).toEqual([
      ['soup', 'positive', ['Try']],
      ['bread', 'negative', ['stale']],
    ]);
    // "Order" opening a sentence as a noun is no recommendation: only the domain phrase "arrived late" (-2) counts.
    const late = aspectSentiment('Order arrived late.', { delivery: ['arrived'] })[0];
    expect(late?.evidence.map((e) => [e.text, e.weight])).toEqual([['arrived late', -2]]);
    // Not at the start of the sentence, "try to", and "try" + a verb in -ing are no recommendation.
    for (const text of ['I will try the pasta next time.', 'Try to phone the store manager.', 'Try calling the courier.']) {
      const found = aspectSentiment(text, { item: ['pasta', 'manager', 'courier'] })[0];
      expect(found?.evidence).toEqual([]);
      expect(found?.label).toBe('neutral');
    }
  });

  it('aspectSentiment(text, aspects) counts the opinion words of a conditional clause for the aspects in that clause', () => {
    // The scorer asserts nothing for the text ("great" is irrealis after "if", weight 0); for the food and the price,
    // named in the conditional clause, both "great" count with their AFINN valence 3: score = 6 / sqrt(6^2 + 15).
    const text = "If you want great food at a great price, go to Del Frisco's!";
    expect(scoreSentiment(text).score).toBe(0);
    const r = aspectSentiment(text, { food: ['food'], price: ['price'] });
    expect(r.map((a) => [a.aspect, a.label])).toEqual([
      ['food', 'positive'],
      ['price', 'positive'],
    ]);
    expect(r[0]?.evidence.map((e) => [e.text, e.weight])).toEqual([
      ['great', 3],
      ['great', 3],
    ]);
    expect(r[0]?.score).toBeCloseTo(6 / Math.sqrt(51), 12);
    // Negated as the scorer negates: "like" (2) -> -2 x 0.74 = -1.48, score -1.48 / sqrt(1.48^2 + 15).
    const music = aspectSentiment('If you do not like the music, leave.', { music: ['music'] })[0];
    expect(music?.evidence.map((e) => [e.text, e.weight])).toEqual([['like', -1.48]]);
    expect(music?.score).toBeCloseTo(-1.48 / Math.sqrt(1.48 * 1.48 + 15), 12);
    // Not for an aspect of another clause: the bar gets nothing from "great".
    const bar = aspectSentiment('If you want great food, the bar is next door.', { bar: ['bar'] })[0];
    expect(bar?.evidence).toEqual([]);
    expect(bar?.label).toBe('neutral');
  });

  it('aspectSentiment(text, aspects) credits nothing from a counterfactual if-clause ("were", "had")', () => {
    // "If the staff were helpful, ..." complains about the staff: the opinion word must not count for it as
    // praise. Without the marker the same kind of clause credits "helpful" (AFINN 2) to the staff.
    const counterfactual = aspectSentiment('If the staff were helpful, I would stay.', { staff: ['staff'] })[0];
    expect(counterfactual?.evidence.filter((e) => e.weight > 0)).toEqual([]);
    expect(counterfactual?.label).not.toBe('positive');
    const delivery = aspectSentiment('If the delivery had been good, we would have ordered again.', { delivery: ['delivery'] })[0];
    expect(delivery?.label).not.toBe('positive');
    const open = aspectSentiment('If you want helpful staff, call them.', { staff: ['staff'] })[0];
    expect(open?.evidence.map((e) => [e.text, e.weight])).toEqual([['helpful', 2]]);
  });

  it('aspectSentiment(text, aspects) reads the absence of what an aspect names as a complaint about it', () => {
    // Worked by hand: one absence item of valence -2, score -2 / sqrt(2^2 + 15).
    const cases: [string, string, string][] = [
      ['There was no ambiance.', 'ambiance', 'no'],
      ['There was no real ambiance.', 'ambiance', 'no'],
      ['The soup lacked flavor.', 'flavor', 'lacked'],
      ['Not enough wines by the glass.', 'wines', 'Not enough'],
      ['Zero communication from the courier.', 'communication', 'Zero'],
    ];
    for (const [text, term, said] of cases) {
      const found = aspectSentiment(text, { item: [term] })[0];
      expect(found?.evidence.map((e) => [e.text, e.weight])).toEqual([[said, -2]]);
      expect(found?.score).toBeCloseTo(-2 / Math.sqrt(19), 12);
    }
    // Something unwanted that is absent is no complaint: "wait" scores in the domain layer, and the scorer negates it
    // (-1 x -0.5 = 0.5).
    expect(aspectSentiment('There was no wait.', { wait: ['wait'] })[0]?.evidence.map((e) => [e.text, e.weight])).toEqual([['wait', 0.5]]);
    // A cost whose absence is welcome is no complaint.
    expect(aspectSentiment('There was no delivery fee.', { price: ['delivery fee'] })[0]?.evidence).toEqual([]);
    // A denied absence, and "no other", are none.
    expect(aspectSentiment('The place is not lacking in ambiance.', { item: ['ambiance'] })[0]?.evidence).toEqual([]);
    expect(aspectSentiment('There was no other table.', { item: ['table'] })[0]?.evidence).toEqual([]);
  });

  it('aspectSentiment(text, aspects) never reads a word of the aspect\'s own name as an opinion about it', () => {
    // "fun" (AFINN 4) is part of "chow fun": only "bland" (-2) counts, -2 / sqrt(2^2 + 15).
    const dish = aspectSentiment('The chow fun was bland.', { dish: ['chow fun'] })[0];
    expect(dish?.evidence.map((e) => e.text)).toEqual(['bland']);
    expect(dish?.score).toBeCloseTo(-2 / Math.sqrt(19), 12);
    // No opinion about happy hour here, only its name.
    expect(aspectSentiment('We went during happy hour.', { hour: ['happy hour'] })[0]).toMatchObject({ score: 0, label: 'neutral', evidence: [] });
    // A mention that is the opinion word itself keeps it: "expensive" (general layer, -1) scores -1 / sqrt(1 + 15).
    const price = aspectSentiment('It was expensive.', { price: ['expensive'] })[0];
    expect(price?.evidence.map((e) => e.text)).toEqual(['expensive']);
    expect(price?.score).toBeCloseTo(-0.25, 12);
  });

  it('aspectSentiment(text, aspects) does not mutate frozen aspects', () => {
    const aspects = Object.freeze({ price: Object.freeze(['price', 'cost']) });
    aspectSentiment('The price is fair', aspects);
    expect(aspects).toEqual({ price: ['price', 'cost'] });
  });
});
