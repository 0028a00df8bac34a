import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { FeedbackMinerError } from '../src/errors';
import {
  daysFromCivil,
  parseIsoDate,
  parseStrictNumber,
  validateActions,
  validateFeedback,
  validateForecasts,
  validateSales,
} from '../src/records';

function thrown(run: () => unknown): FeedbackMinerError {
  try {
    run();
  } catch (error) {
    if (error instanceof FeedbackMinerError) return error;
    throw error;
  }
  throw new Error('expected a FeedbackMinerError');
}

describe('parseIsoDate(text)', () => {
  it('parseIsoDate(date) gives the UTC epoch of the day (values from GNU `date -u -d ... +%s`)', () => {
    // date -u -d 2026-03-04 +%s => 1772582400 ; date -u -d 1970-01-01 +%s => 0 ; date -u -d 2000-02-29 +%s => 951782400
    expect(parseIsoDate('2026-03-04')).toEqual({ ok: true, value: '2026-03-04', time: 1772582400000 });
    expect(parseIsoDate('1970-01-01')).toEqual({ ok: true, value: '1970-01-01', time: 0 });
    expect(parseIsoDate('2000-02-29')).toEqual({ ok: true, value: '2000-02-29', time: 951782400000 });
    // date -u -d 1969-12-31 +%s => -86400
    expect(parseIsoDate('1969-12-31')).toEqual({ ok: true, value: '1969-12-31', time: -86400000 });
  });

  it('parseIsoDate(date-time with offset) applies the offset (GNU date: 2026-03-04T10:00:00+05:30 => 1772598600)', () => {
    expect(parseIsoDate('2026-03-04T10:00:00+05:30')).toEqual({
      ok: true,
      value: '2026-03-04T10:00:00+05:30',
      time: 1772598600000,
    });
    expect(parseIsoDate('2026-03-04T10:00Z')).toEqual({ ok: true, value: '2026-03-04T10:00Z', time: 1772618400000 });
    expect(parseIsoDate('2026-03-04t10:00:00.250z')).toEqual({
      ok: true,
      value: '2026-03-04T10:00:00.250Z',
      time: 1772618400250,
    });
    expect(parseIsoDate(' 2026-03-04 10:00:00-0800 ')).toEqual({
      ok: true,
      value: '2026-03-04T10:00:00-0800',
      time: 1772647200000,
    });
    expect(parseIsoDate('2026-03-04T10:00:00+05')).toMatchObject({ ok: true, time: 1772600400000 });
  });

  it('parseIsoDate(bad) rejects impossible calendar dates and other formats with a reason', () => {
    expect(parseIsoDate('2026-02-30')).toEqual({ ok: false, reason: 'day 30 does not exist in 2026-02' });
    expect(parseIsoDate('2026-13-01')).toEqual({ ok: false, reason: 'month 13 is out of range 1-12' });
    expect(parseIsoDate('2026-00-10')).toEqual({ ok: false, reason: 'month 0 is out of range 1-12' });
    expect(parseIsoDate('2026-04-31')).toEqual({ ok: false, reason: 'day 31 does not exist in 2026-04' });
    expect(parseIsoDate('2100-02-29')).toEqual({ ok: false, reason: 'day 29 does not exist in 2100-02' });
    expect(parseIsoDate('2026-01-00')).toEqual({ ok: false, reason: 'day 0 does not exist in 2026-01' });
    expect(parseIsoDate('2026-03-04T24:00')).toEqual({ ok: false, reason: 'hour 24 is out of range 0-23' });
    expect(parseIsoDate('2026-03-04T10:60')).toEqual({ ok: false, reason: 'minute 60 is out of range 0-59' });
    expect(parseIsoDate('2026-03-04T10:00:60')).toEqual({ ok: false, reason: 'second 60 is out of range 0-59' });
    expect(parseIsoDate('2026-03-04T10:00+19:00')).toEqual({ ok: false, reason: 'offset +19:00 is out of range ±18:00' });
    for (const bad of ['03/04/2026', '2026-3-4', '20260304', '2026-03-04T', '2026-03-04T10', 'NaN', '', 'yesterday',
      '2026-03-04T10:00:00 +01:00', '\u00002026-03-04', '２０２６-03-04']) {
      const parsed = parseIsoDate(bad);
      expect(parsed.ok, bad).toBe(false);
    }
    expect(parseIsoDate('03/04/2026')).toEqual({
      ok: false,
      reason:
        'expected an ISO 8601 date YYYY-MM-DD or date-time YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM], found "03/04/2026"',
    });
  });

  it('parseIsoDate(month or ISO week, { periods: true }) reads the period as its first day (weeks: GNU date +%G-W%V)', () => {
    // GNU date: `date -d 2026-03-02 +%G-W%V` => 2026-W10; `date -d 2025-12-29 +%G-W%V` => 2026-W01; `date -d 2020-12-28 +%G-W%V` => 2020-W53;
    // `date -d 2024-12-30 +%G-W%V` => 2025-W01; `date -d 2010-01-04 +%G-W%V` => 2010-W01.
    const periods = { periods: true };
    expect(parseIsoDate('2026-W10', periods)).toEqual({ ok: true, value: '2026-03-02', time: 1772409600000 });
    expect(parseIsoDate('2020W53', periods)).toMatchObject({ ok: true, value: '2020-12-28' });
    expect(parseIsoDate('2025-W01', periods)).toMatchObject({ ok: true, value: '2024-12-30' });
    expect(parseIsoDate('2010-W01', periods)).toMatchObject({ ok: true, value: '2010-01-04' });
    expect(parseIsoDate('2026-03', periods)).toEqual({ ok: true, value: '2026-03-01', time: 1772323200000 });
    expect(parseIsoDate('2025-W53', periods)).toEqual({ ok: false, reason: 'week 53 does not exist in 2025 (it has 52 ISO weeks)' });
    expect(parseIsoDate('2026-W53', periods)).toMatchObject({ ok: true, value: '2026-12-28' }); // date -d 2026-12-28 +%G-W%V => 2026-W53
    expect(parseIsoDate('2026-W00', periods)).toEqual({ ok: false, reason: 'week 0 does not exist in 2026 (it has 53 ISO weeks)' });
    expect(parseIsoDate('2026-13', periods)).toEqual({ ok: false, reason: 'month 13 is out of range 1-12' });
    // Without the option, periods are not dates.
    expect(parseIsoDate('2026-03').ok).toBe(false);
    expect(parseIsoDate('2026-W10').ok).toBe(false);
  });

  it('parseIsoDate(non-string) throws INVALID_ARGUMENT', () => {
    const error = thrown(() => parseIsoDate(20260304 as unknown as string));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toBe('parseIsoDate: expected text to be a string, found 20260304');
  });

  it('parseIsoDate(any valid date) agrees with Date.UTC (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(Date.UTC(1000, 0, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true }),
        (date) => {
          const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ for years 1000-9999
          const parsed = parseIsoDate(iso);
          const day = parseIsoDate(iso.slice(0, 10));
          return (
            parsed.ok &&
            parsed.time === date.getTime() &&
            day.ok &&
            day.time === Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate())
          );
        },
      ),
      { seed: 42, numRuns: 500 },
    );
  });

  it('daysFromCivil(y, m, d) counts days from 1970-01-01 (Hinnant 2013 test values)', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2000, 3, 1)).toBe(11017);
    expect(daysFromCivil(1, 1, 1)).toBe(-719162);
  });
});

describe('parseStrictNumber(value, options?)', () => {
  it('parseStrictNumber(decimal strings and finite numbers) reads them', () => {
    expect(parseStrictNumber('12')).toEqual({ ok: true, value: 12 });
    expect(parseStrictNumber(' -3.5 ')).toEqual({ ok: true, value: -3.5 });
    expect(parseStrictNumber('+.5')).toEqual({ ok: true, value: 0.5 });
    expect(parseStrictNumber('1e3')).toEqual({ ok: true, value: 1000 });
    expect(parseStrictNumber('7.')).toEqual({ ok: true, value: 7 });
    expect(parseStrictNumber(5e-324)).toEqual({ ok: true, value: 5e-324 });
    expect(parseStrictNumber(Number.MAX_SAFE_INTEGER)).toEqual({ ok: true, value: 9007199254740991 });
  });

  it('parseStrictNumber(-0) gives 0, not -0', () => {
    const fromNumber = parseStrictNumber(-0);
    const fromString = parseStrictNumber('-0');
    expect(fromNumber.ok && Object.is(fromNumber.value, 0)).toBe(true);
    expect(fromString.ok && Object.is(fromString.value, 0)).toBe(true);
  });

  it('parseStrictNumber(garbage) never turns it into a number', () => {
    for (const bad of ['12abc', '', '   ', 'NaN', 'Infinity', '-Infinity', '0x10', '1_000', '1,234.5', '1.2.3', '--1',
      '1e', 'e3', '12 34', '١٢', '\u000012']) {
      expect(parseStrictNumber(bad).ok, JSON.stringify(bad)).toBe(false);
    }
    expect(parseStrictNumber('12abc')).toEqual({ ok: false, reason: 'expected a number, found "12abc"' });
    expect(parseStrictNumber(NaN)).toEqual({ ok: false, reason: 'expected a number, found NaN' });
    expect(parseStrictNumber(Infinity)).toEqual({
      ok: false,
      reason: 'expected a finite number of magnitude <= 9007199254740991, found Infinity',
    });
    expect(parseStrictNumber('1e400')).toEqual({
      ok: false,
      reason: 'expected a finite number of magnitude <= 9007199254740991, found Infinity',
    });
    expect(parseStrictNumber(1e300)).toEqual({
      ok: false,
      reason: 'expected a finite number of magnitude <= 9007199254740991, found 1e+300',
    });
    expect(parseStrictNumber(true)).toEqual({ ok: false, reason: 'expected a number, found true' });
    expect(parseStrictNumber(null)).toEqual({ ok: false, reason: 'expected a number, found null' });
    expect(parseStrictNumber([1])).toEqual({ ok: false, reason: 'expected a number, found an array' });
    expect(parseStrictNumber({})).toEqual({ ok: false, reason: 'expected a number, found an object' });
    expect(parseStrictNumber(10n)).toEqual({ ok: false, reason: 'expected a number, found 10n' });
  });

  it('parseStrictNumber(adversarial long strings) fails or succeeds without backtracking blow-up', () => {
    // A quadratic pattern would take ~1e10 steps on these and time the test out.
    const digits = '1'.repeat(100_000);
    expect(parseStrictNumber(`${digits}x`).ok).toBe(false);
    expect(parseStrictNumber(`${digits}.${digits}e`).ok).toBe(false);
    expect(parseStrictNumber(`${'1,234'.repeat(20_000)}x`, { allowThousandsSeparators: true }).ok).toBe(false);
    expect(parseIsoDate(`2026-01-01T${'1'.repeat(100_000)}`).ok).toBe(false);
    expect(parseStrictNumber(digits)).toEqual({
      ok: false,
      reason: 'expected a finite number of magnitude <= 9007199254740991, found Infinity',
    });
  });

  it('parseStrictNumber("1,234.5", { allowThousandsSeparators: true }) reads grouped digits, and only well-grouped ones', () => {
    const options = { allowThousandsSeparators: true };
    expect(parseStrictNumber('1,234.5', options)).toEqual({ ok: true, value: 1234.5 });
    expect(parseStrictNumber('-12,345,678', options)).toEqual({ ok: true, value: -12345678 });
    expect(parseStrictNumber('1234', options)).toEqual({ ok: true, value: 1234 });
    expect(parseStrictNumber('1,23', options).ok).toBe(false);
    expect(parseStrictNumber('12,34,567', options).ok).toBe(false);
    expect(parseStrictNumber(',123', options).ok).toBe(false);
  });

  it('parseStrictNumber(String(x)) round-trips every finite safe double (property)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -9e15, max: 9e15 }), (x) => {
        const parsed = parseStrictNumber(String(x));
        return parsed.ok && parsed.value === (x === 0 ? 0 : x);
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});

describe('validateFeedback(rows, options?)', () => {
  it('validateFeedback(rows) keeps good rows with all fields, trimmed', () => {
    const result = validateFeedback([
      {
        id: 7,
        text: '  Delivery was late  ',
        date: '2026-03-04',
        source: 'survey',
        rating: '3',
        authorRole: 'customer',
        product: 'Alpha',
        region: ' North ',
        segment: 'SMB',
        channel: 'online',
        dimensions: { store: 'S1', tier: 2 },
      },
    ]);
    expect(result).toEqual({
      records: [
        {
          id: '7',
          text: 'Delivery was late',
          date: '2026-03-04',
          source: 'survey',
          rating: 3,
          authorRole: 'customer',
          product: 'Alpha',
          region: 'North',
          segment: 'SMB',
          channel: 'online',
          dimensions: { store: 'S1', tier: '2' },
        },
      ],
      rejected: [],
    });
  });

  it('validateFeedback(rows, { fields }) maps other column names', () => {
    const result = validateFeedback([{ comment: 'Great', created_at: '2026-01-02', ticket: 'T-1', nps: '9' }], {
      fields: { text: 'comment', date: 'created_at', id: 'ticket', rating: 'nps' },
    });
    expect(result.records).toEqual([{ id: 'T-1', text: 'Great', date: '2026-01-02', rating: 9 }]);
    expect(result.rejected).toEqual([]);
  });

  it('validateFeedback(rows) finds a header with a BOM, other case, spaces or underscores', () => {
    const result = validateFeedback([{ '\uFEFFText': 'ok', ' DATE ': '2026-01-02', author_role: 'sales', 'Rating ': 4 }]);
    expect(result.records).toEqual([{ id: 'row-0', text: 'ok', date: '2026-01-02', authorRole: 'sales', rating: 4 }]);
    const mapped = validateFeedback([{ '\uFEFFcreated_at': '2026-01-02', Comment: 'fine' }], {
      fields: { text: 'comment', date: 'createdAt' },
    });
    expect(mapped.records).toEqual([{ id: 'row-0', text: 'fine', date: '2026-01-02' }]);
  });

  it('validateFeedback(rows) rejects a missing, null, undefined, empty or whitespace text with its reason', () => {
    const result = validateFeedback([
      { date: '2026-01-02' },
      { text: null, date: '2026-01-02' },
      { text: undefined, date: '2026-01-02' },
      { text: '', date: '2026-01-02' },
      { text: ' \t\n ', date: '2026-01-02' },
      { text: '\u0000\u0000', date: '2026-01-02' },
      { text: 42, date: '2026-01-02' },
    ]);
    expect(result.records).toEqual([]);
    expect(result.rejected).toEqual([
      { row: 0, field: 'text', reason: 'missing required field text' },
      { row: 1, field: 'text', reason: 'missing required field text' },
      { row: 2, field: 'text', reason: 'missing required field text' },
      { row: 3, field: 'text', reason: 'empty text' },
      { row: 4, field: 'text', reason: 'empty text' },
      { row: 5, field: 'text', reason: 'empty text' },
      { row: 6, field: 'text', reason: 'expected a string for text, found 42' },
    ]);
  });

  it('validateFeedback(rows) rejects bad dates: impossible, non-ISO, missing, wrong type', () => {
    const result = validateFeedback([
      { text: 'a', date: '2026-02-30' },
      { text: 'b', date: '2026-13-01' },
      { text: 'c', date: '03/04/2026' },
      { text: 'd' },
      { text: 'e', date: 1772582400000 },
      { text: 'f', date: new Date(NaN) },
      { text: 'g', date: new Date(Date.UTC(2026, 2, 4)) },
      { text: 'h', date: new Date(Date.UTC(10000, 0, 1)) }, // found by the property test below
    ]);
    expect(result.rejected).toEqual([
      { row: 0, field: 'date', reason: 'date: day 30 does not exist in 2026-02' },
      { row: 1, field: 'date', reason: 'date: month 13 is out of range 1-12' },
      {
        row: 2,
        field: 'date',
        reason:
          'date: expected an ISO 8601 date YYYY-MM-DD or date-time YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM], found "03/04/2026"',
      },
      { row: 3, field: 'date', reason: 'missing required field date' },
      {
        row: 4,
        field: 'date',
        reason:
          'date: expected an ISO 8601 date YYYY-MM-DD or date-time YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM], found 1772582400000',
      },
      { row: 5, field: 'date', reason: 'date: an invalid Date' },
      { row: 7, field: 'date', reason: 'date: year 10000 is outside 0000-9999' },
    ]);
    expect(result.records).toEqual([{ id: 'row-6', text: 'g', date: '2026-03-04T00:00:00.000Z' }]);
  });

  it('validateFeedback(rows) treats blank optional fields as absent and rejects invalid ones', () => {
    const result = validateFeedback([
      { text: 'a', date: '2026-01-01', rating: '', source: null, product: undefined, region: '  ' },
      { text: 'b', date: '2026-01-01', rating: 'NaN' },
      { text: 'c', date: '2026-01-01', rating: NaN },
      { text: 'd', date: '2026-01-01', rating: 11 },
      { text: 'e', date: '2026-01-01', rating: Infinity },
      { text: 'f', date: '2026-01-01', rating: -0 },
      { text: 'g', date: '2026-01-01', region: { name: 'North' } },
      { text: 'h', date: '2026-01-01', rating: true },
    ]);
    expect(result.records).toEqual([
      { id: 'row-0', text: 'a', date: '2026-01-01' },
      { id: 'row-5', text: 'f', date: '2026-01-01', rating: 0 },
    ]);
    expect(Object.is(result.records[1]?.rating, 0)).toBe(true);
    expect(result.rejected).toEqual([
      { row: 1, field: 'rating', reason: 'rating: expected a number, found "NaN"' },
      { row: 2, field: 'rating', reason: 'rating: expected a number, found NaN' },
      { row: 3, field: 'rating', reason: 'rating: expected a number from 0 to 10, found 11' },
      {
        row: 4,
        field: 'rating',
        reason: 'rating: expected a finite number of magnitude <= 9007199254740991, found Infinity',
      },
      { row: 6, field: 'region', reason: 'expected a string for region, found an object' },
      { row: 7, field: 'rating', reason: 'rating: expected a number, found true' },
    ]);
  });

  it('validateFeedback(rows) removes NUL bytes and control characters but keeps tabs, newlines and emoji', () => {
    const result = validateFeedback([{ text: 'late\u0000 again\u0007\n😡\tok', date: '2026-01-01', region: 'No\u0000rth' }]);
    expect(result.records).toEqual([{ id: 'row-0', text: 'late again\n😡\tok', date: '2026-01-01', region: 'North' }]);
  });

  it('validateFeedback(rows) keeps lone surrogates and very long texts as they are', () => {
    const long = 'slow '.repeat(200_000);
    const result = validateFeedback([
      { text: 'bad \uD800 byte', date: '2026-01-01' },
      { text: long, date: '2026-01-01' },
    ]);
    expect(result.records[0]?.text).toBe('bad \uD800 byte');
    expect(result.records[1]?.text).toBe(long.trim());
  });

  it('validateFeedback(rows) rejects a repeated id, keeping the first', () => {
    const result = validateFeedback([
      { id: 'a', text: 'x', date: '2026-01-01' },
      { id: 'a', text: 'y', date: '2026-01-01' },
      { id: 'b', text: '', date: '2026-01-01' },
      { id: 'b', text: 'z', date: '2026-01-01' },
    ]);
    expect(result.records.map((r) => r.text)).toEqual(['x', 'z']);
    expect(result.rejected).toEqual([
      { row: 1, field: 'id', reason: 'duplicate id "a" (first at row 0)' },
      { row: 2, field: 'text', reason: 'empty text' },
    ]);
  });

  it('validateFeedback(rows) rejects rows that are not objects, and reports every problem of a row', () => {
    const result = validateFeedback([null, undefined, 'text', 3, ['a', '2026-01-01'], { text: '', date: 'x' }]);
    expect(result.records).toEqual([]);
    expect(result.rejected).toEqual([
      { row: 0, field: '', reason: 'expected a row object, found null' },
      { row: 1, field: '', reason: 'expected a row object, found undefined' },
      { row: 2, field: '', reason: 'expected a row object, found "text"' },
      { row: 3, field: '', reason: 'expected a row object, found 3' },
      { row: 4, field: '', reason: 'expected a row object, found an array' },
      { row: 5, field: 'text', reason: 'empty text' },
      {
        row: 5,
        field: 'date',
        reason:
          'date: expected an ISO 8601 date YYYY-MM-DD or date-time YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM], found "x"',
      },
    ]);
  });

  it('validateFeedback(rows, { rowOffset, dimensions }) offsets rows and generated ids and keeps extra columns', () => {
    const result = validateFeedback(
      [
        { text: 'a', date: '2026-01-01', store: 'S9', tier: 1, note: '' },
        { text: '', date: '2026-01-01' },
      ],
      { rowOffset: 100, dimensions: ['store', 'tier', 'note', 'absent'] },
    );
    expect(result.records).toEqual([{ id: 'row-100', text: 'a', date: '2026-01-01', dimensions: { store: 'S9', tier: '1' } }]);
    expect(result.rejected).toEqual([{ row: 101, field: 'text', reason: 'empty text' }]);
  });

  it('validateFeedback(rows) parses "k=v; k=v" dimensions text and rejects malformed pairs', () => {
    const result = validateFeedback([
      { text: 'a', date: '2026-01-01', dimensions: 'store=S1; tier=gold' },
      { text: 'b', date: '2026-01-01', dimensions: 'store' },
      { text: 'c', date: '2026-01-01', dimensions: [1] },
    ]);
    expect(result.records).toEqual([{ id: 'row-0', text: 'a', date: '2026-01-01', dimensions: { store: 'S1', tier: 'gold' } }]);
    expect(result.rejected).toEqual([
      { row: 1, field: 'dimensions', reason: 'dimensions: expected "key=value; key=value", found "store"' },
      { row: 2, field: 'dimensions', reason: 'dimensions: expected an object of strings, found an array' },
    ]);
  });

  it('validateFeedback(non-array) throws INVALID_ARGUMENT', () => {
    const error = thrown(() => validateFeedback('rows' as unknown as unknown[]));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toBe('validateFeedback: expected rows to be an array, found "rows"');
    expect(thrown(() => validateFeedback(null as unknown as unknown[])).message).toBe(
      'validateFeedback: expected rows to be an array, found null',
    );
  });

  it('validateFeedback(rows, bad options) throws with the option named', () => {
    expect(thrown(() => validateFeedback([], 5 as never)).message).toBe(
      'validateFeedback: expected options to be an object or undefined, found 5',
    );
    const unknownField = thrown(() => validateFeedback([], { fields: { txt: 'comment' } as never }));
    expect(unknownField.code).toBe('INVALID_OPTION');
    expect(unknownField.message).toBe(
      'validateFeedback: expected options.fields key to be one of id, text, date, source, rating, authorRole, product, region, segment, channel, dimensions, found "txt"',
    );
    expect(thrown(() => validateFeedback([], { fields: { text: '' } })).message).toBe(
      'validateFeedback: expected options.fields.text to be a non-empty string, found ""',
    );
    expect(thrown(() => validateFeedback([], { fields: [] as never })).message).toBe(
      'validateFeedback: expected options.fields to be an object of column names, found an array of 0',
    );
    expect(thrown(() => validateFeedback([], { rowOffset: -1 })).message).toBe(
      'validateFeedback: expected options.rowOffset to be an integer >= 0, found -1',
    );
    expect(thrown(() => validateFeedback([], { allowThousandsSeparators: 'yes' as never })).message).toBe(
      'validateFeedback: expected options.allowThousandsSeparators to be a boolean, found "yes"',
    );
    expect(thrown(() => validateFeedback([], { dimensions: ['ok', 3 as never] })).message).toBe(
      'validateFeedback: expected options.dimensions[] to be a non-empty string, found 3',
    );
  });

  it('validateFeedback(frozen rows) does not mutate its input', () => {
    const row = Object.freeze({ text: ' a ', date: '2026-01-01', dimensions: Object.freeze({ s: ' x ' }) });
    const rows = Object.freeze([row, Object.freeze({ text: '' })]);
    const copy = JSON.stringify(rows);
    const result = validateFeedback(rows);
    expect(JSON.stringify(rows)).toBe(copy);
    expect(result.records[0]?.dimensions).not.toBe(row.dimensions);
  });

  it('validateFeedback(any rows) never throws and accounts for every row (property)', () => {
    const value = fc.oneof(
      fc.string(),
      fc.double(),
      fc.constantFrom(null, undefined, '', '2026-01-01', '2026-02-30', 'NaN', '5', true),
      fc.date({ noInvalidDate: false }),
    );
    const row = fc.oneof(
      fc.record({ id: value, text: value, date: value, rating: value, region: value }, { requiredKeys: [] }),
      value,
    );
    fc.assert(
      fc.property(fc.array(row, { maxLength: 20 }), (rows) => {
        const result = validateFeedback(rows);
        const rejectedRows = new Set(result.rejected.map((r) => r.row));
        const kept = result.records.length;
        return (
          kept + rejectedRows.size === rows.length &&
          result.records.every((r) => r.text.length > 0 && r.text === r.text.trim() && parseIsoDate(r.date).ok)
        );
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('validateSales(rows, options?)', () => {
  it('validateSales(rows) reads measures strictly; negatives (returns) are kept', () => {
    const result = validateSales([
      { date: '2026-03-02', product: 'A', region: 'N', channel: 'web', revenue: '1200.50', units: 10, orders: '8',
        visits: '300', newCustomers: '2' },
      { date: '2026-03-09', units: -3 },
      { date: '2026-03-16', units: '12abc' },
      { date: '2026-03-23', units: '' },
      { date: '2026-03-30', units: 'NaN', revenue: Infinity },
      { date: '2026-04-06', revenue: '1,234.5' },
      { date: '2026-04-13', units: 1e300 },
      { date: '2026-04-20', units: -0 },
      { units: 5 },
    ]);
    expect(result.records).toEqual([
      { date: '2026-03-02', product: 'A', region: 'N', channel: 'web', revenue: 1200.5, units: 10, newCustomers: 2,
        visits: 300, orders: 8 },
      { date: '2026-03-09', units: -3 },
      { date: '2026-04-20', units: 0 },
    ]);
    expect(result.rejected).toEqual([
      { row: 2, field: 'units', reason: 'units: expected a number, found "12abc"' },
      {
        row: 3,
        field: 'revenue|units|newCustomers|visits|orders',
        reason: 'no sales measure: expected at least one of revenue, units, newCustomers, visits, orders',
      },
      {
        row: 4,
        field: 'revenue',
        reason: 'revenue: expected a finite number of magnitude <= 9007199254740991, found Infinity',
      },
      { row: 4, field: 'units', reason: 'units: expected a number, found "NaN"' },
      { row: 5, field: 'revenue', reason: 'revenue: expected a number, found "1,234.5"' },
      {
        row: 6,
        field: 'units',
        reason: 'units: expected a finite number of magnitude <= 9007199254740991, found 1e+300',
      },
      { row: 8, field: 'date', reason: 'missing required field date' },
    ]);
  });

  it('validateSales(rows, { allowThousandsSeparators: true, fields }) reads "1,234.5" from mapped columns', () => {
    const result = validateSales([{ Week: '2026-03-02', Sales: '1,234.5', new_customers: '1,000' }], {
      fields: { date: 'week', revenue: 'sales' },
      allowThousandsSeparators: true,
    });
    expect(result).toEqual({ records: [{ date: '2026-03-02', revenue: 1234.5, newCustomers: 1000 }], rejected: [] });
  });

  it('validateSales(rows) reads ISO weeks and months as their first day; validateFeedback does not', () => {
    const sales = validateSales([{ date: '2026-W10', units: 1 }, { date: '2026-03', units: 2 }, { date: '2025-W53', units: 3 }]);
    expect(sales.records).toEqual([{ date: '2026-03-02', units: 1 }, { date: '2026-03-01', units: 2 }]);
    expect(sales.rejected).toEqual([{ row: 2, field: 'date', reason: 'date: week 53 does not exist in 2025 (it has 52 ISO weeks)' }]);
    const forecasts = validateForecasts([{ period: '2026-04', group: 'A', forecast: 1 }]);
    expect(forecasts.records).toEqual([{ period: '2026-04-01', group: 'A', forecast: 1 }]);
    expect(validateFeedback([{ text: 'x', date: '2026-03' }]).rejected).toHaveLength(1);
  });

  it('validateSales(rows, { dimensions }) keeps extra columns as dimensions', () => {
    const result = validateSales([{ date: '2026-03-02', units: '3', store: 'S1' }], { dimensions: ['store'] });
    expect(result.records).toEqual([{ date: '2026-03-02', units: 3, dimensions: { store: 'S1' } }]);
  });

  it('validateSales(non-array) throws INVALID_ARGUMENT', () => {
    const error = thrown(() => validateSales({} as unknown as unknown[]));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toBe('validateSales: expected rows to be an array, found an object');
  });
});

describe('validateForecasts(rows, options?)', () => {
  it('validateForecasts(rows) keeps required fields and optional actual, lag, step, cycle', () => {
    const result = validateForecasts([
      { period: '2026-04-01', group: 'A/N', forecast: '120', actual: '110', lag: '2', step: 'consensus', cycle: '2026-02' },
      { period: '2026-05-01', group: 7, forecast: 100, actual: null },
      { period: '2026-05-01', group: 'A', forecast: '' },
      { period: '2026-05-01', group: '', forecast: 3 },
      { period: '2026-05-01', group: 'A', forecast: 3, lag: 1.5 },
      { period: '2026-05-01', group: 'A', forecast: 3, lag: -1 },
      { period: 'May 2026', group: 'A', forecast: 3 },
    ]);
    expect(result.records).toEqual([
      { period: '2026-04-01', group: 'A/N', forecast: 120, actual: 110, lag: 2, step: 'consensus', cycle: '2026-02' },
      { period: '2026-05-01', group: '7', forecast: 100 },
    ]);
    expect(result.rejected.map((r) => [r.row, r.field, r.reason])).toEqual([
      [2, 'forecast', 'missing required field forecast'],
      [3, 'group', 'empty group'],
      [4, 'lag', 'lag: expected an integer >= 0, found 1.5'],
      [5, 'lag', 'lag: expected an integer >= 0, found -1'],
      [
        6,
        'period',
        'period: expected an ISO 8601 date YYYY-MM-DD or date-time YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM], found "May 2026"',
      ],
    ]);
  });

  it('validateForecasts(rows, { fields: { bad } }) throws INVALID_OPTION', () => {
    const error = thrown(() => validateForecasts([], { fields: { text: 'x' } as never }));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.message).toBe(
      'validateForecasts: expected options.fields key to be one of period, group, forecast, actual, lag, step, cycle, found "text"',
    );
  });
});

describe('validateActions(rows, options?)', () => {
  it('validateActions(rows) reads scope from an object, from "k=v" text or from dimension columns', () => {
    const result = validateActions([
      { id: 'a1', date: '2026-05-04', description: 'Carrier switch', scope: { region: 'South', channel: 'online' }, kind: 'logistics' },
      { date: '2026-05-04', description: 'Price +10%', scope: 'product=Alpha; region=North' },
      { date: '2026-05-04', description: 'Listing', product: 'Beta', region: 'West' },
      { date: '2026-05-04', description: 'Company-wide training' },
    ]);
    expect(result.records).toEqual([
      { id: 'a1', date: '2026-05-04', description: 'Carrier switch', scope: { region: 'South', channel: 'online' }, kind: 'logistics' },
      { date: '2026-05-04', description: 'Price +10%', scope: { product: 'Alpha', region: 'North' } },
      { date: '2026-05-04', description: 'Listing', scope: { product: 'Beta', region: 'West' } },
      { date: '2026-05-04', description: 'Company-wide training', scope: {} },
    ]);
    expect(result.rejected).toEqual([]);
  });

  it('validateActions(rows) rejects a missing description or date and a malformed scope', () => {
    const result = validateActions([
      { date: '2026-05-04' },
      { description: 'x', date: '2026-02-29' },
      { description: 'x', date: '2026-05-04', scope: 'region North' },
      { description: 'x', date: '2026-05-04', scope: { region: ['N'] } },
    ]);
    expect(result.records).toEqual([]);
    expect(result.rejected).toEqual([
      { row: 0, field: 'description', reason: 'missing required field description' },
      { row: 1, field: 'date', reason: 'date: day 29 does not exist in 2026-02' },
      { row: 2, field: 'scope', reason: 'scope: expected "key=value; key=value", found "region North"' },
      { row: 3, field: 'scope', reason: 'scope.region: expected a string, found an array' },
    ]);
  });
});

describe('validateFeedback / validateSales / validateForecasts / validateActions (any input)', () => {
  it('validateX(array of anything) never throws and keeps or rejects every row (property)', () => {
    const validators = [validateFeedback, validateSales, validateForecasts, validateActions] as const;
    fc.assert(
      fc.property(fc.array(fc.anything({ withBigInt: true, withDate: true, withNullPrototype: true, withSparseArray: true }), { maxLength: 15 }), (rows) =>
        validators.every((validate) => {
          const frozen = Object.freeze(rows.slice());
          const result = validate(frozen);
          return result.records.length + new Set(result.rejected.map((r) => r.row)).size === rows.length;
        }),
      ),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('bad-input catalogue (issues 2 and 9) for the validators', () => {
  it('validateX([]) (a header-only file) gives no records and no rejections', () => {
    for (const validate of [validateFeedback, validateSales, validateForecasts, validateActions]) {
      expect(validate([])).toEqual({ records: [], rejected: [] });
    }
  });

  it('validateFeedback(rows) keeps CRLF and CR-only line breaks, repeated punctuation and 10 MB texts unchanged', () => {
    const huge = 'a'.repeat(10 * 1024 * 1024);
    const texts = ['first line\r\nsecond line', 'old mac\rline', '!!!!!!!!!!!!!!!!!!!!????????', 'x'.repeat(100_000), huge];
    const result = validateFeedback(texts.map((text) => ({ text, date: '2026-01-01' })));
    expect(result.rejected).toEqual([]);
    expect(result.records.map((r) => r.text)).toEqual(texts);
  });

  it('validateFeedback(rows) keeps timestamps across a DST change as written, each with its own offset', () => {
    // Europe/Berlin, 2026-03-29: 01:30+01:00 and 03:30+02:00 are one hour apart (the clock jumps 02:00 -> 03:00).
    const result = validateFeedback([
      { text: 'a', date: '2026-03-29T01:30:00+01:00' },
      { text: 'b', date: '2026-03-29T03:30:00+02:00' },
      { text: 'c', date: '2026-03-29T00:30:00Z' },
    ]);
    expect(result.records.map((r) => r.date)).toEqual([
      '2026-03-29T01:30:00+01:00',
      '2026-03-29T03:30:00+02:00',
      '2026-03-29T00:30:00Z',
    ]);
    const [a, b, c] = result.records.map((r) => (parseIsoDate(r.date) as { time: number }).time);
    expect(b! - a!).toBe(3_600_000);
    expect(a).toBe(c);
  });

  it('validateSales(rows) keeps unsorted and duplicate dates in input order (ordering is the series stage\'s job)', () => {
    const result = validateSales([
      { date: '2026-03-09', units: 1 },
      { date: '2026-03-02', units: 2 },
      { date: '2026-03-09', units: 3 },
    ]);
    expect(result.records.map((r) => [r.date, r.units])).toEqual([
      ['2026-03-09', 1],
      ['2026-03-02', 2],
      ['2026-03-09', 3],
    ]);
  });

  it('validateSales(rows) reads tiny and large-but-safe numbers exactly and rejects huge ones', () => {
    const result = validateSales([
      { date: '2026-03-02', revenue: '1e-300' },
      { date: '2026-03-02', revenue: '9007199254740991' },
      { date: '2026-03-02', revenue: '9007199254740993' },
      { date: '2026-03-02', revenue: -1e20 },
    ]);
    expect(result.records).toEqual([
      { date: '2026-03-02', revenue: 1e-300 },
      { date: '2026-03-02', revenue: 9007199254740991 },
    ]);
    expect(result.rejected.map((r) => r.row)).toEqual([2, 3]);
  });

  it('validateFeedback(rows) matches a header with any number of BOMs, but not one with a NUL inside', () => {
    const result = validateFeedback([{ '\uFEFF\uFEFFtext': 'double BOM', date: '2026-01-01' }, { 'te\u0000xt': 'nul in header', date: '2026-01-01' }]);
    expect(result.records.map((r) => r.text)).toEqual(['double BOM']);
    expect(result.rejected.map((r) => [r.row, r.field, r.reason])).toEqual([[1, 'text', 'missing required field text']]);
  });
});
