import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { renderHtml } from '../../src/report/renderHtml';
import type { ReportModel } from '../../src/report/types';
import { sampleModel } from './fixtures/sampleModel';
import { clone, deepFreeze, isWellFormedXml, thrown } from './helpers';

const frozen = deepFreeze(clone(sampleModel));

function svgs(html: string): string[] {
  return html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
}

describe('renderHtml(model)', () => {
  const html = renderHtml(frozen);

  it('renderHtml(model) is one self-contained document: no scripts, no external resources', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    // The only absolute URL is the SVG namespace name, which is never fetched.
    expect(html.match(/https?:\/\/[^"]*/g)?.every((u) => u === 'http://www.w3.org/2000/svg')).toBe(true);
  });

  it('renderHtml(model with a <script> quote) escapes it', () => {
    expect(html).toContain('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt; back-order AGAIN?!');
    expect(html).not.toContain('<script>alert');
  });

  it('renderHtml(model) draws every chart: bars, sparklines, one time series per segment', () => {
    const all = svgs(html);
    // 1 NPS mix + 1 theme bars + 6 theme sparklines + 3 segment sparklines + 3 segment charts + 1 forecast bars
    // + 2 action sparklines.
    expect(all).toHaveLength(17);
    expect(all.filter((s) => s.includes('fm-timeseries'))).toHaveLength(3);
    for (const svg of all) {
      expect(isWellFormedXml(svg)).toBe(true);
      expect(svg).toMatch(/<title/);
    }
  });

  it('renderHtml(model) gives unique element ids', () => {
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('renderHtml(model) shows headline changes versus the previous period with their tone', () => {
    // NPS 17.8 vs 27.1: -9.3 points, worse. Volume 4797 / 3950 - 1 = +21.4%, neutral.
    // Units 51230 / 53904 - 1 = -4.96%, worse. WAPE 18.2% vs 14.1%: +4.1 points, worse (lower is better).
    expect(html).toContain('<div class="value">+18</div><div class="change bad"><span aria-hidden="true">▼ 9.3 pts</span>');
    expect(html).toContain('<div class="change neutral"><span aria-hidden="true">▲ 21.4%</span>');
    expect(html).toContain('<div class="change bad"><span aria-hidden="true">▼ 5.0%</span>');
    expect(html).toContain('<div class="change bad"><span aria-hidden="true">▲ 4.1 pts</span>');
    expect(html).toContain('<span class="sr">down 9.3 pts</span>');
    expect(html).toContain('95% CI 11.9 to 23.7 · n = 912');
  });

  it('renderHtml(model) gives an overview of the segments with their largest break', () => {
    // North: drops of 255/420 - 1 = -39.3% and 242/420 - 1 = -42.4%: the largest is -42.4%.
    expect(html).toContain('<a href="#segment-0-h">Brewmaster 2 / North / Online</a>');
    expect(html).toMatch(/<td class="num">2<\/td><td class="num">0<\/td><td class="num bad">-42\.4%<\/td>/);
  });

  it('renderHtml(model) lists each break with its deviation and explanation', () => {
    // 2026-02-02 change point: 254 / 318 - 1 = -20.1%.
    expect(html).toContain('<td class="date">2 Feb 2026</td><td class="bad">Change of level</td><td class="num">254 after</td><td class="num">318 before</td><td class="num bad">-20.1%</td>');
    expect(html).toContain('<strong>Out of stock</strong> ×3.4 (96 records against 28.2 expected, p &lt; 0.001)');
    expect(html).toContain('No feedback theme rose before this break');
  });

  it('renderHtml(model) reports data quality: counts, grouped reasons, first rows and warnings', () => {
    expect(html).toContain('<th scope="row">feedback.csv</th><td class="num">4,812</td><td class="num">4,797</td><td class="num bad">15</td><td class="num">0.31%</td>');
    expect(html).toContain('<td>feedback.csv</td><td>text</td><td>empty text</td><td class="num">3</td>');
    expect(html).toContain('<td>sales.csv</td><td>units</td><td>not a number</td><td class="num">1</td>');
    // The model's own bad data (a NaN sales value) is reported, not dropped.
    expect(html).toContain('Segment &quot;Grind Pro / North / Retail&quot;: 1 of 26 units values is missing or not a number; drawn as gaps.');
  });

  it('renderHtml(model) gives the same bytes twice and leaves a frozen model alone', () => {
    expect(renderHtml(frozen)).toBe(html);
  });

  it('renderHtml({ version: 1, title }) renders a minimal model', () => {
    const minimal = renderHtml({ version: 1, title: 'Empty' });
    expect(minimal).toContain('<h1>Empty</h1>');
    expect(minimal).not.toContain('id="themes"');
    expect(svgs(minimal)).toHaveLength(0);
  });

  it('renderHtml(model with empty sections) says none was found', () => {
    const empty = renderHtml({ version: 1, title: 'E', themes: [], segments: [], actions: [], forecast: { cycles: [] } });
    expect(empty).toContain('No themes found in this period.');
    expect(empty).toContain('No segments analysed.');
    expect(empty).toContain('No actions recorded.');
    expect(empty).toContain('No forecasts with actuals to score.');
  });

  it('renderHtml(model, { maxSegments: 1, maxQuotes: 1 }) lists the other segments in a table', () => {
    const short = renderHtml(frozen, { maxSegments: 1, maxQuotes: 1 });
    expect(svgs(short).filter((s) => s.includes('fm-timeseries'))).toHaveLength(1);
    expect(short).toContain('<h3>2 more segments</h3>');
    expect(short).toContain('<td>Brewmaster 2 / South / Retail</td><td>units</td><td class="num">0</td><td class="num">1</td>');
  });

  it('renderHtml(model with NaN figures) shows n/a and a warning', () => {
    const model: ReportModel = { version: 1, title: 'T', headline: { nps: { value: Number.NaN, previous: 10 } } };
    const out = renderHtml(model);
    expect(out).toContain('<div class="value">n/a</div>');
    expect(out).toContain('Headline nps is NaN, not a finite number; shown as n/a.');
  });

  it('renderHtml(misuse) throws INVALID_ARGUMENT or INVALID_OPTION with the project message form', () => {
    let error = thrown(() => renderHtml(null as never));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toBe('renderHtml: expected model to be a report model object, found null');
    expect(thrown(() => renderHtml({ version: 2, title: 'x' } as never)).message).toBe('renderHtml: expected model.version to be 1, found 2');
    expect(thrown(() => renderHtml({ version: 1, title: 'x', themes: {} } as never)).message).toBe(
      'renderHtml: expected model.themes to be an array, found an object',
    );
    error = thrown(() => renderHtml(frozen, { maxQuotes: -1 }));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.message).toBe('renderHtml: expected options.maxQuotes to be an integer >= 0, found -1');
  });

  it('renderHtml(model with hostile text anywhere) never lets markup through', () => {
    const hostile = fc.string({ maxLength: 30 }).map((s) => `${s}<script>x</script>"'&<svg onload=1>`);
    fc.assert(
      fc.property(hostile, hostile, hostile, hostile, (title, label, quote, segment) => {
        const model: ReportModel = {
          version: 1,
          title,
          summary: [label],
          themes: [{ id: label, label, size: 3, terms: [label], weekly: [{ t: label, value: 1 }], quotes: [{ text: quote, source: label }] }],
          segments: [
            {
              label: segment,
              measure: label,
              series: [
                { t: '2026-01-05', value: 1 },
                { t: '2026-01-12', value: 2 },
              ],
              anomalies: [{ t: '2026-01-12', value: 2, expected: 1, direction: 'up', event: quote }],
              changePoints: [],
              events: [{ t: '2026-01-05', label: quote }],
              explanations: [{ t: '2026-01-12', kind: 'anomaly', summary: quote, themes: [{ label, lift: 2, quotes: [{ text: quote }] }] }],
            },
          ],
          actions: [{ date: '2026-01-05', description: quote, scope: { [label]: segment } }],
          dataQuality: { sources: [{ name: segment, rowsRead: 1, rejected: [{ row: 0, field: label, reason: quote }] }], warnings: [quote] },
        };
        const out = renderHtml(model);
        expect(out).not.toContain('<script');
        expect(out).not.toContain('<svg onload');
        expect(svgs(out)).toHaveLength(3);
        for (const svg of svgs(out)) expect(isWellFormedXml(svg)).toBe(true);
      }),
      { seed: 42, numRuns: 60 },
    );
  });
});
