import { assertArray, assertNumberOption, assertOptions, assertString, fail } from '../../errors';
import { escapeHtml } from '../escape';
import { formatNumber, formatSignedPercent, formatTick, formatTime } from '../format';
import type { ReportAnomaly, ReportBandPoint, ReportChangePoint, ReportEvent, ReportPoint } from '../types';
import { coord, openSvg, truncate } from './common';
import { niceTicks } from './niceTicks';
import { palette } from './palette';
import { buildXAxis } from './timeAxis';

/** Options of `timeSeriesSvg`. */
export interface TimeSeriesSvgOptions {
  /** The chart's accessible name, also shown above the plot. */
  readonly title: string;
  /** A longer text alternative (`<desc>`); one is written from the data when absent. */
  readonly description?: string;
  /** Prefix of the element ids; must be unique in the page (default `"ts"`). */
  readonly id?: string;
  readonly yLabel?: string;
  readonly xLabel?: string;
  /** Default 720 by 260 pixels. */
  readonly width?: number;
  readonly height?: number;
  readonly band?: readonly ReportBandPoint[];
  readonly anomalies?: readonly ReportAnomaly[];
  readonly changePoints?: readonly ReportChangePoint[];
  readonly events?: readonly ReportEvent[];
}

const WHERE = 'timeSeriesSvg';

function finite(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Splits points into runs of finite coordinates, so that missing values show as gaps, not as zeros. */
function runs(points: ReadonlyArray<readonly [number | undefined, number]>): Array<Array<readonly [number, number]>> {
  const result: Array<Array<readonly [number, number]>> = [];
  let current: Array<readonly [number, number]> = [];
  for (const [x, y] of points) {
    if (x !== undefined && Number.isFinite(x) && Number.isFinite(y)) current.push([x, y]);
    else if (current.length > 0) {
      result.push(current);
      current = [];
    }
  }
  if (current.length > 0) result.push(current);
  return result;
}

function pathOf(run: ReadonlyArray<readonly [number, number]>): string {
  return run.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${coord(x)} ${coord(y)}`).join('');
}

/**
 * A time-series chart as an SVG string: the observed line, the expected band (and expected line), anomalies as
 * triangles pointing their way (vermillion down, green up, each with a tooltip `<title>`), change points as
 * dashed rules with the level before and after drawn as dotted steps, and dated events. Axes are labelled, y
 * ticks are Heckbert (1990) nice numbers, x ticks fall on calendar days, months or years. Missing (non-finite)
 * values are drawn as gaps and counted in the text alternative and on the chart. No scripts, no external
 * resources: the string is a valid standalone SVG file and can be inlined in HTML.
 *
 * Cost: O(n + a + c + e) for n points, a anomalies, c change points and e events.
 * @throws FeedbackMinerError INVALID_ARGUMENT when `series` is not an array or `options.title` is not a string;
 *   INVALID_OPTION when `options.width` is not an integer from 200 to 4000 or `options.height` from 120 to 2000.
 * @example timeSeriesSvg([{ t: '2026-01-05', value: 10 }, { t: '2026-01-12', value: 4 }], { title: 'Units' })
 * // => '<svg xmlns="http://www.w3.org/2000/svg" class="fm-chart fm-timeseries" width="720" height="260" ...'
 */
export function timeSeriesSvg(series: readonly ReportPoint[], options: TimeSeriesSvgOptions): string {
  assertArray(WHERE, 'series', series);
  if (options === null || typeof options !== 'object') fail('INVALID_ARGUMENT', WHERE, 'options', 'an object', options);
  assertOptions(WHERE, options);
  assertString(WHERE, 'options.title', options.title);
  const width = options.width ?? 720;
  const height = options.height ?? 260;
  assertNumberOption(WHERE, 'options.width', width, { min: 200, max: 4000, integer: true });
  assertNumberOption(WHERE, 'options.height', height, { min: 120, max: 2000, integer: true });
  const band = options.band ?? [];
  const anomalies = options.anomalies ?? [];
  const changePoints = options.changePoints ?? [];
  const events = options.events ?? [];
  for (const [name, list] of [
    ['options.band', band],
    ['options.anomalies', anomalies],
    ['options.changePoints', changePoints],
    ['options.events', events],
  ] as const) {
    assertArray(WHERE, name, list);
  }

  const id = options.id ?? 'ts';
  const margin = { left: 62, right: 18, top: 40, bottom: options.xLabel === undefined ? 30 : 46 };
  const plotWidth = width - margin.left - margin.right;
  const xAxis = buildXAxis(
    series.map((p) => (p !== null && typeof p === 'object' ? p.t : String(p))),
    Math.max(2, Math.floor(plotWidth / 90)),
  );
  const xSpan = xAxis.max - xAxis.min;
  const xOf = (position: number): number =>
    margin.left + (xSpan === 0 ? plotWidth / 2 : ((position - xAxis.min) / xSpan) * plotWidth);
  // Marks dated outside the series would be drawn outside the plot: they are left off the chart (the report
  // still lists them, and validateReportModel warns).
  const place = (t: ReportPoint['t'], index?: number): number | undefined => {
    const position = xAxis.locate(t, index);
    return position === undefined || position < xAxis.min || position > xAxis.max ? undefined : position;
  };
  const placedChanges = changePoints
    .map((c) => ({ change: c, position: place(c?.t ?? '', c?.index) }))
    .filter((c): c is { change: ReportChangePoint; position: number } => c.position !== undefined)
    .sort((a, b) => a.position - b.position);
  // Change-point labels go in up to three rows above the plot, each in the first row where it does not overlap
  // the previous label (greedy interval packing); a label with no room is left to the tooltip and the table.
  const LANES = 3;
  const laneEnds: number[] = [];
  const changeLabels = placedChanges.map(({ change, position }) => {
    const relative = finite(change.before) && change.before !== 0 && finite(change.after) ? change.after / change.before - 1 : Number.NaN;
    const text = `level ${formatSignedPercent(relative, 0)}`;
    const x = xOf(position);
    const textWidth = text.length * 6.3;
    const anchorEnd = x > margin.left + plotWidth - textWidth - 8;
    const left = anchorEnd ? x - 4 - textWidth : x + 4;
    let lane = laneEnds.findIndex((end) => end < left - 6);
    if (lane < 0 && laneEnds.length < LANES) lane = laneEnds.length;
    if (lane >= 0) laneEnds[lane] = left + textWidth;
    return { text, relative, anchorEnd, lane };
  });
  margin.top += 12 * Math.max(0, laneEnds.length - 1);
  const plotHeight = height - margin.top - margin.bottom;
  const missing = series.filter((p) => !finite(p?.value)).length;

  const ys: number[] = [];
  const pushY = (...values: unknown[]): void => {
    for (const v of values) if (finite(v)) ys.push(v);
  };
  for (const p of series) pushY(p?.value);
  for (const b of band) pushY(b?.lower, b?.upper, b?.expected);
  for (const a of anomalies) pushY(a?.value, a?.expected);
  for (const c of changePoints) pushY(c?.before, c?.after);

  const description =
    options.description ??
    describeSeries(series, anomalies, changePoints, missing);
  const parts: string[] = [
    openSvg({ id, width, height, title: options.title, description, className: 'fm-chart fm-timeseries' }),
  ];

  if (ys.length === 0 || series.length === 0) {
    parts.push(
      `<rect x="${margin.left}" y="${margin.top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="${palette.grid}"/>`,
      `<text x="${coord(margin.left + plotWidth / 2)}" y="${coord(margin.top + plotHeight / 2)}" text-anchor="middle" font-size="13" fill="${palette.muted}">No data to plot</text>`,
      '</svg>',
    );
    return parts.join('');
  }

  let yMin = Math.min(...ys);
  let yMax = Math.max(...ys);
  // Sales levels read more honestly against zero unless zero would squash the data into a sliver.
  if (yMin >= 0 && yMin <= yMax * 0.5) yMin = 0;
  const yScale = niceTicks(yMin, yMax, Math.max(3, Math.min(6, Math.floor(plotHeight / 40))));
  yMin = yScale.min;
  yMax = yScale.max;
  const yOf = (value: number): number => margin.top + plotHeight - ((value - yMin) / (yMax - yMin)) * plotHeight;

  // Grid and y axis.
  parts.push('<g class="fm-grid">');
  for (const tick of yScale.ticks) {
    const y = coord(yOf(tick));
    parts.push(
      `<line x1="${margin.left}" x2="${margin.left + plotWidth}" y1="${y}" y2="${y}" stroke="${palette.grid}" stroke-width="1"/>`,
      `<text x="${margin.left - 8}" y="${y}" dy="0.32em" text-anchor="end" font-size="11" fill="${palette.muted}">${escapeHtml(formatTick(tick, yScale.step, yMax))}</text>`,
    );
  }
  parts.push('</g>');

  // Expected band, split at gaps.
  const bandPoints = band
    .map((b) => ({ x: place(b?.t ?? ''), lower: b?.lower, upper: b?.upper, expected: b?.expected }))
    .filter((b): b is { x: number; lower: number; upper: number; expected: number } => b.x !== undefined);
  let bandRun: Array<{ x: number; lower: number; upper: number }> = [];
  const bandPolygons: string[] = [];
  const flushBand = (): void => {
    if (bandRun.length > 1) {
      const upper = bandRun.map((b) => `${coord(xOf(b.x))},${coord(yOf(b.upper))}`);
      const lower = [...bandRun].reverse().map((b) => `${coord(xOf(b.x))},${coord(yOf(b.lower))}`);
      bandPolygons.push(`<polygon points="${[...upper, ...lower].join(' ')}" fill="${palette.band}" stroke="none"/>`);
    }
    bandRun = [];
  };
  for (const b of bandPoints) {
    if (finite(b.lower) && finite(b.upper)) bandRun.push({ x: b.x, lower: b.lower, upper: b.upper });
    else flushBand();
  }
  flushBand();
  const hasBand = bandPolygons.length > 0;
  if (hasBand) {
    parts.push(`<g class="fm-band">${bandPolygons.join('')}</g>`);
    const expectedRuns = runs(bandPoints.map((b) => [xOf(b.x), finite(b.expected) ? yOf(b.expected) : Number.NaN] as const));
    if (expectedRuns.length > 0) {
      parts.push(
        `<path d="${expectedRuns.map(pathOf).join('')}" fill="none" stroke="${palette.series}" stroke-opacity="0.55" stroke-width="1.2" stroke-dasharray="4 3"/>`,
      );
    }
  }

  // Events: dotted rules with a short label, in time order; a label that would run into the previous one (or
  // off the plot) is left to the tooltip.
  const placedEvents = events
    .map((event) => ({ event, position: place(event?.t ?? '') }))
    .filter((e): e is { event: ReportEvent; position: number } => e.position !== undefined)
    .sort((a, b) => a.position - b.position);
  let eventLabelEnd = -Infinity;
  for (const { event, position } of placedEvents) {
    const x = xOf(position);
    const label = String(event.label ?? '');
    const shown = truncate(label, 22);
    const textWidth = Array.from(shown).length * 5.6;
    const fits = x + 3 > eventLabelEnd + 4 && x + 3 + textWidth <= margin.left + plotWidth;
    if (fits) eventLabelEnd = x + 3 + textWidth;
    parts.push(
      `<g class="fm-event"><title>${escapeHtml(`${formatTime(event.t)}: ${label}`)}</title>` +
        `<line x1="${coord(x)}" x2="${coord(x)}" y1="${margin.top}" y2="${margin.top + plotHeight}" stroke="${palette.event}" stroke-width="1" stroke-dasharray="1 3"/>` +
        (fits ? `<text x="${coord(x)}" y="${margin.top + plotHeight - 4}" dx="3" font-size="10" fill="${palette.muted}">${escapeHtml(shown)}</text>` : '') +
        '</g>',
    );
  }

  // Change points: a dashed rule, and the level of each segment as a dotted step.
  placedChanges.forEach(({ change, position }, i) => {
    const x = xOf(position);
    const segmentStart = i === 0 ? xAxis.min : (placedChanges[i - 1]?.position ?? xAxis.min);
    const segmentEnd = i === placedChanges.length - 1 ? xAxis.max : (placedChanges[i + 1]?.position ?? xAxis.max);
    const { text: label, relative, anchorEnd, lane } = changeLabels[i] ?? { text: '', relative: Number.NaN, anchorEnd: false, lane: -1 };
    const labelY = margin.top - 7 - 12 * Math.max(lane, 0);
    const tooltip = `Change point ${formatTime(change.t)}: level ${formatNumber(change.before)} before, ${formatNumber(change.after)} after (${formatSignedPercent(relative)})`;
    parts.push(`<g class="fm-change"><title>${escapeHtml(tooltip)}</title>`);
    parts.push(
      `<line x1="${coord(x)}" x2="${coord(x)}" y1="${lane < 0 ? margin.top : labelY + 3}" y2="${margin.top + plotHeight}" stroke="${palette.change}" stroke-width="1.5" stroke-dasharray="6 4"/>`,
    );
    if (finite(change.before) && i === 0) {
      const y = coord(yOf(change.before));
      parts.push(`<line x1="${coord(xOf(segmentStart))}" x2="${coord(x)}" y1="${y}" y2="${y}" stroke="${palette.change}" stroke-width="1.5" stroke-dasharray="2 3"/>`);
    }
    if (finite(change.after)) {
      const y = coord(yOf(change.after));
      parts.push(`<line x1="${coord(x)}" x2="${coord(xOf(segmentEnd))}" y1="${y}" y2="${y}" stroke="${palette.change}" stroke-width="1.5" stroke-dasharray="2 3"/>`);
    }
    if (lane >= 0) {
      parts.push(
        `<text x="${coord(x)}" y="${coord(labelY)}" dx="${anchorEnd ? -4 : 4}" text-anchor="${anchorEnd ? 'end' : 'start'}" font-size="11" font-weight="600" fill="${palette.change}">${escapeHtml(label)}</text>`,
      );
    }
    parts.push('</g>');
  });

  // The observed series.
  const seriesRuns = runs(
    series.map((p, i) => [xAxis.positions[i] === undefined ? undefined : xOf(xAxis.positions[i] as number), finite(p?.value) ? yOf(p.value) : Number.NaN] as const),
  );
  parts.push(
    `<path class="fm-series" d="${seriesRuns.map(pathOf).join('')}" fill="none" stroke="${palette.series}" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/>`,
  );
  // A lone point between gaps has no line: give it a dot so it is not lost.
  for (const run of seriesRuns) {
    const only = run.length === 1 ? run[0] : undefined;
    if (only !== undefined) parts.push(`<circle cx="${coord(only[0])}" cy="${coord(only[1])}" r="2.5" fill="${palette.series}"/>`);
  }

  // Anomalies: triangles pointing the way the value broke out.
  for (const anomaly of anomalies) {
    if (anomaly === null || typeof anomaly !== 'object' || !finite(anomaly.value)) continue;
    const position = place(anomaly.t, anomaly.index);
    if (position === undefined) continue;
    const x = xOf(position);
    const y = yOf(anomaly.value);
    const down = anomaly.direction === 'down';
    const size = 7;
    const points = down
      ? `${coord(x - size)},${coord(y - size * 0.8)} ${coord(x + size)},${coord(y - size * 0.8)} ${coord(x)},${coord(y + size * 0.9)}`
      : `${coord(x - size)},${coord(y + size * 0.8)} ${coord(x + size)},${coord(y + size * 0.8)} ${coord(x)},${coord(y - size * 0.9)}`;
    const bandText =
      finite(anomaly.lower) && finite(anomaly.upper)
        ? `, expected range ${formatNumber(anomaly.lower)} to ${formatNumber(anomaly.upper)}`
        : '';
    const tooltip = `${formatTime(anomaly.t)}: ${formatNumber(anomaly.value)}, expected ${formatNumber(anomaly.expected)}${bandText} (${down ? 'below' : 'above'} pattern)${anomaly.event === undefined ? '' : `; ${anomaly.event}`}`;
    parts.push(
      `<g class="fm-anomaly"><title>${escapeHtml(tooltip)}</title>` +
        (!hasBand && finite(anomaly.lower) && finite(anomaly.upper)
          ? `<line x1="${coord(x)}" x2="${coord(x)}" y1="${coord(yOf(anomaly.lower))}" y2="${coord(yOf(anomaly.upper))}" stroke="${palette.series}" stroke-opacity="0.5" stroke-width="6"/>`
          : '') +
        `<polygon points="${points}" fill="${down ? palette.down : palette.up}" stroke="#ffffff" stroke-width="1.5"/></g>`,
    );
  }

  // Axes.
  const baseY = margin.top + plotHeight;
  parts.push(
    `<line x1="${margin.left}" x2="${margin.left + plotWidth}" y1="${baseY}" y2="${baseY}" stroke="${palette.axis}" stroke-width="1"/>`,
  );
  for (const tick of xAxis.ticks) {
    const x = coord(xOf(tick.value));
    parts.push(
      `<line x1="${x}" x2="${x}" y1="${baseY}" y2="${baseY + 4}" stroke="${palette.axis}"/>`,
      `<text x="${x}" y="${baseY + 16}" text-anchor="middle" font-size="11" fill="${palette.muted}">${escapeHtml(tick.label)}</text>`,
    );
  }
  if (options.xLabel !== undefined) {
    parts.push(
      `<text x="${coord(margin.left + plotWidth / 2)}" y="${height - 8}" text-anchor="middle" font-size="11" fill="${palette.muted}">${escapeHtml(options.xLabel)}</text>`,
    );
  }
  if (options.yLabel !== undefined) {
    const cy = coord(margin.top + plotHeight / 2);
    parts.push(
      `<text transform="translate(14 ${cy}) rotate(-90)" text-anchor="middle" font-size="11" fill="${palette.muted}">${escapeHtml(options.yLabel)}</text>`,
    );
  }

  // Legend: only what is drawn.
  const legend: string[] = [];
  let lx = margin.left;
  const ly = 14;
  const addLegend = (swatch: string, label: string): void => {
    legend.push(`<g transform="translate(${coord(lx)} ${ly})">${swatch}<text x="22" y="0" dy="0.32em" font-size="11" fill="${palette.ink}">${escapeHtml(label)}</text></g>`);
    lx += 30 + label.length * 6.2;
  };
  addLegend(`<line x1="0" x2="16" y1="0" y2="0" stroke="${palette.series}" stroke-width="2"/>`, options.yLabel ?? 'observed');
  if (hasBand) addLegend(`<rect x="0" y="-5" width="16" height="10" fill="${palette.band}"/>`, 'expected range');
  if (anomalies.some((a) => a?.direction === 'down')) addLegend(`<polygon points="2,-5 14,-5 8,5" fill="${palette.down}"/>`, 'drop');
  if (anomalies.some((a) => a?.direction === 'up')) addLegend(`<polygon points="2,5 14,5 8,-5" fill="${palette.up}"/>`, 'spike');
  if (placedChanges.length > 0) addLegend(`<line x1="8" x2="8" y1="-6" y2="6" stroke="${palette.change}" stroke-width="1.5" stroke-dasharray="3 2"/>`, 'change point');
  if (missing > 0) addLegend('', `${missing} missing value${missing === 1 ? '' : 's'} (gaps)`);
  parts.push(`<g class="fm-legend">${legend.join('')}</g>`, '</svg>');
  return parts.join('');
}

function describeSeries(
  series: readonly ReportPoint[],
  anomalies: readonly ReportAnomaly[],
  changePoints: readonly ReportChangePoint[],
  missing: number,
): string {
  const values = series.map((p) => p?.value).filter(finite);
  const first = series[0];
  const last = series[series.length - 1];
  const range =
    values.length === 0
      ? 'no plottable values'
      : `${series.length} points${first !== undefined && last !== undefined ? ` from ${formatTime(first.t)} to ${formatTime(last.t)}` : ''}, between ${formatNumber(Math.min(...values))} and ${formatNumber(Math.max(...values))}`;
  const found = `${anomalies.length} anomal${anomalies.length === 1 ? 'y' : 'ies'}, ${changePoints.length} change point${changePoints.length === 1 ? '' : 's'}`;
  return `${range}; ${found}${missing > 0 ? `; ${missing} missing value${missing === 1 ? '' : 's'} shown as gaps` : ''}.`;
}
