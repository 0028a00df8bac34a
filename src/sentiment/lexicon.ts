import afinn from 'wink-sentiment/src/afinn-en-165.js';
import afinn2Grams from 'wink-sentiment/src/afinn-en-165-2grams.js';
import emojis from 'wink-sentiment/src/emojis.js';
import emoticons from 'wink-sentiment/src/emoticons.js';
import winkNegations from 'wink-sentiment/src/negations.js';
import { NEGATORS as TEXT_NEGATORS } from '../text/negation';
import type { DomainCategory } from './types';

/**
 * The word lists behind the rule-based scorer.
 *
 * Base lexicon: AFINN-165 (Nielsen 2011, "A new ANEW: evaluation of a word list for sentiment analysis in
 * microblogs", ESWC workshop), its two-word phrases, the emoticons, and the top emoji of the Emoji Sentiment
 * Ranking (Kralj Novak et al. 2015, PLoS ONE 10(12)), all taken from wink-sentiment's data modules. Valences are
 * integers on the AFINN scale -5..5. Lookup O(1).
 * @example AFINN_WORDS.good // => 3
 */
export const AFINN_WORDS: Readonly<Record<string, number>> = afinn;
/** AFINN two-word phrases as `first -> second -> valence`. @example AFINN_PHRASES.fed?.up // => -3 */
export const AFINN_PHRASES: Readonly<Record<string, Readonly<Record<string, number>>>> = afinn2Grams;
/** Emoji valences (Emoji Sentiment Ranking 1.0, rescaled to -5..5 by wink-sentiment). @example EMOJI['😍'] // => 3 */
export const EMOJI: Readonly<Record<string, number>> = emojis;
/** Emoticon valences (AFINN, wink-sentiment data). @example EMOTICONS[':('] // => -2 */
export const EMOTICONS: Readonly<Record<string, number>> = emoticons;

/**
 * Negators: wink-sentiment's list, the text stage's, and words of lack ("lacks", "lacking") that shift like
 * negators (Polanyi and Zaenen 2006). "hardly", "barely", "scarcely" are diminishers here (Taboada et al. 2011).
 */
export const NEGATORS: ReadonlySet<string> = new Set([
  ...Object.keys(winkNegations),
  ...[...TEXT_NEGATORS].filter((word) => word !== 'hardly' && word !== 'barely' && word !== 'scarcely'),
  'without',
  'nobody',
  'nothing',
  'nor',
  'neither',
  'nowhere',
  'cannot',
  'doesnt',
  'didnt',
  'wasnt',
  'werent',
  'havent',
  'hasnt',
  'hadnt',
  'couldnt',
  'aint',
  'lack',
  'lacks',
  'lacked',
  'lacking',
]);

/**
 * General review and service vocabulary that AFINN-165 lacks, written for this library from common English usage
 * (food, products, software, service), on the AFINN scale. Not derived from any evaluation data. Entries with a
 * space are phrases. @example GENERAL_WORDS.tasty // => 2
 */
export const GENERAL_WORDS: Readonly<Record<string, number>> = {
  // quality and taste
  tasty: 2, flavorful: 2, flavourful: 2, savory: 1, scrumptious: 3, mouthwatering: 3, bland: -2, tasteless: -2,
  flavorless: -2, stale: -2, soggy: -2, greasy: -1, watery: -1, overcooked: -2, undercooked: -2, burnt: -2,
  inedible: -3, rancid: -3, crispy: 1, juicy: 1, mediocre: -2, subpar: -2, 'sub-par': -2, lackluster: -2,
  lacklustre: -2, underwhelming: -2, underwhelmed: -2, overrated: -2, unremarkable: -1, forgettable: -1,
  decent: 1, solid: 2, sturdy: 2, flimsy: -2, shoddy: -3, faulty: -3, defect: -2, defects: -2, malfunction: -2,
  malfunctioned: -3, malfunctioning: -3, unusable: -3, unreadable: -2, unwatchable: -3, buggy: -2, glitchy: -2,
  glitch: -1, glitches: -2, laggy: -2, clunky: -2, intuitive: 2, reliable: 2, durable: 2, flawless: 3,
  flawlessly: 3, seamlessly: 2, effortless: 2, smoothly: 2, crisp: 1, sharp: 1, comfy: 2, cozy: 2, cosy: 2,
  cramped: -1, dingy: -2, stuffy: -1, overpriced: -2, pricey: -1, ripoff: -3, 'rip-off': -3, affordable: 2,
  reasonable: 1, bargain: 2, inexpensive: 1, worthwhile: 2, 'must-have': 3, recommendable: 2,
  // service
  attentive: 2, inattentive: -2, knowledgeable: 2, courteous: 2, prompt: 2, promptly: 2, efficient: 2,
  responsive: 2, unresponsive: -2, unhelpful: -2, impolite: -2, condescending: -2, arrogant: -2, rudely: -2,
  rudeness: -3, dismissive: -2, incompetent: -3, incompetence: -3, clueless: -2, welcoming: 2, hospitable: 2,
  accommodating: 2, professional: 1, professionally: 1, unprofessional: -2, disorganized: -2, disorganised: -2,
  // experience
  disappointment: -2, disappointingly: -2, letdown: -2, hassle: -2, nightmare: -3, ordeal: -2, headache: -2,
  horrendous: -3, atrocious: -3, abysmal: -3, dreadful: -3, appalling: -3, unacceptable: -3, ridiculous: -2,
  pleasantly: 2, delightful: 3, superb: 4, phenomenal: 4, exceptional: 3, exquisite: 3, impeccable: 3,
  fabulous: 4, terrific: 4, wonderfully: 3, enjoyable: 2, loveable: 2, lovable: 2, unbeatable: 3,
  unfortunately: -2, thankfully: 2, horribly: -3, excruciating: -3, unbearable: -3, unbearably: -3, painfully: -2,
  tedious: -2, senseless: -2, predictable: -1, cliche: -1, cliched: -2, 'clichéd': -2, overacted: -2,
  overacting: -2, cheesy: -1, corny: -1, messy: -2, trash: -2, rubbish: -2, sucked: -3, unsatisfying: -2,
  generic: -1, cheaply: -2, smelly: -2, slow: -1, slowly: -1, slowest: -2, breaks: -1, broke: -2,
  genius: 3, legendary: 3, believable: 1, convincing: 2, riveted: 3, masterful: 4, superbly: 4, brilliantly: 4,
  nicely: 2, greatly: 2, refreshing: 2, satisfying: 2, extraordinary: 3, touching: 2, heartfelt: 2, witty: 2,
  engaging: 2, captivating: 3, compelling: 2, unforgettable: 3, gem: 3, fast: 1, quick: 1, quickly: 1,
  speedy: 2, spotless: 3, tidy: 2, polite: 2, solidly: 2, smooth: 1, authentic: 1, romantic: 1, unfriendly: -2,
  burned: -2, expensive: -1, pricy: -1, crowded: -1, loud: -1, rushed: -1, unattentive: -2, 'must try': 3,
  // AFINN entries that mislead in feedback: "quality" is a topic more than praise, "work" a noun as often as
  // a verb, "charged" mostly billing, not accusation, "support" the support desk ("contacted support"), and "fan"
  // a part of a device as often as an admirer (who is a "big fan", a "fan of").
  quality: 1, work: 1, working: 1, worked: 1, charged: -1, support: 0, supports: 0, supported: 0, fan: 0,
  'big fan': 3, 'huge fan': 3, 'biggest fan': 3, 'fan of': 2,
  // device faults
  crashes: -2, crashed: -2, crashing: -2, 'keeps crashing': -3, 'keeps freezing': -3, freezes: -2, froze: -2,
  overheats: -2, overheating: -2, overheated: -2, 'runs hot': -2, 'drains quickly': -2, 'drains fast': -2,
  'short battery life': -2,
  // opinion idioms
  'low quality': -2, 'poor quality': -3, 'bad quality': -3, 'cheap quality': -2, 'high quality': 3,
  'good quality': 3, 'great quality': 3, 'well made': 2, 'well built': 2, 'poorly made': -3, 'cheaply made': -3,
  'must have': 3, 'must see': 3, 'buy again': 2, 'buy it again': 2, 'order again': 2, 'will be back': 2,
  'come back': 1, 'go back': 1, 'save your money': -3, 'waste of money': -3, 'waste of time': -3,
  'waste your money': -3, 'waste your time': -3, "don't waste": -3, 'do not waste': -3, "don't bother": -2,
  'do not bother': -2, 'same mistake': -2, "don't buy": -3, 'do not buy': -3, 'never again': -3, "don't miss": 2,
  'stay away': -3, 'steer clear': -3, 'look elsewhere': -2, 'go elsewhere': -2, 'piece of junk': -3,
  'piece of crap': -3, 'piece of garbage': -3, 'piece of trash': -3, 'thumbs up': 2, 'thumbs down': -2,
  'hassle free': 2, 'trouble free': 2, 'pain free': 2, 'worry free': 2, 'could be better': -1,
  'could have been better': -2, 'room for improvement': -1, 'worth every penny': 3, 'worth it': 2,
  'well worth': 3, 'fell asleep': -2, 'as well': 0, 'as well as': 0, 'to die for': 3, 'out of this world': 3,
  'hats off': 3, 'look forward': 2, 'looking forward': 2, 'a great deal of': 0, 'great deal of': 0,
  // Unfavourable comparisons and faint praise: the better thing is elsewhere or was missed; "at best" caps the
  // praise before it ("average at best"); "leaves much to be desired".
  'could have been * better': -2, 'could have been * * better': -2, 'could be * better': -1,
  'could be * * better': -1, 'should have been better': -2, 'have had better': -2, "i've had better": -2,
  'ive had better': -2, 'had much better': -2, 'had way better': -2, 'had far better': -2, 'find better': -2,
  'hard to find better': 3, 'at best': -1, 'to be desired': -2,
  // Spelled apart, and ratings against the norm.
  overdone: -2, 'over cooked': -2, 'over done': -2, 'over priced': -2, 'under cooked': -2, 'below average': -2,
  'above average': 2, nonexistent: -2, 'non existent': -2, 'short wait': 1, 'zero complaints': 2,
  'zero issues': 1, 'zero problems': 1,
};

/**
 * Words that presuppose something negative and shift it ("avoid damage", "prevents leaks", "fixed the problem"):
 * a negative term in the next three words counts half, positive (Polanyi and Zaenen 2006, presuppositional
 * items). They do not score themselves.
 */
export const SHIFTERS: ReadonlySet<string> = new Set([
  'avoid', 'avoids', 'avoided', 'avoiding', 'prevent', 'prevents', 'prevented', 'preventing', 'protect',
  'protects', 'protected', 'eliminate', 'eliminates', 'eliminated', 'reduce', 'reduces', 'reduced', 'fix',
  'fixes', 'fixed', 'solve', 'solves', 'solved', 'resolve', 'resolves', 'cure', 'cures', 'cured', 'relieve',
  'relieves', 'relieved',
]);

/**
 * Words that open an irrealis context (Taboada et al. 2011, section 2.4): expectations and wishes. Positive
 * general terms after them, in their clause, are not asserted; they do not score themselves.
 */
export const IRREALIS_MARKERS: ReadonlySet<string> = new Set([
  'expect', 'expects', 'expected', 'expecting', 'hope', 'hoped', 'hoping', 'wish', 'wished', 'wishing',
  'want', 'wants', 'wanted', 'wanting', 'supposed',
]);

/**
 * Intensifiers (positive) and diminishers (negative) as a fractional change of the modified word's valence,
 * after the booster list of Hutto and Gilbert (2014, VADER) and the percentage modifiers of Taboada et al.
 * (2011, SO-CAL, section 2.2), with values set for this library. @example MODIFIERS.very // => 0.25
 */
export const MODIFIERS: Readonly<Record<string, number>> = {
  very: 0.25, really: 0.25, so: 0.2, too: 0.2, extremely: 0.4, incredibly: 0.4, exceptionally: 0.4,
  absolutely: 0.35, totally: 0.3, completely: 0.3, utterly: 0.4, highly: 0.3, super: 0.3, truly: 0.25,
  especially: 0.2, particularly: 0.2, remarkably: 0.3, thoroughly: 0.25, entirely: 0.25, enormously: 0.35,
  tremendously: 0.35, hugely: 0.3, immensely: 0.35, insanely: 0.35, ridiculously: 0.35, amazingly: 0.3,
  unbelievably: 0.35, most: 0.3, more: 0.1, quite: 0.1, pretty: 0.1, deeply: 0.3, seriously: 0.3,
  freaking: 0.3, fricking: 0.3, damn: 0.3, bloody: 0.3, hella: 0.3, real: 0.15, such: 0.15, way: 0.2, mega: 0.3,
  slightly: -0.5, somewhat: -0.3, fairly: -0.2, rather: -0.15, kinda: -0.3, sorta: -0.3, barely: -0.6,
  hardly: -0.6, scarcely: -0.6, marginally: -0.5, mildly: -0.4, partly: -0.4, partially: -0.4, little: -0.3,
  less: -0.4, least: -0.6, almost: -0.3, occasionally: -0.3, reasonably: -0.1, relatively: -0.2,
};

/** Modifier phrases made of two words ("a bit", "kind of", "sort of"). */
export const MODIFIER_PHRASES: Readonly<Record<string, number>> = {
  'a bit': -0.3,
  'a little': -0.3,
  'kind of': -0.3,
  'sort of': -0.3,
  'a lot': 0.2,
  'by far': 0.3,
};

/**
 * Contrast connectives (Polanyi and Zaenen 2006, "Contextual valence shifters"; Hutto and Gilbert 2014): the
 * clause before weighs half, the clause after one and a half.
 */
export const CONTRASTS: ReadonlySet<string> = new Set(['but', 'however', 'nevertheless', 'nonetheless']);

/** Concessive openers: their clause weighs half (Polanyi and Zaenen 2006; Taboada et al. 2011). */
export const CONCESSIVES: ReadonlySet<string> = new Set(['although', 'though', 'despite', 'albeit', 'whereas', 'granted']);

/**
 * Imperative recommendations that open a sentence ("Try the cheesecake!", "Stick with the lamb.", "Skip the
 * dessert."): a suggestion to other customers in the imperative mood (the suggestions of Negi and Buitelaar 2015,
 * "Towards the extraction of customer-to-customer suggestions from reviews", EMNLP), which states an opinion of the
 * item it names. `aspectSentiment` counts them for the aspects named after the verb in its clause; they do not
 * score a whole text. Valences on the AFINN scale. @example RECOMMENDATIONS['stick with'] // => 2
 */
export const RECOMMENDATIONS: Readonly<Record<string, number>> = {
  try: 2, order: 2, 'check out': 2, 'ask for': 2, 'go for': 2, 'stick to': 2, 'stick with': 2, skip: -2,
};

/** Conditional openers: an irrealis clause (Taboada et al. 2011, section 2.4). */
export const CONDITIONALS: ReadonlySet<string> = new Set(['if', 'unless', 'whether']);

/**
 * Phrases with a negator in them that do not negate ("no problem", "not only"): matched before the negation rule,
 * they score as a whole and, for the `cancel` ones, end the negation they start.
 */
export const NEGATION_IDIOMS: Readonly<Record<string, number>> = {
  'no problem': 1,
  'no problems': 1,
  'no issues': 1,
  'no issue': 1,
  'no complaints': 2,
  // Negated comparisons that praise: nothing is better than this one.
  'nothing better': 3, 'none better': 3, "couldn't have been better": 4, 'could not have been better': 4,
  'could not be better': 4, "can't get better": 3, 'cannot get better': 3, "can't be beat": 3, 'cannot be beat': 3,
  "can't be beaten": 3, 'cannot be beaten': 3, 'never had better': 3, "can't imagine better": 3,
  'cannot imagine better': 3, "can't top": 3, 'cannot top': 3,
  'no complaint': 2,
  'no excuse': -2,
  'no doubt': 1,
  'not bad': 1,
  'not too bad': 1,
  'not half bad': 2,
  'cannot complain': 1,
  "can't complain": 1,
  "couldn't be happier": 4,
  "could not be happier": 4,
  "couldn't be better": 4,
  "can't go wrong": 2,
  "cannot go wrong": 2,
  "can't beat": 2,
  "can't wait": 2,
  "cannot wait": 2,
  "can't recommend enough": 4,
  "cannot recommend enough": 4,
  'never disappoints': 3,
  'never disappoint': 3,
  'not only': 0,
  'no wonder': 0,
  'nothing but': 0,
  "couldn't care less": -2,
  'thanks for nothing': -3,
  'no thanks': -1,
  'no thank you': -1,
  'never mind': 0,
};

/** A duration unit and its length in hours, for the duration rule. */
export const DURATION_UNITS: Readonly<Record<string, number>> = {
  second: 1 / 3600, seconds: 1 / 3600, sec: 1 / 3600, secs: 1 / 3600,
  minute: 1 / 60, minutes: 1 / 60, min: 1 / 60, mins: 1 / 60,
  hour: 1, hours: 1, hr: 1, hrs: 1, h: 1,
  day: 24, days: 24, night: 24, nights: 24,
  week: 168, weeks: 168, wk: 168, wks: 168,
  month: 720, months: 720, year: 8760, years: 8760,
};

/** Number words that can count a duration ("two weeks", "a month", "several days"). */
export const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, few: 3, several: 4,
  couple: 2, many: 5, multiple: 3, dozen: 12, hundred: 100,
};

/** One entry of the operations and service domain layer. */
export interface DomainEntry {
  readonly valence: number;
  readonly category: DomainCategory;
}

/**
 * The operations and service domain layer: complaints (and praise) about delivery, stock, orders, returns and
 * contact that general sentiment lexicons miss because they carry no sentiment word. Written for this library;
 * valences on the AFINN scale. Phrases may use `*` for any one word and `<n>` for a number.
 * Entries of the categories `delay`, `waiting`, `no-response`, `repeat-contact` and `refund` are amplified by a
 * duration in their sentence.
 * @example DOMAIN_ENTRIES['out of stock'] // => { valence: -2, category: 'stock' }
 */
export const DOMAIN_ENTRIES: Readonly<Record<string, DomainEntry>> = buildDomain({
  delay: {
    // Times of day, not delays ("a late night snack", "late afternoon").
    'late night': 0, 'late afternoon': 0, 'late evening': 0, 'late morning': 0, 'late lunch': 0, 'late dinner': 0,
    'late breakfast': 0, 'late nite': 0,
    late: -2, delayed: -2, delay: -2, delays: -2, delaying: -2, overdue: -2, 'running late': -2, 'arrived late': -2,
    'not arrived': -3, 'never arrived': -3, 'has not arrived': -3, 'still not arrived': -3, 'never came': -3,
    'never showed up': -3, 'never showed': -3, 'still not here': -3, 'still not delivered': -3,
    'not delivered': -3, 'never delivered': -3, 'not received': -3, 'never received': -3, 'not yet received': -2,
    'still not received': -3, 'did not receive': -3, 'did not get': -2, 'have not received': -3,
    'still * processing': -2, 'still processing': -2, 'still pending': -2, 'still shows': -1, 'still says': -1,
    'not shipped': -2, 'not yet shipped': -2, 'still not shipped': -3, 'where is my order': -2,
    'where is my package': -2, 'where is my parcel': -2, 'where is my refund': -2, 'where is my delivery': -2,
    'missed delivery': -2, 'missed connection': -2, 'missed my connection': -2, 'missed the connection': -2,
    rescheduled: -1, postponed: -1, stuck: -2, stranded: -3, diverted: -1, 'pushed back': -1,
    'taking forever': -3, 'took forever': -3, 'takes forever': -3, 'took ages': -2, 'taking ages': -2,
    'on time': 2, 'ahead of schedule': 2, 'arrived early': 2, 'arrived on time': 2, 'came early': 2,
    'fast delivery': 3, 'quick delivery': 3, 'fast shipping': 3, 'quick shipping': 3, 'delivered quickly': 3,
    'arrived quickly': 3, 'shipped quickly': 3, 'next day': 1,
  },
  cancellation: {
    cancelled: -2, canceled: -2, cancellation: -2, cancellations: -2, cancelling: -2, canceling: -2,
    'cancelled flight': -3, 'canceled flight': -3, 'order cancelled': -3, 'order canceled': -3,
  },
  waiting: {
    waiting: -1, waited: -2, wait: -1, 'on hold': -2, 'still waiting': -3, 'been waiting': -2,
    'keep waiting': -2, 'kept waiting': -2, 'waiting for': -1, 'long wait': -2, 'long line': -2, 'long lines': -2,
    queue: -1, queued: -1, 'in line': -1, 'hold music': -2, 'wait time': -1, 'wait times': -1,
  },
  stock: {
    'out of stock': -2, 'sold out': -1, backorder: -2, backorders: -2, backordered: -2, 'back order': -2,
    'back ordered': -2, 'on backorder': -2, unavailable: -2, 'not available': -2, 'no stock': -2,
    'not in stock': -2, shortage: -2, shortages: -2, discontinued: -2, 'in stock': 1, 'back in stock': 2,
  },
  'wrong-item': {
    'wrong item': -3, 'wrong size': -2, 'wrong color': -2, 'wrong colour': -2, 'wrong order': -3,
    'wrong product': -3, 'wrong address': -2, 'not what i ordered': -3, 'not as described': -3,
    'not as advertised': -3, mislabeled: -2, mislabelled: -2,
  },
  damaged: {
    'arrived damaged': -3, 'arrived broken': -3, dented: -2, cracked: -2, scratched: -2, shattered: -2,
    leaking: -2, leaked: -2, torn: -2, crushed: -2, 'poorly packaged': -2, 'badly packaged': -2,
    'well packaged': 2, 'nicely packaged': 2, 'arrived cold': -2, 'delivered cold': -2, 'came out cold': -2,
  },
  missing: {
    'missing item': -3, 'missing items': -3, 'missing parts': -3, 'missing part': -3, 'lost package': -3,
    'lost my package': -3, 'lost luggage': -3, 'lost my luggage': -3, 'lost bag': -3, 'lost my bag': -3,
    'lost baggage': -3, 'never got': -3, incomplete: -2,
  },
  refund: {
    refund: -1, refunds: -1, 'no refund': -3, 'still no refund': -3, 'waiting for refund': -3,
    'waiting for my refund': -3, 'want my money back': -3, 'money back': -2, chargeback: -3, returned: -1,
    'return it': -1, 'returning it': -2, 'sent it back': -2, 'send it back': -2, 'sending it back': -2,
    'had to return': -2, exchange: -1,
  },
  'no-response': {
    'no response': -3, 'no reply': -3, 'no answer': -3, 'no one answered': -3, 'nobody answered': -3,
    'no one answers': -3, 'nobody answers': -3, 'no one called': -3, 'no one responded': -3,
    'nobody responded': -3, 'never responded': -3, 'never replied': -3, 'never answered': -3,
    'never called back': -3, 'never heard back': -3, 'not heard back': -2, 'no callback': -3, ignored: -2,
    unanswered: -2, 'hung up': -3, 'hangs up': -3, 'disconnected': -2, 'no update': -2, 'no updates': -2,
    'no information': -2, 'no info': -2, 'no explanation': -2, 'no help': -3,
  },
  'repeat-contact': {
    'called again': -2, 'called twice': -2, 'called three times': -3, 'emailed again': -2,
    'third time': -2, 'second time': -1, 'yet again': -2, 'again and again': -2, 'every time': -1,
    'keeps happening': -3, 'still broken': -3, 'still not working': -3, 'still not fixed': -3,
    'still no': -2, 'still nothing': -2, 'still have not': -2,
  },
  billing: {
    overcharged: -3, 'charged twice': -3, 'double charged': -3, 'hidden fee': -3, 'hidden fees': -3,
    'extra fee': -2, 'extra charge': -2, fees: -1, 'price increase': -1, 'price hike': -2,
  },
  service: {
    'customer service': 0, 'worst service': -4, 'poor service': -3, 'bad service': -3, 'great service': 3,
    'excellent service': 4, 'good service': 2, 'no one helped': -3, 'not helpful': -2, 'not working': -2,
    'does not work': -3, 'did not work': -3, "doesn't work": -3, 'stopped working': -3, 'quit working': -3,
    'not resolved': -2, 'never resolved': -3, 'still unresolved': -3, 'fell apart': -3, 'falls apart': -3,
    'broke down': -3, 'gave up': -2, 'run around': -2, runaround: -2, 'passed around': -2, 'please help': -1,
    'need help': -1,
  },
  praise: {
    resolved: 2, 'quickly resolved': 3, 'sorted it out': 2, 'sorted out': 1, 'went above and beyond': 4,
    'above and beyond': 3, 'quick response': 3, 'fast response': 3, 'quick reply': 3, 'responded quickly': 3,
    'as described': 2, 'as expected': 1, 'works great': 3, 'works well': 3, 'works perfectly': 4,
    'worked perfectly': 4, 'highly recommend': 3, 'thank you': 2, 'thanks so much': 3, 'well done': 3,
  },
});

function buildDomain(
  groups: Readonly<Record<DomainCategory | string, Readonly<Record<string, number>>>>,
): Record<string, DomainEntry> {
  const out: Record<string, DomainEntry> = {};
  for (const [category, entries] of Object.entries(groups)) {
    for (const [phrase, valence] of Object.entries(entries)) {
      out[phrase] = { valence, category: category as DomainCategory };
    }
  }
  return out;
}
