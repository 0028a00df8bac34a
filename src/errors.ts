/**
 * The one error type of feedback-miner, thrown only for misuse of the API (a wrong type, an impossible
 * option). Bad *data* is never thrown: it is skipped and reported on the result (`rejected`, `warnings`).
 *
 * Messages have one form: `"<function>: expected <parameter> to be <what>, found <what was found>"`.
 */

/** Stable error codes. Code that catches a `FeedbackMinerError` may switch on these; they never change meaning. */
export type ErrorCode =
  /** An argument has the wrong type (a number where a string was expected, not an array, ...). */
  | 'INVALID_ARGUMENT'
  /** An option has the wrong type or is out of its range (`k = 0`, a negative period, an unknown method). */
  | 'INVALID_OPTION'
  /** The input is empty where the request needs data (a classifier trained on no examples). */
  | 'EMPTY_INPUT'
  /** The data cannot support the request (fewer texts than k, one class only, a series too short). */
  | 'INSUFFICIENT_DATA'
  /** A serialised model or detector state is malformed or of another version. */
  | 'INVALID_MODEL'
  /** An optional dependency could not be loaded in this runtime. */
  | 'DEPENDENCY_UNAVAILABLE'
  /** A file could not be read or written (Node-only code). */
  | 'IO_ERROR'
  /** The command line was misused (CLI only). */
  | 'USAGE';

export class FeedbackMinerError extends Error {
  override readonly name = 'FeedbackMinerError';
  readonly code: ErrorCode;
  /** The public function that threw, e.g. `"tokenize"`. */
  readonly where: string | undefined;

  constructor(code: ErrorCode, message: string, options?: { where?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.where = options?.where;
  }
}

/** A short, safe description of any value for error messages: `-3`, `"abc"`, `an array of 2`, `null`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'boolean' || typeof value === 'symbol') return String(value);
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid Date' : `a Date`;
  return 'an object';
}

/**
 * Throws a `FeedbackMinerError` whose message has the project's one form.
 * @example fail('INVALID_OPTION', 'detectAnomalies', 'options.period', 'a positive integer', -3)
 * // throws "detectAnomalies: expected options.period to be a positive integer, found -3"
 */
export function fail(code: ErrorCode, where: string, parameter: string, expected: string, found: unknown): never {
  throw new FeedbackMinerError(code, `${where}: expected ${parameter} to be ${expected}, found ${describeValue(found)}`, {
    where,
  });
}

/** Asserts `value` is a string; otherwise throws INVALID_ARGUMENT. */
export function assertString(where: string, parameter: string, value: unknown): asserts value is string {
  if (typeof value !== 'string') fail('INVALID_ARGUMENT', where, parameter, 'a string', value);
}

/** Asserts `value` is an array; otherwise throws INVALID_ARGUMENT. */
export function assertArray(where: string, parameter: string, value: unknown): asserts value is readonly unknown[] {
  if (!Array.isArray(value)) fail('INVALID_ARGUMENT', where, parameter, 'an array', value);
}

/** Asserts an optional options argument is undefined or a plain object. */
export function assertOptions(where: string, value: unknown): asserts value is object | undefined {
  if (value !== undefined && (value === null || typeof value !== 'object' || Array.isArray(value))) {
    fail('INVALID_ARGUMENT', where, 'options', 'an object or undefined', value);
  }
}

/** Asserts a finite number within [min, max] (inclusive); `integer` also requires an integer. */
export function assertNumberOption(
  where: string,
  parameter: string,
  value: unknown,
  range: { min?: number; max?: number; integer?: boolean } = {},
): asserts value is number {
  const { min = -Infinity, max = Infinity, integer = false } = range;
  const kind = integer ? 'an integer' : 'a finite number';
  const bounds =
    min > -Infinity && max < Infinity
      ? ` from ${min} to ${max}`
      : min > -Infinity
        ? min === 0
          ? ' >= 0'
          : min === 1 && integer
            ? ' >= 1'
            : ` >= ${min}`
        : max < Infinity
          ? ` <= ${max}`
          : '';
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    (integer && !Number.isInteger(value)) ||
    value < min ||
    value > max
  ) {
    fail('INVALID_OPTION', where, parameter, `${kind}${bounds}`, value);
  }
}
