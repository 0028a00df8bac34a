/**
 * Locale-independent number and date formatting for the reports. `Intl` and `toLocaleString` depend on the
 * runtime's locale data, and a report must be byte-identical wherever it is rendered, so these are written out.
 * Non-finite numbers (and `null`) format as `"n/a"`.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** What a missing or non-finite number shows as. */
export const NOT_AVAILABLE = 'n/a';

// Sliced from the right, not /\B(?=(\d{3})+(?!\d))/g: that lookahead rescans the rest of the digits at every
// position (quadratic; 1e308 has 309 digits).
function groupThousands(integerDigits: string): string {
  const sign = integerDigits.startsWith('-') ? '-' : '';
  const digits = sign === '' ? integerDigits : integerDigits.slice(1);
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) groups.push(digits.slice(Math.max(0, end - 3), end));
  return sign + groups.reverse().join(',');
}

/** Number of fraction digits that suits a value shown on its own: 0 from 100, 1 from 10, else 2. */
export function autoDigits(value: number): number {
  const size = Math.abs(value);
  return size >= 100 ? 0 : size >= 10 ? 1 : 2;
}

/**
 * Formats a number with thousands separators and a fixed number of fraction digits (default: `autoDigits`).
 * Cost O(digits). @example formatNumber(1234567.891, 1) // => '1,234,567.9'
 */
export function formatNumber(value: number | null | undefined, digits?: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NOT_AVAILABLE;
  const fixed = Math.abs(value).toFixed(Math.min(20, Math.max(0, Math.round(digits ?? autoDigits(value)))));
  const [integerPart = '0', fraction] = fixed.split('.');
  const isZero = Number(fixed) === 0;
  const sign = value < 0 && !isZero ? '-' : '';
  return `${sign}${groupThousands(integerPart)}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** Formats with an explicit sign: `+3.2`, `-1.0`, `0.0`. @example formatSigned(3.21, 1) // => '+3.2' */
export function formatSigned(value: number | null | undefined, digits?: number): string {
  const text = formatNumber(value, digits);
  if (text === NOT_AVAILABLE || text.startsWith('-') || Number(text.replace(/,/g, '')) === 0) return text;
  return `+${text}`;
}

/** Formats a fraction as a percentage. @example formatPercent(0.1234) // => '12.3%' */
export function formatPercent(fraction: number | null | undefined, digits = 1): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return NOT_AVAILABLE;
  return `${formatNumber(fraction * 100, digits)}%`;
}

/** Formats a fraction as a signed percentage. @example formatSignedPercent(-0.052) // => '-5.2%' */
export function formatSignedPercent(fraction: number | null | undefined, digits = 1): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return NOT_AVAILABLE;
  return `${formatSigned(fraction * 100, digits)}%`;
}

/**
 * Formats an axis tick: the step's decimals, with `k`/`M`/`B` suffixes once the axis reaches 10,000.
 * @example formatTick(25000, 5000, 30000) // => '25k'
 */
export function formatTick(value: number, step: number, axisMax: number): string {
  const magnitude = Math.max(Math.abs(axisMax), Math.abs(value));
  const units: ReadonlyArray<readonly [number, string]> = [
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [unit, suffix] of units) {
    if (magnitude >= 10 * unit || (unit > 1e3 && magnitude >= unit)) {
      const decimals = Math.max(0, -Math.floor(Math.log10(step / unit) + 1e-9));
      return `${formatNumber(value / unit, decimals)}${suffix}`;
    }
  }
  const decimals = step > 0 ? Math.max(0, -Math.floor(Math.log10(step) + 1e-9)) : 0;
  // Axes of tiny quantities read better in scientific notation than with a dozen zeros.
  if (decimals > 6) return value === 0 ? '0' : value.toExponential(Math.min(3, Math.max(0, Math.floor(Math.log10(Math.abs(value) / step) + 1e-9))));
  return formatNumber(value, decimals);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Parses a report time to a number: ISO 8601 dates to epoch milliseconds (UTC; a time of day is kept, an
 * offset honoured), numbers as they are. `undefined` when the string is not an ISO date.
 * @example parseTime('2026-03-02') // => 1772409600000
 */
export function parseTime(t: string | number): number | undefined {
  if (typeof t === 'number') return Number.isFinite(t) ? t : undefined;
  const match = ISO_DATE.exec(t.trim());
  if (match === null) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', zone] = match;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  let ms = Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(s));
  if (zone !== undefined && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
  }
  return ms;
}

/** `2 Mar 2026` from epoch ms (UTC). @example formatDay(Date.UTC(2026, 2, 2)) // => '2 Mar 2026' */
export function formatDay(ms: number, withYear = true): string {
  const date = new Date(ms);
  const base = `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()] ?? ''}`;
  return withYear ? `${base} ${date.getUTCFullYear()}` : base;
}

/** `Mar 2026` from epoch ms (UTC). */
export function formatMonth(ms: number, withYear = true): string {
  const date = new Date(ms);
  const base = MONTHS[date.getUTCMonth()] ?? '';
  return withYear ? `${base} ${date.getUTCFullYear()}` : base;
}

/**
 * Formats a report time for people: ISO dates as `2 Mar 2026`, other strings unchanged, numbers with
 * `formatNumber`. @example formatTime('2026-03-02') // => '2 Mar 2026'
 */
export function formatTime(t: string | number): string {
  if (typeof t === 'number') return formatNumber(t, Number.isInteger(t) ? 0 : 2);
  const ms = parseTime(t);
  return ms === undefined ? t : formatDay(ms);
}
