import { explainAnomaly } from '../../insights/explainAnomaly';
import type { ActionRecord, SalesMeasure, SalesRecord } from '../../records';
import type { ReportAnomaly, ReportChangePoint, ReportExplanation, ReportSegment } from '../../report/types';
import { detectAnomalies } from '../../timeseries/detect-anomalies';
import { detectChangePoints } from '../../timeseries/detect-change-points';
import type { CalendarEvent } from '../../timeseries/events';
import { toSeries } from '../../timeseries/to-series';
import { type EnrichedFeedback, segmentLabel, signedPercent } from './enriched';
import { formatDay, parseDay } from '../../insights/internal/dates';

export interface SegmentOptions {
  readonly measure: SalesMeasure;
  readonly segmentBy: readonly ('product' | 'region' | 'channel')[];
  readonly actions: readonly ActionRecord[];
  readonly events: readonly CalendarEvent[];
  readonly maxSegments: number;
}

/** Explanations per segment: the largest breaks only, so the report stays readable. */
const EXPLANATIONS_PER_SEGMENT = 3;
/** A promotion is assumed to move sales for two weeks from its start (ActionRecord has no end date). */
const PROMOTION_DAYS = 14;

function appliesTo(scope: Readonly<Record<string, string>>, dimensions: Readonly<Record<string, string>>): boolean {
  for (const [key, value] of Object.entries(scope)) {
    if (key in dimensions && dimensions[key] !== value) return false;
  }
  return true;
}

function promotionEvents(actions: readonly ActionRecord[], dimensions: Readonly<Record<string, string>>): CalendarEvent[] {
  const events: CalendarEvent[] = [];
  for (const action of actions) {
    if (action.kind !== 'promotion' || !appliesTo(action.scope, dimensions)) continue;
    const start = parseDay(action.date);
    if (start === null) continue;
    events.push({ name: action.description, start: formatDay(start), end: formatDay(start + PROMOTION_DAYS - 1) });
  }
  return events;
}

/** Within this relative distance of the level two segments back, a change point counts as a return to it. */
const RECOVERY_TOLERANCE = 0.2;

function isRecovery(changes: readonly { before: number; after: number }[], i: number): boolean {
  const previous = changes[i - 1];
  const current = changes[i];
  if (previous === undefined || current === undefined || previous.before === 0) return false;
  const wentBack = Math.sign(current.after - current.before) !== Math.sign(previous.after - previous.before);
  return wentBack && Math.abs(current.after - previous.before) / Math.abs(previous.before) < RECOVERY_TOLERANCE;
}

/** The name of the event covering an ISO date, if any (dates compare as strings in ISO form). */
function onEvent(events: readonly CalendarEvent[], date: string): string | undefined {
  const day = date.slice(0, 10);
  for (const e of events) {
    const start = String(e.start).slice(0, 10);
    const end = String(e.end ?? e.start).slice(0, 10);
    if (day >= start && day <= end) return e.name;
  }
  return undefined;
}

interface Candidate {
  readonly segment: ReportSegment;
  readonly severity: number;
  readonly findings: { readonly text: string; readonly weight: number }[];
}

export function buildSegments(
  sales: readonly SalesRecord[],
  feedback: readonly EnrichedFeedback[],
  options: SegmentOptions,
): { segments: ReportSegment[]; findings: string[]; warnings: string[] } {
  const warnings: string[] = [];
  const { measure } = options;
  const set = toSeries(sales, {
    value: (r: SalesRecord) => r[measure],
    by: (r: SalesRecord) => options.segmentBy.map((d) => r[d] ?? '(none)').join('\u0000'),
    freq: 'week',
    gaps: 'missing',
  });
  // Missing measures are normal (a file without revenue); they are reported once, not per row.
  if (set.rejected.length > 0) {
    warnings.push(`${set.rejected.length} sales row(s) without a usable ${measure} value or date were left out of the series`);
  }
  const candidates: Candidate[] = [];
  for (const series of set.series) {
    const parts = series.key.split('\u0000');
    const dimensions: Record<string, string> = {};
    options.segmentBy.forEach((name, i) => {
      dimensions[name] = parts[i] ?? '';
    });
    const points = series.points.map((p) => ({ t: p.t, value: p.value }));
    const finite = points.filter((p) => Number.isFinite(p.value)).length;
    if (finite < 8) {
      warnings.push(`${segmentLabel(dimensions)}: only ${finite} weeks with ${measure}; no anomaly detection`);
      continue;
    }
    const events = [...options.events, ...promotionEvents(options.actions, dimensions)];
    const anomalies = detectAnomalies(points, { events });
    // Level changes are judged on the deseasonalised series where a season is found, so that a yearly swing
    // is not read as a run of level shifts.
    const changes = detectChangePoints(points, { period: 'auto' });
    const reportAnomalies: ReportAnomaly[] = anomalies.map((a) => ({
      t: a.t,
      index: a.index,
      value: a.value,
      expected: a.expected,
      lower: a.lower,
      upper: a.upper,
      score: a.score,
      direction: a.direction,
      method: a.method,
      ...(a.event === undefined ? {} : { event: a.event }),
    }));
    const reportChanges: ReportChangePoint[] = changes.map((c) => ({
      t: c.t,
      index: c.index,
      before: c.before,
      after: c.after,
      method: c.method,
    }));
    // Breaks: surprises (not known events) and level shifts, largest first.
    const breaks = [
      ...anomalies
        .filter((a) => a.event === undefined)
        .map((a) => ({
          kind: 'anomaly' as const,
          t: String(a.t),
          relative: a.expected !== 0 ? (a.value - a.expected) / Math.abs(a.expected) : 0,
          value: a.value,
          expected: a.expected,
        })),
      // A rise back to the level before the previous change is a recovery, not news: left out of the breaks.
      // A level change that starts on a known event (a holiday week) is the event's doing, not news either.
      ...changes.filter((c, i) => !isRecovery(changes, i) && onEvent(events, String(c.t)) === undefined).map((c) => ({
        kind: 'changePoint' as const,
        t: String(c.t),
        relative: c.before !== 0 ? (c.after - c.before) / Math.abs(c.before) : 0,
        value: c.after,
        expected: c.before,
      })),
    ].sort((a, b) => Math.abs(b.relative) - Math.abs(a.relative));
    const severity = breaks.length === 0 ? 0 : Math.abs(breaks[0]!.relative);
    if (breaks.length === 0 && anomalies.length === 0) continue;

    const explanations: ReportExplanation[] = [];
    const findings: { text: string; weight: number }[] = [];
    // Feedback explains a fall (complaints rise before sales drop); a rise is shown on the chart, not explained.
    for (const b of breaks.filter((x) => x.relative < 0).slice(0, EXPLANATIONS_PER_SEGMENT)) {
      const explanation = explainAnomaly(
        {
          t: b.t,
          value: b.value,
          expected: b.expected,
          direction: 'down',
          segment: dimensions,
        },
        feedback,
        { kpi: measure, segment: dimensions },
      );
      explanations.push({
        t: b.t,
        kind: b.kind,
        summary: explanation.summary,
        themes: explanation.drivers.map((d) => ({
          label: d.facet === 'aspect' ? `${d.name} (aspect)` : d.name,
          lift: d.lift ?? 0,
          count: d.windowCount,
          ...(d.baselineShare === null ? {} : { baseline: d.baselineShare * d.windowN }),
          ...(d.pValue === null ? {} : { pValue: d.pValue }),
          quotes: d.quotes.map((q) => ({ text: q.text, id: q.id, date: q.date })),
        })),
      });
      // Key findings carry only explanations that survive the multiple-testing correction; leads that do not
      // stay in the segment's own section, where explainAnomaly's summary says they are only leads.
      if (explanation.supported) findings.push({ text: explanation.summary, weight: Math.abs(b.relative) });
    }
    for (const b of breaks.filter((x) => x.relative > 0 && x.kind === 'changePoint').slice(0, 1)) {
      findings.push({
        text: `${segmentLabel(dimensions)}: ${measure} rose to a new level (${signedPercent(b.relative)}) from the week of ${b.t}.`,
        weight: b.relative / 2,
      });
    }
    candidates.push({
      segment: {
        label: segmentLabel(dimensions),
        dimensions,
        measure,
        series: series.points.map((p) => ({ t: p.t, value: p.value })),
        anomalies: reportAnomalies,
        changePoints: reportChanges,
        explanations,
        events: events.map((e) => ({ t: e.start, label: e.name })),
      },
      severity,
      findings,
    });
  }
  candidates.sort((a, b) => b.severity - a.severity || a.segment.label.localeCompare(b.segment.label));
  const chosen = candidates.slice(0, options.maxSegments);
  // One finding per segment in the summary (its strongest); the rest are in the segment's own section.
  const findings = chosen
    .map((c) => [...c.findings].sort((a, b) => b.weight - a.weight)[0])
    .filter((f): f is { text: string; weight: number } => f !== undefined)
    .sort((a, b) => b.weight - a.weight)
    .map((f) => f.text);
  if (candidates.length > chosen.length) {
    warnings.push(`${candidates.length - chosen.length} more segment(s) with smaller breaks are not drawn`);
  }
  return { segments: chosen.map((c) => c.segment), findings, warnings };
}
