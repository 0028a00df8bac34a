import { escapeHtml } from './escape';
import {
  deviationText,
  describeChange,
  figureValue,
  groupRejections,
  liftText,
  periodLong,
  periodName,
  quoteCredit,
  rejectedTotal,
  sentimentText,
  trendText,
  usableQuotes,
  type Change,
  type ChangeKind,
} from './derive';
import { formatNumber, formatPercent, formatSigned, formatSignedPercent, formatTime, NOT_AVAILABLE } from './format';
import { barChartSvg } from './svg/barChartSvg';
import { palette } from './svg/palette';
import { sparklineSvg } from './svg/sparklineSvg';
import { timeSeriesSvg } from './svg/timeSeriesSvg';
import type {
  RenderOptions,
  ReportAction,
  ReportDataQuality,
  ReportExplanation,
  ReportFigure,
  ReportForecast,
  ReportModel,
  ReportQuote,
  ReportSegment,
  ReportTheme,
} from './types';
import { resolveRenderOptions, validateReportModel, type ResolvedRenderOptions } from './validate';

const WHERE = 'renderHtml';

const e = escapeHtml;

const CSS = `
:root{--ink:${palette.ink};--muted:${palette.muted};--line:${palette.grid};--good:${palette.goodText};--bad:${palette.badText};--accent:${palette.series};--change:${palette.change};--paper:#ffffff;--tint:#f6f8fa}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--paper);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
.page{max-width:1100px;margin:0 auto;padding:28px 32px 48px}
header.top{border-bottom:3px solid var(--ink);padding-bottom:12px;margin-bottom:20px}
h1{font-size:28px;line-height:1.2;margin:0 0 4px}
h2{font-size:21px;margin:36px 0 10px;padding-bottom:4px;border-bottom:1px solid var(--line)}
h3{font-size:17px;margin:22px 0 6px}
h4{font-size:15px;margin:14px 0 6px}
p{margin:6px 0}
.subtitle{font-size:17px;color:var(--muted);margin:0}
.meta{color:var(--muted);font-size:13px}
nav.toc{margin-top:10px;font-size:14px}
nav.toc a{color:var(--accent);margin-right:14px;text-decoration:none;white-space:nowrap}
nav.toc a:hover,nav.toc a:focus{text-decoration:underline}
tbody th a{color:var(--accent);text-decoration:none}
.findings{background:var(--tint);border-left:4px solid var(--accent);padding:10px 16px 10px 34px;margin:0}
.findings li{margin:4px 0}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(190px,1fr));gap:12px}
.card{border:1px solid var(--line);border-radius:8px;padding:12px 14px;background:var(--paper)}
.card .label{font-size:13px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.card .value{font-size:30px;font-weight:700;line-height:1.15;margin:2px 0}
.card .note{font-size:12.5px;color:var(--muted)}
.change{font-weight:600;font-size:14px}
.good{color:var(--good)}
.bad{color:var(--bad)}
.neutral{color:var(--muted)}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
table{border-collapse:collapse;width:100%;font-size:14px;margin:8px 0 12px}
caption{text-align:left;font-size:13px;color:var(--muted);padding:2px 0 6px}
th,td{text-align:left;padding:6px 10px;border-bottom:1px solid var(--line);vertical-align:middle}
th{font-size:12.5px;color:var(--muted);font-weight:600;text-transform:uppercase;letter-spacing:.03em;border-bottom:2px solid var(--line)}
tbody th{text-transform:none;letter-spacing:0;font-size:14px;color:var(--ink);border-bottom:1px solid var(--line)}
td.date{white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tbody tr:nth-child(even){background:#fafbfc}
figure{margin:10px 0}
figure.chart svg{display:block;max-width:100%;height:auto}
svg.fm-spark{vertical-align:middle}
.terms{color:var(--muted);font-size:13px}
.theme-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:14px}
.theme{border:1px solid var(--line);border-radius:8px;padding:10px 14px}
.theme h3{margin:2px 0}
.quote{margin:8px 0;padding:6px 12px;border-left:3px solid var(--line);background:var(--tint);border-radius:0 6px 6px 0}
.quote blockquote{margin:0;font-style:italic;overflow-wrap:anywhere}
.quote figcaption{font-size:12px;color:var(--muted);margin-top:2px}
article.segment{border:1px solid var(--line);border-radius:8px;padding:4px 16px 10px;margin:16px 0}
.explain{border-left:4px solid var(--change);padding:4px 12px;margin:10px 0;background:#faf7fc}
.explain ul{margin:4px 0;padding-left:20px}
.pill{display:inline-block;border-radius:10px;padding:0 8px;font-size:12.5px;font-weight:600;border:1px solid currentColor}
.lessons li{margin:4px 0}
.empty{color:var(--muted);font-style:italic}
footer.bottom{margin-top:40px;padding-top:10px;border-top:1px solid var(--line);color:var(--muted);font-size:12.5px}
dl.glossary{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;font-size:14px}
dl.glossary dt{font-weight:600}
dl.glossary dd{margin:0}
@media (max-width:640px){.page{padding:16px}.card .value{font-size:24px}}
@media print{
 @page{margin:14mm}
 body{font-size:10.5pt}
 .page{max-width:none;padding:0}
 nav.toc{display:none}
 h2{break-after:avoid}
 h3,h4{break-after:avoid}
 .card,.theme,article.segment,figure,tr,.explain,.quote{break-inside:avoid}
 a{color:inherit;text-decoration:none}
 tbody tr:nth-child(even){background:none}
}
`;

function changeHtml(change: Change | undefined, previousName: string): string {
  if (change === undefined) return '';
  const word = change.direction === 'up' ? 'up' : change.direction === 'down' ? 'down' : 'unchanged';
  return `<div class="change ${change.tone}"><span aria-hidden="true">${e(change.text)}</span><span class="sr">${e(`${word} ${change.text.replace(/^[▲▼=]\s*/, '')}`)}</span> <span class="neutral">vs ${e(previousName)}</span></div>`;
}

function card(label: string, value: string, change: string, note: string, extra = ''): string {
  return `<div class="card"><div class="label">${e(label)}</div><div class="value">${e(value)}</div>${change}${extra}${note === '' ? '' : `<div class="note">${e(note)}</div>`}</div>`;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function intervalNote(figure: ReportFigure, format: (v: number) => string): string {
  const parts: string[] = [];
  if (isFiniteNumber(figure.lower) && isFiniteNumber(figure.upper)) {
    parts.push(`${formatNumber((figure.level ?? 0.95) * 100, 0)}% CI ${format(figure.lower)} to ${format(figure.upper)}`);
  }
  if (isFiniteNumber(figure.n)) parts.push(`n = ${formatNumber(figure.n, 0)}`);
  return parts.join(' · ');
}

/** A stacked bar of promoters, passives and detractors, labelled for screen readers. */
function npsMixSvg(promoters: number, passives: number, detractors: number): string {
  const total = promoters + passives + detractors;
  if (!(total > 0)) return '';
  const width = 160;
  const widths = [detractors, passives, promoters].map((n) => (n / total) * width);
  const colors = [palette.down, '#bdc3c9', palette.up];
  let x = 0;
  const rects = widths
    .map((w, i) => {
      const rect = `<rect x="${x.toFixed(1)}" y="0" width="${w.toFixed(1)}" height="8" fill="${colors[i] ?? '#999'}"/>`;
      x += w;
      return rect;
    })
    .join('');
  const title = `Detractors ${formatPercent(detractors / total, 0)}, passives ${formatPercent(passives / total, 0)}, promoters ${formatPercent(promoters / total, 0)}`;
  return `<div style="margin:6px 0 2px"><svg xmlns="http://www.w3.org/2000/svg" class="fm-npsmix" width="${width}" height="8" viewBox="0 0 ${width} 8" role="img" aria-label="${e(title)}"><title>${e(title)}</title>${rects}</svg><div class="note">${e(title)}</div></div>`;
}

function headlineSection(model: ReportModel): string {
  const headline = model.headline;
  if (headline === undefined) return '';
  const previous = periodName(model.previousPeriod);
  const cards: string[] = [];
  const { nps, sentiment, volume } = headline;
  if (nps !== undefined) {
    const mix =
      isFiniteNumber(nps.promoters) && isFiniteNumber(nps.passives) && isFiniteNumber(nps.detractors)
        ? npsMixSvg(nps.promoters, nps.passives, nps.detractors)
        : '';
    cards.push(
      card('Net Promoter Score', figureValue(nps.value, 'nps'), changeHtml(describeChange(nps, 'points', 'up'), previous), intervalNote(nps, (v) => formatNumber(v, 1)), mix),
    );
  }
  if (sentiment !== undefined) {
    const shares =
      isFiniteNumber(sentiment.positiveShare) && isFiniteNumber(sentiment.negativeShare)
        ? `${formatPercent(sentiment.positiveShare, 0)} positive, ${formatPercent(sentiment.negativeShare, 0)} negative`
        : '';
    const note = ['scale −1 to +1', shares, intervalNote(sentiment, (v) => formatSigned(v, 2))].filter((s) => s !== '').join(' · ');
    cards.push(card('Mean sentiment', figureValue(sentiment.value, 'score'), changeHtml(describeChange(sentiment, 'absolute', 'up'), previous), note));
  }
  if (volume !== undefined) {
    cards.push(card('Feedback volume', figureValue(volume.value, 'number'), changeHtml(describeChange(volume, 'relative', 'neutral'), previous), 'records in the period'));
  }
  for (const extra of headline.extra ?? []) {
    const unit = extra.unit ?? 'number';
    const kind: ChangeKind = unit === 'percent' ? 'points' : 'relative';
    cards.push(
      card(String(extra.label), figureValue(extra.value, unit), changeHtml(describeChange(extra, kind, extra.better ?? 'neutral', unit === 'percent' ? 100 : 1), previous), intervalNote(extra, (v) => figureValue(v, unit))),
    );
  }
  return `<section id="headline" aria-labelledby="headline-h"><h2 id="headline-h">Headline figures</h2><div class="cards">${cards.join('')}</div></section>`;
}

function quoteHtml(quote: ReportQuote): string {
  const credit = quoteCredit(quote);
  return `<figure class="quote"><blockquote>“${e(quote.text)}”</blockquote>${credit === '' ? '' : `<figcaption>${e(credit)}</figcaption>`}</figure>`;
}

function themesSection(themes: readonly ReportTheme[], options: ResolvedRenderOptions): string {
  const head = '<section id="themes" aria-labelledby="themes-h"><h2 id="themes-h">Themes in the feedback</h2>';
  if (themes.length === 0) return `${head}<p class="empty">No themes found in this period.</p></section>`;
  const bars = barChartSvg(
    themes.map((t) => ({
      label: String(t.label),
      value: isFiniteNumber(t.share) ? t.share : t.size,
      valueLabel: `${formatNumber(t.size, 0)}${isFiniteNumber(t.share) ? ` (${formatPercent(t.share, 0)})` : ''}`,
      color: isFiniteNumber(t.sentiment) && t.sentiment < -0.05 ? palette.down : palette.bar,
    })),
    {
      id: 'themes-bars',
      title: 'Feedback records per theme',
      description: themes.map((t) => `${String(t.label)}: ${formatNumber(t.size, 0)} records`).join('; '),
      format: themes.every((t) => isFiniteNumber(t.share)) ? 'percent' : 'number',
      xLabel: themes.every((t) => isFiniteNumber(t.share)) ? 'share of all feedback (vermillion: mostly negative)' : 'records (vermillion: mostly negative)',
      width: 720,
    },
  );
  const rows = themes
    .map((t, i) => {
      const s = sentimentText(t.sentiment);
      const spark =
        t.weekly !== undefined && t.weekly.length > 0
          ? sparklineSvg(t.weekly, { id: `theme-spark-${i}`, title: `Weekly volume of ${String(t.label)}`, width: 120, height: 28 })
          : `<span class="neutral">${NOT_AVAILABLE}</span>`;
      return `<tr><th scope="row">${e(t.label)}</th><td class="num">${formatNumber(t.size, 0)}</td><td class="num">${formatPercent(t.share, 1)}</td><td class="num ${s.tone}">${e(s.text)}</td><td>${e(trendText(t.trend))}</td><td>${spark}</td></tr>`;
    })
    .join('');
  const table = `<table><caption>Themes ordered as found; sentiment is the mean score of the theme's records; the trend compares weekly volume over the period.</caption><thead><tr><th scope="col">Theme</th><th scope="col" class="num">Records</th><th scope="col" class="num">Share</th><th scope="col" class="num">Sentiment</th><th scope="col">Trend</th><th scope="col">Weekly volume</th></tr></thead><tbody>${rows}</tbody></table>`;
  const cards = themes
    .map((t) => {
      const quotes = usableQuotes(t.quotes, options.maxQuotes);
      const terms = (t.terms ?? []).length > 0 ? `<p class="terms">Terms: ${e((t.terms ?? []).join(', '))}</p>` : '';
      return `<div class="theme"><h3>${e(t.label)}</h3>${terms}${quotes.length === 0 ? '<p class="empty">No quotes.</p>' : quotes.map(quoteHtml).join('')}</div>`;
    })
    .join('');
  return `${head}<figure class="chart">${bars}</figure>${table}<h3>What people say</h3><div class="theme-grid">${cards}</div></section>`;
}

function explanationHtml(explanation: ReportExplanation, options: ResolvedRenderOptions): string {
  const what = explanation.kind === 'changePoint' ? 'change of level' : 'anomaly';
  const summary = explanation.summary === undefined ? '' : `<p><strong>${e(explanation.summary)}</strong></p>`;
  const themes = explanation.themes ?? [];
  const body =
    themes.length === 0
      ? '<p class="empty">No feedback theme rose before this break: look for causes outside the feedback (promotions, pricing, supply).</p>'
      : `<ul>${themes
          .map((theme) => {
            const quotes = usableQuotes(theme.quotes, options.maxQuotes);
            return `<li><strong>${e(theme.label)}</strong> ${e(liftText(theme))}${quotes.map(quoteHtml).join('')}</li>`;
          })
          .join('')}</ul>`;
  return `<div class="explain"><h4>Feedback that may explain the ${e(what)} of ${e(formatTime(explanation.t))}</h4>${summary}${body}</div>`;
}

function segmentArticle(segment: ReportSegment, index: number, options: ResolvedRenderOptions): string {
  const measure = String(segment.measure);
  const counts = `${segment.anomalies.length} anomal${segment.anomalies.length === 1 ? 'y' : 'ies'}, ${segment.changePoints.length} change point${segment.changePoints.length === 1 ? '' : 's'}`;
  const chart = timeSeriesSvg(segment.series, {
    id: `segment-${index}`,
    title: `${String(segment.label)}: weekly ${measure}`,
    yLabel: measure,
    band: segment.band ?? [],
    anomalies: segment.anomalies,
    changePoints: segment.changePoints,
    events: segment.events ?? [],
    // 920 wide: full width on screen, and scaled down less on an A4 page.
    width: 920,
    height: 290,
  });
  const breaks = [
    ...segment.anomalies.map((a) => ({
      t: a.t,
      order: a.t,
      kind: a.direction === 'down' ? 'Drop' : 'Spike',
      cls: a.direction === 'down' ? 'bad' : 'good',
      value: formatNumber(a.value),
      expected: `${formatNumber(a.expected)}${isFiniteNumber(a.lower) && isFiniteNumber(a.upper) ? ` (${formatNumber(a.lower)} to ${formatNumber(a.upper)})` : ''}`,
      deviation: deviationText(a.value, a.expected),
      note: a.event ?? '',
    })),
    ...segment.changePoints.map((c) => ({
      t: c.t,
      order: c.t,
      kind: 'Change of level',
      cls: c.after < c.before ? 'bad' : 'good',
      value: `${formatNumber(c.after)} after`,
      expected: `${formatNumber(c.before)} before`,
      deviation: deviationText(c.after, c.before),
      note: c.method === undefined ? '' : `method: ${c.method}`,
    })),
  ].sort((a, b) => String(a.order).localeCompare(String(b.order)));
  const table =
    breaks.length === 0
      ? '<p class="empty">No anomalies or change points in this segment.</p>'
      : `<table><thead><tr><th scope="col">Week</th><th scope="col">What</th><th scope="col" class="num">Value</th><th scope="col" class="num">Expected</th><th scope="col" class="num">Deviation</th><th scope="col">Note</th></tr></thead><tbody>${breaks
          .map(
            (b) =>
              `<tr><td class="date">${e(formatTime(b.t))}</td><td class="${b.cls}">${e(b.kind)}</td><td class="num">${e(b.value)}</td><td class="num">${e(b.expected)}</td><td class="num ${b.cls}">${e(b.deviation)}</td><td>${e(b.note)}</td></tr>`,
          )
          .join('')}</tbody></table>`;
  const explanations = (segment.explanations ?? []).map((x) => explanationHtml(x, options)).join('');
  return `<article class="segment" aria-labelledby="segment-${index}-h"><h3 id="segment-${index}-h">${e(segment.label)}</h3><p class="meta">${e(measure)} · ${e(counts)}</p><figure class="chart">${chart}</figure>${table}${explanations}</article>`;
}

function segmentsSection(segments: readonly ReportSegment[], options: ResolvedRenderOptions): string {
  const head = '<section id="sales" aria-labelledby="sales-h"><h2 id="sales-h">Sales anomalies and change points</h2>';
  if (segments.length === 0) return `${head}<p class="empty">No segments analysed.</p></section>`;
  const shown = segments.slice(0, options.maxSegments);
  const rest = segments.slice(options.maxSegments);
  const intro =
    '<p>Each chart shows the weekly figure (blue line), the range the model expected (shaded), drops (▼) and spikes (▲) outside that range, and changes of level (dashed rules, with the level before and after as dotted lines). Hover a mark for its numbers.</p>';
  const more =
    rest.length === 0
      ? ''
      : `<h3>${rest.length} more segment${rest.length === 1 ? '' : 's'}</h3><table><thead><tr><th scope="col">Segment</th><th scope="col">Measure</th><th scope="col" class="num">Anomalies</th><th scope="col" class="num">Change points</th></tr></thead><tbody>${rest
          .map((s) => `<tr><td>${e(s.label)}</td><td>${e(s.measure)}</td><td class="num">${s.anomalies.length}</td><td class="num">${s.changePoints.length}</td></tr>`)
          .join('')}</tbody></table>`;
  const overview =
    shown.length < 2
      ? ''
      : `<table><caption>At a glance; the largest break is the anomaly or change of level furthest from what was expected.</caption><thead><tr><th scope="col">Segment</th><th scope="col">Measure</th><th scope="col">Series</th><th scope="col" class="num">Anomalies</th><th scope="col" class="num">Change points</th><th scope="col" class="num">Largest break</th></tr></thead><tbody>${shown
          .map((s, i) => {
            const largest = largestBreak(s);
            const spark = sparklineSvg(s.series, { id: `segment-spark-${i}`, title: `${String(s.label)}: ${String(s.measure)}`, width: 120, height: 28 });
            return `<tr><th scope="row"><a href="#segment-${i}-h">${e(s.label)}</a></th><td>${e(s.measure)}</td><td>${spark}</td><td class="num">${s.anomalies.length}</td><td class="num">${s.changePoints.length}</td><td class="num ${largest === undefined ? '' : largest < 0 ? 'bad' : 'good'}">${largest === undefined ? '' : e(formatSignedPercent(largest))}</td></tr>`;
          })
          .join('')}</tbody></table>`;
  return `${head}${intro}${overview}${shown.map((s, i) => segmentArticle(s, i, options)).join('')}${more}</section>`;
}

/** The relative deviation furthest from zero among a segment's anomalies and changes of level. */
function largestBreak(segment: ReportSegment): number | undefined {
  const deviations = [
    ...segment.anomalies.map((a) => (isFiniteNumber(a.value) && isFiniteNumber(a.expected) && a.expected !== 0 ? a.value / a.expected - 1 : Number.NaN)),
    ...segment.changePoints.map((c) => (isFiniteNumber(c.after) && isFiniteNumber(c.before) && c.before !== 0 ? c.after / c.before - 1 : Number.NaN)),
  ].filter((d) => Number.isFinite(d));
  if (deviations.length === 0) return undefined;
  return deviations.reduce((best, d) => (Math.abs(d) > Math.abs(best) ? d : best));
}

function forecastSection(forecast: ReportForecast): string {
  const head = '<section id="forecast" aria-labelledby="forecast-h"><h2 id="forecast-h">Forecast accuracy and lessons learned</h2>';
  const cycles = forecast.cycles;
  if (cycles.length === 0) return `${head}<p class="empty">No forecasts with actuals to score.</p></section>`;
  const chart = barChartSvg(
    cycles.map((c) => ({ label: `Cycle ${String(c.cycle)}`, value: isFiniteNumber(c.wape) ? c.wape : Number.NaN })),
    { id: 'forecast-wape', title: 'Forecast error (WAPE) per planning cycle; lower is better', format: 'percent', xLabel: 'WAPE (weighted absolute percentage error)', width: 720 },
  );
  const stepNames = [...new Set(cycles.flatMap((c) => (c.steps ?? []).map((s) => String(s.step))))];
  const rows = cycles
    .map((c) => {
      const biasClass = isFiniteNumber(c.bias) && Math.abs(c.bias) >= 0.05 ? 'bad' : '';
      const tsClass = isFiniteNumber(c.trackingSignal) && Math.abs(c.trackingSignal) > 4 ? 'bad' : '';
      const steps = stepNames.map((name) => {
        const step = (c.steps ?? []).find((s) => String(s.step) === name);
        return `<td class="num">${step === undefined ? NOT_AVAILABLE : formatPercent(step.wape)}</td>`;
      });
      return `<tr><th scope="row">${e(c.cycle)}</th><td class="num">${formatNumber(c.n, 0)}</td><td class="num">${formatPercent(c.mape)}</td><td class="num">${formatPercent(c.wape)}</td><td class="num ${biasClass}">${formatSignedPercent(c.bias)}</td><td class="num ${tsClass}">${formatSigned(c.trackingSignal, 1)}</td><td class="num">${formatNumber(c.mase, 2)}</td>${steps.join('')}</tr>`;
    })
    .join('');
  const stepHeads = stepNames.map((name) => `<th scope="col" class="num">WAPE ${e(name)}</th>`).join('');
  const table = `<table><caption>MAPE and WAPE: mean and weighted absolute percentage error; bias: (forecast − actual) / actual, positive means over-forecast; tracking signal beyond ±4 flags persistent bias; MASE below 1 beats the naive forecast. WAPE per planning step shows the value each step added.</caption><thead><tr><th scope="col">Cycle</th><th scope="col" class="num">Pairs</th><th scope="col" class="num">MAPE</th><th scope="col" class="num">WAPE</th><th scope="col" class="num">Bias</th><th scope="col" class="num">Tracking signal</th><th scope="col" class="num">MASE</th>${stepHeads}</tr></thead><tbody>${rows}</tbody></table>`;
  const worst = cycles
    .filter((c) => (c.worstGroups ?? []).length > 0)
    .map(
      (c) =>
        `<p><strong>Worst groups in ${e(c.cycle)}:</strong> ${(c.worstGroups ?? [])
          .map((g) => `${e(g.group)} (WAPE ${formatPercent(g.wape)}${isFiniteNumber(g.bias) ? `, bias ${formatSignedPercent(g.bias)}` : ''})`)
          .join('; ')}</p>`,
    )
    .join('');
  const lessons = forecast.lessons ?? [];
  const marks: Record<string, string> = { improved: '▲', worsened: '▼', bias: '⚠', info: '•' };
  const lessonList =
    lessons.length === 0
      ? ''
      : `<h3>Lessons learned</h3><ul class="lessons">${lessons
          .map((l) => {
            const cls = l.kind === 'improved' ? 'good' : l.kind === 'worsened' || l.kind === 'bias' ? 'bad' : 'neutral';
            return `<li><span class="${cls}" aria-hidden="true">${marks[l.kind ?? 'info'] ?? '•'}</span> ${l.cycle === undefined ? '' : `<strong>${e(l.cycle)}:</strong> `}${e(l.text)}</li>`;
          })
          .join('')}</ul>`;
  return `${head}<figure class="chart">${chart}</figure>${table}${worst}${lessonList}</section>`;
}

function actionsSection(actions: readonly ReportAction[]): string {
  const head = '<section id="actions" aria-labelledby="actions-h"><h2 id="actions-h">Action impact</h2>';
  if (actions.length === 0) return `${head}<p class="empty">No actions recorded.</p></section>`;
  const verdictClass: Record<string, string> = { helped: 'good', hurt: 'bad', unclear: 'neutral' };
  const rows = actions
    .map((a, i) => {
      const scope = Object.entries(a.scope ?? {})
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ');
      const effect = isFiniteNumber(a.effect)
        ? `${formatSignedPercent(a.effect)}${isFiniteNumber(a.lower) && isFiniteNumber(a.upper) ? ` (${formatSignedPercent(a.lower)} to ${formatSignedPercent(a.upper)})` : ''}`
        : NOT_AVAILABLE;
      const level = isFiniteNumber(a.before) || isFiniteNumber(a.after) ? `${formatNumber(a.before)} → ${formatNumber(a.after)}` : NOT_AVAILABLE;
      const spark =
        a.series !== undefined && a.series.length > 0
          ? sparklineSvg(a.series, { id: `action-spark-${i}`, title: `${a.measure ?? 'KPI'} around "${a.description}"`, mark: a.date, width: 120, height: 28 })
          : '';
      const verdict = a.verdict === undefined ? NOT_AVAILABLE : `<span class="pill ${verdictClass[a.verdict] ?? 'neutral'}">${e(a.verdict)}</span>`;
      return `<tr><td class="date">${e(formatTime(a.date))}</td><td><strong>${e(a.description)}</strong>${a.method === undefined ? '' : `<div class="note neutral">${e(a.method)}</div>`}</td><td>${e(scope)}</td><td class="num">${e(level)}</td><td class="num">${e(effect)}</td><td>${verdict}</td><td>${spark}</td></tr>`;
    })
    .join('');
  return `${head}<table><caption>Effect: estimated relative change of the KPI caused by the action, with its interval; an interval that includes zero means no clear effect. The sparkline marks the action's date.</caption><thead><tr><th scope="col">Date</th><th scope="col">Action</th><th scope="col">Scope</th><th scope="col" class="num">Level before → after</th><th scope="col" class="num">Effect</th><th scope="col">Verdict</th><th scope="col">KPI</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function dataQualitySection(dataQuality: ReportDataQuality | undefined, renderWarnings: readonly string[], options: ResolvedRenderOptions): string {
  if (dataQuality === undefined && renderWarnings.length === 0) return '';
  const head = '<section id="data-quality" aria-labelledby="dq-h"><h2 id="dq-h">Data quality</h2>';
  const parts: string[] = [head];
  if (dataQuality !== undefined) {
    const rows = dataQuality.sources
      .map((s) => {
        const rejected = rejectedTotal(s);
        const share = s.rowsRead > 0 ? formatPercent(rejected / s.rowsRead, 2) : NOT_AVAILABLE;
        return `<tr><th scope="row">${e(s.name)}</th><td class="num">${formatNumber(s.rowsRead, 0)}</td><td class="num">${formatNumber(s.rowsAccepted ?? s.rowsRead - rejected, 0)}</td><td class="num ${rejected > 0 ? 'bad' : ''}">${formatNumber(rejected, 0)}</td><td class="num">${share}</td></tr>`;
      })
      .join('');
    parts.push(
      `<table><thead><tr><th scope="col">Input</th><th scope="col" class="num">Rows read</th><th scope="col" class="num">Accepted</th><th scope="col" class="num">Rejected</th><th scope="col" class="num">Rejected share</th></tr></thead><tbody>${rows}</tbody></table>`,
    );
    const groups = groupRejections(dataQuality);
    if (groups.length > 0) {
      parts.push(
        `<h3>Why rows were rejected</h3><table><thead><tr><th scope="col">Input</th><th scope="col">Field</th><th scope="col">Reason</th><th scope="col" class="num">Rows listed</th></tr></thead><tbody>${groups
          .map((g) => `<tr><td>${e(g.source)}</td><td>${e(g.field)}</td><td>${e(g.reason)}</td><td class="num">${formatNumber(g.count, 0)}</td></tr>`)
          .join('')}</tbody></table>`,
      );
      const listed = dataQuality.sources.flatMap((s) => (s.rejected ?? []).map((r) => ({ source: s.name, ...r })));
      const first = listed.slice(0, options.maxRejectedRows);
      if (first.length > 0) {
        parts.push(
          `<h4>First rejected rows</h4><table><thead><tr><th scope="col">Input</th><th scope="col" class="num">Row</th><th scope="col">Field</th><th scope="col">Reason</th></tr></thead><tbody>${first
            .map((r) => `<tr><td>${e(r.file ?? r.source)}</td><td class="num">${formatNumber(r.row, 0)}</td><td>${e(r.field)}</td><td>${e(r.reason)}</td></tr>`)
            .join('')}</tbody></table>${listed.length > first.length ? `<p class="meta">… and ${formatNumber(listed.length - first.length, 0)} more listed in the JSON report.</p>` : ''}`,
        );
      }
    }
  }
  const warnings = [...(dataQuality?.warnings ?? []), ...renderWarnings];
  if (warnings.length > 0) parts.push(`<h3>Warnings</h3><ul>${warnings.map((w) => `<li>${e(w)}</li>`).join('')}</ul>`);
  parts.push('</section>');
  return parts.join('');
}

const GLOSSARY: ReadonlyArray<readonly [string, string]> = [
  ['NPS', 'Net Promoter Score: % of ratings 9-10 minus % of ratings 0-6, from −100 to +100 (Reichheld 2003).'],
  ['Sentiment', 'Mean score of the texts from −1 (negative) to +1 (positive).'],
  ['Expected range', 'Where the weekly figure was expected to fall given its trend and season; points outside are anomalies.'],
  ['Change point', 'A week from which the figure settled at a new level.'],
  ['Lift', 'How many times more often a theme appeared before a break than in its baseline: ×3 means three times as often.'],
  ['WAPE', 'Weighted absolute percentage error: total absolute error over total actuals.'],
  ['Tracking signal', 'Cumulative error over mean absolute error; beyond ±4 the forecast is persistently biased.'],
  ['MASE', 'Mean absolute scaled error (Hyndman & Koehler 2006): below 1 beats the naive forecast.'],
];

/**
 * Renders a report model as one self-contained HTML5 document: inline CSS and inline SVG charts, no scripts,
 * no fonts or images to fetch (a Content-Security-Policy forbids any), so it opens from `file://`, prints
 * cleanly (print styles, no broken cards), and reads well with a screen reader (landmarks, table headers,
 * `<title>`/`<desc>` on every chart, changes spelled out, colours from the Okabe-Ito palette with WCAG
 * contrast, meaning never carried by colour alone). All user text is escaped.
 *
 * Sections: key findings, headline figures (with change versus the previous period), themes (bar chart,
 * table with sparklines, quotes), sales anomalies and change points per segment (chart with expected band,
 * markers and rules; table; the feedback that may explain each break), forecast accuracy per cycle and lessons,
 * action impact, data quality (rows read and rejected, why, warnings, and the model's own data problems).
 * A missing section is left out; an empty one says "none found". The output depends only on the model: the
 * same model gives the same bytes.
 *
 * Cost: O(size of the model).
 * @throws FeedbackMinerError INVALID_ARGUMENT for a model that is not a version-1 report model (see
 *   `validateReportModel`); INVALID_OPTION for a negative or fractional `maxQuotes`, `maxSegments` or
 *   `maxRejectedRows`.
 * @example renderHtml({ version: 1, title: 'Q1 review' }).slice(0, 15) // => '<!doctype html>'
 */
export function renderHtml(model: ReportModel, options?: RenderOptions): string {
  const { warnings } = validateReportModel(model, WHERE);
  const resolved = resolveRenderOptions(WHERE, options);
  const sections: string[] = [];
  const toc: Array<readonly [string, string]> = [];
  const summary = (model.summary ?? []).filter((s) => typeof s === 'string' && s.trim() !== '');
  if (summary.length > 0) {
    toc.push(['findings', 'Key findings']);
    sections.push(`<section id="findings" aria-labelledby="findings-h"><h2 id="findings-h">Key findings</h2><ul class="findings">${summary.map((s) => `<li>${e(s)}</li>`).join('')}</ul></section>`);
  }
  const headline = headlineSection(model);
  if (headline !== '') {
    toc.push(['headline', 'Headline']);
    sections.push(headline);
  }
  if (model.themes !== undefined) {
    toc.push(['themes', 'Themes']);
    sections.push(themesSection(model.themes, resolved));
  }
  if (model.segments !== undefined) {
    toc.push(['sales', 'Sales breaks']);
    sections.push(segmentsSection(model.segments, resolved));
  }
  if (model.forecast !== undefined) {
    toc.push(['forecast', 'Forecast accuracy']);
    sections.push(forecastSection(model.forecast));
  }
  if (model.actions !== undefined) {
    toc.push(['actions', 'Actions']);
    sections.push(actionsSection(model.actions));
  }
  const quality = dataQualitySection(model.dataQuality, warnings, resolved);
  if (quality !== '') {
    toc.push(['data-quality', 'Data quality']);
    sections.push(quality);
  }
  sections.push(
    `<section id="how-to-read" aria-labelledby="glossary-h"><h2 id="glossary-h">How to read this report</h2><dl class="glossary">${GLOSSARY.map(([term, text]) => `<dt>${e(term)}</dt><dd>${e(text)}</dd>`).join('')}</dl></section>`,
  );
  toc.push(['how-to-read', 'How to read']);

  const metaParts: string[] = [];
  if (model.period !== undefined) {
    metaParts.push(`Period: ${periodLong(model.period)}${model.previousPeriod === undefined ? '' : `, compared with ${periodName(model.previousPeriod)}`}`);
  }
  if (model.generatedAt !== undefined) metaParts.push(`Generated ${formatTime(model.generatedAt)}`);
  if (isFiniteNumber(model.seed)) metaParts.push(`simulation seed ${model.seed}`);
  const generator = model.generator ?? 'feedback-miner';
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<meta name="generator" content="${e(generator)}">`,
    `<title>${e(model.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<div class="page">',
    `<header class="top"><h1>${e(model.title)}</h1>${model.subtitle === undefined ? '' : `<p class="subtitle">${e(model.subtitle)}</p>`}${metaParts.length === 0 ? '' : `<p class="meta">${e(metaParts.join(' · '))}</p>`}<nav class="toc" aria-label="Sections">${toc.map(([id, label]) => `<a href="#${id}">${e(label)}</a>`).join('')}</nav></header>`,
    `<main>${sections.join('\n')}</main>`,
    `<footer class="bottom">Made by ${e(generator)}. Charts are drawn in the page (SVG); nothing is loaded from the network.</footer>`,
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
