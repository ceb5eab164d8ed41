import { randomUUID } from "node:crypto";
import { Client as PgClient } from "pg";
import {
  AddCarerDocument,
  ConfirmBookingDocument,
  GrantRecordAccessDocument,
  HoldSlotDocument,
  PetsByIdsDocument,
  StartConversationDocument,
} from "../clients/__generated__/graphql";
import { berlin, buildClinic, ownerWithPet } from "./bookings-fixtures";
import {
  eventually,
  execute,
  onlyError,
  registerClinic,
  registerClinicMember,
  registerUser,
  registerVerifiedUser,
  startStack,
  type Stack,
} from "./harness";

/**
 * Only a pet's owners open it to a clinic (docs/decisions/0020). Every path that gives a clinic
 * access to a pet is tried here by a carer (FORBIDDEN: they know the pet exists) and a stranger
 * (NOT_FOUND), and the clinic is then shown not to see the pet.
 */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

/** An owner's pet shared with a carer, and a stranger. */
async function sharedPet() {
  const { owner, petId, petName } = await ownerWithPet(stack);
  const carer = await registerVerifiedUser(stack, "carer");
  const shared = await execute(
    stack.gateway.url,
    AddCarerDocument,
    { input: { petId, email: carer.email } },
    owner.token,
  );
  if (shared.errors) throw new Error(JSON.stringify(shared.errors));
  const stranger = await registerUser(stack, "stranger");
  return { owner, carer, stranger, petId, petName };
}

const sees = async (token: string, petId: string) =>
  (await execute(stack.gateway.url, PetsByIdsDocument, { ids: [petId] }, token)).data?.pets![0] ?? null;

/**
 * Waits until `vet`'s clinic sees a pet the owner opened to it after the attempts under test: pets
 * applies events in order, so by then anything those attempts caused has been applied too.
 */
async function afterEventsSettle(owner: { token: string }, petId: string) {
  const { clinicId } = await registerClinic(stack);
  const vet = await registerClinicMember(stack, clinicId);
  const started = await execute(
    stack.gateway.url,
    StartConversationDocument,
    { input: { clinicId, petId, subject: "Barrier", text: "Hello" } },
    owner.token,
  );
  if (started.errors) throw new Error(JSON.stringify(started.errors));
  expect(
    await eventually(
      () => sees(vet.token, petId),
      (pet) => pet !== null,
    ),
  ).not.toBeNull();
}

describe("only owners open a pet to a clinic", () => {
  it("by a conversation about the pet: a carer gets FORBIDDEN, a stranger NOT_FOUND, and the clinic never sees the pet", async () => {
    const { owner, carer, stranger, petId } = await sharedPet();
    const { clinicId } = await registerClinic(stack);
    const vet = await registerClinicMember(stack, clinicId);
    const input = { clinicId, petId, subject: "About your dog", text: "Can you take a look?" };

    const byCarer = await execute(stack.gateway.url, StartConversationDocument, { input }, carer.token);
    expect(onlyError(byCarer).extensions).toMatchObject({ code: "FORBIDDEN" });
    const byStranger = await execute(stack.gateway.url, StartConversationDocument, { input }, stranger.token);
    expect(onlyError(byStranger).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.petId" });

    await afterEventsSettle(owner, petId);
    expect(await sees(vet.token, petId)).toBeNull();
    // The carer may still write to a clinic, just not about someone else's pet.
    const withoutPet = await execute(
      stack.gateway.url,
      StartConversationDocument,
      { input: { ...input, petId: null } },
      carer.token,
    );
    expect(withoutPet.data?.startConversation).toMatchObject({ clinic: { id: clinicId }, pet: null });
  });

  it("by a record-access grant: a carer gets FORBIDDEN, a stranger NOT_FOUND, and the clinic never sees the pet", async () => {
    const { owner, carer, stranger, petId } = await sharedPet();
    const { clinicId } = await registerClinic(stack);
    const vet = await registerClinicMember(stack, clinicId);

    const byCarer = await execute(
      stack.gateway.url,
      GrantRecordAccessDocument,
      { input: { petId, clinicId } },
      carer.token,
    );
    expect(onlyError(byCarer).extensions).toMatchObject({ code: "FORBIDDEN" });
    const byStranger = await execute(
      stack.gateway.url,
      GrantRecordAccessDocument,
      { input: { petId, clinicId } },
      stranger.token,
    );
    expect(onlyError(byStranger).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.petId" });
    expect(await sees(vet.token, petId)).toBeNull();

    const byOwner = await execute(
      stack.gateway.url,
      GrantRecordAccessDocument,
      { input: { petId, clinicId } },
      owner.token,
    );
    expect(byOwner.data?.grantRecordAccess).toMatchObject({ clinic: { id: clinicId }, active: true });
    expect(await sees(vet.token, petId)).toMatchObject({
      id: petId,
      myRelationship: "CLINIC",
      myClinicAccess: [{ id: clinicId }],
    });
  });

  it("by a booking: a carer gets FORBIDDEN, a stranger NOT_FOUND, and the clinic never sees the pet", async () => {
    const { owner, carer, stranger, petId } = await sharedPet();
    const clinic = await buildClinic(stack);
    const vet = clinic.vets[0]!;
    const hold = async (token: string, days: number) => {
      const held = await execute(
        stack.gateway.url,
        HoldSlotDocument,
        {
          input: {
            clinicId: clinic.clinicId,
            serviceId: clinic.serviceId,
            vetId: vet.user.id,
            startsAt: berlin(days, "10:00"),
          },
        },
        token,
      );
      if (held.data?.holdSlot.__typename !== "SlotHold") throw new Error(JSON.stringify(held));
      return held.data.holdSlot.id;
    };

    const byCarer = await execute(
      stack.gateway.url,
      ConfirmBookingDocument,
      { input: { holdId: await hold(carer.token, 3), petId } },
      carer.token,
    );
    expect(onlyError(byCarer).extensions).toMatchObject({ code: "FORBIDDEN" });
    const byStranger = await execute(
      stack.gateway.url,
      ConfirmBookingDocument,
      { input: { holdId: await hold(stranger.token, 4), petId } },
      stranger.token,
    );
    expect(onlyError(byStranger).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.petId" });

    await afterEventsSettle(owner, petId);
    expect(await sees(vet.token, petId)).toBeNull();
  });

  it("by a conversation about the owner's booking: a carer gets NOT_FOUND (the booking is not theirs), and cannot name the pet either", async () => {
    const { owner, carer, petId } = await sharedPet();
    const clinic = await buildClinic(stack);
    const vet = clinic.vets[0]!;
    const held = await execute(
      stack.gateway.url,
      HoldSlotDocument,
      {
        input: {
          clinicId: clinic.clinicId,
          serviceId: clinic.serviceId,
          vetId: vet.user.id,
          startsAt: berlin(5, "10:00"),
        },
      },
      owner.token,
    );
    if (held.data?.holdSlot.__typename !== "SlotHold") throw new Error(JSON.stringify(held));
    const booked = await execute(
      stack.gateway.url,
      ConfirmBookingDocument,
      { input: { holdId: held.data.holdSlot.id, petId } },
      owner.token,
    );
    if (booked.data?.confirmBooking.__typename !== "Booking") throw new Error(JSON.stringify(booked));
    const bookingId = booked.data.confirmBooking.id;

    const aboutBooking = await execute(
      stack.gateway.url,
      StartConversationDocument,
      { input: { clinicId: clinic.clinicId, bookingId, subject: "Rex", text: "Hi" } },
      carer.token,
    );
    expect(onlyError(aboutBooking).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.bookingId" });
    const aboutBoth = await execute(
      stack.gateway.url,
      StartConversationDocument,
      { input: { clinicId: clinic.clinicId, bookingId, petId, subject: "Rex", text: "Hi" } },
      carer.token,
    );
    expect(onlyError(aboutBoth).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.bookingId" });
    // The owner may: the conversation is about their booking and its pet.
    const byOwner = await execute(
      stack.gateway.url,
      StartConversationDocument,
      { input: { clinicId: clinic.clinicId, bookingId, subject: "Rex", text: "Hi" } },
      owner.token,
    );
    expect(byOwner.data?.startConversation).toMatchObject({ pet: { id: petId }, booking: { id: bookingId } });
  });

  it("by an event that names someone who does not own the pet (an older or faulty writer): pets opens nothing", async () => {
    const { carer, petId } = await sharedPet();
    const { clinicId } = await registerClinic(stack);
    const vet = await registerClinicMember(stack, clinicId);
    // Written the way messaging and bookings write events: into their outbox, which their relays publish.
    const db = new PgClient({ connectionString: stack.databaseUrl });
    await db.connect();
    try {
      const conversationId = randomUUID();
      const bookingId = randomUUID();
      const endsAt = new Date(Date.now() + 86_400_000).toISOString();
      const written = [
        await db.query<{ id: string }>(
          `INSERT INTO messaging.outbox (type, aggregate_id, payload) VALUES ('conversation.started', $1, $2::jsonb) RETURNING id`,
          [
            conversationId,
            JSON.stringify({ conversationId, ownerId: carer.user.id, clinicId, petId, bookingId: null }),
          ],
        ),
        await db.query<{ id: string }>(
          `INSERT INTO bookings.outbox (type, aggregate_id, payload) VALUES ('booking.confirmed', $1, $2::jsonb) RETURNING id`,
          [
            bookingId,
            JSON.stringify({
              bookingId,
              clinicId,
              petId,
              ownerId: carer.user.id,
              vetId: vet.user.id,
              startsAt: endsAt,
              endsAt,
              sequence: 0,
            }),
          ],
        ),
      ].map((result) => result.rows[0]!.id);
      await db.query(`NOTIFY pawgraph_outbox`);
      // pets records each event it has applied (the event id is the outbox row's id): wait for both.
      const applied = await eventually(
        async () =>
          (
            await db.query(`SELECT count(*)::int AS n FROM pets.processed_events WHERE event_id = ANY($1::uuid[])`, [
              written,
            ])
          ).rows[0].n as number,
        (n) => n === 2,
        10_000,
      );
      expect(applied).toBe(2);
    } finally {
      await db.end();
    }
    expect(await sees(vet.token, petId)).toBeNull();
  });
});
