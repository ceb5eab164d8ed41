import {
  BadUserInputError,
  DomainError,
  NotFoundError,
  isUuid,
  requireViewer,
  type BaseContext,
  type SubgraphClient,
} from "@pawgraph/subgraph-kit";
import type { RetrievalScope } from "../knowledge/knowledge.rows";
import type { PetRecordClient } from "../record/pet-record.client";
import type { PetProfile, PetRecord } from "../record/pet-record";
import type { AssistantRealtime } from "../realtime/realtime";
import type { Retriever } from "../retrieval/retriever";
import { asksForPrescriptionDosing } from "../triage/dosing";
import { triage, type TriageResult } from "../triage/triage";
import { action, AssistantActionKindValue, type ComposedAnswer } from "./answer-parts";
import type { AssistantRepository, ExchangeRow, ThreadRow } from "./assistant.repository";
import type { AskAssistantInput } from "./assistant.inputs";
import { escalationAnswer, nearestOpenClinic, type PoisonContact } from "./escalation";
import type { OfflineAnswerer } from "./offline-answerer";
import { redactPii } from "./redaction";

/** What a model-backed answerer needs; absent offline (docs/decisions/0037). */
export interface ModelAnswerer {
  answer(request: {
    ctx: BaseContext;
    question: string;
    chunks: Awaited<ReturnType<Retriever["retrieve"]>>;
    record: PetRecord | null;
    history: ExchangeRow[];
    dosing: boolean;
    onDelta: (delta: string) => void;
  }): Promise<ComposedAnswer>;
}

export interface AssistantSettings {
  /** Questions per user per rolling hour (env `AI_QUOTA_PER_HOUR`). */
  quotaPerHour: number;
  poisonContacts: PoisonContact[];
}

const DOSING_NOTICE =
  "The assistant gives no doses for prescription medicines: follow your pet's prescription and ask your vet before changing it.";

/**
 * What retrieval searches for: the question without what only dilutes it, the pet's name (every
 * question about a pet has it; no article does) and personal details (redacted to a placeholder).
 */
function searchTextOf(question: string, profile: PetProfile | null): string {
  const redacted = redactPii(question).text.replace(/\[(email|phone|card|address)\]/g, " ");
  if (!profile) return redacted;
  const name = profile.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return redacted.replace(new RegExp(`\\b${name}(?:'s)?\\b`, "gi"), " ");
}

/**
 * What an answer suggests next (the user confirms each in the app): for an urgent question, a visit
 * today; for a standard one about a pet, a visit if it goes on — at the clinic that wrote the pet's
 * latest record entry when there is one — and each cited record item to open.
 */
function followUps(verdict: TriageResult, record: PetRecord | null, answer: ComposedAnswer) {
  const petId = record?.profile.id ?? null;
  const clinicId = record?.clinicIds[0] ?? null;
  const actions = [];
  if (verdict.level === "YELLOW")
    actions.push(action(AssistantActionKindValue.BOOK_APPOINTMENT, "See a vet today", { clinicId, petId }));
  else if (verdict.level === "GREEN" && petId)
    actions.push(action(AssistantActionKindValue.BOOK_APPOINTMENT, "Book a visit if it goes on", { clinicId, petId }));
  for (const citation of answer.citations.filter((c) => c.kind === "HEALTH_RECORD"))
    actions.push(
      action(AssistantActionKindValue.VIEW_HEALTH_RECORD, `Open ${citation.title}`, {
        petId,
        recordItemId: citation.id,
      }),
    );
  return actions;
}

/** Cuts text into stream pieces of a few words, so an offline answer streams like a model's. */
function pieces(text: string): string[] {
  return text.match(/\S+\s*/g) ?? [];
}

/**
 * Answers questions: quota, the pet (as the asker may see it), triage before anything else, then
 * retrieval and the offline or model answerer, stored with its citations for the asker and for audit,
 * and streamed to the asker's subscription. Emergencies get the fixed escalation block only.
 */
export class AssistantService {
  constructor(
    private readonly exchanges: AssistantRepository,
    private readonly records: PetRecordClient,
    private readonly retriever: Retriever,
    private readonly offline: OfflineAnswerer,
    private readonly model: ModelAnswerer | null,
    private readonly bookings: SubgraphClient,
    private readonly realtime: AssistantRealtime,
    private readonly settings: AssistantSettings,
  ) {}

  /** The viewer's own thread; NOT_FOUND for anyone else's (no hint that it exists). */
  async ownThread(ctx: BaseContext, id: string, field: string): Promise<ThreadRow> {
    const viewer = requireViewer(ctx.viewer);
    const thread = isUuid(id) ? await this.exchanges.thread(id) : null;
    if (!thread || thread.ownerId !== viewer.userId) throw new NotFoundError("AssistantThread", field);
    return thread;
  }

  async ask(ctx: BaseContext, input: AskAssistantInput): Promise<ExchangeRow> {
    const started = performance.now();
    const viewer = requireViewer(ctx.viewer);
    const question = input.question.trim();
    if (question.length < 2 || question.length > 2000)
      throw new BadUserInputError("input.question", "A question is 2 to 2,000 characters");
    if (input.requestId != null && !isUuid(input.requestId))
      throw new BadUserInputError("input.requestId", "requestId must be a UUID");
    await this.checkQuota(viewer.userId);
    const thread = input.threadId != null ? await this.ownThread(ctx, input.threadId, "input.threadId") : null;
    const petId = input.petId ?? thread?.petId ?? null;
    if (thread && input.petId != null && thread.petId !== input.petId)
      throw new BadUserInputError("input.petId", "A thread is about one pet: start a new thread for another");
    if (petId != null && !isUuid(petId)) throw new NotFoundError("Pet", "input.petId");
    const profile = petId ? await this.records.profile(ctx, petId, "input.petId") : null;

    const verdict = triage(question, profile?.species ?? null);
    let stream = 0;
    const requestId = input.requestId ?? null;
    const onDelta = (delta: string) => {
      if (requestId && delta)
        this.realtime.publish(viewer.userId, { requestId, sequence: stream++, delta, done: false, answerId: null });
    };
    let composed: ComposedAnswer;
    if (verdict.emergency) {
      const clinic = await nearestOpenClinic(this.bookings, ctx, profile?.species ?? null, input.location ?? null);
      composed = escalationAnswer(verdict, clinic, this.settings.poisonContacts, profile?.id ?? null);
      pieces(composed.text).forEach(onDelta);
    } else {
      composed = await this.answer(
        ctx,
        verdict,
        question,
        profile,
        viewer.memberships.map((m) => m.clinicId),
        thread,
        onDelta,
      );
    }
    const dosing = !verdict.emergency && asksForPrescriptionDosing(question);
    const stored = redactPii(question).text;
    const row = await this.exchanges.save(thread?.id ?? null, profile?.id ?? null, stored.slice(0, 120), {
      ownerId: viewer.userId,
      requestId,
      question: stored,
      answer: composed.text,
      notice: [composed.notice, dosing ? DOSING_NOTICE : null].filter(Boolean).join(" ") || null,
      triageLevel: verdict.level,
      triageFindings: verdict.findings.map((f) => ({ code: f.code, level: f.level as never, label: f.label })),
      citations: composed.citations,
      actions: composed.actions,
      provider: composed.provider,
      model: composed.model,
      latencyMs: Math.round(performance.now() - started),
      prompt: composed.prompt ?? null,
      inputTokens: composed.inputTokens ?? null,
      outputTokens: composed.outputTokens ?? null,
      costUsd: composed.costUsd ?? null,
    });
    if (requestId)
      this.realtime.publish(viewer.userId, { requestId, sequence: stream++, delta: "", done: true, answerId: row.id });
    return row;
  }

  private async answer(
    ctx: BaseContext,
    verdict: TriageResult,
    question: string,
    profile: PetProfile | null,
    staffClinicIds: string[],
    thread: ThreadRow | null,
    onDelta: (delta: string) => void,
  ): Promise<ComposedAnswer> {
    const record = profile ? await this.records.record(ctx, profile) : null;
    const scope: RetrievalScope = {
      species: profile?.species ?? null,
      // A clinic's own documents: for its staff, and for questions about a pet it has treated.
      clinicIds: [...new Set([...staffClinicIds, ...(record?.clinicIds ?? [])])],
    };
    const chunks = await this.retriever.retrieve(searchTextOf(question, profile), scope);
    const dosing = asksForPrescriptionDosing(question);
    const answered = await this.compose(ctx, question, chunks, record, thread, dosing, onDelta);
    return { ...answered, actions: [...answered.actions, ...followUps(verdict, record, answered)] };
  }

  /** The model's answer when one is configured and answers; the offline one otherwise (and says why). */
  private async compose(
    ctx: BaseContext,
    question: string,
    chunks: Awaited<ReturnType<Retriever["retrieve"]>>,
    record: PetRecord | null,
    thread: ThreadRow | null,
    dosing: boolean,
    onDelta: (delta: string) => void,
  ): Promise<ComposedAnswer> {
    if (this.model) {
      const history = thread ? await this.exchanges.exchangesOf([thread.id], 6) : [];
      try {
        return await this.model.answer({ ctx, question, chunks, record, history, dosing, onDelta });
      } catch (error) {
        if (error instanceof DomainError) throw error;
        ctx.log.warn({ err: error }, "the model did not answer; answering offline");
        const offline = this.offline.answer(question, chunks, record, dosing);
        pieces(offline.text).forEach(onDelta);
        return { ...offline, notice: `The assistant's model did not answer in time. ${offline.notice ?? ""}`.trim() };
      }
    }
    const offline = this.offline.answer(question, chunks, record, dosing);
    pieces(offline.text).forEach(onDelta);
    return offline;
  }

  private async checkQuota(userId: string): Promise<void> {
    const asked = await this.exchanges.questionsSince(userId, new Date(Date.now() - 3_600_000));
    if (asked >= this.settings.quotaPerHour)
      throw new DomainError(
        "RATE_LIMITED",
        `You have asked ${this.settings.quotaPerHour} questions in the last hour; try again later`,
        undefined,
        { retryAfterSeconds: 3600 },
      );
  }
}
