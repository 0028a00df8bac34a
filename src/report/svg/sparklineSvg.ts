import { assertArray, assertNumberOption, assertOptions, assertString, fail } from '../../errors';
import { formatNumber, formatTime } from '../format';
import type { ReportPoint, ReportTime } from '../types';
import { coord, openSvg } from './common';
import { palette } from './palette';

/** Options of `sparklineSvg`. */
export interface SparklineSvgOptions {
  /** Accessible name, e.g. `"Weekly volume of Late delivery"`. */
  readonly title: string;
  /** Prefix of the element ids; unique in the page (default `"spark"`). */
  readonly id?: string;
  /** Default 120 by 28 pixels. */
  readonly width?: number;
  readonly height?: number;
  /** Line colour `#rrggbb` (default the series blue). */
  readonly color?: string;
  /** A time to mark with a vertical tick (an action's date). */
  readonly mark?: ReportTime;
}

const WHERE = 'sparklineSvg';

/**
 * A sparkline (Tufte 2006, *Beautiful Evidence*, ch. "Sparklines: intense, simple, word-sized graphics") as an
 * SVG string: the values as a line scaled to their own range, the last value as a dot, an optional mark, and a
 * text alternative giving first, last, minimum and maximum. Points are evenly spaced (it is a word-sized
 * picture of shape, not a time axis). Non-finite values break the line and are counted in the title.
 *
 * Cost: O(n).
 * @throws FeedbackMinerError INVALID_ARGUMENT when `points` is not an array or `options.title` not a string;
 *   INVALID_OPTION for a width outside 24-2000, a height outside 8-400 or a colour that is not `#rrggbb`.
 * @example sparklineSvg([{ t: 1, value: 3 }, { t: 2, value: 5 }], { title: 'Volume' })
 * // => '<svg xmlns="http://www.w3.org/2000/svg" class="fm-spark" width="120" height="28" ...'
 */
export function sparklineSvg(points: readonly ReportPoint[], options: SparklineSvgOptions): string {
  assertArray(WHERE, 'points', points);
  if (options === null || typeof options !== 'object') fail('INVALID_ARGUMENT', WHERE, 'options', 'an object', options);
  assertOptions(WHERE, options);
  assertString(WHERE, 'options.title', options.title);
  const width = options.width ?? 120;
  const height = options.height ?? 28;
  assertNumberOption(WHERE, 'options.width', width, { min: 24, max: 2000, integer: true });
  assertNumberOption(WHERE, 'options.height', height, { min: 8, max: 400, integer: true });
  const color = options.color ?? palette.series;
  if (!/^#[0-9a-fA-F]{6}$/.test(color)) fail('INVALID_OPTION', WHERE, 'options.color', 'a #rrggbb colour', color);

  const values = points.map((p) => (p !== null && typeof p === 'object' && typeof p.value === 'number' ? p.value : Number.NaN));
  const finiteValues = values.filter((v) => Number.isFinite(v));
  const missing = values.length - finiteValues.length;
  const pad = 3;
  const min = finiteValues.length === 0 ? 0 : Math.min(...finiteValues);
  const max = finiteValues.length === 0 ? 1 : Math.max(...finiteValues);
  const xOf = (i: number): number => pad + (values.length <= 1 ? (width - 2 * pad) / 2 : (i / (values.length - 1)) * (width - 2 * pad));
  const yOf = (v: number): number => (max === min ? height / 2 : pad + (1 - (v - min) / (max - min)) * (height - 2 * pad));

  const firstPoint = points[0];
  const lastPoint = points[points.length - 1];
  const lastFinite = [...values].reverse().find((v) => Number.isFinite(v));
  const summary =
    finiteValues.length === 0
      ? 'no values'
      : `${points.length} values${firstPoint !== undefined && lastPoint !== undefined ? ` from ${formatTime(firstPoint.t)} to ${formatTime(lastPoint.t)}` : ''}: first ${formatNumber(finiteValues[0])}, last ${formatNumber(lastFinite)}, min ${formatNumber(min)}, max ${formatNumber(max)}${missing > 0 ? `, ${missing} missing` : ''}`;
  const parts = [openSvg({ id: options.id ?? 'spark', width, height, title: `${options.title}: ${summary}`, className: 'fm-spark' })];

  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (Number.isFinite(v)) {
      d += `${pen ? 'L' : 'M'}${coord(xOf(i))} ${coord(yOf(v))}`;
      pen = true;
    } else pen = false;
  });
  if (options.mark !== undefined) {
    const index = points.findIndex((p) => String(p?.t) === String(options.mark));
    if (index >= 0) {
      const x = coord(xOf(index));
      parts.push(`<line x1="${x}" x2="${x}" y1="0" y2="${height}" stroke="${palette.change}" stroke-width="1" stroke-dasharray="2 2"/>`);
    }
  }
  if (d !== '') parts.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="1.5" stroke-linejoin="round" stroke-linecap="round"/>`);
  const lastIndex = values.length - 1 - [...values].reverse().findIndex((v) => Number.isFinite(v));
  const lastValue = values[lastIndex];
  if (finiteValues.length > 0 && lastValue !== undefined) {
    parts.push(`<circle cx="${coord(xOf(lastIndex))}" cy="${coord(yOf(lastValue))}" r="2.2" fill="${color}"/>`);
  }
  parts.push('</svg>');
  return parts.join('');
}
