import { assertArray, describeValue, fail } from '../errors';
import { parseIsoTime, toEpochMs } from './dates';

/**
 * A known event (holiday, promotion, price change, stock-out) in the caller's calendar. A date-only `start` /
 * `end` covers the whole UTC day; `end` defaults to `start`.
 */
export interface CalendarEvent {
  readonly name: string;
  readonly start: string | number;
  readonly end?: string | number;
}

/** An event as an inclusive interval of epoch ms (or of the caller's numeric t). Internal. */
export interface EventInterval {
  readonly name: string;
  readonly from: number;
  readonly to: number;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Validates and converts an event calendar. @throws FeedbackMinerError INVALID_OPTION for a malformed event. */
export function toEventIntervals(where: string, events: unknown): EventInterval[] {
  if (events === undefined) return [];
  assertArray(where, 'options.events', events);
  return events.map((event, i) => {
    const parameter = `options.events[${i}]`;
    if (event === null || typeof event !== 'object') fail('INVALID_OPTION', where, parameter, 'an object { name, start, end? }', event);
    const { name, start, end } = event as { name?: unknown; start?: unknown; end?: unknown };
    if (typeof name !== 'string' || name === '') fail('INVALID_OPTION', where, `${parameter}.name`, 'a non-empty string', name);
    const from = typeof start === 'string' || typeof start === 'number' ? toEpochMs(start) : undefined;
    if (from === undefined) fail('INVALID_OPTION', where, `${parameter}.start`, 'an ISO 8601 date or a number', start);
    const last = end ?? start;
    let to = typeof last === 'string' || typeof last === 'number' ? toEpochMs(last) : undefined;
    if (to === undefined) fail('INVALID_OPTION', where, `${parameter}.end`, 'an ISO 8601 date or a number', end);
    if (typeof last === 'string' && DATE_ONLY.test(last.trim())) to = (parseIsoTime(last) as number) + 86_400_000 - 1;
    if (to < from) fail('INVALID_OPTION', where, `${parameter}.end`, `a time on or after start (${describeValue(start)})`, end);
    return { name, from, to };
  });
}

/**
 * The event covering a point whose period runs from `key` to `key + span` (exclusive), if any: a weekly point
 * dated Monday matches a promotion on the Wednesday of that week.
 */
export function eventAt(events: readonly EventInterval[], key: number, span: number): string | undefined {
  const periodEnd = key + Math.max(span, 0);
  for (const event of events) {
    if (event.from < (span > 0 ? periodEnd : key + 1) && event.to >= key) return event.name;
  }
  return undefined;
}

/** The typical spacing between consecutive keys (the median gap), 0 for fewer than two points. Cost: O(n log n). */
export function typicalSpacing(keys: Float64Array): number {
  if (keys.length < 2) return 0;
  const gaps = new Float64Array(keys.length - 1);
  for (let i = 1; i < keys.length; i++) gaps[i - 1] = (keys[i] as number) - (keys[i - 1] as number);
  gaps.sort();
  return gaps[gaps.length >> 1] as number;
}
