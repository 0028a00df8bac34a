/**
 * The catalogue of bad inputs for every export of `src/index.ts` (issue #9). Each export has an entry: `valid`, the
 * arguments of one ordinary call (the property tests perturb them), and `cases`, each a hostile input with its
 * documented outcome: a result (optionally checked), rows skipped and reported (`rejected` with row and reason), a
 * warning, or a `FeedbackMinerError` with its code. Outcomes come from the functions' doc comments and the README's
 * rule "misuse throws, bad data is skipped and reported", not from running the code.
 */
import * as api from '../../src/index';
import type { ErrorCode } from '../../src/errors';
import { DATES, NUMBERS, TEXTS, oneMegabyte, smallSimulation, tenMegabyte, weeklySeries, weeks } from './inputs';

export type Outcome =
  | { readonly kind: 'result'; readonly check?: (value: any) => void }
  | { readonly kind: 'rejected'; readonly row: number; readonly reason?: RegExp; readonly of?: (value: any) => readonly { row: number; reason: string }[] }
  | { readonly kind: 'warning'; readonly match: RegExp; readonly of?: (value: any) => readonly string[] }
  | { readonly kind: 'error'; readonly code: ErrorCode };

export interface Case {
  /** What is fed, in a few words. */
  readonly input: string;
  readonly call: () => unknown;
  readonly outcome: Outcome;
}

export interface Entry {
  /** Arguments of one ordinary, successful call (absent for constants and classes). */
  readonly valid?: () => unknown[];
  readonly cases: readonly Case[];
}

type Api = typeof api;
const any = (f: unknown) => f as (...args: unknown[]) => any;

export const ok = (check?: (value: any) => void): Outcome => (check === undefined ? { kind: 'result' } : { kind: 'result', check });
export const error = (code: ErrorCode): Outcome => ({ kind: 'error', code });
export const rejected = (row: number, reason?: RegExp, of?: (value: any) => readonly { row: number; reason: string }[]): Outcome =>
  ({ kind: 'rejected', row, ...(reason === undefined ? {} : { reason }), ...(of === undefined ? {} : { of }) });
export const warning = (match: RegExp, of?: (value: any) => readonly string[]): Outcome =>
  ({ kind: 'warning', match, ...(of === undefined ? {} : { of }) });

/** `expect`-free checks, so the catalogue stays plain data: each throws an Error naming what failed. */
function assert(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}
const isFiniteNumber = (x: unknown): boolean => typeof x === 'number' && Number.isFinite(x);
const noNaN = (value: unknown): void => {
  const json = JSON.stringify(value, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? `!${v}` : v));
  assert(!/"!(NaN|Infinity|-Infinity)"/.test(json ?? ''), `non-finite number in ${json?.slice(0, 200)}`);
};

/** Cases every string-taking function shares: wrong types and the hostile texts. */
function textCases(name: keyof Api, call: (text: unknown) => unknown, check: (value: any, text: string) => void, options: { big?: boolean; huge?: boolean } = {}): Case[] {
  const f = call;
  const cases: Case[] = [
    { input: 'a number instead of a string', call: () => f(42), outcome: error('INVALID_ARGUMENT') },
    { input: 'null', call: () => f(null), outcome: error('INVALID_ARGUMENT') },
    { input: 'undefined', call: () => f(undefined), outcome: error('INVALID_ARGUMENT') },
  ];
  for (const [label, text] of Object.entries(TEXTS)) {
    cases.push({ input: `text: ${label}`, call: () => f(text), outcome: ok((value) => check(value, text)) });
  }
  if (options.big !== false) cases.push({ input: 'a 1 MB text', call: () => f(oneMegabyte()), outcome: ok((value) => check(value, oneMegabyte())) });
  if (options.huge === true) cases.push({ input: 'a 10 MB text', call: () => f(tenMegabyte()), outcome: ok((value) => check(value, tenMegabyte())) });
  void name;
  return cases;
}

const tokensCheck = (tokens: api.Token[], text: string): void => {
  assert(Array.isArray(tokens), 'tokens is an array');
  for (const t of tokens) {
    assert(t.text.length > 0 && t.norm.length > 0, 'no empty token');
    assert(text.slice(t.start, t.end) === t.text, `offsets slice back to ${JSON.stringify(t.text.slice(0, 20))}`);
  }
};
const normsCheck = (norms: string[]): void => {
  assert(Array.isArray(norms) && norms.every((n) => typeof n === 'string' && n.length > 0), 'norms are non-empty strings');
};
const sentimentCheck = (result: api.SentimentResult): void => {
  assert(result.score >= -1 && result.score <= 1, `score ${result.score} in [-1, 1]`);
  assert(['positive', 'neutral', 'negative'].includes(result.label), 'a label');
};

const feedbackRow = (over: Record<string, unknown> = {}) => ({ id: 'a', text: 'late again', date: '2026-01-05', ...over });
const salesRow = (over: Record<string, unknown> = {}) => ({ date: '2026-01-05', units: 10, ...over });
const forecastRow = (over: Record<string, unknown> = {}) => ({ period: '2026-01-05', group: 'A', forecast: 10, actual: 12, ...over });
const actionRow = (over: Record<string, unknown> = {}) => ({ date: '2026-01-05', scope: { region: 'North' }, description: 'price cut', ...over });

/** Validation cases shared by the four validators: each bad row is skipped and reported with its row. */
function validatorCases(f: (rows: unknown, options?: unknown) => api.Validated<unknown>, good: () => Record<string, unknown>, dateField: string, numberField: string | undefined): Case[] {
  const twoGood = () => [good(), { ...good(), ...(good().id === undefined ? {} : { id: 'b' }) }];
  const cases: Case[] = [
    { input: 'a string instead of rows', call: () => f('rows'), outcome: error('INVALID_ARGUMENT') },
    { input: 'null rows', call: () => f(null), outcome: error('INVALID_ARGUMENT') },
    { input: 'options that are a number', call: () => f([], 3), outcome: error('INVALID_ARGUMENT') },
    { input: 'empty rows', call: () => f([]), outcome: ok((v) => assert(v.records.length === 0 && v.rejected.length === 0, 'nothing in, nothing out')) },
    { input: 'a null row between good rows', call: () => f([good(), null, twoGood()[1]]), outcome: rejected(1) },
    { input: 'a number as a row', call: () => f([42, good()]), outcome: rejected(0) },
    { input: `${dateField}: 2026-02-30`, call: () => f([good(), { ...twoGood()[1], [dateField]: DATES.invalidDay }]), outcome: rejected(1, /30/) },
    { input: `${dateField}: 03/04/2026 (US style)`, call: () => f([{ ...good(), [dateField]: DATES.usStyle }]), outcome: rejected(0) },
    { input: `${dateField}: undefined`, call: () => f([{ ...good(), [dateField]: undefined }]), outcome: rejected(0) },
    { input: `${dateField}: offset +19:00`, call: () => f([{ ...good(), [dateField]: DATES.offsetBeyond }]), outcome: rejected(0, /offset/) },
    { input: `${dateField}: DST spring-forward time with its offset`, call: () => f([{ ...good(), [dateField]: DATES.dstSpringEurope }]), outcome: ok((v) => assert(v.records.length === 1, 'kept')) },
    { input: 'rowOffset 100 shifts reported rows', call: () => f([null], { rowOffset: 100 }), outcome: rejected(100) },
    { input: 'rowOffset -1', call: () => f([good()], { rowOffset: -1 }), outcome: error('INVALID_OPTION') },
  ];
  if (numberField !== undefined) {
    for (const bad of [NaN, Infinity, -Infinity, 'NaN', '12abc', '0x10', 1e300, true]) {
      cases.push({ input: `${numberField}: ${typeof bad === 'string' ? JSON.stringify(bad) : String(bad)}`, call: () => f([good(), { ...twoGood()[1], [numberField]: bad }]), outcome: rejected(1) });
    }
    cases.push({ input: `${numberField}: -0 is kept as 0`, call: () => f([{ ...good(), [numberField]: -0 }]), outcome: ok((v) => assert(Object.is(v.records[0][numberField], 0), 'became +0')) });
    cases.push({ input: `${numberField}: "1,234" without allowThousandsSeparators`, call: () => f([{ ...good(), [numberField]: '1,234' }]), outcome: rejected(0) });
    cases.push({ input: `${numberField}: 5e-324 (tiny) is kept`, call: () => f([{ ...good(), [numberField]: 5e-324 }]), outcome: ok((v) => assert(v.records.length === 1, 'kept')) });
  }
  return cases;
}

const pointsCases = (f: (points: unknown, options?: unknown) => unknown, short: number): Case[] => [
  { input: 'a string instead of points', call: () => f('points'), outcome: error('INVALID_ARGUMENT') },
  { input: 'options that are an array', call: () => f(weeklySeries(60), []), outcome: error('INVALID_ARGUMENT') },
  { input: 'no points', call: () => f([]), outcome: ok() },
  { input: `${short} points`, call: () => f(weeklySeries(short)), outcome: ok() },
  { input: 'a NaN value among 60 points', call: () => f(weeklySeries(60).map((p, i) => (i === 7 ? { ...p, value: NaN } : p))), outcome: rejected(7) },
  { input: 'an Infinity value among 60 points', call: () => f(weeklySeries(60).map((p, i) => (i === 9 ? { ...p, value: Infinity } : p))), outcome: rejected(9) },
  { input: 'a null point among 60 points', call: () => f(weeklySeries(60).map((p, i) => (i === 3 ? null : p))), outcome: rejected(3) },
  { input: 'an invalid date among 60 points', call: () => f(weeklySeries(60).map((p, i) => (i === 5 ? { ...p, t: DATES.invalidDay } : p))), outcome: rejected(5) },
  { input: '60 points in reverse order', call: () => f(weeklySeries(60).reverse()), outcome: ok() },
  { input: '60 points with a duplicate date', call: () => f(weeklySeries(60).map((p, i, all) => (i === 10 ? { ...p, t: (all[9] as { t: string }).t } : p))), outcome: ok() },
  { input: '60 points with 10 weeks missing', call: () => f(weeklySeries(70).filter((_, i) => i < 20 || i >= 30)), outcome: ok() },
  { input: 'constant series', call: () => f(weeklySeries(60).map((p) => ({ ...p, value: 5 }))), outcome: ok(noNaN) },
  { input: 'all zeros', call: () => f(weeklySeries(60).map((p) => ({ ...p, value: 0 }))), outcome: ok(noNaN) },
  { input: 'values near 1e300', call: () => f(weeklySeries(60).map((p) => ({ ...p, value: p.value * 1e300 }))), outcome: ok() },
  { input: 'values near 5e-324', call: () => f(weeklySeries(60).map((p, i) => ({ ...p, value: (i % 3) * 5e-324 }))), outcome: ok() },
  { input: 'numeric t (epoch ms) instead of dates', call: () => f(weeklySeries(60).map((p, i) => ({ t: i * 86_400_000 * 7, value: p.value }))), outcome: ok() },
];

const arrayNumberCases = (f: (values: unknown, ...rest: unknown[]) => unknown, rest: unknown[]): Case[] => [
  { input: 'a string instead of values', call: () => f('values', ...rest), outcome: error('INVALID_ARGUMENT') },
  { input: 'null', call: () => f(null, ...rest), outcome: error('INVALID_ARGUMENT') },
];

function sim() {
  return smallSimulation();
}

const denseRows = (rows: number[][]): api.DenseMatrix => ({ rows: rows.length, cols: rows[0]?.length ?? 0, data: Float64Array.from(rows.flat()) });
const sixPoints = () => denseRows([[1, 0], [0.9, 0.1], [0.95, 0.05], [0, 1], [0.1, 0.9], [0.05, 0.95]]);

const sparse = (): api.SparseMatrix => {
  const stats = api.termStatistics([['late', 'rude'], ['late'], ['rude', 'price'], ['price', 'late']]);
  const vocab = api.buildVocabulary(stats, { minDocumentFrequency: 1, maxDocumentShare: 1 });
  return api.vectorize([['late', 'rude'], ['late'], ['rude', 'price'], ['price', 'late']], vocab);
};

const TEXTS_FOR_THEMES = [
  'late delivery again', 'delivery late by a week', 'courier was late', 'package arrived late',
  'rude staff at the store', 'staff were rude', 'unfriendly rude staff', 'rude cashier',
  'price too high', 'expensive price increase', 'price went up', 'too expensive now',
];

const insightRecords = (): api.InsightRecord[] =>
  sim().feedback.map((r, i) => ({ ...r, theme: ['delivery', 'price', 'staff'][i % 3] as string, sentiment: { score: (i % 5) / 2 - 1, label: 'neutral' } as never }));

const modelOf = (): api.ReportModel => ({ version: 1, title: 'Q1 review' }) as api.ReportModel;

/** The catalogue. A missing export fails the completeness test; a constant needs only its frozen-ness case. */
export const CATALOGUE: { readonly [K in keyof Api]?: Entry } = {
  // --- errors and composition ------------------------------------------------------------------------------------
  FeedbackMinerError: {
    cases: [
      { input: 'new FeedbackMinerError with a cause', call: () => new api.FeedbackMinerError('IO_ERROR', 'x', { cause: new Error('y') }), outcome: ok((e) => assert(e.code === 'IO_ERROR' && e.cause instanceof Error && e instanceof Error, 'code and cause kept')) },
    ],
  },
  pipe: {
    valid: () => ['Not good!', api.tokenize],
    cases: [
      { input: 'data only', call: () => api.pipe(TEXTS.nul), outcome: ok((v) => assert(v === TEXTS.nul, 'identity')) },
      { input: 'a stage that is not a function', call: () => any(api.pipe)('x', 42), outcome: error('INVALID_ARGUMENT') },
    ],
  },
  flow: {
    valid: () => [api.tokenize],
    cases: [
      { input: 'no stages', call: () => any(api.flow)(), outcome: error('INVALID_ARGUMENT') },
      { input: 'a stage that is a string', call: () => any(api.flow)('tokenize'), outcome: error('INVALID_ARGUMENT') },
    ],
  },

  // --- records ---------------------------------------------------------------------------------------------------
  validateFeedback: {
    valid: () => [[feedbackRow()]],
    cases: [
      ...validatorCases(any(api.validateFeedback), () => feedbackRow(), 'date', 'rating'),
      { input: 'text: empty', call: () => api.validateFeedback([feedbackRow({ text: '' })]), outcome: rejected(0) },
      { input: 'rating: "" (an empty CSV cell) is no rating', call: () => api.validateFeedback([feedbackRow({ rating: '' })]), outcome: ok((v) => assert(v.records.length === 1 && v.records[0].rating === undefined, 'kept without rating')) },
      { input: 'text: whitespace only', call: () => api.validateFeedback([feedbackRow({ text: TEXTS.whitespace })]), outcome: rejected(0) },
      { input: 'text: a number', call: () => api.validateFeedback([feedbackRow({ text: 42 })]), outcome: rejected(0) },
      { input: 'text: lone surrogate, NUL, BOM, CRLF are kept', call: () => api.validateFeedback([TEXTS.loneHigh, TEXTS.nul, TEXTS.bom, TEXTS.crlf].map((text, i) => feedbackRow({ id: String(i), text }))), outcome: ok((v) => assert(v.records.length === 4, 'all four kept')) },
      { input: 'text: 1 MB', call: () => api.validateFeedback([feedbackRow({ text: oneMegabyte() })]), outcome: ok((v) => assert(v.records.length === 1, 'kept')) },
      { input: 'a duplicate id', call: () => api.validateFeedback([feedbackRow(), feedbackRow()]), outcome: rejected(1, /duplicate/) },
      { input: 'a BOM on the first header', call: () => api.validateFeedback([{ '\ufeffid': 'a', text: 'late', date: '2026-01-05' }]), outcome: ok((v) => assert(v.records[0]?.id === 'a', 'BOM header read')) },
    ],
  },
  validateSales: {
    valid: () => [[salesRow()]],
    cases: [
      ...validatorCases(any(api.validateSales), () => salesRow(), 'date', 'units'),
      { input: 'a row with no measure at all', call: () => api.validateSales([{ date: '2026-01-05', region: 'North' }]), outcome: rejected(0) },
      { input: 'negative units (returns) are kept', call: () => api.validateSales([salesRow({ units: -3 })]), outcome: ok((v) => assert(v.records[0]?.units === -3, 'kept')) },
    ],
  },
  validateForecasts: {
    valid: () => [[forecastRow()]],
    cases: [
      ...validatorCases(any(api.validateForecasts), () => forecastRow(), 'period', 'forecast'),
      { input: 'actual: NaN', call: () => api.validateForecasts([forecastRow({ actual: NaN })]), outcome: rejected(0) },
      { input: 'group: missing', call: () => api.validateForecasts([forecastRow({ group: undefined })]), outcome: rejected(0) },
    ],
  },
  validateActions: {
    valid: () => [[actionRow()]],
    cases: [
      ...validatorCases(any(api.validateActions), () => actionRow(), 'date', undefined),
      { input: 'description: empty', call: () => api.validateActions([actionRow({ description: '' })]), outcome: rejected(0) },
      { input: 'scope: a string', call: () => api.validateActions([actionRow({ scope: 'North' })]), outcome: rejected(0) },
    ],
  },
  parseIsoDate: {
    valid: () => ['2026-03-04'],
    cases: [
      { input: 'a number', call: () => any(api.parseIsoDate)(20260304), outcome: error('INVALID_ARGUMENT') },
      ...Object.entries({ invalidDay: DATES.invalidDay, month13: DATES.month13, usStyle: DATES.usStyle, words: DATES.words, empty: DATES.empty, offsetBeyond: DATES.offsetBeyond, leapSecond: DATES.leapSecond }).map(
        ([label, text]): Case => ({ input: `${label}: ${JSON.stringify(text)}`, call: () => api.parseIsoDate(text), outcome: ok((v) => assert(v.ok === false && v.reason.length > 0, 'not ok, with a reason')) }),
      ),
      { input: 'DST spring-forward 02:30+01:00 (Europe)', call: () => api.parseIsoDate(DATES.dstSpringEurope), outcome: ok((v) => assert(v.ok && v.time === Date.UTC(2026, 2, 29, 1, 30), 'offset applied, no zone rules')) },
      { input: 'DST fall-back 01:30-05:00 (US)', call: () => api.parseIsoDate(DATES.dstFallUs), outcome: ok((v) => assert(v.ok && v.time === Date.UTC(2026, 10, 1, 6, 30), 'offset applied')) },
      { input: 'a BOM before the date', call: () => api.parseIsoDate('\ufeff2026-03-04'), outcome: ok((v) => assert(v.ok === true, 'BOM is whitespace to trim')) },
      { input: '100,000 digits then junk', call: () => api.parseIsoDate(TEXTS.digitsThenJunk), outcome: ok((v) => assert(v.ok === false, 'rejected')) },
      { input: 'lone surrogate', call: () => api.parseIsoDate(`2026-03-04${TEXTS.loneHigh}`), outcome: ok((v) => assert(v.ok === false, 'rejected')) },
    ],
  },
  parseStrictNumber: {
    valid: () => ['12'],
    cases: [
      ...NUMBERS.map((x): Case => ({ input: `number ${Object.is(x, -0) ? '-0' : String(x)}`, call: () => api.parseStrictNumber(x), outcome: ok((v) => assert(v.ok === (Number.isFinite(x) && Math.abs(x) <= Number.MAX_SAFE_INTEGER), 'finite and safe only')) })),
      { input: '-0 becomes 0', call: () => api.parseStrictNumber(-0), outcome: ok((v) => assert(v.ok && Object.is(v.value, 0), '+0')) },
      { input: 'null / undefined / object / array', call: () => [null, undefined, {}, []].map((x) => api.parseStrictNumber(x)), outcome: ok((vs) => assert(vs.every((v: api.ParsedNumber) => !v.ok), 'all rejected')) },
      { input: '100,000 digits then junk', call: () => api.parseStrictNumber(TEXTS.digitsThenJunk), outcome: ok((v) => assert(v.ok === false, 'rejected')) },
      { input: '"1e400" overflows', call: () => api.parseStrictNumber('1e400'), outcome: ok((v) => assert(v.ok === false, 'rejected')) },
      { input: 'NUL inside a numeral', call: () => api.parseStrictNumber('12\u00003'), outcome: ok((v) => assert(v.ok === false, 'rejected')) },
    ],
  },

  // --- text ------------------------------------------------------------------------------------------------------
  tokenize: { valid: () => ['Not good!'], cases: [...textCases('tokenize', (t) => any(api.tokenize)(t), tokensCheck), { input: 'options: a string', call: () => any(api.tokenize)('x', 'fast'), outcome: error('INVALID_ARGUMENT') }] },
  tokenizeNorms: { valid: () => ['Not good!'], cases: textCases('tokenizeNorms', (t) => any(api.tokenizeNorms)(t), normsCheck, { huge: true }) },
  tokenizeNormsNegated: { valid: () => ['Not good!'], cases: textCases('tokenizeNormsNegated', (t) => any(api.tokenizeNormsNegated)(t), (v) => normsCheck(v.norms)) },
  normalize: {
    valid: () => ['a  ﬁne day'],
    cases: textCases('normalize', (t) => any(api.normalize)(t), (v, text) => assert(v.offsets.length === v.text.length + 1 && v.offsets.every((o: number) => o >= 0 && o <= text.length), 'offsets within the original')),
  },
  toOriginalSpan: {
    valid: () => [api.normalize('a  ﬁne day'), 2, 6],
    cases: [
      { input: 'null instead of a normalized text', call: () => any(api.toOriginalSpan)(null, 0, 0), outcome: error('INVALID_ARGUMENT') },
      { input: 'a string instead of a normalized text', call: () => any(api.toOriginalSpan)('abc', 0, 1), outcome: error('INVALID_ARGUMENT') },
      { input: 'start NaN', call: () => api.toOriginalSpan(api.normalize('abc'), NaN, 1), outcome: error('INVALID_OPTION') },
      { input: 'end beyond the text', call: () => api.toOriginalSpan(api.normalize('abc'), 0, 99), outcome: error('INVALID_OPTION') },
      { input: 'end before start', call: () => api.toOriginalSpan(api.normalize('abc'), 2, 1), outcome: error('INVALID_OPTION') },
      { input: 'an empty span at the end', call: () => api.toOriginalSpan(api.normalize('abc'), 3, 3), outcome: ok((v) => assert(v.start === 3 && v.end === 3, 'end of text')) },
    ],
  },
  STOPWORDS: {
    cases: [
      { input: 'add() on the shared set', call: () => (api.STOPWORDS as Set<string>).add('zzz'), outcome: error('INVALID_ARGUMENT') },
      { input: 'clear() on the shared set', call: () => (api.STOPWORDS as Set<string>).clear(), outcome: error('INVALID_ARGUMENT') },
      { input: 'after the refused changes', call: () => [api.STOPWORDS.has('zzz'), api.STOPWORDS.has('the')], outcome: ok(([zzz, the]) => assert(zzz === false && the === true, 'unchanged')) },
    ],
  },
  createStopwords: {
    valid: () => [{ add: ['app'] }],
    cases: [
      { input: 'add: a string (would add its letters)', call: () => any(api.createStopwords)({ add: 'app' }), outcome: error('INVALID_ARGUMENT') },
      { input: 'options: a number', call: () => any(api.createStopwords)(3), outcome: error('INVALID_ARGUMENT') },
      { input: 'add: [null]', call: () => any(api.createStopwords)({ add: [null] }), outcome: error('INVALID_ARGUMENT') },
    ],
  },
  isStopword: {
    valid: () => ['the'],
    cases: [
      { input: 'a number', call: () => any(api.isStopword)(3), outcome: error('INVALID_ARGUMENT') },
      { input: 'a lone surrogate', call: () => api.isStopword('\ud800'), outcome: ok((v) => assert(v === false, 'not a stopword')) },
      { input: 'stopwords: an array', call: () => any(api.isStopword)('the', ['the']), outcome: error('INVALID_ARGUMENT') },
    ],
  },
  stem: { valid: () => ['deliveries'], cases: [...textCases('stem', (t) => any(api.stem)(t), (v) => assert(typeof v === 'string', 'a string'), { big: false })] },
  preloadStemmer: { valid: () => [], cases: [{ input: 'called twice', call: () => Promise.all([api.preloadStemmer(), api.preloadStemmer()]), outcome: ok() }] },
  lemma: { valid: () => ['deliveries'], cases: [...textCases('lemma', (t) => any(api.lemma)(t), (v) => assert(typeof v === 'string', 'a string'), { big: false })] },
  ngrams: {
    valid: () => [['late', 'delivery', 'again'], 2],
    cases: [
      { input: 'items: a string', call: () => any(api.ngrams)('late delivery', 2), outcome: error('INVALID_ARGUMENT') },
      { input: 'n: 0', call: () => api.ngrams(['a'], 0), outcome: error('INVALID_OPTION') },
      { input: 'n: NaN', call: () => api.ngrams(['a'], NaN), outcome: error('INVALID_OPTION') },
      { input: 'n: 2.5', call: () => api.ngrams(['a', 'b', 'c'], 2.5), outcome: error('INVALID_OPTION') },
      { input: 'n larger than the items', call: () => api.ngrams(['a'], 3), outcome: ok((v) => assert(v.length === 0, 'no n-grams')) },
      { input: '100,000 items', call: () => api.ngrams(Array.from({ length: 100_000 }, () => 'a'), 3), outcome: ok((v) => assert(v.length === 99_998, 'n - 2 trigrams')) },
    ],
  },
  charNgrams: {
    valid: () => ['late', 3],
    cases: [
      ...textCases('charNgrams', (t) => any(api.charNgrams)(t, 3), (v) => assert(Array.isArray(v), 'an array'), { big: false }),
      { input: 'n: -1', call: () => api.charNgrams('late', -1), outcome: error('INVALID_OPTION') },
      { input: 'n: Infinity', call: () => api.charNgrams('late', Infinity), outcome: error('INVALID_OPTION') },
    ],
  },
  splitSentences: {
    valid: () => ['Late. Rude!'],
    cases: textCases('splitSentences', (t) => any(api.splitSentences)(t), (v, text) => {
      assert(Array.isArray(v), 'an array');
      for (const s of v) assert(text.slice(s.start, s.end) === s.text, 'sentence offsets slice back');
    }),
  },
  NEGATORS: {
    cases: [
      { input: 'has "not"', call: () => api.NEGATORS.has('not'), outcome: ok((v) => assert(v === true, 'not is a negator')) },
      { input: 'delete("not") on the shared set', call: () => (api.NEGATORS as Set<string>).delete('not'), outcome: error('INVALID_ARGUMENT') },
    ],
  },
  CLAUSE_BREAKERS: {
    cases: [
      { input: 'has "but"', call: () => api.CLAUSE_BREAKERS.has('but'), outcome: ok((v) => assert(v === true, 'but breaks a clause')) },
      { input: 'add("and") on the shared set', call: () => (api.CLAUSE_BREAKERS as Set<string>).add('and'), outcome: error('INVALID_ARGUMENT') },
    ],
  },
  preloadCompromise: { valid: () => [], cases: [{ input: 'called twice', call: () => Promise.all([api.preloadCompromise(), api.preloadCompromise()]), outcome: ok() }] },

  // --- sentiment -------------------------------------------------------------------------------------------------
  scoreSentiment: {
    valid: () => ['Not good!'],
    cases: [
      ...textCases('scoreSentiment', (t) => any(api.scoreSentiment)(t), sentimentCheck),
      { input: 'neutralBand: 2', call: () => api.scoreSentiment('ok', { neutralBand: 2 }), outcome: error('INVALID_OPTION') },
    ],
  },
  createFeedbackScorer: {
    valid: () => [{}],
    cases: [
      { input: 'options: a string', call: () => any(api.createFeedbackScorer)('fast'), outcome: error('INVALID_ARGUMENT') },
      { input: 'aspects: an array', call: () => any(api.createFeedbackScorer)({ aspects: ['delivery'] }), outcome: error('INVALID_ARGUMENT') },
      { input: 'the scorer given null', call: () => any(api.createFeedbackScorer())(null), outcome: error('INVALID_ARGUMENT') },
      ...textCases('createFeedbackScorer', (t) => any(api.createFeedbackScorer())(t), (v, text) => {
        sentimentCheck(v.sentiment);
        tokensCheck(v.tokens, text);
      }),
    ],
  },
  createSentimentScorer: {
    valid: () => [{}],
    cases: [
      { input: 'options: a string', call: () => any(api.createSentimentScorer)('fast'), outcome: error('INVALID_ARGUMENT') },
      { input: 'the scorer given null', call: () => any(api.createSentimentScorer())(null), outcome: error('INVALID_ARGUMENT') },
      { input: 'the scorer given a lone surrogate', call: () => api.createSentimentScorer()(TEXTS.loneHigh), outcome: ok(sentimentCheck) },
    ],
  },
  DEFAULT_NEUTRAL_BAND: { cases: [{ input: 'the value', call: () => api.DEFAULT_NEUTRAL_BAND, outcome: ok((v) => assert(v > 0 && v < 1, 'in (0, 1)')) }] },
  scoreFeedback: {
    valid: () => [[feedbackRow()]],
    cases: [
      { input: 'a string instead of records', call: () => any(api.scoreFeedback)('late'), outcome: error('INVALID_ARGUMENT') },
      { input: 'no records', call: () => api.scoreFeedback([]), outcome: ok() },
      { input: 'a record whose text is a number', call: () => any(api.scoreFeedback)([feedbackRow(), feedbackRow({ id: 'b', text: 42 })]), outcome: rejected(1) },
      { input: 'a null record', call: () => any(api.scoreFeedback)([null, feedbackRow()]), outcome: rejected(0) },
      { input: 'records with hostile texts', call: () => api.scoreFeedback(Object.values(TEXTS).filter((t) => t.trim() !== '').map((text, i) => feedbackRow({ id: String(i), text })) as api.FeedbackRecord[]), outcome: ok() },
    ],
  },
  aspectSentiment: {
    valid: () => ['The delivery was late but the staff were lovely'],
    cases: [
      ...textCases('aspectSentiment', (t) => any(api.aspectSentiment)(t), (v) => assert(Array.isArray(v), 'an array')),
      { input: 'aspects: a string', call: () => any(api.aspectSentiment)('late', 'delivery'), outcome: error('INVALID_ARGUMENT') },
      { input: 'aspects: a term list that is a number', call: () => any(api.aspectSentiment)('late', { delivery: 3 }), outcome: error('INVALID_ARGUMENT') },
      { input: 'window: -1', call: () => api.aspectSentiment('late', undefined, { window: -1 }), outcome: error('INVALID_OPTION') },
    ],
  },
  DEFAULT_ASPECT_WINDOW: { cases: [{ input: 'the value', call: () => api.DEFAULT_ASPECT_WINDOW, outcome: ok((v) => assert(Number.isInteger(v) && v > 0, 'a positive integer')) }] },
  DEFAULT_ASPECTS: { cases: [{ input: 'has delivery terms', call: () => Object.keys(api.DEFAULT_ASPECTS).length, outcome: ok((v) => assert(v > 0, 'aspects')) }] },
  trainClassifier: {
    valid: () => [[{ text: 'great', label: 'pos' }, { text: 'awful', label: 'neg' }, { text: 'lovely', label: 'pos' }, { text: 'terrible', label: 'neg' }]],
    cases: [
      { input: 'no examples', call: () => api.trainClassifier([]), outcome: error('EMPTY_INPUT') },
      { input: 'a string', call: () => any(api.trainClassifier)('great'), outcome: error('INVALID_ARGUMENT') },
      { input: 'one class only', call: () => api.trainClassifier([{ text: 'great', label: 'pos' }, { text: 'lovely', label: 'pos' }]), outcome: error('INSUFFICIENT_DATA') },
      { input: 'a null example among good ones', call: () => any(api.trainClassifier)([null, { text: 'great', label: 'pos' }, { text: 'awful', label: 'neg' }]), outcome: rejected(0, undefined, (m) => m.rejected ?? m.skipped ?? []) },
    ],
  },
  CLASSIFIER_VERSION: { cases: [{ input: 'the value', call: () => api.CLASSIFIER_VERSION, outcome: ok((v) => assert(Number.isInteger(v), 'an integer')) }] },
  classify: {
    valid: () => [api.trainClassifier([{ text: 'great', label: 'pos' }, { text: 'awful', label: 'neg' }]), 'great'],
    cases: [
      { input: 'model: null', call: () => any(api.classify)(null, 'great'), outcome: error('INVALID_MODEL') },
      { input: 'model: {}', call: () => any(api.classify)({}, 'great'), outcome: error('INVALID_MODEL') },
      { input: 'model of another version', call: () => any(api.classify)({ ...api.trainClassifier([{ text: 'great', label: 'pos' }, { text: 'awful', label: 'neg' }]), version: 999 }, 'great'), outcome: error('INVALID_MODEL') },
      { input: 'text: a number', call: () => any(api.classify)(api.trainClassifier([{ text: 'great', label: 'pos' }, { text: 'awful', label: 'neg' }]), 3), outcome: error('INVALID_ARGUMENT') },
      { input: 'text: 1 MB', call: () => api.classify(api.trainClassifier([{ text: 'great', label: 'pos' }, { text: 'awful', label: 'neg' }]), oneMegabyte()), outcome: ok((v) => assert(['pos', 'neg'].includes(v.label), 'a known label')) },
      { input: 'text: empty', call: () => api.classify(api.trainClassifier([{ text: 'great', label: 'pos' }, { text: 'awful', label: 'neg' }]), ''), outcome: ok((v) => assert(['pos', 'neg'].includes(v.label), 'a known label')) },
    ],
  },
  evaluateLabels: {
    valid: () => [['a', 'b'], ['a', 'a']],
    cases: [
      { input: 'lengths differ', call: () => api.evaluateLabels(['a'], ['a', 'b']), outcome: error('INVALID_ARGUMENT') },
      { input: 'empty', call: () => api.evaluateLabels([], []), outcome: ok((v) => { noNaN(v); assert(v.perClass.length === 0, 'no class'); }) },
      { input: 'a string', call: () => any(api.evaluateLabels)('ab', 'ab'), outcome: error('INVALID_ARGUMENT') },
      { input: 'one class predicted everywhere', call: () => api.evaluateLabels(['a', 'b', 'b'], ['a', 'a', 'a']), outcome: ok(noNaN) },
    ],
  },
  crossValidate: {
    valid: () => [Array.from({ length: 20 }, (_, i) => ({ text: i % 2 ? 'great lovely' : 'awful terrible', label: i % 2 ? 'pos' : 'neg' })), { folds: 2 }],
    cases: [
      { input: 'no examples', call: () => api.crossValidate([]), outcome: error('EMPTY_INPUT') },
      { input: 'folds: 1', call: () => api.crossValidate([{ text: 'a', label: 'x' }, { text: 'b', label: 'y' }], { folds: 1 }), outcome: error('INVALID_OPTION') },
      { input: 'more folds than examples', call: () => api.crossValidate([{ text: 'a', label: 'x' }, { text: 'b', label: 'y' }], { folds: 10 }), outcome: error('INVALID_OPTION') },
    ],
  },
  AFINN_WORDS: { cases: [{ input: 'good', call: () => api.AFINN_WORDS.good, outcome: ok((v) => assert(v === 3, 'AFINN good = 3')) }] },
  AFINN_PHRASES: { cases: [{ input: 'fed up', call: () => api.AFINN_PHRASES.fed?.up, outcome: ok((v) => assert(v === -3, 'AFINN fed up = -3')) }] },
  EMOJI: { cases: [{ input: 'an unknown key', call: () => api.EMOJI['not an emoji'], outcome: ok((v) => assert(v === undefined, 'absent')) }] },
  EMOTICONS: { cases: [{ input: ':(', call: () => api.EMOTICONS[':('], outcome: ok((v) => assert(v === -2, 'AFINN :( = -2')) }] },
  GENERAL_WORDS: { cases: [{ input: '__proto__ is not a word', call: () => Object.prototype.hasOwnProperty.call(api.GENERAL_WORDS, '__proto__'), outcome: ok((v) => assert(v === false, 'no prototype key')) }] },
  DOMAIN_ENTRIES: { cases: [{ input: 'out of stock', call: () => api.DOMAIN_ENTRIES['out of stock'], outcome: ok((v) => assert(v.valence < 0, 'negative')) }] },
  MODIFIERS: { cases: [{ input: 'very', call: () => api.MODIFIERS.very, outcome: ok((v) => assert(v > 0, 'an intensifier')) }] },

  // --- themes ----------------------------------------------------------------------------------------------------
  fitThemeModel: {
    valid: () => [TEXTS_FOR_THEMES, { k: 3, seed: 1 }],
    cases: [
      { input: 'a string', call: () => any(api.fitThemeModel)('late'), outcome: error('INVALID_ARGUMENT') },
      { input: 'a number among the texts', call: () => any(api.fitThemeModel)([...TEXTS_FOR_THEMES, 7], { k: 3 }), outcome: error('INVALID_ARGUMENT') },
      { input: 'k: 0', call: () => api.fitThemeModel(TEXTS_FOR_THEMES, { k: 0 }), outcome: error('INVALID_OPTION') },
      { input: 'kRange reversed', call: () => api.fitThemeModel(TEXTS_FOR_THEMES, { kRange: [5, 2] }), outcome: error('INVALID_OPTION') },
      { input: 'options: a string', call: () => any(api.fitThemeModel)(TEXTS_FOR_THEMES, 'auto'), outcome: error('INVALID_ARGUMENT') },
      {
        input: 'hostile texts among good ones',
        call: () => api.fitThemeModel([...TEXTS_FOR_THEMES, ...Object.values(TEXTS).slice(0, 12)], { k: 3, seed: 1 }),
        outcome: ok((v) => assert(v.assignments.length === 24 && v.similarities.every((x: number) => Number.isFinite(x)), 'every text assigned, finite similarities')),
      },
    ],
  },
  createThemeAssigner: {
    valid: () => [api.fitThemeModel(TEXTS_FOR_THEMES, { k: 3, seed: 1 }).model],
    cases: [
      { input: 'model: null', call: () => any(api.createThemeAssigner)(null), outcome: error('INVALID_MODEL') },
      { input: 'model of another version', call: () => any(api.createThemeAssigner)({ ...api.fitThemeModel(TEXTS_FOR_THEMES, { k: 3, seed: 1 }).model, version: 2 }), outcome: error('INVALID_MODEL') },
      { input: 'the assigner given a number', call: () => any(api.createThemeAssigner(api.fitThemeModel(TEXTS_FOR_THEMES, { k: 3, seed: 1 }).model))(42), outcome: error('INVALID_ARGUMENT') },
      ...Object.entries(TEXTS).map(([label, text]): Case => ({
        input: `the assigner given text: ${label}`,
        call: () => api.createThemeAssigner(api.fitThemeModel(TEXTS_FOR_THEMES, { k: 3, seed: 1 }).model)(text),
        outcome: ok((v) => assert(Number.isInteger(v.theme) && v.theme >= -1 && v.theme < 3 && Number.isFinite(v.similarity), 'a theme id in [-1, 3) and a finite similarity')),
      })),
    ],
  },
  clusterTexts: {
    valid: () => [TEXTS_FOR_THEMES, { k: 3, seed: 1 }],
    cases: [
      { input: 'a string', call: () => any(api.clusterTexts)('late'), outcome: error('INVALID_ARGUMENT') },
      { input: 'no texts', call: () => api.clusterTexts([], { k: 2 }), outcome: error('INSUFFICIENT_DATA') },
      { input: 'k: 0', call: () => api.clusterTexts(TEXTS_FOR_THEMES, { k: 0 }), outcome: error('INVALID_OPTION') },
      { input: 'k: NaN', call: () => api.clusterTexts(TEXTS_FOR_THEMES, { k: NaN }), outcome: error('INVALID_OPTION') },
      { input: 'more themes than texts', call: () => api.clusterTexts(['late', 'rude'], { k: 5 }), outcome: error('INSUFFICIENT_DATA') },
      { input: 'texts that are all empty or punctuation', call: () => api.clusterTexts(['', '!!!', '...', '', '???', '---'], { k: 2, seed: 1 }), outcome: ok((v) => assert(v.assignments.length === 6, 'every text kept')) },
      { input: 'hostile texts among good ones', call: () => api.clusterTexts([...TEXTS_FOR_THEMES, ...Object.values(TEXTS).slice(0, 12)], { k: 3, seed: 1 }), outcome: ok((v) => assert(v.assignments.length === 24, 'every text kept')) },
      { input: 'a null among the texts', call: () => any(api.clusterTexts)([...TEXTS_FOR_THEMES, null], { k: 3, seed: 1 }), outcome: rejected(12) },
    ],
  },
  clusterFeedback: {
    valid: () => [TEXTS_FOR_THEMES.map((text, i) => feedbackRow({ id: String(i), text })), { k: 3, seed: 1 }],
    cases: [
      { input: 'a string', call: () => any(api.clusterFeedback)('late'), outcome: error('INVALID_ARGUMENT') },
      { input: 'a record with a numeric text', call: () => any(api.clusterFeedback)([...TEXTS_FOR_THEMES.map((text, i) => feedbackRow({ id: String(i), text })), feedbackRow({ id: 'x', text: 42 })], { k: 3, seed: 1 }), outcome: rejected(12) },
    ],
  },
  extractKeyphrases: {
    valid: () => [TEXTS_FOR_THEMES],
    cases: [
      { input: 'a string', call: () => any(api.extractKeyphrases)('late'), outcome: error('INVALID_ARGUMENT') },
      { input: 'no texts', call: () => api.extractKeyphrases([]), outcome: ok((v) => assert(v.phrases.length === 0, 'nothing')) },
      { input: 'hostile texts', call: () => api.extractKeyphrases(Object.values(TEXTS)), outcome: ok() },
      { input: 'a null text', call: () => any(api.extractKeyphrases)(['late delivery', null]), outcome: rejected(1) },
      { input: 'top: -1', call: () => api.extractKeyphrases(['late'], { top: -1 }), outcome: error('INVALID_OPTION') },
    ],
  },
  tagThemes: {
    valid: () => [['late delivery', 'rude staff'], { delivery: ['late', 'deliver*'], staff: ['rude'] }],
    cases: [
      { input: 'taxonomy: null', call: () => any(api.tagThemes)(['late'], null), outcome: error('INVALID_ARGUMENT') },
      { input: 'taxonomy rule list: a string', call: () => any(api.tagThemes)(['late'], { delivery: 'late' }), outcome: error('INVALID_ARGUMENT') },
      { input: 'a wildcard rule of 1,000 stars', call: () => api.tagThemes([TEXTS.repeatedLetter], { a: ['*'.repeat(1000)] }), outcome: ok() },
      { input: "wildcard '*a*a*a*a*b' on 5,000 letters then a digit (O(n^4) as a regex)", call: () => api.tagThemes([`${'a'.repeat(5000)}1`, `x ${'a'.repeat(5000)}-b`], { x: ['*a*a*a*a*b'] }), outcome: ok((v) => assert(v.untagged === 2, 'no match')) },
      { input: 'a null record', call: () => any(api.tagThemes)(['late', null], { delivery: ['late'] }), outcome: rejected(1) },
      { input: 'hostile texts', call: () => api.tagThemes(Object.values(TEXTS), { delivery: ['late', 'deliver*'] }), outcome: ok((v) => assert(v.records.length === Object.keys(TEXTS).length, 'every record kept')) },
    ],
  },
  analyzeTexts: {
    valid: () => [['Late deliveries, rude driver']],
    cases: [
      { input: 'a string', call: () => any(api.analyzeTexts)('late'), outcome: error('INVALID_ARGUMENT') },
      { input: 'hostile texts', call: () => api.analyzeTexts(Object.values(TEXTS)), outcome: ok((v) => assert(v.documents.length === Object.keys(TEXTS).length, 'one document per text')) },
    ],
  },
  termStatistics: {
    valid: () => [[['late', 'deliveri'], ['late']]],
    cases: [
      { input: 'a string', call: () => any(api.termStatistics)('late'), outcome: error('INVALID_ARGUMENT') },
      { input: 'no documents', call: () => api.termStatistics([]), outcome: ok((v) => assert(v.documentCount === 0, 'zero documents')) },
      { input: '__proto__ and constructor as terms', call: () => api.termStatistics([['__proto__', 'constructor', 'toString']]), outcome: ok((v) => assert(v.documentFrequency.__proto__ === 1 && v.documentFrequency.constructor === 1, 'counted as terms')) },
    ],
  },
  mergeTermStatistics: {
    valid: () => [api.termStatistics([['late']]), api.termStatistics([['rude']])],
    cases: [
      { input: 'null', call: () => any(api.mergeTermStatistics)(null, api.termStatistics([])), outcome: error('INVALID_ARGUMENT') },
      { input: 'empty with empty', call: () => api.mergeTermStatistics(api.termStatistics([]), api.termStatistics([])), outcome: ok((v) => assert(v.documentCount === 0, 'empty')) },
    ],
  },
  buildVocabulary: {
    valid: () => [api.termStatistics([['late'], ['late', 'rude']])],
    cases: [
      { input: 'null statistics', call: () => any(api.buildVocabulary)(null), outcome: error('INVALID_ARGUMENT') },
      { input: 'maxDocumentShare: 2', call: () => api.buildVocabulary(api.termStatistics([['late']]), { maxDocumentShare: 2 }), outcome: error('INVALID_OPTION') },
      { input: 'statistics of no documents', call: () => api.buildVocabulary(api.termStatistics([])), outcome: ok((v) => assert(v.terms.length === 0, 'empty vocabulary')) },
    ],
  },
  vectorize: {
    valid: () => [[['late', 'late'], ['rude']], { terms: ['late', 'rude'], documentFrequency: [1, 1], documentCount: 2, averageLength: 1.5 }],
    cases: [
      { input: 'documents: a string', call: () => any(api.vectorize)('late', { terms: [], documentFrequency: [], documentCount: 0, averageLength: 0 }), outcome: error('INVALID_ARGUMENT') },
      { input: 'vocabulary: null', call: () => any(api.vectorize)([['late']], null), outcome: error('INVALID_ARGUMENT') },
      { input: 'an empty document', call: () => api.vectorize([[]], { terms: ['late'], documentFrequency: [1], documentCount: 1, averageLength: 1 }), outcome: ok((v) => assert(v.rows === 1, 'one row')) },
      { input: 'an empty vocabulary with averageLength 0', call: () => api.vectorize([['late']], { terms: [], documentFrequency: [], documentCount: 0, averageLength: 0 }), outcome: ok((v) => assert(Array.from(v.values as Float64Array).every(Number.isFinite), 'finite')) },
    ],
  },
  randomizedSvd: {
    valid: () => [sparse(), { rank: 2, seed: 1 }],
    cases: [
      { input: 'matrix: null', call: () => any(api.randomizedSvd)(null), outcome: error('INVALID_ARGUMENT') },
      { input: 'rank: 0', call: () => api.randomizedSvd(sparse(), { rank: 0 }), outcome: error('INVALID_OPTION') },
      { input: 'an all-zero matrix', call: () => api.randomizedSvd({ rows: 3, cols: 2, indptr: new Int32Array(4), indices: new Int32Array(0), values: new Float64Array(0) }, { rank: 1, seed: 1 }), outcome: ok(noNaN) },
    ],
  },
  sphericalKMeans: {
    valid: () => [sixPoints(), { k: 2, seed: 1 }],
    cases: [
      { input: 'points: null', call: () => any(api.sphericalKMeans)(null, { k: 2 }), outcome: error('INVALID_ARGUMENT') },
      { input: 'options: undefined', call: () => any(api.sphericalKMeans)(sixPoints()), outcome: error('INVALID_ARGUMENT') },
      { input: 'k larger than the points', call: () => api.sphericalKMeans(sixPoints(), { k: 7, seed: 1 }), outcome: error('INVALID_OPTION') },
      { input: 'data shorter than rows x cols', call: () => api.sphericalKMeans({ rows: 3, cols: 2, data: Float64Array.of(1, 0) }, { k: 1, seed: 1 }), outcome: error('INVALID_ARGUMENT') },
      { input: 'zero vectors', call: () => api.sphericalKMeans(denseRows([[0, 0], [0, 0], [1, 0], [0, 1]]), { k: 2, seed: 1 }), outcome: ok((v) => assert(v.assignments.length === 4, 'every point assigned')) },
      { input: 'a NaN coordinate', call: () => api.sphericalKMeans(denseRows([[NaN, 0], [1, 0], [0, 1], [0, 1]]), { k: 2, seed: 1 }), outcome: error('INVALID_ARGUMENT') },
    ],
  },
  cosineSilhouette: {
    valid: () => [sixPoints(), [0, 0, 0, 1, 1, 1]],
    cases: [
      { input: 'assignments of another length', call: () => api.cosineSilhouette(sixPoints(), [0, 1]), outcome: error('INVALID_ARGUMENT') },
      { input: 'one cluster', call: () => api.cosineSilhouette(sixPoints(), [0, 0, 0, 0, 0, 0]), outcome: ok((v) => assert(isFiniteNumber(v), 'finite')) },
      { input: 'zero vectors', call: () => api.cosineSilhouette(denseRows([[0, 0], [0, 0], [1, 0], [0, 1]]), [0, 0, 1, 1]), outcome: ok((v) => assert(isFiniteNumber(v), 'finite')) },
    ],
  },
  clusteringStability: {
    valid: () => [sixPoints(), { k: 2, seed: 1 }],
    cases: [
      { input: 'k: 1', call: () => api.clusteringStability(sixPoints(), { k: 1, seed: 1 }), outcome: error('INVALID_OPTION') },
      { input: 'options missing', call: () => any(api.clusteringStability)(sixPoints()), outcome: error('INVALID_ARGUMENT') },
    ],
  },
  centroidSums: {
    valid: () => [denseRows([[1], [3]]), [0, 0], 1],
    cases: [
      { input: 'an assignment out of range', call: () => api.centroidSums(denseRows([[1], [3]]), [0, 5], 1), outcome: error('INVALID_ARGUMENT') },
      { input: 'k: 0', call: () => api.centroidSums(denseRows([[1]]), [0], 0), outcome: error('INVALID_OPTION') },
    ],
  },
  mergeCentroidSums: {
    valid: () => [{ dimension: 1, sums: [[4]], counts: [2] }, { dimension: 1, sums: [[1]], counts: [1] }],
    cases: [
      { input: 'dimensions differ', call: () => api.mergeCentroidSums({ dimension: 1, sums: [[4]], counts: [2] }, { dimension: 2, sums: [[1, 1]], counts: [1] }), outcome: error('INVALID_ARGUMENT') },
      { input: 'null', call: () => any(api.mergeCentroidSums)(null, null), outcome: error('INVALID_ARGUMENT') },
    ],
  },
  normalizedMutualInformation: {
    valid: () => [[0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]],
    cases: [
      { input: 'one cluster each', call: () => api.normalizedMutualInformation([0, 0, 0], [1, 1, 1]), outcome: ok((v) => assert(isFiniteNumber(v), 'finite (0/0 defined)')) },
      { input: 'lengths differ', call: () => api.normalizedMutualInformation([0], [0, 1]), outcome: error('INVALID_ARGUMENT') },
      { input: 'empty', call: () => api.normalizedMutualInformation([], []), outcome: ok((v) => assert(isFiniteNumber(v), 'finite')) },
    ],
  },
  adjustedRandIndex: {
    valid: () => [[0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]],
    cases: [
      { input: 'one cluster each', call: () => api.adjustedRandIndex([0, 0, 0], [1, 1, 1]), outcome: ok((v) => assert(isFiniteNumber(v), 'finite (0/0 defined)')) },
      { input: 'lengths differ', call: () => api.adjustedRandIndex([0], [0, 1]), outcome: error('INVALID_ARGUMENT') },
    ],
  },
  createRandom: {
    valid: () => [42],
    cases: [
      { input: 'seed NaN', call: () => api.createRandom(NaN), outcome: error('INVALID_OPTION') },
      { input: 'seed -0 equals seed 0', call: () => [api.createRandom(-0).next(), api.createRandom(0).next()], outcome: ok(([a, b]) => assert(a === b, 'same stream')) },
      { input: 'seed 1e308 (beyond safe integers)', call: () => api.createRandom(1e308).next(), outcome: error('INVALID_OPTION') },
    ],
  },
  Random: { valid: () => [1], cases: [{ input: 'new Random(NaN)', call: () => new (api.Random as unknown as new (s: number) => unknown)(NaN), outcome: error('INVALID_OPTION') }] },
  miniBatchKMeans: {
    valid: () => [sixPoints(), { k: 2, seed: 1 }],
    cases: [
      { input: 'k: 0', call: () => api.miniBatchKMeans(sixPoints(), { k: 0, seed: 1 }), outcome: error('INVALID_OPTION') },
      { input: 'no options', call: () => any(api.miniBatchKMeans)(sixPoints()), outcome: error('INVALID_ARGUMENT') },
    ],
  },
  miniBatchUpdate: {
    valid: () => [{ centroids: [[0], [10]], counts: [1, 1], spherical: false }, denseRows([[2]])],
    cases: [
      { input: 'state: null', call: () => any(api.miniBatchUpdate)(null, denseRows([[2]])), outcome: error('INVALID_ARGUMENT') },
      { input: 'batch of another dimension', call: () => api.miniBatchUpdate({ centroids: [[0], [10]], counts: [1, 1], spherical: false }, denseRows([[2, 3]])), outcome: error('INVALID_ARGUMENT') },
    ],
  },

  // --- timeseries ------------------------------------------------------------------------------------------------
  toSeries: {
    valid: () => [sim().sales, { t: (r: api.SalesRecord) => r.date, value: (r: api.SalesRecord) => r.units ?? null, freq: 'week' }],
    cases: [
      { input: 'a string', call: () => any(api.toSeries)('x', { t: () => 0, value: () => 0 }), outcome: error('INVALID_ARGUMENT') },
      { input: 'options missing', call: () => any(api.toSeries)([]), outcome: error('INVALID_ARGUMENT') },
      { input: 'freq: year', call: () => any(api.toSeries)([], { t: 'date', value: 'units', freq: 'year' }), outcome: error('INVALID_OPTION') },
      { input: 'a NaN value and an invalid date', call: () => api.toSeries([salesRow(), salesRow({ units: NaN }), salesRow({ date: DATES.invalidDay })], { t: (r: any) => r.date, value: (r: any) => r.units, freq: 'week' }), outcome: rejected(1) },
      { input: 'DST week, two rows with offsets', call: () => api.toSeries([salesRow({ date: DATES.dstSpringEurope }), salesRow({ date: '2026-03-29T03:30:00+02:00' })], { t: (r: any) => r.date, value: (r: any) => r.units, freq: 'day' }), outcome: ok((v) => assert(JSON.stringify(v).includes('2026-03-29'), 'both in the UTC day 2026-03-29')) },
    ],
  },
  bucketStart: {
    valid: () => [0, 'week'],
    cases: [
      { input: 'NaN', call: () => api.bucketStart(NaN, 'week'), outcome: ok((v) => assert(Number.isNaN(v), 'NaN in, NaN out (documented never throws)')) },
      { input: 'freq: year', call: () => any(api.bucketStart)(0, 'year'), outcome: error('INVALID_OPTION') },
      { input: '-0', call: () => api.bucketStart(-0, 'day'), outcome: ok((v) => assert(v === 0, '1970-01-01')) },
    ],
  },
  formatIsoDate: {
    valid: () => [0],
    cases: [
      { input: 'NaN', call: () => api.formatIsoDate(NaN), outcome: ok((v) => assert(typeof v === 'string', 'a string, never throws')) },
      { input: '8.64e15 (last Date)', call: () => api.formatIsoDate(8.64e15), outcome: ok((v) => assert(v === '275760-09-13', 'the last day')) },
    ],
  },
  parseIsoTime: {
    valid: () => ['2026-01-05'],
    cases: [
      { input: 'a number (documented never throws)', call: () => any(api.parseIsoTime)(42), outcome: ok((v) => assert(v === undefined, 'undefined')) },
      { input: 'null', call: () => any(api.parseIsoTime)(null), outcome: ok((v) => assert(v === undefined, 'undefined')) },
      { input: 'invalid day', call: () => api.parseIsoTime(DATES.invalidDay), outcome: ok((v) => assert(v === undefined, 'undefined')) },
      { input: 'DST fall-back time with its offset', call: () => api.parseIsoTime(DATES.dstFallUs), outcome: ok((v) => assert(v === Date.UTC(2026, 10, 1, 6, 30), 'offset applied')) },
      { input: '100,000 digits then junk', call: () => api.parseIsoTime(TEXTS.digitsThenJunk), outcome: ok((v) => assert(v === undefined, 'undefined')) },
    ],
  },
  toRateSeries: {
    valid: () => [sim().sales, { numerator: (r: api.SalesRecord) => r.orders ?? null, denominator: (r: api.SalesRecord) => r.visits ?? null, freq: 'week', t: (r: api.SalesRecord) => r.date }],
    cases: [
      { input: 'options missing', call: () => any(api.toRateSeries)([]), outcome: error('INVALID_ARGUMENT') },
      { input: 'a zero denominator', call: () => api.toRateSeries([{ date: '2026-01-05', o: 1, v: 0 }, { date: '2026-01-12', o: 1, v: 10 }], { numerator: (r: any) => r.o, denominator: (r: any) => r.v, freq: 'week', t: (r: any) => r.date } as never), outcome: ok(noNaN) },
    ],
  },
  detectRateAnomalies: {
    valid: () => [weeks(30).map((t, i) => ({ t, numerator: 10 + (i % 3), denominator: 100 }))],
    cases: [
      { input: 'a string', call: () => any(api.detectRateAnomalies)('x'), outcome: error('INVALID_ARGUMENT') },
      { input: 'denominator 0 and NaN', call: () => api.detectRateAnomalies(weeks(30).map((t, i) => ({ t, numerator: 10, denominator: i === 3 ? 0 : i === 4 ? NaN : 100 }))), outcome: rejected(3) },
      { input: 'numerator above denominator', call: () => api.detectRateAnomalies(weeks(30).map((t, i) => ({ t, numerator: i === 2 ? 200 : 10, denominator: 100 }))), outcome: rejected(2) },
      { input: 'all zero numerators', call: () => api.detectRateAnomalies(weeks(30).map((t) => ({ t, numerator: 0, denominator: 100 }))), outcome: ok(noNaN) },
    ],
  },
  autocorrelation: {
    valid: () => [[1, 2, 1, 2, 2, 1, 2, 1], 2],
    cases: [
      ...arrayNumberCases(any(api.autocorrelation), [2]),
      { input: 'constant series', call: () => api.autocorrelation([5, 5, 5, 5], 2), outcome: ok(noNaN) },
      { input: 'maxLag: -1', call: () => api.autocorrelation([1, 2, 3], -1), outcome: error('INVALID_OPTION') },
      { input: 'a NaN value (documented: treated as missing)', call: () => api.autocorrelation([1, NaN, 3, 4, 5, 6], 1), outcome: ok(noNaN) },
    ],
  },
  seasonalCandidates: {
    valid: () => ['day'],
    cases: [{ input: 'freq: year', call: () => any(api.seasonalCandidates)('year'), outcome: error('INVALID_OPTION') }],
  },
  detectSeasonality: {
    valid: () => [Array.from({ length: 56 }, (_, i) => [5, 1, 1, 1, 1, 9, 8][i % 7] as number), { candidates: [7] }],
    cases: [
      ...arrayNumberCases(any(api.detectSeasonality), []),
      { input: 'constant series', call: () => api.detectSeasonality(new Array(60).fill(3), { candidates: [7] }), outcome: ok((v) => { noNaN(v); assert(v.periods.length === 0, 'no period'); }) },
      { input: 'no values', call: () => api.detectSeasonality([]), outcome: ok((v) => assert(v.periods.length === 0, 'no period')) },
      { input: 'a NaN value (documented: treated as missing)', call: () => api.detectSeasonality([1, 2, NaN, 4, 5, 6, 7, 8], { candidates: [2] }), outcome: ok(noNaN) },
    ],
  },
  stl: {
    valid: () => [Array.from({ length: 28 }, (_, i) => (i % 7) + i / 10), { period: 7 }],
    cases: [
      { input: 'options missing', call: () => any(api.stl)([1, 2, 3]), outcome: error('INVALID_OPTION') },
      { input: 'period 1', call: () => api.stl([1, 2, 3, 4], { period: 1 }), outcome: error('INVALID_OPTION') },
      { input: 'shorter than two periods', call: () => api.stl([1, 2, 3], { period: 7 }), outcome: error('INSUFFICIENT_DATA') },
      { input: 'constant series', call: () => api.stl(new Array(28).fill(4), { period: 7 }), outcome: ok(noNaN) },
      { input: 'a NaN value (documented: a gap, filled by the smoother)', call: () => api.stl(Array.from({ length: 28 }, (_, i) => (i === 5 ? NaN : i)), { period: 7 }), outcome: ok((v) => assert(v.trend.length === 28, 'one value per input')) },
    ],
  },
  detectAnomalies: { valid: () => [weeklySeries(60, 40)], cases: [...pointsCases(any(api.detectAnomalies), 3), { input: 'period: -3', call: () => api.detectAnomalies(weeklySeries(60), { period: -3 }), outcome: error('INVALID_OPTION') }] },
  generalizedEsd: {
    valid: () => [[1, 2, 1, 2, 1, 2, 30, 1, 2, 1]],
    cases: [
      ...arrayNumberCases(any(api.generalizedEsd), []),
      { input: 'constant series', call: () => api.generalizedEsd(new Array(20).fill(1)), outcome: ok((v) => { noNaN(v); assert(v.outliers.length === 0, 'no outlier'); }) },
      { input: 'alpha: 0', call: () => api.generalizedEsd([1, 2, 3], { alpha: 0 }), outcome: error('INVALID_OPTION') },
      { input: 'a NaN value (skipped)', call: () => api.generalizedEsd([1, NaN, 3, 4, 5]), outcome: ok((v) => { noNaN(v.outliers); assert(!v.outliers.includes(1), 'the NaN is no outlier'); }) },
    ],
  },
  studentTQuantile: {
    valid: () => [0.975, 10],
    cases: [
      { input: 'p: 0 (outside the open interval)', call: () => api.studentTQuantile(0, 10), outcome: error('INVALID_ARGUMENT') },
      { input: 'p: 1e-10, df: 1e15', call: () => api.studentTQuantile(1e-10, 1e15), outcome: ok((v) => assert(Math.abs(v + 6.361340902404122) < 1e-12, 'scipy stats.t.ppf(1e-10, 1e15) = -6.361340902404122')) },
      { input: 'p: NaN', call: () => api.studentTQuantile(NaN, 10), outcome: error('INVALID_ARGUMENT') },
      { input: 'df: 0', call: () => api.studentTQuantile(0.9, 0), outcome: error('INVALID_ARGUMENT') },
      { input: 'df: 1e300', call: () => api.studentTQuantile(0.975, 1e300), outcome: ok((v) => assert(Math.abs(v - 1.959963984540054) < 1e-6, 'the normal quantile (R: qnorm(0.975) = 1.959964)')) },
    ],
  },
  esdCriticalValue: {
    valid: () => [54, 1, 0.05],
    cases: [
      { input: 'n: 2', call: () => api.esdCriticalValue(2, 1, 0.05), outcome: error('INVALID_OPTION') },
      { input: 'alpha: NaN', call: () => api.esdCriticalValue(54, 1, NaN), outcome: error('INVALID_OPTION') },
    ],
  },
  logGamma: {
    valid: () => [5],
    cases: [
      { input: 'NaN', call: () => api.logGamma(NaN), outcome: ok((v) => assert(Number.isNaN(v), 'NaN (a math function)')) },
      { input: '0', call: () => api.logGamma(0), outcome: ok((v) => assert(v === Infinity, 'pole')) },
      { input: '1e308', call: () => api.logGamma(1e308), outcome: ok((v) => assert(v > 0, 'large, not NaN')) },
      { input: '5e-324', call: () => api.logGamma(5e-324), outcome: ok((v) => assert(isFiniteNumber(v) && v > 700, 'about -ln(5e-324) = 744.4')) },
    ],
  },
  incompleteBeta: {
    valid: () => [0.5, 2, 2],
    cases: [
      { input: 'x: 1.5 (documented: 1 for x >= 1)', call: () => api.incompleteBeta(1.5, 2, 2), outcome: ok((v) => assert(v === 1, '1')) },
      { input: 'x: -3 (documented: 0 for x <= 0)', call: () => api.incompleteBeta(-3, 2, 2), outcome: ok((v) => assert(v === 0, '0')) },
      { input: 'x: -0', call: () => api.incompleteBeta(-0, 2, 2), outcome: ok((v) => assert(v === 0, 'I_0 = 0')) },
    ],
  },
  studentTCdf: {
    valid: () => [2.228138851964939, 10],
    cases: [
      { input: 't: Infinity', call: () => api.studentTCdf(Infinity, 10), outcome: ok((v) => assert(v === 1, '1')) },
      { input: 't: NaN (documented: NaN in, NaN out)', call: () => api.studentTCdf(NaN, 10), outcome: ok((v) => assert(Number.isNaN(v), 'NaN')) },
      { input: 't: -40, df: 3 (far tail keeps relative accuracy)', call: () => api.studentTCdf(-40, 3), outcome: ok((v) => assert(Math.abs(v / 1.7190340394579253e-5 - 1) < 1e-9, 'scipy stats.t.cdf(-40, 3) = 1.7190340394579253e-05')) },
      { input: 'the normal limit, far lower tail: df 1e300, t -6.361340902404056', call: () => api.studentTCdf(-6.361340902404056, 1e300), outcome: ok((v) => assert(Number.isFinite(v) && v >= 0 && v <= 1, 'a probability')) },
    ],
  },
  detectChangePoints: { valid: () => [weeklySeries(60)], cases: [...pointsCases(any(api.detectChangePoints), 2), { input: 'penalty: -1', call: () => api.detectChangePoints(weeklySeries(60), { penalty: -1 }), outcome: error('INVALID_OPTION') }, { input: "seasonalModel: 'x13'", call: () => api.detectChangePoints(weeklySeries(60), { period: 4, seasonalModel: 'x13' as never }), outcome: error('INVALID_OPTION') }] },
  penaltySweep: { valid: () => [weeklySeries(60)], cases: [...pointsCases(any(api.penaltySweep), 2), { input: "seasonalModel: 'harmonic'", call: () => api.penaltySweep(weeklySeries(60), { period: 4, seasonalModel: 'harmonic' as never }), outcome: error('INVALID_OPTION') }] },
  detectAnomaliesBy: {
    valid: () => [sim().sales, { by: ['region'], value: 'units', freq: 'week', t: 'date' }],
    cases: [
      { input: 'options missing', call: () => any(api.detectAnomaliesBy)([]), outcome: error('INVALID_OPTION') },
      { input: 'a NaN sale in one group', call: () => api.detectAnomaliesBy([...sim().sales.slice(0, 20), { ...sim().sales[20], units: NaN }], { by: ['region'], value: 'units', freq: 'week', t: 'date' } as never), outcome: rejected(20) },
    ],
  },
  contributions: {
    valid: () => [[{ key: 'a', actual: 10, expected: 8 }, { key: 'b', actual: 5, expected: 6 }]],
    cases: [
      { input: 'a string', call: () => any(api.contributions)('x'), outcome: error('INVALID_ARGUMENT') },
      { input: 'no change at all (0/0 shares)', call: () => api.contributions([{ key: 'a', actual: 5, expected: 5 }, { key: 'b', actual: 3, expected: 3 }]), outcome: ok(noNaN) },
      { input: 'a NaN actual', call: () => api.contributions([{ key: 'a', actual: NaN, expected: 5 }, { key: 'b', actual: 3, expected: 2 }]), outcome: warning(/a/) },
      { input: 'all zero', call: () => api.contributions([{ key: 'a', actual: 0, expected: 0 }]), outcome: ok(noNaN) },
    ],
  },
  createStreamingDetector: {
    valid: () => [{}],
    cases: [
      { input: 'options: a number', call: () => any(api.createStreamingDetector)(3), outcome: error('INVALID_ARGUMENT') },
      { input: 'update(NaN)', call: () => api.createStreamingDetector().update({ t: 1, value: NaN }), outcome: ok((v) => assert(v.isAnomaly === false, 'skipped, not an anomaly')) },
      { input: 'update(null)', call: () => any(api.createStreamingDetector().update)(null), outcome: error('INVALID_ARGUMENT') },
      { input: 'time going backwards', call: () => { const d = api.createStreamingDetector(); d.update({ t: '2026-01-12', value: 1 }); return d.update({ t: '2026-01-05', value: 1 }); }, outcome: ok() },
    ],
  },
  restoreStreamingDetector: {
    valid: () => [api.createStreamingDetector().state()],
    cases: [
      { input: 'null', call: () => any(api.restoreStreamingDetector)(null), outcome: error('INVALID_MODEL') },
      { input: '{}', call: () => any(api.restoreStreamingDetector)({}), outcome: error('INVALID_MODEL') },
      { input: 'a state whose window holds NaN', call: () => { const s = api.createStreamingDetector().state() as unknown as Record<string, unknown>; return any(api.restoreStreamingDetector)(JSON.parse(JSON.stringify({ ...s, version: 'x' }))); }, outcome: error('INVALID_MODEL') },
    ],
  },

  // --- insights --------------------------------------------------------------------------------------------------
  netPromoterScore: {
    valid: () => [[10, 9, 8, 6]],
    cases: [
      { input: 'a string', call: () => any(api.netPromoterScore)('10'), outcome: error('INVALID_ARGUMENT') },
      { input: 'no ratings', call: () => api.netPromoterScore([]), outcome: ok(noNaN) },
      { input: '11, 7.5, NaN, "9", null among ratings', call: () => api.netPromoterScore([10, 11, 7.5, NaN, '9', null, 0]), outcome: rejected(1) },
      { input: 'all promoters', call: () => api.netPromoterScore([10, 10, 9]), outcome: ok(noNaN) },
    ],
  },
  customerSatisfaction: {
    valid: () => [[5, 4, 2]],
    cases: [
      { input: 'no ratings', call: () => api.customerSatisfaction([]), outcome: ok(noNaN) },
      { input: '0, 6, NaN among 1-5 ratings', call: () => api.customerSatisfaction([5, 0, 6, NaN]), outcome: rejected(1) },
    ],
  },
  customerEffortScore: {
    valid: () => [[1, 2, 7]],
    cases: [
      { input: 'no ratings', call: () => api.customerEffortScore([]), outcome: ok(noNaN) },
      { input: '-0 and Infinity', call: () => api.customerEffortScore([3, -0, Infinity]), outcome: rejected(1) },
    ],
  },
  trend: {
    valid: () => [insightRecords(), { freq: 'month', metric: 'volume' }],
    cases: [
      { input: 'options missing', call: () => any(api.trend)([]), outcome: error('INVALID_ARGUMENT') },
      { input: 'metric: unknown', call: () => any(api.trend)([], { freq: 'month', metric: 'mood' }), outcome: error('INVALID_OPTION') },
      { input: 'no records', call: () => api.trend([], { freq: 'month', metric: 'sentiment' }), outcome: ok(noNaN) },
      { input: 'an invalid date', call: () => api.trend([{ ...feedbackRow(), date: DATES.invalidDay }, feedbackRow({ id: 'b' })] as api.InsightRecord[], { freq: 'month', metric: 'volume' }), outcome: rejected(0) },
      { input: 'one record, NPS metric without ratings', call: () => api.trend([feedbackRow()] as api.InsightRecord[], { freq: 'month', metric: 'nps' }), outcome: ok() },
    ],
  },
  emergingThemes: {
    valid: () => [insightRecords(), { freq: 'week' }],
    cases: [
      { input: 'options missing', call: () => any(api.emergingThemes)([]), outcome: error('INVALID_ARGUMENT') },
      { input: 'no records', call: () => api.emergingThemes([], { freq: 'week' }), outcome: ok((v) => assert(v.themes.length === 0, 'no theme')) },
      { input: 'a record without date', call: () => api.emergingThemes([...insightRecords(), { ...feedbackRow(), date: undefined } as never], { freq: 'week' }), outcome: rejected(insightRecordsLength()) },
    ],
  },
  laggedCorrelation: {
    valid: () => [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [2, 1, 4, 3, 6, 5, 8, 7, 10, 9]],
    cases: [
      { input: 'a string', call: () => any(api.laggedCorrelation)('x', []), outcome: error('INVALID_ARGUMENT') },
      { input: 'constant x (zero variance)', call: () => api.laggedCorrelation(new Array(20).fill(1), Array.from({ length: 20 }, (_, i) => i)), outcome: ok(noNaN) },
      { input: 'null and NaN gaps', call: () => api.laggedCorrelation([1, null, 3, NaN, 5, 6, 7, 8, 9, 10, 11, 12], [2, 3, undefined, 5, 6, 7, 8, 9, 10, 11, 12, 13]), outcome: ok(noNaN) },
      { input: 'lengths differ', call: () => api.laggedCorrelation([1, 2, 3], [1, 2]), outcome: error('INVALID_ARGUMENT') },
    ],
  },
  linkFeedbackToSales: {
    valid: () => [insightRecords(), sim().sales, { freq: 'week' }],
    cases: [
      { input: 'options missing', call: () => any(api.linkFeedbackToSales)([], []), outcome: error('INVALID_ARGUMENT') },
      { input: 'no data', call: () => api.linkFeedbackToSales([], [], { freq: 'week' }), outcome: ok((v) => assert(v.links.length === 0, 'no link')) },
      { input: 'a NaN sale', call: () => api.linkFeedbackToSales(insightRecords(), [{ ...salesRow(), units: NaN }, ...sim().sales], { freq: 'week' }), outcome: rejected(0, undefined, (v) => v.rejected) },
    ],
  },
  explainAnomaly: {
    valid: () => [{ t: sim().sales[60]?.date ?? '2024-09-01', direction: 'down' }, insightRecords()],
    cases: [
      { input: 'anomaly: null', call: () => any(api.explainAnomaly)(null, []), outcome: error('INVALID_ARGUMENT') },
      { input: 'anomaly date invalid', call: () => api.explainAnomaly({ t: DATES.invalidDay }, insightRecords()), outcome: error('INVALID_ARGUMENT') },
      { input: 'no feedback', call: () => api.explainAnomaly({ t: '2026-01-05' }, []), outcome: ok(noNaN) },
    ],
  },
  actionImpact: {
    valid: () => [sim().actions, sim().sales],
    cases: [
      { input: 'a string', call: () => any(api.actionImpact)('x', []), outcome: error('INVALID_ARGUMENT') },
      { input: 'no sales', call: () => api.actionImpact(sim().actions, []), outcome: ok(noNaN) },
      {
        input: 'an action dated 2026-02-30 among good ones',
        call: () => api.actionImpact([{ ...sim().actions[0]!, date: '2026-02-30' }, ...sim().actions], sim().sales),
        outcome: rejected(0, /ISO 8601/, (v) => v.rejectedActions),
      },
      {
        input: 'an action with an empty scope',
        call: () => api.actionImpact([{ ...sim().actions[0]!, scope: {} }], sim().sales),
        outcome: rejected(0, /non-empty/, (v) => v.rejectedActions),
      },
      { input: 'null among the actions', call: () => any(api.actionImpact)([null], sim().sales), outcome: error('INVALID_ARGUMENT') },
    ],
  },

  // --- planning --------------------------------------------------------------------------------------------------
  forecastAccuracy: {
    valid: () => [sim().forecasts],
    cases: [
      { input: 'a string', call: () => any(api.forecastAccuracy)('x'), outcome: error('INVALID_ARGUMENT') },
      { input: 'no rows', call: () => api.forecastAccuracy([]), outcome: ok(noNaN) },
      { input: 'all actuals zero (MAPE undefined)', call: () => api.forecastAccuracy([forecastRow({ actual: 0 }), forecastRow({ period: '2026-01-12', actual: 0 })]), outcome: ok(noNaN) },
      { input: 'a NaN forecast', call: () => api.forecastAccuracy([forecastRow(), forecastRow({ period: '2026-01-12', forecast: NaN })]), outcome: rejected(1) },
      { input: 'one row (MASE needs two)', call: () => api.forecastAccuracy([forecastRow()]), outcome: ok(noNaN) },
      { input: 'constant actuals (MASE scale 0)', call: () => api.forecastAccuracy(weeks(6).map((period) => forecastRow({ period, actual: 5, forecast: 6 }))), outcome: ok(noNaN) },
    ],
  },
  forecastValueAdded: {
    valid: () => [sim().forecasts],
    cases: [
      { input: 'no rows', call: () => api.forecastValueAdded([]), outcome: ok(noNaN) },
      { input: 'one step only', call: () => api.forecastValueAdded([forecastRow({ step: 'naive' })]), outcome: ok(noNaN) },
    ],
  },
  compareCycles: {
    valid: () => [[{ id: 'c1', rows: sim().forecasts.slice(0, 40) }, { id: 'c2', rows: sim().forecasts.slice(40, 80) }]],
    cases: [
      { input: 'a string', call: () => any(api.compareCycles)('x'), outcome: error('INVALID_ARGUMENT') },
      { input: 'no cycles', call: () => api.compareCycles([]), outcome: ok(noNaN) },
      { input: 'one cycle', call: () => api.compareCycles([{ id: 'c1', rows: sim().forecasts }]), outcome: ok(noNaN) },
      { input: 'a cycle with no rows', call: () => api.compareCycles([{ id: 'c1', rows: [] }, { id: 'c2', rows: [] }]), outcome: ok(noNaN) },
    ],
  },

  // --- simulate --------------------------------------------------------------------------------------------------
  simulate: {
    valid: () => [{ seed: 1, weeks: 10, products: 1, regions: 1, channels: 1, feedbackPerWeek: 1 }],
    cases: [
      { input: 'options missing', call: () => any(api.simulate)(), outcome: error('INVALID_OPTION') },
      { input: 'seed NaN', call: () => api.simulate({ seed: NaN }), outcome: error('INVALID_OPTION') },
      { input: 'weeks 0', call: () => api.simulate({ seed: 1, weeks: 0 }), outcome: error('INVALID_OPTION') },
      { input: 'start 2026-02-30', call: () => api.simulate({ seed: 1, start: DATES.invalidDay }), outcome: error('INVALID_OPTION') },
    ],
  },
  generateFeedbackTexts: {
    valid: () => [3, { seed: 1 }],
    cases: [
      { input: 'n: -1', call: () => api.generateFeedbackTexts(-1, { seed: 1 }), outcome: error('INVALID_ARGUMENT') },
      { input: 'n: 0', call: () => api.generateFeedbackTexts(0, { seed: 1 }), outcome: ok((v) => assert(v.length === 0, 'no text')) },
      { input: 'options missing', call: () => any(api.generateFeedbackTexts)(3), outcome: error('INVALID_OPTION') },
    ],
  },
  toRawRows: {
    valid: () => [sim(), { seed: 1 }],
    cases: [
      { input: 'simulation: null', call: () => any(api.toRawRows)(null, { seed: 1 }), outcome: error('INVALID_ARGUMENT') },
      { input: 'errorRate: 2', call: () => api.toRawRows(sim(), { seed: 1, errorRate: 2 }), outcome: error('INVALID_OPTION') },
    ],
  },
  SIMULATED_THEMES: { cases: [{ input: 'the list', call: () => api.SIMULATED_THEMES.length, outcome: ok((v) => assert(v > 0, 'themes')) }] },

  // --- report ----------------------------------------------------------------------------------------------------
  renderHtml: {
    valid: () => [modelOf()],
    cases: [
      { input: 'model: null', call: () => any(api.renderHtml)(null), outcome: error('INVALID_ARGUMENT') },
      { input: 'a title with <script>, NUL and a lone surrogate', call: () => api.renderHtml({ version: 1, title: `<script>x</script>${TEXTS.nul}${TEXTS.loneHigh}` } as api.ReportModel), outcome: ok((v) => assert(!v.includes('<script>x'), 'escaped')) },
      { input: 'a malformed model (headline.nps NaN, not an object)', call: () => api.renderHtml({ version: 1, title: 'x', headline: { nps: NaN } } as never), outcome: error('INVALID_ARGUMENT') },
    ],
  },
  renderMarkdown: {
    valid: () => [modelOf()],
    cases: [
      { input: 'model: 42', call: () => any(api.renderMarkdown)(42), outcome: error('INVALID_ARGUMENT') },
      { input: 'a title with CRLF and pipes', call: () => api.renderMarkdown({ version: 1, title: 'a\r\nb | c' } as api.ReportModel), outcome: ok((v) => assert(v.split('\n')[0]?.startsWith('# '), 'one heading line')) },
    ],
  },
  renderJson: {
    valid: () => [modelOf()],
    cases: [
      { input: 'model: "x"', call: () => any(api.renderJson)('x'), outcome: error('INVALID_ARGUMENT') },
      { input: 'a malformed model (headline.nps NaN)', call: () => api.renderJson({ version: 1, title: 'x', headline: { nps: NaN } } as never), outcome: error('INVALID_ARGUMENT') },
    ],
  },
  validateReportModel: {
    valid: () => [modelOf()],
    cases: [
      { input: 'null', call: () => api.validateReportModel(null), outcome: error('INVALID_ARGUMENT') },
      { input: 'a model with version 99', call: () => api.validateReportModel({ version: 99, title: 'x' }), outcome: error('INVALID_ARGUMENT') },
    ],
  },
  escapeHtml: {
    valid: () => ['<b>'],
    cases: [
      { input: 'null', call: () => api.escapeHtml(null), outcome: ok((v) => assert(typeof v === 'string', 'a string')) },
      { input: 'a lone surrogate and NUL', call: () => api.escapeHtml(`${TEXTS.loneHigh}${TEXTS.nul}`), outcome: ok((v) => assert(!v.includes('\u0000'), 'NUL removed or escaped')) },
      { input: '100,000 ampersands', call: () => api.escapeHtml('&'.repeat(100_000)), outcome: ok((v) => assert(v.length === 500_000, '&amp; each')) },
    ],
  },
  escapeMarkdown: {
    valid: () => ['*great*'],
    cases: [
      { input: 'undefined', call: () => api.escapeMarkdown(undefined), outcome: ok((v) => assert(typeof v === 'string', 'a string')) },
      { input: 'deeply repeated punctuation', call: () => api.escapeMarkdown(TEXTS.punctuationStorm), outcome: ok((v) => assert(v.length >= TEXTS.punctuationStorm.length, 'nothing lost')) },
    ],
  },
  niceNumber: {
    valid: () => [94, false],
    cases: [
      { input: '0 (documented: x > 0)', call: () => api.niceNumber(0, false), outcome: error('INVALID_ARGUMENT') },
      { input: 'NaN', call: () => api.niceNumber(NaN, true), outcome: error('INVALID_ARGUMENT') },
      { input: '1e308', call: () => api.niceNumber(1e308, false), outcome: ok((v) => assert(isFiniteNumber(v), 'finite')) },
    ],
  },
  niceTicks: {
    valid: () => [3, 97, 5],
    cases: [
      { input: 'min = max', call: () => api.niceTicks(5, 5), outcome: ok((v) => { noNaN(v); assert(v.ticks.length >= 1, 'ticks'); }) },
      { input: 'NaN bounds', call: () => api.niceTicks(NaN, NaN), outcome: error('INVALID_ARGUMENT') },
      { input: '-1e308 to 1e308 (span overflows)', call: () => api.niceTicks(-1e308, 1e308), outcome: error('INVALID_ARGUMENT') },
      { input: '-1e307 to 1e307', call: () => api.niceTicks(-1e307, 1e307), outcome: ok(noNaN) },
      { input: 'tiny range near 5e-324', call: () => api.niceTicks(0, 5e-324), outcome: ok(noNaN) },
      { input: 'count 1e9 (documented: 2 to 100)', call: () => api.niceTicks(0, 1, 1e9), outcome: error('INVALID_OPTION') },
    ],
  },
  timeSeriesSvg: {
    valid: () => [[{ t: '2026-01-05', value: 10 }, { t: '2026-01-12', value: 4 }], { title: 'Units' }],
    cases: [
      { input: 'no points', call: () => api.timeSeriesSvg([], { title: 'x' }), outcome: ok((v) => assert(v.startsWith('<svg'), 'an svg')) },
      { input: 'NaN and null values', call: () => api.timeSeriesSvg([{ t: '2026-01-05', value: NaN }, { t: '2026-01-12', value: null as never }, { t: '2026-01-19', value: 3 }], { title: 'x' }), outcome: ok((v) => assert(!/NaN/.test(v), 'no NaN coordinates')) },
      { input: 'one point', call: () => api.timeSeriesSvg([{ t: '2026-01-05', value: 10 }], { title: 'x' }), outcome: ok((v) => assert(!/NaN|Infinity/.test(v), 'finite coordinates')) },
      { input: 'invalid dates', call: () => api.timeSeriesSvg([{ t: DATES.invalidDay, value: 1 }, { t: '2026-01-05', value: 2 }], { title: 'x' }), outcome: ok((v) => assert(!/NaN/.test(v), 'finite')) },
      { input: 'options missing', call: () => any(api.timeSeriesSvg)([]), outcome: error('INVALID_ARGUMENT') },
    ],
  },
  barChartSvg: {
    valid: () => [[{ label: 'Delivery', value: 42 }], { title: 'x' }],
    cases: [
      { input: 'all zero bars', call: () => api.barChartSvg([{ label: 'a', value: 0 }, { label: 'b', value: 0 }], { title: 'x' }), outcome: ok((v) => assert(!/NaN|Infinity/.test(v), 'finite')) },
      { input: 'a negative and a NaN bar', call: () => api.barChartSvg([{ label: 'a', value: -5 }, { label: 'b', value: NaN }], { title: 'x' }), outcome: ok((v) => assert(!/NaN/.test(v), 'finite')) },
      { input: 'a label with <script>', call: () => api.barChartSvg([{ label: '<script>', value: 1 }], { title: 'x' }), outcome: ok((v) => assert(!v.includes('<script>'), 'escaped')) },
    ],
  },
  sparklineSvg: {
    valid: () => [[{ t: 1, value: 3 }, { t: 2, value: 5 }], { title: 'Volume' }],
    cases: [
      { input: 'constant values', call: () => api.sparklineSvg([{ t: 1, value: 3 }, { t: 2, value: 3 }], { title: 'x' }), outcome: ok((v) => assert(!/NaN|Infinity/.test(v), 'finite')) },
      { input: 'no points', call: () => api.sparklineSvg([], { title: 'x' }), outcome: ok((v) => assert(!/NaN/.test(v), 'finite')) },
    ],
  },

  // --- the pipeline ----------------------------------------------------------------------------------------------
  analyze: {
    valid: () => [{ feedback: sim().feedback.slice(0, 40), sales: sim().sales.slice(0, 40) }],
    cases: [
      { input: 'input: null', call: () => any(api.analyze)(null), outcome: error('INVALID_ARGUMENT') },
      { input: 'feedback missing', call: () => any(api.analyze)({ sales: [] }), outcome: error('INVALID_ARGUMENT') },
    ],
  },

  // --- aggregates ------------------------------------------------------------------------------------------------
  SHARD_ROWS: { cases: [{ input: 'the value', call: () => api.SHARD_ROWS, outcome: ok((v) => assert(Number.isInteger(v) && v > 0, 'a positive integer')) }] },
  THEME_SAMPLE: { cases: [{ input: 'the value', call: () => api.THEME_SAMPLE, outcome: ok((v) => assert(Number.isInteger(v) && v > 0, 'a positive integer')) }] },
  startAnalysis: { cases: [{ input: 'input: null', call: () => any(api.startAnalysis)(null), outcome: error('INVALID_ARGUMENT') }] },
  nextPass: { cases: [{ input: 'state: null', call: () => any(api.nextPass)(null), outcome: error('INVALID_ARGUMENT') }] },
  mapShard: { cases: [{ input: 'pass: null', call: () => any(api.mapShard)(null, null), outcome: error('INVALID_ARGUMENT') }] },
  mergePartials: { cases: [{ input: 'pass: null', call: () => any(api.mergePartials)(null, {}, {}), outcome: error('INVALID_ARGUMENT') }] },
  reducePartials: { cases: [{ input: 'pass: null', call: () => any(api.reducePartials)(null, []), outcome: error('INVALID_ARGUMENT') }] },
  completePass: { cases: [{ input: 'state: null', call: () => any(api.completePass)(null, null, {}), outcome: error('INVALID_ARGUMENT') }] },
  finishAnalysis: { cases: [{ input: 'state: null', call: () => any(api.finishAnalysis)(null), outcome: error('INVALID_ARGUMENT') }] },
  arrayShards: {
    cases: [
      { input: 'no records', call: () => [...api.arrayShards([])], outcome: ok((v) => assert(Array.isArray(v) && v.length === 0, 'no shards')) },
      { input: 'shardRows: 0', call: () => api.arrayShards([], 0), outcome: error('INVALID_OPTION') },
      { input: 'shardRows: 2.5', call: () => api.arrayShards([], 2.5), outcome: error('INVALID_OPTION') },
      { input: 'records: a string', call: () => any(api.arrayShards)('abc'), outcome: error('INVALID_ARGUMENT') },
    ],
  },
  analyzeShards: { cases: [{ input: 'input: null', call: () => any(api.analyzeShards)(null), outcome: error('INVALID_ARGUMENT') }] },
  ZERO_SUM: { cases: [{ input: 'frozen', call: () => Object.isFrozen(api.ZERO_SUM), outcome: ok((v) => assert(v === true, 'frozen')) }] },
  addToSum: {
    valid: () => [api.ZERO_SUM, 1],
    cases: [
      { input: 'total: undefined', call: () => any(api.addToSum)(undefined, 1), outcome: error('INVALID_ARGUMENT') },
      { input: 'total: null', call: () => any(api.addToSum)(null, 1), outcome: error('INVALID_ARGUMENT') },
      { input: 'Infinity then -Infinity', call: () => api.sumValue(api.addToSum(api.addToSum(api.ZERO_SUM, Infinity), -Infinity)), outcome: ok((v) => assert(Number.isNaN(v), 'NaN, as IEEE 754 says (Infinity - Infinity)')) },
      { input: '1e308 + 1e308 overflows to Infinity', call: () => api.sumValue(api.addToSum(api.addToSum(api.ZERO_SUM, 1e308), 1e308)), outcome: ok((v) => assert(v === Infinity, 'Infinity, not NaN')) },
    ],
  },
  mergeSums: {
    valid: () => [api.ZERO_SUM, { sum: 1, compensation: 0 }],
    cases: [
      { input: 'b missing', call: () => any(api.mergeSums)(api.ZERO_SUM), outcome: error('INVALID_ARGUMENT') },
      { input: 'a: a number', call: () => any(api.mergeSums)(3, api.ZERO_SUM), outcome: error('INVALID_ARGUMENT') },
    ],
  },
  sumValue: {
    valid: () => [api.ZERO_SUM],
    cases: [
      { input: 'undefined', call: () => any(api.sumValue)(undefined), outcome: error('INVALID_ARGUMENT') },
      { input: '{ sum: "1" }', call: () => any(api.sumValue)({ sum: '1', compensation: 0 }), outcome: error('INVALID_ARGUMENT') },
    ],
  },
  compensatedSum: {
    valid: () => [[0.1, 0.2, 0.3]],
    cases: [
      { input: 'undefined', call: () => any(api.compensatedSum)(undefined), outcome: error('INVALID_ARGUMENT') },
      { input: 'a Float64Array', call: () => api.sumValue(api.compensatedSum(Float64Array.of(1e16, 1, -1e16))), outcome: ok((v) => assert(v === 1, 'compensated')) },
      { input: 'no values', call: () => api.sumValue(api.compensatedSum([])), outcome: ok((v) => assert(v === 0, 'zero')) },
    ],
  },
  countsBy: {
    valid: () => [(s: string) => s],
    cases: [
      { input: 'key: 42', call: () => any(api.countsBy)(42), outcome: error('INVALID_ARGUMENT') },
      { input: 'partial with a record whose key is missing', call: () => api.countsBy((r: { k?: string }) => r?.k).partial([{ k: 'a' }, {}]), outcome: rejected(1, undefined, (v) => v.rejected) },
    ],
  },
  sentimentSums: {
    valid: () => [],
    cases: [
      { input: 'neutralBand: 1', call: () => api.sentimentSums({ neutralBand: 1 }), outcome: error('INVALID_OPTION') },
      { input: 'partial with a NaN score', call: () => api.sentimentSums().partial([{ sentiment: { score: NaN } }] as never), outcome: rejected(0) },
    ],
  },
  summarizeSentiment: {
    valid: () => [api.sentimentSums().identity],
    cases: [
      { input: 'the empty partial (no division by zero)', call: () => api.summarizeSentiment(api.sentimentSums().identity), outcome: ok(noNaN) },
      { input: 'null', call: () => any(api.summarizeSentiment)(null), outcome: error('INVALID_ARGUMENT') },
    ],
  },
  documentFrequencies: {
    valid: () => [],
    cases: [
      { input: 'options: a string', call: () => any(api.documentFrequencies)('x'), outcome: error('INVALID_ARGUMENT') },
      { input: 'partial of a non-array document', call: () => api.documentFrequencies().partial([42] as never), outcome: ok() },
    ],
  },
  themeCentroidSums: {
    valid: () => [{ k: 2, dimension: 2 }],
    cases: [
      { input: 'k: 0', call: () => api.themeCentroidSums({ k: 0, dimension: 2 }), outcome: error('INVALID_OPTION') },
      { input: 'options missing', call: () => any(api.themeCentroidSums)(), outcome: error('INVALID_ARGUMENT') },
    ],
  },
  finishCentroidSums: {
    valid: () => [api.themeCentroidSums({ k: 2, dimension: 2 }).identity],
    cases: [
      { input: 'null', call: () => any(api.finishCentroidSums)(null), outcome: error('INVALID_ARGUMENT') },
      { input: 'the empty partial', call: () => api.finishCentroidSums(api.themeCentroidSums({ k: 2, dimension: 2 }).identity), outcome: ok(noNaN) },
    ],
  },
  npsTally: {
    valid: () => [],
    cases: [
      { input: 'partial with 11 and 7.5', call: () => api.npsTally().partial([{ rating: 10 }, { rating: 11 }, { rating: 7.5 }] as never), outcome: rejected(1) },
      { input: 'merge with null', call: () => any(api.npsTally().merge)(api.npsTally().identity, null), outcome: error('INVALID_ARGUMENT') },
    ],
  },
  finishNps: {
    valid: () => [{ counts: [0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 2], rejected: [] }],
    cases: [
      { input: 'the empty tally', call: () => api.finishNps(api.npsTally().identity), outcome: ok(noNaN) },
      { input: 'null', call: () => any(api.finishNps)(null), outcome: error('INVALID_ARGUMENT') },
    ],
  },
  seriesBuckets: {
    valid: () => [{ frequency: 'week' }],
    cases: [
      { input: 'frequency: year', call: () => any(api.seriesBuckets)({ frequency: 'year' }), outcome: error('INVALID_OPTION') },
      { input: 'partial with an invalid date and a NaN value', call: () => api.seriesBuckets({ frequency: 'week', t: (r: { d: string }) => r.d, value: (r: { v: number }) => r.v } as never).partial([{ d: DATES.invalidDay, v: 1 }, { d: '2026-01-05', v: NaN }] as never), outcome: rejected(0) },
    ],
  },
  seriesPoints: {
    valid: () => [api.seriesBuckets({ frequency: 'day' }).identity],
    cases: [
      { input: 'null', call: () => any(api.seriesPoints)(null), outcome: error('INVALID_ARGUMENT') },
      { input: 'the empty partial', call: () => api.seriesPoints(api.seriesBuckets({ frequency: 'day' }).identity), outcome: ok((v) => assert(Object.keys(v).length === 0, 'no series')) },
    ],
  },
  combineAggregates: {
    valid: () => [{ n: api.countsBy((s: string) => s) }],
    cases: [
      { input: 'a part that is not an aggregate', call: () => any(api.combineAggregates)({ n: 42 }), outcome: error('INVALID_ARGUMENT') },
      { input: 'null', call: () => any(api.combineAggregates)(null), outcome: error('INVALID_ARGUMENT') },
    ],
  },
  mergeAll: {
    valid: () => [api.countsBy((s: string) => s), []],
    cases: [
      { input: 'no partials gives the identity', call: () => api.mergeAll(api.countsBy((s: string) => s), []), outcome: ok((v) => assert(Object.keys(v.counts).length === 0, 'identity')) },
      { input: 'partials: a string', call: () => any(api.mergeAll)(api.countsBy((s: string) => s), 'x'), outcome: error('INVALID_ARGUMENT') },
    ],
  },
};

function insightRecordsLength(): number {
  return insightRecords().length;
}
