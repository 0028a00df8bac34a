/**
 * Character classes for the hand-written scanner (internal). ASCII comes from a fixed table; other code points
 * are classified once with Unicode property escapes and memoised, so the scanner never runs a regular
 * expression over the text itself and stays linear on any input.
 */

export const CLS_OTHER = 1;
export const CLS_SPACE = 2;
export const CLS_LOWER = 3;
export const CLS_UPPER = 4;
/** A letter without case (CJK, Arabic, ...), a modifier letter, or a letter-like number (Roman numerals, ²). */
export const CLS_LETTER = 5;
export const CLS_DIGIT = 6;
/** A combining mark (accents, variation selectors, the keycap mark). */
export const CLS_MARK = 7;
/** A pictograph shown as emoji by default. */
export const CLS_EMOJI = 8;
/** A pictograph shown as text unless followed by U+FE0F (©, ®, ™, ‼, arrows). */
export const CLS_EMOJI_TEXT = 9;
export const CLS_REGIONAL = 10;
/** An emoji skin-tone modifier (U+1F3FB..U+1F3FF). */
export const CLS_MODIFIER = 11;
export const CLS_CURRENCY = 12;
/** An invisible format character that may sit inside a word or an emoji sequence (ZWJ, ZWNJ, soft hyphen, tags). */
export const CLS_FORMAT = 13;

const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  let cls = CLS_OTHER;
  if (c <= 32 || c === 127) cls = CLS_SPACE;
  else if (c >= 97 && c <= 122) cls = CLS_LOWER;
  else if (c >= 65 && c <= 90) cls = CLS_UPPER;
  else if (c >= 48 && c <= 57) cls = CLS_DIGIT;
  else if (c === 36) cls = CLS_CURRENCY;
  ASCII[c] = cls;
}

/** The ASCII table, exported for the scanner's hot loop. */
export const ASCII_CLASS: Uint8Array = ASCII;

const BMP = new Uint8Array(65536);
const ASTRAL = new Map<number, number>();

const RE_SPACE = /^[\s\p{Cc}\u200B\u2060\uFEFF]$/u;
const RE_LOWER = /^\p{Ll}$/u;
const RE_UPPER = /^[\p{Lu}\p{Lt}]$/u;
const RE_LETTER = /^[\p{Lo}\p{Lm}\p{Nl}\p{No}]$/u;
const RE_DIGIT = /^\p{Nd}$/u;
const RE_MARK = /^\p{M}$/u;
const RE_PICT = /^\p{Extended_Pictographic}$/u;
const RE_CURRENCY = /^\p{Sc}$/u;
const RE_FORMAT = /^\p{Cf}$/u;

function classifySlow(cp: number): number {
  if (cp >= 0x1f1e6 && cp <= 0x1f1ff) return CLS_REGIONAL;
  if (cp >= 0x1f3fb && cp <= 0x1f3ff) return CLS_MODIFIER;
  const ch = String.fromCodePoint(cp);
  if (RE_SPACE.test(ch)) return CLS_SPACE;
  if (RE_LOWER.test(ch)) return CLS_LOWER;
  if (RE_UPPER.test(ch)) return CLS_UPPER;
  if (RE_LETTER.test(ch)) return CLS_LETTER;
  if (RE_DIGIT.test(ch)) return CLS_DIGIT;
  if (RE_MARK.test(ch)) return CLS_MARK;
  if (RE_PICT.test(ch)) {
    if (cp >= 0x10000) return CLS_EMOJI;
    // BMP pictographs in the emoji blocks default to emoji presentation often enough (☺ ♥ ✔ ❤ ⭐ ⌚);
    // the rest (© ® ™ ‼ arrows) are text unless a U+FE0F asks for emoji.
    if ((cp >= 0x2300 && cp <= 0x23ff) || (cp >= 0x2600 && cp <= 0x27bf) || (cp >= 0x2b00 && cp <= 0x2bff)) {
      return CLS_EMOJI;
    }
    return CLS_EMOJI_TEXT;
  }
  if (RE_CURRENCY.test(ch)) return CLS_CURRENCY;
  if (RE_FORMAT.test(ch)) return CLS_FORMAT;
  return CLS_OTHER;
}

/** The class of a code point (not a code unit). Lone surrogates are classified by the scanner, not here. */
export function classOf(cp: number): number {
  if (cp < 128) return ASCII[cp] as number;
  if (cp < 65536) {
    let cls = BMP[cp] as number;
    if (cls === 0) {
      cls = classifySlow(cp);
      BMP[cp] = cls;
    }
    return cls;
  }
  let cls = ASTRAL.get(cp);
  if (cls === undefined) {
    cls = classifySlow(cp);
    if (ASTRAL.size < 65536) ASTRAL.set(cp, cls);
  }
  return cls;
}

/** True for classes that can make up a word: letters of any case, digits, marks. */
export function isWordClass(cls: number): boolean {
  return cls === CLS_LOWER || cls === CLS_UPPER || cls === CLS_LETTER || cls === CLS_DIGIT || cls === CLS_MARK;
}

/** True for letter classes. */
export function isLetterClass(cls: number): boolean {
  return cls === CLS_LOWER || cls === CLS_UPPER || cls === CLS_LETTER;
}
