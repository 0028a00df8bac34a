/** Classification scores shared by the quality benchmarks. */

/**
 * Macro-averaged F1 over `labels` (each label's F1 from its precision and recall, 0 when undefined, then the
 * unweighted mean; Sokolova & Lapalme 2009) and accuracy, from `[truth, predicted]` pairs.
 */
export function macroF1(pairs: readonly (readonly [string, string])[], labels: readonly string[]): { macroF1: number; accuracy: number } {
  let sum = 0;
  for (const label of labels) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const [truth, predicted] of pairs) {
      if (predicted === label && truth === label) tp++;
      else if (predicted === label) fp++;
      else if (truth === label) fn++;
    }
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
    sum += precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  }
  let correct = 0;
  for (const [truth, predicted] of pairs) if (truth === predicted) correct++;
  return { macroF1: sum / labels.length, accuracy: pairs.length === 0 ? 0 : correct / pairs.length };
}
