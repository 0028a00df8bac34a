import { assertArray, assertNumberOption, assertOptions, assertString, fail } from '../../errors';
import { escapeHtml } from '../escape';
import { formatNumber, formatPercent, formatTick } from '../format';
import { coord, openSvg, truncate } from './common';
import { niceTicks } from './niceTicks';
import { palette } from './palette';

/** One bar. */
export interface BarDatum {
  readonly label: string;
  readonly value: number;
  /** A fill colour (`#rrggbb`); default blue, vermillion for negative values. */
  readonly color?: string;
  /** Text shown after the bar instead of the formatted value. */
  readonly valueLabel?: string;
}

/** Options of `barChartSvg`. */
export interface BarChartSvgOptions {
  readonly title: string;
  readonly description?: string;
  /** Prefix of the element ids; unique in the page (default `"bars"`). */
  readonly id?: string;
  /** Default 560 pixels; the height follows from the number of bars. */
  readonly width?: number;
  /** Height of one bar row in pixels (default 24). */
  readonly rowHeight?: number;
  /** Axis label under the bars. */
  readonly xLabel?: string;
  /** `'percent'`: values are fractions, shown as 12.3% (default `'number'`). */
  readonly format?: 'number' | 'percent';
}

const WHERE = 'barChartSvg';
const HEX = /^#[0-9a-fA-F]{6}$/;

/**
 * A horizontal bar chart as an SVG string: one labelled row per bar, values after the bars, a zero line, and
 * an x axis with Heckbert (1990) nice ticks. Negative values extend left of zero (diverging bars, e.g. bias).
 * A non-finite value is drawn as an empty row marked "n/a" (never dropped). Labels longer than the label
 * column are shortened with an ellipsis; the full label is in the row's `<title>`.
 *
 * Cost: O(b) for b bars.
 * @throws FeedbackMinerError INVALID_ARGUMENT when `bars` is not an array, a bar is not an object, or
 *   `options.title` is not a string; INVALID_OPTION for a `width` outside 200-4000, a `rowHeight` outside 12-80,
 *   or a `color` that is not `#rrggbb`.
 * @example barChartSvg([{ label: 'Delivery', value: 42 }, { label: 'Price', value: 17 }], { title: 'Records per theme' })
 * // => '<svg xmlns="http://www.w3.org/2000/svg" class="fm-chart fm-bars" width="560" height="80" ...'
 */
export function barChartSvg(bars: readonly BarDatum[], options: BarChartSvgOptions): string {
  assertArray(WHERE, 'bars', bars);
  if (options === null || typeof options !== 'object') fail('INVALID_ARGUMENT', WHERE, 'options', 'an object', options);
  assertOptions(WHERE, options);
  assertString(WHERE, 'options.title', options.title);
  const width = options.width ?? 560;
  const rowHeight = options.rowHeight ?? 24;
  assertNumberOption(WHERE, 'options.width', width, { min: 200, max: 4000, integer: true });
  assertNumberOption(WHERE, 'options.rowHeight', rowHeight, { min: 12, max: 80, integer: true });
  bars.forEach((bar, i) => {
    if (bar === null || typeof bar !== 'object') fail('INVALID_ARGUMENT', WHERE, `bars[${i}]`, 'an object', bar);
    if (bar.color !== undefined && !HEX.test(bar.color)) fail('INVALID_OPTION', WHERE, `bars[${i}].color`, 'a #rrggbb colour', bar.color);
  });
  const isPercent = options.format === 'percent';
  const format = (value: number): string => (isPercent ? formatPercent(value) : formatNumber(value));

  const labelChars = Math.min(28, Math.max(4, ...bars.map((b) => Array.from(String(b.label)).length)));
  const labelWidth = Math.round(labelChars * 6.6) + 12;
  const valueWidth = 64;
  const top = 8;
  const axisHeight = options.xLabel === undefined ? 24 : 40;
  const height = top + Math.max(bars.length, 1) * rowHeight + axisHeight;
  const plotLeft = labelWidth;
  const plotWidth = Math.max(40, width - labelWidth - valueWidth);
  const values = bars.map((b) => b.value).filter((v) => typeof v === 'number' && Number.isFinite(v));
  const scale = niceTicks(Math.min(0, ...values), Math.max(0, ...values, values.length === 0 ? 1 : 0), 5);
  const xOf = (value: number): number => plotLeft + ((value - scale.min) / (scale.max - scale.min)) * plotWidth;
  const zero = xOf(0);

  const description =
    options.description ?? bars.map((b) => `${String(b.label)}: ${b.valueLabel ?? format(b.value)}`).join('; ');
  const parts: string[] = [openSvg({ id: options.id ?? 'bars', width, height, title: options.title, description, className: 'fm-chart fm-bars' })];
  const plotBottom = top + Math.max(bars.length, 1) * rowHeight;
  for (const tick of scale.ticks) {
    const x = coord(xOf(tick));
    parts.push(
      `<line x1="${x}" x2="${x}" y1="${top}" y2="${plotBottom}" stroke="${palette.grid}"/>`,
      `<text x="${x}" y="${plotBottom + 15}" text-anchor="middle" font-size="11" fill="${palette.muted}">${escapeHtml(
        isPercent ? formatPercent(tick, Math.max(0, -Math.floor(Math.log10(scale.step * 100) + 1e-9))) : formatTick(tick, scale.step, scale.max),
      )}</text>`,
    );
  }
  bars.forEach((bar, i) => {
    const y = top + i * rowHeight;
    const label = String(bar.label);
    const value = bar.value;
    const ok = typeof value === 'number' && Number.isFinite(value);
    const text = bar.valueLabel ?? (ok ? format(value) : 'n/a');
    parts.push(`<g class="fm-bar"><title>${escapeHtml(`${label}: ${text}`)}</title>`);
    parts.push(
      `<text x="${labelWidth - 8}" y="${coord(y + rowHeight / 2)}" dy="0.32em" text-anchor="end" font-size="12" fill="${palette.ink}">${escapeHtml(truncate(label, 28))}</text>`,
    );
    if (ok) {
      const x1 = Math.min(zero, xOf(value));
      const w = Math.max(Math.abs(xOf(value) - zero), value === 0 ? 0 : 1);
      const color = bar.color ?? (value < 0 ? palette.barNegative : palette.bar);
      parts.push(
        `<rect x="${coord(x1)}" y="${coord(y + rowHeight * 0.18)}" width="${coord(w)}" height="${coord(rowHeight * 0.64)}" fill="${color}" rx="2"/>`,
      );
      const after = value < 0 ? x1 - 4 : x1 + w + 4;
      parts.push(
        `<text x="${coord(after)}" y="${coord(y + rowHeight / 2)}" dy="0.32em" text-anchor="${value < 0 ? 'end' : 'start'}" font-size="11" fill="${palette.ink}">${escapeHtml(text)}</text>`,
      );
    } else {
      parts.push(
        `<text x="${coord(zero + 4)}" y="${coord(y + rowHeight / 2)}" dy="0.32em" font-size="11" fill="${palette.muted}">${escapeHtml(text)}</text>`,
      );
    }
    parts.push('</g>');
  });
  if (bars.length === 0) {
    parts.push(`<text x="${coord(plotLeft + 4)}" y="${coord(top + rowHeight / 2)}" dy="0.32em" font-size="12" fill="${palette.muted}">No data</text>`);
  }
  parts.push(`<line x1="${coord(zero)}" x2="${coord(zero)}" y1="${top}" y2="${plotBottom}" stroke="${palette.axis}"/>`);
  if (options.xLabel !== undefined) {
    parts.push(
      `<text x="${coord(plotLeft + plotWidth / 2)}" y="${height - 6}" text-anchor="middle" font-size="11" fill="${palette.muted}">${escapeHtml(options.xLabel)}</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}
