// BENCH_ONLY=ai-ask: askAssistant through the gateway, offline (the default provider), on the bench
// stack: an owner with a dog (an ear visit, an allergy, a lab result, a home note) and a cat, and a
// clinic open around the clock for the emergency block. ~200 questions (labelled care questions,
// emergencies from the triage set, off-topic ones) sequentially then 8 at a time; then the time from
// sending the mutation to the first assistantAnswerStream event over the gateway's WebSocket.
import { randomUUID } from "node:crypto";
import { print } from "graphql";
import {
  AddHomeNoteDocument,
  AskAssistantDocument,
  AssistantAnswerStreamDocument,
  CreatePetDocument,
  RecordAllergyDocument,
  RecordLabResultDocument,
  RecordVisitDocument,
} from "../clients/__generated__/graphql";
import { TRIAGE_SET } from "../subgraphs/ai/src/triage/triage-set";
import { buildClinic } from "../e2e/bookings-fixtures";
import { execute, ownerPetAndVet, type Stack } from "../e2e/harness";
import { openSocket } from "../e2e/ws";
import { createLogger } from "@pawgraph/subgraph-kit";
import { openAiDatabase } from "../subgraphs/ai/src/data-source";
import { LocalEmbedder } from "../subgraphs/ai/src/embedding/local-embedder";
import { readArticles } from "../subgraphs/ai/src/knowledge/knowledge-ingest";
import { KnowledgeRepository } from "../subgraphs/ai/src/knowledge/knowledge.repository";
import { fillTo, loadEvalQuestions, SYNTHETIC_TITLE } from "./ai-corpus";
import { ms, summarise } from "./ai-stats";

/** What the bench stack's ai is started with: no user of the bench is ever rate limited. */
export const AI_BENCH_QUOTA_PER_HOUR = 1_000_000;

const QUESTIONS = 200;
const TARGET_CHUNKS = Number(process.env.BENCH_AI_CHUNKS ?? 10_000);
const CONCURRENCY = 8;
const STREAM_SAMPLES = 50;
// Each loop stops starting questions here: the section must end by itself.
const LOOP_BUDGET_MS = 60_000;

const OFF_TOPIC = [
  "What is the capital of France?",
  "write me a python function that sorts a list",
  "who won the world cup in 2014",
  "how do I change a car tyre",
  "what's a good recipe for banana bread",
  "explain quantum computing simply",
];

type Kind = "care" | "emergency" | "off-topic";
interface Asked {
  kind: Kind;
  question: string;
  pet: "dog" | "cat" | null;
}

/** 70% labelled care questions, 20% emergencies, 10% off-topic, interleaved, deterministic. */
function questionMix(): Asked[] {
  const care = loadEvalQuestions().map((q): Asked => ({
    kind: "care",
    question: q.question,
    pet: q.species === "DOG" ? "dog" : q.species === "CAT" ? "cat" : null,
  }));
  const emergencies = TRIAGE_SET.filter((t) => t.expected === "RED" || t.expected === "ORANGE").map((t): Asked => ({
    kind: "emergency",
    question: t.text,
    pet: t.species === "CAT" ? "cat" : "dog",
  }));
  const offTopic = OFF_TOPIC.map((question): Asked => ({ kind: "off-topic", question, pet: null }));
  return Array.from({ length: QUESTIONS }, (_, i) => {
    const slot = i % 10;
    if (slot < 7) return care[(i - Math.floor(i / 10) * 3) % care.length]!;
    if (slot < 9) return emergencies[(Math.floor(i / 10) * 2 + slot - 7) % emergencies.length]!;
    return offTopic[Math.floor(i / 10) % offTopic.length]!;
  });
}

async function asker(stack: Stack) {
  const { owner, petId, vet } = await ownerPetAndVet(stack, { name: "Rex", species: "DOG" });
  const cat = await execute(
    stack.gateway.url,
    CreatePetDocument,
    { input: { name: "Mia", species: "CAT" } },
    owner.token,
  );
  const catId = (cat.data?.createPet as { id?: string } | undefined)?.id ?? null;
  const writes = [
    execute(
      stack.gateway.url,
      RecordVisitDocument,
      {
        input: {
          petId,
          reason: "Itchy left ear, head shaking",
          diagnoses: [{ text: "Otitis externa, left ear" }],
          plan: "Ear cleaning twice weekly; recheck the ear in two weeks",
        },
      },
      vet.token,
    ),
    execute(
      stack.gateway.url,
      RecordAllergyDocument,
      { input: { petId, substance: "Chicken", reaction: "Itchy skin and ears", severity: "MODERATE" } },
      vet.token,
    ),
    execute(
      stack.gateway.url,
      RecordLabResultDocument,
      { input: { petId, occurredAt: new Date().toISOString(), test: "Glucose", value: "5.4", unit: "mmol/L" } },
      vet.token,
    ),
    execute(stack.gateway.url, AddHomeNoteDocument, { input: { petId, text: "Ate grass on the walk" } }, owner.token),
  ];
  for (const written of await Promise.all(writes))
    if (written.errors) throw new Error(`record item: ${JSON.stringify(written.errors)}`);
  await buildClinic(stack, {
    clinic: {
      name: "Always Open Vets",
      phone: "+49 30 1234567",
      openingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: "00:00", closes: "23:59" })),
    },
  });
  return { token: owner.token, pets: { dog: petId, cat: catId } };
}

type Asker = Awaited<ReturnType<typeof asker>>;

async function ask(stack: Stack, who: Asker, q: Asked, requestId?: string) {
  const petId = q.pet ? (who.pets[q.pet] ?? undefined) : undefined;
  const response = await execute(
    stack.gateway.url,
    AskAssistantDocument,
    { input: { question: q.question, petId, requestId } },
    who.token,
  );
  if (!response.data) throw new Error(`askAssistant: ${JSON.stringify(response.errors)}`);
  return response.data.askAssistant;
}

/** Asks every question with `width` in flight; per-kind latencies, the server's own, answers/s. */
async function askAll(stack: Stack, who: Asker, questions: Asked[], width: number) {
  const latencies = new Map<Kind | "all", number[]>([["all", []]]);
  const server: number[] = [];
  const deadline = Date.now() + LOOP_BUDGET_MS;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < questions.length && Date.now() < deadline) {
        const q = questions[next++]!;
        const t0 = performance.now();
        const answer = await ask(stack, who, q);
        const took = performance.now() - t0;
        if (answer.emergency !== (q.kind === "emergency") && q.kind !== "care")
          throw new Error(`unexpected triage for "${q.question}": ${answer.triageLevel}`);
        latencies.get("all")!.push(took);
        if (!latencies.has(q.kind)) latencies.set(q.kind, []);
        latencies.get(q.kind)!.push(took);
        server.push(answer.latencyMs);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { latencies, server, seconds, answered: latencies.get("all")!.length };
}

/**
 * Time to the first streamed event: each sample subscribes with a fresh request id, waits until the
 * subscription is live (a moment: gateway → subgraph → pub/sub), then sends the mutation and times the
 * first event, the last (done) event and the mutation's response.
 */
async function streamTimings(stack: Stack, who: Asker, questions: Asked[]) {
  const socket = openSocket(stack.gateway.wsUrl, who.token);
  const first: number[] = [];
  const last: number[] = [];
  const response: number[] = [];
  const events: number[] = [];
  const deadline = Date.now() + LOOP_BUDGET_MS;
  try {
    for (const q of questions.filter((a) => a.kind === "care").slice(0, STREAM_SAMPLES)) {
      if (Date.now() >= deadline) break;
      const requestId = randomUUID();
      let t0 = 0;
      let firstAt = 0;
      let lastAt = 0;
      let count = 0;
      let done!: () => void;
      const ended = new Promise<void>((resolve) => (done = resolve));
      const unsubscribe = socket.subscribe(
        { query: print(AssistantAnswerStreamDocument), variables: { requestId } },
        {
          next: () => {
            count++;
            lastAt = performance.now();
            firstAt ||= lastAt;
          },
          error: () => done(),
          complete: () => done(),
        },
      );
      await new Promise((resolve) => setTimeout(resolve, 150));
      t0 = performance.now();
      await ask(stack, who, q, requestId);
      response.push(performance.now() - t0);
      await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      unsubscribe();
      if (!firstAt) continue;
      first.push(firstAt - t0);
      last.push(lastAt - t0);
      events.push(count);
    }
  } finally {
    await socket.dispose();
  }
  return { first, last, response, events };
}

/**
 * The same questions sequentially once the stack's own index holds BENCH_AI_CHUNKS chunks, and the
 * first question after the documents changed, which waits for the exact vector index to reload.
 * The synthetic documents are deleted afterwards (DATABASE_URL may be a database kept between runs).
 */
async function askOverLargeIndex(stack: Stack, who: Asker, questions: Asked[]) {
  const { dataSource: db } = await openAiDatabase(stack.databaseUrl, createLogger("ai").child({}, { level: "silent" }));
  const knowledge = new KnowledgeRepository(db);
  try {
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM ai.knowledge_chunks`);
    await fillTo(TARGET_CHUNKS, n as number, await readArticles(), knowledge, new LocalEmbedder());
    const [{ total }] = await db.query(`SELECT count(*)::int AS total FROM ai.knowledge_chunks`);
    // Not ask(): past the gateway's subgraph timeout (5 s) the reload costs this question an error.
    const started = performance.now();
    const first = await execute(
      stack.gateway.url,
      AskAssistantDocument,
      { input: { question: questions[0]!.question, petId: who.pets.dog } },
      who.token,
    );
    const reload = performance.now() - started;
    const outcome = first.data ? "answered" : `failed with ${String(first.errors?.[0]?.extensions?.code)}`;
    const run = await askAll(stack, who, questions.slice(1), 1);
    return { total: total as number, reload, outcome, run };
  } finally {
    await db.query(`DELETE FROM ai.knowledge_documents WHERE slug IS NULL AND title LIKE $1`, [`%${SYNTHETIC_TITLE}%`]);
    // Their dead rows would slow the next run's scans on a kept database.
    await db.query(`VACUUM ANALYZE ai.knowledge_chunks`);
    await db.query(`VACUUM ANALYZE ai.knowledge_documents`);
    await db.destroy();
  }
}

export async function aiAskBench(stack: Stack): Promise<void> {
  const who = await asker(stack);
  const questions = questionMix();
  // Untimed: JIT, pools, plans, the vector index's first load.
  for (const q of questions.slice(0, 20)) await ask(stack, who, q);
  const sequential = await askAll(stack, who, questions, 1);
  const concurrent = await askAll(stack, who, questions, CONCURRENCY);
  console.log(
    `\naskAssistant through the gateway, offline, ${questions.length} questions (70% labelled care questions about the owner's dog or cat, 20% emergencies, 10% off-topic); client-side latency`,
  );
  console.table(
    [
      ["sequential", sequential],
      [`${CONCURRENCY} at a time`, concurrent],
    ].flatMap(([label, run]) => {
      const r = run as typeof sequential;
      return [...r.latencies].map(([kind, samples]) => ({
        run: label as string,
        questions: kind,
        ...summarise(samples),
        "answers/s": kind === "all" ? (r.answered / r.seconds).toFixed(1) : "",
      }));
    }),
  );
  console.log(
    `server-side latencyMs (stored with each answer), sequential: ${JSON.stringify(summarise(sequential.server))}; ${CONCURRENCY} at a time: ${JSON.stringify(summarise(concurrent.server))}`,
  );
  const stream = await streamTimings(stack, who, questions);
  console.log(
    `\nassistantAnswerStream over the gateway's WebSocket: ${stream.first.length} answers, ${ms(stream.events.reduce((a, b) => a + b, 0) / (stream.events.length || 1))} events each on average; times from sending the mutation`,
  );
  console.table([
    { event: "first streamed event", ...summarise(stream.first) },
    { event: "last (done) event", ...summarise(stream.last) },
    { event: "mutation response", ...summarise(stream.response) },
  ]);
  // Last: it changes the index, and the rows it removes leave dead tuples behind.
  const large = await askOverLargeIndex(stack, who, questions);
  console.log(
    `\naskAssistant with ${large.total} chunks in ai's index (synthetic documents added, then removed), sequential: the first question after the change ${large.outcome} after ${ms(large.reload)} ms (the exact vector index reloads)`,
  );
  console.table(
    [...large.run.latencies].map(([kind, samples]) => ({
      questions: kind,
      ...summarise(samples),
      "answers/s": kind === "all" ? (large.run.answered / large.run.seconds).toFixed(1) : "",
    })),
  );
}
