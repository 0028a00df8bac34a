import { assertOptions, assertString, fail } from '../errors';
import { CLAUSE_BREAKERS, NEGATORS, isClauseBoundaryPunct } from './negation';
import { K_EMOJI, K_EMOTICON, K_PUNCT, K_WORD, Scanner } from './scanner';

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
  /** `negated[i]` is 1 when `norms[i]` is inside a negation scope, else 0. */
  readonly negated: Uint8Array;
}

function readOptions(where: string, options: unknown): [boolean, boolean] {
  assertOptions(where, options);
  const o = (options ?? {}) as { punct?: unknown; lowercase?: unknown };
  const punct = o.punct ?? false;
  const lowercase = o.lowercase ?? true;
  if (typeof punct !== 'boolean') fail('INVALID_OPTION', where, 'options.punct', 'a boolean', punct);
  if (typeof lowercase !== 'boolean') fail('INVALID_OPTION', where, 'options.lowercase', 'a boolean', lowercase);
  return [punct, lowercase];
}

/**
 * The fast path of `tokenize` for bulk work: the same scanner, the same norms, but only the norm strings are
 * returned (no per-token objects, no offsets), so that tokenizing millions of texts does not spend its time
 * allocating and collecting tokens. Punctuation is left out unless `punct: true`.
 *
 * `tokenizeNorms(text)` equals `tokenize(text).filter(t => t.kind !== 'punct').map(t => t.norm)`.
 *
 * Method: the hand-written linear scanner described at `tokenize`. Cost: O(n) time in the text length.
 *
 * @throws FeedbackMinerError INVALID_ARGUMENT when `text` is not a string; INVALID_OPTION for a bad option.
 * @example
 * tokenizeNorms("The delivery was SOOO late!!! Can't wait for a refund 😡")
 * // => ['the', 'delivery', 'was', 'soo', 'late', 'can', 'not', 'wait', 'for', 'a', 'refund', '😡']
 */
export function tokenizeNorms(text: string, options?: TokenizeNormsOptions): string[] {
  assertString('tokenizeNorms', 'text', text);
  const [punct, lowercase] = options === undefined ? [false, true] : readOptions('tokenizeNorms', options);
  const scanner = new Scanner(text);
  const norms: string[] = [];
  while (scanner.next()) {
    if (scanner.kind === K_PUNCT && !punct) continue;
    norms.push(scanner.norm(lowercase));
  }
  return norms;
}

/**
 * `tokenizeNorms` with negation flags: norms plus a parallel `Uint8Array` marking those inside a negation
 * scope (the rule documented at `tokenize`: Das & Chen 2001; Pang, Lee & Vaithyanathan 2002; clause boundaries
 * after Councill, McDonald & Velikovich 2010). No per-token objects.
 *
 * Cost: O(n) time in the text length.
 *
 * @throws FeedbackMinerError INVALID_ARGUMENT when `text` is not a string; INVALID_OPTION for a bad option.
 * @example
 * const { norms, negated } = tokenizeNormsNegated('not good, but cheap');
 * norms   // => ['not', 'good', 'but', 'cheap']
 * [...negated] // => [0, 1, 0, 0]
 */
export function tokenizeNormsNegated(text: string, options?: TokenizeNormsOptions): NegatedNorms {
  assertString('tokenizeNormsNegated', 'text', text);
  const [punct, lowercase] = options === undefined ? [false, true] : readOptions('tokenizeNormsNegated', options);
  const scanner = new Scanner(text);
  const norms: string[] = [];
  const flags: number[] = [];
  let inScope = false;
  while (scanner.next()) {
    const kind = scanner.kind;
    const norm = scanner.norm(lowercase);
    let negated = false;
    if (kind === K_WORD) {
      const key = lowercase ? norm : norm.toLowerCase();
      if (NEGATORS.has(key)) {
        negated = inScope;
        inScope = true;
      } else if (CLAUSE_BREAKERS.has(key)) inScope = false;
      else negated = inScope;
    } else if (kind === K_PUNCT) {
      if (isClauseBoundaryPunct(norm)) inScope = false;
      if (!punct) continue;
    } else if (kind === K_EMOJI || kind === K_EMOTICON) inScope = false;
    else negated = inScope;
    norms.push(norm);
    flags.push(negated ? 1 : 0);
  }
  return { norms, negated: Uint8Array.from(flags) };
}
