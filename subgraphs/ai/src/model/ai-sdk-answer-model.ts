import {
  APICallError,
  LoadAPIKeyError,
  RetryError,
  stepCountIs,
  streamText,
  tool,
  type LanguageModel,
  type LanguageModelUsage,
  type ToolSet,
} from "ai";
import type { AnswerModel, AnswerRequest, AnswerResult, AssistantTool } from "./answer-model";
import { AnswerModelError } from "./answer-model-error";

/** USD per million tokens, as providers publish them. */
export interface ModelPrices {
  inputPerMTok: number;
  outputPerMTok: number;
}

export interface AiSdkAnswerModelSettings {
  provider: AnswerModel["provider"];
  /** The configured model id, e.g. "gpt-4.1-mini"; reported when the provider does not name the model it used. */
  model: string;
  languageModel: LanguageModel;
  /** The whole answer, tool calls and the retry included, must be done by then. */
  timeoutMs: number;
  /** Null when not configured: then the cost is unknown (null), never guessed. */
  prices: ModelPrices | null;
}

/**
 * Tool calls, then the answer: with 4 steps the model may look up to three things (the pet, its
 * vaccinations, the clinic's slots) before it must write. The last step offers no tools, so a model
 * that keeps calling them still ends with text instead of stopping silently after a tool call.
 */
const MAX_STEPS = 4;

/**
 * One retry: a transient 5xx or 429 usually clears at once, and more retries would only spend the
 * asker's patience (the timeout covers the retries too). The SDK waits as the provider's
 * `retry-after(-ms)` header says, or 2 s.
 */
const MAX_RETRIES = 1;

/** What the model reads when a tool failed: the tool's own error may carry internals (SQL, URLs) that must not leave. */
const TOOL_FAILED = "This information could not be looked up just now. Answer without it and say so.";

/**
 * Answers through the AI SDK (OpenAI, Anthropic or any OpenAI-compatible server), streaming each piece
 * of text to the caller as the model writes it and letting the model call the read-only tools it is
 * given. Every failure comes out as an AnswerModelError whose message is safe to log.
 */
export class AiSdkAnswerModel implements AnswerModel {
  readonly provider: AnswerModel["provider"];
  readonly model: string;

  constructor(private readonly settings: AiSdkAnswerModelSettings) {
    this.provider = settings.provider;
    this.model = settings.model;
  }

  async answer(request: AnswerRequest): Promise<AnswerResult> {
    const timeout = AbortSignal.timeout(this.settings.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    // Every delta of every step, so the stored answer is exactly what the asker saw stream by.
    let text = "";
    const toolCalls: AnswerResult["toolCalls"] = [];
    let usage: LanguageModelUsage | undefined;
    let modelId: string | undefined;
    // The caller's onDelta may throw (its subscriber went away): that is its error, not the model's.
    let deltaError: { error: unknown } | undefined;
    try {
      const result = streamText({
        model: this.settings.languageModel,
        system: request.system,
        messages: request.messages,
        tools: toAiSdkTools(request.tools),
        stopWhen: stepCountIs(MAX_STEPS),
        prepareStep: ({ stepNumber }) => (stepNumber >= MAX_STEPS - 1 ? { toolChoice: "none" } : {}),
        maxRetries: MAX_RETRIES,
        abortSignal: signal,
        // Errors are read from the stream below; the default handler would print them, cause and all, to stderr.
        onError: () => {},
      });
      for await (const part of result.fullStream) {
        switch (part.type) {
          case "text-delta":
            text += part.text;
            try {
              request.onDelta(part.text);
            } catch (error) {
              deltaError = { error };
              throw error;
            }
            break;
          case "tool-call":
            toolCalls.push({ name: part.toolName, input: part.input });
            break;
          case "finish-step":
            modelId = part.response.modelId || modelId;
            break;
          case "finish":
            usage = part.totalUsage;
            break;
          case "error":
            throw part.error;
          case "abort":
            throw signal.reason ?? new DOMException("The answer was aborted.", "AbortError");
        }
      }
    } catch (error) {
      if (deltaError) throw deltaError.error;
      throw this.failure(error, { timedOut: timeout.aborted, callerAborted: request.signal?.aborted === true });
    }
    const inputTokens = usage?.inputTokens ?? null;
    const outputTokens = usage?.outputTokens ?? null;
    return {
      text,
      model: modelId ?? this.model,
      inputTokens,
      outputTokens,
      costUsd: costUsd(this.settings.prices, inputTokens, outputTokens),
      toolCalls,
    };
  }

  /** Names the failure from what we know (which signal fired, the HTTP status), never from the provider's words. */
  private failure(error: unknown, { timedOut, callerAborted }: { timedOut: boolean; callerAborted: boolean }) {
    const who = `${this.provider} model ${this.model}`;
    if (callerAborted)
      return new AnswerModelError("ABORTED", `${who}: the caller aborted the answer`, false, { cause: error });
    if (timedOut) {
      const message = `${who}: no answer within ${this.settings.timeoutMs} ms`;
      return new AnswerModelError("TIMEOUT", message, true, { cause: error });
    }
    const attempts = RetryError.isInstance(error) ? ` (${error.errors.length} attempts)` : "";
    const last = RetryError.isInstance(error) ? error.lastError : error;
    if (LoadAPIKeyError.isInstance(last)) {
      return new AnswerModelError("REJECTED", `${who}: no API key configured`, false, { cause: error });
    }
    if (APICallError.isInstance(last)) {
      const status = last.statusCode;
      if (status === 401 || status === 403) {
        const message = `${who}: the provider refused the credentials (HTTP ${status})`;
        return new AnswerModelError("REJECTED", message, false, { cause: error });
      }
      if (status === 429) {
        const message = `${who}: rate limited by the provider (HTTP 429)${attempts}`;
        return new AnswerModelError("RATE_LIMITED", message, true, { cause: error });
      }
      if (status === undefined || status >= 500 || last.isRetryable) {
        const what = status === undefined ? "could not be reached" : `failed (HTTP ${status})`;
        return new AnswerModelError("UNAVAILABLE", `${who}: the provider ${what}${attempts}`, true, { cause: error });
      }
      const message = `${who}: the provider refused the request (HTTP ${status})`;
      return new AnswerModelError("INVALID", message, false, { cause: error });
    }
    if (isFetchFailure(last)) {
      return new AnswerModelError("UNAVAILABLE", `${who}: the provider could not be reached`, true, { cause: error });
    }
    return new AnswerModelError("INVALID", `${who}: the answer failed (${errorName(last)})`, false, { cause: error });
  }
}

/**
 * fetch's own "fetch failed" (connection refused, DNS, TLS). The SDK wraps it as a retryable
 * APICallError, but recognises it with `instanceof TypeError`, which fails when fetch lives in another
 * realm (under Jest, for one): then it arrives here raw, and by name.
 */
function isFetchFailure(error: unknown): boolean {
  return errorName(error) === "TypeError" && (error as Error).message?.toLowerCase() === "fetch failed";
}

function errorName(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === "string" ? name : typeof error;
}

/** Estimated cost in USD; null when prices are not configured or the provider did not report both token counts. */
export function costUsd(prices: ModelPrices | null, inputTokens: number | null, outputTokens: number | null) {
  if (!prices || inputTokens === null || outputTokens === null) return null;
  return (inputTokens * prices.inputPerMTok + outputTokens * prices.outputPerMTok) / 1_000_000;
}

/** Our read-only tools as AI SDK tools: the SDK validates the model's input against the zod schema before execute. */
function toAiSdkTools(tools: Record<string, AssistantTool>): ToolSet {
  const set: ToolSet = {};
  for (const [name, assistantTool] of Object.entries(tools)) {
    set[name] = tool({
      description: assistantTool.description,
      inputSchema: assistantTool.input,
      execute: async (input: unknown) => {
        try {
          return await assistantTool.execute(input);
        } catch {
          throw new Error(TOOL_FAILED);
        }
      },
    });
  }
  return set;
}
