import type { ReportTime } from '../types';
import { formatDay, formatMonth, formatTick, parseTime } from '../format';
import { niceTicks } from './niceTicks';

/** One labelled tick of an x axis, at a domain value. */
export interface AxisTick {
  readonly value: number;
  readonly label: string;
}

/** An x axis for a series: the domain value of each point, the domain's ends and the ticks. */
export interface XAxis {
  /** `'time'`: ISO dates as epoch ms; `'number'`: numeric t; `'index'`: position in the series. */
  readonly kind: 'time' | 'number' | 'index';
  readonly positions: readonly number[];
  readonly min: number;
  readonly max: number;
  readonly ticks: readonly AxisTick[];
  /** Maps any report time to the domain (undefined when it cannot be placed). */
  readonly locate: (t: ReportTime, index?: number) => number | undefined;
}

const DAY = 86_400_000;

function monthIndex(ms: number): number {
  const date = new Date(ms);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

function monthStart(index: number): number {
  return Date.UTC(Math.floor(index / 12), index % 12, 1);
}

/**
 * Calendar ticks for a time span: every 1, 2, 7 or 14 days, every 1, 2, 3 or 6 months, or every nice number of
 * years, whichever is the finest that gives at most `maxTicks` ticks. Month ticks fall on the first of the
 * month (quarters on Jan, Apr, Jul, Oct), day ticks on the first point's weekday. A label carries the year on
 * the first tick and where the year changes. Cost: O(maxTicks).
 */
export function timeTicks(min: number, max: number, maxTicks: number): AxisTick[] {
  const span = Math.max(max - min, 0);
  for (const days of [1, 2, 7, 14]) {
    if (Math.floor(span / (days * DAY)) + 1 <= maxTicks) {
      const ticks: AxisTick[] = [];
      let lastYear = Number.NaN;
      for (let value = min; value <= max; value += days * DAY) {
        const year = new Date(value).getUTCFullYear();
        ticks.push({ value, label: formatDay(value, year !== lastYear) });
        lastYear = year;
      }
      return ticks;
    }
  }
  const firstMonth = monthIndex(min) + (min > monthStart(monthIndex(min)) ? 1 : 0);
  const lastMonth = monthIndex(max);
  for (const months of [1, 2, 3, 6]) {
    const start = Math.ceil(firstMonth / months) * months;
    if (Math.floor((lastMonth - start) / months) + 1 <= maxTicks) {
      const ticks: AxisTick[] = [];
      let lastYear = Number.NaN;
      for (let index = start; index <= lastMonth; index += months) {
        const value = monthStart(index);
        const year = Math.floor(index / 12);
        ticks.push({ value, label: formatMonth(value, year !== lastYear || index % 12 === 0) });
        lastYear = year;
      }
      return ticks;
    }
  }
  const firstYear = new Date(min).getUTCFullYear() + (min > Date.UTC(new Date(min).getUTCFullYear(), 0, 1) ? 1 : 0);
  const lastYear = new Date(max).getUTCFullYear();
  const years = niceTicks(firstYear, Math.max(lastYear, firstYear), Math.max(2, maxTicks));
  const step = Math.max(1, years.step);
  const ticks: AxisTick[] = [];
  for (let year = Math.ceil(firstYear / step) * step; year <= lastYear; year += step) {
    ticks.push({ value: Date.UTC(year, 0, 1), label: String(year) });
  }
  return ticks;
}

/**
 * Builds the x axis for a series' times: a calendar axis when every `t` is an ISO date, a numeric axis when
 * every `t` is a number, otherwise positions by index labelled with the `t` values. Cost: O(n + maxTicks).
 */
export function buildXAxis(times: readonly ReportTime[], maxTicks = 7): XAxis {
  const parsed = times.map((t) => (typeof t === 'string' ? parseTime(t) : undefined));
  const allDates = times.length > 0 && parsed.every((ms) => ms !== undefined);
  const allNumbers = times.length > 0 && times.every((t) => typeof t === 'number' && Number.isFinite(t));
  if (allDates || allNumbers) {
    const positions = allDates ? (parsed as number[]) : (times as number[]);
    let min = Infinity;
    let max = -Infinity;
    for (const p of positions) {
      if (p < min) min = p;
      if (p > max) max = p;
    }
    if (allDates) {
      // Band points and marks usually carry the series' own dates: look those up instead of parsing again.
      const known = new Map<string, number>();
      times.forEach((t, i) => known.set(t as string, positions[i] as number));
      return {
        kind: 'time',
        positions,
        min,
        max,
        ticks: timeTicks(min, max, maxTicks),
        locate: (t, index) =>
          (typeof t === 'string' ? (known.get(t) ?? parseTime(t)) : undefined) ?? (index === undefined ? undefined : positions[index]),
      };
    }
    const scale = niceTicks(min, max, Math.max(2, Math.min(maxTicks, 10)));
    return {
      kind: 'number',
      positions,
      min,
      max,
      ticks: scale.ticks.filter((v) => v >= min && v <= max).map((value) => ({ value, label: formatTick(value, scale.step, max) })),
      locate: (t, index) => (typeof t === 'number' && Number.isFinite(t) ? t : index === undefined ? undefined : positions[index]),
    };
  }
  const positions = times.map((_t, i) => i);
  const last = Math.max(times.length - 1, 0);
  const scale = niceTicks(0, Math.max(last, 1), Math.max(2, Math.min(maxTicks, 10)));
  const step = Math.max(1, Math.round(scale.step));
  const ticks: AxisTick[] = [];
  for (let i = 0; i <= last; i += step) ticks.push({ value: i, label: String(times[i] ?? i) });
  const byTime = new Map<string, number>();
  times.forEach((t, i) => {
    if (!byTime.has(String(t))) byTime.set(String(t), i);
  });
  return {
    kind: 'index',
    positions,
    min: 0,
    max: last,
    ticks,
    locate: (t, index) => byTime.get(String(t)) ?? (index !== undefined && index >= 0 && index <= last ? index : undefined),
  };
}
