import type { ThemeTerm } from './types';

/**
 * Class-based TF-IDF (c-TF-IDF): the documents of each cluster are treated as one document and a term's
 * weight in cluster c is `tf(t, c) * ln(1 + A / f(t))`, where `tf(t, c)` is the term's frequency in the cluster
 * divided by the cluster's total, `f(t)` the term's frequency over all clusters and `A` the mean number of
 * terms per cluster (Grootendorst, "BERTopic: neural topic modeling with a class-based TF-IDF procedure",
 * arXiv:2203.05794, 2022, sec. 3.3). Internal; terms are column ids into the vocabulary.
 *
 * Cost: O(nnz + k V log V).
 */
export function classTfidf(
  documents: readonly (readonly number[])[],
  assignments: ArrayLike<number>,
  k: number,
  vocabularySize: number,
  top: number,
): { column: number; weight: number }[][] {
  const counts = Array.from({ length: k }, () => new Float64Array(vocabularySize));
  const totals = new Float64Array(k);
  const overall = new Float64Array(vocabularySize);
  documents.forEach((columns, d) => {
    const c = assignments[d]!;
    if (c < 0) return;
    const row = counts[c]!;
    for (const column of columns) {
      row[column] = row[column]! + 1;
      overall[column] = overall[column]! + 1;
    }
    totals[c] = totals[c]! + columns.length;
  });
  let grand = 0;
  for (let c = 0; c < k; c++) grand += totals[c]!;
  const average = grand / Math.max(1, k);
  return counts.map((row, c) => {
    const scored: { column: number; weight: number }[] = [];
    const total = totals[c]!;
    if (total === 0) return scored;
    for (let column = 0; column < vocabularySize; column++) {
      const count = row[column]!;
      if (count === 0) continue;
      scored.push({ column, weight: (count / total) * Math.log(1 + average / overall[column]!) });
    }
    scored.sort((x, y) => y.weight - x.weight || x.column - y.column);
    return scored.slice(0, top);
  });
}

/**
 * A short label from weighted terms: the best terms in readable form, a bigram absorbing the unigrams it
 * contains (`'late delivery'` rather than `'late, delivery, late delivery'`), at most `parts` parts.
 */
export function labelFromTerms(terms: readonly ThemeTerm[], parts = 3): string {
  let chosen: string[] = [];
  for (const { term } of terms) {
    if (chosen.length >= parts) break;
    if (chosen.includes(term)) continue;
    const words = term.split(' ');
    // A unigram already inside a chosen phrase adds nothing.
    if (words.length === 1 && chosen.some((c) => c.split(' ').includes(term))) continue;
    const contained = chosen.filter((c) => !c.includes(' ') && words.includes(c));
    if (words.length > 1 && contained.length > 0) {
      // A phrase takes the place of the first unigram it contains, and the others go.
      const at = chosen.indexOf(contained[0]!);
      chosen = chosen.map((c, i) => (i === at ? term : c)).filter((c) => !contained.includes(c) || c === term);
      continue;
    }
    chosen.push(term);
  }
  return chosen.join(', ');
}
