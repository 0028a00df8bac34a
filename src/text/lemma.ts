import { assertString } from '../errors';

/** Irregular forms of the commonest English verbs, comparatives and plurals, and clitic norms. */
const IRREGULAR: ReadonlyMap<string, string> = new Map([
  ['am', 'be'], ['is', 'be'], ['are', 'be'], ['was', 'be'], ['were', 'be'], ['been', 'be'], ['being', 'be'], ["'m", 'be'], ["'re", 'be'],
  ['has', 'have'], ['had', 'have'], ['having', 'have'], ["'ve", 'have'],
  ['does', 'do'], ['did', 'do'], ['done', 'do'], ['doing', 'do'],
  ['went', 'go'], ['gone', 'go'], ['goes', 'go'], ['made', 'make'], ['got', 'get'], ['gotten', 'get'],
  ['took', 'take'], ['taken', 'take'], ['came', 'come'], ['said', 'say'], ['says', 'say'], ['told', 'tell'],
  ['gave', 'give'], ['given', 'give'], ['bought', 'buy'], ['sold', 'sell'], ['sent', 'send'], ['paid', 'pay'],
  ['kept', 'keep'], ['left', 'leave'], ['felt', 'feel'], ['found', 'find'], ['thought', 'think'], ['knew', 'know'],
  ['known', 'know'], ['saw', 'see'], ['seen', 'see'], ['broke', 'break'], ['broken', 'break'], ['ate', 'eat'],
  ['eaten', 'eat'], ['brought', 'bring'], ['spent', 'spend'], ['lost', 'lose'], ['won', 'win'], ['wrote', 'write'],
  ['written', 'write'], ['began', 'begin'], ['begun', 'begin'], ['ran', 'run'], ['shipped', 'ship'], ["'ll", 'will'],
  ['better', 'good'], ['best', 'good'], ['worse', 'bad'], ['worst', 'bad'],
  ['children', 'child'], ['men', 'man'], ['women', 'woman'], ['people', 'person'], ['feet', 'foot'], ['teeth', 'tooth'],
  ['mice', 'mouse'], ['geese', 'goose'], ['these', 'this'], ['those', 'that'],
]);

/** Words ending in `s` that are not plurals (so the S-stemmer must leave them alone). */
const NOT_PLURAL: ReadonlySet<string> = new Set([
  'this', 'was', 'has', 'is', 'us', 'yes', 'his', 'its', 'as', 'always', 'perhaps', 'news', 'series', 'species',
  'less', 'unless', 'across', 'thus', 'plus', 'bus', 'gas', 'lens', 'chaos', 'bias', 'canvas', 'atlas', 'alias',
  'status', 'campus', 'virus', 'bonus', 'focus', 'census', 'analysis', 'basis', 'crisis', 'thesis', 'diagnosis',
  'upstairs', 'downstairs', 'sometimes', 'afterwards', 'towards', 'nevertheless', 'whereas', 'besides', 'does',
  'goes', 'ones', 'christmas', 'glasses', 'pants', 'jeans', 'scissors', 'thanks', 'logistics', 'analytics',
]);

/**
 * A cheap lemma-like form of a lower-case word: a table of irregular forms (`was` -> `be`, `better` -> `good`,
 * `people` -> `person`), then the S-stemmer of Harman 1991 ("How effective is suffixing?", JASIS 42(1)) for
 * regular plurals: `-ies` -> `-y` (not `-eies`, `-aies`), `-es` -> `-e` (not `-aes`, `-ees`, `-oes`), `-s` -> ``
 * (not `-us`, `-ss`), with a short list of words that only look plural. Unlike a stem it stays a readable word,
 * which suits theme labels; it does not touch verb inflections beyond the table (`-ing`, `-ed` are kept).
 *
 * Cost: O(length).
 *
 * @throws FeedbackMinerError INVALID_ARGUMENT when `word` is not a string.
 * @example lemma('deliveries') // => 'delivery'
 * @example lemma('was')        // => 'be'
 * @example lemma('boxes')      // => 'boxe'  (Harman's rule is that blunt: it stays consistent, not exact)
 */
export function lemma(word: string): string {
  assertString('lemma', 'word', word);
  const irregular = IRREGULAR.get(word);
  if (irregular !== undefined) return irregular;
  const n = word.length;
  if (n < 4 || word.charCodeAt(n - 1) !== 115 /* s */ || NOT_PLURAL.has(word)) return word;
  if (word.endsWith('ies') && !word.endsWith('eies') && !word.endsWith('aies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('es') && !word.endsWith('aes') && !word.endsWith('ees') && !word.endsWith('oes')) return word.slice(0, -1);
  if (word.endsWith('us') || word.endsWith('ss') || word.endsWith("'s")) return word;
  return word.slice(0, -1);
}
