import { assertArray, assertOptions, fail } from '../errors';
import type { Rejected } from '../records';
import { getCompromise } from '../text/compromise';
import { tokenizeNormsNegated } from '../text/tokenizeNorms';

/** Theme name -> rules. A rule is a plain word or phrase, a `*` wildcard pattern, or a compromise match. */
export type Taxonomy = Readonly<Record<string, readonly string[]>>;

/** Which rule tagged a text with a theme. */
export interface ThemeMatch {
  readonly theme: string;
  readonly rule: string;
  /** `'term'` (plain words), `'wildcard'` (`*` patterns) or `'match'` (compromise match syntax). */
  readonly kind: 'term' | 'wildcard' | 'match';
  /** The text the rule matched (norms for term and wildcard rules, the original words for compromise). */
  readonly matched: string;
}

/** What tagging adds to each record. */
export interface Tagged {
  /** Themes whose rules matched, in taxonomy order (multi-label; empty when none did). */
  readonly themes: string[];
  /** The first matching rule of each theme, with what it matched. */
  readonly themeMatches: ThemeMatch[];
}

export interface TagThemesOptions<R> {
  /** Where the text is (default `r => r.text`; a string input is its own text). */
  readonly text?: (record: R) => string;
  /** Do not count term and wildcard matches inside a negation scope (`not late`) (default false). */
  readonly ignoreNegated?: boolean;
}

export interface TagThemesResult<R> {
  /** New records in input order (a string input becomes `{ text }`), each with `themes` and `themeMatches`. */
  readonly records: ((R extends string ? { text: string } : R) & Tagged)[];
  /** Number of records tagged with each theme, in taxonomy order. */
  readonly counts: Record<string, number>;
  /** Records with no theme. */
  readonly untagged: number;
  /** Records without a usable text (tagged with nothing). */
  readonly rejected: Rejected[];
  readonly warnings: string[];
}

type CompiledRule =
  | { kind: 'term' | 'wildcard'; rule: string; words: (string | Wildcard)[] }
  | { kind: 'match'; rule: string };

const WHERE = 'tagThemes';
const MATCH_SYNTAX = /[#()|[\]{}~@^$!?+]/;

/** A compiled wildcard word: `*` stands for any run of letters (possibly none). */
interface Wildcard {
  test(norm: string): boolean;
}

const LETTER = /^\p{L}$/u;
const STAR = -1;

/**
 * Compiles one wildcard word (`'delay*'`, `'*charge*'`) to a matcher that runs in O(n * m) for a norm of n code
 * points and a pattern of m, by dynamic programming over (norm prefix, pattern prefix) as for glob matching. The
 * regular expression it replaces, `^a\p{L}*b\p{L}*c$`, backtracks in O(n^k) for k stars on a norm that fails
 * late (`'*a*a*a*'` against 5,000 letters and a digit).
 */
function wildcard(part: string): Wildcard {
  const pattern = Array.from(part, (c) => (c === '*' ? STAR : (c.codePointAt(0) as number)));
  const m = pattern.length;
  return {
    test(norm: string): boolean {
      // reach[j]: the pattern's first j elements match the norm's code points read so far.
      let reach = new Uint8Array(m + 1);
      let next = new Uint8Array(m + 1);
      reach[0] = 1;
      for (let j = 1; j <= m && pattern[j - 1] === STAR; j++) reach[j] = 1;
      for (const c of norm) {
        const code = c.codePointAt(0) as number;
        const letter = LETTER.test(c);
        next[0] = 0;
        for (let j = 1; j <= m; j++) {
          const element = pattern[j - 1];
          next[j] = element === STAR ? (next[j - 1] === 1 || (reach[j] === 1 && letter) ? 1 : 0) : reach[j - 1] === 1 && element === code ? 1 : 0;
        }
        [reach, next] = [next, reach];
      }
      return reach[m] === 1;
    },
  };
}

function compileRule(theme: string, rule: unknown): CompiledRule {
  if (typeof rule !== 'string' || rule.trim() === '') {
    fail('INVALID_ARGUMENT', WHERE, `taxonomy[${JSON.stringify(theme)}][]`, 'a non-empty string rule', rule);
  }
  const trimmed = rule.trim();
  if (MATCH_SYNTAX.test(trimmed)) return { kind: 'match', rule };
  const parts = trimmed.toLowerCase().split(/\s+/);
  if (!trimmed.includes('*')) return { kind: 'term', rule, words: parts };
  return {
    kind: 'wildcard',
    rule,
    words: parts.map((part) =>
      part.includes('*')
        ? wildcard(part)
        : part,
    ),
  };
}

function matchWords(
  norms: readonly string[],
  negated: readonly boolean[],
  words: readonly (string | Wildcard)[],
  ignoreNegated: boolean,
): string | undefined {
  outer: for (let start = 0; start + words.length <= norms.length; start++) {
    for (let w = 0; w < words.length; w++) {
      const norm = norms[start + w]!;
      const word = words[w]!;
      if (typeof word === 'string' ? norm !== word : !word.test(norm)) continue outer;
      if (ignoreNegated && negated[start + w] === true) continue outer;
    }
    return norms.slice(start, start + words.length).join(' ');
  }
  return undefined;
}

/**
 * Rule-based, multi-label theme tagging for teams that already have a theme list (what commercial feedback
 * tools call topic queries). Each theme has rules, tried in order; the first that matches tags the text:
 *
 * - a plain word or phrase (`'late'`, `'customer service'`): the same words in sequence, case-insensitive,
 *   on the text stage's norms (so `can't` is `can not`);
 * - a wildcard pattern (`'delay*'`, `'*charge*'`): `*` stands for any letters within one word;
 * - a compromise match expression (any rule with `#`, `()`, `|`, `[]`, `{}`, `~`, `@`, `!`, `?`, `+`, `^`, `$`):
 *   `'#Value (days|weeks)'`, `'(rude|unfriendly) #Noun'`, evaluated by compromise (Kelly, compromise 14, MIT),
 *   loaded on first use and only when such a rule exists.
 *
 * Every match is reported with its rule, so a tag can always be explained. Records without a text are not
 * dropped: they are reported in `rejected` and carry no theme.
 *
 * Cost: O(T * R * w) for T tokens, R plain/wildcard rules of w words; plus compromise's parse of each text
 * (roughly a millisecond a sentence) when a match rule exists.
 * @throws FeedbackMinerError INVALID_ARGUMENT when `records` is not an array or the taxonomy is malformed;
 *   INVALID_OPTION for a bad option; DEPENDENCY_UNAVAILABLE when a match rule needs compromise and it cannot load
 * @example
 * tagThemes([{ text: 'Delivery delayed by 3 weeks' }], { 'late delivery': ['late', 'delay*', '#Value (days|weeks)'] }).records[0].themeMatches
 * // => [{ theme: 'late delivery', rule: 'delay*', kind: 'wildcard', matched: 'delayed' }]
 */
export function tagThemes<R extends object | string>(
  records: readonly R[],
  taxonomy: Taxonomy,
  options?: TagThemesOptions<R>,
): TagThemesResult<R> {
  assertArray(WHERE, 'records', records);
  if (taxonomy === null || typeof taxonomy !== 'object' || Array.isArray(taxonomy)) {
    fail('INVALID_ARGUMENT', WHERE, 'taxonomy', 'an object of theme -> rules', taxonomy);
  }
  assertOptions(WHERE, options);
  const textOf = options?.text;
  if (textOf !== undefined && typeof textOf !== 'function') fail('INVALID_OPTION', WHERE, 'options.text', 'a function', textOf);
  const ignoreNegated = options?.ignoreNegated ?? false;
  if (typeof ignoreNegated !== 'boolean') fail('INVALID_OPTION', WHERE, 'options.ignoreNegated', 'a boolean', ignoreNegated);
  const themes = Object.entries(taxonomy).map(([theme, rules]) => {
    if (!Array.isArray(rules)) fail('INVALID_ARGUMENT', WHERE, `taxonomy[${JSON.stringify(theme)}]`, 'an array of rules', rules);
    return { theme, rules: rules.map((rule) => compileRule(theme, rule)) };
  });
  const needsCompromise = themes.some((t) => t.rules.some((r) => r.kind === 'match'));
  const nlp = needsCompromise ? getCompromise(WHERE) : undefined;
  const counts: Record<string, number> = Object.fromEntries(themes.map((t) => [t.theme, 0]));
  const rejected: Rejected[] = [];
  let untagged = 0;
  const out = records.map((record, row) => {
    let text: unknown;
    if (typeof record === 'string') text = record;
    else if (record !== null && typeof record === 'object') text = textOf ? textOf(record) : (record as { text?: unknown }).text;
    const base = (typeof record === 'string' ? { text: record } : record) as R extends string ? { text: string } : R;
    if (typeof text !== 'string') {
      rejected.push({ row, field: 'text', reason: text === undefined ? 'missing text' : `expected a string, found ${text === null ? 'null' : typeof text}` });
      untagged++;
      return { ...base, themes: [], themeMatches: [] };
    }
    const { norms, negated } = tokenizeNormsNegated(text);
    let doc: { match(rule: string): { found: boolean; text(): string } } | undefined;
    const matches: ThemeMatch[] = [];
    for (const { theme, rules } of themes) {
      for (const rule of rules) {
        let matched: string | undefined;
        if (rule.kind === 'match') {
          doc ??= nlp(text);
          const found = doc?.match(rule.rule);
          if (found?.found) matched = found.text();
        } else {
          matched = matchWords(norms, negated, rule.words, ignoreNegated);
        }
        if (matched !== undefined) {
          matches.push({ theme, rule: rule.rule, kind: rule.kind, matched });
          counts[theme] = (counts[theme] ?? 0) + 1;
          break;
        }
      }
    }
    if (matches.length === 0) untagged++;
    return { ...base, themes: matches.map((m) => m.theme), themeMatches: matches };
  });
  const warnings: string[] = [];
  if (rejected.length > 0) warnings.push(`${rejected.length} record(s) had no text and were not tagged`);
  if (themes.length === 0) warnings.push('the taxonomy has no themes');
  return { records: out, counts, untagged, rejected, warnings };
}
