import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalize, toOriginalSpan } from '../../src/text/normalize';

describe('normalize(text, options?)', () => {
  it('normalize(text) applies NFKC, unifies quotes and dashes, collapses and trims whitespace', () => {
    // Worked by hand: NBSP and the double space collapse, the ligature ﬁ (U+FB01) becomes "fi" under NFKC,
    // the em dash becomes "-", curly quotes become straight ones.
    expect(normalize('  “Great”\u00A0 service — ﬁne ').text).toBe('"Great" service - fine');
  });

  it('normalize(text, { caseFold: true }) folds case, ß to ss', () => {
    expect(normalize('Straße ÖL', { caseFold: true }).text).toBe('strasse öl');
  });

  it('normalize(text) composes a base letter with its combining accent', () => {
    const r = normalize('cafe\u0301!');
    expect(r.text).toBe('café!');
    expect(r.offsets).toEqual([0, 1, 2, 3, 5, 6]);
  });

  it('normalize(text) drops zero-width characters and keeps offsets into the original', () => {
    const original = 'a\u200Bb  c';
    const r = normalize(original);
    expect(r.text).toBe('ab c');
    expect(r.offsets).toEqual([0, 2, 3, 5, 6]);
  });

  it('normalize(text, { whitespace: false, punctuation: false, form: "none" }) changes nothing', () => {
    const text = '  “x”  ﬁ ';
    expect(normalize(text, { whitespace: false, punctuation: false, form: 'none' }).text).toBe(text);
  });

  it('normalize(badInput) throws with the standard messages', () => {
    expect(() => normalize(1 as unknown as string)).toThrow('normalize: expected text to be a string, found 1');
    expect(() => normalize('x', { form: 'NFD' as 'NFC' })).toThrow(
      "normalize: expected options.form to be 'NFKC', 'NFC' or 'none', found \"NFD\"",
    );
  });

  it('normalize(text): offsets are non-decreasing, one per character plus the end', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 50 }), fc.string({ unit: 'binary', maxLength: 30 })), fc.boolean(), (text, caseFold) => {
        const r = normalize(text, { caseFold });
        expect(r.offsets).toHaveLength(r.text.length + 1);
        expect(r.ends).toHaveLength(r.text.length);
        expect(r.offsets[r.text.length]).toBe(text.length);
        let ordered = true;
        for (let i = 0; i < r.ends.length; i++) if (!((r.ends[i] as number) > (r.offsets[i] as number))) ordered = false;
        for (let i = 1; i < r.offsets.length; i++) if ((r.offsets[i] as number) < (r.offsets[i - 1] as number)) ordered = false;
        expect(ordered).toBe(true);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('normalize(text) bad data', () => {
  it('normalize(text) keeps lone surrogates and maps them to themselves', () => {
    const r = normalize('a\uD800 b');
    expect(r.text).toBe('a\uD800 b');
    expect(r.offsets).toEqual([0, 1, 2, 3, 4]);
  });

  it('normalize("") and whitespace-only text give an empty text', () => {
    expect(normalize('')).toEqual({ text: '', offsets: [0], ends: [] });
    expect(normalize(' \t\n\u200B ').text).toBe('');
  });

  it('normalize(text) leaves a frozen options object alone', () => {
    const options = Object.freeze({ caseFold: true });
    expect(normalize('ABC', options).text).toBe('abc');
    expect(options).toEqual({ caseFold: true });
  });
});

describe('toOriginalSpan(normalized, start, end)', () => {
  it('toOriginalSpan(r, start, end) points a normalised span at the original text', () => {
    const original = '  “Great”\u00A0 service — ﬁne ';
    const r = normalize(original, { caseFold: true });
    const at = r.text.indexOf('great');
    expect(original.slice(...Object.values(toOriginalSpan(r, at, at + 5)) as [number, number])).toBe('Great');
    const fine = r.text.indexOf('fine');
    // By hand: the ligature is at offset 21 of the original and "ne" follows it, so "fine" comes from [21, 24).
    expect(toOriginalSpan(r, fine, fine + 4)).toEqual({ start: 21, end: 24 });
    expect(toOriginalSpan(r, fine, fine + 1)).toEqual({ start: 21, end: 22 });
  });

  it('toOriginalSpan(r, badSpan) throws INVALID_OPTION', () => {
    expect(() => toOriginalSpan(normalize('abc'), 2, 9)).toThrow('toOriginalSpan: expected end to be an integer from start to 3, found 9');
  });
});
