import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyze,
  analyzeShards,
  arrayShards,
  completePass,
  finishAnalysis,
  mapShard,
  mergePartials,
  nextPass,
  reducePartials,
  SHARD_ROWS,
  startAnalysis,
  type Json,
  type ShardInput,
} from '../../src/analyze';
import { bottomK, mergeBottomK, type SampleEntry, sampleRank } from '../../src/analyze/passes/sample';
import { FeedbackMinerError } from '../../src/errors';
import type { FeedbackRecord } from '../../src/records';
import { simulate } from '../../src/simulate';

// A year of feedback (about 3,100 records) for the laws, cut into shards of 400; two years at 60 a week (about
// 6,200 records: two shards of SHARD_ROWS) for analyzeShards against analyze.
const data = simulate({ seed: 5 });
const input = { sales: data.sales, forecasts: data.forecasts, actions: data.actions };
const large = simulate({ seed: 6, weeks: 104, feedbackPerWeek: 60 });

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function shuffle<T>(list: readonly T[], seed: number): T[] {
  const out = [...list];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Runs the passes with the partials of each pass handed to reducePartials in the given order. */
function runWith(shards: readonly ShardInput[], order: (partials: { shard: number; partial: Json }[], pass: number) => { shard: number; partial: Json }[]) {
  let state = startAnalysis(input, { themeSample: 1500 });
  const reduced: Json[] = [];
  for (let pass = nextPass(state); pass !== null; pass = nextPass(state)) {
    const partials = shards.map((shard) => ({ shard: shard.shard, partial: mapShard(pass!, shard) }));
    const merged = reducePartials(pass, order(partials, pass.index));
    reduced.push(merged);
    state = completePass(state, pass, merged);
  }
  return { reduced, report: finishAnalysis(state) };
}

describe('the passes protocol', () => {
  const shards = [...arrayShards(data.feedback, 400)];
  const inOrder = runWith(shards, (p) => p);

  it('arrayShards(records) cuts shards of SHARD_ROWS (5000)', () => {
    expect(SHARD_ROWS).toBe(5000);
    const cut = [...arrayShards(large.feedback)];
    expect(cut.map((s) => [s.shard, s.offset, s.rowsRead])).toEqual([
      [0, 0, 5000],
      [1, 5000, large.feedback.length - 5000],
    ]);
  });

  it('reducePartials(pass, partials) gives the same JSON whatever order the shards arrive in', () => {
    // Shuffled, a retried shard given twice, and every partial through JSON text (as a fleet stores them).
    const shuffled = runWith(shards, (p) =>
      shuffle([...p, p[2]!, p[0]!], 7).map((x) => ({ shard: x.shard, partial: JSON.parse(JSON.stringify(x.partial)) as Json })),
    );
    expect(JSON.stringify(shuffled.reduced)).toBe(JSON.stringify(inOrder.reduced));
    expect(JSON.stringify(shuffled.report)).toBe(JSON.stringify(inOrder.report));
  });

  it('counts and samples do not depend on where the shard boundaries fall (only float sums may, to rounding)', () => {
    const other = runWith([...arrayShards(data.feedback, 1100)], (p) => p);
    const [scanA, assignA] = inOrder.reduced as [Record<string, Json>, Record<string, Json>];
    const [scanB, assignB] = other.reduced as [Record<string, Json>, Record<string, Json>];
    // The scan pass has no floating sums at all: it is identical.
    expect(JSON.stringify(scanB)).toBe(JSON.stringify(scanA));
    expect(JSON.stringify(assignB.breaks)).toBe(JSON.stringify(assignA.breaks));
    expect(JSON.stringify(assignB.actions)).toBe(JSON.stringify(assignA.actions));
    const themesA = assignA.themes as Record<string, { size: number; weeks: Json; quotes: Json; sum: number; compensation: number }>;
    const themesB = assignB.themes as typeof themesA;
    for (const id of Object.keys(themesA)) {
      expect(themesB[id]!.size).toBe(themesA[id]!.size);
      expect(themesB[id]!.weeks).toEqual(themesA[id]!.weeks);
      expect(themesB[id]!.quotes).toEqual(themesA[id]!.quotes);
      expect(themesB[id]!.sum + themesB[id]!.compensation).toBeCloseTo(themesA[id]!.sum + themesA[id]!.compensation, 9);
    }
  });

  it('mapShard(pass, shard) is pure: a frozen input, the same JSON twice', () => {
    let state = startAnalysis(input, { themeSample: 3000 });
    for (let pass = nextPass(state); pass !== null; pass = nextPass(state)) {
      const frozenPass = deepFreeze(structuredClone(pass));
      const shard = deepFreeze(structuredClone(shards[1]!));
      const before = JSON.stringify(shard);
      const first = JSON.stringify(mapShard(frozenPass, shard));
      expect(JSON.stringify(mapShard(frozenPass, shard))).toBe(first);
      expect(JSON.stringify(shard)).toBe(before);
      state = completePass(state, pass, reducePartials(pass, shards.map((s) => ({ shard: s.shard, partial: mapShard(pass!, s) }))));
    }
  });

  it('analyzeShards(input, asyncFactory) equals analyze on the same array (JSON equal), reading the input once per pass', async () => {
    let reads = 0;
    async function* read(): AsyncIterable<ShardInput> {
      reads++;
      for (const shard of arrayShards(large.feedback)) yield shard;
    }
    const largeInput = { sales: large.sales, forecasts: large.forecasts, actions: large.actions };
    const streamed = await analyzeShards(largeInput, read);
    const direct = analyze({ ...largeInput, feedback: large.feedback });
    expect(reads).toBe(2);
    expect(JSON.stringify(streamed)).toBe(JSON.stringify(direct));
  }, 120_000);

  it('reports bad data in shards: rejected rows with their lines, empty texts, undated records', () => {
    const records: FeedbackRecord[] = data.feedback.slice(0, 300).map((r, i) =>
      i === 5 ? { ...r, text: '  ' } : i === 7 ? { ...r, date: 'last tuesday' } : r,
    );
    const shard: ShardInput = {
      shard: 0,
      offset: 0,
      rowsRead: 302,
      records,
      rejected: [
        { file: 'fb.csv', line: 40, field: 'date', reason: 'not an ISO 8601 date' },
        { file: 'fb.csv', line: 9, field: '', reason: 'unreadable row' },
      ],
    };
    let state = startAnalysis({ ...input, feedbackSource: 'fb.csv' });
    for (let pass = nextPass(state); pass !== null; pass = nextPass(state)) state = completePass(state, pass, reducePartials(pass, [{ shard: 0, partial: mapShard(pass, shard) }]));
    const report = finishAnalysis(state);
    const source = report.dataQuality!.sources.find((s) => s.name === 'fb.csv')!;
    expect(source.rowsRead).toBe(302);
    expect(source.rowsAccepted).toBe(299);
    expect(source.rejectedCount).toBe(3);
    expect(source.rejected!.map((r) => r.row)).toEqual([9, 40, -1]);
    expect(report.dataQuality!.warnings).toContain('1 feedback record(s) without a readable date are in the themes but in no period');
  });

  it('throws FeedbackMinerError on misuse', () => {
    const state = startAnalysis(input);
    const pass = nextPass(state)!;
    expect(() => startAnalysis({ sales: 'x' as never })).toThrow('startAnalysis: expected input.sales to be an array, found "x"');
    expect(() => startAnalysis(input, { themeSample: 1 })).toThrow('startAnalysis: expected options.themeSample to be an integer >= 2, found 1');
    expect(() => mapShard(pass, { shard: -1, offset: 0, rowsRead: 0, records: [], rejected: [] })).toThrow(FeedbackMinerError);
    expect(() => mapShard({ name: 'nope', index: 0, context: {} }, shards[0]!)).toThrow('mapShard: expected pass to be a PassSpec from nextPass');
    expect(() => finishAnalysis(state)).toThrow('finishAnalysis: expected state to be a state whose passes have all run, found "0 of 2 passes"');
    expect(() => completePass(state, { ...pass, name: 'assign', index: 1 }, {})).toThrow(FeedbackMinerError);
  });
});

describe('bottom-k sample', () => {
  it('mergeBottomK over any split equals bottomK of the whole', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 6 }), fc.integer({ min: 1, max: 50 }), fc.integer(), (n, cuts, size, seed) => {
        const all: SampleEntry[] = Array.from({ length: n }, (_, row) => [sampleRank(row, seed), row, `t${row}`] as const);
        const bounds = [...new Set([0, ...cuts.filter((c) => c <= n), n])].sort((a, b) => a - b);
        const parts = bounds.slice(1).map((end, i) => bottomK(all.slice(bounds[i], end), size));
        const merged = parts.reduce((acc, p) => mergeBottomK(acc, p, size), [] as SampleEntry[]);
        const mergedReverse = [...parts].reverse().reduce((acc, p) => mergeBottomK(acc, p, size), [] as SampleEntry[]);
        expect(merged).toEqual(bottomK(all, size));
        expect(mergedReverse).toEqual(merged);
      }),
    );
  });

  it('sampleRank(row, seed) is a bijection on rows (no ties) and depends on the seed', () => {
    const ranks = new Set(Array.from({ length: 100_000 }, (_, row) => sampleRank(row, 1)));
    expect(ranks.size).toBe(100_000);
    expect(sampleRank(17, 1)).not.toBe(sampleRank(17, 2));
  });
});

describe('mergePartials(pass, a, b)', () => {
  it('throws on a partial that is not an object', () => {
    const pass = nextPass(startAnalysis(input))!;
    expect(() => mergePartials(pass, null, {})).toThrow(FeedbackMinerError);
  });
});
