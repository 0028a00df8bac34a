import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { FeedbackMinerError } from '../../src/errors';
import { renderHtml } from '../../src/report/renderHtml';
import { renderJson } from '../../src/report/renderJson';
import { renderMarkdown } from '../../src/report/renderMarkdown';
import { validateReportModel } from '../../src/report/validate';
import { sampleModel } from './fixtures/sampleModel';
import { clone, thrown } from './helpers';

/** Replaces the value at a random path of a JSON-like tree. */
function mutate(root: unknown, pathSeed: number, replacement: unknown): unknown {
  const copy = clone(root) as Record<string, unknown>;
  let node: unknown = copy;
  let seed = pathSeed;
  for (let depth = 0; depth < 8; depth += 1) {
    if (node === null || typeof node !== 'object') break;
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[seed % keys.length] as string;
    seed = Math.floor(seed / keys.length) + depth * 7;
    const child = (node as Record<string, unknown>)[key];
    if (child === null || typeof child !== 'object' || seed % 3 === 0) {
      (node as Record<string, unknown>)[key] = replacement;
      return copy;
    }
    node = child;
  }
  return copy;
}

describe('renderHtml(malformed model)', () => {
  it('renderHtml, renderMarkdown and renderJson(model with any field replaced) either render or throw FeedbackMinerError', () => {
    fc.assert(
      fc.property(fc.nat(), fc.anything({ maxDepth: 2, withBigInt: true }), (pathSeed, replacement) => {
        const model = mutate(sampleModel, pathSeed, replacement);
        for (const render of [renderHtml, renderMarkdown, renderJson] as const) {
          try {
            expect(typeof render(model as never)).toBe('string');
          } catch (error) {
            expect(error).toBeInstanceOf(FeedbackMinerError);
            expect((error as FeedbackMinerError).code).toBe('INVALID_ARGUMENT');
          }
        }
      }),
      { seed: 42, numRuns: 80 },
    );
  });

  it('validateReportModel(model with a wrong nested type) names the field', () => {
    const model = clone(sampleModel) as unknown as { themes: Array<{ quotes: unknown }> };
    (model.themes[2] as { quotes: unknown }).quotes = 'abc';
    expect(thrown(() => validateReportModel(model, 'renderHtml')).message).toBe('renderHtml: expected model.themes[2].quotes to be an array, found "abc"');
    const direction = clone(sampleModel) as unknown as { segments: Array<{ anomalies: Array<{ direction: unknown }> }> };
    (direction.segments[0]?.anomalies[0] as { direction: unknown }).direction = 'sideways';
    expect(thrown(() => validateReportModel(direction)).message).toBe(
      'validateReportModel: expected model.segments[0].anomalies[0].direction to be one of "up", "down", found "sideways"',
    );
  });
});
