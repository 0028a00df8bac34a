/**
 * A bottom-k sample (Cohen & Kaplan, "Summarizing data using bottom-k sketches", PODC 2007; Broder's min-wise
 * hashing, 1997): each record gets a pseudo-random rank `hash(row, seed)`, and the sample is the `m` records of
 * smallest rank. The `m` smallest of a union are the `m` smallest of the shards' own `m` smallest, so samples of
 * shards merge exactly: the sample is the same however the input was split and in whatever order shards merge.
 * The hash is a bijection of 32-bit integers (the finaliser of MurmurHash3, Appleby 2011, after a seed-dependent
 * xor), so distinct rows below 2^32 never tie.
 */
import { fmix32 } from '../../internal/random';

/** One sampled record: `[rank, global row, text]`. */
export type SampleEntry = readonly [number, number, string];

/** The rank of a global row under a seed, a 32-bit unsigned integer; a bijection of rows for a fixed seed. */
export function sampleRank(row: number, seed: number): number {
  return fmix32(row ^ Math.imul(seed | 0, 0x9e3779b1) ^ 0x5bd1e995);
}

function compareEntries(a: SampleEntry, b: SampleEntry): number {
  return a[0] - b[0] || a[1] - b[1];
}

/** The `size` entries of smallest rank, sorted by rank. Cost: O(n log n). */
export function bottomK(entries: readonly SampleEntry[], size: number): SampleEntry[] {
  return [...entries].sort(compareEntries).slice(0, size);
}

/** Merges two bottom-k samples (each sorted by rank): the `size` smallest of their union. Cost: O(size). */
export function mergeBottomK(a: readonly SampleEntry[], b: readonly SampleEntry[], size: number): SampleEntry[] {
  const out: SampleEntry[] = [];
  let i = 0;
  let j = 0;
  while (out.length < size && (i < a.length || j < b.length)) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && compareEntries(x, y) <= 0)) {
      // The same row in both (a shard sent twice) is kept once.
      if (y !== undefined && x !== undefined && x[1] === y[1]) j++;
      out.push(x as SampleEntry);
      i++;
    } else {
      out.push(y);
      j++;
    }
  }
  return out;
}
