import { Client as PgClient } from "pg";
import type { GraphQLFormattedError } from "graphql";
import {
  ConfirmBookingDocument,
  HoldSlotDocument,
  NotificationsDocument,
  PetHealthRecordFhirDocument,
  PetsByIdsDocument,
  ReleaseHoldDocument,
} from "../clients/__generated__/graphql";
import { berlin, buildClinic, ownerWithPet } from "./bookings-fixtures";
import { eventually, execute, restartPets, startStack, type Stack } from "./harness";
import { startTcpProxy, type TcpProxy } from "./tcp-proxy";

/**
 * Postgres faults (docs/decisions/0022): dropped connections cost at most the statements in flight
 * and never a process; while the database is unreachable, reads answer SERVICE_UNAVAILABLE (never
 * NOT_FOUND, which would tell an owner their pet is not theirs); the stack recovers by itself.
 * The stack reaches its own database through a TCP proxy the test can cut.
 */
let stack: Stack;
let proxy: TcpProxy;
/** A connection of the test's own, straight to the stack's database (not through the proxy). */
let direct: PgClient;

beforeAll(async () => {
  proxy = await startTcpProxy(process.env.DATABASE_URL!);
  stack = await startStack({
    ownDatabase: true,
    databaseServer: proxy.via(process.env.DATABASE_URL!),
    messaging: { consumeEvents: true },
  });
  const url = new URL(stack.databaseUrl);
  const server = new URL(process.env.DATABASE_URL!);
  url.hostname = server.hostname;
  url.port = server.port;
  direct = new PgClient({ connectionString: url.toString() });
  await direct.connect();
});
afterAll(async () => {
  await direct.end();
  await stack.stop();
  await proxy.stop();
});

const subgraphs = () => [
  stack.identity,
  stack.pets,
  stack.ehr,
  stack.bookings,
  stack.catalog,
  stack.orders,
  stack.ai,
  stack.messaging,
  stack.reports,
];
const readiness = async () =>
  Promise.all(subgraphs().map(async (s) => (await fetch(new URL("/readyz", s.url))).status));

/** Ends every connection to the stack's database but the test's own, as a failover or an administrator would. */
async function terminateConnections(): Promise<number> {
  const { rowCount } = await direct.query(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
  );
  return rowCount ?? 0;
}

let day = 1;
/** Holds whose confirmation failed: an app gives them back (one person holds at most two at once). */
const stranded: string[] = [];
async function book(clinic: Awaited<ReturnType<typeof buildClinic>>, owner: { token: string }, petId: string) {
  const vet = clinic.vets[0]!;
  const hold = await execute(
    stack.gateway.url,
    HoldSlotDocument,
    {
      input: {
        clinicId: clinic.clinicId,
        serviceId: clinic.serviceId,
        vetId: vet.user.id,
        startsAt: berlin(day++, "10:00"),
      },
    },
    owner.token,
  );
  if (hold.data?.holdSlot.__typename !== "SlotHold") return { errors: hold.errors ?? [], bookingId: undefined };
  const confirmed = await execute(
    stack.gateway.url,
    ConfirmBookingDocument,
    { input: { holdId: hold.data.holdSlot.id, petId } },
    owner.token,
  );
  const booking = confirmed.data?.confirmBooking;
  if (booking?.__typename !== "Booking") stranded.push(hold.data.holdSlot.id);
  return { errors: confirmed.errors ?? [], bookingId: booking?.__typename === "Booking" ? booking.id : undefined };
}

async function notifiedBookings(token: string): Promise<Set<string>> {
  const result = await execute(stack.gateway.url, NotificationsDocument, { first: 100 }, token);
  return new Set(
    (result.data?.notifications?.edges ?? [])
      .filter((e) => e.node.type === "BOOKING_CONFIRMED")
      .map((e) => e.node.bookingId!),
  );
}

const codes = (errors: readonly GraphQLFormattedError[] | undefined) => (errors ?? []).map((e) => e.extensions?.code);

describe("Postgres faults", () => {
  it("connections terminated again and again while relays and consumers run: no process falls over, nothing is lost, bookings afterwards reach pets and messaging", async () => {
    const clinic = await buildClinic(stack);
    const { owner, petId } = await ownerWithPet(stack);

    // Bookings keep the outbox relays and consumers busy while every connection is dropped every 100 ms.
    const confirmed: string[] = [];
    const failures: (string | unknown)[] = [];
    let storming = true;
    const traffic = (async () => {
      while (storming) {
        const { bookingId, errors } = await book(clinic, owner, petId);
        if (bookingId) confirmed.push(bookingId);
        failures.push(...codes(errors));
      }
    })();
    let terminated = 0;
    for (let round = 0; round < 30; round++) {
      terminated += await terminateConnections();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    storming = false;
    await traffic;
    expect(terminated).toBeGreaterThan(30);
    // A statement in flight when its connection dropped failed, and said why.
    expect(failures.filter((code) => code !== "SERVICE_UNAVAILABLE")).toEqual([]);

    // Every subgraph still runs and its database answers again.
    expect(await eventually(readiness, (statuses) => statuses.every((s) => s === 200))).toEqual(
      subgraphs().map(() => 200),
    );
    // The app gives back the holds it could not confirm during the storm (releaseHold; already gone is fine).
    for (const holdId of stranded.splice(0)) {
      const released = await execute(stack.gateway.url, ReleaseHoldDocument, { input: { holdId } }, owner.token);
      expect(released.errors?.[0]?.extensions?.code ?? "RELEASED").toMatch(/^(RELEASED|NOT_FOUND)$/);
    }
    // A booking made afterwards goes through at once and reaches pets (the clinic sees the pet) and messaging (the owner is told).
    const after = await book(clinic, owner, petId);
    expect(after.errors).toEqual([]);
    expect(after.bookingId).toBeDefined();
    const vet = clinic.vets[0]!;
    const seen = await eventually(
      async () =>
        (await execute(stack.gateway.url, PetsByIdsDocument, { ids: [petId] }, vet.token)).data?.pets?.[0] ?? null,
      (pet) => pet !== null,
      15_000,
    );
    expect(seen?.id).toBe(petId);
    // Every booking confirmed during the storm is notified too: the outbox waited, nothing was lost.
    const expected = [...confirmed, after.bookingId!];
    const notified = await eventually(
      () => notifiedBookings(owner.token),
      (ids) => expected.every((id) => ids.has(id)),
      15_000,
    );
    expect(expected.filter((id) => !notified.has(id))).toEqual([]);
  });

  it("while the database is unreachable, the pet's owner is told SERVICE_UNAVAILABLE by pets and ehr, never NOT_FOUND; reads work again once it is back", async () => {
    const { owner, petId } = await ownerWithPet(stack);
    expect(
      (await execute(stack.gateway.url, PetHealthRecordFhirDocument, { petId }, owner.token)).errors,
    ).toBeUndefined();

    proxy.cut();
    try {
      const record = await execute(stack.gateway.url, PetHealthRecordFhirDocument, { petId }, owner.token);
      expect(record.data).toEqual({ petHealthRecordFhir: null });
      expect(codes(record.errors)).toEqual(["SERVICE_UNAVAILABLE"]);
      expect(record.errors![0]!.message).not.toMatch(/not found|127\.0\.0\.1|ECONN|terminated/i);
      // pets itself: an error, not a list with a null in it (which reads as "not yours").
      const pets = await execute(stack.gateway.url, PetsByIdsDocument, { ids: [petId] }, owner.token);
      expect(codes(pets.errors)).toEqual(["SERVICE_UNAVAILABLE"]);
      expect(pets.data?.pets ?? null).toBeNull();
      expect(await readiness()).toEqual(subgraphs().map(() => 503));
    } finally {
      proxy.restore();
    }

    const back = await eventually(
      () => execute(stack.gateway.url, PetHealthRecordFhirDocument, { petId }, owner.token),
      (r) => r.errors === undefined,
    );
    expect(back.errors).toBeUndefined();
    expect(await readiness()).toEqual(subgraphs().map(() => 200));
  });

  it("while pets is down, ehr answers the owner SERVICE_UNAVAILABLE, not NOT_FOUND or an internal error", async () => {
    const { owner, petId } = await ownerWithPet(stack);
    await stack.pets.stop();
    try {
      const record = await execute(stack.gateway.url, PetHealthRecordFhirDocument, { petId }, owner.token);
      expect(codes(record.errors)).toEqual(["SERVICE_UNAVAILABLE"]);
    } finally {
      await restartPets(stack, { stopped: true });
    }
    expect(
      (await execute(stack.gateway.url, PetHealthRecordFhirDocument, { petId }, owner.token)).errors,
    ).toBeUndefined();
  });
});
