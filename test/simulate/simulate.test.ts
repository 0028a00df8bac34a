import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { FeedbackMinerError } from '../../src/errors';
import { parseIsoDate, validateActions, validateFeedback, validateForecasts, validateSales } from '../../src/records';
import { simulate } from '../../src/simulate';
import type { PlantedEvent, Simulation } from '../../src/simulate';
import { unknownWordShare } from './vocabulary';

function errorOf(run: () => unknown): FeedbackMinerError {
  try {
    run();
  } catch (error) {
    if (error instanceof FeedbackMinerError) return error;
    throw error;
  }
  throw new Error('expected a FeedbackMinerError');
}

const data = simulate({ seed: 7 });
const time = (iso: string): number => {
  const parsed = parseIsoDate(iso);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.time;
};
const WEEK = 7 * 86_400_000;
const weekIndexOf = (sim: Simulation, iso: string): number => Math.floor((time(iso) - time(sim.truth.weeks[0]!)) / WEEK);
const eventOf = (sim: Simulation, kind: PlantedEvent['kind']): PlantedEvent => {
  const event = sim.truth.events.find((e) => e.kind === kind);
  if (event === undefined) throw new Error(`no ${kind}`);
  return event;
};

describe('simulate(options)', () => {
  it('simulate({ seed }) makes 104 weeks x 4 products x 3 regions x 2 channels of sales and a few thousand feedback records', () => {
    expect(data.sales).toHaveLength(104 * 4 * 3 * 2);
    expect(data.feedback.length).toBeGreaterThan(2000);
    expect(data.feedback.length).toBeLessThan(6000);
    expect(data.actions.length).toBeGreaterThanOrEqual(5);
    expect(data.forecasts.length).toBeGreaterThan(1000);
    expect(data.truth.weeks[0]).toBe('2024-01-01');
    expect(data.truth.weeks[103]).toBe('2025-12-22'); // 2024-01-01 + 103 weeks (721 days), by calendar
    expect(data.truth.products).toEqual(['Aurora', 'Breeze', 'Cedar', 'Drift']);
    expect(data.truth.regions).toEqual(['North', 'South', 'West']);
    expect(data.truth.channels).toEqual(['online', 'retail']);
  });

  it('simulate({ seed }) is the same for the same seed and differs for another seed', () => {
    expect(JSON.stringify(simulate({ seed: 7 }))).toBe(JSON.stringify(data));
    const other = simulate({ seed: 8 });
    expect(other.sales).not.toEqual(data.sales);
    expect(other.feedback.slice(0, 20)).not.toEqual(data.feedback.slice(0, 20));
  });

  it('simulate(frozen options) does not mutate them', () => {
    const options = Object.freeze({ seed: 1, weeks: 20, products: Object.freeze(['A', 'B']) });
    expect(() => simulate(options)).not.toThrow();
    expect(options.products).toEqual(['A', 'B']);
  });

  it('simulate({ seed }) records all pass validation with nothing rejected', () => {
    const feedback = validateFeedback(data.feedback);
    const sales = validateSales(data.sales);
    const forecasts = validateForecasts(data.forecasts);
    const actions = validateActions(data.actions);
    expect([feedback.rejected, sales.rejected, forecasts.rejected, actions.rejected]).toEqual([[], [], [], []]);
    expect(feedback.records).toEqual(data.feedback);
    expect(sales.records).toEqual(data.sales);
    expect(actions.records).toEqual(data.actions);
  });

  it('simulate({ seed }) sales are consistent counts: orders <= units, new customers <= orders, revenue >= 0', () => {
    const bad = data.sales.filter(
      (s) =>
        !Number.isInteger(s.units) ||
        (s.units ?? 0) < 0 ||
        (s.orders ?? 0) > (s.units ?? 0) ||
        (s.newCustomers ?? 0) > (s.orders ?? 0) ||
        (s.revenue ?? -1) < 0 ||
        (s.visits ?? 0) < (s.orders ?? 0),
    );
    expect(bad).toEqual([]);
  });

  it('simulate({ seed }) feedback comes from every source, with NPS 0-10 on surveys and 1-5 stars on reviews only', () => {
    const sources = new Set(data.feedback.map((f) => f.source));
    expect([...sources].sort()).toEqual(['internal', 'review', 'social', 'support', 'survey']);
    const roles = new Set(data.feedback.map((f) => f.authorRole));
    expect([...roles].sort()).toEqual(['customer', 'operations', 'sales']);
    const misrated = data.feedback.filter((f) =>
      f.source === 'survey'
        ? !(Number.isInteger(f.rating) && f.rating! >= 0 && f.rating! <= 10)
        : f.source === 'review'
          ? !(Number.isInteger(f.rating) && f.rating! >= 1 && f.rating! <= 5)
          : f.rating !== undefined,
    );
    expect(misrated).toEqual([]);
    const internalCustomers = data.feedback.filter(
      (f) => f.source === 'internal' && f.authorRole !== 'sales' && f.authorRole !== 'operations',
    );
    expect(internalCustomers).toEqual([]);
    expect(new Set(data.feedback.map((f) => f.id)).size).toBe(data.feedback.length);
  });

  it('simulate({ seed }) feedback has typing slips at a low rate, emoji now and then, and few repeated texts', () => {
    const texts = data.feedback.map((f) => f.text);
    const slips = unknownWordShare(texts.filter((_, i) => data.feedback[i]!.authorRole === 'customer'));
    expect(slips).toBeGreaterThan(0.002);
    expect(slips).toBeLessThan(0.03);
    expect(texts.filter((t) => /\p{Extended_Pictographic}/u.test(t)).length).toBeGreaterThan(50);
    expect(new Set(texts).size).toBeGreaterThan(0.6 * texts.length);
  });

  it('simulate({ seed }) writes some complaints after praise with "but", labelled by the complaint', () => {
    const polarity = new Map(data.truth.feedbackLabels.map((l) => [l.id, l.polarity]));
    const contrasted = data.feedback.filter((f) => f.text.includes(', but '));
    expect(contrasted.length).toBeGreaterThan(20);
    expect(contrasted.filter((f) => polarity.get(f.id) !== 'negative')).toEqual([]);
  });

  it('simulate({ seed }) labels every feedback record, and ratings follow the planted polarity', () => {
    const labels = data.truth.feedbackLabels;
    expect(labels.map((l) => l.id)).toEqual(data.feedback.map((f) => f.id));
    const polarity = new Map(labels.map((l) => [l.id, l.polarity]));
    const mean = (p: string): number => {
      const ratings = data.feedback.filter((f) => f.source === 'survey' && polarity.get(f.id) === p).map((f) => f.rating!);
      return ratings.reduce((a, b) => a + b, 0) / ratings.length;
    };
    expect(mean('positive')).toBeGreaterThan(8.5);
    expect(mean('negative')).toBeLessThan(5.5);
  });

  it('simulate({ seed }) feedback dates lie in the simulated weeks and are in order', () => {
    const first = time('2024-01-01');
    const end = first + 104 * WEEK;
    const times = data.feedback.map((f) => time(f.date));
    expect(times.every((t) => t >= first && t < end)).toBe(true);
    expect(data.feedback.map((f) => f.date)).toEqual([...data.feedback.map((f) => f.date)].sort());
  });

  it('simulate({ seed }) plants a stock-out: complaints in its region rise 1-3 weeks BEFORE its sales drop', () => {
    const event = eventOf(data, 'stock-out');
    const wave = event.wave!;
    expect(event.startWeek - wave.startWeek).toBeGreaterThanOrEqual(1);
    expect(event.startWeek - wave.startWeek).toBeLessThanOrEqual(3);
    expect(wave.theme).toBe('availability');
    expect(wave.count).toBeGreaterThan(10);
    // Sales of the segments during the event, against the 6 weeks before it.
    const units = (w: number): number =>
      data.sales
        .filter((s) => s.product === event.scope.product && s.region === event.scope.region && weekIndexOf(data, s.date) === w)
        .reduce((sum, s) => sum + s.units!, 0);
    const before = [1, 2, 3, 4, 5, 6].map((k) => units(wave.startWeek - k)).reduce((a, b) => a + b, 0) / 6;
    for (let w = event.startWeek; w <= event.endWeek; w += 1) expect(units(w)).toBeLessThan(0.8 * before);
    // Complaints about availability in that region, in the wave weeks before the drop vs the rest of the time.
    const complaint = /stock|shelf|shelves|back-?order|sold out|unavailable|find|no \w+ (in stock|available|left)/i;
    const regional = data.feedback.filter((f) => f.region === event.scope.region && complaint.test(f.text));
    const inLead = regional.filter((f) => {
      const w = weekIndexOf(data, f.date);
      return w >= wave.startWeek && w < event.startWeek;
    }).length;
    const outside = regional.filter((f) => {
      const w = weekIndexOf(data, f.date);
      return w < wave.startWeek - 4 || w > event.endWeek + 4;
    }).length;
    const leadWeeks = event.startWeek - wave.startWeek;
    expect(inLead / leadWeeks).toBeGreaterThan((3 * outside) / (104 - (event.endWeek - wave.startWeek + 9)));
  });

  it('simulate({ seed }) plants a carrier change: delivery complaints in its region rise AFTER the action', () => {
    const event = eventOf(data, 'delivery-problems');
    const action = data.actions.find((a) => a.id === event.actionId)!;
    expect(action.kind).toBe('logistics');
    const actionWeek = weekIndexOf(data, action.date);
    expect(event.wave!.startWeek).toBeGreaterThan(actionWeek);
    expect(event.startWeek).toBeGreaterThan(actionWeek);
    const delivery = data.truth.feedbackLabels.filter((l) => l.eventId === event.id);
    expect(delivery.length).toBe(event.wave!.count);
    const byId = new Map(data.feedback.map((f) => [f.id, f]));
    for (const label of delivery) {
      const record = byId.get(label.id)!;
      expect(record.region).toBe(event.scope.region);
      expect(weekIndexOf(data, record.date)).toBeGreaterThan(actionWeek);
      expect(label.theme).toBe('delivery');
    }
  });

  it('simulate({ seed }) plants a price increase: price per unit rises, units step down, price complaints come with it', () => {
    const event = eventOf(data, 'price-increase');
    const action = data.actions.find((a) => a.id === event.actionId)!;
    expect(action.date).toBe(event.start);
    const ofProduct = data.sales.filter((s) => s.product === event.scope.product && s.channel === 'retail');
    const unitPrice = (w: number): number => {
      const rows = ofProduct.filter((s) => weekIndexOf(data, s.date) === w);
      return rows.reduce((a, s) => a + s.revenue!, 0) / rows.reduce((a, s) => a + s.units!, 0);
    };
    expect(unitPrice(event.startWeek + 1)).toBeGreaterThan(1.07 * unitPrice(event.startWeek - 2));
    expect(event.effect).toBeLessThan(1);
    expect(event.wave!.theme).toBe('price');
    expect(event.wave!.startWeek).toBe(event.startWeek);
  });

  it('simulate({ seed }) plants spikes and dips that stand out from their neighbours', () => {
    const points = data.truth.events.filter((e) => e.kind === 'spike' || e.kind === 'dip');
    expect(points.length).toBeGreaterThanOrEqual(2);
    for (const event of points) {
      const segment = event.segments[0]!;
      const series = data.sales
        .filter((s) => s.product === segment.product && s.region === segment.region && s.channel === segment.channel)
        .map((s) => s.units!);
      const neighbours = [-3, -2, -1, 1, 2, 3].map((k) => series[event.startWeek + k]).filter((v): v is number => v !== undefined);
      const typical = [...neighbours].sort((a, b) => a - b)[Math.floor(neighbours.length / 2)]!;
      const value = series[event.startWeek]!;
      if (event.kind === 'spike') expect(value).toBeGreaterThan(1.3 * typical);
      else expect(value).toBeLessThan(0.75 * typical);
    }
  });

  it('simulate({ seed }) forecasts: three steps, lags 1-3, actuals only for complete months, biased consensus where planted', () => {
    expect(new Set(data.forecasts.map((f) => f.step))).toEqual(new Set(['naive', 'statistical', 'consensus']));
    expect(new Set(data.forecasts.map((f) => f.lag))).toEqual(new Set([1, 2, 3]));
    expect(data.forecasts.some((f) => f.actual === undefined)).toBe(true);
    const last = data.forecasts.filter((f) => f.period >= '2026-01-01');
    expect(last.every((f) => f.actual === undefined)).toBe(true);
    // Monthly actuals add up the weekly units of weeks starting in the month (January 2025: 6, 13, 20, 27).
    const january = data.forecasts.find((f) => f.group === 'Aurora/North' && f.period === '2025-01-01' && f.actual !== undefined)!;
    const expected = data.sales
      .filter((s) => s.product === 'Aurora' && s.region === 'North' && s.date >= '2025-01-01' && s.date < '2025-02-01')
      .reduce((sum, s) => sum + s.units!, 0);
    expect(january.actual).toBe(expected);
    for (const { group, bias } of data.truth.forecastBias) {
      if (Math.abs(bias) < 0.1) continue;
      const rows = data.forecasts.filter((f) => f.group === group && f.step === 'consensus' && f.actual !== undefined);
      const meanError = rows.reduce((sum, f) => sum + f.forecast / f.actual! - 1, 0) / rows.length;
      expect(Math.sign(meanError)).toBe(Math.sign(bias));
    }
  });

  it('simulate({ seed, weeks, products, regions, channels }) honours names and sizes (property)', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 8, max: 30 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        (seed, weeks, products, regions, channels) => {
          const sim = simulate({ seed, weeks, products, regions, channels, feedbackPerWeek: 5 });
          const again = simulate({ seed, weeks, products, regions, channels, feedbackPerWeek: 5 });
          if (JSON.stringify(again) !== JSON.stringify(sim)) return false;
          const inside = sim.truth.events.every((e) => e.startWeek >= 0 && e.endWeek < weeks && e.startWeek <= e.endWeek);
          const finite = sim.forecasts.every((f) => Number.isFinite(f.forecast) && (f.actual === undefined || Number.isFinite(f.actual)));
          return (
            sim.sales.length === weeks * products * regions * channels &&
            inside &&
            finite &&
            sim.feedback.every((f) => f.text.length > 0)
          );
        },
      ),
      { seed: 42, numRuns: 12 },
    );
    const named = simulate({ seed: 1, weeks: 10, products: ['Kettle'], regions: ['Oslo', 'Bergen'], channels: ['web'] });
    expect(new Set(named.sales.map((s) => `${s.product}/${s.region}/${s.channel}`))).toEqual(
      new Set(['Kettle/Oslo/web', 'Kettle/Bergen/web']),
    );
    expect(simulate({ seed: 1, weeks: 8, feedbackPerWeek: 0 }).feedback.length).toBeLessThan(60);
  });

  it("simulate({ seed, frequency: 'day' }) makes daily sales with a day-of-week pattern and one-day spikes and dips", () => {
    const sim = simulate({ seed: 3, weeks: 60, frequency: 'day' });
    expect(sim.sales).toHaveLength(60 * 7 * 24);
    expect(sim.sales[0]!.date).toBe('2024-01-01');
    expect(sim.sales[24]!.date).toBe('2024-01-02');
    const meanOn = (channel: string, dayOfWeek: number): number => {
      const rows = sim.sales.filter((s) => s.channel === channel && (weekIndexOf(sim, s.date) * 7 + dayOfWeek) === (time(s.date) - time('2024-01-01')) / 86_400_000);
      return rows.reduce((sum, s) => sum + s.units!, 0) / rows.length;
    };
    // 2024-01-01 is a Monday: day 5 of each week is a Saturday.
    expect(meanOn('retail', 5)).toBeGreaterThan(1.3 * meanOn('retail', 0));
    expect(meanOn('online', 0)).toBeGreaterThan(1.1 * meanOn('online', 5));
    const points = sim.truth.events.filter((e) => e.kind === 'spike' || e.kind === 'dip');
    expect(points.length).toBeGreaterThan(0);
    for (const event of points) {
      expect(event.day).toBeDefined();
      const segment = event.segments[0]!;
      const series = sim.sales.filter((s) => s.product === segment.product && s.region === segment.region && s.channel === segment.channel);
      const at = series.findIndex((s) => s.date === event.day);
      // Against the same weekday one and two weeks either side.
      const neighbours = [-14, -7, 7, 14].map((k) => series[at + k]?.units).filter((v): v is number => v !== undefined);
      const typical = neighbours.reduce((a, b) => a + b, 0) / neighbours.length;
      if (event.kind === 'spike') expect(series[at]!.units!).toBeGreaterThan(1.2 * typical);
      else expect(series[at]!.units!).toBeLessThan(0.8 * typical);
    }
    expect(errorOf(() => simulate({ seed: 1, frequency: 'month' as never })).message).toBe(
      'simulate: expected options.frequency to be "week" or "day", found "month"',
    );
  });

  it('simulate({ seed, start, weeks }) forecasts three months past the end with finite values, whatever the day the data ends', () => {
    // Each start shifts where the last week falls in its month; forecasts reach up to 18 weeks past it.
    for (const start of ['2024-01-01', '2024-01-08', '2024-01-15', '2024-01-22', '2024-01-29']) {
      const sim = simulate({ seed: 1, start, weeks: 48, feedbackPerWeek: 1 });
      expect(sim.forecasts.filter((f) => !Number.isFinite(f.forecast))).toEqual([]);
    }
  });

  it('simulate({ seed, start }) starts the weeks on the given day', () => {
    const sim = simulate({ seed: 2, start: '2025-12-29', weeks: 9 });
    expect(sim.truth.weeks.slice(0, 2)).toEqual(['2025-12-29', '2026-01-05']);
    expect(sim.truth.holidays.map((h) => [h.name, h.week])).toContainEqual(['New Year', '2025-12-29']);
  });

  it('simulate(bad options) throws FeedbackMinerError with the option named', () => {
    expect(errorOf(() => simulate(undefined as never)).message).toBe('simulate: expected options.seed to be an integer, found undefined');
    expect(errorOf(() => simulate({} as never)).code).toBe('INVALID_OPTION');
    expect(errorOf(() => simulate({ seed: 0.5 })).message).toBe(
      'simulate: expected options.seed to be an integer from -9007199254740991 to 9007199254740991, found 0.5',
    );
    expect(errorOf(() => simulate({ seed: 1, start: '2026-02-30' })).message).toBe(
      'simulate: expected options.start to be a date YYYY-MM-DD, found "2026-02-30"',
    );
    expect(errorOf(() => simulate({ seed: 1, start: '2026-01-01T00:00Z' })).code).toBe('INVALID_OPTION');
    expect(errorOf(() => simulate({ seed: 1, weeks: 4 })).message).toBe('simulate: expected options.weeks to be an integer from 8 to 1040, found 4');
    expect(errorOf(() => simulate({ seed: 1, products: 0 })).message).toBe(
      'simulate: expected options.products to be an integer from 1 to 100, found 0',
    );
    expect(errorOf(() => simulate({ seed: 1, regions: ['A', 'A'] })).message).toBe(
      'simulate: expected options.regions to be an integer from 1 to 100 or 1 to 100 distinct non-empty names, found an array of 2',
    );
    expect(errorOf(() => simulate({ seed: 1, feedbackPerWeek: -1 })).message).toBe(
      'simulate: expected options.feedbackPerWeek to be a finite number from 0 to 10000, found -1',
    );
    expect(errorOf(() => simulate('x' as never)).code).toBe('INVALID_ARGUMENT');
    expect(errorOf(() => simulate({ seed: 1, weeks: 1040, products: 100, regions: 100 })).message).toBe(
      'simulate: expected options to be a request for at most 5000000 sales records (weeks × days × products × regions × channels), found 20800000',
    );
  });
});
