import { assertArray, assertOptions, fail } from '../errors';
import { STOPWORDS } from '../text/stopwords';
import { stem } from '../text/stem';
import { tokenizeNorms } from '../text/tokenizeNorms';

export interface AnalyzeOptions {
  /** Add bigrams of adjacent content words (`'late deliveri'`) to the unigram stems (default true). */
  readonly bigrams?: boolean;
  /** Words left out (default: the text stage's English `STOPWORDS`, negators included). */
  readonly stopwords?: ReadonlySet<string>;
  /** Words shorter than this are left out (default 2). */
  readonly minLength?: number;
}

/** Documents as term lists, and the readable surface form of each term. */
export interface AnalyzedTexts {
  /** Terms of each text, in text order: stems, then bigrams of stems joined by a space, interleaved. */
  readonly documents: string[][];
  /**
   * For each term, the most frequent surface form (lower case) seen for it: `'deliveri'` -> `'delivery'`; a bigram
   * reads as the forms of its two words.
   */
  readonly surface: ReadonlyMap<string, string>;
}

const LETTER = /\p{L}/u;

/**
 * Turns texts into the terms the themes stage counts: the text stage's tokens (`tokenizeNorms`), stopwords
 * and tokens without a letter removed, Porter stems (`stem`), plus bigrams of adjacent content words (a
 * stopword or punctuation breaks a bigram, so bigrams are phrase-like: `'customer servic'`, `'thai food'`).
 * Each term keeps its most frequent surface form so labels read as words, not stems.
 *
 * Cost: O(total characters) time; O(distinct terms) extra memory.
 * @throws FeedbackMinerError INVALID_ARGUMENT when `texts` is not an array of strings
 * @example analyzeTexts(['Late deliveries, rude driver']).documents
 * // => [['late', 'deliveri', 'late deliveri', 'rude', 'driver', 'rude driver']]
 */
export function analyzeTexts(texts: readonly string[], options?: AnalyzeOptions): AnalyzedTexts {
  const where = 'analyzeTexts';
  assertArray(where, 'texts', texts);
  assertOptions(where, options);
  const bigrams = options?.bigrams ?? true;
  const stopwords = options?.stopwords ?? STOPWORDS;
  const minLength = options?.minLength ?? 2;
  if (typeof bigrams !== 'boolean') fail('INVALID_OPTION', where, 'options.bigrams', 'a boolean', bigrams);
  if (!(stopwords instanceof Set)) fail('INVALID_OPTION', where, 'options.stopwords', 'a Set of strings', stopwords);
  const surfaceCounts = new Map<string, Map<string, number>>();
  const stems = new Map<string, string>();
  const documents = texts.map((text, index) => {
    if (typeof text !== 'string') fail('INVALID_ARGUMENT', where, `texts[${index}]`, 'a string', text);
    return analyzeOne(text, bigrams, stopwords, minLength, stems, surfaceCounts);
  });
  const surface = new Map<string, string>();
  for (const [term, forms] of surfaceCounts) {
    let best = '';
    let bestCount = -1;
    for (const [form, count] of forms) {
      if (count > bestCount || (count === bestCount && form < best)) {
        best = form;
        bestCount = count;
      }
    }
    surface.set(term, best);
  }
  // A bigram reads as the surface forms of its two stems (counting bigram forms too would double the cost).
  for (const terms of documents) {
    for (const term of terms) {
      const space = term.indexOf(' ');
      if (space < 0 || surface.has(term)) continue;
      const first = term.slice(0, space);
      const second = term.slice(space + 1);
      surface.set(term, `${surface.get(first) ?? first} ${surface.get(second) ?? second}`);
    }
  }
  return { documents, surface };
}

/**
 * Whether a norm is a term of the themes stage (`analyzeOne`'s rule): at least `minLength` characters, not a
 * stopword, with a letter. Any other norm is no term and breaks bigrams. O(|norm|).
 */
export function isContentNorm(norm: string, stopwords: ReadonlySet<string>, minLength: number): boolean {
  return norm.length >= minLength && !stopwords.has(norm) && LETTER.test(norm);
}

/** Internal: the terms of one text. Bad data (not a string) is the caller's to report. */
export function analyzeOne(
  text: string,
  bigrams: boolean,
  stopwords: ReadonlySet<string>,
  minLength: number,
  stems: Map<string, string>,
  surfaceCounts?: Map<string, Map<string, number>>,
): string[] {
  const norms = tokenizeNorms(text, { punct: true });
  const terms: string[] = [];
  let previous: string | undefined;
  for (const norm of norms) {
    if (!isContentNorm(norm, stopwords, minLength)) {
      previous = undefined;
      continue;
    }
    let stemmed = stems.get(norm);
    if (stemmed === undefined) {
      stemmed = stem(norm);
      stems.set(norm, stemmed);
    }
    terms.push(stemmed);
    if (surfaceCounts !== undefined) countForm(surfaceCounts, stemmed, norm);
    if (bigrams && previous !== undefined) {
      const bigram = `${previous} ${stemmed}`;
      terms.push(bigram);
    }
    previous = stemmed;
  }
  return terms;
}

function countForm(counts: Map<string, Map<string, number>>, term: string, form: string): void {
  let forms = counts.get(term);
  if (forms === undefined) {
    forms = new Map();
    counts.set(term, forms);
  }
  forms.set(form, (forms.get(form) ?? 0) + 1);
}
