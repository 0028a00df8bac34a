import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { splitSentences } from '../../src/text/splitSentences';

const texts = (s: string, lineBreaks = true): string[] => splitSentences(s, { lineBreaks }).map((x) => x.text);

describe('splitSentences(text, options?)', () => {
  it('splitSentences(text) splits on . ! ? and keeps title abbreviations', () => {
    expect(texts('Dr. Smith was great. Wait times... not so much! Would I return? Yes.')).toEqual([
      'Dr. Smith was great.',
      'Wait times... not so much!',
      'Would I return?',
      'Yes.',
    ]);
  });

  it('splitSentences(text) keeps dotted abbreviations, initials and closing quotes with their sentence', () => {
    expect(texts('He said "it broke." Then e.g. a refund came from J. Smith (support.) Fine')).toEqual([
      'He said "it broke."',
      'Then e.g. a refund came from J. Smith (support.)',
      'Fine',
    ]);
  });

  it('splitSentences(text) splits informal lower-case sentences and line breaks', () => {
    expect(texts('great food. slow service\nwould come back!!')).toEqual(['great food.', 'slow service', 'would come back!!']);
    expect(texts('slow\nservice', false)).toEqual(['slow\nservice']);
  });

  it('splitSentences(text) splits after etc. only before a capital', () => {
    expect(texts('Boxes, bags etc. were late. Cables etc. Next time better')).toEqual([
      'Boxes, bags etc. were late.',
      'Cables etc.',
      'Next time better',
    ]);
  });

  it('splitSentences("") and whitespace return no sentences; non-strings throw', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \n ')).toEqual([]);
    expect(() => splitSentences(3 as unknown as string)).toThrow('splitSentences: expected text to be a string, found 3');
  });

  it('splitSentences(text): spans slice back, in order, without overlap', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('Good', 'bad', '.', '!', '?', ' ', '\n', 'Dr.', 'etc.', '...', '"', ')', 'e.g.', 'X'), { maxLength: 30 }).map((p) => p.join('')),
        (text) => {
          let last = 0;
          for (const s of splitSentences(text)) {
            expect(text.slice(s.start, s.end)).toBe(s.text);
            expect(s.start).toBeGreaterThanOrEqual(last);
            expect(s.end).toBeGreaterThan(s.start);
            last = s.end;
          }
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });
});
