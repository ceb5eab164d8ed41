import { APICallError, embedMany, RetryError, type EmbeddingModel } from "ai";
import { normalise, type Embedder } from "./embedder";

/**
 * Texts per request: small enough that one request stays well under providers' token limits per call
 * (OpenAI: 300k tokens; chunks are up to ~500 tokens each) and a failed batch costs little to redo,
 * large enough that ingesting a few thousand chunks takes tens of requests, not thousands.
 */
export const EMBEDDING_BATCH_SIZE = 64;

export interface ProviderEmbedderSettings {
  /** The model id, sent to the provider and recorded next to each vector. */
  model: string;
  embeddingModel: EmbeddingModel;
  /**
   * Asked of the provider (OpenAI's text-embedding-3 models shorten their vectors on request) and
   * known before any call. Unset: the model's own size, learned from its first answer.
   */
  dimensions: number | undefined;
  /** Bound on one batch. */
  timeoutMs: number;
}

/**
 * Embeds through a provider's embeddings API (OpenAI or any OpenAI-compatible server: Ollama, vLLM,
 * LM Studio), in batches of 64, each vector scaled to unit length so a dot product is the cosine (as
 * the vector index assumes), whatever the server returns.
 *
 * `dimensions` is known from the start when configured; otherwise only after the first answer, since
 * the model decides it. Reading it earlier throws rather than answering a wrong number that would
 * size a pgvector column: call `learnDimensions()` at start (one short request) before anything that
 * needs the size, e.g. `PgvectorIndex.open`.
 */
export class ProviderEmbedder implements Embedder {
  readonly model: string;
  private knownDimensions: number | undefined;

  constructor(private readonly settings: ProviderEmbedderSettings) {
    this.model = settings.model;
    this.knownDimensions = settings.dimensions;
  }

  get dimensions(): number {
    if (this.knownDimensions === undefined) {
      throw new Error(
        `embedding model ${this.model}: dimensions are not known before the first call (await learnDimensions(), or set AI_EMBEDDING_DIMENSIONS)`,
      );
    }
    return this.knownDimensions;
  }

  /** The vectors' size, asking the model once if it is not known yet. */
  async learnDimensions(): Promise<number> {
    if (this.knownDimensions === undefined) await this.embed(["dimensions"]);
    return this.dimensions;
  }

  async embed(texts: readonly string[]): Promise<number[][]> {
    const vectors: number[][] = [];
    // One batch at a time: ingestion is not urgent, and parallel batches only meet the rate limit sooner.
    for (let start = 0; start < texts.length; start += EMBEDDING_BATCH_SIZE) {
      const batch = texts.slice(start, start + EMBEDDING_BATCH_SIZE);
      for (const vector of await this.embedBatch(batch)) vectors.push(this.checked(normalise(vector)));
    }
    return vectors;
  }

  private async embedBatch(values: string[]): Promise<number[][]> {
    const { dimensions } = this.settings;
    try {
      const { embeddings } = await embedMany({
        model: this.settings.embeddingModel,
        values,
        maxRetries: 1,
        abortSignal: AbortSignal.timeout(this.settings.timeoutMs),
        // Each provider reads its own key; the other is ignored.
        providerOptions: dimensions ? { openai: { dimensions }, openaiCompatible: { dimensions } } : undefined,
      });
      if (embeddings.length !== values.length) {
        throw new Error(`embedding model ${this.model}: ${embeddings.length} vectors for ${values.length} texts`);
      }
      return embeddings;
    } catch (error) {
      throw new Error(this.describe(error), { cause: error });
    }
  }

  /** Every vector one size: a model that changes size under us would corrupt the index. */
  private checked(vector: number[]): number[] {
    this.knownDimensions ??= vector.length;
    if (vector.length !== this.knownDimensions) {
      throw new Error(
        `embedding model ${this.model}: a vector of ${vector.length} dimensions where ${this.knownDimensions} were expected`,
      );
    }
    return vector;
  }

  /** Status and kind only: a provider's error body may echo the key or the texts. */
  private describe(error: unknown): string {
    const who = `embedding model ${this.model}`;
    const last = RetryError.isInstance(error) ? error.lastError : error;
    if (APICallError.isInstance(last)) {
      return last.statusCode === undefined
        ? `${who}: the provider could not be reached`
        : `${who}: the provider answered HTTP ${last.statusCode}`;
    }
    // By name, not instanceof: fetch's and DOMException's errors may come from another realm (Jest's, for one).
    const { name, message } = (last ?? {}) as { name?: unknown; message?: unknown };
    if (typeof message === "string" && message.startsWith(who)) return message;
    if (name === "TimeoutError") return `${who}: no answer within ${this.settings.timeoutMs} ms`;
    if (name === "TypeError" && message === "fetch failed") return `${who}: the provider could not be reached`;
    return `${who}: embedding failed (${typeof name === "string" ? name : typeof last})`;
  }
}
