import { assertOptions, assertString, fail } from '../errors';
import { K_PUNCT, K_WORD, Scanner } from './scanner';

/** One sentence: its text and its span in the original string (`original.slice(start, end) === text`). */
export interface Sentence {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Options of `splitSentences`. */
export interface SplitSentencesOptions {
  /** A line break always ends a sentence (default true: feedback often lists one point per line). */
  readonly lineBreaks?: boolean;
}

/** Abbreviations that never end a sentence when followed by a period. */
const TITLES: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'jr', 'sr', 'vs', 'no', 'nos', 'fig', 'approx', 'dept', 'mt', 'ft', 'gen',
  'sgt', 'capt', 'rev', 'hon', 'est', 'ca', 'cf', 'al', 'vol', 'pp', 'ed', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul',
  'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);
/** Abbreviations that end a sentence only before a capitalised word. */
const SOFT_ABBREVIATIONS: ReadonlySet<string> = new Set(['etc', 'inc', 'ltd', 'co', 'corp', 'llc', 'plc']);

const CLOSERS = new Set(['"', "'", ')', ']', '}', '»', '”', '’', '»', '」', '』']);

function hasLineBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029 || c === 0x85) return true;
  }
  return false;
}

function startsUpperOrDigit(s: string): boolean {
  const first = s.charAt(0);
  return (first >= '0' && first <= '9') || (first !== first.toLowerCase() && first === first.toUpperCase());
}

/**
 * Splits text into sentences, with offsets into the original string.
 *
 * Method: rule-based boundary detection over the tokenizer's tokens, in the tradition of Grefenstette &
 * Tapanainen 1994 ("What is a word, what is a sentence? Problems of tokenization") and Mikheev 2002 ("Periods,
 * capitalized words, etc.", Computational Linguistics 28(3)): `!`/`?` runs always end a sentence; a period ends
 * one unless it follows a title abbreviation (`Dr.`, `Mr.`, `vs.`, `No.`), a single-letter initial before a
 * capitalised word (`J. Smith`), or a soft abbreviation (`etc.`, `Inc.`) before a lower-case word; an ellipsis ends
 * one only before a capitalised word; closing quotes and brackets stay with the sentence they close; line
 * breaks end a sentence (unless `lineBreaks: false`). Dotted abbreviations (`e.g.`, `U.S.`) are single tokens,
 * so their dots never split; informal lower-case starts after a period are still split (`great food. slow
 * service` is two sentences), which suits feedback better than edited prose's capitalisation cue.
 *
 * Cost: O(n) time in the text length.
 *
 * @throws FeedbackMinerError INVALID_ARGUMENT when `text` is not a string; INVALID_OPTION for a bad option.
 * @example splitSentences('Dr. Smith was great. Wait times... not so much!').map(s => s.text)
 * // => ['Dr. Smith was great.', 'Wait times... not so much!']
 */
export function splitSentences(text: string, options?: SplitSentencesOptions): Sentence[] {
  assertString('splitSentences', 'text', text);
  assertOptions('splitSentences', options);
  const lineBreaks = options?.lineBreaks ?? true;
  if (typeof lineBreaks !== 'boolean') fail('INVALID_OPTION', 'splitSentences', 'options.lineBreaks', 'a boolean', lineBreaks);

  const starts: number[] = [];
  const ends: number[] = [];
  const kinds: number[] = [];
  const norms: string[] = [];
  const scanner = new Scanner(text);
  while (scanner.next()) {
    starts.push(scanner.start);
    ends.push(scanner.end);
    kinds.push(scanner.kind);
    norms.push(scanner.kind === K_PUNCT || scanner.kind === K_WORD ? scanner.norm(true) : '');
  }
  const count = starts.length;
  const sentences: Sentence[] = [];
  let first = 0;
  const close = (last: number): void => {
    const start = starts[first] as number;
    const end = ends[last] as number;
    sentences.push({ text: text.slice(start, end), start, end });
    first = last + 1;
  };
  for (let i = 0; i < count; i++) {
    if (lineBreaks && i > first && hasLineBreak(text, ends[i - 1] as number, starts[i] as number)) {
      close(i - 1);
    }
    if (kinds[i] !== K_PUNCT) continue;
    const norm = norms[i] as string;
    const isStrong = norm.includes('!') || norm.includes('?') || norm === '。' || norm === '！' || norm === '？';
    const isPeriod = norm === '.';
    const isEllipsis = norm.length > 1 && /^\.+$/.test(norm);
    if (!isStrong && !isPeriod && !isEllipsis) continue;
    let j = i + 1;
    while (j < count && kinds[j] === K_PUNCT && CLOSERS.has(norms[j] as string) && !(lineBreaks && hasLineBreak(text, ends[j - 1] as number, starts[j] as number))) j++;
    if (j >= count) {
      i = j - 1;
      continue;
    }
    const nextText = text.slice(starts[j] as number, ends[j] as number);
    let boundary = true;
    if (isPeriod && i > first && kinds[i - 1] === K_WORD && ends[i - 1] === starts[i]) {
      const prev = norms[i - 1] as string;
      const prevText = text.slice(starts[i - 1] as number, ends[i - 1] as number);
      if (TITLES.has(prev)) boundary = false;
      else if (SOFT_ABBREVIATIONS.has(prev)) boundary = startsUpperOrDigit(nextText);
      else if (prevText.length === 1 && prevText !== prevText.toLowerCase() && startsUpperOrDigit(nextText)) boundary = false;
    } else if (isEllipsis) {
      boundary = startsUpperOrDigit(nextText);
    }
    if (boundary) {
      close(j - 1);
      i = j - 1;
    }
  }
  if (first < count) close(count - 1);
  return sentences;
}
