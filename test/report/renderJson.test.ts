import { describe, it, expect } from 'vitest';
import { renderJson } from '../../src/report/renderJson';
import { validateReportModel } from '../../src/report/validate';
import type { ReportModel } from '../../src/report/types';
import { sampleModel } from './fixtures/sampleModel';
import { clone, deepFreeze, thrown } from './helpers';

describe('renderJson(model)', () => {
  it('renderJson(model) round-trips a JSON-clean model, adding its warnings', () => {
    const model: ReportModel = {
      version: 1,
      title: 'Q1',
      themes: [{ id: 'a', label: 'Delivery', size: 3, quotes: [{ text: '<script>' }] }],
    };
    expect(JSON.parse(renderJson(model))).toEqual({ ...model, warnings: [] });
  });

  it('renderJson(model, { indent: 0 }) writes one line', () => {
    expect(renderJson({ version: 1, title: 'Q1' }, { indent: 0 })).toBe('{"version":1,"title":"Q1","warnings":[]}\n');
  });

  it('renderJson(model with NaN) writes null and names it in warnings', () => {
    const parsed = JSON.parse(renderJson(deepFreeze(clone(sampleModel)))) as { warnings: string[]; segments: Array<{ series: Array<{ value: unknown }> }> };
    expect(parsed.segments[2]?.series[22]?.value).toBeNull();
    expect(parsed.warnings).toContain('1 non-finite number written as null (1 in "value").');
    expect(parsed.warnings).toContain('Segment "Grind Pro / North / Retail": 1 of 26 units values is missing or not a number; drawn as gaps.');
  });

  it('renderJson(misuse) throws with the project message form', () => {
    expect(thrown(() => renderJson({ version: 1, title: 'x' }, { indent: 9 })).message).toBe(
      'renderJson: expected options.indent to be an integer from 0 to 8, found 9',
    );
    expect(thrown(() => renderJson([] as never)).message).toBe('renderJson: expected model to be a report model object, found an array of 0');
  });
});

describe('validateReportModel(model)', () => {
  it('validateReportModel(model) reports bad data as warnings', () => {
    const { warnings } = validateReportModel({
      version: 1,
      title: 'T',
      themes: [{ id: 1, label: 'A', size: Number.NaN, quotes: [{ text: '  ' }], weekly: [{ t: 1, value: Number.POSITIVE_INFINITY }] }],
      segments: [{ label: 'S', measure: 'units', series: [{ t: '2026-01-05', value: 1 }], anomalies: [{ t: '2027-01-01', value: 1, expected: 1, direction: 'up' }], changePoints: [] }],
    });
    expect(warnings).toEqual([
      'Theme "A" size is NaN, not a finite number; shown as n/a.',
      'Theme "A": 1 empty quote not shown.',
      'Theme "A": 1 weekly value is missing or not a number; drawn as gaps.',
      'Segment "S": 1 anomaly or change point is not on the series\' time axis; listed but not drawn.',
    ]);
  });
  it('validateReportModel(segment without series) throws INVALID_ARGUMENT', () => {
    const error = thrown(() => validateReportModel({ version: 1, title: 'T', segments: [{ label: 'S', measure: 'u' }] }));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toBe('validateReportModel: expected model.segments[0].series to be an array, found undefined');
  });
});
