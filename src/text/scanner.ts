/**
 * The hand-written character scanner behind `tokenize` and `tokenizeNorms` (internal).
 *
 * One left-to-right pass over UTF-16 code units; every look-ahead is either bounded (emoticons, URL prefixes) or
 * remembered (the e-mail and bare-domain checks record how far they saw nothing, so that no position is
 * scanned twice), which keeps the whole scan linear on any input. No regular expression runs over the text.
 * The scanner allocates nothing per token: it exposes the current token's span, kind and flags as fields, and
 * callers build objects (or just norms) from them.
 */
import {
  ASCII_CLASS,
  CLS_CURRENCY,
  CLS_DIGIT,
  CLS_EMOJI,
  CLS_EMOJI_TEXT,
  CLS_FORMAT,
  CLS_LETTER,
  CLS_LOWER,
  CLS_MARK,
  CLS_MODIFIER,
  CLS_OTHER,
  CLS_REGIONAL,
  CLS_SPACE,
  CLS_UPPER,
  classOf,
} from './chars';
import type { TokenKind } from './types';

export const K_WORD = 0;
export const K_NUMBER = 1;
export const K_EMOJI = 2;
export const K_EMOTICON = 3;
export const K_URL = 4;
export const K_EMAIL = 5;
export const K_MENTION = 6;
export const K_HASHTAG = 7;
export const K_PUNCT = 8;

export const KIND_NAMES: readonly TokenKind[] = [
  'word',
  'number',
  'emoji',
  'emoticon',
  'url',
  'email',
  'mention',
  'hashtag',
  'punct',
];

/** The token has a lower-case letter. */
export const F_LOWER = 1;
/** The token has an upper-case letter. */
export const F_UPPER = 2;
/** The token has a non-ASCII code unit (its norm needs NFKC). */
export const F_NONASCII = 4;
/** The token has an apostrophe inside it (its norm unifies apostrophes). */
export const F_APOS = 8;
/** A letter repeats three or more times in a row (`soooo`). */
export const F_ELONG = 16;
/** A lone surrogate: the token stands for an unpaired UTF-16 code unit. */
export const F_LONE = 32;

/** Class used for a lone surrogate. */
const CLS_LONE = 0;

const APOSTROPHE = 39;
const BACKTICK = 96;
const HYPHEN = 45;

function isApostropheUnit(c: number): boolean {
  return c === APOSTROPHE || c === 0x2019 || c === 0x2018 || c === BACKTICK || c === 0xff07;
}

function isHyphenUnit(c: number): boolean {
  return c === HYPHEN || c === 0x2010 || c === 0x2011;
}

/** Emoticons by first code unit, longest first. Written for this project from the common Western and Eastern forms. */
const EMOTICONS: ReadonlyMap<number, readonly string[]> = (() => {
  const list = [
    ':)', ':-)', ':]', ':-]', ':}', '=)', '=]', ':D', ':-D', '=D', 'xD', 'XD', ';)', ';-)', ';]', ';D', ':P', ':-P',
    ':p', ':-p', ';P', ';p', '=P', ':3', '<3', '<33', '<333', '^_^', '^^', '^.^', ':*', ':-*', ":')", ":'-)", '(:',
    ':o)', '8-)', ':(', ':-(', ':[', ':-[', ':{', '=(', '=[', ":'(", ":'-(", ';(', 'D:', '):', ':/', ':-/', ':\\',
    ':-\\', '=/', ':|', ':-|', '>:(', '>:-(', '</3', '-_-', 'T_T', 'T.T', ';_;', ':o', ':O', ':-o', ':-O', ':S',
    ':s', ':@', ':$', 'o_O', 'O_o', 'o.O', 'O.o', '>_<', ':((', ':))', ':-((', ':-))', ':DD', 'xDD', 'XDD',
  ];
  const map = new Map<number, string[]>();
  for (const e of list) {
    const first = e.charCodeAt(0);
    const bucket = map.get(first) ?? [];
    bucket.push(e);
    map.set(first, bucket);
  }
  for (const bucket of map.values()) bucket.sort((a, b) => b.length - a.length);
  return map;
})();

/** 1 for code units that can start an emoticon (a table lookup is cheaper than a map lookup per token). */
export const EMOTICON_START: Uint8Array = (() => {
  const table = new Uint8Array(128);
  for (const first of EMOTICONS.keys()) if (first < 128) table[first] = 1;
  return table;
})();

/**
 * For emoticons that start with a letter (`xD`, `D:`, `T_T`, `o.O`): 1 at the code of every possible second
 * character, so that the fast path can tell at a glance that a word like `only` or `The` is just a word.
 */
export const LETTER_EMOTICON_SECOND: Uint8Array = (() => {
  const table = new Uint8Array(128);
  for (const [first, bucket] of EMOTICONS) {
    if (!isAsciiAlnum(first)) continue;
    for (const e of bucket) if (e.length > 1 && e.charCodeAt(1) < 128) table[e.charCodeAt(1)] = 1;
  }
  return table;
})();

/** Lower-case ASCII top-level domains accepted for bare domains like `example.com` (short, unambiguous ones only). */
const TLDS: ReadonlySet<string> = new Set([
  'com', 'org', 'net', 'edu', 'gov', 'io', 'co', 'uk', 'de', 'fr', 'ca', 'au', 'info', 'biz', 'ly', 'app', 'dev',
  'ai', 'eu', 'nl', 'es', 'jp', 'ru', 'br', 'ch', 'se', 'tv', 'ie', 'nz', 'shop', 'store',
]);

function isAsciiAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
}

function isAsciiLetter(c: number): boolean {
  return (c | 32) >= 97 && (c | 32) <= 122;
}

/** Splits of a word before a clitic: what the base and the clitic normalise to. */
const BASE_NORMS: ReadonlyMap<string, string> = new Map([
  ['ca', 'can'],
  ['wo', 'will'],
  ['sha', 'shall'],
  ['ai', 'is'],
]);
const CLITIC_NORMS: ReadonlyMap<string, string> = new Map([
  ["n't", 'not'],
  ["'re", 'are'],
  ["'ve", 'have'],
  ["'ll", 'will'],
  ["'m", 'am'],
  ["'s", "'s"],
  ["'d", "'d"],
]);

export class Scanner {
  readonly text: string;
  readonly length: number;
  /** Where scanning resumes. */
  pos = 0;
  /** The current token: span, kind (K_*), flags (F_*), and a fixed norm for contraction parts. */
  start = 0;
  end = 0;
  kind = 0;
  flags = 0;
  special: string | undefined = undefined;
  /** Some word in the text so far had a lower-case letter (for `shouted`). */
  sawLower = false;

  private pendingStart = -1;
  private pendingEnd = 0;
  private pendingFlags = 0;
  private pendingSpecial: string | undefined = undefined;
  /** No e-mail address starts before this offset (memo that keeps the e-mail check linear). */
  private noEmailBefore = 0;
  /** No bare domain starts before this offset. */
  private noDomainBefore = 0;

  constructor(text: string) {
    this.text = text;
    this.length = text.length;
  }

  /** The class of the code point at `i` (CLS_LONE for a lone surrogate); `i` must be < length. */
  private classAt(i: number): number {
    const c = this.text.charCodeAt(i);
    if (c < 128) return ASCII_CLASS[c] as number;
    if (c >= 0xd800 && c <= 0xdfff) {
      if (c <= 0xdbff && i + 1 < this.length) {
        const d = this.text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) return classOf(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
      }
      return CLS_LONE;
    }
    return classOf(c);
  }

  /** Code units taken by the code point at `i` (2 for a surrogate pair, else 1). */
  private sizeAt(i: number): number {
    const c = this.text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < this.length) {
      const d = this.text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) return 2;
    }
    return 1;
  }

  private isLetterAt(i: number): boolean {
    if (i >= this.length) return false;
    const cls = this.classAt(i);
    return cls === CLS_LOWER || cls === CLS_UPPER || cls === CLS_LETTER;
  }

  private isWordAt(i: number): boolean {
    if (i >= this.length || i < 0) return false;
    const cls = this.classAt(i);
    return cls === CLS_LOWER || cls === CLS_UPPER || cls === CLS_LETTER || cls === CLS_DIGIT;
  }

  /** The code point ending just before `i` is a letter or digit (a word is running into position `i`). */
  private wordBefore(i: number): boolean {
    if (i <= 0) return false;
    const c = this.text.charCodeAt(i - 1);
    if (c < 128) return isAsciiAlnum(c) || c === 95;
    if (c >= 0xdc00 && c <= 0xdfff && i >= 2) {
      const h = this.text.charCodeAt(i - 2);
      if (h >= 0xd800 && h <= 0xdbff) return this.isWordAt(i - 2);
    }
    const cls = this.classAt(i - 1);
    return cls === CLS_LOWER || cls === CLS_UPPER || cls === CLS_LETTER || cls === CLS_DIGIT || cls === CLS_MARK;
  }

  private emit(kind: number, start: number, end: number, flags: number): true {
    this.kind = kind;
    this.start = start;
    this.end = end;
    this.flags = flags;
    this.special = undefined;
    this.pos = end;
    return true;
  }

  /** True when the second half of a split contraction is waiting to be returned by `next()`. */
  hasPending(): boolean {
    return this.pendingStart >= 0;
  }

  /** Advances to the next token; false at the end of the text. */
  next(): boolean {
    if (this.pendingStart >= 0) {
      this.kind = K_WORD;
      this.start = this.pendingStart;
      this.end = this.pendingEnd;
      this.flags = this.pendingFlags;
      this.special = this.pendingSpecial;
      this.pos = this.pendingEnd;
      this.pendingStart = -1;
      return true;
    }
    const text = this.text;
    const n = this.length;
    let p = this.pos;
    while (p < n) {
      const c = text.charCodeAt(p);
      if (c === 32) {
        p++;
        continue;
      }
      // The common case first: an ASCII letter that cannot start an emoticon starts a word.
      if (c < 128 && ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) && EMOTICON_START[c] === 0) return this.scanWord(p);
      const cls = c < 128 ? (ASCII_CLASS[c] as number) : this.classAt(p);
      if (cls === CLS_SPACE) {
        p++;
        continue;
      }
      if (cls === CLS_FORMAT) {
        // Invisible characters between tokens (a stray ZWJ, soft hyphen or tag) separate nothing and mean nothing.
        p += this.sizeAt(p);
        continue;
      }
      if (c < 128 && EMOTICON_START[c] === 1) {
        const e = this.matchEmoticon(p);
        if (e > 0) return this.emit(K_EMOTICON, p, e, 0);
      }
      switch (cls) {
        case CLS_LOWER:
        case CLS_UPPER:
        case CLS_LETTER:
        case CLS_MARK:
          return this.scanWord(p);
        case CLS_DIGIT: {
          const k = this.keycapEnd(p);
          if (k > 0) return this.emit(K_EMOJI, p, k, F_NONASCII);
          return this.scanNumber(p, p);
        }
        case CLS_EMOJI:
        case CLS_REGIONAL:
        case CLS_MODIFIER:
          return this.emit(K_EMOJI, p, this.emojiEnd(p), F_NONASCII);
        case CLS_EMOJI_TEXT:
          if (text.charCodeAt(p + this.sizeAt(p)) === 0xfe0f) return this.emit(K_EMOJI, p, this.emojiEnd(p), F_NONASCII);
          return this.scanPunct(p);
        case CLS_CURRENCY: {
          const next = p + this.sizeAt(p);
          if (next < n && this.classAt(next) === CLS_DIGIT) return this.scanNumber(p, next);
          return this.scanPunct(p);
        }
        case CLS_LONE:
          return this.emit(K_PUNCT, p, p + 1, F_LONE | F_NONASCII);
        default:
          break;
      }
      // ASCII punctuation with special meanings.
      if (c === 64 /* @ */) {
        if (!this.wordBefore(p) && p + 1 < n) {
          const e = this.nameEnd(p + 1);
          if (e > p + 1) return this.emit(K_MENTION, p, e, this.nameFlags(p, e));
        }
      } else if (c === 35 /* # */) {
        const k = this.keycapEnd(p);
        if (k > 0) return this.emit(K_EMOJI, p, k, F_NONASCII);
        if (!this.wordBefore(p) && text.charCodeAt(p - 1) !== 38 /* & */ && p + 1 < n) {
          const e = this.nameEnd(p + 1);
          if (e > p + 1 && this.hasLetterOrUnderscore(p + 1, e)) return this.emit(K_HASHTAG, p, e, this.nameFlags(p, e));
        }
      } else if (c === 42 /* * */) {
        const k = this.keycapEnd(p);
        if (k > 0) return this.emit(K_EMOJI, p, k, F_NONASCII);
      } else if (c === 43 /* + */ || c === HYPHEN) {
        if (!this.wordBefore(p) && p + 1 < n && this.classAt(p + 1) === CLS_DIGIT) return this.scanNumber(p, p + 1);
      }
      return this.scanPunct(p);
    }
    this.pos = n;
    return false;
  }

  /** End of an emoticon starting at `p`, or -1. Boundaries keep `xD` out of `xDrive` and `):` out of `(see above):`. */
  private matchEmoticon(p: number): number {
    const text = this.text;
    const first = text.charCodeAt(p);
    const candidates = EMOTICONS.get(first);
    if (candidates === undefined) return -1;
    const firstIsWordy = isAsciiAlnum(first);
    const firstIsBracket = first === 40 || first === 41;
    if ((firstIsWordy || firstIsBracket) && this.wordBefore(p)) return -1;
    if (firstIsBracket && p > 0 && this.classAt(p - 1) !== CLS_SPACE) return -1;
    const second = text.charCodeAt(p + 1);
    for (const e of candidates) {
      if (e.charCodeAt(1) !== second || !text.startsWith(e, p)) continue;
      const end = p + e.length;
      const last = e.charCodeAt(e.length - 1);
      if (isAsciiAlnum(last) && this.isWordAt(end)) continue;
      if (last === 58 /* : */ && end < this.length && this.classAt(end) !== CLS_SPACE) continue;
      // `:3` inside `1:30` never gets here (numbers take it), but `<3` before a digit is a comparison.
      if ((last === 51 || first === 60) && end < this.length && this.classAt(end) === CLS_DIGIT) continue;
      return end;
    }
    return -1;
  }

  /** End of a keycap emoji (`#️⃣`, `1⃣`) starting at `p`, or -1. */
  private keycapEnd(p: number): number {
    const text = this.text;
    let q = p + 1;
    if (text.charCodeAt(q) === 0xfe0f) q++;
    return text.charCodeAt(q) === 0x20e3 ? q + 1 : -1;
  }

  /**
   * End of an emoji sequence from `p` (Unicode TS #51, ED-17 approximated): a flag (two regional indicators), or a
   * pictograph followed by presentation selectors, a skin tone, keycap or tag characters, with further
   * pictographs joined by ZWJ.
   */
  private emojiEnd(p: number): number {
    const text = this.text;
    const n = this.length;
    if (this.classAt(p) === CLS_REGIONAL) {
      const q = p + 2;
      return q < n && this.classAt(q) === CLS_REGIONAL ? q + 2 : q;
    }
    let q = p + this.sizeAt(p);
    for (;;) {
      while (q < n) {
        const c = text.charCodeAt(q);
        if (c === 0xfe0f || c === 0xfe0e || c === 0x20e3) q++;
        else if (c === 0xd83c && q + 1 < n && text.charCodeAt(q + 1) >= 0xdffb && text.charCodeAt(q + 1) <= 0xdfff) q += 2;
        else if (c === 0xdb40 && q + 1 < n && text.charCodeAt(q + 1) >= 0xdc20 && text.charCodeAt(q + 1) <= 0xdc7f) q += 2;
        else break;
      }
      if (q + 1 < n && text.charCodeAt(q) === 0x200d) {
        const cls = this.classAt(q + 1);
        if (cls === CLS_EMOJI || cls === CLS_EMOJI_TEXT || cls === CLS_MODIFIER) {
          q = q + 1 + this.sizeAt(q + 1);
          continue;
        }
      }
      return q;
    }
  }

  /** End of a @mention or #hashtag name starting at `p` (letters, digits, marks, underscores). */
  private nameEnd(p: number): number {
    const n = this.length;
    let q = p;
    while (q < n) {
      const c = this.text.charCodeAt(q);
      if (c < 128) {
        if (isAsciiAlnum(c) || c === 95) q++;
        else break;
      } else {
        const cls = this.classAt(q);
        if (cls === CLS_LOWER || cls === CLS_UPPER || cls === CLS_LETTER || cls === CLS_DIGIT || cls === CLS_MARK) {
          q += this.sizeAt(q);
        } else break;
      }
    }
    return q;
  }

  private nameFlags(p: number, e: number): number {
    let flags = 0;
    for (let i = p; i < e; i++) {
      const c = this.text.charCodeAt(i);
      if (c >= 128) flags |= F_NONASCII;
      else if (c >= 65 && c <= 90) flags |= F_UPPER;
    }
    return flags;
  }

  private hasLetterOrUnderscore(p: number, e: number): boolean {
    for (let i = p; i < e; i++) {
      const c = this.text.charCodeAt(i);
      if (c === 95 || isAsciiLetter(c)) return true;
      if (c >= 128) {
        const cls = this.classAt(i);
        if (cls === CLS_LOWER || cls === CLS_UPPER || cls === CLS_LETTER) return true;
      }
    }
    return false;
  }

  /** Punctuation: runs of `!`/`?` and of `.` stay together (`!!!`, `?!`, `...`); combining marks stay on their base. */
  private scanPunct(p: number): true {
    const text = this.text;
    const n = this.length;
    const c = text.charCodeAt(p);
    let q = p + this.sizeAt(p);
    if (c === 33 || c === 63) {
      while (q < n && (text.charCodeAt(q) === 33 || text.charCodeAt(q) === 63)) q++;
    } else if (c === 46) {
      while (q < n && text.charCodeAt(q) === 46) q++;
    }
    while (q < n && this.classAt(q) === CLS_MARK) q += this.sizeAt(q);
    let flags = 0;
    for (let i = p; i < q; i++) if (text.charCodeAt(i) >= 128) flags = F_NONASCII;
    return this.emit(K_PUNCT, p, q, flags);
  }

  /**
   * A number from `p` whose digits start at `digits`: an optional currency sign or +/- before, digits with inner
   * `. , : / -` separators (`12,000.50`, `10:30`, `2024-03-01`, `24/7`), then an optional unit, ordinal or percent
   * (`3h`, `2nd`, `10kg`, `10%`, `12€`, `90's`).
   */
  private scanNumber(p: number, digits: number): true {
    const text = this.text;
    const n = this.length;
    let flags = p === digits ? 0 : text.charCodeAt(p) >= 128 ? F_NONASCII : 0;
    let q = digits;
    while (q < n) {
      const c = text.charCodeAt(q);
      if (c >= 48 && c <= 57) {
        q++;
        continue;
      }
      if (c >= 128 && this.classAt(q) === CLS_DIGIT) {
        flags |= F_NONASCII;
        q += this.sizeAt(q);
        continue;
      }
      if ((c === 46 || c === 44 || c === 58 || c === 47 || c === HYPHEN) && q + 1 < n) {
        const d = text.charCodeAt(q + 1);
        if ((d >= 48 && d <= 57) || (d >= 128 && this.classAt(q + 1) === CLS_DIGIT)) {
          q++;
          continue;
        }
      }
      break;
    }
    if (q < n) {
      const c = text.charCodeAt(q);
      if (c === 37 /* % */ || c === 0x2030 /* ‰ */) {
        if (c >= 128) flags |= F_NONASCII;
        q++;
      } else if (c >= 128 && this.classAt(q) === CLS_CURRENCY) {
        flags |= F_NONASCII;
        q += this.sizeAt(q);
      } else if (isApostropheUnit(c) && q + 1 < n && (text.charCodeAt(q + 1) | 32) === 115 && !this.isWordAt(q + 2)) {
        if (c >= 128) flags |= F_NONASCII | F_APOS;
        else flags |= F_APOS;
        q += 2;
      } else {
        // A unit or ordinal: letters and digits, with inner hyphens before letters (`3-day`).
        for (;;) {
          if (q >= n) break;
          const u = text.charCodeAt(q);
          if (u < 128) {
            if (isAsciiAlnum(u)) {
              if (u >= 65 && u <= 90) flags |= F_UPPER;
              q++;
              continue;
            }
            if (u === HYPHEN && q + 1 < n && isAsciiLetter(text.charCodeAt(q + 1)) && isAsciiAlnum(text.charCodeAt(q - 1))) {
              q++;
              continue;
            }
            break;
          }
          const cls = this.classAt(q);
          if (cls === CLS_LOWER || cls === CLS_UPPER || cls === CLS_LETTER || cls === CLS_DIGIT || cls === CLS_MARK) {
            flags |= F_NONASCII;
            q += this.sizeAt(q);
            continue;
          }
          break;
        }
      }
    }
    return this.emit(K_NUMBER, p, q, flags);
  }

  /** A URL starting at `p` if the text there starts with a scheme or `www.`, else -1. */
  private urlPrefixEnd(p: number): number {
    const text = this.text;
    const c = text.charCodeAt(p) | 32;
    let q = -1;
    if (c === 104 /* h */) {
      if (startsWithLower(text, p, 'http://')) q = p + 7;
      else if (startsWithLower(text, p, 'https://')) q = p + 8;
    } else if (c === 119 /* w */) {
      if (startsWithLower(text, p, 'www.') && p + 4 < this.length && isAsciiAlnum(text.charCodeAt(p + 4))) q = p + 4;
    } else if (c === 102 /* f */) {
      if (startsWithLower(text, p, 'ftp://')) q = p + 6;
    }
    if (q < 0 || q >= this.length || this.classAt(q) === CLS_SPACE) return -1;
    return this.urlRestEnd(q);
  }

  /** Extends a URL from `q` to the next space or delimiter, then gives back trailing punctuation and unmatched `)`. */
  private urlRestEnd(q: number): number {
    const text = this.text;
    const n = this.length;
    let open = 0;
    let close = 0;
    while (q < n) {
      const c = text.charCodeAt(q);
      if (c < 128) {
        if (c <= 32 || c === 34 || c === 60 || c === 62 || c === 96 || c === 123 || c === 125 || c === 124 || c === 92 || c === 94 || c === 127) break;
        if (c === 40) open++;
        else if (c === 41) close++;
        q++;
      } else {
        const cls = this.classAt(q);
        if (cls === CLS_SPACE || cls === CLS_EMOJI || cls === CLS_LONE || cls === CLS_OTHER) break;
        q += this.sizeAt(q);
      }
    }
    for (;;) {
      const c = text.charCodeAt(q - 1);
      if (c === 46 || c === 44 || c === 59 || c === 58 || c === 33 || c === 63 || c === 39 || c === 93) q--;
      else if (c === 41 && close > open) {
        close--;
        q--;
      } else break;
    }
    return q;
  }

  /** An e-mail address starting at word start `s` (ASCII local part, dotted domain ending in 2+ letters), or -1. */
  private emailEnd(s: number): number {
    const text = this.text;
    const n = this.length;
    let r = s;
    while (r < n) {
      const c = text.charCodeAt(r);
      if (isAsciiAlnum(c) || c === 46 || c === 95 || c === 37 || c === 43 || c === HYPHEN) r++;
      else break;
    }
    if (r >= n || text.charCodeAt(r) !== 64 || text.charCodeAt(r - 1) === 46) {
      this.noEmailBefore = r;
      return -1;
    }
    const end = this.domainEnd(r + 1, false);
    if (end < 0) {
      this.noEmailBefore = r;
      return -1;
    }
    return end;
  }

  /**
   * End of a dotted domain from `d` (labels of ASCII letters, digits and inner hyphens), or -1: at least two labels,
   * the last of 2+ letters, and with `knownTld` a lower-case top-level domain from the short list.
   */
  private domainEnd(d: number, knownTld: boolean): number {
    const text = this.text;
    const n = this.length;
    let q = d;
    let labels = 0;
    let lastLabel = d;
    for (;;) {
      const labelStart = q;
      while (q < n) {
        const c = text.charCodeAt(q);
        if (isAsciiAlnum(c) || (c === HYPHEN && q > labelStart && q + 1 < n && isAsciiAlnum(text.charCodeAt(q + 1)))) q++;
        else break;
      }
      if (q === labelStart) return -1;
      labels++;
      lastLabel = labelStart;
      if (q + 1 < n && text.charCodeAt(q) === 46 && isAsciiAlnum(text.charCodeAt(q + 1))) {
        q++;
        continue;
      }
      break;
    }
    if (labels < 2) return -1;
    for (let i = lastLabel; i < q; i++) if (!isAsciiLetter(text.charCodeAt(i))) return -1;
    if (q - lastLabel < 2) return -1;
    if (knownTld && !TLDS.has(text.slice(lastLabel, q))) return -1;
    if (q < n && this.isWordAt(q)) return -1;
    return q;
  }

  /** A word from `p`: letters, digits and marks, with inner apostrophes and hyphens; may turn out a URL or e-mail. */
  private scanWord(p: number): true {
    const text = this.text;
    const n = this.length;
    const firstLower = text.charCodeAt(p) | 32;
    const secondLower = text.charCodeAt(p + 1) | 32;
    if (
      (firstLower === 104 && secondLower === 116) ||
      (firstLower === 119 && secondLower === 119) ||
      (firstLower === 102 && secondLower === 116)
    ) {
      const u = this.urlPrefixEnd(p);
      if (u > 0) return this.emit(K_URL, p, u, this.nameFlags(p, u));
    }
    let q = p;
    let flags = 0;
    let last = -1;
    let run = 0;
    for (;;) {
      if (q >= n) break;
      const c = text.charCodeAt(q);
      // The common case first: ASCII lower case, then upper case, compared directly.
      if (c >= 97 && c <= 122) {
        flags |= F_LOWER;
        if (c === last) {
          if (++run === 3) flags |= F_ELONG;
        } else {
          last = c;
          run = 1;
        }
        q++;
        continue;
      }
      if (c < 128) {
        if (c >= 65 && c <= 90) {
          flags |= F_UPPER;
          const low = c | 32;
          if (low === last) {
            if (++run === 3) flags |= F_ELONG;
          } else {
            last = low;
            run = 1;
          }
          q++;
          continue;
        }
        const cls = ASCII_CLASS[c];
        if (cls === CLS_DIGIT) {
          last = -1;
          q++;
          continue;
        }
        if (c === APOSTROPHE || c === BACKTICK) {
          if (q > p && q + 1 < n && this.isLetterAt(q + 1)) {
            flags |= F_APOS;
            last = -1;
            q++;
            continue;
          }
          break;
        }
        if (c === HYPHEN || c === 95 /* _ */) {
          if (q > p && this.isWordAt(q + 1)) {
            last = -1;
            q++;
            continue;
          }
          break;
        }
        if (c === 46 /* . */ && q === p + 1 && isAsciiLetter(text.charCodeAt(p))) {
          // Abbreviations written with single letters and dots: `e.g.`, `U.S.`, `a.m.`.
          let r = q;
          while (r + 2 < n && text.charCodeAt(r) === 46 && isAsciiLetter(text.charCodeAt(r + 1)) && text.charCodeAt(r + 2) === 46 && !this.isWordAt(r + 3)) {
            r += 2;
            if (r + 1 < n && text.charCodeAt(r) === 46 && isAsciiLetter(text.charCodeAt(r + 1)) && text.charCodeAt(r + 2) === 46) continue;
            break;
          }
          if (r > q) {
            q = r + 1;
            for (let i = p; i < q; i++) {
              const u = text.charCodeAt(i);
              if (u >= 65 && u <= 90) flags |= F_UPPER;
              else if (u >= 97 && u <= 122) flags |= F_LOWER;
            }
          }
          break;
        }
        break;
      }
      // Non-ASCII.
      if (isApostropheUnit(c) || isHyphenUnit(c)) {
        if (q > p && q + 1 < n && (isHyphenUnit(c) ? this.isWordAt(q + 1) : this.isLetterAt(q + 1))) {
          flags |= F_NONASCII | (isHyphenUnit(c) ? 0 : F_APOS);
          last = -1;
          q++;
          continue;
        }
        break;
      }
      const cls = this.classAt(q);
      if (cls === CLS_LOWER || cls === CLS_UPPER || cls === CLS_LETTER || cls === CLS_DIGIT) {
        if (cls === CLS_LOWER) flags |= F_LOWER;
        else if (cls === CLS_UPPER) flags |= F_UPPER;
        flags |= F_NONASCII;
        const cp = text.codePointAt(q) as number;
        if (cls !== CLS_DIGIT && cp === last) {
          if (++run === 3) flags |= F_ELONG;
        } else {
          last = cls === CLS_DIGIT ? -1 : cp;
          run = 1;
        }
        q += this.sizeAt(q);
        continue;
      }
      if (cls === CLS_MARK || (cls === CLS_FORMAT && q > p && this.isWordAt(q + this.sizeAt(q)))) {
        flags |= F_NONASCII;
        q += this.sizeAt(q);
        continue;
      }
      break;
    }
    const stop = q < n ? text.charCodeAt(q) : 32;
    if (stop !== 32 && stop !== 44 && stop !== 33 && stop !== 63) {
      // Only a stop that an address or domain could continue through is worth a look.
      const after = q + 1 < n ? text.charCodeAt(q + 1) : 0;
      const continues = stop === 64 || ((stop === 46 || stop === 95 || stop === 43 || stop === HYPHEN || stop === 37) && (isAsciiAlnum(after) || after === 46 || after === 95 || after === 43 || after === HYPHEN || after === 37));
      if (continues && p >= this.noEmailBefore) {
        const e = this.emailEnd(p);
        if (e > 0) return this.emit(K_EMAIL, p, e, this.nameFlags(p, e));
      }
      if (stop === 46 && isAsciiAlnum(after) && p >= this.noDomainBefore) {
        const e = this.domainEnd(p, true);
        if (e > 0) {
          const end = e < n && text.charCodeAt(e) === 47 ? this.urlRestEnd(e) : e;
          return this.emit(K_URL, p, end, this.nameFlags(p, end));
        }
        // Every later start inside this run of labels ends on the same last label: remember the failure.
        let r = q;
        while (r < n && (isAsciiAlnum(text.charCodeAt(r)) || text.charCodeAt(r) === 46 || text.charCodeAt(r) === HYPHEN)) r++;
        this.noDomainBefore = r;
      }
    }
    if (flags & F_LOWER) this.sawLower = true;
    if (flags & F_APOS) {
      const split = this.cliticStart(p, q);
      if (split > p) return this.emitSplit(p, split, q, flags);
    } else if (q - p === 6 && (text.charCodeAt(p) | 32) === 99 && (flags & F_NONASCII) === 0 && text.slice(p, q).toLowerCase() === 'cannot') {
      return this.emitSplit(p, p + 3, q, flags);
    }
    return this.emit(K_WORD, p, q, flags);
  }

  /** Where an English clitic (`n't`, `'re`, `'ve`, `'ll`, `'m`, `'s`, `'d`) starts at the end of word [p, q), or -1. */
  private cliticStart(p: number, q: number): number {
    const text = this.text;
    const len = q - p;
    const a1 = text.charCodeAt(q - 1) | 32;
    const a2 = text.charCodeAt(q - 2);
    if (len >= 3 && isApostropheUnit(a2) && (a1 === 115 || a1 === 109 || a1 === 100)) return q - 2;
    if (len >= 4 && isApostropheUnit(text.charCodeAt(q - 3))) {
      const pair = (a2 | 32) * 256 + a1;
      // re, ve, ll
      if (pair === 114 * 256 + 101 || pair === 118 * 256 + 101 || pair === 108 * 256 + 108) return q - 3;
    }
    if (len >= 4 && (text.charCodeAt(q - 3) | 32) === 110 && isApostropheUnit(a2) && a1 === 116) return q - 3;
    return -1;
  }

  private emitSplit(p: number, split: number, q: number, flags: number): true {
    const text = this.text;
    const clitic = unifyApostrophes(text.slice(split, q).toLowerCase());
    const baseLower = text.slice(p, split).toLowerCase();
    this.kind = K_WORD;
    this.start = p;
    this.end = split;
    this.flags = flags & ~F_APOS;
    this.special = clitic === "n't" ? BASE_NORMS.get(baseLower) : undefined;
    this.pos = split;
    this.pendingStart = split;
    this.pendingEnd = q;
    this.pendingFlags = (flags & (F_UPPER | F_LOWER | F_NONASCII)) | F_APOS;
    this.pendingSpecial = CLITIC_NORMS.get(clitic) ?? clitic;
    return true;
  }

  /** The current token's normalised form (see `Token.norm`). */
  norm(lowercase: boolean): string {
    if (this.special !== undefined) return this.special;
    const flags = this.flags;
    let s = this.text.slice(this.start, this.end);
    switch (this.kind) {
      case K_WORD:
      case K_NUMBER:
        if (flags & F_NONASCII) s = s.normalize('NFKC');
        if (lowercase && flags & (F_UPPER | F_NONASCII)) s = s.toLowerCase();
        if (flags & (F_APOS | F_NONASCII)) s = unifyApostrophes(s);
        if (flags & F_ELONG) s = shortenElongations(s);
        return s;
      case K_EMOJI:
        return stripVariationSelectors(s);
      case K_EMOTICON:
        return stripNose(s);
      case K_PUNCT:
        if (flags & F_LONE) return '\uFFFD';
        if (flags & F_NONASCII) return unifyPunctuation(s.normalize('NFKC'));
        return s;
      default:
        if (flags & F_NONASCII) s = s.normalize('NFKC');
        if (lowercase && flags & (F_UPPER | F_NONASCII)) s = s.toLowerCase();
        return s;
    }
  }
}

function startsWithLower(text: string, p: number, prefix: string): boolean {
  if (p + prefix.length > text.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    const c = text.charCodeAt(p + i);
    const want = prefix.charCodeAt(i);
    if (c !== want && (c | 32) !== want) return false;
  }
  return true;
}

/** `’ ‘ ʼ ` ＇` -> `'` and `‐ ‑` -> `-` (after NFKC). */
export function unifyApostrophes(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let r = '';
    if (c === 0x2019 || c === 0x2018 || c === BACKTICK || c === 0xff07 || c === 0x02bc) r = "'";
    else if (c === 0x2010 || c === 0x2011) r = '-';
    else continue;
    out += s.slice(from, i) + r;
    from = i + 1;
  }
  return from === 0 ? s : out + s.slice(from);
}

/** Runs of three or more of the same letter become two (`soooo` -> `soo`, `goooood` -> `good`). */
export function shortenElongations(s: string): string {
  let out = '';
  let from = 0;
  let run = 0;
  let prev = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === prev) {
      run++;
      if (run === 3 && isLetterUnit(c)) {
        // Drop this and every further repeat of the letter.
        out += s.slice(from, i);
        let j = i;
        while (j < s.length && s.charCodeAt(j) === c) j++;
        from = j;
        i = j - 1;
        prev = -1;
        run = 0;
      }
    } else {
      prev = c;
      run = 1;
    }
  }
  return from === 0 ? s : out + s.slice(from);
}

const RE_LETTER_UNIT = /\p{L}/u;

/** A BMP letter (elongations repeat a single code unit; astral letters never count). */
function isLetterUnit(c: number): boolean {
  if (c < 128) return (c | 32) >= 97 && (c | 32) <= 122;
  if (c >= 0xd800 && c <= 0xdfff) return false;
  return RE_LETTER_UNIT.test(String.fromCharCode(c));
}

function stripVariationSelectors(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0xfe0f && c !== 0xfe0e) out += s[i];
  }
  return out;
}

/** `:-)` -> `:)`, `>:-(` -> `>:(`: the nose changes nothing. */
function stripNose(s: string): string {
  if (s.length < 3) return s;
  const i = s.indexOf('-', 1);
  if (i > 0 && i < s.length - 1) {
    const before = s.charCodeAt(i - 1);
    if (before === 58 || before === 59 || before === 61 || before === 39 || before === 56) return s.slice(0, i) + s.slice(i + 1);
  }
  return s;
}

/** Curly quotes to straight ones, every dash to `-`. */
export function unifyPunctuation(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2018 || c === 0x2019 || c === 0x201a || c === 0x201b || c === 0x2032 || c === 0x02bc || c === 0xff07) out += "'";
    else if (c === 0x201c || c === 0x201d || c === 0x201e || c === 0x201f || c === 0x2033 || c === 0xab || c === 0xbb) out += '"';
    else if ((c >= 0x2010 && c <= 0x2015) || c === 0x2212 || c === 0xfe58 || c === 0xfe63 || c === 0xff0d) out += '-';
    else out += s[i];
  }
  return out;
}
