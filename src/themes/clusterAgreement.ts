import { assertArray, fail } from '../errors';

type Label = string | number;

function contingency(where: string, truth: readonly Label[], predicted: readonly Label[]) {
  assertArray(where, 'truth', truth);
  assertArray(where, 'predicted', predicted);
  if (truth.length !== predicted.length) {
    fail('INVALID_ARGUMENT', where, 'predicted', `an array of the same length as truth (${truth.length})`, predicted);
  }
  const rowIndex = new Map<Label, number>();
  const colIndex = new Map<Label, number>();
  const cells = new Map<string, number>();
  const rowSums: number[] = [];
  const colSums: number[] = [];
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i] as Label;
    const p = predicted[i] as Label;
    let r = rowIndex.get(t);
    if (r === undefined) {
      r = rowIndex.size;
      rowIndex.set(t, r);
      rowSums.push(0);
    }
    let c = colIndex.get(p);
    if (c === undefined) {
      c = colIndex.size;
      colIndex.set(p, c);
      colSums.push(0);
    }
    rowSums[r] = (rowSums[r] ?? 0) + 1;
    colSums[c] = (colSums[c] ?? 0) + 1;
    const key = `${r},${c}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
  }
  return { n: truth.length, cells: [...cells.values()], cellKeys: [...cells.keys()], rowSums, colSums };
}

function entropy(counts: readonly number[], n: number): number {
  let h = 0;
  for (const count of counts) if (count > 0) h -= (count / n) * Math.log(count / n);
  return h;
}

/**
 * Normalised mutual information between two labelings of the same items: `I(T; P) / ((H(T) + H(P)) / 2)`, the
 * arithmetic-mean normalisation (Strehl & Ghosh, JMLR 3, 2002; Vinh, Epps & Bailey, JMLR 11, 2010; the default
 * of scikit-learn's `normalized_mutual_info_score`). 1 for identical partitions (up to renaming), 0 for
 * independent ones. Two single-cluster labelings score 1; one single cluster against anything else scores 0.
 *
 * Cost: O(n).
 * @throws FeedbackMinerError INVALID_ARGUMENT when the arrays differ in length or are not arrays
 * @example normalizedMutualInformation([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]) // => 0.5158 (to 4 places)
 */
export function normalizedMutualInformation(truth: readonly Label[], predicted: readonly Label[]): number {
  const { n, cells, cellKeys, rowSums, colSums } = contingency('normalizedMutualInformation', truth, predicted);
  if (n === 0) return 1;
  const ht = entropy(rowSums, n);
  const hp = entropy(colSums, n);
  if (ht === 0 && hp === 0) return 1;
  if (ht === 0 || hp === 0) return 0;
  let mutual = 0;
  cells.forEach((count, index) => {
    const [r, c] = (cellKeys[index] as string).split(',').map(Number) as [number, number];
    mutual += (count / n) * Math.log((count * n) / ((rowSums[r] ?? 1) * (colSums[c] ?? 1)));
  });
  return Math.max(0, Math.min(1, mutual / ((ht + hp) / 2)));
}

/**
 * Adjusted Rand index between two labelings: the Rand index corrected for chance (Hubert & Arabie, "Comparing
 * partitions", Journal of Classification 2, 1985). 1 for identical partitions, about 0 for random ones, may be
 * negative.
 *
 * Cost: O(n).
 * @throws FeedbackMinerError INVALID_ARGUMENT when the arrays differ in length or are not arrays
 * @example adjustedRandIndex([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]) // => 0.2424 (to 4 places)
 */
export function adjustedRandIndex(truth: readonly Label[], predicted: readonly Label[]): number {
  const { n, cells, rowSums, colSums } = contingency('adjustedRandIndex', truth, predicted);
  const pairs = (x: number): number => (x * (x - 1)) / 2;
  const index = cells.reduce((sum, count) => sum + pairs(count), 0);
  const rows = rowSums.reduce((sum, count) => sum + pairs(count), 0);
  const cols = colSums.reduce((sum, count) => sum + pairs(count), 0);
  const total = pairs(n);
  if (total === 0) return 1;
  const expected = (rows * cols) / total;
  const maximum = (rows + cols) / 2;
  if (maximum === expected) return 1;
  return (index - expected) / (maximum - expected);
}
