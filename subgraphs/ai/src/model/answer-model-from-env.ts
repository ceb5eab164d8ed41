import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModel } from "ai";
import { AiSdkAnswerModel, type ModelPrices } from "./ai-sdk-answer-model";
import type { AnswerModel } from "./answer-model";
import {
  baseUrlFromEnv,
  DEFAULT_AI_TIMEOUT_MS,
  envValue,
  positiveNumberFromEnv,
  priceFromEnv,
  providerFromEnv,
  requiredEnv,
  type Env,
} from "./provider-env";

export interface AnswerModelConfig {
  provider: AnswerModel["provider"];
  model: string;
  /** Unset: the provider's own endpoint (openai, anthropic). */
  baseUrl: string | undefined;
  /** Unset only for an openai-compatible server that needs none (a local model). */
  apiKey: string | undefined;
  timeoutMs: number;
  prices: ModelPrices | null;
}

/**
 * The answer model the environment asks for, or null for offline answers (AI_PROVIDER unset or
 * "offline": no model, no network, the default).
 * - AI_PROVIDER: offline | openai | anthropic | openai-compatible
 * - AI_MODEL: the provider's model id (required unless offline)
 * - AI_BASE_URL: required for openai-compatible (e.g. http://127.0.0.1:11434/v1); optional otherwise
 * - AI_API_KEY: required for openai and anthropic; optional for openai-compatible
 * - AI_TIMEOUT_MS: bound on one answer (default 20000)
 * - AI_PRICE_INPUT_PER_MTOK, AI_PRICE_OUTPUT_PER_MTOK: USD per million tokens, both or neither
 */
export function answerModelFromEnv(env: Env = process.env): AnswerModel | null {
  const config = answerModelConfigFromEnv(env);
  return config && createAnswerModel(config);
}

/** The settings alone, validated: a wrong or missing one throws naming its variable. */
export function answerModelConfigFromEnv(env: Env = process.env): AnswerModelConfig | null {
  const provider = providerFromEnv(env);
  if (provider === "offline") return null;
  const why = `when AI_PROVIDER is ${provider}`;
  const model = requiredEnv(env, "AI_MODEL", why);
  const apiKey =
    provider === "openai-compatible"
      ? envValue(env, "AI_API_KEY")
      : requiredEnv(env, "AI_API_KEY", `${why} (or set AI_PROVIDER=offline)`);
  const baseUrl = baseUrlFromEnv(env, "AI_BASE_URL", { sendsKey: apiKey !== undefined });
  if (provider === "openai-compatible" && baseUrl === undefined) {
    throw new Error(`AI_BASE_URL is required ${why}, e.g. http://127.0.0.1:11434/v1`);
  }
  /** Bound on one model call, an answer with its tool calls and retry (env `AI_TIMEOUT_MS`, default 20000); embedding batches too. */
  const timeoutMs = positiveNumberFromEnv(env, "AI_TIMEOUT_MS", { fallback: DEFAULT_AI_TIMEOUT_MS, integer: true })!;
  return { provider, model, baseUrl, apiKey, timeoutMs, prices: pricesFromEnv(env) };
}

export function createAnswerModel(config: AnswerModelConfig): AiSdkAnswerModel {
  return new AiSdkAnswerModel({
    provider: config.provider,
    model: config.model,
    languageModel: languageModelOf(config),
    timeoutMs: config.timeoutMs,
    prices: config.prices,
  });
}

function languageModelOf({ provider, model, baseUrl, apiKey }: AnswerModelConfig): LanguageModel {
  switch (provider) {
    case "openai":
      // Chat Completions rather than the SDK's default Responses API: every OpenAI-style proxy and
      // gateway an AI_BASE_URL may point at speaks it, and we need nothing only Responses offers.
      return createOpenAI({ apiKey, baseURL: baseUrl }).chat(model);
    case "anthropic":
      return createAnthropic({ apiKey, baseURL: baseUrl })(model);
    case "openai-compatible":
      // includeUsage asks for the token counts in the stream (stream_options.include_usage): no counts, no cost.
      return createOpenAICompatible({ name: "openai-compatible", baseURL: baseUrl!, apiKey, includeUsage: true })(
        model,
      );
  }
}

/** Both prices or neither: a cost from one of them would be wrong, not unknown. */
function pricesFromEnv(env: Env): ModelPrices | null {
  const inputPerMTok = priceFromEnv(env, "AI_PRICE_INPUT_PER_MTOK");
  const outputPerMTok = priceFromEnv(env, "AI_PRICE_OUTPUT_PER_MTOK");
  if (inputPerMTok === undefined && outputPerMTok === undefined) return null;
  if (inputPerMTok === undefined)
    throw new Error("AI_PRICE_INPUT_PER_MTOK is required when AI_PRICE_OUTPUT_PER_MTOK is set");
  if (outputPerMTok === undefined)
    throw new Error("AI_PRICE_OUTPUT_PER_MTOK is required when AI_PRICE_INPUT_PER_MTOK is set");
  return { inputPerMTok, outputPerMTok };
}
