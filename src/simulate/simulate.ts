import { assertNumberOption, assertOptions, fail } from '../errors';
import { daysFromCivil, parseIsoDate } from '../records';
import type { ActionRecord, FeedbackRecord, ForecastRecord, SalesRecord } from '../records';
import { civilFromDays, easterSunday, isoDay, nthWeekday, weekday, yearPhase } from './calendar';
import { Random } from './random';
import type { Polarity, SimulatedTheme } from './templates';
import { writeFeedbackText, type SimulatedAuthor } from './texts';
import type {
  FeedbackLabel,
  PlantedEvent,
  PlantedEventKind,
  PlantedHoliday,
  PlantedWave,
  Segment,
  SimulateOptions,
  Simulation,
} from './types';

const WHERE = 'simulate';
const WEEKS_PER_YEAR = 365.2425 / 7;
/** Bounds memory: five million sales records are about a gigabyte of objects. */
const MAX_SALES_RECORDS = 5_000_000;
const PRODUCT_NAMES = ['Aurora', 'Breeze', 'Cedar', 'Drift', 'Ember', 'Fjord', 'Glacier', 'Harbor', 'Iris', 'Juniper'];
const REGION_NAMES = ['North', 'South', 'West', 'East', 'Central'];
const CHANNEL_NAMES = ['online', 'retail', 'wholesale', 'marketplace'];
const PRICE_POINTS = [24.9, 49, 89, 149, 19.5, 64, 119, 34.9];
// Day-of-week profiles (Monday first, mean 1) for daily data: stores peak on Saturday, online shops on Sunday and Monday.
const STORE_WEEK_PROFILE = [0.85, 0.85, 0.9, 0.95, 1.1, 1.35, 1.0];
const ONLINE_WEEK_PROFILE = [1.15, 1.05, 1.0, 0.95, 0.9, 0.9, 1.05];

function names(parameter: string, value: number | readonly string[] | undefined, defaults: readonly string[], fallback: string, count: number, max: number): string[] {
  if (value === undefined) value = count;
  if (typeof value === 'number') {
    assertNumberOption(WHERE, `options.${parameter}`, value, { min: 1, max, integer: true });
    return Array.from({ length: value }, (_, i) => defaults[i] ?? `${fallback} ${i + 1}`);
  }
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    value.length > max ||
    !value.every((name) => typeof name === 'string' && name.trim() !== '') ||
    new Set(value).size !== value.length
  ) {
    fail('INVALID_OPTION', WHERE, `options.${parameter}`, `an integer from 1 to ${max} or 1 to ${max} distinct non-empty names`, value);
  }
  return value.map((name) => name.trim());
}

const isOnline = (channel: string): boolean => /online|web|ecom/i.test(channel);

interface Effect {
  readonly series: readonly number[];
  readonly from: number;
  readonly to: number;
  readonly factor: number;
  /** Demand effects change what people want; supply effects (stock-outs) only what they can buy. */
  readonly supply?: boolean;
  /** Persistent changes a forecaster learns once they have happened, or plans for when they are decided. */
  readonly planned?: boolean;
  readonly learnable?: boolean;
  /** In daily data, the one day of the week (0 = the week's first day) a single-week anomaly falls on. */
  readonly dayOnly?: number;
}

interface WavePlan {
  readonly eventId: string;
  readonly theme: SimulatedTheme;
  readonly from: number;
  /** Mean wave records per week, from `from` on. */
  readonly intensity: readonly number[];
  readonly products: readonly string[];
  readonly regions: readonly string[];
  readonly channels: readonly string[];
  readonly sources: readonly (readonly [source: string, weight: number])[];
}

const NPS_BY_POLARITY: Readonly<Record<Polarity, readonly number[]>> = {
  // Weights for ratings 0..10.
  positive: [0, 0, 0, 0, 0, 0, 0, 0.02, 0.14, 0.34, 0.5],
  neutral: [0, 0, 0, 0.01, 0.02, 0.06, 0.13, 0.3, 0.32, 0.1, 0.06],
  negative: [0.07, 0.06, 0.09, 0.12, 0.14, 0.16, 0.16, 0.1, 0.06, 0.03, 0.01],
};
const STARS_BY_POLARITY: Readonly<Record<Polarity, readonly number[]>> = {
  // Weights for ratings 1..5.
  positive: [0, 0.01, 0.05, 0.34, 0.6],
  neutral: [0.03, 0.17, 0.55, 0.22, 0.03],
  negative: [0.46, 0.36, 0.14, 0.03, 0.01],
};
const NPS_SCALE = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const STAR_SCALE = [1, 2, 3, 4, 5];

const THEMES: readonly SimulatedTheme[] = ['availability', 'delivery', 'price', 'quality', 'service', 'praise'];
const BACKGROUND_THEMES: Readonly<Record<SimulatedAuthor, readonly number[]>> = {
  customer: [0.04, 0.12, 0.1, 0.26, 0.2, 0.28],
  sales: [0.12, 0.1, 0.28, 0.15, 0.1, 0.25],
  operations: [0.3, 0.3, 0.1, 0.2, 0.05, 0.05],
};

function backgroundPolarity(theme: SimulatedTheme, author: SimulatedAuthor, random: Random): Polarity {
  if (author === 'operations') {
    if (theme === 'price') return 'neutral';
    if (theme === 'praise') return 'positive';
    if (theme === 'service') return 'negative';
    return random.chance(0.75) ? 'neutral' : 'negative';
  }
  if (author === 'sales') {
    if (theme === 'praise') return 'positive';
    if (theme === 'availability') return random.chance(0.7) ? 'neutral' : 'negative';
    if (theme === 'price') return random.chance(0.6) ? 'neutral' : 'negative';
    return 'negative';
  }
  switch (theme) {
    case 'availability':
      return random.chance(0.8) ? 'negative' : 'positive';
    case 'delivery':
      return random.chance(0.45) ? 'negative' : 'positive';
    case 'price':
      return random.weighted(['negative', 'neutral', 'positive'] as const, [0.4, 0.35, 0.25]);
    case 'quality':
      return random.weighted(['positive', 'neutral', 'negative'] as const, [0.55, 0.15, 0.3]);
    case 'service':
      return random.chance(0.55) ? 'positive' : 'negative';
    case 'praise':
      return 'positive';
  }
}

const round2 = (value: number): number => Math.round(value * 100) / 100;
const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/**
 * Simulates the data of a small business for demos, tests and benchmarks: weekly sales per product × region ×
 * channel, feedback from customers and staff whose themes move with the planted sales events, forecasts from
 * monthly planning cycles, the actions taken, and the truth of what was planted. Same seed and options, same data.
 *
 * Sales: expected units follow a multiplicative model (Hyndman and Athanasopoulos, *Forecasting: Principles and
 * Practice*, 3rd ed., §3.2): level × compound trend × yearly seasonality (two Fourier terms, §7.4) × holiday weeks
 * (Black Friday, the week before Christmas, Christmas, New Year, Easter; Easter by the Meeus/Jones/Butcher
 * algorithm) × promotions (with the post-promotion dip of pulled-forward demand) × planted events; units are
 * Poisson draws around a log-normally perturbed mean (an overdispersed count), and orders, visits, new customers
 * and revenue derive from them. With `frequency: 'day'` each week is spread over its days by a day-of-week
 * profile (stores peak on Saturdays, online shops on Sundays and Mondays). Planted events: a stock-out in one product and region (sales drop while customers
 * still visit), a carrier change in one region's online channel followed by a dip, a price increase of one product
 * (a permanent step down in units, up in price), a level shift (a new listing), single-week spikes and dips.
 *
 * Feedback: surveys (NPS 0-10), reviews (1-5 stars), social posts, support tickets and internal notes by sales and
 * operations staff, written from the phrase bank of {@link generateFeedbackTexts}. Background themes (quality,
 * service, praise, some price and delivery) come with waves tied to the events: stock-out complaints in the
 * region 1-3 weeks BEFORE its sales drop, delivery complaints AFTER the carrier change, price complaints with the
 * price increase. Social posts and tickets carry UTC timestamps, the others dates.
 *
 * Forecasts: monthly cycles, each forecasting the next three months (lags 1-3) per product/region group
 * (`group: 'Aurora/North'`, units summed over channels and over the weeks that start in the month), in
 * three steps: naive (last month's weekly rate), statistical (the model without unplanned events, learning
 * persistent changes once they have happened) and consensus (adds planned promotions and prices, and a
 * systematic bias in some groups, see `truth.forecastBias`). Months not yet complete have no actual.
 *
 * Cost: O(W·S + F) for W weeks, S series and F feedback records; the default (104 weeks × 24 series, about
 * 3,000 feedback records) takes a few tens of milliseconds.
 * @throws FeedbackMinerError INVALID_ARGUMENT when options is not an object; INVALID_OPTION when the seed is not
 *   an integer, `start` not a `YYYY-MM-DD` date, `weeks` not an integer from 8 to 1040, a name list empty or
 *   repeated, `feedbackPerWeek` not a number from 0 to 10000, `frequency` neither `'week'` nor `'day'`, or the
 *   options asking for more than 5,000,000 sales records.
 * @example
 * const { sales, feedback, forecasts, actions, truth } = simulate({ seed: 7 });
 * sales.length // => 2496 (104 weeks × 4 products × 3 regions × 2 channels)
 * truth.events.find(e => e.kind === 'stock-out')?.wave?.theme // => 'availability'
 */
export function simulate(options: SimulateOptions): Simulation {
  if (options === undefined) fail('INVALID_OPTION', WHERE, 'options.seed', 'an integer', undefined);
  assertOptions(WHERE, options);
  const { seed, start = '2024-01-01', weeks: weekCount = 104, feedbackPerWeek = 28, frequency = 'week' } = options;
  if (frequency !== 'week' && frequency !== 'day') fail('INVALID_OPTION', WHERE, 'options.frequency', '"week" or "day"', frequency);
  const daily = frequency === 'day';
  assertNumberOption(WHERE, 'options.seed', seed, { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER, integer: true });
  const parsedStart = typeof start === 'string' ? parseIsoDate(start) : undefined;
  if (parsedStart === undefined || !parsedStart.ok || parsedStart.value.length !== 10) {
    fail('INVALID_OPTION', WHERE, 'options.start', 'a date YYYY-MM-DD', start);
  }
  assertNumberOption(WHERE, 'options.weeks', weekCount, { min: 8, max: 1040, integer: true });
  assertNumberOption(WHERE, 'options.feedbackPerWeek', feedbackPerWeek, { min: 0, max: 10_000 });
  const products = names('products', options.products, PRODUCT_NAMES, 'Product', 4, 100);
  const regions = names('regions', options.regions, REGION_NAMES, 'Region', 3, 100);
  const channels = names('channels', options.channels, CHANNEL_NAMES, 'channel', 2, 20);
  const salesCount = weekCount * (daily ? 7 : 1) * products.length * regions.length * channels.length;
  if (salesCount > MAX_SALES_RECORDS) {
    fail('INVALID_OPTION', WHERE, 'options', `a request for at most ${MAX_SALES_RECORDS} sales records (weeks × days × products × regions × channels)`, salesCount);
  }

  // Separate streams, so that e.g. more feedback does not change the sales.
  const plan = new Random(seed, 1);
  const salesRandom = new Random(seed, 2);
  const feedbackRandom = new Random(seed, 3);
  const forecastRandom = new Random(seed, 4);

  const W = weekCount;
  const startDay = daysFromCivil(Number(start.slice(0, 4)), Number(start.slice(5, 7)), Number(start.slice(8, 10)));
  const weekStart = (w: number): number => startDay + 7 * w;
  const weekIso = Array.from({ length: W }, (_, w) => isoDay(weekStart(w)));
  const P = products.length;
  const R = regions.length;
  const C = channels.length;
  const seriesOf = (p: number, r: number, c: number): number => (p * R + r) * C + c;
  const S = P * R * C;

  // --- the business ---------------------------------------------------------------------------------------------
  const popularity = products.map(() => plan.uniform(0.6, 1.6));
  const basePrice = products.map((_, p) => round2((PRICE_POINTS[p % PRICE_POINTS.length] as number) * plan.uniform(0.9, 1.1)));
  const growth = products.map(() => plan.uniform(-0.04, 0.15));
  const amplitude = products.map(() => plan.uniform(0.08, 0.25));
  const peak = products.map(() => plan.pick([0.92, 0.5, 0.3]) + plan.uniform(-0.04, 0.04));
  const secondHarmonic = products.map(() => plan.uniform(0, 0.06));
  const regionSize = regions.map(() => plan.uniform(0.7, 1.3));
  const online = channels.map(isOnline);
  const rawShare = channels.map((_, c) => (online[c] ? 0.45 : 0.55) * plan.uniform(0.85, 1.15));
  const shareTotal = rawShare.reduce((sum, share) => sum + share, 0);
  const channelShare = rawShare.map((share) => (share / shareTotal) * Math.min(C, 2));
  const onlineChannel = online.indexOf(true) >= 0 ? online.indexOf(true) : 0;
  const storeChannel = online.indexOf(false) >= 0 ? online.indexOf(false) : C - 1;

  // Holidays and baselines over the simulated weeks and 20 more: forecasts made in the last month look up to three
  // months past it, at most 18 weeks after the last simulated week starts.
  const horizon = W + 20;
  const holidayFactor = { online: new Array<number>(horizon).fill(1), store: new Array<number>(horizon).fill(1) };
  const holidays: PlantedHoliday[] = [];
  const firstYear = civilFromDays(startDay).year;
  const lastYear = civilFromDays(weekStart(horizon)).year;
  for (let year = firstYear; year <= lastYear; year += 1) {
    const dates: [string, number, number, number][] = [
      ['New Year', daysFromCivil(year, 1, 1), 0.8, 0.78],
      ['Easter', easterSunday(year), 1.0, 1.1],
      ['Black Friday', nthWeekday(year, 11, 3, 4) + 1, 1.45, 1.3],
      ['Christmas shopping', daysFromCivil(year, 12, 18), 1.2, 1.25],
      ['Christmas', daysFromCivil(year, 12, 25), 0.8, 0.85],
    ];
    for (const [name, day, onlineEffect, storeEffect] of dates) {
      const w = Math.floor((day - startDay) / 7);
      if (w < 0 || w >= horizon) continue;
      holidayFactor.online[w] = (holidayFactor.online[w] as number) * onlineEffect;
      holidayFactor.store[w] = (holidayFactor.store[w] as number) * storeEffect;
      if (w < W) holidays.push({ name, week: weekIso[w] as string, weekIndex: w, effect: { online: onlineEffect, store: storeEffect } });
    }
  }

  // Mid-week phase of the year, per week.
  const weekPhase = Array.from({ length: horizon }, (_, w) => yearPhase(weekStart(w) + 3));
  /** Expected units of a series in a week from level, trend, seasonality and holidays: no promotion, no event. */
  const computeBaseline = (s: number, w: number): number => {
    const c = s % C;
    const r = Math.floor(s / C) % R;
    const p = Math.floor(s / (C * R));
    const level = 420 * (popularity[p] as number) * (regionSize[r] as number) * (channelShare[c] as number);
    const trend = (1 + (growth[p] as number)) ** (w / WEEKS_PER_YEAR);
    const phase = (weekPhase[w] as number) - (peak[p] as number);
    const season = Math.exp((amplitude[p] as number) * Math.cos(2 * Math.PI * phase) + (secondHarmonic[p] as number) * Math.cos(4 * Math.PI * phase));
    const holiday = (online[c] ? holidayFactor.online[w] : holidayFactor.store[w]) ?? 1;
    return level * trend * season * holiday;
  };
  const baselineTable = Array.from({ length: S }, (_, s) => Array.from({ length: horizon }, (_, w) => computeBaseline(s, w)));
  const baseline = (s: number, w: number): number => (baselineTable[s] as number[])[w] as number;

  // --- planted events -------------------------------------------------------------------------------------------
  const effects: Effect[] = [];
  const events: PlantedEvent[] = [];
  const actions: ActionRecord[] = [];
  const waves: WavePlan[] = [];
  const priceFactor = products.map(() => new Array<number>(horizon).fill(1));
  const discount = Array.from({ length: S }, () => new Array<number>(W).fill(0));
  const busy = new Array<boolean>(W).fill(false);
  const clampWeek = (w: number): number => Math.max(0, Math.min(W - 1, w));
  const at = (fraction: number): number => Math.max(3, Math.min(W - 2, Math.round(W * fraction) + plan.int(-2, 2)));
  const allSeries = (filter: (p: number, r: number, c: number) => boolean): number[] => {
    const list: number[] = [];
    for (let p = 0; p < P; p += 1) for (let r = 0; r < R; r += 1) for (let c = 0; c < C; c += 1) if (filter(p, r, c)) list.push(seriesOf(p, r, c));
    return list;
  };
  const segmentsOf = (series: readonly number[]): Segment[] =>
    series.map((s) => ({
      product: products[Math.floor(s / (C * R))] as string,
      region: regions[Math.floor(s / C) % R] as string,
      channel: channels[s % C] as string,
    }));
  const other = (count: number, avoid: number): number => (count === 1 ? 0 : (avoid + plan.int(1, count - 1)) % count);
  const markBusy = (from: number, to: number): void => {
    for (let w = Math.max(0, from - 3); w <= Math.min(W - 1, to + 3); w += 1) busy[w] = true;
  };
  const addEvent = (
    kind: PlantedEventKind,
    scope: Record<string, string>,
    series: readonly number[],
    from: number,
    to: number,
    factor: number,
    cause: string,
    extra: { actionId?: string; wave?: PlantedWave; day?: string } = {},
  ): PlantedEvent => {
    const event: PlantedEvent = {
      id: `ev-${pad(events.length + 1, 2)}`,
      kind,
      scope,
      segments: segmentsOf(series),
      start: weekIso[from] as string,
      end: weekIso[to] as string,
      startWeek: from,
      endWeek: to,
      effect: round2(factor),
      cause,
      ...extra,
    };
    events.push(event);
    // A lasting change blocks the weeks around its start only; the other events may come later.
    markBusy(from, kind === 'level-shift' || kind === 'price-increase' ? from : to);
    return event;
  };
  const addAction = (kind: string, w: number, scope: Record<string, string>, description: string): string => {
    const id = `act-${pad(actions.length + 1, 2)}`;
    actions.push({ id, date: weekIso[w] as string, scope, description, kind });
    return id;
  };

  // A level shift: a new listing with a chain of stores.
  {
    const p = plan.int(0, P - 1);
    const r = plan.int(0, R - 1);
    const from = at(0.22);
    const factor = plan.uniform(1.25, 1.4);
    const series = [seriesOf(p, r, storeChannel)];
    const scope = { product: products[p] as string, region: regions[r] as string, channel: channels[storeChannel] as string };
    const actionId = addAction('listing', from, scope, `New listing of ${products[p]} with a ${regions[r]} ${channels[storeChannel]} chain`);
    effects.push({ series, from, to: horizon - 1, factor, planned: true, learnable: true });
    addEvent('level-shift', scope, series, from, W - 1, factor, `new listing of ${products[p]} in ${regions[r]}`, { actionId });
  }

  // A stock-out in one product and region, announced by complaints 1-3 weeks before sales drop.
  const stockProduct = plan.int(0, P - 1);
  const stockRegion = plan.int(0, R - 1);
  {
    const from = at(0.4);
    const duration = plan.int(3, 5);
    const to = clampWeek(from + duration - 1);
    const lead = plan.int(1, 3);
    const factor = plan.uniform(0.3, 0.5);
    const series = allSeries((p, r) => p === stockProduct && r === stockRegion);
    for (const s of series) {
      const channelFactor = online[s % C] ? 1 - (1 - factor) * 0.7 : factor; // online ships from other warehouses
      effects.push({ series: [s], from, to, factor: channelFactor, supply: true });
    }
    const product = products[stockProduct] as string;
    const region = regions[stockRegion] as string;
    const recovery = clampWeek(to + 1);
    const actionId = addAction('supply', recovery, { product, region }, `Expedited replenishment of ${product} to the ${region} distribution centre`);
    const waveFrom = Math.max(0, from - lead);
    const peakRate = Math.max(2, 0.25 * feedbackPerWeek);
    const intensity = Array.from({ length: to - waveFrom + 1 }, (_, k) => peakRate * Math.min(1, (k + 1) / (lead + 1)));
    waves.push({
      eventId: `ev-${pad(events.length + 1, 2)}`,
      theme: 'availability',
      from: waveFrom,
      intensity,
      products: [product],
      regions: [region],
      channels,
      sources: [['social', 0.3], ['support', 0.2], ['review', 0.15], ['survey', 0.15], ['sales', 0.1], ['operations', 0.1]],
    });
    addEvent('stock-out', { product, region }, series, from, to, factor, `stock-out of ${product} in ${region}`, {
      actionId,
      wave: { theme: 'availability', start: weekIso[waveFrom] as string, end: weekIso[to] as string, startWeek: waveFrom, endWeek: to, count: 0 },
    });
  }

  // A carrier change for one region's online orders, followed by delivery complaints and a dip.
  {
    const r = R > 1 ? other(R, stockRegion) : 0;
    const change = at(0.56);
    const from = clampWeek(change + 2);
    const to = clampWeek(change + 6);
    const factor = plan.uniform(0.8, 0.88);
    const series = allSeries((_, region, c) => region === r && c === onlineChannel);
    const region = regions[r] as string;
    const channel = channels[onlineChannel] as string;
    const actionId = addAction('logistics', change, { region, channel }, `Switched parcel carrier for ${channel} orders in ${region}`);
    effects.push({ series, from, to, factor });
    const waveFrom = clampWeek(change + 1);
    const waveLength = plan.int(4, 6);
    const waveTo = clampWeek(waveFrom + waveLength - 1);
    const peakRate = Math.max(2, 0.22 * feedbackPerWeek);
    const shape = [0.6, 1, 1, 0.85, 0.6, 0.4];
    waves.push({
      eventId: `ev-${pad(events.length + 1, 2)}`,
      theme: 'delivery',
      from: waveFrom,
      intensity: Array.from({ length: waveTo - waveFrom + 1 }, (_, k) => peakRate * (shape[k] ?? 0.4)),
      products,
      regions: [region],
      channels: [channel],
      sources: [['support', 0.35], ['review', 0.25], ['social', 0.2], ['survey', 0.05], ['operations', 0.1], ['sales', 0.05]],
    });
    addEvent('delivery-problems', { region, channel }, series, from, to, factor, `carrier change for ${channel} orders in ${region} on ${weekIso[change]}`, {
      actionId,
      wave: { theme: 'delivery', start: weekIso[waveFrom] as string, end: weekIso[waveTo] as string, startWeek: waveFrom, endWeek: waveTo, count: 0 },
    });
  }

  // A price increase of one product: a permanent step down in units, complaints as it lands.
  {
    const p = P > 1 ? other(P, stockProduct) : 0;
    const from = at(0.74);
    const increase = plan.int(8, 15) / 100;
    const factor = 1 - 1.2 * increase; // price elasticity of about -1.2
    const series = allSeries((product) => product === p);
    const product = products[p] as string;
    for (let w = from; w < horizon; w += 1) (priceFactor[p] as number[])[w] = 1 + increase;
    const actionId = addAction('pricing', from, { product }, `Price of ${product} raised by ${Math.round(increase * 100)}%`);
    effects.push({ series, from, to: horizon - 1, factor, planned: true, learnable: true });
    const waveTo = clampWeek(from + 5);
    const peakRate = Math.max(2, 0.3 * feedbackPerWeek);
    waves.push({
      eventId: `ev-${pad(events.length + 1, 2)}`,
      theme: 'price',
      from,
      intensity: Array.from({ length: waveTo - from + 1 }, (_, k) => peakRate * 0.72 ** k),
      products: [product],
      regions,
      channels,
      sources: [['social', 0.3], ['review', 0.25], ['survey', 0.25], ['sales', 0.2]],
    });
    addEvent('price-increase', { product }, series, from, W - 1, factor, `price of ${product} raised by ${Math.round(increase * 100)}%`, {
      actionId,
      wave: { theme: 'price', start: weekIso[from] as string, end: weekIso[waveTo] as string, startWeek: from, endWeek: waveTo, count: 0 },
    });
  }

  // Promotions (planned): a lift for 1-2 weeks at a discount, then a dip as pulled-forward demand is missing.
  const promotionCount = Math.max(1, Math.round((W / WEEKS_PER_YEAR) * 3));
  for (let i = 0; i < promotionCount; i += 1) {
    const p = plan.int(0, P - 1);
    const c = plan.int(0, C - 1);
    const length = plan.int(1, 2);
    let from = -1;
    for (let attempt = 0; attempt < 30 && from < 0; attempt += 1) {
      const candidate = plan.int(4, W - 4);
      let free = true;
      for (let w = candidate; w <= candidate + length; w += 1) if (busy[w] === true) free = false;
      if (free) from = candidate;
    }
    if (from < 0) continue;
    const to = from + length - 1;
    const lift = plan.uniform(1.3, 1.6);
    const cut = plan.int(15, 25) / 100;
    const series = allSeries((product, _, channel) => product === p && channel === c);
    for (const s of series) for (let w = from; w <= to; w += 1) (discount[s] as number[])[w] = cut;
    effects.push({ series, from, to, factor: lift, planned: true });
    effects.push({ series, from: to + 1, to: to + 1, factor: 0.88, planned: true });
    const scope = { product: products[p] as string, channel: channels[c] as string };
    const actionId = addAction('promotion', from, scope, `${Math.round(cut * 100)}% off ${products[p]} (${channels[c]}) for ${length} week${length > 1 ? 's' : ''}`);
    addEvent('promotion', scope, series, from, to, lift, 'planned promotion', { actionId });
  }

  // Single-week anomalies in single series, away from the other events and holidays.
  const holidayWeeks = new Set(holidays.map((holiday) => holiday.weekIndex));
  const pointAnomalies: [PlantedEventKind, number, number, string][] = [
    ['spike', 1.6, 2.0, 'bulk order from a single account'],
    ['dip', 0.35, 0.55, 'point-of-sale outage'],
    ['spike', 1.6, 2.0, 'reseller stocking up'],
    ['dip', 0.35, 0.55, 'store closed for a refit'],
  ];
  for (const [kind, low, high, cause] of pointAnomalies) {
    let week = -1;
    for (let attempt = 0; attempt < 30 && week < 0; attempt += 1) {
      const candidate = plan.int(Math.min(8, W - 2), W - 2);
      if (busy[candidate] !== true && !holidayWeeks.has(candidate)) week = candidate;
    }
    if (week < 0) continue;
    const s = plan.int(0, S - 1);
    const factor = plan.uniform(low, high);
    const dayOnly = plan.int(0, 6);
    effects.push({ series: [s], from: week, to: week, factor, ...(daily ? { dayOnly } : {}) });
    const [segment] = segmentsOf([s]);
    addEvent(kind, { ...(segment as Segment) }, [s], week, week, factor, cause, daily ? { day: isoDay(weekStart(week) + dayOnly) } : {});
  }

  // --- sales ----------------------------------------------------------------------------------------------------
  const demand = Array.from({ length: S }, () => new Array<number>(W).fill(1));
  const supply = Array.from({ length: S }, () => new Array<number>(W).fill(1));
  const pointEffects = new Map<number, { readonly day: number; readonly factor: number }>();
  for (const effect of effects) {
    const target = effect.supply === true ? supply : demand;
    for (const s of effect.series) {
      if (effect.dayOnly !== undefined) {
        pointEffects.set(s * W + effect.from, { day: effect.dayOnly, factor: effect.factor });
        continue;
      }
      const row = target[s] as number[];
      for (let w = effect.from; w <= Math.min(effect.to, W - 1); w += 1) row[w] = (row[w] as number) * effect.factor;
    }
  }
  const sales: SalesRecord[] = [];
  const unitsBySeries = Array.from({ length: S }, () => new Array<number>(W).fill(0));
  const days = daily ? 7 : 1;
  for (let w = 0; w < W; w += 1) {
    const weekday0 = weekday(weekStart(w));
    for (let k = 0; k < days; k += 1) {
      const date = daily ? isoDay(weekStart(w) + k) : (weekIso[w] as string);
      const dayOfWeek = (weekday0 + k) % 7;
      for (let p = 0; p < P; p += 1) {
        for (let r = 0; r < R; r += 1) {
          for (let c = 0; c < C; c += 1) {
            const s = seriesOf(p, r, c);
            const point = pointEffects.get(s * W + w);
            const dayFactor = daily
              ? ((online[c] ? ONLINE_WEEK_PROFILE : STORE_WEEK_PROFILE)[dayOfWeek] as number) / 7 * (point !== undefined && point.day === k ? point.factor : 1)
              : 1;
            const wanted = baseline(s, w) * dayFactor * ((demand[s] as number[])[w] as number) * Math.exp(salesRandom.normal(0, 0.05));
            const units = salesRandom.poisson(wanted * ((supply[s] as number[])[w] as number));
            (unitsBySeries[s] as number[])[w] = ((unitsBySeries[s] as number[])[w] as number) + units;
            const price = (basePrice[p] as number) * ((priceFactor[p] as number[])[w] as number) * (online[c] ? 0.95 : 1) * (1 - ((discount[s] as number[])[w] as number));
            const basket = 1.1 + 0.4 * salesRandom.next();
            const orders = Math.min(units, Math.max(units > 0 ? 1 : 0, Math.round(units / basket)));
            // Visits follow what people wanted, not what they could buy: a stock-out shows as lost conversion.
            const conversion = (online[c] ? 0.028 : 0.22) * Math.exp(salesRandom.normal(0, 0.08));
            const visits = Math.max(orders, Math.round(wanted / basket / conversion));
            const newCustomers = Math.min(orders, salesRandom.poisson(orders * 0.15));
            sales.push({
              date,
              product: products[p] as string,
              region: regions[r] as string,
              channel: channels[c] as string,
              revenue: round2(units * price),
              units,
              orders,
              visits,
              newCustomers,
            });
          }
        }
      }
    }
  }

  // --- feedback ---------------------------------------------------------------------------------------------------
  interface Draft {
    readonly day: number;
    readonly order: number;
    readonly record: Omit<FeedbackRecord, 'id'>;
    readonly theme: SimulatedTheme;
    readonly polarity: Polarity;
    readonly eventId?: string;
  }
  const drafts: Draft[] = [];
  const weeklyVolume = Array.from({ length: W }, (_, w) => {
    let total = 0;
    for (let s = 0; s < S; s += 1) total += baseline(s, w);
    return total;
  });
  const meanVolume = weeklyVolume.reduce((sum, v) => sum + v, 0) / W;
  const channelWeights = channels.map((_, c) => channelShare[c] as number);
  const write = (
    w: number,
    source: string,
    author: SimulatedAuthor,
    theme: SimulatedTheme,
    polarity: Polarity,
    product: string,
    region: string,
    channel: string,
    eventId?: string,
  ): void => {
    const random = feedbackRandom;
    const day = weekStart(w) + random.int(0, 6);
    const timestamped = source === 'social' || source === 'support';
    const date = timestamped
      ? `${isoDay(day)}T${pad(random.int(7, 22), 2)}:${pad(random.int(0, 59), 2)}:${pad(random.int(0, 59), 2)}Z`
      : isoDay(day);
    const p = products.indexOf(product);
    const text = writeFeedbackText(
      { theme, polarity, author, source, product, region, price: (basePrice[p] as number) * ((priceFactor[p] as number[])[w] as number) },
      random,
    );
    const rating =
      source === 'survey'
        ? random.weighted(NPS_SCALE, NPS_BY_POLARITY[polarity])
        : source === 'review'
          ? random.weighted(STAR_SCALE, STARS_BY_POLARITY[polarity])
          : undefined;
    drafts.push({
      day,
      order: drafts.length,
      theme,
      polarity,
      ...(eventId === undefined ? {} : { eventId }),
      record: {
        text,
        date,
        source,
        ...(rating === undefined ? {} : { rating }),
        authorRole: author,
        product,
        region,
        ...(author === 'customer' ? { channel } : {}),
      },
    });
  };
  const SOURCES = ['survey', 'review', 'social', 'support', 'sales', 'operations'] as const;
  const SOURCE_WEIGHTS = [0.28, 0.24, 0.2, 0.16, 0.06, 0.06];
  for (let w = 0; w < W; w += 1) {
    const count = feedbackRandom.poisson(feedbackPerWeek * Math.sqrt((weeklyVolume[w] as number) / meanVolume));
    for (let i = 0; i < count; i += 1) {
      const pick = feedbackRandom.weighted(SOURCES, SOURCE_WEIGHTS);
      const author: SimulatedAuthor = pick === 'sales' || pick === 'operations' ? pick : 'customer';
      const source = author === 'customer' ? pick : 'internal';
      const theme = feedbackRandom.weighted(THEMES, BACKGROUND_THEMES[author]);
      const polarity = backgroundPolarity(theme, author, feedbackRandom);
      write(
        w,
        source,
        author,
        theme,
        polarity,
        feedbackRandom.weighted(products, popularity),
        feedbackRandom.weighted(regions, regionSize),
        feedbackRandom.weighted(channels, channelWeights),
      );
    }
  }
  const waveCounts = new Map<string, number>();
  for (const wave of waves) {
    let generated = 0;
    const sources = wave.sources.map(([source]) => source);
    const weights = wave.sources.map(([, weight]) => weight);
    for (let k = 0; k < wave.intensity.length; k += 1) {
      const w = wave.from + k;
      if (w >= W) break;
      const count = feedbackRandom.poisson(wave.intensity[k] as number);
      for (let i = 0; i < count; i += 1) {
        const pick = feedbackRandom.weighted(sources, weights);
        const author: SimulatedAuthor = pick === 'sales' || pick === 'operations' ? pick : 'customer';
        write(
          w,
          author === 'customer' ? pick : 'internal',
          author,
          wave.theme,
          feedbackRandom.chance(0.93) ? 'negative' : 'neutral',
          feedbackRandom.pick(wave.products),
          feedbackRandom.pick(wave.regions),
          feedbackRandom.pick(wave.channels),
          wave.eventId,
        );
        generated += 1;
      }
    }
    waveCounts.set(wave.eventId, generated);
  }
  drafts.sort((a, b) => (a.record.date < b.record.date ? -1 : a.record.date > b.record.date ? 1 : a.order - b.order));
  const idWidth = Math.max(5, String(drafts.length).length);
  const feedback: FeedbackRecord[] = [];
  const feedbackLabels: FeedbackLabel[] = [];
  drafts.forEach((draft, index) => {
    const id = `fb-${pad(index + 1, idWidth)}`;
    feedback.push({ id, ...draft.record });
    feedbackLabels.push({ id, theme: draft.theme, polarity: draft.polarity, ...(draft.eventId === undefined ? {} : { eventId: draft.eventId }) });
  });
  const finalEvents = events.map((event) =>
    event.wave === undefined ? event : { ...event, wave: { ...event.wave, count: waveCounts.get(event.id) ?? 0 } },
  );

  // --- forecasts --------------------------------------------------------------------------------------------------
  const monthIndex = (day: number): number => {
    const { year, month } = civilFromDays(day);
    return year * 12 + month - 1;
  };
  const monthFirstDay = (m: number): number => daysFromCivil(Math.floor(m / 12), (m % 12) + 1, 1);
  const weeksOfMonth = (m: number): number[] => {
    const list: number[] = [];
    const first = Math.ceil((monthFirstDay(m) - startDay) / 7);
    for (let w = Math.max(0, first); weekStart(w) < monthFirstDay(m + 1); w += 1) list.push(w);
    return list;
  };
  const complete = (m: number): boolean => monthFirstDay(m) >= startDay && weekStart(W - 1) + 7 >= monthFirstDay(m + 1);
  const forecastBias: { group: string; bias: number }[] = [];
  const forecasts: ForecastRecord[] = [];
  const firstMonth = monthIndex(startDay);
  const lastPlanningMonth = monthIndex(weekStart(W - 1));
  const lagSd = (base: number, lag: number): number => base + 0.025 * (lag - 1);
  for (let p = 0; p < P; p += 1) {
    for (let r = 0; r < R; r += 1) {
      const group = `${products[p]}/${regions[r]}`;
      const roll = forecastRandom.next();
      const bias = roll < 0.3 ? round2(forecastRandom.uniform(0.1, 0.2)) : roll < 0.45 ? round2(forecastRandom.uniform(-0.12, -0.06)) : 0;
      forecastBias.push({ group, bias });
      const series = allSeries((product, region) => product === p && region === r);
      const actualOf = (m: number): number => {
        let total = 0;
        for (const w of weeksOfMonth(m)) for (const s of series) total += (unitsBySeries[s] as number[])[w] as number;
        return total;
      };
      /** What a forecaster made at week `madeAt` expects for a week: `planned` adds decided promotions and prices. */
      const expected = (w: number, madeAt: number, planned: boolean): number => {
        let total = 0;
        for (const s of series) {
          let value = baseline(s, w);
          for (const effect of effects) {
            if (!effect.series.includes(s) || w < effect.from || w > effect.to) continue;
            const learned = effect.learnable === true && effect.from <= madeAt - 4;
            if (learned || (planned && effect.planned === true)) value *= effect.factor;
          }
          total += value;
        }
        return total;
      };
      for (let cycle = firstMonth + 1; cycle <= lastPlanningMonth; cycle += 1) {
        if (!complete(cycle - 1)) continue;
        const madeAt = Math.ceil((monthFirstDay(cycle) - startDay) / 7);
        const previousWeeks = weeksOfMonth(cycle - 1).length;
        const naiveRate = actualOf(cycle - 1) / Math.max(1, previousWeeks);
        const { year, month } = civilFromDays(monthFirstDay(cycle));
        const cycleLabel = `${year}-${pad(month, 2)}`;
        for (let lag = 1; lag <= 3; lag += 1) {
          const target = cycle + lag;
          const targetWeeks = weeksOfMonth(target);
          const period = isoDay(monthFirstDay(target));
          const actual = complete(target) ? actualOf(target) : undefined;
          let statistical = 0;
          let consensus = 0;
          for (const w of targetWeeks) {
            statistical += expected(w, madeAt, false);
            consensus += expected(w, madeAt, true);
          }
          const values: [string, number][] = [
            ['naive', naiveRate * targetWeeks.length],
            ['statistical', statistical * Math.exp(forecastRandom.normal(0, lagSd(0.06, lag)))],
            ['consensus', consensus * (1 + bias) * Math.exp(forecastRandom.normal(0, lagSd(0.05, lag)))],
          ];
          for (const [step, value] of values) {
            forecasts.push({
              period,
              group,
              forecast: Math.round(value),
              ...(actual === undefined ? {} : { actual }),
              lag,
              step,
              cycle: cycleLabel,
            });
          }
        }
      }
    }
  }

  actions.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return {
    sales,
    feedback,
    forecasts,
    actions,
    truth: {
      seed,
      weeks: weekIso,
      products,
      regions,
      channels,
      events: finalEvents,
      holidays,
      feedbackLabels,
      forecastBias,
    },
  };
}
