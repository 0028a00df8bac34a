/**
 * Loess on equally spaced positions 0..len-1 (Cleveland 1979; Cleveland, Grosse & Shyu 1992), the smoother
 * inside STL. Internal: no validation, buffers supplied by the caller.
 */

let tableWidth = -1;
let tricubeTable = new Float64Array(0);

// Tricube weights W(d / h) for integer distances d, with the Fortran STL thresholds: 1 within 0.001 h, 0 beyond
// 0.999 h.
function buildTable(h: number): void {
  const size = Math.ceil(h) + 2;
  if (tricubeTable.length < size) tricubeTable = new Float64Array(Math.max(size, 2 * tricubeTable.length));
  const inner = 0.001 * h;
  const outer = 0.999 * h;
  for (let d = 0; d < size; d++) {
    if (d <= inner) tricubeTable[d] = 1;
    else if (d <= outer) {
      const r = d / h;
      const c = 1 - r * r * r;
      tricubeTable[d] = c * c * c;
    } else tricubeTable[d] = 0;
  }
  tableWidth = h;
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
  // Positions and x are integers, so distances are too: tricube weights come from a table per width h
  // (a scratch buffer reused across calls; it never leaks into results).
  if (h !== tableWidth) buildTable(h);
  const table = tricubeTable;
  let sw = 0;
  let su = 0;
  let suu = 0;
  let sy = 0;
  let suy = 0;
  // Two copies of the loop, so that the common case without robustness weights carries no per-point test; the
  // index into y advances by `stride` instead of being multiplied out.
  let at = offset + left * stride;
  if (robustness === undefined) {
    for (let j = left; j <= right; j++, at += stride) {
      const u = j - x;
      const w = table[(u < 0 ? -u : u) | 0] as number;
      if (w === 0) continue;
      const value = y[at] as number;
      const wu = w * u;
      sw += w;
      su += wu;
      suu += wu * u;
      sy += w * value;
      suy += wu * value;
    }
  } else {
    for (let j = left; j <= right; j++, at += stride) {
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
  let previous = -1;
  for (let j = 0; j < len; j += step) {
    fitInto(j);
    if (previous >= 0) interpolate(previous, j);
    previous = j;
  }
  if (previous !== len - 1) {
    fitInto(len - 1);
    interpolate(previous, len - 1);
  }

  function fitInto(j: number): void {
    const fit = loessAt(y, offset, stride, len, q, degree, j, robustness);
    out[outOffset + j] = Number.isNaN(fit) ? (y[offset + j * stride] as number) : fit;
  }
  function interpolate(from: number, to: number): void {
    const a = out[outOffset + from] as number;
    const b = out[outOffset + to] as number;
    for (let k = from + 1; k < to; k++) out[outOffset + k] = a + ((b - a) * (k - from)) / (to - from);
  }
}
