import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { renderMarkdown } from '../../src/report/renderMarkdown';
import type { ReportModel } from '../../src/report/types';
import { sampleModel } from './fixtures/sampleModel';
import { clone, deepFreeze, thrown } from './helpers';

const frozen = deepFreeze(clone(sampleModel));

describe('renderMarkdown(model)', () => {
  const md = renderMarkdown(frozen);

  it('renderMarkdown(model) has the sections in order', () => {
    const headings = md.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual([
      '## Key findings',
      '## Headline figures',
      '## Themes in the feedback',
      '## Sales anomalies and change points',
      '## Forecast accuracy and lessons learned',
      '## Action impact',
      '## Data quality',
    ]);
    expect(md.split('\n')[0]).toBe('# S&OP feedback review, Q1 2026');
  });

  it('renderMarkdown(model) spells out changes and their tone', () => {
    expect(md).toContain('| Net Promoter Score | +18 | ▼ 9.3 pts down (worse) | 95% CI 11.9 to 23.7, n = 912 |');
    expect(md).toContain('| Forecast WAPE | 18.2% | ▲ 4.1 pts up (worse) |');
  });

  it('renderMarkdown(model) escapes quotes: no raw HTML, no broken table cells', () => {
    expect(md).not.toContain('<script>');
    expect(md).toContain('&lt;script&gt;alert("xss")&lt;/script&gt; back-order');
    expect(md).toContain('I will look at the competition \\| seriously.');
  });

  it('renderMarkdown(model) gives every table row as many cells as its header', () => {
    const lines = md.split('\n');
    let columns = 0;
    for (const line of lines) {
      if (!line.startsWith('|')) {
        columns = 0;
        continue;
      }
      const cells = line.replace(/\\\|/g, '').split('|').length - 2;
      if (columns === 0) columns = cells;
      expect(cells).toBe(columns);
    }
  });

  it('renderMarkdown(model) draws text sparklines with a gap for the missing week', () => {
    // Grind Pro has a NaN in week 23 of 26: a space at position 22.
    const line = md.split('\n').find((l) => l.startsWith('units: `') && l.includes(' ▁')) ?? '';
    expect(line.slice('units: `'.length).indexOf(' ')).toBe(22);
  });

  it('renderMarkdown(model) is deterministic and leaves a frozen model alone', () => {
    expect(renderMarkdown(frozen)).toBe(md);
  });

  it('renderMarkdown({ version: 1, title }) renders a title and footer only', () => {
    expect(renderMarkdown({ version: 1, title: '# Q1 *draft*' })).toBe('# \\# Q1 \\*draft\\*\n\n---\n\n*Made by feedback-miner.*\n');
  });

  it('renderMarkdown(model with null metrics) writes n/a', () => {
    const out = renderMarkdown({
      version: 1,
      title: 'T',
      forecast: { cycles: [{ cycle: 'c1', n: 3, mape: null, wape: 0.1, bias: null, trackingSignal: null, mase: null }] },
    });
    expect(out).toContain('| c1 | 3 | n/a | 10.0% | n/a | n/a | n/a |');
  });

  it('renderMarkdown(misuse) throws with the project message form', () => {
    expect(thrown(() => renderMarkdown(undefined as never)).message).toBe(
      'renderMarkdown: expected model to be a report model object, found undefined',
    );
    expect(thrown(() => renderMarkdown(frozen, { maxSegments: 1.5 })).message).toBe(
      'renderMarkdown: expected options.maxSegments to be an integer >= 0, found 1.5',
    );
  });

  it('renderMarkdown(model with hostile labels) keeps one line per table row', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (label, reason) => {
        const model: ReportModel = {
          version: 1,
          title: 'T',
          themes: [{ id: 1, label: `${label}\n| x |`, size: 1 }],
          dataQuality: { sources: [{ name: label, rowsRead: 2, rejected: [{ row: 1, field: label, reason: `${reason}\r\n<b>` }] }] },
        };
        const out = renderMarkdown(model);
        expect(out).not.toContain('<b>');
        const rows = out.split('\n').filter((l) => l.startsWith('|'));
        // Themes: header, rule, 1 row; sources: 3; reasons: 3; first rows: 3.
        expect(rows).toHaveLength(12);
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});
