/**
 * Change points on seasonal weekly sales with only two or three yearly cycles (104 or 156 weeks, period 52):
 * precision, recall and F1 of the change points found (a true change counts as found when a detected change lies
 * within +-3 points of it, each true change matched once), and the false-alarm rate on series without a shift,
 * for `detectChangePoints` with
 *   - `none`: no deseasonalising (period 'none'),
 *   - `stl`: the STL seasonal around a running median, backfitted (`seasonalModel: 'stl'`),
 *   - `harmonic`: harmonics fitted jointly with the segment levels (`seasonalModel: 'harmonic'`, BFAST-style),
 * all with the default PELT, mean cost and modified-BIC penalty, on the same seeded series.
 *
 * Series: noise sigma 1, Gaussian or Student t with 3 df (scale 1); seasonal shape a sinusoid, a sharp holiday
 * peak of 3-5 weeks, two peaks, or a summer plateau, scaled to a peak-to-peak amplitude of 0.5-5 sigma; 0, 1 or
 * 2 level shifts of 1-3 sigma (random sign) at random positions, half of them within 4 weeks of a cycle boundary,
 * at least 8 weeks apart and 6 from the ends; a linear trend (total rise of 1-3 sigma, either sign) on 30% of
 * them. 125 series per cell of n x shape x noise x shifts (48 cells, 6,000 series; 500 per shape x shifts row).
 * Seeded by the project's generator (src/simulate/random.ts), so every run sees the same series.
 *
 * The dev data have no weekly series with two or more yearly cycles (the UCI weekly sales hold 52 weeks, NAB is
 * not weekly-seasonal), so only synthetic series are scored. CPU time per series of each method is reported
 * (process.cpuUsage, methods interleaved series by series).
 *
 * Run: npx tsx benchmarks/changepoints-seasonal.ts [--quick]   (--quick: 5 series per cell, 240 in all: a smoke run for CI, not a measurement)
 * Writes benchmarks/results/changepoints-seasonal.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRandom, type Random } from '../src/simulate/random';
import { detectChangePoints, type DetectChangePointsOptions } from '../src/timeseries/detect-change-points';

const quick = process.argv.includes('--quick');
const perCell = quick ? 5 : 125;
const PERIOD = 52;
const TOLERANCE = 3;

type Shape = 'sinusoid' | 'holiday peak' | 'two peaks' | 'summer plateau';
type Noise = 'gaussian' | 't3';
const SHAPES: Shape[] = ['sinusoid', 'holiday peak', 'two peaks', 'summer plateau'];
const NOISES: Noise[] = ['gaussian', 't3'];
const LENGTHS = [104, 156];
const SHIFT_COUNTS = [0, 1, 2];

const METHODS: { name: string; options: DetectChangePointsOptions }[] = [
  { name: 'none', options: { period: 'none' } },
  { name: 'stl', options: { period: PERIOD, seasonalModel: 'stl' } },
  { name: 'harmonic', options: { period: PERIOD, seasonalModel: 'harmonic' } },
];

interface Series {
  n: number;
  shape: Shape;
  noise: Noise;
  shifts: number;
  trend: boolean;
  values: number[];
  changes: number[];
}

// Circular distance in weeks on the yearly cycle.
const cyclic = (week: number, centre: number): number => {
  const d = Math.abs(week - centre) % PERIOD;
  return Math.min(d, PERIOD - d);
};

/** One cycle of the seasonal shape, scaled to peak-to-peak 1 (its mean removed). */
function seasonalShape(shape: Shape, random: Random): number[] {
  const phase = random.uniform(0, PERIOD);
  // Holiday: a raised-cosine peak 3-5 weeks wide (the weeks before Christmas); two peaks: a sharp and a broader
  // smaller one 20-29 weeks later; summer plateau: about 14 flat weeks with two-week ramps on each side.
  const width = random.int(3, 5);
  const gap = random.int(20, 29);
  const raw = Array.from({ length: PERIOD }, (_, w) => {
    const d = cyclic(w, phase);
    switch (shape) {
      case 'sinusoid':
        return Math.sin((2 * Math.PI * (w - phase)) / PERIOD);
      case 'holiday peak':
        return d < width / 2 + 0.5 ? 0.5 + 0.5 * Math.cos((Math.PI * d) / (width / 2 + 0.5)) : 0;
      case 'two peaks':
        return Math.exp(-0.5 * (d / 1.5) ** 2) + 0.6 * Math.exp(-0.5 * (cyclic(w, phase + gap) / 3) ** 2);
      case 'summer plateau':
        return d <= 7 ? 1 : d <= 9 ? 1 - (d - 7) / 2 : 0;
    }
  });
  const max = Math.max(...raw);
  const min = Math.min(...raw);
  const mean = raw.reduce((a, b) => a + b, 0) / PERIOD;
  return raw.map((v) => (v - mean) / (max - min));
}

function noiseDraw(noise: Noise, random: Random): number {
  if (noise === 'gaussian') return random.normal();
  let chi2 = 0;
  for (let k = 0; k < 3; k++) chi2 += random.normal() ** 2;
  return random.normal() / Math.sqrt(chi2 / 3);
}

function shiftPositions(n: number, count: number, random: Random): number[] {
  for (;;) {
    const positions: number[] = [];
    for (let k = 0; k < count; k++) {
      if (random.chance(0.5)) {
        const boundary = PERIOD * random.int(1, Math.floor((n - 1) / PERIOD));
        positions.push(boundary + random.int(-4, 4));
      } else positions.push(random.int(6, n - 6));
    }
    positions.sort((a, b) => a - b);
    const ok = positions.every((p, k) => p >= 6 && p <= n - 6 && (k === 0 || p - (positions[k - 1] as number) >= 8));
    if (ok) return positions;
  }
}

function makeSeries(n: number, shape: Shape, noise: Noise, shifts: number, random: Random): Series {
  const season = seasonalShape(shape, random);
  const amplitude = random.uniform(0.5, 5);
  const changes = shiftPositions(n, shifts, random);
  const sizes = changes.map(() => random.uniform(1, 3) * (random.chance(0.5) ? 1 : -1));
  const trend = random.chance(0.3);
  const rise = trend ? random.uniform(1, 3) * (random.chance(0.5) ? 1 : -1) : 0;
  const values = Array.from({ length: n }, (_, t) => {
    let level = 10;
    changes.forEach((c, k) => {
      if (t >= c) level += sizes[k] as number;
    });
    return level + (rise * t) / (n - 1) + amplitude * (season[t % PERIOD] as number) + noiseDraw(noise, random);
  });
  return { n, shape, noise, shifts, trend, values, changes };
}

interface Tally {
  series: number;
  truth: number;
  detected: number;
  hits: number;
  alarmSeries: number;
  cleanSeries: number;
  falseOnClean: number;
  cpuMicros: number;
}
const emptyTally = (): Tally => ({ series: 0, truth: 0, detected: 0, hits: 0, alarmSeries: 0, cleanSeries: 0, falseOnClean: 0, cpuMicros: 0 });

/** True changes matched within the tolerance, closest pairs first, each used once. */
function matches(truth: readonly number[], found: readonly number[]): number {
  const pairs: [number, number, number][] = [];
  truth.forEach((a, i) => found.forEach((b, j) => Math.abs(a - b) <= TOLERANCE && pairs.push([Math.abs(a - b), i, j])));
  pairs.sort((x, y) => x[0] - y[0]);
  const usedTruth = new Set<number>();
  const usedFound = new Set<number>();
  let hits = 0;
  for (const [, i, j] of pairs) {
    if (usedTruth.has(i) || usedFound.has(j)) continue;
    usedTruth.add(i);
    usedFound.add(j);
    hits++;
  }
  return hits;
}

const groups = new Map<string, Tally>();
const tallyOf = (key: string): Tally => {
  let tally = groups.get(key);
  if (tally === undefined) groups.set(key, (tally = emptyTally()));
  return tally;
};

const random = createRandom(20260527);
let total = 0;
for (const n of LENGTHS) {
  for (const shape of SHAPES) {
    for (const noise of NOISES) {
      for (const shifts of SHIFT_COUNTS) {
        for (let s = 0; s < perCell; s++) {
          const series = makeSeries(n, shape, noise, shifts, random);
          const points = series.values.map((value, t) => ({ t, value }));
          total++;
          for (const method of METHODS) {
            const before = process.cpuUsage();
            const found = detectChangePoints(points, method.options).map((c) => c.index);
            const used = process.cpuUsage(before);
            const hits = matches(series.changes, found);
            const keys = [
              `${method.name}|all`,
              `${method.name}|shape=${shape}|shifts=${shifts}`,
              `${method.name}|n=${n}`,
              `${method.name}|noise=${noise}`,
              `${method.name}|trend=${series.trend}`,
              `${method.name}|shape=${shape}`,
              `${method.name}|noise=${noise}|shape=${shape}`,
              `${method.name}|noise=${noise}|trend=${series.trend}`,
            ];
            for (const key of keys) {
              const tally = tallyOf(key);
              tally.series++;
              tally.truth += series.changes.length;
              tally.detected += found.length;
              tally.hits += hits;
              tally.cpuMicros += used.user + used.system;
              if (shifts === 0) {
                tally.cleanSeries++;
                tally.falseOnClean += found.length;
                if (found.length > 0) tally.alarmSeries++;
              }
            }
          }
        }
      }
    }
  }
}

interface Row {
  group: string;
  method: string;
  series: number;
  precision: number;
  recall: number;
  f1: number;
  falseAlarmRate: number;
  falseChangesPerCleanSeries: number;
  cpuMsPerSeries: number;
}
const rows: Row[] = [];
for (const [key, tally] of groups) {
  const [method, ...rest] = key.split('|');
  const precision = tally.detected > 0 ? tally.hits / tally.detected : Number.NaN;
  const recall = tally.truth > 0 ? tally.hits / tally.truth : Number.NaN;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : Number.NaN;
  rows.push({
    group: rest.join(' '),
    method: method as string,
    series: tally.series,
    precision,
    recall,
    f1,
    falseAlarmRate: tally.cleanSeries > 0 ? tally.alarmSeries / tally.cleanSeries : Number.NaN,
    falseChangesPerCleanSeries: tally.cleanSeries > 0 ? tally.falseOnClean / tally.cleanSeries : Number.NaN,
    cpuMsPerSeries: tally.cpuMicros / 1000 / tally.series,
  });
}

const fmt = (x: number, digits = 3): string => (Number.isFinite(x) ? x.toFixed(digits) : '-');
const load = loadavg();
console.log(`# Change points on seasonal weekly series (period 52), ${total} series, tolerance +-${TOLERANCE}; load ${load.map((l) => l.toFixed(2)).join(' ')}\n`);
console.log('| group | series | method | precision | recall | F1 | false-alarm rate (no shift) | false changes / clean series | CPU ms / series |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const row of rows) {
  console.log(
    `| ${row.group} | ${row.series} | ${row.method} | ${fmt(row.precision)} | ${fmt(row.recall)} | ${fmt(row.f1)} | ${fmt(row.falseAlarmRate)} | ${fmt(row.falseChangesPerCleanSeries, 2)} | ${fmt(row.cpuMsPerSeries, 2)} |`,
  );
}
const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'results', 'changepoints-seasonal.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify({ benchmark: 'changepoints-seasonal', quick, seriesPerCell: perCell, series: total, tolerance: TOLERANCE, loadavg: load, rows }, null, 2)}\n`,
);
console.log(`\nwrote ${out}`);
