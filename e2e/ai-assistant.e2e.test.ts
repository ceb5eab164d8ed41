// The pet-care assistant through the gateway, offline (the default): Anna asks about Rex's ears and
// gets an answer quoted from care articles and Rex's own record, every line cited; chocolate gets the
// emergency block with the nearest open clinic and no advice; strangers get NOT_FOUND; threads are
// the asker's own; the answer streams over the gateway's WebSocket in order; the quota holds.
import { randomUUID } from "node:crypto";
import type { Client } from "graphql-ws";
import {
  AddCarerDocument,
  AddHomeNoteDocument,
  AskAssistantDocument,
  AssistantAnswerStreamDocument,
  AssistantThreadDocument,
  AssistantThreadsDocument,
  DeleteAssistantThreadDocument,
  RecordAllergyDocument,
  RecordVisitDocument,
  type AssistantAnswerViewFragment,
} from "../clients/__generated__/graphql";
import { buildClinic } from "./bookings-fixtures";
import {
  execute,
  onlyError,
  ownerPetAndVet,
  registerUser,
  registerVerifiedUser,
  startStack,
  type Stack,
} from "./harness";
import { openSocket, subscribe } from "./ws";

const QUOTA = 6;
let stack: Stack;
const gateway = () => stack.gateway.url;
const sockets: Client[] = [];

beforeAll(async () => {
  stack = await startStack({ ai: { quotaPerHour: QUOTA } });
});
afterEach(async () => {
  await Promise.all(sockets.splice(0).map((s) => s.dispose()));
});
afterAll(() => stack?.stop());

/** Anna's dog Rex, whose record (written by his vet) has an ear visit and a chicken allergy. */
async function annaAndRex() {
  const { owner, petId, vet, clinicId } = await ownerPetAndVet(stack, { name: "Rex", species: "DOG" });
  const visit = await execute(
    gateway(),
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
  );
  if (!visit.data) throw new Error(JSON.stringify(visit.errors));
  const allergy = await execute(
    gateway(),
    RecordAllergyDocument,
    { input: { petId, substance: "Chicken", reaction: "Itchy skin and ears", severity: "MODERATE" } },
    vet.token,
  );
  if (!allergy.data) throw new Error(JSON.stringify(allergy.errors));
  return {
    anna: owner,
    petId,
    vet,
    clinicId,
    visitId: visit.data.recordVisit.id,
    allergyId: allergy.data.recordAllergy.id,
  };
}

async function ask(token: string, input: { question: string; petId?: string; threadId?: string; requestId?: string }) {
  const response = await execute(gateway(), AskAssistantDocument, { input }, token);
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  return response.data.askAssistant;
}

/** Every line of an answer ends with citation markers, and every marker names a citation it returned. */
function expectEveryLineCited(answer: AssistantAnswerViewFragment) {
  const markers = new Set(answer.citations.map((c) => c.marker));
  const lines = answer.text.split("\n").filter((l) => l.trim());
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) {
    const cited = [...line.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
    expect({ line, cited: cited.length > 0 && /\]\s*$/.test(line) }).toEqual({ line, cited: true });
    for (const marker of cited) expect(markers.has(marker)).toBe(true);
  }
}

describe("askAssistant, offline", () => {
  it("answers Anna about Rex's ears from the care articles and Rex's record, every line cited", async () => {
    const { anna, petId, visitId } = await annaAndRex();
    const answer = await ask(anna.token, { question: "Rex has been scratching his ears, what should I do?", petId });

    expect(answer).toMatchObject({ provider: "offline", model: null, emergency: false, petId });
    expect(answer.notice).toMatch(/offline/i);
    expect(["GREEN", "BLUE", "YELLOW"]).toContain(answer.triageLevel);
    expectEveryLineCited(answer);
    const knowledge = answer.citations.filter((c) => c.kind === "KNOWLEDGE");
    expect(knowledge.map((c) => c.title)).toContain("Ear problems in dogs");
    expect(knowledge[0]!.link).toMatch(/^\/knowledge\/[0-9a-f-]{36}#[a-z0-9-]+$/);
    const record = answer.citations.filter((c) => c.kind === "HEALTH_RECORD");
    expect(record.map((c) => c.id)).toContain(visitId);
    expect(record.find((c) => c.id === visitId)!.link).toBe(`/pets/${petId}/health-record/${visitId}`);
    expect(answer.text).toMatch(/Rex's record: .*Otitis externa/);
    expect(answer.text).not.toMatch(/:\s*\[\d+\]$/m);
    expect(answer.suggestedActions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "VIEW_HEALTH_RECORD", petId, recordItemId: visitId }),
        ...(answer.triageLevel === "GREEN" ? [expect.objectContaining({ kind: "BOOK_APPOINTMENT", petId })] : []),
      ]),
    );
  });

  it("meets 'my dog ate a bar of dark chocolate' with the emergency block and the nearest open clinic, no advice", async () => {
    const { clinicId } = await buildClinic(stack, {
      clinic: {
        name: "Always Open Vets",
        phone: "+49 30 1234567",
        openingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: "00:00", closes: "23:59" })),
      },
    });
    const owner = await registerUser(stack, "chocolate");
    const answer = await ask(owner.token, { question: "my dog ate a bar of dark chocolate" });

    expect(answer).toMatchObject({ emergency: true, provider: "triage", citations: [] });
    expect(["RED", "ORANGE"]).toContain(answer.triageLevel);
    expect(answer.triageFindings.map((f) => f.code)).toContain("TOXIN_CHOCOLATE");
    expect(answer.text).toMatch(/Contact a vet now/);
    expect(answer.text).toContain("Always Open Vets");
    expect(answer.suggestedActions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "BOOK_APPOINTMENT", clinicId }),
        expect.objectContaining({ kind: "CALL_VET", clinicId, phone: "+49 30 1234567" }),
        expect.objectContaining({ kind: "CALL_POISON_CONTROL" }),
      ]),
    );
  });

  it("says it does not know, and suggests a vet, when no care article is about the question", async () => {
    const owner = await registerUser(stack, "off-topic");
    const answer = await ask(owner.token, { question: "What is the capital of France?" });
    expect(answer).toMatchObject({ emergency: false, citations: [], provider: "offline" });
    expect(answer.text).toMatch(/I don't know/);
    expect(answer.text).toMatch(/vet/);
  });

  it("a stranger asking about someone's pet gets NOT_FOUND, and nothing is stored", async () => {
    const { petId } = await annaAndRex();
    const stranger = await registerUser(stack, "stranger");
    const response = await execute(
      gateway(),
      AskAssistantDocument,
      { input: { question: "Is Rex allergic to anything?", petId } },
      stranger.token,
    );
    expect(onlyError(response).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.petId" });
    const threads = await execute(gateway(), AssistantThreadsDocument, {}, stranger.token);
    expect(threads.data?.assistantThreads?.edges).toEqual([]);
  });

  it("a carer's answer cites the record as the carer may see it, never the owner's private note", async () => {
    const { anna, petId, allergyId } = await annaAndRex();
    const note = async (text: string, ownerOnly: boolean) => {
      const added = await execute(gateway(), AddHomeNoteDocument, { input: { petId, text, ownerOnly } }, anna.token);
      if (!added.data) throw new Error(JSON.stringify(added.errors));
      return added.data.addHomeNote.id;
    };
    const privateNote = await note("Rex's chicken allergy flares when he eats chicken treats at my mother's.", true);
    const carer = await registerVerifiedUser(stack, "carer");
    await execute(gateway(), AddCarerDocument, { input: { petId, email: carer.email } }, anna.token);
    const question = "Rex is allergic to chicken, what treats can he eat?";

    const owners = await ask(anna.token, { question, petId });
    expect(owners.citations.map((c) => c.id)).toContain(privateNote);
    const carers = await ask(carer.token, { question, petId });
    expectEveryLineCited(carers);
    const cited = carers.citations.filter((c) => c.kind === "HEALTH_RECORD").map((c) => c.id);
    expect(cited).toContain(allergyId);
    expect(cited).not.toContain(privateNote);
    expect(carers.text).not.toContain("mother");
  });

  it("refuses bad input with the field at fault", async () => {
    const owner = await registerUser(stack, "bad-input");
    const short = await execute(gateway(), AskAssistantDocument, { input: { question: " ?" } }, owner.token);
    expect(onlyError(short).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.question" });
    const badId = await execute(
      gateway(),
      AskAssistantDocument,
      { input: { question: "Is my cat fat?", requestId: "not-a-uuid" } },
      owner.token,
    );
    expect(onlyError(badId).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.requestId" });
    const anonymous = await execute(gateway(), AskAssistantDocument, { input: { question: "Is my cat fat?" } });
    expect(onlyError(anonymous).extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("threads", () => {
  it("keep the conversation for its owner only, stay about one pet, and can be deleted", async () => {
    const { anna, petId } = await annaAndRex();
    const first = await ask(anna.token, { question: "How often should Rex have his teeth checked?", petId });
    const second = await ask(anna.token, { question: "And how do I brush them?", threadId: first.threadId });
    expect(second).toMatchObject({ threadId: first.threadId, petId });

    const thread = await execute(gateway(), AssistantThreadDocument, { id: first.threadId }, anna.token);
    expect(thread.data?.assistantThread).toMatchObject({ id: first.threadId, petId });
    expect(thread.data!.assistantThread!.answers.map((a) => a.id)).toEqual([first.id, second.id]);
    const list = await execute(gateway(), AssistantThreadsDocument, { first: 10 }, anna.token);
    expect(list.data!.assistantThreads!.edges.map((e) => e.node.id)).toEqual([first.threadId]);

    const other = await registerUser(stack, "other");
    const peek = await execute(gateway(), AssistantThreadDocument, { id: first.threadId }, other.token);
    expect(onlyError(peek).extensions).toMatchObject({ code: "NOT_FOUND", field: "id" });
    const hijack = await execute(
      gateway(),
      AskAssistantDocument,
      { input: { question: "What did Anna ask?", threadId: first.threadId } },
      other.token,
    );
    expect(onlyError(hijack).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.threadId" });
    const otherPet = await execute(
      gateway(),
      AskAssistantDocument,
      { input: { question: "And my cat?", threadId: first.threadId, petId: randomUUID() } },
      anna.token,
    );
    expect(onlyError(otherPet).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.petId" });

    const deleted = await execute(
      gateway(),
      DeleteAssistantThreadDocument,
      { input: { threadId: first.threadId } },
      anna.token,
    );
    expect(deleted.data?.deleteAssistantThread).toBe(first.threadId);
    const gone = await execute(gateway(), AssistantThreadDocument, { id: first.threadId }, anna.token);
    expect(onlyError(gone).extensions?.code).toBe("NOT_FOUND");
  });

  it(`stops a user at ${QUOTA} questions an hour with RATE_LIMITED`, async () => {
    const owner = await registerUser(stack, "quota");
    for (let i = 0; i < QUOTA; i++) await ask(owner.token, { question: `How often should I groom my dog? (${i})` });
    const over = await execute(gateway(), AskAssistantDocument, { input: { question: "One more?" } }, owner.token);
    expect(onlyError(over).extensions?.code).toBe("RATE_LIMITED");
  });
});

describe("assistantAnswerStream", () => {
  it("streams the answer to its asker over the gateway's WebSocket, in order, then the stored answer", async () => {
    const { anna, petId } = await annaAndRex();
    const requestId = randomUUID();
    const socket = openSocket(stack.gateway.wsUrl, anna.token);
    sockets.push(socket);
    const stream = subscribe(socket, AssistantAnswerStreamDocument, { requestId });
    // A stranger listening on the same request id hears nothing.
    const stranger = await registerUser(stack, "eavesdropper");
    const strangerSocket = openSocket(stack.gateway.wsUrl, stranger.token);
    sockets.push(strangerSocket);
    const overheard = subscribe(strangerSocket, AssistantAnswerStreamDocument, { requestId });
    await new Promise((resolve) => setTimeout(resolve, 500));

    const answer = await ask(anna.token, { question: "How do I clean my dog's ears?", petId, requestId });
    const outcome = await stream.ended;
    expect(outcome).toEqual({ completed: true });
    const events = stream.results.map((r) => r.data!.assistantAnswerStream!);
    expect(events.map((e) => e.sequence)).toEqual(events.map((_, i) => i));
    expect(events.at(-1)).toMatchObject({ done: true, answer: { id: answer.id, text: answer.text } });
    expect(events.slice(0, -1).every((e) => !e.done && e.answer === null)).toBe(true);
    expect(events.map((e) => e.delta).join("")).toBe(answer.text);
    expect(overheard.results).toEqual([]);
  });
});
