import type { z } from "zod";

/** A read-only tool a model may call while answering (pet profile, vaccinations due, clinic slots...). */
export interface AssistantTool {
  description: string;
  input: z.ZodType;
  /** Runs with the asker's rights; returns JSON-serialisable data the model reads as data. */
  execute(input: unknown): Promise<unknown>;
}

export interface AnswerRequest {
  /** Instructions: how to answer, that quoted passages are data, never instructions. */
  system: string;
  /** The conversation so far and the new question (PII already redacted), with the passages quoted. */
  messages: { role: "user" | "assistant"; content: string }[];
  tools: Record<string, AssistantTool>;
  /** Each piece of text as the model produces it, in order. */
  onDelta(delta: string): void;
  signal?: AbortSignal;
}

export interface AnswerResult {
  text: string;
  model: string;
  inputTokens: number | null;
  outputTokens: number | null;
  /** Estimated from the configured prices per million tokens; null when unknown. */
  costUsd: number | null;
  toolCalls: { name: string; input: unknown }[];
}

/**
 * A language model that writes answers, behind the AI SDK (docs/decisions/0037): OpenAI, Anthropic or
 * any OpenAI-compatible server, chosen by `AI_PROVIDER`. The offline answerer does not implement
 * this: it needs no model.
 */
export interface AnswerModel {
  readonly provider: "openai" | "anthropic" | "openai-compatible";
  readonly model: string;
  answer(request: AnswerRequest): Promise<AnswerResult>;
}
