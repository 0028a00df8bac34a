/**
 * Loess on equally spaced positions 0..len-1 (Cleveland 1979; Cleveland, Grosse & Shyu 1992), the smoother
 * inside STL. Internal: no validation, buffers supplied by the caller.
 */

// Tricube weights W(d / h) for integer distances d, with the Fortran STL thresholds: 1 within 0.001 h, 0 beyond
// 0.999 h. One table per width h, kept: STL's smoothers alternate between a few widths (the interior half-window
// and the widening windows at each end), so rebuilding the table whenever h changed cost as much as the fits.
// A cache of pure values (each table is a function of h alone): results never depend on it.
const tricubeTables = new Map<number, Float64Array>();
let lastWidth = Number.NaN;
let lastTable: Float64Array = new Float64Array(0);

/**
 * The table for width h; its last element holds the reach: the largest distance with a non-zero weight (the
 * weights fall monotonically from 1 and are 0 from just below h on, so every distance up to the reach has a
 * non-zero weight and every one beyond it a zero weight).
 */
function tricubeTable(h: number): Float64Array {
  if (h === lastWidth) return lastTable;
  let table = tricubeTables.get(h);
  if (table === undefined) table = buildTable(h);
  lastWidth = h;
  lastTable = table;
  return table;
}

function buildTable(h: number): Float64Array {
  const size = Math.ceil(h) + 2;
  const table = new Float64Array(size + 1);
  const inner = 0.001 * h;
  const outer = 0.999 * h;
  for (let d = 0; d < size; d++) {
    if (d <= inner) table[d] = 1;
    else if (d <= outer) {
      const r = d / h;
      const c = 1 - r * r * r;
      table[d] = c * c * c;
    } else table[d] = 0;
  }
  let reach = -1;
  while (reach + 1 < size && (table[reach + 1] as number) > 0) reach++;
  table[size] = reach;
  // Widths are integers from the series' windows, or q / len stretches of them: few distinct values in practice.
  if (tricubeTables.size >= 512) tricubeTables.clear();
  tricubeTables.set(h, table);
  return table;
}

/**
 * Loess fit at integer position `x` (may lie outside 0..len-1, for STL's one-step extrapolation of cycle-subseries),
 * using the `q` nearest positions, tricube neighbourhood weights times the optional robustness weights, and a
 * local polynomial of `degree` 0 or 1. When `q > len` the neighbourhood width is stretched by q / len
 * (Cleveland et al. 1990, section 2). Returns NaN when every weight is zero.
 */
export function loessAt(
  y: ArrayLike<number>,
  offset: number,
  stride: number,
  len: number,
  q: number,
  degree: 0 | 1,
  x: number,
  robustness: ArrayLike<number> | undefined,
): number {
  let left: number;
  let right: number;
  let h: number;
  if (q >= len) {
    left = 0;
    right = len - 1;
    h = Math.max(x - left, right - x) * (q / len);
  } else {
    const half = (q - 1) >> 1;
    left = Math.min(Math.max(Math.round(x) - half, 0), len - q) | 0;
    right = left + q - 1;
    h = Math.max(x - left, right - x);
  }
  if (h <= 0) h = 1;
  // Positions and x are integers, so distances are too: tricube weights come from a table per width h.
  const table = tricubeTable(h);
  let sw = 0;
  let su = 0;
  let suu = 0;
  let sy = 0;
  let suy = 0;
  // Points farther than the reach have weight 0 and are skipped, as the zero weights always were; the loops run
  // left to right as before (the sums are accumulated in the same order, so the fit is bit-for-bit the same),
  // split at x so the distance needs no absolute value. Two copies, so that the common case without robustness
  // weights carries no per-point test.
  const reach = table[table.length - 1] as number;
  const from = Math.max(left, Math.ceil(x - reach));
  const to = Math.min(right, Math.floor(x + reach));
  const mid = Math.min(to + 1, Math.max(from, Math.ceil(x)));
  let at = offset + from * stride;
  if (robustness === undefined) {
    for (let j = from; j < mid; j++, at += stride) {
      const u = j - x;
      const w = table[x - j] as number;
      const value = y[at] as number;
      const wu = w * u;
      sw += w;
      su += wu;
      suu += wu * u;
      sy += w * value;
      suy += wu * value;
    }
    for (let j = mid; j <= to; j++, at += stride) {
      const u = j - x;
      const w = table[u] as number;
      const value = y[at] as number;
      const wu = w * u;
      sw += w;
      su += wu;
      suu += wu * u;
      sy += w * value;
      suy += wu * value;
    }
  } else {
    for (let j = from; j <= to; j++, at += stride) {
      const u = j - x;
      const w = (table[(u < 0 ? -u : u) | 0] as number) * (robustness[at] as number);
      if (w === 0) continue;
      const value = y[at] as number;
      const wu = w * u;
      sw += w;
      su += wu;
      suu += wu * u;
      sy += w * value;
      suy += wu * value;
    }
  }
  if (sw <= 0) return Number.NaN;
  const meanU = su / sw;
  const meanY = sy / sw;
  if (degree === 0) return meanY;
  const sxx = suu - sw * meanU * meanU;
  const range = right - left;
  // A degenerate design (all weight on one position) gives no slope: fall back to the local mean.
  if (sxx <= 1e-6 * range * range * sw) return meanY;
  const slope = (suy - sw * meanU * meanY) / sxx;
  // The fit at x is at u = 0.
  return meanY - slope * meanU;
}

/**
 * Loess smooth of `len` values read at y[offset + j * stride], written to out[outOffset + j]. Evaluates at every
 * `jump`-th position (and the last) and interpolates linearly between them, as in Cleveland et al. (1990),
 * section 2 ("n_jump"). A position whose fit has zero total weight keeps its input value.
 */
export function loessSmooth(
  y: ArrayLike<number>,
  offset: number,
  stride: number,
  len: number,
  q: number,
  degree: 0 | 1,
  jump: number,
  robustness: ArrayLike<number> | undefined,
  out: Float64Array,
  outOffset: number,
): void {
  if (len === 1) {
    out[outOffset] = y[offset] as number;
    return;
  }
  const step = Math.max(1, Math.min(jump, len - 1));
  // Fits at every step-th position and the last; linear interpolation in between. (Written without inner
  // closures: this runs a few hundred times per series.)
  let previous = -1;
  let j = 0;
  for (;;) {
    const fit = loessAt(y, offset, stride, len, q, degree, j, robustness);
    out[outOffset + j] = Number.isNaN(fit) ? (y[offset + j * stride] as number) : fit;
    if (previous >= 0) {
      const a = out[outOffset + previous] as number;
      const b = out[outOffset + j] as number;
      for (let k = previous + 1; k < j; k++) out[outOffset + k] = a + ((b - a) * (k - previous)) / (j - previous);
    }
    if (j === len - 1) break;
    previous = j;
    j = j + step <= len - 1 ? j + step : len - 1;
  }
}
