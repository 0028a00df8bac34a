import { assertOptions, assertString, fail } from '../errors';
import { ROLE_BREAKER, ROLE_NEGATOR, isClauseBoundaryPunct, negationRole } from './negation';
import { F_ELONG, F_LOWER, F_UPPER, K_EMOJI, K_EMOTICON, K_PUNCT, K_WORD, KIND_NAMES, Scanner } from './scanner';
import type { Token, TokenizeOptions } from './types';

type MutableToken = { -readonly [K in keyof Token]: Token[K] };

/** Validates tokenize-family options once; returns `[negation, lowercase]`. @internal */
export function readTokenizeOptions(where: string, options: unknown): [boolean, boolean] {
  assertOptions(where, options);
  const o = (options ?? {}) as { negation?: unknown; lowercase?: unknown };
  const negation = o.negation ?? true;
  const lowercase = o.lowercase ?? true;
  if (typeof negation !== 'boolean') fail('INVALID_OPTION', where, 'options.negation', 'a boolean', negation);
  if (typeof lowercase !== 'boolean') fail('INVALID_OPTION', where, 'options.lowercase', 'a boolean', lowercase);
  return [negation, lowercase];
}

/**
 * Splits text into tokens whose offsets point into the original string: `text.slice(t.start, t.end) === t.text`.
 *
 * A hand-written, single-pass character scanner (no backtracking regular expression; linear in the text
 * length on any input, including lone surrogates, combining-mark floods and long emoji runs). It recognises:
 *
 * - words with inner apostrophes and hyphens (`o'clock`, `well-known`), dotted abbreviations (`e.g.`, `U.S.`);
 *   English contractions are split as in the Penn Treebank (`don't` -> `do` + `n't`, `can't` -> `ca` + `n't`,
 *   `cannot` -> `can` + `not`, `I'm` -> `I` + `'m`), with norms `do`/`can`/`will` + `not`, `am`, `are`, `have`, `will`;
 * - elongations (`soooo`, norm `soo`, `elongated: true`) and shouting (`GREAT` in mixed-case text, `shouted: true`,
 *   the capitalisation cue of Hutto & Gilbert 2014, VADER);
 * - emoji sequences as one token (ZWJ sequences, skin tones, flags, keycaps, tag sequences; after Unicode TS #51),
 *   emoticons (`:)`, `:-(`, `<3`, `^_^`), URLs (`https://...`, `www...`, `example.com`), e-mails, `@mentions`, `#hashtags`;
 * - numbers with currency, separators, units, ordinals and percent (`$12.50`, `12,000`, `3h`, `2nd`, `10%`, `10:30`);
 * - punctuation, with runs of `!`/`?` and of `.` kept together (`!!!`, `?!`, `...`).
 *
 * `norm` is NFKC, lower case (unless `lowercase: false`), unified apostrophes, elongations cut to two letters.
 * `negated` marks the scope of a negation: from a negator to the next clause boundary (punctuation, `but`,
 * `however`, ...), the rule of Das & Chen 2001 and Pang, Lee & Vaithyanathan 2002 with the clause boundaries of
 * Councill, McDonald & Velikovich 2010 (see `NEGATORS` and `CLAUSE_BREAKERS`).
 *
 * Cost: O(n) time in the text length, O(tokens) memory.
 *
 * @throws FeedbackMinerError INVALID_ARGUMENT when `text` is not a string or `options` not an object;
 *   INVALID_OPTION when an option has the wrong type.
 * @example
 * tokenize("Don't love it :(").map(t => `${t.norm}/${t.kind}${t.negated ? '/NEG' : ''}`)
 * // => ['do/word', 'not/word', 'love/word/NEG', 'it/word/NEG', ':(/emoticon']
 */
export function tokenize(text: string, options?: TokenizeOptions): Token[] {
  assertString('tokenize', 'text', text);
  let negation = true;
  let lowercase = true;
  if (options !== undefined) [negation, lowercase] = readTokenizeOptions('tokenize', options);
  const scanner = new Scanner(text);
  const tokens: MutableToken[] = [];
  let inScope = false;
  let sawShout = false;
  while (scanner.next()) {
    const kind = scanner.kind;
    const norm = scanner.norm(lowercase);
    const start = scanner.start;
    const end = scanner.end;
    let negated = false;
    if (negation) {
      if (kind === K_WORD) {
        const role = negationRole(lowercase ? norm : norm.toLowerCase());
        if (role === ROLE_NEGATOR) {
          negated = inScope;
          inScope = true;
        } else if (role === ROLE_BREAKER) inScope = false;
        else negated = inScope;
      } else if (kind === K_PUNCT) {
        if (isClauseBoundaryPunct(norm)) inScope = false;
      } else if (kind === K_EMOJI || kind === K_EMOTICON) inScope = false;
      else negated = inScope;
    }
    const flags = scanner.flags;
    // Every token gets the same shape (both flags present) so that the objects stay monomorphic and fast.
    const token: MutableToken = {
      text: text.slice(start, end),
      norm,
      kind: KIND_NAMES[kind] as Token['kind'],
      start,
      end,
      negated,
      elongated: (flags & F_ELONG) !== 0,
      shouted: false,
    };
    if (kind === K_WORD && flags & F_UPPER && !(flags & F_LOWER) && scanner.special === undefined && countLetters(token.text) >= 2) {
      sawShout = true;
    }
    tokens.push(token);
  }
  // Capitals are emphasis only when the text also uses lower case (Hutto & Gilbert 2014): an all-caps text shouts nothing.
  if (sawShout && scanner.sawLower) {
    for (const token of tokens) {
      if (token.kind === 'word' && isShouted(token.text)) token.shouted = true;
    }
  }
  return tokens;
}

function countLetters(s: string): number {
  let letters = 0;
  for (const ch of s) if (ch.toLowerCase() !== ch.toUpperCase()) letters++;
  return letters;
}

function isShouted(s: string): boolean {
  return s !== s.toLowerCase() && s === s.toUpperCase() && countLetters(s) >= 2;
}
