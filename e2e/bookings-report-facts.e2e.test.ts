import { Client } from "pg";
import { CancelBookingDocument, MarkBookingNoShowDocument } from "../clients/__generated__/graphql";
import { berlin, bookSlot, buildClinic, ownerWithPet } from "./bookings-fixtures";
import { execute, onlyError, startStack, type Stack } from "./harness";

// What bookings' events tell the reports: the service's name and price, who cancelled in which
// capacity, and no-shows the clinic records.
let stack: Stack;
let db: Client;
beforeAll(async () => {
  stack = await startStack();
  db = new Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
});
afterAll(async () => {
  await db.end();
  await stack.stop();
});

async function eventsOf(bookingId: string): Promise<{ type: string; payload: Record<string, unknown> }[]> {
  const { rows } = await db.query(`SELECT type, payload FROM bookings.outbox WHERE aggregate_id = $1 ORDER BY seq`, [
    bookingId,
  ]);
  return rows;
}

/** The appointment as if it had started `minutes` ago: no API books the past, so the test moves it there. */
async function startedMinutesAgo(bookingId: string, minutes: number): Promise<void> {
  await db.query(
    `UPDATE bookings.appointments SET starts_at = now() - make_interval(mins => $2),
       ends_at = now() - make_interval(mins => $2) + (ends_at - starts_at) WHERE id = $1`,
    [bookingId, minutes],
  );
}

it("booking.confirmed carries the service's name and price; booking.cancelled says who cancelled, as what", async () => {
  const clinic = await buildClinic(stack, { service: { name: "Dental check", priceCents: 6250 } });
  const vetId = clinic.vets[0]!.user.id;
  const { owner, petId } = await ownerWithPet(stack);
  const mine = await bookSlot(stack, owner, petId, clinic, vetId, berlin(3, "10:00"));
  const theirs = await bookSlot(stack, owner, petId, clinic, vetId, berlin(3, "11:00"));
  await execute(stack.gateway.url, CancelBookingDocument, { input: { bookingId: mine.id } }, owner.token);
  await execute(
    stack.gateway.url,
    CancelBookingDocument,
    { input: { bookingId: theirs.id, reason: "The vet is ill" } },
    clinic.clinicAdmin.token,
  );

  const [confirmed, cancelledByOwner] = await eventsOf(mine.id);
  expect(confirmed).toMatchObject({
    type: "booking.confirmed",
    payload: { serviceName: "Dental check", priceMinor: 6250, currency: "EUR" },
  });
  expect(cancelledByOwner).toMatchObject({
    type: "booking.cancelled",
    payload: { cancelledBy: owner.user.id, cancelledByRole: "OWNER", priceMinor: 6250 },
  });
  const [, cancelledByClinic] = await eventsOf(theirs.id);
  expect(cancelledByClinic!.payload).toMatchObject({
    cancelledBy: clinic.clinicAdmin.user.id,
    cancelledByRole: "CLINIC",
  });
});

describe("no-shows", () => {
  it("the clinic's staff record one once the appointment has started: announced once, repeats change nothing", async () => {
    const clinic = await buildClinic(stack);
    const vet = clinic.vets[0]!;
    const { owner, petId } = await ownerWithPet(stack);
    const booking = await bookSlot(stack, owner, petId, clinic, vet.user.id, berlin(2, "09:00"));

    const early = await execute(
      stack.gateway.url,
      MarkBookingNoShowDocument,
      { input: { bookingId: booking.id } },
      vet.token,
    );
    expect(onlyError(early)).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "input.bookingId" } });

    await startedMinutesAgo(booking.id, 20);
    const byOwner = await execute(
      stack.gateway.url,
      MarkBookingNoShowDocument,
      { input: { bookingId: booking.id } },
      owner.token,
    );
    expect(onlyError(byOwner).extensions?.code).toBe("FORBIDDEN");

    for (let i = 0; i < 2; i++) {
      const marked = await execute(
        stack.gateway.url,
        MarkBookingNoShowDocument,
        { input: { bookingId: booking.id } },
        vet.token,
      );
      expect(marked.errors).toBeUndefined();
      expect(marked.data!.markBookingNoShow).toMatchObject({ id: booking.id, noShowAt: expect.any(String) });
    }
    const noShows = (await eventsOf(booking.id)).filter((e) => e.type === "booking.no_show");
    expect(noShows).toEqual([
      {
        type: "booking.no_show",
        payload: expect.objectContaining({ bookingId: booking.id, markedBy: vet.user.id, ownerId: owner.user.id }),
      },
    ]);
  });

  it("another clinic's staff get NOT_FOUND; a cancelled booking is not a no-show", async () => {
    const clinic = await buildClinic(stack);
    const other = await buildClinic(stack);
    const { owner, petId } = await ownerWithPet(stack);
    const booking = await bookSlot(stack, owner, petId, clinic, clinic.vets[0]!.user.id, berlin(2, "14:00"));
    await startedMinutesAgo(booking.id, 5);
    const stranger = await execute(
      stack.gateway.url,
      MarkBookingNoShowDocument,
      { input: { bookingId: booking.id } },
      other.clinicAdmin.token,
    );
    expect(onlyError(stranger).extensions?.code).toBe("NOT_FOUND");

    await execute(
      stack.gateway.url,
      CancelBookingDocument,
      { input: { bookingId: booking.id, reason: "Closed for a flood" } },
      clinic.clinicAdmin.token,
    );
    const cancelled = await execute(
      stack.gateway.url,
      MarkBookingNoShowDocument,
      { input: { bookingId: booking.id } },
      clinic.clinicAdmin.token,
    );
    expect(onlyError(cancelled).extensions?.code).toBe("BAD_USER_INPUT");
  });
});
