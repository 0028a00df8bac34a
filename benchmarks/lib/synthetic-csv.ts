/**
 * Seeded synthetic feedback and sales CSVs for the scale benchmarks (`analyze-1gb.ts`, `distributed.ts`): the
 * simulator's sales, and feedback rows whose texts come from `generateFeedbackTexts` and whose other fields are a
 * seeded hash of the row number, streamed to disk (never built in memory) through a `.partial` file renamed at the
 * end, so an interrupted run leaves no file that looks complete.
 */
import { once } from 'node:events';
import { createWriteStream, renameSync, writeFileSync } from 'node:fs';
import type { Simulation } from '../../src/simulate';
import { generateFeedbackTexts } from '../../src/simulate/texts';

export function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A seeded 32-bit hash of (row, salt) for the generated rows' fields. */
export function mix(row: number, salt: number): number {
  let h = (row ^ Math.imul(salt, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** Writes the simulation's sales as a CSV. */
export function writeSalesCsv(path: string, data: Simulation): void {
  const sales = ['date,product,region,channel,units,revenue'];
  for (const s of data.sales) sales.push([s.date, s.product, s.region, s.channel, s.units, s.revenue].map(csvField).join(','));
  writeFileSync(path, `${sales.join('\n')}\n`);
}

export interface FeedbackCsvOptions {
  readonly seed: number;
  /** Write the simulation's own feedback first (default false). */
  readonly includeSimulated?: boolean;
  /** Stop before the next generated row when this is true (generated rows so far, bytes so far). */
  readonly stop: (generated: number, bytes: number) => boolean;
}

/** Streams a feedback CSV to `path`; returns the data rows written and the bytes. */
export async function writeFeedbackCsv(path: string, data: Simulation, options: FeedbackCsvOptions): Promise<{ rows: number; bytes: number }> {
  const out = createWriteStream(`${path}.partial`);
  let bytes = 0;
  let rows = 0;
  const write = async (line: string): Promise<void> => {
    bytes += Buffer.byteLength(line) + 1;
    rows += 1;
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  await write('id,text,date,source,rating,product,region,channel');
  if (options.includeSimulated === true) {
    for (const r of data.feedback) {
      await write([r.id, r.text, r.date, r.source, r.rating, r.product, r.region, r.channel].map(csvField).join(','));
    }
  }
  const first = Date.parse(data.feedback.reduce((m, r) => (r.date < m ? r.date : m), data.feedback[0]!.date).slice(0, 10));
  const last = Date.parse(data.feedback.reduce((m, r) => (r.date > m ? r.date : m), data.feedback[0]!.date).slice(0, 10));
  const days = Math.max(1, Math.round((last - first) / 86_400_000));
  const products = [...new Set(data.sales.map((s) => s.product ?? ''))].sort();
  const regions = [...new Set(data.sales.map((s) => s.region ?? ''))].sort();
  const channels = [...new Set(data.sales.map((s) => s.channel ?? ''))].sort();
  const sources = ['review', 'survey', 'social', 'support'];
  const CHUNK = 10_000;
  // Every field is a function of (seed, row): the same options give the same file, byte for byte.
  let done = false;
  for (let offset = 0; !done; offset += CHUNK) {
    const texts = generateFeedbackTexts(CHUNK, { seed: options.seed, offset, products, regions });
    for (let i = 0; i < CHUNK; i++) {
      const row = offset + i;
      if (options.stop(row, bytes)) {
        done = true;
        break;
      }
      const day = new Date(first + (mix(row, 1) % (days + 1)) * 86_400_000).toISOString().slice(0, 10);
      const source = sources[mix(row, 2) % sources.length]!;
      const rating = source === 'survey' ? mix(row, 3) % 11 : source === 'review' ? 1 + (mix(row, 3) % 5) : undefined;
      await write(
        [`g${row}`, texts[i], day, source, rating, products[mix(row, 4) % products.length], regions[mix(row, 5) % regions.length], channels[mix(row, 6) % channels.length]]
          .map(csvField)
          .join(','),
      );
    }
  }
  out.end();
  await once(out, 'finish');
  renameSync(`${path}.partial`, path);
  return { rows: rows - 1, bytes };
}
