import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { barChartSvg } from '../../src/report/svg/barChartSvg';
import { sparklineSvg } from '../../src/report/svg/sparklineSvg';
import { timeSeriesSvg } from '../../src/report/svg/timeSeriesSvg';
import { timeTicks } from '../../src/report/svg/timeAxis';
import { deepFreeze, isWellFormedXml, thrown } from './helpers';

describe('timeSeriesSvg(series, options)', () => {
  it('timeSeriesSvg(three points, 200 x 120) places the line where hand arithmetic puts it', () => {
    // Plot area: x from 62 to 182 (200 - 62 left - 18 right), y from 40 to 90 (120 - 40 top - 30 bottom).
    // y axis 0..10 (nice ticks 0, 5, 10): 0 -> 90, 5 -> 65, 10 -> 40. x axis t = 0..2: 62, 122, 182.
    const svg = timeSeriesSvg(
      [
        { t: 0, value: 0 },
        { t: 1, value: 5 },
        { t: 2, value: 10 },
      ],
      { title: 'Units', width: 200, height: 120 },
    );
    expect(svg).toContain('class="fm-series" d="M62 90L122 65L182 40"');
    expect(svg).toContain('width="200" height="120" viewBox="0 0 200 120"');
    expect(isWellFormedXml(svg)).toBe(true);
  });

  it('timeSeriesSvg(series, { anomalies, changePoints, band }) draws triangles, rules and a band with titles', () => {
    const series = Array.from({ length: 8 }, (_v, i) => ({ t: `2026-01-${String(5 + i).padStart(2, '0')}`, value: i === 5 ? 2 : 10 }));
    const svg = timeSeriesSvg(series, {
      title: 'North <units>',
      id: 'north',
      yLabel: 'units',
      band: series.map((p) => ({ t: p.t, expected: 10, lower: 8, upper: 12 })),
      anomalies: [{ t: '2026-01-10', value: 2, expected: 10, lower: 8, upper: 12, direction: 'down' }],
      changePoints: [{ t: '2026-01-08', before: 10, after: 9 }],
      events: [{ t: '2026-01-06', label: 'Promo & <b>' }],
    });
    expect(svg).toContain('<title id="north-title">North &lt;units&gt;</title>');
    expect(svg).toContain('aria-labelledby="north-title north-desc"');
    expect(svg.match(/class="fm-anomaly"/g)).toHaveLength(1);
    expect(svg).toContain('10 Jan 2026: 2.00, expected 10.0, expected range 8.00 to 12.0 (below pattern)');
    expect(svg.match(/class="fm-change"/g)).toHaveLength(1);
    expect(svg).toContain('level -10%');
    expect(svg).toContain('<polygon points="');
    expect(svg).toContain('Promo &amp; &lt;b&gt;');
    expect(svg).not.toContain('<b>');
    expect(isWellFormedXml(svg)).toBe(true);
  });

  it('timeSeriesSvg(series with NaN) draws a gap and says so', () => {
    const svg = timeSeriesSvg(
      [
        { t: 0, value: 1 },
        { t: 1, value: 2 },
        { t: 2, value: Number.NaN },
        { t: 3, value: 3 },
        { t: 4, value: 4 },
      ],
      { title: 'Gappy' },
    );
    const path = /class="fm-series" d="([^"]*)"/.exec(svg)?.[1] ?? '';
    expect(path.match(/M/g)).toHaveLength(2);
    expect(svg).toContain('1 missing value (gaps)');
    expect(svg).toContain('1 missing value shown as gaps');
  });

  it('timeSeriesSvg(series, { many change points }) stacks labels in at most three rows without overlap', () => {
    // 40 points over 640 pixels: change points 16 pixels apart, labels about 63 pixels wide.
    const series = Array.from({ length: 40 }, (_v, i) => ({ t: i, value: 10 + i }));
    const changePoints = Array.from({ length: 20 }, (_v, i) => ({ t: i + 5, before: 10 + i, after: 11 + i }));
    const svg = timeSeriesSvg(series, { title: 'Busy', changePoints });
    expect(svg.match(/class="fm-change"/g)).toHaveLength(20);
    const labels = [...svg.matchAll(/<text x="([\d.]+)" y="([\d.]+)" dx="4" text-anchor="start" font-size="11" font-weight="600"[^>]*>([^<]*)</g)].map(
      (m) => ({ x: Number(m[1]) + 4, y: Number(m[2]), width: (m[3] ?? '').length * 6.3 }),
    );
    expect(labels.length).toBeGreaterThan(0);
    expect(labels.length).toBeLessThan(20);
    expect(new Set(labels.map((l) => l.y)).size).toBeLessThanOrEqual(3);
    for (const a of labels) {
      for (const b of labels) {
        if (a !== b && a.y === b.y) expect(a.x + a.width <= b.x || b.x + b.width <= a.x).toBe(true);
      }
    }
  });

  it('timeSeriesSvg(series, { events close together }) labels the first and keeps the second as a tooltip', () => {
    const series = Array.from({ length: 52 }, (_v, i) => ({ t: i, value: i }));
    const svg = timeSeriesSvg(series, {
      title: 'Events',
      events: [
        { t: 10, label: 'Easter weekend' },
        { t: 11, label: 'Spring promotion' },
        { t: 40, label: 'Black Friday' },
      ],
    });
    expect(svg.match(/class="fm-event"/g)).toHaveLength(3);
    expect(svg).toContain('>Easter weekend</text>');
    expect(svg).not.toContain('>Spring promotion</text>');
    expect(svg).toContain('<title>11: Spring promotion</title>');
    expect(svg).toContain('>Black Friday</text>');
  });

  it('timeSeriesSvg(series, { anomalies dated off the series }) leaves them off the plot', () => {
    const svg = timeSeriesSvg(
      [
        { t: '2026-01-05', value: 1 },
        { t: '2026-01-12', value: 2 },
      ],
      {
        title: 'Off',
        anomalies: [{ t: '2027-01-04', value: 9, expected: 1, direction: 'up' }],
        band: [{ t: '2027-01-04', expected: 1, lower: 0, upper: 2 }],
      },
    );
    expect(svg).not.toContain('fm-anomaly');
    expect(svg).not.toContain('fm-band');
  });

  it('timeSeriesSvg([], options) draws an empty frame that says there is no data', () => {
    const svg = timeSeriesSvg([], { title: 'Nothing' });
    expect(svg).toContain('No data to plot');
    expect(isWellFormedXml(svg)).toBe(true);
  });

  it('timeSeriesSvg(bad arguments) throws with the project message form', () => {
    expect(thrown(() => timeSeriesSvg('x' as never, { title: 't' })).message).toBe('timeSeriesSvg: expected series to be an array, found "x"');
    expect(thrown(() => timeSeriesSvg([], { title: 3 } as never)).message).toBe('timeSeriesSvg: expected options.title to be a string, found 3');
    const error = thrown(() => timeSeriesSvg([], { title: 't', width: 50 }));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.message).toBe('timeSeriesSvg: expected options.width to be an integer from 200 to 4000, found 50');
  });

  it('timeSeriesSvg(frozen input) does not mutate it and gives the same string twice', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(Number.NaN)), { minLength: 0, maxLength: 40 }),
        (values) => {
          const series = deepFreeze(values.map((value, i) => ({ t: i, value })));
          const anomalies = deepFreeze(series.slice(0, 2).map((p) => ({ t: p.t, value: p.value, expected: 0, direction: 'up' as const })));
          const a = timeSeriesSvg(series, { title: 'p', anomalies });
          const b = timeSeriesSvg(series, { title: 'p', anomalies });
          expect(a).toBe(b);
          expect(isWellFormedXml(a)).toBe(true);
          expect(a).not.toMatch(/NaN|Infinity/);
        },
      ),
      { seed: 42, numRuns: 150 },
    );
  });
});

describe('timeTicks(min, max, maxTicks)', () => {
  it('timeTicks(26 weeks, 7) puts monthly ticks on the first of each month', () => {
    const ticks = timeTicks(Date.UTC(2025, 9, 6), Date.UTC(2026, 2, 30), 7);
    expect(ticks.map((t) => t.label)).toEqual(['Nov 2025', 'Dec', 'Jan 2026', 'Feb', 'Mar']);
  });
  it('timeTicks(3 weeks, 7) ticks weekly from the first day', () => {
    const ticks = timeTicks(Date.UTC(2026, 0, 5), Date.UTC(2026, 0, 26), 7);
    expect(ticks.map((t) => t.label)).toEqual(['5 Jan 2026', '12 Jan', '19 Jan', '26 Jan']);
  });
  it('timeTicks(10 years, 6) ticks on nice years', () => {
    const ticks = timeTicks(Date.UTC(2015, 5, 1), Date.UTC(2025, 5, 1), 6);
    expect(ticks.map((t) => t.label)).toEqual(['2016', '2018', '2020', '2022', '2024']);
  });
});

describe('barChartSvg(bars, options)', () => {
  it('barChartSvg(bars) labels values, colours negatives and marks missing values n/a', () => {
    const svg = barChartSvg(
      [
        { label: 'Over', value: 0.094 },
        { label: 'Under', value: -0.034 },
        { label: 'Unknown', value: Number.NaN },
      ],
      { title: 'Bias per cycle', format: 'percent', id: 'bias' },
    );
    expect(svg).toContain('>9.4%</text>');
    expect(svg).toContain('>-3.4%</text>');
    expect(svg).toContain('fill="#D55E00"');
    expect(svg).toContain('<title>Unknown: n/a</title>');
    expect(svg.match(/class="fm-bar"/g)).toHaveLength(3);
    expect(isWellFormedXml(svg)).toBe(true);
  });
  it('barChartSvg(bars with a long label) shortens it and keeps the full label in the title', () => {
    const label = 'A theme label that is far too long for the label column';
    const svg = barChartSvg([{ label, value: 3 }], { title: 't' });
    expect(svg).toContain(`<title>${label}: 3.00</title>`);
    expect(svg).toContain('A theme label that is far t…');
  });
  it('barChartSvg(bars with a bad colour) throws INVALID_OPTION', () => {
    const error = thrown(() => barChartSvg([{ label: 'a', value: 1, color: 'red' }], { title: 't' }));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.message).toBe('barChartSvg: expected bars[0].color to be a #rrggbb colour, found "red"');
  });
});

describe('sparklineSvg(points, options)', () => {
  it('sparklineSvg(three points, 100 x 20) scales to its own range', () => {
    // pad 3: x = 3 + i/2 * 94 -> 3, 50, 97; y = 3 + (1 - (v - 1)/2) * 14 -> v=1: 17, v=3: 3, v=2: 10.
    const svg = sparklineSvg(
      [
        { t: 'w1', value: 1 },
        { t: 'w2', value: 3 },
        { t: 'w3', value: 2 },
      ],
      { title: 'Volume', width: 100, height: 20 },
    );
    expect(svg).toContain('d="M3 17L50 3L97 10"');
    expect(svg).toContain('<circle cx="97" cy="10"');
    expect(svg).toContain('Volume: 3 values from w1 to w3: first 1.00, last 2.00, min 1.00, max 3.00');
    expect(isWellFormedXml(svg)).toBe(true);
  });
  it('sparklineSvg(points, { height: 4 }) throws INVALID_OPTION', () => {
    expect(thrown(() => sparklineSvg([], { title: 't', height: 4 })).message).toBe(
      'sparklineSvg: expected options.height to be an integer from 8 to 400, found 4',
    );
  });
});
