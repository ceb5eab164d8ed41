/** Reciprocal rank fusion's constant: k = 60, as in Cormack, Clarke and Büttcher (SIGIR 2009). */
export const RRF_K = 60;

/**
 * Fuses ranked lists of ids into one: each id scores Σ 1/(k + rank) over the lists it appears in
 * (rank from 1). Ties keep the order of first appearance, so the result is deterministic.
 */
export function reciprocalRankFusion(
  lists: readonly (readonly string[])[],
  k = RRF_K,
): { id: string; score: number }[] {
  const scores = new Map<string, number>();
  for (const list of lists) list.forEach((id, i) => scores.set(id, (scores.get(id) ?? 0) + 1 / (k + i + 1)));
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
}
