import { CONCESSIVES, CONDITIONALS, CONTRASTS, DURATION_UNITS, IRREALIS_MARKERS, MODIFIERS, NEGATORS, NUMBER_WORDS, SHIFTERS } from './lexicon';

/** Role bits of a word in the rule layer: one lookup per word finds every role it can play. */
export const R_NEGATOR = 1;
export const R_CONTRAST = 2;
export const R_CONCESSIVE = 4;
export const R_CONDITIONAL = 8;
export const R_IRREALIS = 16;
export const R_MODAL = 32;
export const R_SHIFTER = 64;
export const R_MODIFIER = 128;
export const R_QUANTITY = 256;
export const R_FAR = 512;

export const MODALS: ReadonlySet<string> = new Set(['would', 'could', 'should', 'might']);

/** Word -> role bits. */
export const ROLES: ReadonlyMap<string, number> = (() => {
  const roles = new Map<string, number>();
  const add = (words: Iterable<string>, role: number): void => {
    for (const word of words) roles.set(word, (roles.get(word) ?? 0) | role);
  };
  add(NEGATORS, R_NEGATOR);
  add(CONTRASTS, R_CONTRAST);
  add(CONCESSIVES, R_CONCESSIVE);
  add(CONDITIONALS, R_CONDITIONAL);
  add(IRREALIS_MARKERS, R_IRREALIS);
  add(MODALS, R_MODAL);
  add(SHIFTERS, R_SHIFTER);
  add(Object.keys(MODIFIERS), R_MODIFIER);
  add([...Object.keys(NUMBER_WORDS), ...Object.keys(DURATION_UNITS)], R_QUANTITY);
  add(['far'], R_FAR);
  return roles;
})();
