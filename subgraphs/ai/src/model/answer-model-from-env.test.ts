import { embedderFromEnv } from "../embedding/embedder-from-env";
import { LocalEmbedder } from "../embedding/local-embedder";
import { ProviderEmbedder } from "../embedding/provider-embedder";
import { AiSdkAnswerModel } from "./ai-sdk-answer-model";
import { answerModelConfigFromEnv, answerModelFromEnv } from "./answer-model-from-env";

const openai = { AI_PROVIDER: "openai", AI_MODEL: "gpt-4.1-mini", AI_API_KEY: "sk-test" };
const compatible = { AI_PROVIDER: "openai-compatible", AI_MODEL: "llama3.2", AI_BASE_URL: "http://127.0.0.1:11434/v1" };

describe("answerModelFromEnv", () => {
  it("is offline (no model) unless a provider is chosen", () => {
    expect(answerModelFromEnv({})).toBeNull();
    expect(answerModelFromEnv({ AI_PROVIDER: "offline", AI_MODEL: "ignored" })).toBeNull();
    expect(answerModelFromEnv({ AI_PROVIDER: "  " })).toBeNull();
  });

  it("builds each provider's model from its settings", () => {
    for (const env of [
      openai,
      { AI_PROVIDER: "anthropic", AI_MODEL: "claude-haiku-4-5", AI_API_KEY: "sk-ant-test" },
      compatible,
    ]) {
      const model = answerModelFromEnv(env);
      expect(model).toBeInstanceOf(AiSdkAnswerModel);
      expect(model).toMatchObject({ provider: env.AI_PROVIDER, model: env.AI_MODEL });
    }
  });

  it("reads the defaults and the optional settings", () => {
    expect(answerModelConfigFromEnv(openai)).toEqual({
      provider: "openai",
      model: "gpt-4.1-mini",
      baseUrl: undefined,
      apiKey: "sk-test",
      timeoutMs: 20_000,
      prices: null,
    });
    expect(
      answerModelConfigFromEnv({
        ...compatible,
        AI_BASE_URL: "http://localhost:8000/v1/",
        AI_TIMEOUT_MS: "45000",
        AI_PRICE_INPUT_PER_MTOK: "0",
        AI_PRICE_OUTPUT_PER_MTOK: "0.6",
      }),
    ).toEqual({
      provider: "openai-compatible",
      model: "llama3.2",
      baseUrl: "http://localhost:8000/v1",
      apiKey: undefined,
      timeoutMs: 45_000,
      prices: { inputPerMTok: 0, outputPerMTok: 0.6 },
    });
  });

  it.each([
    [
      { AI_PROVIDER: "gemini" },
      /^AI_PROVIDER must be one of offline, openai, anthropic, openai-compatible, got "gemini"/,
    ],
    [{ ...openai, AI_MODEL: "" }, /^AI_MODEL is required when AI_PROVIDER is openai/],
    [{ ...openai, AI_API_KEY: undefined }, /^AI_API_KEY is required when AI_PROVIDER is openai/],
    [{ AI_PROVIDER: "anthropic", AI_MODEL: "claude" }, /^AI_API_KEY is required when AI_PROVIDER is anthropic/],
    [{ ...compatible, AI_BASE_URL: undefined }, /^AI_BASE_URL is required when AI_PROVIDER is openai-compatible/],
    [{ ...compatible, AI_BASE_URL: "localhost:11434" }, /^AI_BASE_URL must use http or https/],
    [{ ...compatible, AI_BASE_URL: "not a url" }, /^AI_BASE_URL must be a URL/],
    [{ ...compatible, AI_BASE_URL: "https://user:pw@llm.example/v1" }, /^AI_BASE_URL must not carry credentials/],
    [{ ...compatible, AI_BASE_URL: "https://llm.example/v1?key=abc" }, /^AI_BASE_URL must not have a query/],
    [
      { ...compatible, AI_BASE_URL: "http://llm.example/v1", AI_API_KEY: "k" },
      /^AI_BASE_URL uses plain http to llm.example while an API key is set/,
    ],
    [{ ...openai, AI_TIMEOUT_MS: "soon" }, /^AI_TIMEOUT_MS must be a positive integer, got "soon"/],
    [{ ...openai, AI_TIMEOUT_MS: "0" }, /^AI_TIMEOUT_MS must be a positive integer/],
    [{ ...openai, AI_TIMEOUT_MS: "1.5" }, /^AI_TIMEOUT_MS must be a positive integer/],
    [
      { ...openai, AI_PRICE_INPUT_PER_MTOK: "-1", AI_PRICE_OUTPUT_PER_MTOK: "1" },
      /^AI_PRICE_INPUT_PER_MTOK must be a number/,
    ],
    [
      { ...openai, AI_PRICE_INPUT_PER_MTOK: "0.4" },
      /^AI_PRICE_OUTPUT_PER_MTOK is required when AI_PRICE_INPUT_PER_MTOK is set/,
    ],
    [
      { ...openai, AI_PRICE_OUTPUT_PER_MTOK: "1.6" },
      /^AI_PRICE_INPUT_PER_MTOK is required when AI_PRICE_OUTPUT_PER_MTOK is set/,
    ],
  ])("refuses %j at start, naming the variable", (env, message) => {
    expect(() => answerModelFromEnv(env)).toThrow(message);
  });

  it("never repeats the API key in its messages", () => {
    const env = { ...compatible, AI_BASE_URL: "http://llm.example/v1", AI_API_KEY: "sk-very-secret" };
    expect(() => answerModelFromEnv(env)).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining("sk-very-secret") }),
    );
  });

  it("allows plain http with a key to this machine (a local server)", () => {
    expect(answerModelFromEnv({ ...compatible, AI_API_KEY: "local" })).toBeInstanceOf(AiSdkAnswerModel);
    expect(answerModelFromEnv({ ...openai, AI_BASE_URL: "http://127.0.0.1:4010/v1" })).toBeInstanceOf(AiSdkAnswerModel);
  });
});

describe("embedderFromEnv", () => {
  it("is the offline LocalEmbedder without AI_EMBEDDING_MODEL, whatever the answer provider", () => {
    expect(embedderFromEnv({})).toBeInstanceOf(LocalEmbedder);
    expect(embedderFromEnv(openai)).toBeInstanceOf(LocalEmbedder);
  });

  it("uses the answer provider's server, or its own", () => {
    const viaOpenAi = embedderFromEnv({ ...openai, AI_EMBEDDING_MODEL: "text-embedding-3-small" });
    expect(viaOpenAi).toBeInstanceOf(ProviderEmbedder);
    expect(viaOpenAi.model).toBe("text-embedding-3-small");
    expect(embedderFromEnv({ ...compatible, AI_EMBEDDING_MODEL: "nomic-embed-text" })).toBeInstanceOf(ProviderEmbedder);
    const own = embedderFromEnv({
      AI_EMBEDDING_MODEL: "nomic-embed-text",
      AI_EMBEDDING_BASE_URL: "http://127.0.0.1:11434/v1",
      AI_EMBEDDING_DIMENSIONS: "768",
    });
    expect(own.dimensions).toBe(768);
  });

  it.each([
    [
      { AI_PROVIDER: "anthropic", AI_MODEL: "claude", AI_API_KEY: "k", AI_EMBEDDING_MODEL: "e" },
      /^AI_EMBEDDING_BASE_URL is required for AI_EMBEDDING_MODEL when AI_PROVIDER is anthropic \(Anthropic has no embeddings API\)/,
    ],
    [
      { AI_EMBEDDING_MODEL: "e" },
      /^AI_EMBEDDING_BASE_URL is required for AI_EMBEDDING_MODEL when AI_PROVIDER is offline/,
    ],
    [
      { AI_PROVIDER: "openai", AI_EMBEDDING_MODEL: "e" },
      /^AI_API_KEY is required for AI_EMBEDDING_MODEL when AI_PROVIDER is openai/,
    ],
    [
      { AI_EMBEDDING_BASE_URL: "http://127.0.0.1:11434/v1" },
      /^AI_EMBEDDING_BASE_URL is set, so AI_EMBEDDING_MODEL is required too/,
    ],
    [
      { AI_EMBEDDING_MODEL: "e", AI_EMBEDDING_API_KEY: "k" },
      /^AI_EMBEDDING_API_KEY is set, so AI_EMBEDDING_BASE_URL is required too/,
    ],
    [
      { ...compatible, AI_EMBEDDING_MODEL: "e", AI_EMBEDDING_DIMENSIONS: "-3" },
      /^AI_EMBEDDING_DIMENSIONS must be a positive integer/,
    ],
    [
      { AI_EMBEDDING_MODEL: "e", AI_EMBEDDING_BASE_URL: "http://embed.example/v1", AI_EMBEDDING_API_KEY: "k" },
      /^AI_EMBEDDING_BASE_URL uses plain http to embed.example while an API key is set/,
    ],
  ])("refuses %j at start, naming the variable", (env, message) => {
    expect(() => embedderFromEnv(env)).toThrow(message);
  });
});
