import { emergingThemes } from '../../insights/emergingThemes';
import { isoWeekStart } from '../../internal/civil';
import type { ReportQuote, ReportTheme } from '../../report/types';
import { clusterTexts } from '../../themes/clusterTexts';
import { type EnrichedFeedback, signedPercent } from './enriched';
import { formatDay, parseDay } from '../../insights/internal/dates';
import type { Periods } from './headline';

const QUOTES = 3;

export function buildThemes(
  feedback: readonly EnrichedFeedback[],
  options: { k: number | 'auto'; seed: number; periods: Periods },
): { records: EnrichedFeedback[]; themes: ReportTheme[]; findings: string[]; warnings: string[] } {
  const warnings: string[] = [];
  if (feedback.length < 2) {
    return { records: [...feedback], themes: [], findings: [], warnings: ['too little feedback to find themes'] };
  }
  const texts = feedback.map((r) => r.text);
  const k = typeof options.k === 'number' ? Math.min(options.k, feedback.length) : options.k;
  // A planning meeting reads a handful of themes: 'auto' searches 4 to 10 by silhouette. Stability (the themes
  // stage's default) prefers the coarsest stable split, often 2 (products vs fulfilment), too coarse for a report.
  const clustering = clusterTexts(texts, {
    k,
    seed: options.seed,
    sentiments: feedback.map((r) => r.sentiment),
    ...(k === 'auto' ? { kRange: [Math.min(4, feedback.length), Math.min(10, feedback.length)] as const, selectBy: 'silhouette' as const } : {}),
  });
  warnings.push(...(clustering.warnings ?? []));
  const labelOf = new Map<number, string>();
  for (const theme of clustering.themes) labelOf.set(theme.id, theme.label);
  const records = feedback.map((r, i) => {
    const id = clustering.assignments[i] ?? -1;
    return { ...r, theme: id === -1 ? null : (labelOf.get(id) ?? null) };
  });

  // Weekly volume per theme, on the common week axis of all feedback.
  let first = Infinity;
  let last = -Infinity;
  const days = records.map((r) => parseDay(r.date));
  for (const d of days) {
    if (d === null) continue;
    if (d < first) first = d;
    if (d > last) last = d;
  }
  const weeks: number[] = [];
  if (Number.isFinite(first)) for (let w = isoWeekStart(first); w <= last; w += 7) weeks.push(w);

  const emerging = emergingThemes(records, { freq: 'week', recent: 4 });
  const trendOf = new Map(emerging.themes.map((t) => [t.theme, t]));

  const themes: ReportTheme[] = [];
  const findings: string[] = [];
  for (const theme of clustering.themes) {
    if (theme.unclustered === true) continue;
    const members: number[] = [];
    clustering.assignments.forEach((a, i) => {
      if (a === theme.id) members.push(i);
    });
    const counts = new Map<number, number>();
    for (const i of members) {
      const d = days[i];
      if (d === null || d === undefined) continue;
      const w = isoWeekStart(d);
      counts.set(w, (counts.get(w) ?? 0) + 1);
    }
    let sentimentSum = 0;
    for (const i of members) sentimentSum += feedback[i]?.sentiment ?? 0;
    const quotes: ReportQuote[] = theme.exampleIndices.slice(0, QUOTES).map((i) => {
      const r = feedback[i]!;
      return {
        text: r.text,
        id: r.id,
        date: r.date.slice(0, 10),
        ...(r.source === undefined ? {} : { source: r.source }),
        sentiment: r.sentiment,
        ...(r.rating === undefined ? {} : { rating: r.rating }),
        segment: [r.product, r.region].filter((x) => x !== undefined).join(' / '),
      };
    });
    const trend = trendOf.get(theme.label);
    themes.push({
      id: theme.id,
      label: theme.label,
      terms: theme.terms.slice(0, 8).map((t) => t.term),
      size: theme.size,
      share: theme.share,
      sentiment: members.length === 0 ? 0 : sentimentSum / members.length,
      weekly: weeks.map((w) => ({ t: formatDay(w), value: counts.get(w) ?? 0 })),
      quotes,
      ...(trend === undefined
        ? {}
        : {
            trend: {
              direction: trend.emerging ? 'rising' : trend.change < 0 && trend.qValue < 0.05 ? 'falling' : 'steady',
              ...(trend.ratio === null ? {} : { change: trend.ratio - 1 }),
              pValue: trend.pValue,
              method: 'Poisson rate test, BH-adjusted',
            },
          }),
    });
    if (trend?.emerging === true && trend.ratio !== null) {
      findings.push(
        `Theme "${theme.label}" is rising: ${trend.recentCount} mentions in the last 4 weeks, ${signedPercent(trend.ratio - 1)} on its own history.`,
      );
    }
  }
  themes.sort((a, b) => b.size - a.size);
  return { records, themes, findings, warnings };
}
