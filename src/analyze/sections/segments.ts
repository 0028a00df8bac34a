import type { AnomalyExplanation } from '../../insights/explainAnomaly';
import type { ActionRecord, SalesMeasure, SalesRecord } from '../../records';
import type { ReportAnomaly, ReportChangePoint, ReportExplanation, ReportSegment } from '../../report/types';
import { detectAnomalies } from '../../timeseries/detect-anomalies';
import { detectChangePoints } from '../../timeseries/detect-change-points';
import type { CalendarEvent } from '../../timeseries/events';
import { toSeries } from '../../timeseries/to-series';
import { segmentLabel, signedPercent } from './enriched';
import { formatDay, parseDay } from '../../insights/internal/dates';

/** The detector's name that opens its warnings; the report names the segments instead. */
const DETECTOR_PREFIX = /^(?:detectAnomalies|detectChangePoints): /;

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

/** A break of a segment's sales: a surprise (anomaly) or a level shift, with its relative size. */
export interface SegmentBreak {
  readonly kind: 'anomaly' | 'changePoint';
  readonly t: string;
  readonly relative: number;
  readonly value: number;
  readonly expected: number;
}

/** A segment with breaks, before its breaks are explained by feedback. */
export interface SegmentCandidate {
  readonly dimensions: Readonly<Record<string, string>>;
  /** The report's segment, its `explanations` still empty. */
  readonly segment: ReportSegment;
  readonly severity: number;
  /** Breaks, largest first. */
  readonly breaks: readonly SegmentBreak[];
}

/**
 * The sales side of the segments section: weekly series per segment, anomalies and change points, breaks; the
 * segments to draw (the `maxSegments` with the largest breaks) first. Feedback plays no part, so this runs
 * before any feedback is read.
 */
export function detectSegments(
  sales: readonly SalesRecord[],
  options: SegmentOptions,
): { candidates: SegmentCandidate[]; more: number; warnings: string[] } {
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
  const candidates: SegmentCandidate[] = [];
  const detectorWarnings = new Map<string, string[]>();
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
    // What the detectors had to say about this series (a search stopped at its budget, a season not tested)
    // goes to the report, once per distinct warning with the segments it concerns, not lost.
    for (const warning of new Set([...anomalies.warnings, ...changes.warnings].map((w) => w.replace(DETECTOR_PREFIX, '')))) {
      const segments = detectorWarnings.get(warning);
      if (segments === undefined) detectorWarnings.set(warning, [segmentLabel(dimensions)]);
      else segments.push(segmentLabel(dimensions));
    }
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
    const breaks: SegmentBreak[] = [
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
    candidates.push({
      dimensions,
      segment: {
        label: segmentLabel(dimensions),
        dimensions,
        measure,
        series: series.points.map((p) => ({ t: p.t, value: p.value })),
        anomalies: reportAnomalies,
        changePoints: reportChanges,
        explanations: [],
        events: events.map((e) => ({ t: e.start, label: e.name })),
      },
      severity,
      breaks,
    });
  }
  for (const [warning, segments] of detectorWarnings) {
    const named = segments.length <= 3 ? segments.join('; ') : `${segments.slice(0, 3).join('; ')} and ${segments.length - 3} more`;
    warnings.push(`${measure} of ${segments.length} segment(s) (${named}): ${warning}`);
  }
  candidates.sort((a, b) => b.severity - a.severity || a.segment.label.localeCompare(b.segment.label));
  const chosen = candidates.slice(0, options.maxSegments);
  return { candidates: chosen, more: candidates.length - chosen.length, warnings };
}

/** The breaks feedback is asked to explain: falls (complaints rise before sales drop), the largest few per segment. */
export function breaksToExplain(candidate: SegmentCandidate): SegmentBreak[] {
  return candidate.breaks.filter((x) => x.relative < 0).slice(0, EXPLANATIONS_PER_SEGMENT);
}

/**
 * The segments section from detected segments and an explanation of each break to explain (`explain` is called
 * in the order of `breaksToExplain` for each candidate).
 */
export function finishSegments(
  detected: { candidates: readonly SegmentCandidate[]; more: number; warnings: readonly string[] },
  measure: SalesMeasure,
  explain: (candidate: SegmentCandidate, b: SegmentBreak) => AnomalyExplanation,
): { segments: ReportSegment[]; findings: string[]; warnings: string[] } {
  const segments: ReportSegment[] = [];
  const perSegment: { text: string; weight: number }[][] = [];
  for (const candidate of detected.candidates) {
    const { dimensions } = candidate;
    const explanations: ReportExplanation[] = [];
    const findings: { text: string; weight: number }[] = [];
    for (const b of breaksToExplain(candidate)) {
      const explanation = explain(candidate, b);
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
    for (const b of candidate.breaks.filter((x) => x.relative > 0 && x.kind === 'changePoint').slice(0, 1)) {
      findings.push({
        text: `${segmentLabel(dimensions)}: ${measure} rose to a new level (${signedPercent(b.relative)}) from the week of ${b.t}.`,
        weight: b.relative / 2,
      });
    }
    segments.push({ ...candidate.segment, explanations });
    perSegment.push(findings);
  }
  // One finding per segment in the summary (its strongest); the rest are in the segment's own section.
  const findings = perSegment
    .map((list) => [...list].sort((a, b) => b.weight - a.weight)[0])
    .filter((f): f is { text: string; weight: number } => f !== undefined)
    .sort((a, b) => b.weight - a.weight)
    .map((f) => f.text);
  const warnings = [...detected.warnings];
  if (detected.more > 0) warnings.push(`${detected.more} more segment(s) with smaller breaks are not drawn`);
  return { segments, findings, warnings };
}
