/**
 * A scorer for the Numenta Anomaly Benchmark, written from its documentation:
 * Lavin & Ahmad (2015), "Evaluating real-time anomaly detection algorithms — the Numenta Anomaly Benchmark",
 * IEEE ICMLA, and the NAB README / wiki ("NAB scoring", "Reporting results with NAB").
 *
 * The rules, as documented:
 * - Each labelled anomaly has a window (given in `windows.json`) around it.
 * - The first 15% of each file (at most 750 rows) is a probationary period: rows there are not scored.
 * - A row whose detector score is >= the threshold is a detection. Inside a window, only the FIRST detection
 *   counts, weighted by the scaled sigmoid of its relative position, so that earlier detection earns more:
 *   `A_TP * sigma(y) / sigma(-1)` with `y = -(windowEnd - i + 1) / windowWidth` (in [-1, 0)), so a detection on
 *   the first row of a window earns exactly `A_TP`.
 *   Further detections in the same window count nothing.
 * - A window without a detection costs `-A_FN`.
 * - A detection outside every window is a false positive, costing `A_FP * sigma(y)` with y its distance past the
 *   end of the preceding window relative to that window's width (so a late detection just after a window is
 *   penalised less), or `-A_FP` when no window precedes it (or it lies more than 3 widths past one).
 * - `sigma(y) = 2 / (1 + e^{5y}) - 1`, set to -1 for y > 3.
 * - Raw scores are summed over all files; the threshold is the single value, per profile, that maximises the
 *   summed raw score over the detector's scores of all files (NAB's optimisation step).
 * - Normalised score = 100 (S - S_null) / (S_perfect - S_null), S_null = -A_FN x windows (the detector that
 *   never fires), S_perfect = A_TP x windows.
 *
 * Pure functions, no I/O: `benchmarks/nab.ts` loads the files.
 */

export interface CostProfile {
  readonly tpWeight: number;
  readonly fnWeight: number;
  readonly fpWeight: number;
}

/** One data file prepared for scoring: its length and the row indices of its windows. */
export interface LabelledFile {
  readonly name: string;
  readonly length: number;
  /** Inclusive row ranges [start, end], in time order, non-overlapping. */
  readonly windows: ReadonlyArray<readonly [number, number]>;
}

export interface SweepResult {
  readonly threshold: number;
  /** Summed raw score at the best threshold. */
  readonly raw: number;
  readonly nullRaw: number;
  readonly perfectRaw: number;
  /** 100 (raw - null) / (perfect - null). */
  readonly normalized: number;
  readonly tp: number;
  readonly fn: number;
  readonly fp: number;
  readonly perFile: ReadonlyArray<{ readonly name: string; readonly raw: number; readonly tp: number; readonly fn: number; readonly fp: number }>;
}

/** NAB's probationary period: 15% of the file, at most 15% of 5000 rows (750). */
export function probationLength(fileLength: number, probationPercent = 0.15): number {
  return Math.min(Math.floor(probationPercent * fileLength), Math.floor(probationPercent * 5000));
}

/** The scaled sigmoid: 2 / (1 + e^{5y}) - 1 for y <= 3, -1 beyond. sigma(-1) = 0.9866, sigma(0) = 0. */
export function scaledSigmoid(relativePosition: number): number {
  if (relativePosition > 3) return -1;
  return 2 / (1 + Math.exp(5 * relativePosition)) - 1;
}

/** Timestamps compare as strings once normalised to `YYYY-MM-DD HH:MM:SS`. */
export function normalizeTimestamp(timestamp: string): string {
  return timestamp.trim().replace('T', ' ').slice(0, 19);
}

/**
 * Maps windows given as [start, end] timestamps onto row indices: the first row at or after the start, the last
 * row at or before the end. Windows that contain no row are dropped (reported by the caller).
 */
export function windowsToIndices(
  timestamps: readonly string[],
  windows: ReadonlyArray<readonly [string, string]>,
): Array<[number, number]> {
  const normalized = timestamps.map(normalizeTimestamp);
  const result: Array<[number, number]> = [];
  for (const [startText, endText] of windows) {
    const start = normalizeTimestamp(startText);
    const end = normalizeTimestamp(endText);
    let first = -1;
    let last = -1;
    for (let i = 0; i < normalized.length; i++) {
      const t = normalized[i] as string;
      if (t >= start && t <= end) {
        if (first < 0) first = i;
        last = i;
      }
    }
    if (first >= 0) result.push([first, last]);
  }
  result.sort((a, b) => a[0] - b[0]);
  return result;
}

/**
 * Per-row scoring role of each row of a file: skipped (probation), inside window `w` with its TP weight, or
 * outside windows with its FP cost (a negative number, before the profile's fpWeight).
 */
interface RowRole {
  /** -1: probation, >= 0: window id (file-local), -2: false positive region. */
  readonly window: number;
  /** For windows: sigma(position) (unweighted). For FP rows: sigma(position past window) or -1 (unweighted). */
  readonly value: number;
}

function rowRoles(file: LabelledFile): RowRole[] {
  const roles: RowRole[] = new Array(file.length);
  const probation = probationLength(file.length);
  let windowIndex = 0;
  let previous: readonly [number, number] | undefined;
  for (let i = 0; i < file.length; i++) {
    while (windowIndex < file.windows.length && (file.windows[windowIndex] as readonly [number, number])[1] < i) {
      previous = file.windows[windowIndex];
      windowIndex++;
    }
    const current = file.windows[windowIndex];
    let role: RowRole;
    if (current !== undefined && i >= current[0] && i <= current[1]) {
      const width = current[1] - current[0] + 1;
      // Scaled so that a detection on the window's first row earns exactly A_TP (the perfect detector: 100).
      role = { window: windowIndex, value: scaledSigmoid(-(current[1] - i + 1) / width) / scaledSigmoid(-1) };
    } else if (previous === undefined) {
      role = { window: -2, value: -1 };
    } else {
      const width = previous[1] - previous[0] + 1;
      role = { window: -2, value: scaledSigmoid((i - previous[1]) / Math.max(1, width - 1)) };
    }
    roles[i] = i < probation ? { window: -1, value: 0 } : role;
  }
  return roles;
}

/**
 * Scores one file at a fixed threshold. Returns the raw score and counts.
 * Cost: O(n + windows).
 */
export function scoreFileAtThreshold(
  file: LabelledFile,
  scores: readonly number[],
  threshold: number,
  profile: CostProfile,
): { raw: number; tp: number; fn: number; fp: number } {
  const roles = rowRoles(file);
  const detectedAt: number[] = file.windows.map(() => -1);
  let fpTotal = 0;
  let fp = 0;
  for (let i = 0; i < file.length; i++) {
    const role = roles[i] as RowRole;
    const score = scores[i] ?? 0;
    if (role.window === -1 || !(score >= threshold)) continue;
    if (role.window >= 0) {
      if ((detectedAt[role.window] as number) < 0) detectedAt[role.window] = i;
    } else {
      fp++;
      fpTotal += profile.fpWeight * role.value;
    }
  }
  let raw = fpTotal;
  let tp = 0;
  let fn = 0;
  detectedAt.forEach((index) => {
    if (index < 0) {
      fn++;
      raw -= profile.fnWeight;
    } else {
      tp++;
      raw += profile.tpWeight * (roles[index] as RowRole).value;
    }
  });
  return { raw, tp, fn, fp };
}

/**
 * NAB's threshold optimisation: the threshold maximising the summed raw score over all files, found by sweeping
 * every distinct score from the highest down (each lower threshold adds the rows at that score).
 * Cost: O(N log N) for N scored rows in all files.
 */
export function sweepThreshold(
  files: readonly LabelledFile[],
  scores: ReadonlyArray<readonly number[]>,
  profile: CostProfile,
): SweepResult {
  interface Row {
    score: number;
    windowKey: number; // global window id, or -1 for FP rows
    index: number;
    value: number;
  }
  const rows: Row[] = [];
  let windowOffset = 0;
  const windowCount = files.reduce((sum, f) => sum + f.windows.length, 0);
  files.forEach((file, fileIndex) => {
    const roles = rowRoles(file);
    const fileScores = scores[fileIndex] ?? [];
    for (let i = 0; i < file.length; i++) {
      const role = roles[i] as RowRole;
      if (role.window === -1) continue;
      const score = fileScores[i] ?? 0;
      if (!Number.isFinite(score)) continue;
      rows.push({ score, windowKey: role.window >= 0 ? windowOffset + role.window : -1, index: i, value: role.value });
    }
    windowOffset += file.windows.length;
  });
  rows.sort((a, b) => b.score - a.score);

  const nullRaw = -profile.fnWeight * windowCount;
  const perfectRaw = profile.tpWeight * windowCount;
  const earliest = new Array<number>(windowCount).fill(-1);
  const earliestValue = new Array<number>(windowCount).fill(0);
  let total = nullRaw;
  let best = nullRaw;
  let bestThreshold = Infinity;
  let i = 0;
  while (i < rows.length) {
    const level = (rows[i] as Row).score;
    while (i < rows.length && (rows[i] as Row).score === level) {
      const row = rows[i] as Row;
      if (row.windowKey < 0) {
        total += profile.fpWeight * row.value;
      } else {
        const previous = earliest[row.windowKey] as number;
        if (previous < 0) {
          total += profile.fnWeight + profile.tpWeight * row.value;
          earliest[row.windowKey] = row.index;
          earliestValue[row.windowKey] = row.value;
        } else if (row.index < previous) {
          total += profile.tpWeight * (row.value - (earliestValue[row.windowKey] as number));
          earliest[row.windowKey] = row.index;
          earliestValue[row.windowKey] = row.value;
        }
      }
      i++;
    }
    // Floating sums drift by ~1e-15; only a clear improvement moves the threshold.
    if (total > best + 1e-9) {
      best = total;
      bestThreshold = level;
    }
  }

  // Re-score each file exactly at the chosen threshold (also gives the counts).
  const perFile = files.map((file, k) => ({ name: file.name, ...scoreFileAtThreshold(file, scores[k] ?? [], bestThreshold, profile) }));
  const raw = perFile.reduce((sum, f) => sum + f.raw, 0);
  return {
    threshold: bestThreshold,
    raw,
    nullRaw,
    perfectRaw,
    normalized: normalize(raw, nullRaw, perfectRaw),
    tp: perFile.reduce((sum, f) => sum + f.tp, 0),
    fn: perFile.reduce((sum, f) => sum + f.fn, 0),
    fp: perFile.reduce((sum, f) => sum + f.fp, 0),
    perFile,
  };
}

export function normalize(raw: number, nullRaw: number, perfectRaw: number): number {
  return perfectRaw === nullRaw ? 0 : (100 * (raw - nullRaw)) / (perfectRaw - nullRaw);
}
