import { describe, it, expect } from 'vitest';
import { FeedbackMinerError } from '../../src/errors';
import { validateActions, validateFeedback, validateForecasts, validateSales } from '../../src/records';
import { simulate, toRawRows } from '../../src/simulate';

const simulation = simulate({ seed: 7, weeks: 52 });
const raw = toRawRows(simulation, { seed: 1, errorRate: 0.05 });

function expectValidation<T>(
  table: 'feedback' | 'sales' | 'forecasts' | 'actions',
  result: { records: T[]; rejected: { row: number }[] },
  originals: readonly T[],
): void {
  const mustReject = new Set(raw.defects.filter((d) => d.table === table && d.rejected).map((d) => d.row));
  const rejectedRows = new Set(result.rejected.map((r) => r.row));
  expect([...rejectedRows].sort((a, b) => a - b)).toEqual([...mustReject].sort((a, b) => a - b));
  // Every other row comes back as the record it was made from: repaired defects (NUL bytes, padding) included.
  expect(result.records).toEqual(originals.filter((_, index) => !mustReject.has(index)));
}

describe('toRawRows(simulation, options)', () => {
  it('toRawRows(simulation, { seed }) plants defects of every kind in about errorRate of the rows', () => {
    const kinds = new Set(raw.defects.map((d) => d.kind));
    for (const kind of ['us-date', 'impossible-date', 'empty-text', 'not-a-number', 'nul-bytes', 'padded', 'missing-forecast']) {
      expect(kinds.has(kind as never), kind).toBe(true);
    }
    const share = raw.defects.filter((d) => d.table === 'sales').length / raw.sales.length;
    expect(share).toBeGreaterThan(0.03);
    expect(share).toBeLessThan(0.09);
    expect(Object.keys(raw.feedback[0]!)[0]).toBe('\uFEFFID');
    expect(raw.feedback.every((row) => Object.values(row).every((value) => typeof value === 'string'))).toBe(true);
  });

  it('validateFeedback(raw.feedback, { fields }) rejects exactly the rows planted to be rejected and restores the rest', () => {
    expectValidation('feedback', validateFeedback(raw.feedback, { fields: raw.fields.feedback }), simulation.feedback);
  });

  it('validateSales(raw.sales, { fields }) rejects exactly the planted rows and restores the rest', () => {
    expectValidation('sales', validateSales(raw.sales, { fields: raw.fields.sales }), simulation.sales);
  });

  it('validateForecasts(raw.forecasts, { fields }) rejects exactly the planted rows and restores the rest', () => {
    expectValidation('forecasts', validateForecasts(raw.forecasts, { fields: raw.fields.forecasts }), simulation.forecasts);
  });

  it('validateActions(raw.actions, { fields }) reads "k=v; k=v" scopes back', () => {
    expectValidation('actions', validateActions(raw.actions, { fields: raw.fields.actions }), simulation.actions);
  });

  it('toRawRows(simulation, { seed, errorRate: 0, bom: false }) is clean, and the same seed gives the same defects', () => {
    const before = JSON.stringify(simulation);
    const clean = toRawRows(simulation, { seed: 1, errorRate: 0, bom: false });
    toRawRows(simulation, { seed: 3, errorRate: 0.5 });
    expect(JSON.stringify(simulation)).toBe(before);
    expect(clean.defects).toEqual([]);
    expect(Object.keys(clean.sales[0]!)[0]).toBe('Week');
    expect(toRawRows(simulation, { seed: 1, errorRate: 0.05 }).defects).toEqual(raw.defects);
    expect(toRawRows(simulation, { seed: 2, errorRate: 0.05 }).defects).not.toEqual(raw.defects);
  });

  it('toRawRows(bad) throws FeedbackMinerError', () => {
    const messageOf = (run: () => unknown): string => {
      try {
        run();
      } catch (error) {
        if (error instanceof FeedbackMinerError) return `${error.code}: ${error.message}`;
        throw error;
      }
      return 'no error';
    };
    expect(messageOf(() => toRawRows({} as never, { seed: 1 }))).toBe(
      'INVALID_ARGUMENT: toRawRows: expected simulation to be the result of simulate(), found an object',
    );
    expect(messageOf(() => toRawRows(simulation, { seed: 1, errorRate: 0.9 }))).toBe(
      'INVALID_OPTION: toRawRows: expected options.errorRate to be a finite number from 0 to 0.5, found 0.9',
    );
    expect(messageOf(() => toRawRows(simulation, undefined as never))).toBe(
      'INVALID_OPTION: toRawRows: expected options.seed to be an integer, found undefined',
    );
  });
});
