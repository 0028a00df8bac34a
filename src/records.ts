/**
 * The typed records every stage works on. Dates are ISO 8601 strings (`YYYY-MM-DD` or a full timestamp), kept
 * as strings so that records stay plain JSON and no stage depends on the runtime's time zone.
 */

/** Where a piece of feedback came from. */
export type FeedbackSource = 'survey' | 'review' | 'social' | 'support' | 'interview' | 'internal' | (string & {});

/** Who wrote it: a customer, or the organisation's own sales and operations people. */
export type AuthorRole = 'customer' | 'sales' | 'operations' | (string & {});

/** One piece of free-text feedback. */
export interface FeedbackRecord {
  readonly id: string;
  readonly text: string;
  /** ISO 8601 date or timestamp. */
  readonly date: string;
  readonly source?: FeedbackSource;
  /** A rating if the channel has one: 0-10 for NPS surveys, 1-5 for reviews and CSAT. */
  readonly rating?: number;
  readonly authorRole?: AuthorRole;
  readonly product?: string;
  readonly region?: string;
  readonly segment?: string;
  readonly channel?: string;
  /** Any further dimensions the caller keeps (store, customer tier, ...). */
  readonly dimensions?: Readonly<Record<string, string>>;
}

/** The sales KPIs a record may carry; any of them may be absent. */
export type SalesMeasure = 'revenue' | 'units' | 'newCustomers' | 'visits' | 'orders';

/** Sales in one period for one segment. */
export interface SalesRecord {
  /** ISO 8601 date of the period (its first day). */
  readonly date: string;
  readonly product?: string;
  readonly region?: string;
  readonly channel?: string;
  readonly revenue?: number;
  readonly units?: number;
  readonly newCustomers?: number;
  readonly visits?: number;
  readonly orders?: number;
  readonly dimensions?: Readonly<Record<string, string>>;
}

/** The planning step that produced a forecast, for forecast value added (naive -> statistical -> consensus). */
export type ForecastStep = 'naive' | 'statistical' | 'consensus' | 'final' | (string & {});

/** A forecast and what actually happened, for one period and one group (product, region, ...). */
export interface ForecastRecord {
  /** ISO 8601 date of the period forecast. */
  readonly period: string;
  readonly group: string;
  readonly forecast: number;
  /** Absent when the period has not happened yet (or the actual is missing). */
  readonly actual?: number;
  /** Periods between the forecast being made and the period forecast. */
  readonly lag?: number;
  readonly step?: ForecastStep;
  /** The planning cycle that made the forecast, e.g. `"2026-03"`. */
  readonly cycle?: string;
}

/** Something the organisation did (a price change, a carrier switch, a promotion), for action impact. */
export interface ActionRecord {
  readonly id?: string;
  /** ISO 8601 date the action took effect. */
  readonly date: string;
  /** Which segment it touched, as dimension values: `{ region: 'North' }`, `{ product: 'X' }`. */
  readonly scope: Readonly<Record<string, string>>;
  readonly description: string;
  readonly kind?: string;
}

/** A row that validation skipped, with where and why. `row` is the 0-based index in the input (or a line number where stated). */
export interface Rejected {
  readonly row: number;
  readonly field: string;
  readonly reason: string;
}

/** What every validation returns: the good records and a trace of every row skipped. */
export interface Validated<T> {
  readonly records: T[];
  readonly rejected: Rejected[];
}
