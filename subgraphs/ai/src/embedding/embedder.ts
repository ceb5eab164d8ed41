/**
 * Turns texts into vectors for similarity search. Each vector stored names the model and dimension
 * that made it, so a change of embedder re-embeds the index (docs/decisions/0037).
 */
export interface Embedder {
  /** The model's name as recorded next to each vector, e.g. "pawgraph-hashed-ngrams-v1" or "text-embedding-3-small". */
  readonly model: string;
  readonly dimensions: number;
  /** One unit-length vector per text, in order. */
  embed(texts: readonly string[]): Promise<number[][]>;
}

/** Cosine similarity of two unit-length vectors (their dot product). */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) sum += a[i]! * b[i]!;
  return sum;
}

/** The vector scaled to unit length (a zero vector stays zero). */
export function normalise(vector: number[]): number[] {
  const norm = Math.sqrt(dot(vector, vector));
  return norm === 0 ? vector : vector.map((v) => v / norm);
}
