import { assertArray, assertNumberOption, assertOptions, fail } from '../errors';
import type { Rejected } from '../records';
import { STOPWORDS } from '../text/stopwords';
import { stem } from '../text/stem';
import { tokenizeNorms } from '../text/tokenizeNorms';

export interface ExtractKeyphrasesOptions {
  /** How many phrases to return (default 20). */
  readonly top?: number;
  /** Fewest words in a phrase (default 2: multi-word phrases; 1 admits single keywords). */
  readonly minWords?: number;
  /** Most words in a phrase (default 4; RAKE's longer candidates are rarely reusable phrases). */
  readonly maxWords?: number;
  /** Fewest texts a phrase must occur in (default 2, or 1 for fewer than 20 texts). */
  readonly minDocuments?: number;
  /** Phrase delimiters besides punctuation (default the text stage's English stopwords, a Fox-style list as in RAKE). */
  readonly stopwords?: ReadonlySet<string>;
}

/** One ranked phrase. */
export interface Keyphrase {
  /** The phrase in its most frequent written form (lower case). */
  readonly phrase: string;
  /** Ranking score: RAKE phrase score times ln(1 + documents). */
  readonly score: number;
  /** The RAKE score alone: the sum of its words' degree / frequency. */
  readonly rakeScore: number;
  /** Number of texts the phrase occurs in. */
  readonly documents: number;
  /** Number of occurrences in all texts. */
  readonly occurrences: number;
}

export interface ExtractKeyphrasesResult {
  /** Phrases, best first. */
  readonly phrases: Keyphrase[];
  /** Inputs that were not strings (skipped). */
  readonly rejected: Rejected[];
  readonly warnings: string[];
}

const WHERE = 'extractKeyphrases';
const LETTER = /\p{L}/u;

/**
 * Ranked key phrases of a collection of texts by RAKE, Rapid Automatic Keyword Extraction (Rose, Engel, Cramer
 * & Cowley, "Automatic keyword extraction from individual documents", in *Text Mining: Applications and
 * Theory*, Wiley, 2010): candidate phrases are the maximal runs of content words between stopwords and
 * punctuation; each word scores its degree over its frequency in the candidates; a phrase scores the sum of its
 * words. Here word statistics are taken over the whole collection (the corpus variant the paper discusses),
 * phrases are grouped by their Porter stems (`delivery was late` and `deliveries late` are counted apart, but
 * `late delivery` and `late deliveries` together), and the ranking multiplies the RAKE score by `ln(1 + documents)`
 * so that a phrase many customers use outranks a one-off.
 *
 * Cost: O(total characters + P log P) for P distinct candidate phrases.
 * @throws FeedbackMinerError INVALID_ARGUMENT when `texts` is not an array; INVALID_OPTION for a bad option
 * @example extractKeyphrases(['Late delivery again.', 'Late delivery and terrible customer service.', 'Customer service was slow.']).phrases.map(p => p.phrase)
 * // => ['terrible customer service', 'late delivery', 'customer service']
 */
export function extractKeyphrases(texts: readonly string[], options?: ExtractKeyphrasesOptions): ExtractKeyphrasesResult {
  assertArray(WHERE, 'texts', texts);
  assertOptions(WHERE, options);
  const top = options?.top ?? 20;
  const minWords = options?.minWords ?? 2;
  const maxWords = options?.maxWords ?? 4;
  const minDocuments = options?.minDocuments ?? (texts.length < 20 ? 1 : 2);
  const stopwords = options?.stopwords ?? STOPWORDS;
  assertNumberOption(WHERE, 'options.top', top, { min: 1, integer: true });
  assertNumberOption(WHERE, 'options.minWords', minWords, { min: 1, integer: true });
  assertNumberOption(WHERE, 'options.maxWords', maxWords, { min: minWords, integer: true });
  assertNumberOption(WHERE, 'options.minDocuments', minDocuments, { min: 1, integer: true });
  if (!(stopwords instanceof Set)) fail('INVALID_OPTION', WHERE, 'options.stopwords', 'a Set of strings', stopwords);

  const rejected: Rejected[] = [];
  const warnings: string[] = [];
  const wordFrequency = new Map<string, number>();
  const wordDegree = new Map<string, number>();
  interface Candidate {
    stems: string[];
    documents: number;
    occurrences: number;
    lastDocument: number;
    forms: Map<string, number>;
  }
  const candidates = new Map<string, Candidate>();
  texts.forEach((text, document) => {
    if (typeof text !== 'string') {
      rejected.push({ row: document, field: 'text', reason: `expected a string, found ${text === null ? 'null' : typeof text}` });
      return;
    }
    let run: string[] = [];
    const flush = (): void => {
      if (run.length > 0) addCandidate(run, document);
      run = [];
    };
    for (const norm of tokenizeNorms(text, { punct: true })) {
      if (stopwords.has(norm) || !LETTER.test(norm)) flush();
      else run.push(norm);
    }
    flush();
  });
  function addCandidate(words: string[], document: number): void {
    // RAKE word statistics count every candidate, whatever its length; only phrases in range are ranked.
    const stems = words.map((w) => stem(w));
    for (const s of stems) {
      wordFrequency.set(s, (wordFrequency.get(s) ?? 0) + 1);
      wordDegree.set(s, (wordDegree.get(s) ?? 0) + stems.length);
    }
    if (words.length < minWords || words.length > maxWords) return;
    const key = stems.join(' ');
    let candidate = candidates.get(key);
    if (candidate === undefined) {
      candidate = { stems, documents: 0, occurrences: 0, lastDocument: -1, forms: new Map() };
      candidates.set(key, candidate);
    }
    candidate.occurrences++;
    if (candidate.lastDocument !== document) {
      candidate.documents++;
      candidate.lastDocument = document;
    }
    const form = words.join(' ');
    candidate.forms.set(form, (candidate.forms.get(form) ?? 0) + 1);
  }
  if (rejected.length > 0) warnings.push(`${rejected.length} input(s) were not strings and were skipped`);
  const phrases: Keyphrase[] = [];
  for (const candidate of candidates.values()) {
    if (candidate.documents < minDocuments) continue;
    let rakeScore = 0;
    for (const s of candidate.stems) rakeScore += (wordDegree.get(s) ?? 0) / (wordFrequency.get(s) ?? 1);
    let phrase = '';
    let best = -1;
    for (const [form, count] of candidate.forms) {
      if (count > best || (count === best && form < phrase)) {
        phrase = form;
        best = count;
      }
    }
    phrases.push({
      phrase,
      score: rakeScore * Math.log(1 + candidate.documents),
      rakeScore,
      documents: candidate.documents,
      occurrences: candidate.occurrences,
    });
  }
  phrases.sort((a, b) => b.score - a.score || b.documents - a.documents || (a.phrase < b.phrase ? -1 : a.phrase > b.phrase ? 1 : 0));
  if (phrases.length === 0 && texts.length > 0) warnings.push('no phrase met minWords/maxWords/minDocuments');
  return { phrases: phrases.slice(0, top), rejected, warnings };
}
