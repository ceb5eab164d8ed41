import type { ExchangeRow, ThreadRow } from "./assistant.repository";
import type { AssistantAnswer, AssistantThread, TriageLevelValue } from "./assistant.types";

export function toAnswer(row: ExchangeRow): AssistantAnswer {
  return {
    id: row.id,
    threadId: row.threadId,
    requestId: row.requestId,
    petId: row.petId,
    question: row.question,
    text: row.answer,
    notice: row.notice,
    triageLevel: row.triageLevel as TriageLevelValue,
    emergency: row.triageLevel === "RED" || row.triageLevel === "ORANGE",
    triageFindings: row.triageFindings,
    citations: row.citations,
    suggestedActions: row.actions,
    provider: row.provider,
    model: row.model,
    latencyMs: row.latencyMs,
    createdAt: new Date(row.createdAt),
  };
}

export function toThread(row: ThreadRow, exchanges: readonly ExchangeRow[]): AssistantThread {
  return { ...row, answers: exchanges.map(toAnswer) };
}
