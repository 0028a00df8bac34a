import { assertOptions, assertString, fail } from '../errors';
import * as negation from './negation';
import * as scanner from './scanner';
import { Scanner } from './scanner';
import * as norms from './tokenizeNorms';
import type { Token, TokenizeOptions } from './types';

// Module-local copies of the tables and functions read per character or per token: when this module is transpiled to
// CommonJS (tsx loading it from a CommonJS caller, esbuild, jest), every read of an imported binding is a getter
// call on the other module's exports; a local constant is read directly.
const CLAUSE_BOUNDARY = norms.CLAUSE_BOUNDARY;
const INLINE_PUNCT = norms.INLINE_PUNCT;
const MAYBE_SPECIAL_START = norms.MAYBE_SPECIAL_START;
const SIMPLE_AFTER_PERIOD = norms.SIMPLE_AFTER_PERIOD;
const SIMPLE_STOP = norms.SIMPLE_STOP;
const SPECIAL_PAIR = norms.SPECIAL_PAIR;
const negationRole = negation.negationRole;
const shortenElongations = scanner.shortenElongations;
const ROLE_BREAKER = negation.ROLE_BREAKER;
const ROLE_NEGATOR = negation.ROLE_NEGATOR;
const F_ELONG = scanner.F_ELONG;
const F_LOWER = scanner.F_LOWER;
const F_UPPER = scanner.F_UPPER;
const K_EMOJI = scanner.K_EMOJI;
const K_EMOTICON = scanner.K_EMOTICON;
const K_PUNCT = scanner.K_PUNCT;
const K_WORD = scanner.K_WORD;
const KIND_NAMES = scanner.KIND_NAMES;
const isClauseBoundaryPunct = negation.isClauseBoundaryPunct;

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
  return collectTokens(text, negation, lowercase);
}

/**
 * The tokens of a text. Plain ASCII words and punctuation are read inline (as in `tokenizeNorms`); everything else
 * goes to the scanner from the same position, so the tokens are exactly those of `tokenizeWithScanner` (a
 * property test checks it).
 */
function collectTokens(text: string, negation: boolean, lowercase: boolean): Token[] {
  const n = text.length;
  const tokens: MutableToken[] = [];
  let scanner: Scanner | undefined;
  let inScope = false;
  let sawShout = false;
  let sawLower = false;
  let p = 0;
  while (p < n) {
    let c = text.charCodeAt(p);
    if (c <= 32) {
      p++;
      continue;
    }
    if (
      ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) &&
      (MAYBE_SPECIAL_START[c] === 0 || SPECIAL_PAIR[(c << 7) | (text.charCodeAt(p + 1) & 127)] === 0)
    ) {
      const start = p;
      let upper = false;
      let lower = false;
      // Three of a letter in a row, case-folded (the scanner's elongation flag): a run counted as the word is read.
      let tripled = false;
      let prev = -1;
      let run = 0;
      while (p < n) {
        c = text.charCodeAt(p);
        if (c >= 97 && c <= 122) {
          lower = true;
          if (c === prev) {
            if (++run === 3) tripled = true;
          } else run = 1;
          prev = c;
        } else if (c >= 65 && c <= 90) {
          upper = true;
          if ((c | 32) === prev) {
            if (++run === 3) tripled = true;
          } else run = 1;
          prev = c | 32;
        } else if (c >= 48 && c <= 57) prev = -1;
        else break;
        p++;
      }
      const simple =
        (p >= n ||
          (c < 128 && SIMPLE_STOP[c] === 1) ||
          (c === 46 && (p + 1 >= n || (text.charCodeAt(p + 1) < 128 && SIMPLE_AFTER_PERIOD[text.charCodeAt(p + 1)] === 1)))) &&
        !(p - start === 6 && (text.charCodeAt(start) | 32) === 99);
      if (simple) {
        const original = text.slice(start, p);
        let norm = upper && lowercase ? original.toLowerCase() : original;
        // Only a run of three letters makes shortenElongations change the (case-folded) word.
        const elongated = tripled;
        if (elongated) norm = shortenElongations(norm);
        if (lower) sawLower = true;
        // A word in capitals shouts only with two letters or more ("I" does not): no need to look at the others.
        else if (upper && p - start >= 2) sawShout = true;
        let negated = false;
        if (negation) {
          const role = negationRole(lowercase ? norm : norm.toLowerCase());
          if (role === ROLE_NEGATOR) {
            negated = inScope;
            inScope = true;
          } else if (role === ROLE_BREAKER) inScope = false;
          else negated = inScope;
        }
        tokens.push({ text: original, norm, kind: 'word', start, end: p, negated, elongated, shouted: false });
        continue;
      }
      p = start;
    } else if (c < 128 && INLINE_PUNCT[c] !== 0) {
      const next = p + 1 < n ? text.charCodeAt(p + 1) : 32;
      if (next < 128 && (INLINE_PUNCT[c] === 1 || next <= 32)) {
        const start = p;
        p++;
        if (c === 33 || c === 63) while (p < n && (text.charCodeAt(p) === 33 || text.charCodeAt(p) === 63)) p++;
        else if (c === 46) while (p < n && text.charCodeAt(p) === 46) p++;
        if (p >= n || text.charCodeAt(p) < 128) {
          if (negation && CLAUSE_BOUNDARY[c] === 1) inScope = false;
          const punct = text.slice(start, p);
          tokens.push({ text: punct, norm: punct, kind: 'punct', start, end: p, negated: false, elongated: false, shouted: false });
          continue;
        }
        p = start;
      }
    }
    if (scanner === undefined) scanner = new Scanner(text);
    scanner.pos = p;
    do {
      if (!scanner.next()) {
        p = n;
        break;
      }
      const scope: Scope = { open: inScope };
      const token = scannerToken(scanner, text, negation, lowercase, scope);
      inScope = scope.open;
      if (token.kind === 'word' && scanner.flags & F_UPPER && !(scanner.flags & F_LOWER) && scanner.special === undefined) sawShout = true;
      tokens.push(token);
      p = scanner.pos;
    } while (scanner.hasPending());
  }
  if (sawShout && (sawLower || scanner?.sawLower === true)) markShouted(tokens);
  return tokens;
}

/** Whether a negation scope is open; carried from token to token. */
interface Scope {
  open: boolean;
}

/** The scanner's current token as a Token, updating the negation scope. */
function scannerToken(scanner: Scanner, text: string, negation: boolean, lowercase: boolean, scope: Scope): MutableToken {
  let inScope = scope.open;
  const kind = scanner.kind;
  const norm = scanner.norm(lowercase);
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
  scope.open = inScope;
  const start = scanner.start;
  const end = scanner.end;
  return {
    text: text.slice(start, end),
    norm,
    kind: KIND_NAMES[kind] as Token['kind'],
    start,
    end,
    negated,
    elongated: (scanner.flags & F_ELONG) !== 0,
    shouted: false,
  };
}

/** Capitals are emphasis only when the text also uses lower case (Hutto & Gilbert 2014): an all-caps text shouts nothing. */
function markShouted(tokens: MutableToken[]): void {
  for (const token of tokens) {
    if (token.kind === 'word' && isShouted(token.text)) token.shouted = true;
  }
}

/**
 * `tokenize` through the scanner alone, without the inline path: the reference the fast paths are tested against.
 * @internal
 */
export function tokenizeWithScanner(text: string, negation = true, lowercase = true): Token[] {
  const scanner = new Scanner(text);
  const tokens: MutableToken[] = [];
  const scope: Scope = { open: false };
  let sawShout = false;
  while (scanner.next()) {
    const token = scannerToken(scanner, text, negation, lowercase, scope);
    if (token.kind === 'word' && scanner.flags & F_UPPER && !(scanner.flags & F_LOWER) && scanner.special === undefined) sawShout = true;
    tokens.push(token);
  }
  if (sawShout && scanner.sawLower) markShouted(tokens);
  return tokens;
}

function countLetters(s: string): number {
  let letters = 0;
  for (const ch of s) if (ch.toLowerCase() !== ch.toUpperCase()) letters++;
  return letters;
}

function isShouted(s: string): boolean {
  // ASCII words (nearly all) by their letters: capitals, no lower case, two letters or more; the same answer as
  // the general test below, without lower- and upper-casing copies of every word of a text that shouts.
  let upper = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128) return s !== s.toLowerCase() && s === s.toUpperCase() && countLetters(s) >= 2;
    // A lower-case ASCII letter: not all capitals, whatever follows.
    if (c >= 97 && c <= 122) return false;
    if (c >= 65 && c <= 90) upper++;
  }
  return upper >= 2;
}
