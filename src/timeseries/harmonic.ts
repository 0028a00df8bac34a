/**
 * A seasonal component as a few harmonics fitted jointly with piecewise-constant segment levels (and, when it
 * pays, one linear trend) by least squares: the season model of BFAST (Verbesselt, Hyndman, Newnham & Culvenor
 * 2010, "Detecting trend and seasonal changes in satellite image time series", Remote Sensing of Environment
 * 114(1), 106-115, eq. 3: sum_k a_k sin(2 pi k t / f + delta_k), written here as a cos and a sin term per k).
 * K harmonics cost 2K parameters instead of the f - 1 of a seasonal profile, so two cycles are enough to fit the
 * season and the segment levels together; K is chosen by BIC (Schwarz 1978). Internal: finite values only.
 */

/**
 * Largest number of harmonics tried for one period. Weekly data with a yearly cycle stop below it anyway
 * (K < 26 for period 52, a full weekly profile); a daily yearly cycle resolves features of about two weeks, the
 * sharper holidays being left to {@link SeasonalBump}s.
 */
export const MAX_HARMONICS = 26;

/** The cos and sin columns of harmonics 1..K of `period` at grid positions (the phase survives gaps). */
export function harmonicColumns(positions: ArrayLike<number>, period: number, harmonics: number): Float64Array[] {
  const columns: Float64Array[] = [];
  for (let k = 1; k <= harmonics; k++) {
    const omega = (2 * Math.PI * k) / period;
    columns.push(Float64Array.from(positions as ArrayLike<number>, (t) => Math.cos(omega * t)));
    columns.push(Float64Array.from(positions as ArrayLike<number>, (t) => Math.sin(omega * t)));
  }
  return columns;
}

/** Harmonics tried for a period with m values and `fixed` other parameters: K < period / 2, 4K + fixed < m. */
export function maxHarmonics(period: number, m: number, fixed: number): number {
  return Math.max(0, Math.min(MAX_HARMONICS, Math.floor((period - 1) / 2), Math.floor((m - fixed - 1) / 4)));
}

/** A joint fit of segment levels, trend and harmonic season. Internal. */
export interface SeasonLevelFit {
  /** Seasonal component at each value (harmonics of every period, each summing to zero over its cycle). */
  readonly seasonal: Float64Array;
  /** The linear trend, centred on the series' middle position (all zeros without trend). */
  readonly trend: Float64Array;
  /** y less season, trend and segment levels. */
  readonly residual: Float64Array;
  /** Harmonics used per period. */
  readonly harmonics: number[];
  readonly hasTrend: boolean;
  readonly rss: number;
  /**
   * With sigma2: rss / sigma2 + ln m x 2 sum K + trendPenalty x trend, the season's and trend's share of the
   * penalised cost (Schwarz's BIC with the noise variance known); without: m ln(rss / m) + the same penalties.
   */
  readonly criterion: number;
}

/**
 * What {@link fitSeasonAndLevels} reuses across fits of one series: the harmonic columns of every period up to
 * its largest K, their Gram matrix H'H and H'y. Internal.
 */
export interface SeasonDesign {
  readonly y: Float64Array;
  /** Grid position of each value. */
  readonly positions: Float64Array;
  readonly m: number;
  readonly periods: readonly number[];
  /** Largest K per period (for a fit with two other parameters). */
  readonly largest: number[];
  /** First harmonic column of each period in `columns`. */
  readonly offsets: number[];
  readonly columns: Float64Array[];
  readonly gram: Float64Array;
  readonly hy: Float64Array;
  readonly yy: number;
  readonly trendColumn: Float64Array;
  /** Below this residual sum of squares a fit is exact up to rounding. */
  readonly floor: number;
  /** Prefix sums of each harmonic column and of y (segment sums in O(1)). */
  readonly prefix: Float64Array[];
  readonly prefixY: Float64Array;
}

function prefixSums(values: Float64Array): Float64Array {
  const out = new Float64Array(values.length + 1);
  for (let t = 0; t < values.length; t++) out[t + 1] = (out[t] as number) + (values[t] as number);
  return out;
}

/**
 * Precomputes the harmonic design of a series: values `y` at grid `positions` (index in the regular series,
 * gaps counted, so the phase survives gaps). Cost: O(m h^2) for h = 2 sum K_max columns; O(m h) memory.
 */
export function seasonDesign(y: Float64Array, positions: ArrayLike<number>, periods: readonly number[]): SeasonDesign {
  const m = y.length;
  const largest = periods.map((period) => maxHarmonics(period, m, 2));
  const offsets: number[] = [];
  const columns: Float64Array[] = [];
  periods.forEach((period, p) => {
    offsets.push(columns.length);
    columns.push(...harmonicColumns(positions, period, largest[p] as number));
  });
  const h = columns.length;
  const gram = new Float64Array(h * h);
  const hy = new Float64Array(h);
  for (let i = 0; i < h; i++) {
    const a = columns[i] as Float64Array;
    for (let j = i; j < h; j++) {
      const b = columns[j] as Float64Array;
      let dot = 0;
      for (let t = 0; t < m; t++) dot += (a[t] as number) * (b[t] as number);
      gram[i * h + j] = dot;
      gram[j * h + i] = dot;
    }
    let dot = 0;
    for (let t = 0; t < m; t++) dot += (a[t] as number) * (y[t] as number);
    hy[i] = dot;
  }
  let yy = 0;
  let total = 0;
  for (let t = 0; t < m; t++) {
    yy += (y[t] as number) * (y[t] as number);
    total += y[t] as number;
  }
  let middle = 0;
  for (let i = 0; i < m; i++) middle += positions[i] as number;
  middle = m > 0 ? middle / m : 0;
  const span = Math.max(1, (positions[m - 1] as number) - (positions[0] as number));
  const trendColumn = Float64Array.from({ length: m }, (_, i) => ((positions[i] as number) - middle) / span);
  const spread = m > 0 ? yy - (total * total) / m : 0;
  const gridPositions = Float64Array.from(positions as ArrayLike<number>);
  return {
    y,
    positions: gridPositions,
    m,
    periods,
    largest,
    offsets,
    columns,
    gram,
    hy,
    yy,
    trendColumn,
    floor: 1e-20 * Math.max(spread, 1e-300),
    prefix: columns.map(prefixSums),
    prefixY: prefixSums(y),
  };
}

export interface SeasonLevelSettings {
  /** Noise variance when known (the change-point cost's); undefined for BIC with the variance estimated. */
  readonly sigma2?: number;
  /** true / false, or 'select' (default) to keep the trend only when the criterion prefers it. */
  readonly trend?: boolean | 'select';
  /** What a trend adds to the criterion (default ln m, BIC's price of one parameter). */
  readonly trendPenalty?: number;
  /** Fix the harmonics per period instead of choosing them. */
  readonly harmonics?: readonly number[];
  /** Periodic bumps (holiday regressors) in the season besides the harmonics. */
  readonly bumps?: readonly SeasonalBump[];
}

/**
 * A peak or dip of `length` points that recurs every `period` points from grid position `start` (modulo the
 * period): a holiday regressor, 1 in those weeks of every cycle and 0 elsewhere, centred to sum to zero over a
 * cycle. Sharp holiday peaks need many harmonics; one such column describes them in every cycle at once.
 */
export interface SeasonalBump {
  readonly start: number;
  readonly length: number;
  readonly period: number;
}

/** The centred column of a {@link SeasonalBump} at the design's positions. */
export function bumpColumn(design: SeasonDesign, bump: SeasonalBump): Float64Array {
  const { start, length, period } = bump;
  return Float64Array.from(design.positions, (t) => ((((t - start) % period) + period) % period < length ? 1 : 0) - length / period);
}

/**
 * Fits y = level(segment) + [b (t - t_mid)] + sum over periods of sum_{k <= K_p} (a_k cos + b_k sin)(2 pi k t / p)
 * by least squares, segments starting at 0 and at each of `starts` (indices into y). The segment and trend
 * columns are orthogonalised (modified Gram-Schmidt) and projected out of the precomputed harmonic Gram matrix
 * (Frisch-Waugh-Lovell), whose Cholesky factor, grown one harmonic at a time, gives the residual sum of squares
 * of every K in one pass. K_p is chosen per period in turn, shortest period first, minimising the criterion over
 * 0..K_max; the trend is kept when the criterion with it is lower. Cost: O(m s h + h^3) for s segment and trend
 * columns and h harmonic columns, twice when the trend is selected.
 */
export function fitSeasonAndLevels(design: SeasonDesign, starts: readonly number[], settings: SeasonLevelSettings = {}): SeasonLevelFit {
  const { m, y } = design;
  const logM = Math.log(Math.max(m, 2));
  const trendPenalty = settings.trendPenalty ?? logM;
  const score = (rss: number, harmonicParameters: number, hasTrend: boolean): number => {
    const fit = settings.sigma2 === undefined ? m * Math.log(Math.max(rss, design.floor) / m) : Math.max(rss, design.floor) / settings.sigma2;
    return fit + logM * harmonicParameters + (hasTrend ? trendPenalty : 0);
  };
  const bounds = [0, ...starts, m];
  const segments = bounds.length - 1;
  const bumps = settings.bumps ?? [];
  const extraColumns = bumps.map((bump) => bumpColumn(design, bump));
  const trendChoices = settings.trend === undefined || settings.trend === 'select' ? [false, true] : [settings.trend];
  let best: { hasTrend: boolean; harmonics: number[]; criterion: number; rss: number; order: number[]; projected: Projected; z: Float64Array; l: Float64Array } | undefined;
  for (const hasTrend of trendChoices) {
    const projected = project(design, bounds, hasTrend ? [...extraColumns, design.trendColumn] : extraColumns);
    const harmonics: number[] = [];
    let order: number[] = [];
    let criterion = score(projected.yy, 0, hasTrend);
    let rss = projected.yy;
    let factor = { l: new Float64Array(0), z: new Float64Array(0), rss: new Float64Array([projected.yy]) };
    for (let p = 0; p < design.periods.length; p++) {
      const before = order.length;
      const allowed = settings.harmonics?.[p] ?? Math.min(design.largest[p] as number, maxHarmonics(design.periods[p] as number, m, projected.rank + before));
      const limit = Math.min(allowed, design.largest[p] as number);
      const trial = [...order];
      for (let c = 0; c < 2 * limit; c++) trial.push((design.offsets[p] as number) + c);
      factor = choleskyNested(design, projected, trial);
      let bestK = 0;
      let bestScore = Infinity;
      for (let k = settings.harmonics === undefined ? 0 : limit; k <= limit; k++) {
        const value = score(factor.rss[before + 2 * k] as number, before + 2 * k, hasTrend);
        if (value < bestScore) {
          bestScore = value;
          bestK = k;
        }
      }
      harmonics.push(bestK);
      order = trial.slice(0, before + 2 * bestK);
      criterion = bestScore;
      rss = factor.rss[order.length] as number;
    }
    if (best === undefined || criterion < best.criterion) best = { hasTrend, harmonics, criterion, rss, order, projected, z: factor.z, l: factor.l };
  }
  const chosen = best as NonNullable<typeof best>;
  // Harmonic coefficients: back substitution L' beta = z on the chosen prefix of the factor.
  const q = chosen.order.length;
  const width = chosen.z.length;
  const beta = new Float64Array(q);
  for (let j = q - 1; j >= 0; j--) {
    const diagonal = chosen.l[j * width + j] as number;
    if (diagonal === 0) continue;
    let sum = chosen.z[j] as number;
    for (let k = j + 1; k < q; k++) sum -= (chosen.l[k * width + j] as number) * (beta[k] as number);
    beta[j] = sum / diagonal;
  }
  const seasonal = new Float64Array(m);
  chosen.order.forEach((column, j) => {
    const values = design.columns[column] as Float64Array;
    const coefficient = beta[j] as number;
    for (let t = 0; t < m; t++) seasonal[t] = (seasonal[t] as number) + coefficient * (values[t] as number);
  });
  // Segment levels and trend: least squares of y - season on the fixed columns.
  const rest = Float64Array.from(y, (v, t) => v - (seasonal[t] as number));
  const fitted = chosen.projected.fitted(rest);
  const fixedBeta = chosen.projected.coefficients(rest);
  const trend = new Float64Array(m);
  if (chosen.hasTrend) {
    const slope = fixedBeta[segments + bumps.length] as number;
    for (let t = 0; t < m; t++) trend[t] = slope * (design.trendColumn[t] as number);
  }
  bumps.forEach((_, j) => {
    const column = extraColumns[j] as Float64Array;
    const coefficient = fixedBeta[segments + j] as number;
    for (let t = 0; t < m; t++) seasonal[t] = (seasonal[t] as number) + coefficient * (column[t] as number);
  });
  const residual = Float64Array.from(rest, (v, t) => v - (fitted[t] as number));
  return { seasonal, trend, residual, harmonics: chosen.harmonics, hasTrend: chosen.hasTrend, rss: chosen.rss, criterion: chosen.criterion };
}

/** The segment and trend columns orthogonalised, and the harmonic design with them projected out. */
interface Projected {
  /** Independent columns among the fixed ones. */
  readonly rank: number;
  /** Q_D' H (rank x h, row-major) and Q_D' y. */
  readonly a: Float64Array;
  readonly b: Float64Array;
  /** y' y less its projection on the fixed columns. */
  readonly yy: number;
  readonly fitted: (v: Float64Array) => Float64Array;
  /** The coefficients of the fixed columns in the fit of v (0 for a column dependent on earlier ones). */
  readonly coefficients: (v: Float64Array) => Float64Array;
}

function project(design: SeasonDesign, bounds: readonly number[], extras: readonly Float64Array[]): Projected {
  const { m } = design;
  const h = design.columns.length;
  const segments = bounds.length - 1;
  const s = segments + extras.length;
  const basis: Float64Array[] = [];
  const r = new Float64Array(s * s);
  const kept: boolean[] = [];
  const a: number[] = [];
  const b: number[] = [];
  let projectedYy = design.yy;
  // Segment indicators are disjoint: their orthonormal basis is the indicator over sqrt(length), and their
  // products with the harmonic columns come from prefix sums, so a fit costs O(m h), not O(m s h).
  for (let k = 0; k < segments; k++) {
    const from = bounds[k] as number;
    const to = bounds[k + 1] as number;
    const root = Math.sqrt(to - from);
    const q = new Float64Array(m);
    q.fill(1 / root, from, to);
    basis.push(q);
    kept.push(true);
    r[k * s + k] = root;
    for (let i = 0; i < h; i++) {
      const prefix = design.prefix[i] as Float64Array;
      a.push(((prefix[to] as number) - (prefix[from] as number)) / root);
    }
    const dot = ((design.prefixY[to] as number) - (design.prefixY[from] as number)) / root;
    b.push(dot);
    projectedYy -= dot * dot;
  }
  for (let e = 0; e < extras.length; e++) {
    const j = segments + e;
    const v = Float64Array.from(extras[e] as Float64Array);
    let original = 0;
    for (let t = 0; t < m; t++) original += (v[t] as number) ** 2;
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < segments; k++) {
        const from = bounds[k] as number;
        const to = bounds[k + 1] as number;
        let sum = 0;
        for (let t = from; t < to; t++) sum += v[t] as number;
        const root = Math.sqrt(to - from);
        r[k * s + j] = (r[k * s + j] as number) + sum / root;
        const mean = sum / (to - from);
        for (let t = from; t < to; t++) v[t] = (v[t] as number) - mean;
      }
      for (let k = segments; k < basis.length; k++) {
        const qk = basis[k] as Float64Array;
        let dot = 0;
        for (let t = 0; t < m; t++) dot += (qk[t] as number) * (v[t] as number);
        r[k * s + j] = (r[k * s + j] as number) + dot;
        for (let t = 0; t < m; t++) v[t] = (v[t] as number) - dot * (qk[t] as number);
      }
    }
    let norm = 0;
    for (let t = 0; t < m; t++) norm += (v[t] as number) ** 2;
    norm = Math.sqrt(norm);
    if (!(norm > 1e-10 * Math.sqrt(original))) {
      kept.push(false);
      continue;
    }
    for (let t = 0; t < m; t++) v[t] = (v[t] as number) / norm;
    r[basis.length * s + j] = norm;
    basis.push(v);
    kept.push(true);
    for (let i = 0; i < h; i++) {
      const column = design.columns[i] as Float64Array;
      let dot = 0;
      for (let t = 0; t < m; t++) dot += (v[t] as number) * (column[t] as number);
      a.push(dot);
    }
    let dot = 0;
    for (let t = 0; t < m; t++) dot += (v[t] as number) * (design.y[t] as number);
    b.push(dot);
    projectedYy -= dot * dot;
  }
  const rank = basis.length;
  const coordinates = (v: Float64Array): Float64Array =>
    Float64Array.from(basis, (qk) => {
      let dot = 0;
      for (let t = 0; t < m; t++) dot += (qk[t] as number) * (v[t] as number);
      return dot;
    });
  return {
    rank,
    a: Float64Array.from(a),
    b: Float64Array.from(b),
    yy: Math.max(0, projectedYy),
    fitted: (v) => {
      const c = coordinates(v);
      const out = new Float64Array(m);
      basis.forEach((qk, k) => {
        for (let t = 0; t < m; t++) out[t] = (out[t] as number) + (c[k] as number) * (qk[t] as number);
      });
      return out;
    },
    coefficients: (v) => {
      // Solve R beta = Q' v for the kept columns.
      const c = coordinates(v);
      const columnsKept: number[] = [];
      kept.forEach((k, j) => k && columnsKept.push(j));
      const beta = new Float64Array(rank);
      for (let row = rank - 1; row >= 0; row--) {
        let sum = c[row] as number;
        for (let col = row + 1; col < rank; col++) sum -= (r[row * s + (columnsKept[col] as number)] as number) * (beta[col] as number);
        beta[row] = sum / (r[row * s + (columnsKept[row] as number)] as number);
      }
      const all = new Float64Array(s);
      columnsKept.forEach((column, row) => (all[column] = beta[row] as number));
      return all;
    },
  };
}

/**
 * Cholesky factor L of the projected harmonic Gram matrix G = H'H - A'A on the columns in `order`, with
 * z = L^-1 (H'y - A'b): rss[j] = y'y (projected) - sum_{i < j} z_i^2 is the residual sum of squares on the first
 * j columns. A column (numerically) in the span of the earlier ones gets a zero pivot and adds nothing.
 */
function choleskyNested(design: SeasonDesign, projected: Projected, order: readonly number[]) {
  const h = design.columns.length;
  const q = order.length;
  const l = new Float64Array(q * q);
  const z = new Float64Array(q);
  const rss = new Float64Array(q + 1);
  rss[0] = projected.yy;
  const entry = (i: number, j: number): number => {
    let value = design.gram[i * h + j] as number;
    for (let k = 0; k < projected.rank; k++) value -= (projected.a[k * h + i] as number) * (projected.a[k * h + j] as number);
    return value;
  };
  let residual = projected.yy;
  for (let j = 0; j < q; j++) {
    const cj = order[j] as number;
    for (let i = 0; i <= j; i++) {
      const ci = order[i] as number;
      let value = entry(cj, ci);
      for (let k = 0; k < i; k++) value -= (l[j * q + k] as number) * (l[i * q + k] as number);
      if (i < j) {
        const diagonal = l[i * q + i] as number;
        l[j * q + i] = diagonal === 0 ? 0 : value / diagonal;
      } else {
        const original = design.gram[cj * h + cj] as number;
        l[j * q + j] = value > 1e-10 * original ? Math.sqrt(value) : 0;
        if (l[j * q + j] === 0) for (let k = 0; k < j; k++) l[j * q + k] = 0;
      }
    }
    const diagonal = l[j * q + j] as number;
    if (diagonal !== 0) {
      let value = design.hy[cj] as number;
      for (let k = 0; k < projected.rank; k++) value -= (projected.a[k * h + cj] as number) * (projected.b[k] as number);
      for (let k = 0; k < j; k++) value -= (l[j * q + k] as number) * (z[k] as number);
      z[j] = value / diagonal;
      residual = Math.max(0, residual - (z[j] as number) ** 2);
    }
    rss[j + 1] = residual;
  }
  return { l, z, rss };
}

/** The same design for other values at the same positions (H'y and y'y recomputed). Cost: O(m h). */
export function withValues(design: SeasonDesign, y: Float64Array): SeasonDesign {
  const m = design.m;
  const hy = Float64Array.from(design.columns, (column) => {
    let dot = 0;
    for (let t = 0; t < m; t++) dot += (column[t] as number) * (y[t] as number);
    return dot;
  });
  let yy = 0;
  let total = 0;
  for (let t = 0; t < m; t++) {
    yy += (y[t] as number) * (y[t] as number);
    total += y[t] as number;
  }
  const spread = m > 0 ? yy - (total * total) / m : 0;
  return { ...design, y, hy, yy, floor: 1e-20 * Math.max(spread, 1e-300), prefixY: prefixSums(y) };
}
