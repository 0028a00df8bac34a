/**
 * Hostile inputs shared by the reliability tests: the kinds of text, numbers, dates and rows that strangers' data
 * holds (issue #9). Built once, lazily for the large ones.
 */
import { simulate } from '../../src/simulate';

/** A sentence of ordinary feedback, 54 characters. */
const SENTENCE = 'The delivery was late again and the staff were rude! ';

let megabyte: string | undefined;
let tenMegabytes: string | undefined;

/** About 1 MB (1,000,000 UTF-16 code units) of ordinary sentences. */
export function oneMegabyte(): string {
  megabyte ??= SENTENCE.repeat(Math.ceil(1_000_000 / SENTENCE.length)).slice(0, 1_000_000);
  return megabyte;
}

/** About 10 MB of ordinary sentences. */
export function tenMegabyte(): string {
  tenMegabytes ??= oneMegabyte().repeat(10);
  return tenMegabytes;
}

export const TEXTS = {
  empty: '',
  whitespace: ' \t\n\u00a0\u2028 ',
  loneHigh: 'great \ud800 service',
  loneLow: '\udc00 late delivery',
  nul: 'late\u0000delivery\u0000',
  bom: '\ufeffgreat service',
  crlf: 'Late again.\r\nRude staff.\r\n',
  cr: 'Late again.\rRude staff.\r',
  repeatedLetter: 'a'.repeat(100_000),
  repeatedBang: '!'.repeat(100_000),
  repeatedEmoji: '😀'.repeat(50_000),
  repeatedDots: '.'.repeat(100_000),
  punctuationStorm: '!?.,;:()[]{}"\'-'.repeat(7_000),
  emoticonStorm: ':-) :( '.repeat(10_000),
  combiningStorm: `e${'\u0301'.repeat(100_000)}`,
  digitsThenJunk: `${'1'.repeat(100_000)}x`,
  zeroWidth: 'late\u200b\u200b\u200bdelivery',
} as const;

/** Numbers that break naive arithmetic. */
export const NUMBERS = [NaN, Infinity, -Infinity, -0, 0, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER + 2] as const;

/** Date strings a spreadsheet or a stranger may write. */
export const DATES = {
  invalidDay: '2026-02-30',
  month13: '2026-13-01',
  usStyle: '03/04/2026',
  words: 'yesterday',
  empty: '',
  dstSpringEurope: '2026-03-29T02:30:00+01:00',
  dstFallUs: '2026-11-01T01:30:00-05:00',
  offsetBeyond: '2026-03-01T00:00:00+19:00',
  leapSecond: '2016-12-31T23:59:60Z',
} as const;

let small: ReturnType<typeof simulate> | undefined;

/** A small seeded simulation (1 product x 2 regions, 40 weeks, 4 feedback a week): valid data for every stage. */
export function smallSimulation(): ReturnType<typeof simulate> {
  small ??= simulate({ seed: 5, weeks: 40, products: 1, regions: 2, channels: 1, feedbackPerWeek: 4 });
  return small;
}

/** Deep-freezes a value (arrays, plain objects, typed arrays are left as they are: they cannot be frozen). */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value) || Object.isFrozen(value)) return value;
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return Object.freeze(value);
}

/** Weekly ISO dates from `start` (a Monday). */
export function weeks(count: number, start = Date.UTC(2026, 0, 5)): string[] {
  return Array.from({ length: count }, (_, i) => new Date(start + i * 7 * 86_400_000).toISOString().slice(0, 10));
}

/** A weekly series with a yearly-ish wiggle and one spike at `spikeAt`. */
export function weeklySeries(count: number, spikeAt = -1): { t: string; value: number }[] {
  return weeks(count).map((t, i) => ({ t, value: 100 + 10 * Math.sin((2 * Math.PI * i) / 13) + (i === spikeAt ? 80 : 0) + (i % 3) }));
}
