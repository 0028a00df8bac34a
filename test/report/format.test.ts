import { describe, it, expect } from 'vitest';
import { escapeHtml, escapeMarkdown } from '../../src/report/escape';
import { formatNumber, formatPercent, formatSigned, formatTick, formatTime, parseTime } from '../../src/report/format';
import { contrastRatio, palette } from '../../src/report/svg/palette';

describe('formatNumber(value, digits)', () => {
  it('formatNumber(1234567.891, 1) groups thousands', () => {
    expect(formatNumber(1234567.891, 1)).toBe('1,234,567.9');
    expect(formatNumber(-4321)).toBe('-4,321');
    expect(formatNumber(999.5, 0)).toBe('1,000');
  });
  it('formatNumber(-0.004, 2) never prints a negative zero', () => {
    expect(formatNumber(-0.004, 2)).toBe('0.00');
    expect(formatSigned(-0.004, 2)).toBe('0.00');
  });
  it('formatNumber(NaN) and formatNumber(null) give n/a', () => {
    expect(formatNumber(Number.NaN)).toBe('n/a');
    expect(formatNumber(null)).toBe('n/a');
    expect(formatNumber(Infinity)).toBe('n/a');
  });
  it('formatPercent(0.1234) and formatSigned(3.21, 1)', () => {
    expect(formatPercent(0.1234)).toBe('12.3%');
    expect(formatSigned(3.21, 1)).toBe('+3.2');
  });
  it('formatTick(value, step, axisMax) uses the step decimals and k/M suffixes', () => {
    expect(formatTick(25000, 5000, 30000)).toBe('25k');
    expect(formatTick(2500, 500, 3000)).toBe('2,500');
    expect(formatTick(0.25, 0.05, 1)).toBe('0.25');
    expect(formatTick(1500000, 500000, 2000000)).toBe('1.5M');
  });
});

describe('parseTime(t) and formatTime(t)', () => {
  it('parseTime(iso) reads dates as UTC and honours offsets', () => {
    expect(parseTime('2026-03-02')).toBe(Date.UTC(2026, 2, 2));
    expect(parseTime('2026-03-02T10:00:00+02:00')).toBe(Date.UTC(2026, 2, 2, 8));
    expect(parseTime('2026-03-02T10:00:00Z')).toBe(Date.UTC(2026, 2, 2, 10));
    expect(parseTime(17)).toBe(17);
  });
  it('parseTime(text) is undefined for what is not an ISO date', () => {
    expect(parseTime('week 3')).toBeUndefined();
    expect(parseTime('2026-13-01')).toBeUndefined();
    expect(parseTime(Number.NaN)).toBeUndefined();
  });
  it('formatTime(t) writes day, month and year', () => {
    expect(formatTime('2026-03-02')).toBe('2 Mar 2026');
    expect(formatTime('week 3')).toBe('week 3');
    expect(formatTime(12)).toBe('12');
  });
});

describe('escapeHtml(text)', () => {
  it('escapeHtml(quote with a script) leaves no markup', () => {
    expect(escapeHtml('<script>alert("x")</script>')).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(escapeHtml("Tom & Jerry's")).toBe('Tom &amp; Jerry&#39;s');
  });
  it('escapeHtml(text) drops control characters XML forbids and keeps tabs and newlines', () => {
    expect(escapeHtml('a\u0000b\u0007c\td\ne')).toBe('abc\td\ne');
  });
  it('escapeHtml(value) converts non-strings', () => {
    expect(escapeHtml(12)).toBe('12');
  });
});

describe('escapeMarkdown(text)', () => {
  it('escapeMarkdown(text) escapes inline syntax, pipes and raw HTML', () => {
    expect(escapeMarkdown('*great* | <b>')).toBe('\\*great\\* \\| &lt;b&gt;');
    expect(escapeMarkdown('[link](http://x)')).toBe('\\[link\\](http://x)');
    expect(escapeMarkdown('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
  it('escapeMarkdown(text) keeps a plain ampersand and escapes an entity reference', () => {
    expect(escapeMarkdown('S&OP')).toBe('S&OP');
    expect(escapeMarkdown('&lt;')).toBe('&amp;lt;');
  });
  it('escapeMarkdown(text) neutralises block markers and line breaks', () => {
    expect(escapeMarkdown('# not a heading')).toBe('\\# not a heading');
    expect(escapeMarkdown('- not a list')).toBe('\\- not a list');
    expect(escapeMarkdown('1. not a list')).toBe('1\\. not a list');
    expect(escapeMarkdown('line one\nline two')).toBe('line one line two');
  });
});

describe('contrastRatio(foreground, background)', () => {
  it('contrastRatio(black, white) is 21 and #777777 on white is 4.48 (WebAIM contrast checker)', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 6);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
  it('palette text colours reach 4.5:1 on white and chart marks 3:1 (WCAG 2.1)', () => {
    for (const text of [palette.ink, palette.muted, palette.goodText, palette.badText, palette.change, palette.series]) {
      expect(contrastRatio(text, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    }
    for (const mark of [palette.down, palette.up, palette.bar, palette.barNegative, palette.event]) {
      expect(contrastRatio(mark, '#ffffff')).toBeGreaterThanOrEqual(3);
    }
  });
});

describe('escapeMarkdown(text) at the start of a cell', () => {
  it('escapeMarkdown(text) leaves numbers and words that only look like markers alone', () => {
    expect(escapeMarkdown('18.2%')).toBe('18.2%');
    expect(escapeMarkdown('-3.4%')).toBe('-3.4%');
    expect(escapeMarkdown('#hashtag')).toBe('#hashtag');
  });
});
