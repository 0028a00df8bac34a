/** Reading enrichments and dimensions off feedback records (internal). */
import type { Rejected, SalesMeasure, SalesRecord } from '../../records';
import type { AspectValue, InsightRecord, Segment, SentimentValue } from '../types';
import { parseDay } from './dates';

const TOP_LEVEL_DIMENSIONS = ['product', 'region', 'segment', 'channel', 'source', 'authorRole'] as const;

/** The value of a dimension on a record: a top-level field (product, region, ...) or one in `dimensions`. */
export function dimensionOf(record: InsightRecord, name: string): string | undefined {
  if ((TOP_LEVEL_DIMENSIONS as readonly string[]).includes(name)) {
    const value = (record as unknown as Record<string, unknown>)[name];
    if (typeof value === 'string') return value;
  }
  const extra = record.dimensions?.[name];
  if (typeof extra === 'string') return extra;
  const direct = (record as unknown as Record<string, unknown>)[name];
  return typeof direct === 'string' ? direct : undefined;
}

/** Whether a record belongs to a segment (every named dimension equal). */
export function inSegment(record: InsightRecord, segment: Segment): boolean {
  for (const [name, value] of Object.entries(segment)) if (dimensionOf(record, name) !== value) return false;
  return true;
}

/** The themes a record carries (from `themes` and `theme`), de-duplicated, never empty strings. */
export function themesOf(record: InsightRecord): string[] {
  const out = new Set<string>();
  if (Array.isArray(record.themes)) for (const t of record.themes) if (typeof t === 'string' && t !== '') out.add(t);
  if (typeof record.theme === 'string' && record.theme !== '') out.add(record.theme);
  return [...out];
}

/** A sentiment score in [-1, 1], or `undefined` when the record has none (or a non-finite one). */
export function sentimentScore(value: SentimentValue | null | undefined): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (value !== null && typeof value === 'object' && typeof value.score === 'number' && Number.isFinite(value.score)) {
    return value.score;
  }
  return undefined;
}

/** Whether a sentiment is negative: its label says so, or else its score is below `threshold` (default -0.05). */
export function isNegative(value: SentimentValue | null | undefined, threshold = -0.05): boolean | undefined {
  if (value !== null && typeof value === 'object' && typeof value.label === 'string') return value.label === 'negative';
  const score = sentimentScore(value);
  return score === undefined ? undefined : score < threshold;
}

/** Aspect mentions as `{ aspect, negative }` (negative undefined when the mention carries no sentiment). */
export function aspectsOf(record: InsightRecord): { aspect: string; negative: boolean | undefined }[] {
  const out: { aspect: string; negative: boolean | undefined }[] = [];
  if (!Array.isArray(record.aspects)) return out;
  for (const a of record.aspects as readonly AspectValue[]) {
    if (typeof a === 'string') {
      if (a !== '') out.push({ aspect: a, negative: undefined });
    } else if (a !== null && typeof a === 'object' && typeof a.aspect === 'string' && a.aspect !== '') {
      const negative =
        typeof a.label === 'string'
          ? a.label === 'negative'
          : typeof a.score === 'number'
            ? a.score < -0.05
            : isNegative(a.sentiment);
      out.push({ aspect: a.aspect, negative });
    }
  }
  return out;
}

/** A stable key for a segment: `region=North|product=X` in the order of `by`. */
export function segmentKey(segment: Segment): string {
  return Object.entries(segment)
    .map(([k, v]) => `${k}=${v}`)
    .join('|');
}

/** Plain-words description: `region North, product X`. */
export function describeSegment(segment: Segment): string {
  const parts = Object.entries(segment).map(([k, v]) => `${k} ${v}`);
  return parts.length === 0 ? 'all feedback' : parts.join(', ');
}

/**
 * Reads one sales row for a KPI: its day and value, or `null`. A row that is not an object, has no readable date
 * or a non-finite KPI is pushed to `rejected` with its reason; a row without the KPI at all is skipped quietly
 * (a file may carry revenue on some rows only).
 */
export function readSalesRow(
  row: SalesRecord,
  index: number,
  kpi: SalesMeasure,
  rejected: Rejected[],
): { readonly day: number; readonly value: number } | null {
  if (row === null || typeof row !== 'object') {
    rejected.push({ row: index, field: 'row', reason: 'not an object' });
    return null;
  }
  const day = parseDay(row.date);
  if (day === null) {
    rejected.push({ row: index, field: 'date', reason: `not an ISO 8601 date: ${String(row.date)}` });
    return null;
  }
  const value = row[kpi];
  if (value === undefined) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    rejected.push({ row: index, field: kpi, reason: `not a finite number: ${String(value)}` });
    return null;
  }
  return { day, value };
}
