import { type ActionFeedbackCounts, actionImpactFromCounts } from '../../insights/actionImpact';
import type { ActionRecord, SalesMeasure, SalesRecord } from '../../records';
import type { ReportAction } from '../../report/types';

export function buildActions(
  actions: readonly ActionRecord[],
  sales: readonly SalesRecord[],
  feedback: ActionFeedbackCounts,
  measure: SalesMeasure,
): { actions: ReportAction[]; findings: string[]; warnings: string[] } {
  // actionImpact reports percent changes; the report model takes fractions.
  const result = actionImpactFromCounts(actions, sales, { kpi: measure }, feedback);
  const warnings: string[] = [];
  if (result.rejected.length > 0) warnings.push(`action impact: ${result.rejected.length} sales row(s) skipped`);
  for (const r of result.rejectedActions) warnings.push(`action impact: action ${r.row + 1} skipped (${r.field}: ${r.reason})`);
  const out: ReportAction[] = [];
  const findings: string[] = [];
  for (const impact of result.impacts) {
    const a = impact.action;
    const kpi = impact.kpi;
    const verdict =
      kpi === null || kpi.conclusion === 'insufficient data' || kpi.conclusion === 'no detectable change'
        ? 'unclear'
        : kpi.conclusion === 'improved'
          ? 'helped'
          : 'hurt';
    out.push({
      ...(a.id === undefined ? {} : { id: a.id }),
      date: a.date,
      description: a.description,
      scope: a.scope,
      ...(a.kind === undefined ? {} : { kind: a.kind }),
      measure,
      ...(kpi === null ? {} : { before: kpi.treatedBefore, after: kpi.treatedAfter }),
      ...(kpi?.estimate === null || kpi === null ? {} : { effect: kpi.estimate / 100 }),
      ...(kpi?.interval == null ? {} : { lower: kpi.interval.lower / 100, upper: kpi.interval.upper / 100 }),
      verdict,
      method: 'difference in differences',
    });
    if (verdict !== 'unclear' && a.kind !== 'promotion') findings.push(impact.statement);
  }
  return { actions: out, findings, warnings };
}
