import type { ActionRecord, FeedbackRecord, ForecastRecord, SalesMeasure, SalesRecord } from '../records';

/** A row skipped while reading a file, with where and why. */
export interface FileRejection {
  readonly file: string;
  /** 1-based line number in the file. */
  readonly line: number;
  /** The column (field) at fault, `''` when the whole row could not be read. */
  readonly field: string;
  readonly reason: string;
}

/** Everything the pipeline runs on. Only `feedback` and `sales` are required. */
export interface AnalyzeInput {
  readonly feedback: readonly FeedbackRecord[];
  readonly sales: readonly SalesRecord[];
  readonly forecasts?: readonly ForecastRecord[];
  readonly actions?: readonly ActionRecord[];
  /**
   * Known dates (holidays, trade fairs, a strike): sales anomalies on them are annotated with the event's name,
   * not reported as surprises or explained. Promotions among `actions` (kind `'promotion'`) are added for their scope.
   */
  readonly events?: readonly { readonly name: string; readonly start: string; readonly end?: string }[];
  /** Rows rejected before the records were made (by a file reader), for the data-quality section. */
  readonly rejected?: readonly FileRejection[];
  /** Rows read per input, when a reader counted them. */
  readonly rowsRead?: Readonly<Partial<Record<'feedback' | 'sales' | 'forecasts' | 'actions', number>>>;
  /** Names of the inputs (file names) for the data-quality section. */
  readonly sources?: Readonly<Partial<Record<'feedback' | 'sales' | 'forecasts' | 'actions', string>>>;
}

export interface AnalyzeOptions {
  readonly title?: string;
  /** The sales KPI to watch (default `'units'`). */
  readonly measure?: SalesMeasure;
  /** Sales dimensions that define a segment (default `['product', 'region']`). */
  readonly segmentBy?: readonly ('product' | 'region' | 'channel')[];
  /** Number of themes, or `'auto'` (default). */
  readonly k?: number | 'auto';
  /** Seed of the theme clustering (default 1). */
  readonly seed?: number;
  /** Weeks in the reporting period; the headline compares it with the same number of weeks before (default 13). */
  readonly periodWeeks?: number;
  /** Segments drawn in the report (default 8, the ones with the largest breaks first). */
  readonly maxSegments?: number;
  /** A timestamp to print on the report (the library reads no clock). */
  readonly generatedAt?: string;
  /** Seed of simulated input, printed on the report. */
  readonly dataSeed?: number;
  /**
   * Records the themes are fitted on (default 20,000): with more feedback, a bottom-k sample by row hash (the same
   * however the input is split into shards); every record is then assigned to its nearest theme.
   */
  readonly themeSample?: number;
}
