import {
  CUSTOMER_TEMPLATES,
  FILLER_TEMPLATES,
  HASHTAGS,
  OPERATIONS_TEMPLATES,
  SALES_TEMPLATES,
} from '../../src/simulate/templates';

/** Every lower-case word the phrase bank can write, plus openers and closings. */
export const BANK_VOCABULARY: ReadonlySet<string> = new Set(
  [CUSTOMER_TEMPLATES, SALES_TEMPLATES, OPERATIONS_TEMPLATES]
    .flatMap((themes) => Object.values(themes).flatMap((byPolarity) => Object.values(byPolarity).flat()))
    .concat(FILLER_TEMPLATES, Object.values(HASHTAGS).flat(), [
      'thanks thank you regards hello hey update honest review honestly team support shopco help',
      'monday tuesday wednesday thursday friday saturday sunday',
    ])
    .flatMap((template) => template.toLowerCase().match(/[a-z]+/g) ?? []),
);

/** Share of lower-case words of 4+ letters that the bank cannot write: typing slips and elongations. */
export function unknownWordShare(texts: readonly string[]): number {
  const words = texts.flatMap((text) => text.match(/(?<![\p{L}$'])[a-z]{4,}(?![\p{L}'])/gu) ?? []);
  return words.filter((word) => !BANK_VOCABULARY.has(word)).length / words.length;
}
