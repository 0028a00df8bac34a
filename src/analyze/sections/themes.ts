import { emergingThemesFromCounts } from '../../insights/emergingThemes';
import { formatDay } from '../../insights/internal/dates';
import { isoWeekStart } from '../../internal/civil';
import type { ReportQuote, ReportTheme } from '../../report/types';
import type { ThemeModel } from '../../themes/themeModel';
import type { ThemeCell } from '../passes/assign';
import { signedPercent } from './enriched';

/**
 * The themes section from the fitted model and the assign pass's counts: size, share and mean sentiment of each
 * theme over all feedback, weekly volume on the common week axis, the trend of the last 4 weeks against the 12
 * before (`emergingThemes` from counts), and quotes nearest the centroid.
 */
export function buildThemes(
  model: ThemeModel | null,
  cells: { readonly [id: string]: ThemeCell },
  usable: number,
  range: { readonly firstDay: number | null; readonly lastDay: number | null },
): { themes: ReportTheme[]; findings: string[] } {
  if (model === null) return { themes: [], findings: [] };
  const weeks: number[] = [];
  if (range.firstDay !== null && range.lastDay !== null) {
    for (let w = isoWeekStart(range.firstDay); w <= range.lastDay; w += 7) weeks.push(w);
  }
  // Emerging themes by label (two themes with one label count as one, as records carrying labels would).
  const byLabel: Record<string, Record<string, [number, number]>> = {};
  model.themes.forEach((theme) => {
    const into = (byLabel[theme.label] ??= {});
    for (const [week, [n, negative]] of Object.entries(cells[String(theme.id)]?.weeks ?? {})) {
      const cell = (into[week] ??= [0, 0]);
      cell[0] += n;
      cell[1] += negative;
    }
  });
  const emerging = emergingThemesFromCounts(
    {
      first: range.firstDay === null ? null : isoWeekStart(range.firstDay),
      last: range.lastDay === null ? null : isoWeekStart(range.lastDay),
      segments: { '': { segment: {}, themes: byLabel } },
    },
    { freq: 'week', recent: 4 },
  );
  const trendOf = new Map(emerging.themes.map((t) => [t.theme, t]));
  const themes: ReportTheme[] = [];
  const findings: string[] = [];
  for (const theme of model.themes) {
    const cell = cells[String(theme.id)];
    const size = cell?.size ?? 0;
    const quotes: ReportQuote[] = (cell?.quotes ?? []).map((q) => ({
      text: q.text,
      id: q.id,
      date: q.date,
      ...(q.source === undefined ? {} : { source: q.source }),
      sentiment: q.sentiment,
      ...(q.rating === undefined ? {} : { rating: q.rating }),
      segment: q.segment,
    }));
    const trend = trendOf.get(theme.label);
    themes.push({
      id: theme.id,
      label: theme.label,
      terms: theme.terms.slice(0, 8).map((t) => t.term),
      size,
      share: usable === 0 ? 0 : size / usable,
      sentiment: size === 0 || cell === undefined ? 0 : (cell.sum + cell.compensation) / size,
      weekly: weeks.map((w) => ({ t: formatDay(w), value: cell?.weeks[String(w)]?.[0] ?? 0 })),
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
  return { themes, findings };
}
