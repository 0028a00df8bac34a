import { assertArray, assertNumberOption, assertOptions, fail } from '../errors';
import type { ActionRecord, Rejected, SalesMeasure, SalesRecord } from '../records';
import { type Frequency, FREQUENCIES, addPeriods, formatDay, parseDay, periodStart } from './internal/dates';
import { checkChoice } from './internal/ratings';
import { dimensionOf, isNegative, readSalesRow } from './internal/records';
import { mean, sampleVariance, studentTQuantile, studentTTwoSided } from './internal/stats';
import type { InsightRecord, Interval, Segment } from './types';

export interface ActionImpactOptions {
  /** Sales measure (default `'units'`). */
  readonly kpi?: SalesMeasure;
  /** Period length (default `'week'`). */
  readonly freq?: Frequency;
  /** Periods before the action (default 8) and from the action on (default 8). */
  readonly before?: number;
  readonly after?: number;
  /** Confidence level (default 0.95). */
  readonly level?: number;
  /** Feedback, to measure the action's effect on the negative share of feedback in the same way. */
  readonly feedback?: readonly InsightRecord[];
}

export interface Effect {
  /** Difference in differences. KPI: of log means, shown as % change; feedback: of negative shares, in points. `null` when insufficient. */
  readonly estimate: number | null;
  readonly interval: Interval | null;
  readonly pValue: number | null;
  /** Treated unit's before and after (KPI: mean per period; feedback: % negative). */
  readonly treatedBefore: number;
  readonly treatedAfter: number;
  /** Mean change of the comparison units (same units as `estimate`). */
  readonly controlChange: number | null;
  readonly controls: number;
  readonly conclusion: 'improved' | 'worsened' | 'no detectable change' | 'insufficient data';
}

export interface ActionImpact {
  readonly action: ActionRecord;
  /** The comparison units (scopes without any action in the window). */
  readonly controls: Segment[];
  /** Effect on the KPI; `null` when it could not be measured (see `statement`). */
  readonly kpi: Effect | null;
  /** Effect on the negative share of feedback; `null` without feedback or without enough of it. */
  readonly feedback: Effect | null;
  /** Plain words, including when the data cannot support a conclusion. */
  readonly statement: string;
  readonly warnings: string[];
}

export interface ActionImpactResult {
  /** One per readable action, in input order. */
  readonly impacts: ActionImpact[];
  /** Sales rows skipped (unreadable date, non-finite KPI), with their row and reason. */
  readonly rejected: Rejected[];
  /** Actions skipped (unreadable date, empty scope), row = index in `actions`. */
  readonly rejectedActions: Rejected[];
}

/**
 * The impact of each action on the KPI and on feedback, by difference in differences: the change in the
 * action's scope from the `before` periods to the `after` periods, minus the mean change in comparable scopes
 * (the other values of the same dimensions) that had no action in that window.
 *
 * Method (Angrist & Pischke 2009, "Mostly Harmless Econometrics", ch. 5): each unit's series is collapsed to
 * one before and one after figure, which is robust to serial correlation within units (Bertrand, Duflo &
 * Mullainathan 2004, "How much should we trust differences-in-differences estimates?", QJE 119). The KPI change
 * is `ln(after mean / before mean)` so that units of different size are comparable; the estimate is reported as
 * a % change, `exp(DiD) - 1`. With one treated unit the interval is that of a new observation from the control
 * units' distribution of changes: `± t(c - 1) s_c sqrt(1 + 1/c)` (c controls, s_c their SD), the few-treated
 * inference of Conley & Taber (2011, REStat 93). Fewer than 2 controls, or missing periods, give
 * `'insufficient data'` and say why; an interval that contains 0 gives `'no detectable change'`; a pre-period
 * trend that differs from the controls' is flagged, since DiD then overstates or hides the effect.
 *
 * Sales rows with an unreadable date or a non-finite KPI are reported in `rejected`.
 *
 * Cost: O(n + a · u · p) for n rows, a actions, u units and p periods.
 * Actions with an unreadable date or an empty scope are skipped and reported in `rejectedActions`.
 *
 * @throws FeedbackMinerError INVALID_ARGUMENT if `actions` or `sales` is not an array, or an action is not an
 *   object; INVALID_OPTION for a bad kpi, freq, before/after (integers >= 2) or level.
 * @example
 * // Weekly units 2026-03-02..23: North 100, 100, 150, 150; South 200, 200, 220, 220; East 50 x 4; West 80, 80, 96, 96.
 * actionImpact([{ date: '2026-03-16', scope: { region: 'North' }, description: 'new carrier' }], sales, { before: 2, after: 2 }).impacts[0].statement
 * // => "new carrier (region North): units changed by +36.7% relative to 3 comparable scopes (95% interval -13.1% to +115.1%):
 * //     no change the data can tell apart from what happened elsewhere"
 */
export function actionImpact(
  actions: readonly ActionRecord[],
  sales: readonly SalesRecord[],
  options?: ActionImpactOptions,
): ActionImpactResult {
  const where = 'actionImpact';
  const o = resolveOptions(where, actions, sales, options);
  const { parsed, rejected } = parseActions(where, actions, o.freq);
  const counts = options?.feedback === undefined ? undefined : tallyActionFeedback(parsed, options.feedback, o);
  return { ...impactsOf(parsed, sales, o, counts), rejectedActions: rejected };
}

/**
 * What `actionImpact` needs of feedback, per readable action (in the order of `actions`, skipping those in
 * `rejectedActions`): for each unit of the action's
 * scope dimensions (JSON of the values), `[negative before, with sentiment before, negative after, with sentiment
 * after]`. Plain JSON; `mergeActionFeedbackCounts` adds two exactly.
 */
export type ActionFeedbackCounts = readonly { readonly [unit: string]: readonly [number, number, number, number] }[];

/**
 * Tallies `ActionFeedbackCounts` over feedback records (a shard of them, for a sharded run). Options as
 * `actionImpact`'s (`freq`, `before`, `after` matter). Cost: O(n · a) for n records and a actions.
 * @throws FeedbackMinerError as `actionImpact` for bad actions or options.
 */
export function actionFeedbackCounts(
  actions: readonly ActionRecord[],
  feedback: readonly InsightRecord[],
  options?: Omit<ActionImpactOptions, 'feedback'>,
): ActionFeedbackCounts {
  const where = 'actionImpact';
  const o = resolveOptions(where, actions, [], options);
  assertArray(where, 'feedback', feedback);
  return tallyActionFeedback(parseActions(where, actions, o.freq).parsed, feedback, o);
}

/** Adds two `ActionFeedbackCounts` of the same actions: exact, associative, commutative. */
export function mergeActionFeedbackCounts(a: ActionFeedbackCounts, b: ActionFeedbackCounts): ActionFeedbackCounts {
  return a.map((units, i) => {
    const out: Record<string, [number, number, number, number]> = {};
    const other = b[i] ?? {};
    for (const key of [...new Set([...Object.keys(units), ...Object.keys(other)])].sort()) {
      const x = units[key] ?? [0, 0, 0, 0];
      const y = other[key] ?? [0, 0, 0, 0];
      out[key] = [x[0] + y[0], x[1] + y[1], x[2] + y[2], x[3] + y[3]];
    }
    return out;
  });
}

/**
 * `actionImpact` with the feedback given as counts (`actionFeedbackCounts`, merged over shards), so that the
 * feedback never has to be in memory at once; `undefined` counts = no feedback. The record-based function calls it.
 * @throws FeedbackMinerError as `actionImpact`.
 */
export function actionImpactFromCounts(
  actions: readonly ActionRecord[],
  sales: readonly SalesRecord[],
  options: Omit<ActionImpactOptions, 'feedback'> | undefined,
  counts: ActionFeedbackCounts | undefined,
): ActionImpactResult {
  const where = 'actionImpact';
  const o = resolveOptions(where, actions, sales, options);
  const { parsed, rejected } = parseActions(where, actions, o.freq);
  return { ...impactsOf(parsed, sales, o, counts), rejectedActions: rejected };
}

interface Resolved {
  kpi: SalesMeasure;
  freq: Frequency;
  before: number;
  after: number;
  level: number;
}

interface ParsedAction {
  action: ActionRecord;
  period: number;
}

function resolveOptions(where: string, actions: unknown, sales: unknown, options: ActionImpactOptions | undefined): Resolved {
  assertArray(where, 'actions', actions);
  assertArray(where, 'sales', sales);
  assertOptions(where, options);
  const kpi = checkChoice(where, 'options.kpi', options?.kpi, ['revenue', 'units', 'newCustomers', 'visits', 'orders'] as const, 'units');
  const freq = checkChoice(where, 'options.freq', options?.freq, FREQUENCIES, 'week');
  const before = options?.before ?? 8;
  const after = options?.after ?? 8;
  const level = options?.level ?? 0.95;
  assertNumberOption(where, 'options.before', before, { min: 2, integer: true });
  assertNumberOption(where, 'options.after', after, { min: 2, integer: true });
  assertNumberOption(where, 'options.level', level, { min: 0.5, max: 0.9999 });
  if (options?.feedback !== undefined) assertArray(where, 'options.feedback', options.feedback);
  return { kpi, freq, before, after, level };
}

/**
 * Reads the actions: one with an unreadable date or an empty scope is bad data, skipped and reported in
 * `rejectedActions` (row = its index); a non-object where an action should be is misuse and throws.
 */
function parseActions(where: string, actions: readonly ActionRecord[], freq: Frequency): { parsed: ParsedAction[]; rejected: Rejected[] } {
  const parsed: ParsedAction[] = [];
  const rejected: Rejected[] = [];
  actions.forEach((a, i) => {
    if (a === null || typeof a !== 'object') fail('INVALID_ARGUMENT', where, `actions[${i}]`, 'an action record', a);
    const day = parseDay(a.date);
    if (day === null) {
      rejected.push({ row: i, field: 'date', reason: `not an ISO 8601 date: ${JSON.stringify(a.date)}` });
      return;
    }
    if (a.scope === null || typeof a.scope !== 'object' || Object.keys(a.scope).length === 0) {
      rejected.push({ row: i, field: 'scope', reason: 'not a non-empty object of dimension values' });
      return;
    }
    parsed.push({ action: a, period: periodStart(day, freq) });
  });
  return { parsed, rejected };
}

/** The window and units of one action: its scope's dimensions, the periods compared, the scopes other actions touched. */
function actionWindow(parsedActions: readonly ParsedAction[], index: number, o: Resolved) {
  const { action, period } = parsedActions[index] as ParsedAction;
  const keys = Object.keys(action.scope).sort();
  const unitKey = (get: (k: string) => string | undefined): string | null => {
    const values = keys.map(get);
    return values.some((v) => v === undefined) ? null : JSON.stringify(values);
  };
  const treatedKey = JSON.stringify(keys.map((k) => action.scope[k]));
  const firstBefore = addPeriods(period, -o.before, o.freq);
  const endAfter = addPeriods(period, o.after, o.freq);
  // Scopes touched by any other action in the window cannot serve as controls.
  const others = parsedActions.filter((x) => x.action !== action && x.period >= firstBefore && x.period < endAfter);
  const isTouched = (get: (k: string) => string | undefined): boolean =>
    others.some((x) => Object.entries(x.action.scope).every(([k, v]) => get(k) === v));
  return { action, period, keys, unitKey, treatedKey, firstBefore, endAfter, isTouched };
}

function tallyActionFeedback(parsedActions: readonly ParsedAction[], feedback: readonly InsightRecord[], o: Resolved): ActionFeedbackCounts {
  const rows: { record: InsightRecord; period: number; negative: boolean }[] = [];
  for (const record of feedback) {
    const day = record === null || typeof record !== 'object' ? null : parseDay(record.date);
    const negative = day === null ? undefined : isNegative(record.sentiment);
    if (day !== null && negative !== undefined) rows.push({ record, period: periodStart(day, o.freq), negative });
  }
  return parsedActions.map((_, i) => {
    const w = actionWindow(parsedActions, i, o);
    const units = new Map<string, [number, number, number, number]>();
    for (const f of rows) {
      if (f.period < w.firstBefore || f.period >= w.endAfter) continue;
      const get = (k: string): string | undefined => dimensionOf(f.record, k);
      const key = w.unitKey(get);
      if (key === null || (key !== w.treatedKey && w.isTouched(get))) continue;
      let u = units.get(key);
      if (u === undefined) units.set(key, (u = [0, 0, 0, 0]));
      if (f.period < w.period) {
        u[1]++;
        if (f.negative) u[0]++;
      } else {
        u[3]++;
        if (f.negative) u[2]++;
      }
    }
    const out: Record<string, [number, number, number, number]> = {};
    for (const key of [...units.keys()].sort()) out[key] = units.get(key)!;
    return out;
  });
}

function impactsOf(
  parsedActions: readonly ParsedAction[],
  sales: readonly SalesRecord[],
  o: Resolved,
  feedbackCounts: ActionFeedbackCounts | undefined,
): Omit<ActionImpactResult, 'rejectedActions'> {
  const { kpi, freq, before, after, level } = o;
  const rejected: Rejected[] = [];
  const salesRows: { row: SalesRecord; period: number; value: number }[] = [];
  sales.forEach((row, i) => {
    const read = readSalesRow(row, i, kpi, rejected);
    if (read !== null) salesRows.push({ row, period: periodStart(read.day, freq), value: read.value });
  });

  const impacts = parsedActions.map((_, actionIndex) => {
    const { action, period, keys, unitKey, treatedKey, firstBefore, endAfter, isTouched } = actionWindow(parsedActions, actionIndex, o);
    const warnings: string[] = [];
    // Per unit: sum of the KPI per period in the window.
    const units = new Map<string, { segment: Segment; sums: Map<number, number>; touched: boolean }>();
    for (const s of salesRows) {
      if (s.period < firstBefore || s.period >= endAfter) continue;
      const get = (k: string): string | undefined => dimensionOf(s.row as unknown as InsightRecord, k);
      const key = unitKey(get);
      if (key === null) continue;
      let u = units.get(key);
      if (u === undefined) {
        const segment: Record<string, string> = {};
        keys.forEach((k) => (segment[k] = get(k) as string));
        units.set(key, (u = { segment, sums: new Map(), touched: false }));
      }
      if (key !== treatedKey && isTouched(get)) u.touched = true;
      u.sums.set(s.period, (u.sums.get(s.period) ?? 0) + s.value);
    }
    const beforePeriods: number[] = [];
    for (let p = firstBefore; p < period; p = addPeriods(p, 1, freq)) beforePeriods.push(p);
    const afterPeriods: number[] = [];
    for (let p = period; p < endAfter; p = addPeriods(p, 1, freq)) afterPeriods.push(p);
    const summarise = (sums: Map<number, number>): { pre: number; post: number; early: number; late: number } | null => {
      const pre = beforePeriods.map((p) => sums.get(p)).filter((v): v is number => v !== undefined);
      const post = afterPeriods.map((p) => sums.get(p)).filter((v): v is number => v !== undefined);
      if (pre.length < Math.ceil(beforePeriods.length / 2) || post.length < Math.ceil(afterPeriods.length / 2)) return null;
      const half = Math.floor(beforePeriods.length / 2);
      const early = beforePeriods.slice(0, half).map((p) => sums.get(p)).filter((v): v is number => v !== undefined);
      const late = beforePeriods.slice(half).map((p) => sums.get(p)).filter((v): v is number => v !== undefined);
      return { pre: mean(pre), post: mean(post), early: early.length > 0 ? mean(early) : Number.NaN, late: late.length > 0 ? mean(late) : Number.NaN };
    };
    const treatedUnit = units.get(treatedKey);
    const treated = treatedUnit === undefined ? null : summarise(treatedUnit.sums);
    const controls: Segment[] = [];
    const controlChanges: number[] = [];
    const controlPreTrends: number[] = [];
    let skippedControls = 0;
    for (const [key, u] of [...units.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      if (key === treatedKey || u.touched) continue;
      const s = summarise(u.sums);
      if (s === null || s.pre <= 0 || s.post <= 0) {
        skippedControls++;
        continue;
      }
      controls.push(u.segment);
      controlChanges.push(Math.log(s.post / s.pre));
      if (s.early > 0 && s.late > 0) controlPreTrends.push(Math.log(s.late / s.early));
    }
    if (skippedControls > 0) warnings.push(`${skippedControls} comparison scope(s) left out: fewer than half the periods with data, or a zero mean`);

    const scopeText = Object.entries(action.scope).map(([k, v]) => `${k} ${v}`).join(', ');
    const name = `${action.description} (${scopeText})`;
    let kpiEffect: Effect | null = null;
    let reason = '';
    if (treated === null) reason = `no ${kpi} data for ${scopeText} in at least half of the ${before} periods before and ${after} after ${formatDay(period)}`;
    else if (treated.pre <= 0 || treated.post <= 0) reason = `${kpi} of ${scopeText} is zero before or after: a relative change is undefined`;
    else if (controlChanges.length < 2) reason = `only ${controlChanges.length} comparable scope(s) without an action: at least 2 are needed to tell the action from what happened anyway`;
    if (reason !== '') {
      warnings.push(reason);
      kpiEffect =
        treated === null
          ? null
          : {
              estimate: null,
              interval: null,
              pValue: null,
              treatedBefore: treated.pre,
              treatedAfter: treated.post,
              controlChange: controlChanges.length > 0 ? 100 * (Math.exp(mean(controlChanges)) - 1) : null,
              controls: controlChanges.length,
              conclusion: 'insufficient data',
            };
    } else if (treated !== null) {
      const c = controlChanges.length;
      const treatedChange = Math.log(treated.post / treated.pre);
      const controlMean = mean(controlChanges);
      const did = treatedChange - controlMean;
      const sd = Math.sqrt(sampleVariance(controlChanges));
      const se = sd * Math.sqrt(1 + 1 / c);
      const toPct = (x: number): number => 100 * (Math.exp(x) - 1);
      let interval: Interval | null = null;
      let pValue: number | null = null;
      let conclusion: Effect['conclusion'];
      if (se > 0) {
        const half = studentTQuantile(0.5 + level / 2, c - 1) * se;
        interval = { lower: toPct(did - half), upper: toPct(did + half), level, method: 'did-conley-taber' };
        pValue = studentTTwoSided(did / se, c - 1);
        conclusion = did - half > 0 ? 'improved' : did + half < 0 ? 'worsened' : 'no detectable change';
      } else {
        conclusion = 'insufficient data';
        warnings.push('the comparison scopes all changed identically: no spread to judge the action against');
      }
      kpiEffect = { estimate: toPct(did), interval, pValue, treatedBefore: treated.pre, treatedAfter: treated.post, controlChange: toPct(controlMean), controls: c, conclusion };
      // Pre-trend check: the treated unit's early-to-late change before the action, against the controls'.
      if (treated.early > 0 && treated.late > 0 && controlPreTrends.length >= 2) {
        const pre = Math.log(treated.late / treated.early) - mean(controlPreTrends);
        const preSe = Math.sqrt(sampleVariance(controlPreTrends)) * Math.sqrt(1 + 1 / controlPreTrends.length);
        if (preSe > 0 && studentTTwoSided(pre / preSe, controlPreTrends.length - 1) < 1 - level) {
          warnings.push('before the action the scope already moved differently from the comparison scopes (parallel trends doubtful): read the estimate with care');
        }
      }
    }

    // Feedback: negative share before/after, treated vs control units.
    let feedbackEffect: Effect | null = null;
    const unitCounts = feedbackCounts?.[actionIndex];
    if (unitCounts !== undefined) {
      const fUnits = new Map<string, { pre: [number, number]; post: [number, number] }>();
      for (const [key, c] of Object.entries(unitCounts)) fUnits.set(key, { pre: [c[0], c[1]], post: [c[2], c[3]] });
      const t = fUnits.get(treatedKey);
      const changes: number[] = [];
      for (const [key, u] of fUnits) if (key !== treatedKey && u.pre[1] > 0 && u.post[1] > 0) changes.push(100 * (u.post[0] / u.post[1] - u.pre[0] / u.pre[1]));
      if (t === undefined || t.pre[1] === 0 || t.post[1] === 0) warnings.push(`no feedback with sentiment for ${scopeText} both before and after: no feedback effect`);
      else if (changes.length < 2) warnings.push(`feedback from only ${changes.length} comparable scope(s): no feedback effect`);
      else {
        const tb = (100 * t.pre[0]) / t.pre[1];
        const ta = (100 * t.post[0]) / t.post[1];
        const cm = mean(changes);
        const did = ta - tb - cm;
        const se = Math.sqrt(sampleVariance(changes)) * Math.sqrt(1 + 1 / changes.length);
        const half = se > 0 ? studentTQuantile(0.5 + level / 2, changes.length - 1) * se : Number.NaN;
        feedbackEffect = {
          estimate: did,
          interval: se > 0 ? { lower: did - half, upper: did + half, level, method: 'did-conley-taber' } : null,
          pValue: se > 0 ? studentTTwoSided(did / se, changes.length - 1) : null,
          treatedBefore: tb,
          treatedAfter: ta,
          controlChange: cm,
          controls: changes.length,
          // Fewer negatives is better.
          conclusion: !(se > 0) ? 'insufficient data' : did + half < 0 ? 'improved' : did - half > 0 ? 'worsened' : 'no detectable change',
        };
      }
    }

    let statement: string;
    if (kpiEffect === null || kpiEffect.estimate === null || kpiEffect.conclusion === 'insufficient data') {
      statement = `${name}: the data cannot support a conclusion about ${kpi}: ${reason || warnings[warnings.length - 1] || 'insufficient data'}`;
    } else {
      const sign = (x: number): string => `${x >= 0 ? '+' : ''}${x.toFixed(1)}%`;
      const ci = kpiEffect.interval;
      statement =
        `${name}: ${kpi} changed by ${sign(kpiEffect.estimate)} relative to ${kpiEffect.controls} comparable scopes` +
        (ci === null ? '' : ` (${Math.round(level * 100)}% interval ${sign(ci.lower)} to ${sign(ci.upper)})`) +
        `: ${kpiEffect.conclusion === 'no detectable change' ? 'no change the data can tell apart from what happened elsewhere' : kpiEffect.conclusion}`;
    }
    if (feedbackEffect !== null) {
      const e = feedbackEffect.estimate ?? 0;
      statement += `; negative feedback ${e >= 0 ? '+' : ''}${e.toFixed(1)} points vs comparable scopes (${feedbackEffect.conclusion})`;
    }
    return { action, controls, kpi: kpiEffect, feedback: feedbackEffect, statement, warnings };
  });
  return { impacts, rejected };
}
