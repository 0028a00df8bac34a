import { escapeMarkdown } from './escape';
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
  textSparkline,
  trendText,
  usableQuotes,
  type Change,
  type ChangeKind,
} from './derive';
import { formatNumber, formatPercent, formatSigned, formatSignedPercent, formatTime, NOT_AVAILABLE } from './format';
import type { RenderOptions, ReportFigure, ReportModel, ReportQuote } from './types';
import { resolveRenderOptions, validateReportModel } from './validate';

const WHERE = 'renderMarkdown';
const m = escapeMarkdown;

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function table(head: readonly string[], rows: ReadonlyArray<readonly string[]>, numeric: readonly boolean[] = []): string {
  const align = head.map((_h, i) => (numeric[i] === true ? '---:' : '---'));
  return [`| ${head.join(' | ')} |`, `| ${align.join(' | ')} |`, ...rows.map((r) => `| ${r.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`)].join('\n');
}

function changeText(change: Change | undefined): string {
  if (change === undefined) return '';
  const word = change.direction === 'up' ? 'up' : change.direction === 'down' ? 'down' : 'unchanged';
  const judgement = change.tone === 'good' ? ' (better)' : change.tone === 'bad' ? ' (worse)' : '';
  return `${change.text} ${word}${judgement}`;
}

function interval(figure: ReportFigure, format: (v: number) => string): string {
  const parts: string[] = [];
  if (isFiniteNumber(figure.lower) && isFiniteNumber(figure.upper)) {
    parts.push(`${formatNumber((figure.level ?? 0.95) * 100, 0)}% CI ${format(figure.lower)} to ${format(figure.upper)}`);
  }
  if (isFiniteNumber(figure.n)) parts.push(`n = ${formatNumber(figure.n, 0)}`);
  return parts.join(', ');
}

function quoteLines(quote: ReportQuote): string[] {
  const credit = quoteCredit(quote);
  return [`> “${m(quote.text)}”${credit === '' ? '' : `  `}`, ...(credit === '' ? [] : [`> — ${m(credit)}`]), ''];
}

/**
 * Renders a report model as GitHub Flavored Markdown, for a pull request, a wiki page or a chat: the same
 * sections as `renderHtml`, charts replaced by tables and text sparklines (`▁▂▅█`), changes spelled out with
 * arrows and words. All user text is escaped with `escapeMarkdown`, so a quote cannot inject HTML, links or
 * table cells. The same model gives the same text.
 *
 * Cost: O(size of the model).
 * @throws FeedbackMinerError INVALID_ARGUMENT for a model that is not a version-1 report model;
 *   INVALID_OPTION for a negative or fractional `maxQuotes`, `maxSegments` or `maxRejectedRows`.
 * @example renderMarkdown({ version: 1, title: 'Q1 review' }).split('\n')[0] // => '# Q1 review'
 */
export function renderMarkdown(model: ReportModel, options?: RenderOptions): string {
  const { warnings } = validateReportModel(model, WHERE);
  const resolved = resolveRenderOptions(WHERE, options);
  const out: string[] = [`# ${m(model.title)}`, ''];
  if (model.subtitle !== undefined) out.push(`*${m(model.subtitle)}*`, '');
  const meta: string[] = [];
  if (model.period !== undefined) {
    meta.push(`Period: ${m(periodLong(model.period))}${model.previousPeriod === undefined ? '' : `, compared with ${m(periodName(model.previousPeriod))}`}`);
  }
  if (model.generatedAt !== undefined) meta.push(`generated ${m(formatTime(model.generatedAt))}`);
  if (isFiniteNumber(model.seed)) meta.push(`simulation seed ${model.seed}`);
  if (meta.length > 0) out.push(meta.join(' · '), '');

  const summary = (model.summary ?? []).filter((s) => typeof s === 'string' && s.trim() !== '');
  if (summary.length > 0) out.push('## Key findings', '', ...summary.map((s) => `- ${m(s)}`), '');

  const headline = model.headline;
  if (headline !== undefined) {
    const previous = `vs ${periodName(model.previousPeriod)}`;
    const rows: string[][] = [];
    if (headline.nps !== undefined) {
      const nps = headline.nps;
      rows.push(['Net Promoter Score', figureValue(nps.value, 'nps'), m(changeText(describeChange(nps, 'points', 'up'))), m(interval(nps, (v) => formatNumber(v, 1)))]);
    }
    if (headline.sentiment !== undefined) {
      const s = headline.sentiment;
      rows.push(['Mean sentiment (-1 to +1)', figureValue(s.value, 'score'), m(changeText(describeChange(s, 'absolute', 'up'))), m(interval(s, (v) => formatSigned(v, 2)))]);
    }
    if (headline.volume !== undefined) {
      rows.push(['Feedback volume', figureValue(headline.volume.value, 'number'), m(changeText(describeChange(headline.volume, 'relative', 'neutral'))), '']);
    }
    for (const extra of headline.extra ?? []) {
      const unit = extra.unit ?? 'number';
      const kind: ChangeKind = unit === 'percent' ? 'points' : 'relative';
      rows.push([
        m(extra.label),
        m(figureValue(extra.value, unit)),
        m(changeText(describeChange(extra, kind, extra.better ?? 'neutral', unit === 'percent' ? 100 : 1))),
        m(interval(extra, (v) => figureValue(v, unit))),
      ]);
    }
    out.push('## Headline figures', '', table(['Figure', 'Value', `Change ${m(previous)}`, 'Notes'], rows, [false, true]), '');
  }

  if (model.themes !== undefined) {
    out.push('## Themes in the feedback', '');
    if (model.themes.length === 0) out.push('*No themes found in this period.*', '');
    else {
      out.push(
        table(
          ['Theme', 'Records', 'Share', 'Sentiment', 'Trend', 'Weekly volume'],
          model.themes.map((t) => [
            m(t.label),
            formatNumber(t.size, 0),
            formatPercent(t.share),
            sentimentText(t.sentiment).text,
            m(trendText(t.trend)),
            textSparkline(t.weekly).replace(/ /g, '\u00a0'),
          ]),
          [false, true, true, true],
        ),
        '',
      );
      for (const t of model.themes) {
        out.push(`### ${m(t.label)}`, '');
        if ((t.terms ?? []).length > 0) out.push(`Terms: ${m((t.terms ?? []).join(', '))}`, '');
        const quotes = usableQuotes(t.quotes, resolved.maxQuotes);
        if (quotes.length === 0) out.push('*No quotes.*', '');
        for (const q of quotes) out.push(...quoteLines(q));
      }
    }
  }

  if (model.segments !== undefined) {
    out.push('## Sales anomalies and change points', '');
    if (model.segments.length === 0) out.push('*No segments analysed.*', '');
    const shown = model.segments.slice(0, resolved.maxSegments);
    for (const segment of shown) {
      out.push(`### ${m(segment.label)}`, '');
      out.push(`${m(String(segment.measure))}: \`${textSparkline(segment.series)}\` (${segment.series.length} points)`, '');
      const breaks = [
        ...segment.anomalies.map((a) => ({
          t: a.t,
          row: [
            m(formatTime(a.t)),
            a.direction === 'down' ? 'Drop ▼' : 'Spike ▲',
            formatNumber(a.value),
            `${formatNumber(a.expected)}${isFiniteNumber(a.lower) && isFiniteNumber(a.upper) ? ` (${formatNumber(a.lower)} to ${formatNumber(a.upper)})` : ''}`,
            deviationText(a.value, a.expected),
            m(a.event ?? ''),
          ],
        })),
        ...segment.changePoints.map((c) => ({
          t: c.t,
          row: [m(formatTime(c.t)), 'Change of level', `${formatNumber(c.after)} after`, `${formatNumber(c.before)} before`, deviationText(c.after, c.before), m(c.method ?? '')],
        })),
      ].sort((a, b) => String(a.t).localeCompare(String(b.t)));
      if (breaks.length === 0) out.push('*No anomalies or change points in this segment.*', '');
      else out.push(table(['Week', 'What', 'Value', 'Expected', 'Deviation', 'Note'], breaks.map((b) => b.row), [false, false, true, true, true]), '');
      for (const x of segment.explanations ?? []) {
        out.push(`**Feedback that may explain the ${x.kind === 'changePoint' ? 'change of level' : 'anomaly'} of ${m(formatTime(x.t))}**`, '');
        if (x.summary !== undefined) out.push(m(x.summary), '');
        if ((x.themes ?? []).length === 0) {
          out.push('*No feedback theme rose before this break: look for causes outside the feedback.*', '');
          continue;
        }
        for (const theme of x.themes) {
          out.push(`- **${m(theme.label)}** ${m(liftText(theme))}`);
          for (const q of usableQuotes(theme.quotes, resolved.maxQuotes)) {
            const credit = quoteCredit(q);
            out.push(`  > “${m(q.text)}”${credit === '' ? '' : ` — ${m(credit)}`}`);
          }
        }
        out.push('');
      }
    }
    const rest = model.segments.slice(resolved.maxSegments);
    if (rest.length > 0) {
      out.push(
        `### ${rest.length} more segment${rest.length === 1 ? '' : 's'}`,
        '',
        table(['Segment', 'Measure', 'Anomalies', 'Change points'], rest.map((s) => [m(s.label), m(s.measure), String(s.anomalies.length), String(s.changePoints.length)]), [false, false, true, true]),
        '',
      );
    }
  }

  if (model.forecast !== undefined) {
    out.push('## Forecast accuracy and lessons learned', '');
    const cycles = model.forecast.cycles;
    if (cycles.length === 0) out.push('*No forecasts with actuals to score.*', '');
    else {
      const stepNames = [...new Set(cycles.flatMap((c) => (c.steps ?? []).map((s) => String(s.step))))];
      out.push(
        table(
          ['Cycle', 'Pairs', 'MAPE', 'WAPE', 'Bias', 'Tracking signal', 'MASE', ...stepNames.map((s) => `WAPE ${m(s)}`)],
          cycles.map((c) => [
            m(c.cycle),
            formatNumber(c.n, 0),
            formatPercent(c.mape),
            formatPercent(c.wape),
            formatSignedPercent(c.bias),
            formatSigned(c.trackingSignal, 1),
            formatNumber(c.mase, 2),
            ...stepNames.map((name) => {
              const step = (c.steps ?? []).find((s) => String(s.step) === name);
              return step === undefined ? NOT_AVAILABLE : formatPercent(step.wape);
            }),
          ]),
          [false, true, true, true, true, true, true, ...stepNames.map(() => true)],
        ),
        '',
      );
      for (const c of cycles) {
        if ((c.worstGroups ?? []).length === 0) continue;
        out.push(
          `Worst groups in ${m(c.cycle)}: ${(c.worstGroups ?? [])
            .map((g) => `${m(g.group)} (WAPE ${formatPercent(g.wape)}${isFiniteNumber(g.bias) ? `, bias ${formatSignedPercent(g.bias)}` : ''})`)
            .join('; ')}`,
          '',
        );
      }
    }
    const lessons = model.forecast.lessons ?? [];
    if (lessons.length > 0) {
      const marks: Record<string, string> = { improved: '▲', worsened: '▼', bias: '⚠', info: '•' };
      out.push('### Lessons learned', '', ...lessons.map((l) => `- ${marks[l.kind ?? 'info'] ?? '•'} ${l.cycle === undefined ? '' : `**${m(l.cycle)}:** `}${m(l.text)}`), '');
    }
  }

  if (model.actions !== undefined) {
    out.push('## Action impact', '');
    if (model.actions.length === 0) out.push('*No actions recorded.*', '');
    else {
      out.push(
        table(
          ['Date', 'Action', 'Scope', 'Before → after', 'Effect', 'Verdict', 'KPI'],
          model.actions.map((a) => [
            m(formatTime(a.date)),
            m(a.description),
            m(
              Object.entries(a.scope ?? {})
                .map(([k, v]) => `${k}: ${v}`)
                .join(', '),
            ),
            isFiniteNumber(a.before) || isFiniteNumber(a.after) ? `${formatNumber(a.before)} → ${formatNumber(a.after)}` : NOT_AVAILABLE,
            isFiniteNumber(a.effect)
              ? `${formatSignedPercent(a.effect)}${isFiniteNumber(a.lower) && isFiniteNumber(a.upper) ? ` (${formatSignedPercent(a.lower)} to ${formatSignedPercent(a.upper)})` : ''}`
              : NOT_AVAILABLE,
            m(a.verdict ?? NOT_AVAILABLE),
            textSparkline(a.series).replace(/ /g, '\u00a0'),
          ]),
          [false, false, false, true, true],
        ),
        '',
      );
    }
  }

  const dq = model.dataQuality;
  if (dq !== undefined || warnings.length > 0) {
    out.push('## Data quality', '');
    if (dq !== undefined) {
      out.push(
        table(
          ['Input', 'Rows read', 'Accepted', 'Rejected'],
          dq.sources.map((s) => [m(s.name), formatNumber(s.rowsRead, 0), formatNumber(s.rowsAccepted ?? s.rowsRead - rejectedTotal(s), 0), formatNumber(rejectedTotal(s), 0)]),
          [false, true, true, true],
        ),
        '',
      );
      const groups = groupRejections(dq);
      if (groups.length > 0) {
        out.push('### Why rows were rejected', '', table(['Input', 'Field', 'Reason', 'Rows listed'], groups.map((g) => [m(g.source), m(g.field), m(g.reason), String(g.count)]), [false, false, false, true]), '');
        const listed = dq.sources.flatMap((s) => (s.rejected ?? []).map((r) => ({ source: s.name, ...r })));
        const first = listed.slice(0, resolved.maxRejectedRows);
        if (first.length > 0) {
          out.push(
            table(['Input', 'Row', 'Field', 'Reason'], first.map((r) => [m(r.file ?? r.source), formatNumber(r.row, 0), m(r.field), m(r.reason)]), [false, true]),
            '',
          );
          if (listed.length > first.length) out.push(`… and ${listed.length - first.length} more listed in the JSON report.`, '');
        }
      }
    }
    const all = [...(dq?.warnings ?? []), ...warnings];
    if (all.length > 0) out.push('### Warnings', '', ...all.map((w) => `- ${m(w)}`), '');
  }
  out.push('---', '', `*Made by ${m(model.generator ?? 'feedback-miner')}.*`, '');
  return out.join('\n');
}
