import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { EmbeddingModel } from "ai";
import {
  baseUrlFromEnv,
  DEFAULT_AI_TIMEOUT_MS,
  envValue,
  positiveNumberFromEnv,
  providerFromEnv,
  requiredEnv,
  type Env,
} from "../model/provider-env";
import type { Embedder } from "./embedder";
import { LocalEmbedder } from "./local-embedder";
import { ProviderEmbedder } from "./provider-embedder";

/**
 * The embedder the environment asks for. Without AI_EMBEDDING_MODEL, the offline LocalEmbedder (no
 * network, the default). With it:
 * - AI_EMBEDDING_BASE_URL set: that OpenAI-compatible server, with AI_EMBEDDING_API_KEY if it needs
 *   one (e.g. a local Ollama for vectors while answers come from Anthropic, which has no embeddings API);
 * - else the answer provider's server, AI_PROVIDER openai or openai-compatible, with its AI_BASE_URL
 *   and AI_API_KEY.
 * AI_EMBEDDING_DIMENSIONS asks for shorter vectors (OpenAI text-embedding-3) and makes the size known
 * before the first call; see ProviderEmbedder on learning it otherwise.
 */
export function embedderFromEnv(env: Env = process.env): Embedder {
  const model = envValue(env, "AI_EMBEDDING_MODEL");
  if (model === undefined) {
    for (const name of ["AI_EMBEDDING_BASE_URL", "AI_EMBEDDING_API_KEY", "AI_EMBEDDING_DIMENSIONS"]) {
      if (envValue(env, name) !== undefined) throw new Error(`${name} is set, so AI_EMBEDDING_MODEL is required too`);
    }
    return new LocalEmbedder();
  }
  return new ProviderEmbedder({
    model,
    embeddingModel: embeddingModelOf(env, model),
    dimensions: positiveNumberFromEnv(env, "AI_EMBEDDING_DIMENSIONS", { integer: true }),
    timeoutMs: positiveNumberFromEnv(env, "AI_TIMEOUT_MS", { fallback: DEFAULT_AI_TIMEOUT_MS, integer: true })!,
  });
}

function embeddingModelOf(env: Env, model: string): EmbeddingModel {
  const ownKey = envValue(env, "AI_EMBEDDING_API_KEY");
  const ownServer = baseUrlFromEnv(env, "AI_EMBEDDING_BASE_URL", { sendsKey: ownKey !== undefined });
  if (ownServer !== undefined) return compatible(ownServer, ownKey, model);
  if (ownKey !== undefined) throw new Error("AI_EMBEDDING_API_KEY is set, so AI_EMBEDDING_BASE_URL is required too");

  const provider = providerFromEnv(env);
  const why = `for AI_EMBEDDING_MODEL when AI_PROVIDER is ${provider}`;
  const apiKey = envValue(env, "AI_API_KEY");
  switch (provider) {
    case "openai": {
      const key = requiredEnv(env, "AI_API_KEY", why);
      return createOpenAI({ apiKey: key, baseURL: baseUrlFromEnv(env, "AI_BASE_URL", { sendsKey: true }) }).embedding(
        model,
      );
    }
    case "openai-compatible": {
      const baseUrl = baseUrlFromEnv(env, "AI_BASE_URL", { sendsKey: apiKey !== undefined });
      if (baseUrl === undefined) throw new Error(`AI_BASE_URL is required ${why}`);
      return compatible(baseUrl, apiKey, model);
    }
    case "anthropic":
    case "offline":
      throw new Error(
        `AI_EMBEDDING_BASE_URL is required ${why} (${provider === "anthropic" ? "Anthropic has no embeddings API" : "no provider is configured"}): point it at an OpenAI-compatible embeddings server`,
      );
  }
}

function compatible(baseURL: string, apiKey: string | undefined, model: string): EmbeddingModel {
  return createOpenAICompatible({ name: "openai-compatible", baseURL, apiKey }).embeddingModel(model);
}
