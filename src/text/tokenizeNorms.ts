import { assertOptions, assertString, fail } from '../errors';
import { ROLE_BREAKER, ROLE_NEGATOR, isClauseBoundaryPunct, negationRole } from './negation';
import { EMOTICON_START, LETTER_EMOTICON_SECOND, K_EMOJI, K_EMOTICON, K_PUNCT, K_WORD, Scanner, shortenElongations } from './scanner';

/** Options of `tokenizeNorms` and `tokenizeNormsNegated`. */
export interface TokenizeNormsOptions {
  /** Keep punctuation norms (`!!!`, `?`, `.`) in the output (default false: words, numbers, emoji, ... only). */
  readonly punct?: boolean;
  /** Lower-case the norms (default true). */
  readonly lowercase?: boolean;
}

/** Norms with their negation flags, parallel arrays. */
export interface NegatedNorms {
  readonly norms: string[];
  /** `negated[i]` is true when `norms[i]` is inside a negation scope. */
  readonly negated: boolean[];
}

function checkOptions(where: string, options: unknown): void {
  assertOptions(where, options);
  const o = (options ?? {}) as { punct?: unknown; lowercase?: unknown };
  if (o.punct !== undefined && typeof o.punct !== 'boolean') fail('INVALID_OPTION', where, 'options.punct', 'a boolean', o.punct);
  if (o.lowercase !== undefined && typeof o.lowercase !== 'boolean') {
    fail('INVALID_OPTION', where, 'options.lowercase', 'a boolean', o.lowercase);
  }
}

/**
 * The fast path of `tokenize` for bulk work: the same scanner, the same norms, but only the norm strings are
 * returned (no per-token objects, no offsets), so that tokenizing millions of texts does not spend its time
 * allocating and collecting tokens. Punctuation is left out unless `punct: true`.
 *
 * `tokenizeNorms(text)` equals `tokenize(text).filter(t => t.kind !== 'punct').map(t => t.norm)`.
 *
 * Method: plain ASCII words and punctuation (the bulk of feedback) are read inline with direct character
 * comparisons; everything else (contractions, numbers, emoji, URLs, non-ASCII, ...) goes to the hand-written linear
 * scanner described at `tokenize`, from the same position, so the output is the scanner's exactly (a property test
 * checks it). On the UCI sentiment sentences it runs at about natural's WordTokenizer speed (a native regex split that
 * keeps no punctuation, emoji or contractions): see `benchmarks/tokenize.ts`. Cost: O(n) time in the text length.
 *
 * @throws FeedbackMinerError INVALID_ARGUMENT when `text` is not a string; INVALID_OPTION for a bad option.
 * @example
 * tokenizeNorms("The delivery was SOOO late!!! Can't wait for a refund 😡")
 * // => ['the', 'delivery', 'was', 'soo', 'late', 'can', 'not', 'wait', 'for', 'a', 'refund', '😡']
 */
export function tokenizeNorms(text: string, options?: TokenizeNormsOptions): string[] {
  assertString('tokenizeNorms', 'text', text);
  let punct = false;
  let lowercase = true;
  if (options !== undefined) {
    checkOptions('tokenizeNorms', options);
    punct = options.punct ?? false;
    lowercase = options.lowercase ?? true;
  }
  const norms: string[] = [];
  collectNorms(text, punct, lowercase, norms, undefined);
  return norms;
}

/**
 * `tokenizeNorms` with negation flags: norms plus a parallel boolean array marking those inside a negation
 * scope (the rule documented at `tokenize`: Das & Chen 2001; Pang, Lee & Vaithyanathan 2002; clause boundaries
 * after Councill, McDonald & Velikovich 2010). No per-token objects: two parallel arrays.
 *
 * Cost: O(n) time in the text length.
 *
 * @throws FeedbackMinerError INVALID_ARGUMENT when `text` is not a string; INVALID_OPTION for a bad option.
 * @example
 * const { norms, negated } = tokenizeNormsNegated('not good, but cheap');
 * norms   // => ['not', 'good', 'but', 'cheap']
 * negated // => [false, true, false, false]
 */
export function tokenizeNormsNegated(text: string, options?: TokenizeNormsOptions): NegatedNorms {
  assertString('tokenizeNormsNegated', 'text', text);
  let punct = false;
  let lowercase = true;
  if (options !== undefined) {
    checkOptions('tokenizeNormsNegated', options);
    punct = options.punct ?? false;
    lowercase = options.lowercase ?? true;
  }
  const norms: string[] = [];
  const negated: boolean[] = [];
  collectNorms(text, punct, lowercase, norms, negated);
  return { norms, negated };
}

/** 1 for ASCII punctuation that ends a clause (and a negation scope); must agree with `isClauseBoundaryPunct`. */
/** @internal (shared with tokenize's inline path) */
export const CLAUSE_BOUNDARY = new Uint8Array(128);
for (let c = 33; c < 127; c++) if (isClauseBoundaryPunct(String.fromCharCode(c))) CLAUSE_BOUNDARY[c] = 1;

/** Letters that may start an emoticon (`xD`, `D:`, `T_T`, `o.O`) or a URL (`http`, `www.`, `ftp`): look closer. */
/** @internal (shared with tokenize's inline path) */
export const MAYBE_SPECIAL_START = new Uint8Array(128);
for (let c = 0; c < 128; c++) if (EMOTICON_START[c] === 1 || 'hHwWfF'.includes(String.fromCharCode(c))) MAYBE_SPECIAL_START[c] = 1;

/**
 * 1 at `(first << 7) | second` for the letter pairs that may open an emoticon (`xD`, `D:`, `T_T`, `o.O`) or a URL
 * (`ht`tp, `ww`w., `ft`p). A non-ASCII second character is looked up by its low 7 bits, which can only send a
 * word to the scanner needlessly, never keep one from it.
 */
/** @internal (shared with tokenize's inline path) */
export const SPECIAL_PAIR = new Uint8Array(128 * 128);
for (let first = 65; first <= 122; first++) {
  for (let second = 0; second < 128; second++) {
    const text = String.fromCharCode(first, second);
    if (isSpecialWordStart(text, 0, first)) SPECIAL_PAIR[(first << 7) | second] = 1;
  }
}

const isAsciiAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * 1 for ASCII characters that end a word without any look further: whitespace and every punctuation mark that
 * neither continues a word (apostrophe, hyphen, underscore, period) nor may continue an e-mail (`@ + %`).
 */
/** @internal (shared with tokenize's inline path) */
export const SIMPLE_STOP = new Uint8Array(128);
/** 1 for ASCII characters after a word-final period that leave it plain sentence punctuation (no address, domain or abbreviation). */
/** @internal (shared with tokenize's inline path) */
export const SIMPLE_AFTER_PERIOD = new Uint8Array(128);
/**
 * How ASCII punctuation at a token start may be handled inline: 1 always (when followed by ASCII), 2 only when
 * followed by whitespace or the end (it may start an emoticon, a signed number, a mention, a hashtag, an amount or
 * a keycap otherwise), 0 never (letters, digits, whitespace).
 */
/** @internal (shared with tokenize's inline path) */
export const INLINE_PUNCT = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const punctuation = c > 32 && c !== 127 && !isAsciiAlnum(c);
  if (c <= 32 || c === 127 || (punctuation && !"'`-_.@+%".includes(String.fromCharCode(c)))) SIMPLE_STOP[c] = 1;
  if (c <= 32 || c === 127 || (punctuation && !'._+-%'.includes(String.fromCharCode(c)))) SIMPLE_AFTER_PERIOD[c] = 1;
  if (punctuation) INLINE_PUNCT[c] = EMOTICON_START[c] === 1 || '@#$*+-'.includes(String.fromCharCode(c)) ? 2 : 1;
}

/**
 * The norms (and negation flags) of a text. Plain ASCII words between spaces and simple punctuation, the bulk of
 * real feedback, are handled inline without going through the scanner's token protocol; anything else (digits,
 * apostrophes, dots, hyphens, emoticon or URL starts, non-ASCII) is handed to the scanner from the same position,
 * so the output is exactly the scanner's (a property test checks it against `tokenize`).
 */
function collectNorms(text: string, punct: boolean, lowercase: boolean, norms: string[], negated: boolean[] | undefined): void {
  const n = text.length;
  let scanner: Scanner | undefined;
  let inScope = false;
  let p = 0;
  while (p < n) {
    let c = text.charCodeAt(p);
    if (c <= 32) {
      p++;
      continue;
    }
    // Inline: an ASCII word that cannot start an emoticon or a URL, ending at a simple stop.
    if (
      ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) &&
      (MAYBE_SPECIAL_START[c] === 0 || SPECIAL_PAIR[(c << 7) | (text.charCodeAt(p + 1) & 127)] === 0)
    ) {
      const start = p;
      // A tight loop with direct comparisons. An elongation needs a letter repeated (case-folded, as the scanner
      // folds); only then is the norm handed to shortenElongations, which changes nothing unless three letters match.
      let upper = false;
      let doubled = false;
      let prev = -1;
      while (p < n) {
        c = text.charCodeAt(p);
        if (c >= 97 && c <= 122) {
          if (c === prev) doubled = true;
          prev = c;
        } else if (c >= 65 && c <= 90) {
          upper = true;
          if ((c | 32) === prev) doubled = true;
          prev = c | 32;
        } else if (c >= 48 && c <= 57) prev = -1;
        else break;
        p++;
      }
      const simple =
        (p >= n ||
          (c < 128 && SIMPLE_STOP[c] === 1) ||
          // A period that no address, domain or dotted abbreviation could continue through.
          (c === 46 && (p + 1 >= n || (text.charCodeAt(p + 1) < 128 && SIMPLE_AFTER_PERIOD[text.charCodeAt(p + 1)] === 1)))) &&
        !(p - start === 6 && (text.charCodeAt(start) | 32) === 99);
      if (simple) {
        let norm = text.slice(start, p);
        if (upper && lowercase) norm = norm.toLowerCase();
        if (doubled) norm = shortenElongations(norm);
        if (negated !== undefined) {
          const role = negationRole(lowercase ? norm : norm.toLowerCase());
          if (role === ROLE_NEGATOR) {
            negated.push(inScope);
            inScope = true;
          } else {
            if (role === ROLE_BREAKER) inScope = false;
            negated.push(inScope);
          }
        }
        norms.push(norm);
        continue;
      }
      p = start;
    } else if (c < 128 && INLINE_PUNCT[c] !== 0) {
      // Inline: punctuation that starts nothing special here; runs of ! ? and of . stay one token, as in the scanner.
      const next = p + 1 < n ? text.charCodeAt(p + 1) : 32;
      if (next < 128 && (INLINE_PUNCT[c] === 1 || next <= 32)) {
        const start = p;
        p++;
        if (c === 33 || c === 63) while (p < n && (text.charCodeAt(p) === 33 || text.charCodeAt(p) === 63)) p++;
        else if (c === 46) while (p < n && text.charCodeAt(p) === 46) p++;
        // Combining marks after punctuation belong to it: leave those cases to the scanner.
        if (p >= n || text.charCodeAt(p) < 128) {
          if (CLAUSE_BOUNDARY[c] === 1) inScope = false;
          if (punct) {
            norms.push(text.slice(start, p));
            negated?.push(false);
          }
          continue;
        }
        p = start;
      }
    }
    // Everything else: the scanner, from this position, for one token (and a pending contraction half).
    if (scanner === undefined) scanner = new Scanner(text);
    scanner.pos = p;
    do {
      if (!scanner.next()) return;
      const kind = scanner.kind;
      const norm = scanner.norm(lowercase);
      let isNegated = false;
      if (kind === K_WORD) {
        const role = negationRole(lowercase ? norm : norm.toLowerCase());
        if (role === ROLE_NEGATOR) {
          isNegated = inScope;
          inScope = true;
        } else if (role === ROLE_BREAKER) inScope = false;
        else isNegated = inScope;
      } else if (kind === K_PUNCT) {
        if (isClauseBoundaryPunct(norm)) inScope = false;
        if (!punct) continue;
      } else if (kind === K_EMOJI || kind === K_EMOTICON) inScope = false;
      else isNegated = inScope;
      norms.push(norm);
      negated?.push(isNegated);
    } while (scanner.hasPending());
    p = scanner.pos;
  }
}

/** Letters that may start an emoticon (`xD`, `D:`, `T_T`, `o_O`) or a URL (`http`, `www.`, `ftp`) go to the scanner. */
function isSpecialWordStart(text: string, p: number, c: number): boolean {
  const second = text.charCodeAt(p + 1);
  if (EMOTICON_START[c] === 1 && second < 128 && LETTER_EMOTICON_SECOND[second] === 1) return true;
  const low = c | 32;
  const next = second | 32;
  return (low === 104 && next === 116) || (low === 119 && next === 119) || (low === 102 && next === 116);
}
