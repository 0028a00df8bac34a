import type { ActionRecord, FeedbackRecord, ForecastRecord, SalesRecord } from '../records';
import type { Polarity, SimulatedTheme } from './templates';

/** Options of {@link simulate}. */
export interface SimulateOptions {
  /** Seed of every random draw (an integer). Same seed and options, same data. */
  readonly seed: number;
  /** First day of the first week, `YYYY-MM-DD`. Default `'2024-01-01'` (a Monday). */
  readonly start?: string;
  /** Number of weeks, 8 to 1040. Default 104 (two years). */
  readonly weeks?: number;
  /** Product names, or how many to make. Default 4: Aurora, Breeze, Cedar, Drift. */
  readonly products?: number | readonly string[];
  /** Region names, or how many to make. Default 3: North, South, West. */
  readonly regions?: number | readonly string[];
  /**
   * Channel names, or how many to make. Default 2: online, retail. A channel whose name contains `online`, `web`
   * or `ecom` behaves as an online shop (visits are sessions, parcels are delivered); others as stores.
   */
  readonly channels?: number | readonly string[];
  /** Mean number of background feedback records a week, before the planted waves. Default 28. */
  readonly feedbackPerWeek?: number;
  /**
   * `'week'` (default): one sales record per series and week, dated on the week's first day. `'day'`: one per
   * series and day, with a day-of-week pattern (stores peak on Saturdays, online shops on Sundays and Mondays);
   * single-week spikes and dips then fall on one day (`PlantedEvent.day`).
   */
  readonly frequency?: 'week' | 'day';
}

/** One sales series: a product in a region through a channel. */
export interface Segment {
  readonly product: string;
  readonly region: string;
  readonly channel: string;
}

/** Kinds of planted event. */
export type PlantedEventKind =
  | 'stock-out'
  | 'delivery-problems'
  | 'price-increase'
  | 'level-shift'
  | 'spike'
  | 'dip'
  | 'promotion';

/** The feedback wave that goes with a planted event. */
export interface PlantedWave {
  readonly theme: SimulatedTheme;
  /** First and last week of the wave (inclusive), as week start dates. */
  readonly start: string;
  readonly end: string;
  readonly startWeek: number;
  readonly endWeek: number;
  /** Number of wave records generated (on top of the background). */
  readonly count: number;
}

/** An event planted in the sales, with where, when, how strong and why. */
export interface PlantedEvent {
  readonly id: string;
  readonly kind: PlantedEventKind;
  /** Which dimension values it touches, in the form of `ActionRecord.scope` (`{ product, region, channel }`). */
  readonly scope: Readonly<Record<string, string>>;
  /** Every sales series it changes. */
  readonly segments: readonly Segment[];
  /** First and last affected week (inclusive), as week start dates, and their indices. */
  readonly start: string;
  readonly end: string;
  readonly startWeek: number;
  readonly endWeek: number;
  /**
   * Multiplier on expected units while it lasts (0.4 is a 60% drop, 1.8 an 80% rise). For a stock-out it is the
   * stores' multiplier; online channels, shipping from other warehouses, lose 70% as much.
   */
  readonly effect: number;
  readonly cause: string;
  /** The action that caused it, or answered it. */
  readonly actionId?: string;
  /** The feedback wave it comes with. */
  readonly wave?: PlantedWave;
  /** With `frequency: 'day'`, the one day a spike or dip falls on. */
  readonly day?: string;
}

/** A holiday week and its effect on expected units, by channel kind. */
export interface PlantedHoliday {
  readonly name: string;
  readonly week: string;
  readonly weekIndex: number;
  readonly effect: { readonly online: number; readonly store: number };
}

/** The planted label of one simulated feedback record. */
export interface FeedbackLabel {
  readonly id: string;
  readonly theme: SimulatedTheme;
  readonly polarity: Polarity;
  /** The planted event whose wave produced it; absent for background feedback. */
  readonly eventId?: string;
}

/** What was planted, for tests and benchmarks to check detection against. */
export interface SimulationTruth {
  readonly seed: number;
  /** Week start dates, in order. */
  readonly weeks: readonly string[];
  readonly products: readonly string[];
  readonly regions: readonly string[];
  readonly channels: readonly string[];
  readonly events: readonly PlantedEvent[];
  readonly holidays: readonly PlantedHoliday[];
  readonly feedbackLabels: readonly FeedbackLabel[];
  /** Systematic bias of the consensus forecast per group (0.15 is 15% over-forecast). */
  readonly forecastBias: readonly { readonly group: string; readonly bias: number }[];
}

/** What {@link simulate} returns: plain records, ready for the pipeline, and the truth behind them. */
export interface Simulation {
  readonly sales: SalesRecord[];
  readonly feedback: FeedbackRecord[];
  readonly forecasts: ForecastRecord[];
  readonly actions: ActionRecord[];
  readonly truth: SimulationTruth;
}
