import { assertOptions, assertString, fail } from '../errors';
import { getCompromise } from '../text/compromise';
import type { Token } from '../text/types';
import { DEFAULT_ASPECTS } from './aspects';
import { labelOf, normalizeSum, scoreTokens, AFTER_CONTRAST, BEFORE_CONTRAST, CONCESSIVE_WEIGHT, NEGATE_NEGATIVE, NEGATE_POSITIVE } from './score';
import { resolveSentimentOptions, type ScorerSettings } from './scoreSentiment';
import { CONCESSIVES, CONDITIONALS, CONTRASTS, NEGATORS as NEGATOR_WORDS, RECOMMENDATIONS } from './lexicon';
import { tokenize } from './tokens';
import type { AspectOptions, AspectSentiment, SentimentEvidence, SentimentOptions, SentimentResult } from './types';

/** Default reach of sentiment words around an aspect mention, in word tokens. */
export const DEFAULT_ASPECT_WINDOW = 6;
/** Weight of the nearest opinion in the sentence when the mention's clause has none. */
const FALLBACK = 0.5;

const PATTERN_SYNTAX = /[#[\]()|{}~]/;

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

/** Whether punctuation text contains one of , ; : . ! ? ( ) – — … */
function hasClausePunct(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44 || c === 59 || c === 58 || c === 46 || c === 33 || c === 63 || c === 40 || c === 41 || c === 0x2013 || c === 0x2014 || c === 0x2026) {
      return true;
    }
  }
  return false;
}

const ROLE_AND = 1;
const ROLE_CONTRAST = 2;
const ROLE_CONCESSIVE = 3;
/**
 * Words that may end a clause, found with one lookup: "and"/"while" (before a new subject), contrasts ("but",
 * "however"), concessives ("although"). A word both contrast and concessive counts as a contrast.
 */
const CLAUSE_ROLES: ReadonlyMap<string, number> = (() => {
  const roles = new Map<string, number>();
  for (const word of CONCESSIVES) roles.set(word, ROLE_CONCESSIVE);
  for (const word of CONTRASTS) roles.set(word, ROLE_CONTRAST);
  for (const word of ['and', 'while']) if (!roles.has(word)) roles.set(word, ROLE_AND);
  return roles;
})();

/** Recommendation verbs by their first word: the optional second word ('' for none) and the valence. */
const RECOMMENDATION_VERBS: ReadonlyMap<string, readonly (readonly [string, number])[]> = (() => {
  const verbs = new Map<string, [string, number][]>();
  for (const [phrase, valence] of Object.entries(RECOMMENDATIONS)) {
    const [first, second = ''] = phrase.split(' ') as [string, string?];
    const list = verbs.get(first) ?? [];
    list.push([second, valence]);
    // Two-word verbs first, so that "stick with" wins over a one-word "stick".
    list.sort((a, b) => b[0].length - a[0].length);
    verbs.set(first, list);
  }
  return verbs;
})();
/** Words that may come before a sentence's recommendation verb ("Definitely try the ..."). */
const RECOMMENDATION_LEADS: ReadonlySet<string> = new Set(['definitely', 'do', 'please', 'also', 'just', 'so', 'then', 'and', 'must', 'really']);
/** Determiners that open the object of a recommendation verb other than "try". */
const OBJECT_DETERMINERS: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'their', 'this', 'these', 'that', 'those', 'some', 'any', 'your', 'his', 'her', 'its', 'our',
  'my', 'one', 'all', 'every',
]);
/** Words after the verb that show it takes no object ("try to", "try again") or is not an imperative. */
const NOT_AN_OBJECT: ReadonlySet<string> = new Set(['to', 'again', 'and', 'or', 'but', 'if', 'was', 'is', 'were', 'are', 'has', 'had', 'have', 'will', 'would']);

/**
 * An imperative recommendation that opens a sentence, as an evidence item: the verb (one or two words of
 * RECOMMENDATIONS) at the sentence's first word, or after one lead word ("Definitely try"), followed by a word that
 * can start its object (not "to", "again", a verb form in -ing; a determiner for verbs other than "try"). Returns the evidence and the index of its verb
 * token, or undefined. Only called for a word token whose norm is a recommendation verb.
 */
function recommendationAt(
  tokens: readonly Token[],
  text: string,
  i: number,
  sentenceWord: number,
  sentence: number,
): SentimentEvidence | undefined {
  const token = tokens[i] as Token;
  const forms = RECOMMENDATION_VERBS.get(token.norm);
  if (forms === undefined) return undefined;
  if (sentenceWord > 1) return undefined;
  if (sentenceWord === 1) {
    const previous = tokens[i - 1];
    if (previous === undefined || !RECOMMENDATION_LEADS.has(previous.norm)) return undefined;
  }
  for (const [second, valence] of forms) {
    let last = i;
    if (second !== '') {
      if (tokens[i + 1]?.norm !== second) continue;
      last = i + 1;
    }
    const object = tokens[last + 1];
    if (object === undefined || object.kind === 'punct' || NOT_AN_OBJECT.has(object.norm) || object.norm.endsWith('ing')) {
      return undefined;
    }
    // "Order", "Check out", "Skip" also open sentences as nouns ("Order arrived late"): as verbs, their object must
    // open with a determiner ("Order the lamb"). "Try" is a verb there ("Try green curry").
    if (token.norm !== 'try' && !OBJECT_DETERMINERS.has(object.norm)) return undefined;
    const end = (tokens[last] as Token).end;
    return { text: text.slice(token.start, end), start: token.start, end, base: valence, weight: valence, source: 'general', rules: [], sentence };
  }
  return undefined;
}

/** Scratch buffer of token positions (see aspectsOfTokens), grown on demand. */
let positions = new Int32Array(768);

function variants(norm: string): string[] {
  const out = [norm];
  if (norm.endsWith('ies')) out.push(`${norm.slice(0, -3)}y`);
  else if (norm.endsWith('es')) out.push(norm.slice(0, -2), norm.slice(0, -1));
  else if (norm.endsWith('s')) out.push(norm.slice(0, -1));
  else out.push(`${norm}s`, norm.endsWith('y') ? `${norm.slice(0, -1)}ies` : `${norm}es`);
  return out;
}

/** A literal term, tokenized once: its word norms and the forms its last word may take (plural or singular). */
interface CompiledTerm {
  readonly aspect: number;
  readonly norms: readonly string[];
  /** For multi-word terms: the variants of the last word. */
  readonly lastVariants: ReadonlySet<string> | undefined;
}

/** Aspects compiled for matching: literal terms indexed by the norm their first word may take. */
export interface CompiledAspects {
  readonly names: readonly string[];
  /** Word norm -> the terms that may start with it (single words under every variant). */
  readonly byFirst: ReadonlyMap<string, readonly CompiledTerm[]>;
  /** Per aspect: whether it has the native `#Money` term. */
  readonly money: readonly boolean[];
  /** Per aspect: its compromise patterns. */
  readonly patterns: readonly (readonly string[])[];
  /** The terms compiled, per aspect (to check that a cached compilation still matches its object). */
  readonly terms: readonly (readonly string[])[];
}

/**
 * Validates `aspects` and compiles its terms with the tokenizer (once per aspects object; a later call with the same
 * object reuses the compilation when its names and terms are still the same strings, so the cache never changes a
 * result). Cost: O(terms) to check, O(total term length) to compile.
 * @internal
 */
export function compileAspects(where: string, aspects: Readonly<Record<string, readonly string[]>>): CompiledAspects {
  if (aspects === null || typeof aspects !== 'object' || Array.isArray(aspects)) {
    fail('INVALID_ARGUMENT', where, 'aspects', 'an object mapping names to arrays of terms', aspects);
  }
  const cached = compiledCache.get(aspects);
  const names = Object.keys(aspects);
  let same = cached !== undefined && cached.names.length === names.length;
  for (let a = 0; a < names.length; a++) {
    const name = names[a] as string;
    const terms = aspects[name];
    if (!Array.isArray(terms) || terms.some((t) => typeof t !== 'string')) {
      fail('INVALID_ARGUMENT', where, `aspects.${name}`, 'an array of strings', terms);
    }
    if (same) {
      const before = (cached as CompiledAspects).terms[a] as readonly string[];
      same = (cached as CompiledAspects).names[a] === name && before.length === terms.length;
      for (let t = 0; same && t < terms.length; t++) same = before[t] === terms[t];
    }
  }
  if (same) return cached as CompiledAspects;
  const byFirst = new Map<string, CompiledTerm[]>();
  const money: boolean[] = [];
  const patterns: string[][] = [];
  const terms: string[][] = [];
  names.forEach((name, aspect) => {
    const list = aspects[name] as readonly string[];
    terms.push([...list]);
    money.push(false);
    patterns.push([]);
    for (const term of list) {
      if (term === '#Money') {
        money[aspect] = true;
        continue;
      }
      if (PATTERN_SYNTAX.test(term)) {
        (patterns[aspect] as string[]).push(term);
        continue;
      }
      const norms = tokenize(term)
        .filter((t) => t.kind !== 'punct')
        .map((t) => t.norm);
      const n = norms.length;
      if (n === 0) continue;
      const compiled: CompiledTerm = {
        aspect,
        norms,
        lastVariants: n === 1 ? undefined : new Set(variants(norms[n - 1] as string)),
      };
      for (const first of n === 1 ? variants(norms[0] as string) : [norms[0] as string]) {
        const at = byFirst.get(first);
        if (at === undefined) byFirst.set(first, [compiled]);
        else at.push(compiled);
      }
    }
  });
  const result: CompiledAspects = { names, byFirst, money, patterns, terms };
  compiledCache.set(aspects, result);
  return result;
}

const compiledCache = new WeakMap<object, CompiledAspects>();

/**
 * Literal term mentions of every aspect in one pass over the word tokens (multi-word terms as consecutive words,
 * punctuation skipped; the last word plural or singular). Adds the spans to `found[aspect]`.
 */
function findTerms(tokens: readonly Token[], text: string, compiled: CompiledAspects, found: (Span[] | undefined)[]): void {
  const byFirst = compiled.byFirst;
  if (byFirst.size === 0) return;
  // Indices of the word (non-punctuation) tokens, built only when a multi-word term needs to look ahead.
  let wordTokens: number[] | undefined;
  let wordIndex = -1;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.kind === 'punct') continue;
    wordIndex++;
    const candidates = byFirst.get(token.norm);
    if (candidates === undefined) continue;
    for (let c = 0; c < candidates.length; c++) {
      const term = candidates[c] as CompiledTerm;
      const n = term.norms.length;
      let last = token;
      if (n > 1) {
        if (wordTokens === undefined) {
          wordTokens = [];
          for (let k = 0; k < tokens.length; k++) if ((tokens[k] as Token).kind !== 'punct') wordTokens.push(k);
        }
        if (wordIndex + n > wordTokens.length) continue;
        let ok = true;
        for (let k = 1; k < n - 1 && ok; k++) ok = (tokens[wordTokens[wordIndex + k] as number] as Token).norm === term.norms[k];
        if (!ok) continue;
        last = tokens[wordTokens[wordIndex + n - 1] as number] as Token;
        if (!(term.lastVariants as ReadonlySet<string>).has(last.norm)) continue;
      }
      const span: Span = { text: text.slice(token.start, last.end), start: token.start, end: last.end };
      const list = found[term.aspect];
      if (list === undefined) found[term.aspect] = [span];
      else list.push(span);
    }
  }
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

/** Past subjunctive and past perfect, which make an if-clause counterfactual ("if the support were helpful"). */
const COUNTERFACTUAL_MARKERS: ReadonlySet<string> = new Set(['were', 'had']);

/**
 * Whether the clause of token `at` opens with a conditional ("if", "unless", "whether") that is not
 * counterfactual: the words from `at` back to the clause's punctuation or contrast contain one, and none of the
 * words between it and `at` is a past subjunctive or past perfect marker ("were", "had"). A counterfactual
 * ("if the delivery had been on time", "if the staff were friendly") says the opposite of its opinion words
 * (Narayanan, Liu and Choudhary 2009, "Sentiment analysis of conditional sentences", EMNLP), too weakly to turn
 * them with confidence: it credits nothing.
 */
function opensWithConditional(tokens: readonly Token[], at: number): boolean {
  let counterfactual = false;
  for (let k = at - 1; k >= 0; k--) {
    const token = tokens[k] as Token;
    if (token.kind === 'punct') {
      if (hasClausePunct(token.text)) return false;
      continue;
    }
    if (CONDITIONALS.has(token.norm)) return !counterfactual;
    if (COUNTERFACTUAL_MARKERS.has(token.norm)) counterfactual = true;
    if (CLAUSE_ROLES.get(token.norm) === ROLE_CONTRAST) return false;
  }
  return false;
}

/**
 * The weight, for an aspect in its clause, of a term that the scorer left out of a conditional clause (irrealis):
 * its valence, turned as the scorer turns a negated term. "If you want great food at a great price, go to ...":
 * the text as a whole asserts nothing by "great", but it is the quality named for the food and the price.
 */
function conditionalWeight(item: SentimentEvidence): number {
  const base = item.base;
  if (!item.rules.includes('negated')) return base;
  return base > 0 ? -base * NEGATE_POSITIVE : -base * NEGATE_NEGATIVE;
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
 * Three rules are the aspect's own: an imperative recommendation that opens a sentence ("Try the cheesecake!",
 * "Skip the dessert", `RECOMMENDATIONS`) counts for the aspects named in its clause; the opinion words of a
 * conditional clause, which the text's score leaves out as irrealis (Taboada et al. 2011), count for the aspects in
 * that clause ("If you want great food at a great price, go to ...": positive for the food and the price); and the
 * absence of what an aspect names ("there was no ambiance", "lacked flavor", "not enough wines") counts -2 for it.
 *
 * `aspects` maps a name to terms: plain words or phrases (matched on normalised tokens, singular or plural), or
 * compromise match patterns (any term containing `#`, `(`, `[`, `|`, e.g. `'#Adjective service'`), which load
 * compromise on first use and parse the text with it. `'#Money'` is matched natively (a number with a currency
 * symbol or word), so the default aspects never need compromise. Without `aspects`, `DEFAULT_ASPECTS` (delivery, availability, price, quality, service, product).
 *
 * Terms are tokenized once per `aspects` object (kept while its names and terms stay the same strings) and matched
 * in one pass over the tokens; the text is tokenized once, and scored only when some aspect is mentioned. To score
 * and find aspects of many texts, `createFeedbackScorer` does both from one tokenizer pass and one rule pass.
 *
 * Cost: O(n + t + m x e) for n tokens, t terms, m mentions and e evidence items in their sentences (plus
 * compromise's parse when a pattern is used).
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
  const compiled = compileAspects(where, aspects);
  const [window, settings] = resolveAspectOptions(where, options);
  if (text.trim() === '') return [];
  const tokens = tokenize(text);
  return aspectsOfTokens(text, tokens, undefined, compiled, window, settings, where);
}

/** Validates aspect options: the window and the scorer settings. @internal */
export function resolveAspectOptions(where: string, options: AspectOptions | undefined): [number, ScorerSettings] {
  if (options === undefined) return [DEFAULT_ASPECT_WINDOW, resolveSentimentOptions(where, undefined)];
  assertOptions(where, options);
  const window = options.window ?? DEFAULT_ASPECT_WINDOW;
  if (typeof window !== 'number' || !Number.isInteger(window) || window < 1) {
    fail('INVALID_OPTION', where, 'options.window', 'an integer >= 1', window);
  }
  const { window: _unused, ...sentimentOptions } = options;
  void _unused;
  return [window, resolveSentimentOptions(where, sentimentOptions as SentimentOptions)];
}

/**
 * The aspects of a tokenized text. `scored` is the text's `scoreSentiment` result on the same tokens and settings
 * when the caller has it; otherwise the text is scored here, and only when some aspect is mentioned.
 * @internal
 */
export function aspectsOfTokens(
  text: string,
  tokens: readonly Token[],
  scoredAlready: SentimentResult | undefined,
  compiled: CompiledAspects,
  window: number,
  settings: ScorerSettings,
  where: string,
): AspectSentiment[] {
  const aspectCount = compiled.names.length;
  const found_: (Span[] | undefined)[] = new Array(aspectCount);
  findTerms(tokens, text, compiled, found_);
  let any = false;
  for (let a = 0; a < aspectCount; a++) {
    if (compiled.money[a] === true) {
      const spans = findMoney(tokens, text);
      if (spans.length > 0) found_[a] = found_[a] === undefined ? spans : [...(found_[a] as Span[]), ...spans];
    }
    for (const pattern of compiled.patterns[a] as readonly string[]) {
      const spans = findPattern(text, pattern, where);
      if (spans.length > 0) found_[a] = found_[a] === undefined ? spans : [...(found_[a] as Span[]), ...spans];
    }
    if (found_[a] !== undefined) any = true;
  }
  if (!any || tokens.length === 0) return [];

  const scored = scoredAlready ?? scoreTokens(text, tokens, settings.layers, settings.neutralBand);
  // Clause, word and contrast positions of every token, in a scratch buffer reused across calls (its contents never
  // outlive this call): clause at 3i, word at 3i + 1, contrasts seen before the token ("but", "however") at 3i + 2.
  const n = tokens.length;
  if (positions.length < 3 * n) positions = new Int32Array(Math.max(3 * n, 2 * positions.length));
  const place = positions;
  let contrasts = 0;
  const elidedSubject: boolean[] = [false];
  let clause = 0;
  let word = 0;
  // Recommendations ("Try the ...") found at sentence starts, with their verb's token index.
  const sentences = scored.sentences;
  let recommendations: SentimentEvidence[] | undefined;
  let recommendationTokens: number[] | undefined;
  let sentence = 0;
  let sentenceEnd = sentences.length > 1 ? (sentences[0] as { end: number }).end : Infinity;
  let sentenceWord = 0;
  for (let i = 0; i < n; i++) {
    const token = tokens[i] as Token;
    let isBreak: boolean;
    if (token.kind === 'punct') {
      isBreak = hasClausePunct(token.text);
      place[3 * i] = clause;
      place[3 * i + 1] = word;
      place[3 * i + 2] = contrasts;
      if (isBreak) clause++;
      // "A few tips: skip the turnip cake": a colon or a semicolon opens a clause that can be an imperative.
      if (token.text === ':' || token.text === ';') sentenceWord = 0;
      continue;
    }
    if (token.start >= sentenceEnd) {
      while (sentence < sentences.length - 1 && token.start >= (sentences[sentence] as { end: number }).end) sentence++;
      sentenceEnd = sentence < sentences.length - 1 ? (sentences[sentence] as { end: number }).end : Infinity;
      sentenceWord = 0;
    }
    if (sentenceWord <= 1 && token.kind === 'word' && RECOMMENDATION_VERBS.has(token.norm)) {
      const found = recommendationAt(tokens, text, i, sentenceWord, sentence);
      if (found !== undefined) {
        (recommendations ??= []).push(found);
        (recommendationTokens ??= []).push(i);
      }
    }
    sentenceWord++;
    const role = CLAUSE_ROLES.get(token.norm);
    if (role !== undefined) {
      const next = tokens[i + 1];
      // "and" or "while" before a new subject; a contrast or a concession opens the next clause.
      isBreak = role === ROLE_AND ? next !== undefined && SUBJECT_OPENERS.has(next.norm) : true;
      if (isBreak) clause++;
      if (role === ROLE_CONTRAST) {
        contrasts++;
        // "X is fine but doesn't taste fresh": no new subject after the contrast, the opinion is still about X.
        elidedSubject[contrasts] = next === undefined || !SUBJECT_OPENERS.has(next.norm);
      }
    }
    place[3 * i] = clause;
    place[3 * i + 1] = word;
    place[3 * i + 2] = contrasts;
    word++;
  }
  // Evidence (without the exclamation marks, which belong to no word) with the token it starts at.
  const all = scored.evidence;
  const evidence: SentimentEvidence[] = [];
  const evidenceToken: number[] = [];
  for (let k = 0; k < all.length; k++) {
    const item = all[k] as SentimentEvidence;
    if (item.source === 'punctuation') continue;
    evidence.push(item);
    evidenceToken.push(Math.min(tokenIndexAt(tokens, item.start), n - 1));
  }
  if (recommendations !== undefined) {
    mergeRecommendations(evidence, evidenceToken, recommendations, recommendationTokens as number[]);
  }
  const evidenceCount = evidence.length;
  // Evidence is in text order, so the evidence of sentence s is the range [sentenceFirst[s], sentenceFirst[s + 1]).

  const sentenceFirst: number[] = [];
  for (let s = 0, e = 0; s <= sentences.length; s++) {
    while (e < evidenceCount && (evidence[e] as SentimentEvidence).sentence < s) e++;
    sentenceFirst.push(e);
  }
  const band = settings.neutralBand;

  const results: AspectSentiment[] = [];
  for (let a = 0; a < aspectCount; a++) {
    const found = found_[a];
    if (found === undefined) continue;
    // Overlapping mentions (from two terms) count once: the earlier, then the longer.
    if (found.length > 1) found.sort(byStartThenLonger);
    const mentions: Span[] = [];
    for (const span of found) {
      const last = mentions[mentions.length - 1];
      if (last === undefined || span.start >= last.end) mentions.push(span);
    }
    // Share of each evidence item in this aspect (NaN: not used): 1 in a mention's clause, +-FALLBACK otherwise.
    const share: number[] = new Array<number>(evidenceCount).fill(Number.NaN);
    // Opinion words inside a longer mention are part of the aspect's name, not an opinion about it ("chow fun",
    // "happy hour", "crispy chicken"): never used for this aspect. A mention that is itself the opinion word
    // ("expensive", "sold out") keeps it.
    const naming = namingEvidence(evidence, mentions);
    // "No ambiance", "lacked flavor": the absence of what the aspect names, one item per mention.
    let absences: SentimentEvidence[] | undefined;
    for (const mention of mentions) {
      const index = Math.min(tokenIndexAt(tokens, mention.start), n - 1);
      const mentionClause = place[3 * index] as number;
      const lastIndex = Math.min(tokenIndexAt(tokens, mention.end - 1), n - 1);
      const mentionWordStart = place[3 * index + 1] as number;
      const mentionWordEnd = place[3 * lastIndex + 1] as number;
      const sentence = sentenceOfOffset(sentences, mention.start);
      const from = sentenceFirst[sentence] as number;
      const to = sentenceFirst[sentence + 1] as number;
      let inClause = false;
      const lacking = absenceBefore(tokens, text, index, mention, evidence, from, to, sentence);
      if (lacking !== undefined) {
        (absences ??= []).push(lacking);
        inClause = true;
      }
      for (let e = from; e < to; e++) {
        if (naming !== undefined && naming[e] === true) continue;
        const at = 3 * (evidenceToken[e] as number);
        const evidenceWord = place[at + 1] as number;
        const distance =
          evidenceWord < mentionWordStart ? mentionWordStart - evidenceWord : Math.max(0, evidenceWord - mentionWordEnd);
        if (place[at] === mentionClause && distance <= window) {
          const before = share[e] as number;
          share[e] = before === before ? Math.max(before, 1) : 1;
          inClause = true;
        }
      }
      if (!inClause) {
        // No opinion in the mention's clause: the nearest one in its sentence, at half weight.
        let best = -1;
        let bestDistance = Infinity;
        for (let e = from; e < to; e++) {
          if (naming !== undefined && naming[e] === true) continue;
          const distance = Math.abs((place[3 * (evidenceToken[e] as number) + 1] as number) - mentionWordStart);
          if (distance < bestDistance) {
            best = e;
            bestDistance = distance;
          }
        }
        if (best >= 0 && share[best] !== share[best]) {
          // Across an odd number of contrasts ("great concept but rough delivery") the polarity turns
          // (Polanyi and Zaenen 2006).
          const mentionContrast = place[3 * index + 2] as number;
          const contrast = place[3 * (evidenceToken[best] as number) + 2] as number;
          const elided = contrast > mentionContrast && elidedSubject[mentionContrast + 1] === true;
          const turns = !elided && Math.abs(contrast - mentionContrast) % 2 === 1;
          share[best] = turns ? -FALLBACK : FALLBACK;
        }
      }
    }
    const used: SentimentEvidence[] = [];
    let sum = 0;
    for (let e = 0; e < evidenceCount; e++) {
      const part = share[e] as number;
      if (part !== part) continue;
      const item = evidence[e] as SentimentEvidence;
      let weight = clauseWeight(item) * part;
      if (weight === 0 && part === 1 && item.rules.includes('irrealis') && opensWithConditional(tokens, evidenceToken[e] as number)) {
        weight = conditionalWeight(item);
      }
      if (weight === 0) continue;
      sum += weight;
      used.push(weight === item.weight ? item : { ...item, weight });
    }
    if (absences !== undefined) {
      for (const item of absences) {
        sum += item.weight;
        used.push(item);
      }
      used.sort(byStart);
    }
    const score = normalizeSum(sum);
    const spans: { text: string; start: number; end: number }[] = [];
    for (const m of mentions) spans.push({ text: m.text, start: m.start, end: m.end });
    results.push({ aspect: compiled.names[a] as string, mentions: spans, score, label: labelOf(score, band), evidence: used });
  }
  return results;
}

/**
 * Which evidence items lie inside a mention longer than they are (a word of the aspect's own name: "happy" in
 * "happy hour"); undefined when none does. Cost: O(evidence x mentions).
 */
function namingEvidence(evidence: readonly SentimentEvidence[], mentions: readonly Span[]): boolean[] | undefined {
  let naming: boolean[] | undefined;
  for (const mention of mentions) {
    for (let e = 0; e < evidence.length; e++) {
      const item = evidence[e] as SentimentEvidence;
      if (item.start >= mention.start && item.end <= mention.end && item.end - item.start < mention.end - mention.start) {
        (naming ??= [])[e] = true;
      }
    }
  }
  return naming;
}

/**
 * Merges the recommendation items into the (text-ordered) evidence and its token indices, in text order; a verb that
 * already scored as a word is not counted twice.
 */
function mergeRecommendations(
  evidence: SentimentEvidence[],
  evidenceToken: number[],
  recommendations: readonly SentimentEvidence[],
  recommendationTokens: readonly number[],
): void {
  for (let r = 0; r < recommendations.length; r++) {
    const item = recommendations[r] as SentimentEvidence;
    const at = recommendationTokens[r] as number;
    let k = evidence.length;
    while (k > 0 && (evidence[k - 1] as SentimentEvidence).start > item.start) k--;
    if (k > 0 && (evidence[k - 1] as SentimentEvidence).start === item.start) continue;
    evidence.splice(k, 0, item);
    evidenceToken.splice(k, 0, at);
  }
}

/** Words after "no" that make no absence of the next word ("no one", "no doubt", "no other"). */
const NOT_ABSENCE: ReadonlySet<string> = new Set(['one', 'doubt', 'other', 'matter', 'longer', 'more', 'less']);

/** Costs and nuisances whose absence is good news, in case no lexicon scores them ("no fee", "no noise"). */
const WELCOME_ABSENT: ReadonlySet<string> = new Set([
  'fee', 'fees', 'charge', 'charges', 'surcharge', 'surcharges', 'cost', 'costs', 'penalty', 'penalties', 'tax',
  'taxes', 'delay', 'delays', 'wait', 'waits', 'queue', 'queues', 'line', 'lines', 'hassle', 'fuss', 'trouble',
  'problem', 'problems', 'issue', 'issues', 'error', 'errors', 'mistake', 'mistakes', 'damage', 'defect', 'defects',
  'noise', 'smell', 'smells', 'crowd', 'crowds', 'attitude', 'attitudes', 'minimum', 'limit', 'limits',
]);

/** Valence of the absence of what an aspect names ("there was no ambiance"), on the AFINN scale. */
const ABSENCE_VALENCE = -2;
/** Words that state the absence of what follows them ("no", "zero", "lack of", "lacked"); "of" after them is skipped. */
const ABSENCE_WORDS: ReadonlySet<string> = new Set(['no', 'zero', 'lack', 'lacks', 'lacked', 'lacking']);

/**
 * The absence of a mention as an evidence item: "no", "zero" or "lack (of)" right before the mention, or with one word
 * between that scores nothing ("no real ambiance", "lacked more flavor"), or "not enough" right before it. Not when
 * an evidence item lies in the mention itself ("no wait", "no delays" name something unwanted, and the scorer has
 * already negated it), nor when the mention names a cost or a nuisance (`WELCOME_ABSENT`: "no fee", "no noise"). The lack of a wanted thing is a complaint about it (Polanyi and Zaenen 2006 list "lack" among
 * the negative shifters; here it applies to the aspect that is lacking).
 */
function absenceBefore(
  tokens: readonly Token[],
  text: string,
  index: number,
  mention: Span,
  evidence: readonly SentimentEvidence[],
  from: number,
  to: number,
  sentence: number,
): SentimentEvidence | undefined {
  // The absence word first (a few tokens back, most mentions have none), then what rules it out.
  let k = index - 1;
  let between: Token | undefined;
  while (k >= 0) {
    const token = tokens[k] as Token;
    if (token.kind === 'punct') return undefined;
    if (ABSENCE_WORDS.has(token.norm)) break;
    if (token.norm === 'enough' && tokens[k - 1]?.norm === 'not') {
      k--;
      break;
    }
    if (token.norm === 'of' && between === undefined && tokens[k - 1] !== undefined && tokens[k - 1]?.norm.startsWith('lack') === true) {
      k--;
      continue;
    }
    if (between !== undefined || token.kind !== 'word' || NOT_ABSENCE.has(token.norm)) return undefined;
    between = token;
    k--;
  }
  if (k < 0) return undefined;
  for (let e = from; e < to; e++) {
    const item = evidence[e] as SentimentEvidence;
    if (item.start < mention.end && item.end > mention.start) return undefined;
    if (between !== undefined && item.start < between.end && item.end > between.start) return undefined;
  }
  // "No fee", "no extra charge", "no traffic noise": costs and nuisances are welcome when absent.
  for (let m = index; m < tokens.length && (tokens[m] as Token).start < mention.end; m++) {
    if (WELCOME_ABSENT.has((tokens[m] as Token).norm)) return undefined;
  }
  const first = tokens[k] as Token;
  // "not lacking in ambiance", "can't believe they complain about no cheese sticks": the absence is itself negated.
  if (first.negated || NEGATOR_WORDS.has(tokens[k - 1]?.norm ?? '')) return undefined;
  const end = between !== undefined ? first.end : (tokens[index - 1] as Token).end;
  return {
    text: text.slice(first.start, end),
    start: first.start,
    end,
    base: ABSENCE_VALENCE,
    weight: ABSENCE_VALENCE,
    source: 'general',
    rules: [],
    sentence,
  };
}

function byStart(a: SentimentEvidence, b: SentimentEvidence): number {
  return a.start - b.start;
}

function byStartThenLonger(a: Span, b: Span): number {
  return a.start - b.start || b.end - a.end;
}

/** Index of the sentence containing offset `at`, by binary search over the sentence ends. */
function sentenceOfOffset(sentences: readonly { readonly end: number }[], at: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (at < (sentences[mid] as { end: number }).end) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
