import { compareCycles } from '../../planning/compareCycles';
import { forecastAccuracy } from '../../planning/forecastAccuracy';
import { forecastValueAdded } from '../../planning/forecastValueAdded';
import type { ForecastRecord } from '../../records';
import type { ReportForecast, ReportForecastCycle, ReportLesson } from '../../report/types';

/** The planning steps in their usual order; a cycle is judged on its last step (the plan that was released). */
const STEP_ORDER = ['naive', 'statistical', 'consensus', 'final'];

function stepRank(step: string | undefined): number {
  const i = STEP_ORDER.indexOf(step ?? 'final');
  return i === -1 ? STEP_ORDER.length : i;
}

const fraction = (percent: number | null): number | undefined => (percent === null ? undefined : percent / 100);

export function buildForecast(rows: readonly ForecastRecord[]): {
  forecast: ReportForecast;
  findings: string[];
  warnings: string[];
  latestWape?: number;
} {
  const warnings: string[] = [];
  const byCycle = new Map<string, ForecastRecord[]>();
  for (const row of rows) {
    const cycle = row.cycle ?? '(no cycle)';
    let list = byCycle.get(cycle);
    if (list === undefined) byCycle.set(cycle, (list = []));
    list.push(row);
  }
  const ids = [...byCycle.keys()].sort();
  const released = new Map<string, ForecastRecord[]>();
  for (const id of ids) {
    const list = byCycle.get(id) ?? [];
    const last = Math.max(...list.map((r) => stepRank(r.step)));
    released.set(
      id,
      list.filter((r) => stepRank(r.step) === last),
    );
  }
  const comparison = compareCycles(ids.map((id) => ({ id, rows: released.get(id) ?? [] })));
  warnings.push(...comparison.warnings);
  const cycles: ReportForecastCycle[] = [];
  for (const id of ids) {
    const all = byCycle.get(id) ?? [];
    const final = released.get(id) ?? [];
    const accuracy = forecastAccuracy(final);
    if (accuracy.overall.n === 0) continue;
    const perGroup = forecastAccuracy(final, { by: ['group'] });
    const fva = forecastValueAdded(all);
    const steps = fva.steps.filter((s) => s.value !== null).map((s) => ({ step: s.step, wape: (s.value ?? 0) / 100 }));
    const worstGroups = perGroup.groups
      .filter((g) => g.wape !== null)
      .sort((a, b) => (b.wape ?? 0) - (a.wape ?? 0))
      .slice(0, 3)
      .map((g) => ({ group: g.key.group ?? '', wape: (g.wape ?? 0) / 100, ...(g.biasPercent === null ? {} : { bias: g.biasPercent / 100 }) }));
    const o = accuracy.overall;
    cycles.push({
      cycle: id,
      n: o.n,
      ...(fraction(o.mape) === undefined ? {} : { mape: fraction(o.mape)! }),
      ...(fraction(o.wape) === undefined ? {} : { wape: fraction(o.wape)! }),
      ...(fraction(o.biasPercent) === undefined ? {} : { bias: fraction(o.biasPercent)! }),
      ...(o.trackingSignal === null ? {} : { trackingSignal: o.trackingSignal }),
      ...(o.mase === null ? {} : { mase: o.mase }),
      ...(steps.length > 1 ? { steps } : {}),
      worstGroups,
    });
  }
  const lessons: ReportLesson[] = comparison.lessons.map((text) => ({ text }));
  const latest = cycles[cycles.length - 1];
  const latestWape = latest?.wape ?? undefined;
  const latestBias = latest?.bias ?? undefined;
  const findings: string[] = [];
  if (latest !== undefined && latestWape !== undefined) {
    findings.push(
      `Forecast error in cycle ${latest.cycle}: WAPE ${(latestWape * 100).toFixed(1)}%${
        latestBias === undefined ? '' : `, bias ${latestBias >= 0 ? '+' : ''}${(latestBias * 100).toFixed(1)}% (positive = over-forecast)`
      }.`,
    );
  }
  for (const b of comparison.chronicBias.slice(0, 1)) {
    findings.push(`${b.group} is chronically ${b.direction} (${b.cycles} cycles, mean bias ${b.meanBiasPercent.toFixed(1)}%).`);
  }
  return {
    forecast: { cycles, lessons },
    findings,
    warnings,
    ...(latestWape === undefined ? {} : { latestWape }),
  };
}
