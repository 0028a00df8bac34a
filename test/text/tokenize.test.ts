import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FeedbackMinerError } from '../../src/errors';
import { tokenize, tokenizeWithScanner } from '../../src/text/tokenize';
import type { Token } from '../../src/text/types';

const view = (tokens: readonly Token[]): string[] => tokens.map((t) => `${t.text}|${t.norm}|${t.kind}`);
const texts = (s: string): string[] => tokenize(s).map((t) => t.text);

/** The first broken invariant, or '' (checked in a plain loop: one expect per token is too slow for 1 MB). */
function brokenInvariant(text: string, tokens: readonly Token[]): string {
  let last = 0;
  for (const [i, t] of tokens.entries()) {
    if (!(t.end > t.start)) return `token ${i} is empty`;
    if (t.start < last) return `token ${i} overlaps or is out of order`;
    if (text.slice(t.start, t.end) !== t.text) return `token ${i} does not slice back`;
    if (t.norm.length === 0) return `token ${i} has an empty norm`;
    last = t.end;
  }
  return '';
}

function checkInvariants(text: string, tokens: readonly Token[]): void {
  expect(brokenInvariant(text, tokens)).toBe('');
}

describe('tokenize(text)', () => {
  it('tokenize(text) splits words and punctuation with offsets into the original', () => {
    const tokens = tokenize('Great app, slow delivery.');
    expect(view(tokens)).toEqual([
      'Great|great|word',
      'app|app|word',
      ',|,|punct',
      'slow|slow|word',
      'delivery|delivery|word',
      '.|.|punct',
    ]);
    expect(tokens[3]).toMatchObject({ start: 11, end: 15, negated: false });
  });

  it('tokenize(text) splits English contractions the Penn Treebank way and normalises the clitics', () => {
    expect(view(tokenize("don't isn't can't won't cannot I'm we're they've you'll she'd it's"))).toEqual([
      'do|do|word', "n't|not|word", 'is|is|word', "n't|not|word", 'ca|can|word', "n't|not|word", 'wo|will|word',
      "n't|not|word", 'can|can|word', 'not|not|word', 'I|i|word', "'m|am|word", 'we|we|word', "'re|are|word",
      'they|they|word', "'ve|have|word", 'you|you|word', "'ll|will|word", 'she|she|word', "'d|'d|word",
      'it|it|word', "'s|'s|word",
    ]);
  });

  it('tokenize(text) unifies curly apostrophes in norms but keeps the original text', () => {
    expect(view(tokenize('don’t o’clock'))).toEqual(['do|do|word', 'n’t|not|word', "o’clock|o'clock|word"]);
  });

  it('tokenize(text) keeps hyphenated words, inner apostrophes and dotted abbreviations whole', () => {
    expect(texts("well-known state-of-the-art o'clock e.g. U.S. - ok")).toEqual([
      'well-known', 'state-of-the-art', "o'clock", 'e.g.', 'U.S.', '-', 'ok',
    ]);
  });

  it('tokenize(text) shortens elongations to two letters and flags them', () => {
    const [so, good] = tokenize('sooooo goood');
    expect(so).toMatchObject({ norm: 'soo', elongated: true });
    expect(good).toMatchObject({ norm: 'good', elongated: true });
    expect(tokenize('good')[0]?.elongated).toBe(false);
  });

  it('tokenize(text) flags words in capitals only in mixed-case text', () => {
    const mixed = tokenize('The service was TERRIBLE');
    expect(mixed[3]).toMatchObject({ norm: 'terrible', shouted: true });
    expect(mixed[0]?.shouted).toBe(false);
    expect(tokenize('THE SERVICE WAS TERRIBLE').some((t) => t.shouted)).toBe(false);
    // One capital letter is not shouting ("I", "A"), and it does not make the rest of the text look for capitals.
    expect(tokenize('I think A grade food').some((t) => t.shouted)).toBe(false);
    expect(tokenize('I said OK, I LOVE it').filter((t) => t.shouted).map((t) => t.text)).toEqual(['OK', 'LOVE']);
  });

  it('tokenize(text) keeps numbers with currency, separators, units, ordinals and percent', () => {
    expect(texts('$12.50 €3,99 12,000 10% 3h 2nd 10kg 10:30pm 2024-03-01 24/7 -5 +3 12€ 90\'s')).toEqual([
      '$12.50', '€3,99', '12,000', '10%', '3h', '2nd', '10kg', '10:30pm', '2024-03-01', '24/7', '-5', '+3', '12€', "90's",
    ]);
    expect(tokenize('3h 2nd').map((t) => t.kind)).toEqual(['number', 'number']);
    expect(texts('pages 5 - 10')).toEqual(['pages', '5', '-', '10']);
  });

  it('tokenize(text) keeps emoji sequences whole: ZWJ, skin tones, flags, keycaps, tags', () => {
    const family = '👨‍👩‍👧';
    const thumb = '👍🏽';
    const flags = '🇺🇸🇫🇷';
    const keycap = '#️⃣1️⃣';
    const scotland = '🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}';
    const heart = '❤️';
    const tokens = tokenize(`${family}${thumb} ${flags} ${keycap} ${scotland}${heart}`);
    expect(tokens.map((t) => t.text)).toEqual([family, thumb, '🇺🇸', '🇫🇷', '#️⃣', '1️⃣', scotland, heart]);
    expect(tokens.every((t) => t.kind === 'emoji')).toBe(true);
    // The variation selector does not change the emoji's meaning.
    expect(tokens[7]?.norm).toBe('❤');
  });

  it('tokenize(text) finds emoticons but not inside words or lists', () => {
    const tokens = tokenize('good :) bad :-( love <3 ^_^ xD but XDrive, :Paris, <30');
    expect(tokens.filter((t) => t.kind === 'emoticon').map((t) => t.text)).toEqual([':)', ':-(', '<3', '^_^', 'xD']);
    expect(tokens.find((t) => t.text === ':-(')?.norm).toBe(':(');
    expect(texts('(see above): fine')).toEqual(['(', 'see', 'above', ')', ':', 'fine']);
    expect(texts('great:)')).toEqual(['great', ':)']);
  });

  it('tokenize(text) finds URLs, e-mails, @mentions and #hashtags', () => {
    const tokens = tokenize(
      'See https://shop.example.com/a?b=1. or www.example.org, amazon.com/deals (mail jo.doe+x@mail.co.uk) @acme_help #FastShipping #1',
    );
    const kinds = tokens.filter((t) => t.kind !== 'word' && t.kind !== 'punct').map((t) => `${t.kind}:${t.text}`);
    expect(kinds).toEqual([
      'url:https://shop.example.com/a?b=1',
      'url:www.example.org',
      'url:amazon.com/deals',
      'email:jo.doe+x@mail.co.uk',
      'mention:@acme_help',
      'hashtag:#FastShipping',
      'number:1',
    ]);
    expect(tokens.find((t) => t.kind === 'hashtag')?.norm).toBe('#fastshipping');
  });

  it('tokenize(text) keeps the closing parenthesis of a sentence out of a URL', () => {
    expect(texts('(see https://en.wikipedia.org/wiki/S_(band)).')).toEqual([
      '(', 'see', 'https://en.wikipedia.org/wiki/S_(band)', ')', '.',
    ]);
  });

  it('tokenize(text) groups !!! ?! and ... runs', () => {
    expect(texts('What?! No!!! Well...')).toEqual(['What', '?!', 'No', '!!!', 'Well', '...']);
  });

  it('tokenize(text) applies NFKC to norms (full-width, ligatures)', () => {
    expect(tokenize('ＧＲＥＡＴ ﬁne').map((t) => t.norm)).toEqual(['great', 'fine']);
  });

  it('tokenize(text, { lowercase: false }) keeps case in norms', () => {
    expect(tokenize('Great APP', { lowercase: false }).map((t) => t.norm)).toEqual(['Great', 'APP']);
  });
});

describe('tokenize(text) negation scope', () => {
  const negated = (s: string): string[] => tokenize(s).filter((t) => t.negated).map((t) => t.text);

  it('tokenize(text) marks words from a negator to the next punctuation (Pang, Lee & Vaithyanathan 2002)', () => {
    expect(negated('I did not like the food, the staff was nice.')).toEqual(['like', 'the', 'food']);
  });

  it("tokenize(text) opens a scope at n't and ends it at but/however", () => {
    expect(negated("The app isn't fast but it is cheap")).toEqual(['fast']);
    expect(negated('never arrives on time however support helps')).toEqual(['arrives', 'on', 'time']);
  });

  it('tokenize(text) ends a scope at an emoticon or emoji and never marks them', () => {
    expect(negated('not happy :( love the price')).toEqual(['happy']);
    expect(negated('no refund 😡 great')).toEqual(['refund']);
  });

  it('tokenize(text) treats apostrophe-less negators and without as negators', () => {
    expect(negated('dont buy')).toEqual(['buy']);
    expect(negated('came without the charger. works')).toEqual(['the', 'charger']);
  });

  it('tokenize(text) treats "rarely" and "seldom" as negators (VADER\'s negation list, Hutto & Gilbert 2014)', () => {
    expect(negated('You rarely have to wait, great')).toEqual(['have', 'to', 'wait']);
    expect(negated('The staff are seldom rude.')).toEqual(['rude']);
  });

  it('tokenize(text, { negation: false }) marks nothing', () => {
    expect(tokenize('not good', { negation: false }).some((t) => t.negated)).toBe(false);
  });
});

describe('tokenize(text) bad input', () => {
  it('tokenize(non-string) throws FeedbackMinerError INVALID_ARGUMENT', () => {
    for (const bad of [42, null, undefined, ['a'], { text: 'a' }]) {
      expect(() => tokenize(bad as unknown as string)).toThrow(FeedbackMinerError);
    }
    try {
      tokenize(42 as unknown as string);
    } catch (error) {
      expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', message: 'tokenize: expected text to be a string, found 42' });
    }
  });

  it('tokenize(text, badOptions) throws INVALID_OPTION / INVALID_ARGUMENT', () => {
    expect(() => tokenize('a', { negation: 'yes' as unknown as boolean })).toThrow(
      'tokenize: expected options.negation to be a boolean, found "yes"',
    );
    expect(() => tokenize('a', 5 as unknown as object)).toThrow('tokenize: expected options to be an object or undefined, found 5');
  });

  it('tokenize("") and whitespace-only text return no tokens', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' \t\n\u00A0\u2003\u200B\uFEFF ')).toEqual([]);
  });

  it('tokenize(text) turns lone surrogates into replacement-character punct tokens', () => {
    const text = '\uD800ok\uDC00 fine\uD83D';
    const tokens = tokenize(text);
    expect(view(tokens)).toEqual(['\uD800|\uFFFD|punct', 'ok|ok|word', '\uDC00|\uFFFD|punct', 'fine|fine|word', '\uD83D|\uFFFD|punct']);
    checkInvariants(text, tokens);
  });

  it('tokenize(text) keeps combining marks on their base and does not lose orphan marks', () => {
    const zalgo = 'h\u0335\u0336e\u0337l\u0338l\u0339o\u033A world';
    expect(texts(zalgo)).toEqual(['h\u0335\u0336e\u0337l\u0338l\u0339o\u033A', 'world']);
    const flood = `${'\u0301'.repeat(5000)} ok ${'a\u0301\u0302\u0303'.repeat(2000)}`;
    const tokens = tokenize(flood);
    expect(tokens).toHaveLength(3);
    checkInvariants(flood, tokens);
  });

  it('tokenize(text) handles 10k repeated emoji as 10k emoji tokens', () => {
    const text = '😀'.repeat(10_000);
    const tokens = tokenize(text);
    expect(tokens).toHaveLength(10_000);
    expect(tokens.every((t) => t.kind === 'emoji' && t.text === '😀')).toBe(true);
  });

  it('tokenize(text) handles a 1 MB text and adversarial repetitions', () => {
    const sentence = 'The delivery wasn\'t great :( see https://x.io/a. Mail a@b.com #fail $12.50!!! ';
    const big = sentence.repeat(Math.ceil(1_000_000 / sentence.length));
    const tokens = tokenize(big);
    expect(tokens.length).toBeGreaterThan(150_000);
    // Inputs that would make a backtracking matcher quadratic: long dotted runs, long local parts, long hyphen runs.
    for (const adversarial of ['a.'.repeat(25_000), 'a'.repeat(50_000) + '@', 'a-'.repeat(25_000), ':'.repeat(50_000), 'a.b'.repeat(15_000), 'x@'.repeat(25_000), 'www.'.repeat(12_000), '#'.repeat(50_000), "a'".repeat(25_000)]) {
      const out = tokenize(adversarial);
      checkInvariants(adversarial, out);
    }
  });
});

describe('tokenize(text) properties', () => {
  const anyText = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 60 }),
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.array(fc.constantFrom('not', "don't", ' ', ':)', '😀', '\u200D', '👍🏽', '#tag', '@me', 'a.b.com', '$5', '!!', '\uD800', '\u0301', "'", '-', '.', 'WOW', 'soooo', 'e.g.', 'http://x.y/z'), { maxLength: 30 }).map((parts) => parts.join('')),
  );

  it('tokenize(text): offsets slice back to the token, tokens never empty, never overlapping, in order', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        checkInvariants(text, tokenize(text));
      }),
      { seed: 42, numRuns: 400 },
    );
  });

  it('tokenize(text, options) equals the scanner-only reference (the inline path changes nothing)', () => {
    const pieces = fc.constantFrom(
      'The', 'only', 'xD', 'xy', 'D:', 'Do', 'T_T', 'To', 'o.O', 'of', 'http://a.io', 'https', 'www.x.com', 'ftp', 'cannot',
      'Cannot', 'a.', 'U.S.', 'e.g.', 'end.', 'x@y.com', '.', ',', '!', '?', '"', '...', ' ', '\n', "don't", "IT'S", '-',
      '#tag', '@me', '$5', '3h', '\u0301', '\u00e9', '😀', ':)', '(', ')', 'sooo', 'SOoO', 'GOOD', 'OK', 'I', 'not', 'but',
      'no', 'amazon.com', 'b.c', '1,000', 'ab12', 'Zzz', 'good',
    );
    const texts = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 60 }),
      fc.array(pieces, { maxLength: 20 }).map((p) => p.join('')),
      fc.array(pieces, { maxLength: 20 }).map((p) => p.join(' ')),
    );
    fc.assert(
      fc.property(texts, fc.boolean(), fc.boolean(), (text, negation, lowercase) => {
        expect(tokenize(text, { negation, lowercase })).toEqual(tokenizeWithScanner(text, negation, lowercase));
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('tokenize(text) is deterministic and leaves a frozen options object alone', () => {
    const options = Object.freeze({ negation: true, lowercase: true });
    fc.assert(
      fc.property(anyText, (text) => {
        expect(tokenize(text, options)).toEqual(tokenize(text, options));
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});
