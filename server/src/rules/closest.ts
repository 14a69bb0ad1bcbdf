/**
 * "Did you mean": the candidate a mistyped value most likely stands for.
 * Shared by the rules that check a literal against a fixed list (macvtap
 * modes, interface types).
 */

/** The same letters in another case (spaces around ignored), else a candidate at most two edits away. */
export function closest<T extends string>(value: string, candidates: readonly T[]): T | undefined {
  const lower = value.trim().toLowerCase();
  let best: T | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const d = editDistance(lower, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

/** Damerau-Levenshtein (optimal string alignment): a swap of two letters is one edit. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
