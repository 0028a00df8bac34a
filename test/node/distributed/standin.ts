/**
 * A small stand-in for the analysis passes protocol (src/analyze/passes.ts), used to test the fleet machinery on its
 * own: pass 0 counts rows, sources, words and sums sentiment; pass 1, whose context is pass 0's top words, sums
 * sentiment per top word. A record whose text contains POISON makes mapShard throw; one containing SLOW makes it
 * wait (only when FM_SLOW_MARKER names a file, where it writes a line first), so a test can kill the worker mid-shard;
 * one containing FLAKY makes it throw once (only when FM_FLAKY_MARKER names a file that does not exist yet).
 * `streaming` is the same protocol with mergePartials, so that the fleet folds partials as they stream from Redis.
 */
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { countsBy, sentimentSums, summarizeSentiment, type CountsPartial, type SentimentPartial } from '../../../src/aggregates';
import type { FileRejection } from '../../../src/analyze/types';
import { validateFeedback, type FeedbackRecord } from '../../../src/records';
import { scoreSentiment } from '../../../src/sentiment';
import { isUnreadable, readRows, type RawRow, type UnreadableRow } from '../../../src/node/read';
import type { AnalysisState, DistributedProtocol, Json, PassSpec, ShardInput } from '../../../src/node/distributed/protocol';
import type { ColumnMap } from '../../../src/node/load';

export interface StandinInput {
  readonly rejected?: readonly FileRejection[];
}
export interface StandinReport {
  readonly rows: number;
  readonly records: number;
  readonly rejected: readonly FileRejection[];
  readonly sources: CountsPartial;
  readonly sentiment: ReturnType<typeof summarizeSentiment>;
  readonly topWords: readonly string[];
  readonly byWord: Readonly<Record<string, ReturnType<typeof summarizeSentiment>>>;
  readonly warnings: readonly string[];
}

const sources = countsBy((r: FeedbackRecord) => r.source ?? 'unknown', 'source');
const sentiment = sentimentSums<FeedbackRecord>({ score: (r) => scoreSentiment(r.text).score });
const words = (text: string): string[] => [...new Set(text.toLowerCase().match(/[a-z]{4,}/g) ?? [])];

interface Pass0 {
  rows: number;
  records: number;
  rejected: FileRejection[];
  sources: CountsPartial;
  sentiment: SentimentPartial;
  words: Record<string, number>;
}
interface Data {
  input: StandinInput;
  pass0?: Pass0;
  byWord?: Record<string, SentimentPartial>;
}

function sleepSync(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export const standin: DistributedProtocol<StandinInput, undefined, StandinReport> = {
  name: 'standin',
  fingerprint: 'standin-1',
  startAnalysis: (input) => ({ version: 1, data: { input } as unknown as Json }),
  nextPass(state) {
    const data = state.data as unknown as Data;
    if (data.pass0 === undefined) return { name: 'counts', index: 0, context: null };
    if (data.byWord === undefined) {
      const top = Object.entries(data.pass0.words)
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, 5)
        .map(([w]) => w);
      return { name: 'byWord', index: 1, context: top };
    }
    return null;
  },
  toShard(rows, shard, offset, file, columns: ColumnMap) {
    const readable = rows.filter((r): r is RawRow => !isUnreadable(r));
    const fields: Record<string, string> = {};
    if (columns.text !== undefined) fields.text = columns.text;
    const validated = validateFeedback(readable.map((r) => r.value), { fields, rowOffset: offset });
    const rejected: FileRejection[] = [
      ...rows.filter(isUnreadable).map((r) => ({ file, line: r.line, field: '', reason: r.reason })),
      ...validated.rejected.map((r) => ({ file, line: readable[r.row - offset]?.line ?? -1, field: r.field, reason: r.reason })),
    ].sort((a, b) => a.line - b.line || (a.field < b.field ? -1 : 1));
    return { shard, offset, rowsRead: rows.length, records: validated.records, rejected };
  },
  async mapShard(pass: PassSpec, shard: ShardInput) {
    for (const r of shard.records) if (r.text.includes('POISON')) throw new Error(`cannot map ${JSON.stringify(r.text)}`);
    const flaky = process.env.FM_FLAKY_MARKER;
    if (flaky !== undefined && !existsSync(flaky) && shard.records.some((r) => r.text.includes('FLAKY'))) {
      writeFileSync(flaky, `failed once: shard ${shard.shard}\n`);
      throw new Error('a transient failure');
    }
    const marker = process.env.FM_SLOW_MARKER;
    if (marker !== undefined && shard.records.some((r) => r.text.includes('SLOW'))) {
      appendFileSync(marker, `slow shard ${shard.shard} pass ${pass.name} pid ${process.pid}\n`);
      await sleepSync(Number(process.env.FM_SLOW_MS ?? 5000));
    }
    if (pass.name === 'counts') {
      const wordCounts: Record<string, number> = {};
      for (const r of shard.records) for (const w of words(r.text)) wordCounts[w] = (wordCounts[w] ?? 0) + 1;
      const partial: Pass0 = {
        rows: shard.rowsRead,
        records: shard.records.length,
        rejected: [...shard.rejected],
        sources: sources.partial(shard.records, shard.offset),
        sentiment: sentiment.partial(shard.records, shard.offset),
        words: wordCounts,
      };
      return partial as unknown as Json;
    }
    const top = pass.context as string[];
    return Object.fromEntries(top.map((w) => [w, sentiment.partial(shard.records.filter((r) => words(r.text).includes(w)), shard.offset)])) as unknown as Json;
  },
  reducePartials(pass, partials) {
    const values = [...partials].sort((a, b) => a.shard - b.shard).map((p) => p.partial as unknown);
    if (pass.name === 'counts') {
      const out = values.reduce<Pass0>(
        (a, b) => {
          const p = b as Pass0;
          const w = { ...a.words };
          for (const [k, v] of Object.entries(p.words)) w[k] = (w[k] ?? 0) + v;
          return {
            rows: a.rows + p.rows,
            records: a.records + p.records,
            rejected: [...a.rejected, ...p.rejected],
            sources: sources.merge(a.sources, p.sources),
            sentiment: sentiment.merge(a.sentiment, p.sentiment),
            words: w,
          };
        },
        { rows: 0, records: 0, rejected: [], sources: sources.identity, sentiment: sentiment.identity, words: {} },
      );
      return out as unknown as Json;
    }
    const top = pass.context as string[];
    return Object.fromEntries(
      top.map((w) => [w, values.map((v) => (v as Record<string, SentimentPartial>)[w] as SentimentPartial).reduce((a, b) => sentiment.merge(a, b), sentiment.identity)]),
    ) as unknown as Json;
  },
  completePass(state, pass, merged) {
    const data = state.data as unknown as Data;
    const next: Data = pass.name === 'counts' ? { ...data, pass0: merged as unknown as Pass0 } : { ...data, byWord: merged as unknown as Record<string, SentimentPartial> };
    return { version: 1, data: next as unknown as Json };
  },
  finishAnalysis(state) {
    const data = state.data as unknown as Data;
    const p = data.pass0 as Pass0;
    const byWord = data.byWord ?? {};
    return {
      rows: p.rows,
      records: p.records,
      rejected: [...(data.input.rejected ?? []), ...p.rejected].sort((a, b) => a.line - b.line),
      sources: p.sources,
      sentiment: summarizeSentiment(p.sentiment),
      topWords: Object.keys(byWord),
      byWord: Object.fromEntries(Object.entries(byWord).map(([w, s]) => [w, summarizeSentiment(s)])),
      warnings: [],
    };
  },
  withRejected: (input, rejected) => ({ ...input, rejected: [...(input.rejected ?? []), ...rejected] }),
  withWarnings: (report, warnings) => ({ ...report, warnings: [...report.warnings, ...warnings] }),
};

/**
 * The one-machine reference: the file read whole by readRows (independent of the shard planner), cut into shards
 * of shardRows rows in line order, every pass mapped and reduced in this process.
 */
export async function runLocally(path: string, shardRows: number, options: { exclude?: readonly number[]; input?: StandinInput } = {}): Promise<StandinReport> {
  const items: (RawRow | UnreadableRow)[] = [];
  for await (const item of readRows(path)) items.push(item);
  items.sort((a, b) => a.line - b.line);
  const shards: ShardInput[] = [];
  for (let start = 0, shard = 0; start < items.length; start += shardRows, shard++) {
    if (options.exclude?.includes(shard)) continue;
    shards.push(standin.toShard(items.slice(start, start + shardRows), shard, start, path, {}));
  }
  let state: AnalysisState = standin.startAnalysis(options.input ?? {}, undefined);
  for (let pass = standin.nextPass(state); pass !== null; pass = standin.nextPass(state)) {
    const partials = [];
    for (const shard of shards) partials.push({ shard: shard.shard, partial: await standin.mapShard(pass, shard) });
    state = standin.completePass(state, pass, standin.reducePartials(pass, partials));
  }
  return standin.finishAnalysis(state);
}

/** The stand-in with mergePartials: its reducePartials is a left fold, so the reduce can stream. */
export const streamingStandin: DistributedProtocol<StandinInput, undefined, StandinReport> = {
  ...standin,
  mergePartials: (pass, a, b) => standin.reducePartials(pass, [{ shard: 0, partial: a }, { shard: 1, partial: b }]),
};
