import { assertOptions, assertString, fail } from '../errors';
import { getCompromise } from '../text/compromise';
import type { Token } from '../text/types';
import { DEFAULT_ASPECTS } from './aspects';
import { labelOf, normalizeSum, AFTER_CONTRAST, BEFORE_CONTRAST, CONCESSIVE_WEIGHT } from './score';
import { resolveSentimentOptions, scoreWith } from './scoreSentiment';
import { CONCESSIVES, CONTRASTS } from './lexicon';
import { tokenize } from './tokens';
import type { AspectOptions, AspectSentiment, SentimentEvidence, SentimentOptions } from './types';

/** Default reach of sentiment words around an aspect mention, in word tokens. */
export const DEFAULT_ASPECT_WINDOW = 6;
/** Weight of the nearest opinion in the sentence when the mention's clause has none. */
const FALLBACK = 0.5;

const PATTERN_SYNTAX = /[#[\]()|{}~]/;

interface Place {
  readonly clause: number;
  readonly word: number;
  readonly sentence: number;
  readonly contrast: number;
}

interface Span {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Index of the token containing (or first after) offset `at`, by binary search. */
function tokenIndexAt(tokens: readonly Token[], at: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  let found = tokens.length;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid] as Token).end > at) {
      found = mid;
      hi = mid - 1;
    } else {
      lo = mid + 1;
    }
  }
  return found;
}

/** Words that open a new subject after "and" ("... and the service was slow"): a new clause. */
const SUBJECT_OPENERS: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'their', 'our', 'my', 'its', 'his', 'her', 'this', 'that', 'these', 'those', 'it', 'they',
  'he', 'she', 'we', 'i', 'you', 'everything', 'everyone', 'nothing',
]);

function clauseBreak(token: Token, next: Token | undefined): boolean {
  if (token.kind === 'punct') return /[,;:.!?()\u2013\u2014\u2026]/.test(token.text);
  if (token.norm === 'and' || token.norm === 'while') return next !== undefined && SUBJECT_OPENERS.has(next.norm);
  return CONTRASTS.has(token.norm) || CONCESSIVES.has(token.norm);
}

function variants(norm: string): string[] {
  const out = [norm];
  if (norm.endsWith('ies')) out.push(`${norm.slice(0, -3)}y`);
  else if (norm.endsWith('es')) out.push(norm.slice(0, -2), norm.slice(0, -1));
  else if (norm.endsWith('s')) out.push(norm.slice(0, -1));
  else out.push(`${norm}s`, norm.endsWith('y') ? `${norm.slice(0, -1)}ies` : `${norm}es`);
  return out;
}

/** The word tokens of a text (punctuation left out) and, for each norm, where it occurs among them. */
interface WordIndex {
  readonly words: readonly Token[];
  readonly at: ReadonlyMap<string, readonly number[]>;
}

function indexWords(tokens: readonly Token[]): WordIndex {
  const words = tokens.filter((t) => t.kind !== 'punct');
  const at = new Map<string, number[]>();
  words.forEach((word, i) => {
    const list = at.get(word.norm);
    if (list === undefined) at.set(word.norm, [i]);
    else list.push(i);
  });
  return { words, at };
}

/** Finds literal term mentions on token norms (multi-word terms as consecutive words; plural or singular). */
function findTerm(index: WordIndex, text: string, term: string): Span[] {
  const termTokens = tokenize(term).filter((t) => t.kind !== 'punct');
  if (termTokens.length === 0) return [];
  const n = termTokens.length;
  const firstNorms = n === 1 ? variants((termTokens[0] as Token).norm) : [(termTokens[0] as Token).norm];
  const lastVariants = new Set(variants((termTokens[n - 1] as Token).norm));
  const spans: Span[] = [];
  for (const firstNorm of firstNorms) {
    for (const i of index.at.get(firstNorm) ?? []) {
      if (i + n > index.words.length) continue;
      let ok = true;
      for (let k = 1; k < n - 1; k++) {
        if ((index.words[i + k] as Token).norm !== (termTokens[k] as Token).norm) {
          ok = false;
          break;
        }
      }
      const last = index.words[i + n - 1] as Token;
      if (ok && (n === 1 || lastVariants.has(last.norm))) {
        const first = index.words[i] as Token;
        spans.push({ text: text.slice(first.start, last.end), start: first.start, end: last.end });
      }
    }
  }
  return spans;
}

const CURRENCY_SYMBOL = /^[$€£¥₹]|[$€£¥₹]$/;
const CURRENCY_WORDS: ReadonlySet<string> = new Set([
  'dollar', 'dollars', 'usd', 'euro', 'euros', 'eur', 'pound', 'pounds', 'gbp', 'bucks', 'cents', 'yen',
]);

/**
 * `#Money` without compromise (it would parse the whole text): a number with a currency symbol (`$25`, `€9.99`)
 * or followed by a currency word (`25 dollars`). Linear in the tokens.
 */
function findMoney(tokens: readonly Token[], text: string): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.kind !== 'number') continue;
    if (CURRENCY_SYMBOL.test(token.text)) {
      spans.push({ text: token.text, start: token.start, end: token.end });
      continue;
    }
    const next = tokens[i + 1];
    if (next !== undefined && CURRENCY_WORDS.has(next.norm)) {
      spans.push({ text: text.slice(token.start, next.end), start: token.start, end: next.end });
    }
  }
  return spans;
}

function findPattern(text: string, pattern: string, where: string): Span[] {
  const nlp = getCompromise(where);
  const offsets = nlp(text).match(pattern).out('offset') as { offset?: { start: number; length: number } }[];
  const spans: Span[] = [];
  for (const match of offsets) {
    if (match.offset === undefined) continue;
    const start = match.offset.start;
    const end = start + match.offset.length;
    spans.push({ text: text.slice(start, end), start, end });
  }
  return spans;
}

/** Undoes the sentence-level contrast and concession weights: for an aspect, its own clause decides. */
function clauseWeight(item: SentimentEvidence): number {
  let weight = item.weight;
  for (const rule of item.rules) {
    if (rule === 'before-contrast') weight /= BEFORE_CONTRAST;
    else if (rule === 'after-contrast') weight /= AFTER_CONTRAST;
    else if (rule === 'concessive') weight /= CONCESSIVE_WEIGHT;
  }
  return weight;
}

/**
 * The sentiment of each aspect mentioned in a text: for every mention, the evidence of `scoreSentiment` in the
 * mention's clause and within `window` words of it (clauses end at punctuation, at contrasts such as "but", and
 * at "and" before a new subject: "the food was great and the service slow");
 * when the clause has none, the nearest evidence in the same sentence counts at half weight. This is the
 * "opinion words near the aspect" method of Hu and Liu (2004, "Mining and summarizing customer reviews", KDD)
 * with clause boundaries as in Ding, Liu and Yu (2008, "A holistic lexicon-based approach to opinion mining").
 *
 * `aspects` maps a name to terms: plain words or phrases (matched on normalised tokens, singular or plural), or
 * compromise match patterns (any term containing `#`, `(`, `[`, `|`, e.g. `'#Adjective service'`), which load
 * compromise on first use and parse the text with it. `'#Money'` is matched natively (a number with a currency
 * symbol or word), so the default aspects never need compromise. Without `aspects`, `DEFAULT_ASPECTS` (delivery, availability, price, quality, service, product).
 *
 * Cost: O(n + a x n) for n tokens and a terms (plus compromise's parse when a pattern is used).
 *
 * @returns one entry per aspect mentioned, in the order of `aspects`; aspects not mentioned are left out.
 * @throws FeedbackMinerError INVALID_ARGUMENT when `text` is not a string or `aspects` is not an object of string
 *   arrays; INVALID_OPTION for a bad option.
 * @example
 * aspectSentiment('Great price but the delivery was late', { price: ['price'], delivery: ['delivery'] })
 *   .map(a => `${a.aspect}:${a.label}`) // => ['price:positive', 'delivery:negative']
 */
export function aspectSentiment(
  text: string,
  aspects: Readonly<Record<string, readonly string[]>> = DEFAULT_ASPECTS,
  options?: AspectOptions,
): AspectSentiment[] {
  const where = 'aspectSentiment';
  assertString(where, 'text', text);
  if (aspects === null || typeof aspects !== 'object' || Array.isArray(aspects)) {
    fail('INVALID_ARGUMENT', where, 'aspects', 'an object mapping names to arrays of terms', aspects);
  }
  for (const [name, terms] of Object.entries(aspects)) {
    if (!Array.isArray(terms) || terms.some((t) => typeof t !== 'string')) {
      fail('INVALID_ARGUMENT', where, `aspects.${name}`, 'an array of strings', terms);
    }
  }
  assertOptions(where, options);
  const window = options?.window ?? DEFAULT_ASPECT_WINDOW;
  if (typeof window !== 'number' || !Number.isInteger(window) || window < 1) {
    fail('INVALID_OPTION', where, 'options.window', 'an integer >= 1', window);
  }
  const { window: _unused, ...sentimentOptions } = options ?? {};
  void _unused;
  const settings = resolveSentimentOptions(where, sentimentOptions as SentimentOptions);
  if (text.trim() === '') return [];

  const tokens = tokenize(text);
  const scored = scoreWith(settings, text);
  // Clause and word positions of every token.
  const clauseOf = new Int32Array(tokens.length);
  // Contrasts seen before each token ("but", "however"): opinions across one are of the other polarity.
  const contrastOf = new Int32Array(tokens.length);
  let contrasts = 0;
  const elidedSubject: boolean[] = [false];
  const wordOf = new Int32Array(tokens.length);
  let clause = 0;
  let word = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const isBreak = clauseBreak(token, tokens[i + 1]);
    if (isBreak && token.kind !== 'punct') clause++; // a contrast word opens the next clause
    if (token.kind !== 'punct' && CONTRASTS.has(token.norm)) {
      contrasts++;
      const next = tokens[i + 1];
      // "X is fine but doesn't taste fresh": no new subject after the contrast, the opinion is still about X.
      elidedSubject[contrasts] = next === undefined || !SUBJECT_OPENERS.has(next.norm);
    }
    clauseOf[i] = clause;
    contrastOf[i] = contrasts;
    wordOf[i] = word;
    if (token.kind !== 'punct') word++;
    if (isBreak && token.kind === 'punct') clause++;
  }
  // Sentence of an offset by binary search over the sentence ends.
  const sentenceOfOffset = (at: number): number => {
    const sentences = scored.sentences;
    let lo = 0;
    let hi = sentences.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (at < (sentences[mid] as { end: number }).end) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const evidence = scored.evidence.filter((e) => e.source !== 'punctuation');
  // Evidence indices per sentence (evidence is in text order), so that each mention looks only at its sentence.
  const bySentence: number[][] = scored.sentences.map(() => []);
  evidence.forEach((e, index) => bySentence[e.sentence]?.push(index));
  const evidencePlace = evidence.map((e) => {
    const index = Math.min(tokenIndexAt(tokens, e.start), tokens.length - 1);
    return {
      clause: clauseOf[index] as number,
      word: wordOf[index] as number,
      sentence: e.sentence,
      contrast: contrastOf[index] as number,
    };
  });

  const results: AspectSentiment[] = [];
  let wordIndex: WordIndex | undefined;
  for (const [aspect, terms] of Object.entries(aspects)) {
    const found: Span[] = [];
    for (const term of terms) {
      const spans =
        term === '#Money'
          ? findMoney(tokens, text)
          : PATTERN_SYNTAX.test(term)
            ? findPattern(text, term, where)
            : findTerm((wordIndex ??= indexWords(tokens)), text, term);
      for (const span of spans) {
        found.push(span);
      }
    }
    if (found.length === 0) continue;
    // Overlapping mentions (from two terms) count once: the earlier, then the longer.
    found.sort((a, b) => a.start - b.start || b.end - a.end);
    const mentions: Span[] = [];
    for (const span of found) {
      const last = mentions[mentions.length - 1];
      if (last === undefined || span.start >= last.end) mentions.push(span);
    }
    const weights = new Map<number, number>();
    for (const mention of mentions) {
      const index = Math.min(tokenIndexAt(tokens, mention.start), tokens.length - 1);
      const mentionClause = clauseOf[index] as number;
      const lastIndex = Math.min(tokenIndexAt(tokens, mention.end - 1), tokens.length - 1);
      const mentionWordStart = wordOf[index] as number;
      const mentionWordEnd = wordOf[lastIndex] as number;
      const sentence = sentenceOfOffset(mention.start);
      let inClause = false;
      const candidates = bySentence[sentence] ?? [];
      for (const e of candidates) {
        const place = evidencePlace[e] as Place;
        const distance = place.word < mentionWordStart ? mentionWordStart - place.word : Math.max(0, place.word - mentionWordEnd);
        if (place.clause === mentionClause && distance <= window) {
          weights.set(e, Math.max(weights.get(e) ?? 0, 1));
          inClause = true;
        }
      }
      if (!inClause) {
        // No opinion in the mention's clause: the nearest one in its sentence, at half weight.
        let best = -1;
        let bestDistance = Infinity;
        for (const e of candidates) {
          const place = evidencePlace[e] as Place;
          const distance = Math.abs(place.word - mentionWordStart);
          if (distance < bestDistance) {
            best = e;
            bestDistance = distance;
          }
        }
        if (best >= 0) {
          // Across an odd number of contrasts ("great concept but rough delivery") the polarity turns
          // (Polanyi and Zaenen 2006).
          const mentionContrast = contrastOf[index] as number;
          const evidenceContrast = (evidencePlace[best] as Place).contrast;
          const elided = evidenceContrast > mentionContrast && elidedSubject[mentionContrast + 1] === true;
          const turns = !elided && Math.abs(evidenceContrast - mentionContrast) % 2 === 1;
          if (!weights.has(best)) weights.set(best, turns ? -FALLBACK : FALLBACK);
        }
      }
    }
    const used: SentimentEvidence[] = [];
    let sum = 0;
    for (const [e, share] of [...weights.entries()].sort((a, b) => a[0] - b[0])) {
      const item = evidence[e] as SentimentEvidence;
      const weight = clauseWeight(item) * share;
      if (weight === 0) continue;
      sum += weight;
      used.push(weight === item.weight ? item : { ...item, weight });
    }
    const score = normalizeSum(sum);
    results.push({
      aspect,
      mentions: mentions.map((m) => ({ text: m.text, start: m.start, end: m.end })),
      score,
      label: labelOf(score, settings.neutralBand),
      evidence: used,
    });
  }
  return results;
}
