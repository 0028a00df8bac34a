import { assertOptions, assertString, fail } from '../errors';
import { unifyPunctuation } from './scanner';

/** Options of `normalize`. */
export interface NormalizeOptions {
  /** Unicode normalisation form (default `'NFKC'`: compatibility forms folded, `ﬁ` -> `fi`, full-width -> ASCII). */
  readonly form?: 'NFKC' | 'NFC' | 'none';
  /** Fold case (default false): `toLowerCase(toUpperCase(x))`, an approximation of Unicode full case folding (`ß` -> `ss`). */
  readonly caseFold?: boolean;
  /** Curly and angle quotes to `'` and `"`, every dash and minus to `-` (default true). */
  readonly punctuation?: boolean;
  /** Runs of whitespace to one space, trimmed at both ends; invisible characters (ZWSP, BOM, soft hyphen) dropped (default true). */
  readonly whitespace?: boolean;
}

/** A normalised text with the way back to the original. */
export interface NormalizedText {
  readonly text: string;
  /**
   * `offsets[i]` is the offset in the ORIGINAL text where the character `text[i]` came from (the start of the
   * original character or combining sequence it was produced from); `offsets[text.length]` is the original length.
   * Non-decreasing. Use `toOriginalSpan` to map a span.
   */
  readonly offsets: number[];
  /** `ends[i]` is the offset in the original text just past the character(s) `text[i]` came from. */
  readonly ends: number[];
}

const RE_MARK = /\p{M}/u;

/**
 * Normalises text for matching and display: Unicode NFKC (or NFC), unified quotes and dashes, optional case
 * folding, whitespace collapsed, with an offset map back to the original so that anything found in the
 * normalised text can be pointed at in the text the user wrote.
 *
 * Method: the text is cut into base characters with their combining marks (so that `e` + U+0301 composes to
 * `é`), each cluster is normalised on its own (UAX #15 normalisation is closed under concatenation of such
 * clusters except for rare Hangul jamo and reordering cases) and every output character records the offset of
 * the cluster it came from.
 *
 * Cost: O(n) time and memory.
 *
 * @throws FeedbackMinerError INVALID_ARGUMENT when `text` is not a string; INVALID_OPTION for a bad option.
 * @example
 * const r = normalize('  “Great”\u00A0 service — ﬁne ', { caseFold: true });
 * r.text // => '"great" service - fine'
 * toOriginalSpan(r, 1, 6) // => { start: 3, end: 8 }  ('Great' in the original)
 */
export function normalize(text: string, options?: NormalizeOptions): NormalizedText {
  assertString('normalize', 'text', text);
  assertOptions('normalize', options);
  const form = options?.form ?? 'NFKC';
  if (form !== 'NFKC' && form !== 'NFC' && form !== 'none') fail('INVALID_OPTION', 'normalize', 'options.form', "'NFKC', 'NFC' or 'none'", form);
  const caseFold = options?.caseFold ?? false;
  const punctuation = options?.punctuation ?? true;
  const whitespace = options?.whitespace ?? true;
  if (typeof caseFold !== 'boolean') fail('INVALID_OPTION', 'normalize', 'options.caseFold', 'a boolean', caseFold);
  if (typeof punctuation !== 'boolean') fail('INVALID_OPTION', 'normalize', 'options.punctuation', 'a boolean', punctuation);
  if (typeof whitespace !== 'boolean') fail('INVALID_OPTION', 'normalize', 'options.whitespace', 'a boolean', whitespace);

  const parts: string[] = [];
  const offsets: number[] = [];
  const ends: number[] = [];
  let pendingSpace = -1;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const start = i;
    const c = text.charCodeAt(i);
    if (c > 32 && c < 127) {
      // A run of printable ASCII is its own normal form (NFKC, quotes, dashes); only its last character may carry
      // combining marks, so that one is left to the cluster path below.
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d > 32 && d < 127) j++;
        else break;
      }
      if (j < n && text.charCodeAt(j) >= 0x300) j--;
      if (j > i) {
        if (pendingSpace >= 0) {
          if (parts.length > 0) {
            parts.push(' ');
            offsets.push(pendingSpace);
            ends.push(start);
          }
          pendingSpace = -1;
        }
        const run = text.slice(i, j);
        parts.push(caseFold ? run.toLowerCase() : run);
        for (let k = i; k < j; k++) {
          offsets.push(k);
          ends.push(k + 1);
        }
        i = j;
        continue;
      }
    }
    // One cluster: a code point and the combining marks after it.
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < n && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    {
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d < 0x300) break;
        const size = d >= 0xd800 && d <= 0xdbff && i + 1 < n ? 2 : 1;
        if (!RE_MARK.test(text.slice(i, i + size))) break;
        i += size;
      }
    }
    if (whitespace) {
      if (c <= 32 || c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000) {
        if (i - start === 1) {
          if (pendingSpace < 0) pendingSpace = start;
          continue;
        }
      }
      if (c === 0x200b || c === 0xfeff || c === 0x2060 || c === 0xad || c === 127 || (c < 32 && i - start === 1)) continue;
    }
    let piece = text.slice(start, i);
    if ((c >= 128 || i - start > 1) && form !== 'none') piece = piece.normalize(form);
    if (caseFold) piece = piece.toUpperCase().toLowerCase();
    if (punctuation && c >= 128) piece = unifyPunctuation(piece);
    if (pendingSpace >= 0) {
      if (parts.length > 0) {
        parts.push(' ');
        offsets.push(pendingSpace);
        ends.push(start);
      }
      pendingSpace = -1;
    }
    parts.push(piece);
    for (let k = 0; k < piece.length; k++) {
      offsets.push(start);
      ends.push(i);
    }
  }
  offsets.push(n);
  return { text: parts.join(''), offsets, ends };
}

/**
 * Maps a span `[start, end)` of a normalised text back to the original: the original span covering every
 * character the normalised span came from.
 *
 * Cost: O(1).
 *
 * @throws FeedbackMinerError INVALID_ARGUMENT when `normalized` is not a result of `normalize`; INVALID_OPTION when
 *   the span is not within the normalised text.
 * @example toOriginalSpan(normalize('a  ﬁne day'), 2, 6) // => { start: 3, end: 6 }
 */
export function toOriginalSpan(normalized: NormalizedText, start: number, end: number): { start: number; end: number } {
  if (
    typeof normalized !== 'object' ||
    normalized === null ||
    typeof normalized.text !== 'string' ||
    !Array.isArray(normalized.offsets) ||
    !Array.isArray(normalized.ends)
  ) {
    fail('INVALID_ARGUMENT', 'toOriginalSpan', 'normalized', 'the result of normalize()', normalized);
  }
  const length = normalized.text.length;
  if (!Number.isInteger(start) || start < 0 || start > length) fail('INVALID_OPTION', 'toOriginalSpan', 'start', `an integer from 0 to ${length}`, start);
  if (!Number.isInteger(end) || end < start || end > length) fail('INVALID_OPTION', 'toOriginalSpan', 'end', `an integer from start to ${length}`, end);
  const from = normalized.offsets[start] as number;
  if (end === start) return { start: from, end: from };
  return { start: from, end: normalized.ends[end - 1] as number };
}
