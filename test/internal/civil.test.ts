import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { civilFromDays, daysFromCivil, isoDay, isoWeekStart, weekday } from '../../src/internal/civil';

describe('daysFromCivil(year, month, day) and civilFromDays(days)', () => {
  it('daysFromCivil gives the day numbers of known dates (Python: (date(y, m, d) - date(1970, 1, 1)).days)', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2000, 3, 1)).toBe(11017);
    expect(daysFromCivil(2000, 2, 29)).toBe(11016);
    expect(daysFromCivil(1969, 12, 31)).toBe(-1);
    expect(daysFromCivil(1900, 3, 1)).toBe(-25508);
    expect(daysFromCivil(2026, 3, 4)).toBe(20516); // 1772582400000 ms / 86400000
  });
  it('civilFromDays inverts daysFromCivil, also before 1970 and across 1900 (not a leap year)', () => {
    expect(civilFromDays(11017)).toEqual({ year: 2000, month: 3, day: 1 });
    expect(civilFromDays(-1)).toEqual({ year: 1969, month: 12, day: 31 });
    expect(civilFromDays(daysFromCivil(1900, 2, 28) + 1)).toEqual({ year: 1900, month: 3, day: 1 });
  });
  it('civilFromDays(days) round-trips through daysFromCivil and agrees with Date.UTC (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), (days) => {
        const { year, month, day } = civilFromDays(days);
        expect(daysFromCivil(year, month, day)).toBe(days);
        const date = new Date(days * 86_400_000);
        expect([year, month, day]).toEqual([date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()]);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('isoDay(days), weekday(days), isoWeekStart(days)', () => {
  it('isoDay pads the year to four digits', () => {
    expect(isoDay(0)).toBe('1970-01-01');
    expect(isoDay(daysFromCivil(987, 6, 5))).toBe('0987-06-05');
  });
  it('weekday: 1970-01-01 was a Thursday (3), 2026-01-05 a Monday (0), 1969-12-28 a Sunday (6)', () => {
    expect(weekday(0)).toBe(3);
    expect(weekday(daysFromCivil(2026, 1, 5))).toBe(0);
    expect(weekday(daysFromCivil(1969, 12, 28))).toBe(6);
  });
  it('isoWeekStart gives the Monday on or before, also before 1970', () => {
    expect(isoDay(isoWeekStart(daysFromCivil(2026, 1, 8)))).toBe('2026-01-05');
    expect(isoDay(isoWeekStart(daysFromCivil(2026, 1, 5)))).toBe('2026-01-05');
    expect(isoDay(isoWeekStart(daysFromCivil(1969, 12, 28)))).toBe('1969-12-22');
  });
  it('isoWeekStart(days) is a Monday at most 6 days before, agreeing with Date.getUTCDay (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), (days) => {
        const start = isoWeekStart(days);
        expect(days - start).toBeGreaterThanOrEqual(0);
        expect(days - start).toBeLessThan(7);
        expect(new Date(start * 86_400_000).getUTCDay()).toBe(1);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
