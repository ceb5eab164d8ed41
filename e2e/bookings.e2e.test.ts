import { DateTime } from "luxon";
import { randomUUID } from "node:crypto";
import ical, { type VEvent } from "node-ical";
import { Client } from "pg";
import {
  AddCarerDocument,
  AddScheduleOverrideDocument,
  ArchivePetDocument,
  AvailableSlotsDocument,
  CancelBookingDocument,
  ClinicCalendarDocument,
  ClinicDocument,
  ClinicsNearDocument,
  ConfirmBookingDocument,
  HoldSlotDocument,
  MyCalendarFeedDocument,
  MyUpcomingBookingsDocument,
  PetBookingsDocument,
  RescheduleBookingDocument,
  SetVetHoursDocument,
  UpdatePetDocument,
  UpdateClinicDocument,
  CreateClinicDocument,
  MeDocument,
  RefreshSessionDocument,
  ReleaseHoldDocument,
  ReviewClinicDocument,
} from "../clients/__generated__/graphql";
import { berlin, bookSlot, buildClinic, ownerWithPet } from "./bookings-fixtures";
import {
  adminToken,
  execute,
  onlyError,
  registerClinicMember,
  registerUser,
  registerVerifiedUser,
  startStack,
  type Stack,
} from "./harness";

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

function book(...args: Parameters<typeof bookSlot> extends [Stack, ...infer Rest] ? Rest : never) {
  return bookSlot(stack, ...args);
}

describe("finding a time", () => {
  it("computes slots in the clinic's time zone across the spring DST change", async () => {
    const clinic = await buildClinic(stack, {
      hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, starts: "09:00", ends: "10:00" })),
    });
    const { owner } = await ownerWithPet(stack);
    // Europe/Berlin moves its clocks forward on Sunday 28 March 2027.
    const slots = await execute(
      stack.gateway.url,
      AvailableSlotsDocument,
      {
        clinicId: clinic.clinicId,
        serviceId: clinic.serviceId,
        from: "2027-03-25T00:00:00+01:00",
        to: "2027-04-01T00:00:00+02:00",
      },
      owner.token,
    );
    expect(slots.errors).toBeUndefined();
    const local = slots.data!.availableSlots!.map((s) =>
      DateTime.fromISO(s.startsAt, { zone: "Europe/Berlin" }).toFormat("yyyy-MM-dd HH:mm"),
    );
    const days = ["2027-03-25", "2027-03-26", "2027-03-27", "2027-03-28", "2027-03-29", "2027-03-30", "2027-03-31"];
    expect(local).toEqual(days.flatMap((d) => [`${d} 09:00`, `${d} 09:15`, `${d} 09:30`]));
    const utc = (day: string) =>
      slots.data!.availableSlots!.find(
        (s) => DateTime.fromISO(s.startsAt, { zone: "Europe/Berlin" }).toFormat("yyyy-MM-dd HH:mm") === `${day} 09:00`,
      )!.startsAt;
    expect(utc("2027-03-27")).toBe("2027-03-27T08:00:00.000Z");
    expect(utc("2027-03-28")).toBe("2027-03-28T07:00:00.000Z");
  });

  it("orders clinics near a point by true distance and never shows unapproved clinics", async () => {
    const tag = randomUUID().slice(0, 8);
    // Around a remote point so clinics of other tests do not interfere: Tromsø, with clinics 1, 5 and 20 km away.
    const base = { lat: 69.6492, lng: 18.9553 };
    const offsets = [20, 1, 5];
    for (const km of offsets) {
      await buildClinic(stack, {
        clinic: {
          name: `Near ${tag} ${km}km`,
          latitude: base.lat + km / 111.2,
          longitude: base.lng,
          timeZone: "Europe/Oslo",
          country: "NO",
        },
        vets: 0,
      });
    }
    await buildClinic(stack, {
      clinic: {
        name: `Near ${tag} pending`,
        latitude: base.lat,
        longitude: base.lng,
        timeZone: "Europe/Oslo",
        country: "NO",
      },
      vets: 0,
      approve: false,
    });
    const { owner } = await ownerWithPet(stack);
    const found = await execute(
      stack.gateway.url,
      ClinicsNearDocument,
      { near: { ...base, radiusKm: 10 } },
      owner.token,
    );
    const names = found.data!.clinics!.edges.map((e) => e.node.name).filter((n) => n.includes(tag));
    expect(names).toEqual([`Near ${tag} 1km`, `Near ${tag} 5km`]);
    const distances = found
      .data!.clinics!.edges.filter((e) => e.node.name.includes(tag))
      .map((e) => e.node.distanceKm!);
    expect(distances[0]).toBeCloseTo(1, 1);
    expect(distances[1]).toBeCloseTo(5, 1);
    const wide = await execute(
      stack.gateway.url,
      ClinicsNearDocument,
      { near: { ...base, radiusKm: 50 }, first: 2 },
      owner.token,
    );
    const page2 = await execute(
      stack.gateway.url,
      ClinicsNearDocument,
      { near: { ...base, radiusKm: 50 }, first: 10, after: wide.data!.clinics!.pageInfo.endCursor },
      owner.token,
    );
    const all = [...wide.data!.clinics!.edges, ...page2.data!.clinics!.edges]
      .map((e) => e.node.name)
      .filter((n) => n.includes(tag));
    expect(all).toEqual([`Near ${tag} 1km`, `Near ${tag} 5km`, `Near ${tag} 20km`]);
    const bad = await execute(
      stack.gateway.url,
      ClinicsNearDocument,
      { near: { ...base, radiusKm: 5000 } },
      owner.token,
    );
    expect(onlyError(bad).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "near.radiusKm" });
  });

  it("hides an unapproved clinic from owners (NOT_FOUND) but not from its admin", async () => {
    const pending = await buildClinic(stack, { approve: false, vets: 0 });
    const { owner } = await ownerWithPet(stack);
    expect(
      onlyError(await execute(stack.gateway.url, ClinicDocument, { id: pending.clinicId }, owner.token)).extensions
        ?.code,
    ).toBe("NOT_FOUND");
    const slots = await execute(
      stack.gateway.url,
      AvailableSlotsDocument,
      { clinicId: pending.clinicId, serviceId: pending.serviceId, from: berlin(1, "00:00"), to: berlin(2, "00:00") },
      owner.token,
    );
    expect(onlyError(slots).extensions?.code).toBe("NOT_FOUND");
    expect(
      (await execute(stack.gateway.url, ClinicDocument, { id: pending.clinicId }, pending.clinicAdmin.token)).data
        ?.clinic!.status,
    ).toBe("PENDING");
  });
});

describe("booking", () => {
  it("50 concurrent holds of one slot: exactly one wins, 49 get SlotTakenError, one live appointment", async () => {
    const clinic = await buildClinic(stack);
    const vetId = clinic.vets[0]!.user.id;
    const startsAt = berlin(2, "10:00");
    const owners = await Promise.all(Array.from({ length: 50 }, () => ownerWithPet(stack)));
    const results = await Promise.all(
      owners.map(({ owner }) =>
        execute(
          stack.gateway.url,
          HoldSlotDocument,
          { input: { clinicId: clinic.clinicId, serviceId: clinic.serviceId, vetId, startsAt } },
          owner.token,
        ),
      ),
    );
    const kinds = results.map((r) => r.data?.holdSlot.__typename ?? JSON.stringify(r.errors));
    expect(kinds.filter((k) => k === "SlotHold")).toHaveLength(1);
    expect(kinds.filter((k) => k === "SlotTakenError")).toHaveLength(49);
    const winner = owners[kinds.indexOf("SlotHold")]!;
    const hold = results[kinds.indexOf("SlotHold")]!.data!.holdSlot;
    const confirmed = await execute(
      stack.gateway.url,
      ConfirmBookingDocument,
      { input: { holdId: hold.__typename === "SlotHold" ? hold.id : "", petId: winner.petId } },
      winner.owner.token,
    );
    expect(confirmed.data?.confirmBooking.__typename).toBe("Booking");
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM bookings.appointments WHERE vet_id = $1 AND starts_at = $2 AND status IN ('HELD', 'CONFIRMED')`,
      [vetId, startsAt],
    );
    expect(rows[0].n).toBe(1);
  }, 60_000);

  it("one person holds at most two slots at once, and can release a hold to free its slot", async () => {
    const clinic = await buildClinic(stack);
    const vetId = clinic.vets[0]!.user.id;
    const { owner } = await ownerWithPet(stack);
    const other = await ownerWithPet(stack);
    const holdAt = (token: string, time: string) =>
      execute(
        stack.gateway.url,
        HoldSlotDocument,
        { input: { clinicId: clinic.clinicId, serviceId: clinic.serviceId, vetId, startsAt: berlin(5, time) } },
        token,
      );
    const first = await holdAt(owner.token, "09:00");
    expect((await holdAt(owner.token, "09:30")).data?.holdSlot.__typename).toBe("SlotHold");
    expect((await holdAt(owner.token, "10:00")).data?.holdSlot).toMatchObject({
      __typename: "TooManyHoldsError",
      limit: 2,
    });
    const firstId = first.data!.holdSlot.__typename === "SlotHold" ? first.data!.holdSlot.id : "";
    // Someone else cannot release it, nor learn that it exists.
    expect(
      onlyError(
        await execute(stack.gateway.url, ReleaseHoldDocument, { input: { holdId: firstId } }, other.owner.token),
      ).extensions,
    ).toMatchObject({ code: "NOT_FOUND", field: "input.holdId" });
    expect(
      (await execute(stack.gateway.url, ReleaseHoldDocument, { input: { holdId: firstId } }, owner.token)).data
        ?.releaseHold,
    ).toBe(true);
    // The released slot is free for anyone, and the holder may hold another.
    expect((await holdAt(other.owner.token, "09:00")).data?.holdSlot.__typename).toBe("SlotHold");
    expect((await holdAt(owner.token, "10:00")).data?.holdSlot.__typename).toBe("SlotHold");
  });

  it("an expired hold frees the slot", async () => {
    const clinic = await buildClinic(stack, { clinic: { holdSeconds: 1 } });
    const vetId = clinic.vets[0]!.user.id;
    const startsAt = berlin(2, "11:00");
    const first = await ownerWithPet(stack);
    const second = await ownerWithPet(stack);
    const input = { clinicId: clinic.clinicId, serviceId: clinic.serviceId, vetId, startsAt };
    const hold = await execute(stack.gateway.url, HoldSlotDocument, { input }, first.owner.token);
    expect(hold.data?.holdSlot.__typename).toBe("SlotHold");
    expect(
      (await execute(stack.gateway.url, HoldSlotDocument, { input }, second.owner.token)).data?.holdSlot.__typename,
    ).toBe("SlotTakenError");
    await new Promise((resolve) => setTimeout(resolve, 1300));
    expect(
      (await execute(stack.gateway.url, HoldSlotDocument, { input }, second.owner.token)).data?.holdSlot.__typename,
    ).toBe("SlotHold");
    const late = await execute(
      stack.gateway.url,
      ConfirmBookingDocument,
      {
        input: {
          holdId: hold.data!.holdSlot.__typename === "SlotHold" ? hold.data!.holdSlot.id : "",
          petId: first.petId,
        },
      },
      first.owner.token,
    );
    expect(late.data?.confirmBooking.__typename).toBe("HoldExpiredError");
  });

  it("a reschedule to a taken slot leaves the original booking untouched; a free one moves it", async () => {
    const clinic = await buildClinic(stack);
    const vetId = clinic.vets[0]!.user.id;
    const a = await ownerWithPet(stack);
    const b = await ownerWithPet(stack);
    const mine = await book(a.owner, a.petId, clinic, vetId, berlin(3, "09:00"));
    await book(b.owner, b.petId, clinic, vetId, berlin(3, "10:00"));
    const clash = await execute(
      stack.gateway.url,
      RescheduleBookingDocument,
      { input: { bookingId: mine.id, startsAt: berlin(3, "10:15") } },
      a.owner.token,
    );
    expect(clash.data?.rescheduleBooking.__typename).toBe("SlotTakenError");
    const outside = await execute(
      stack.gateway.url,
      RescheduleBookingDocument,
      { input: { bookingId: mine.id, startsAt: berlin(3, "20:00") } },
      a.owner.token,
    );
    expect(outside.data?.rescheduleBooking.__typename).toBe("SlotUnavailableError");
    const unchanged = (await execute(stack.gateway.url, PetBookingsDocument, { id: a.petId }, a.owner.token)).data!.pet!
      .bookings!.edges[0]!.node;
    expect(unchanged).toMatchObject({ id: mine.id, startsAt: mine.startsAt, revision: 0 });
    const moved = await execute(
      stack.gateway.url,
      RescheduleBookingDocument,
      { input: { bookingId: mine.id, startsAt: berlin(3, "11:00") } },
      a.owner.token,
    );
    expect(moved.data?.rescheduleBooking).toMatchObject({
      __typename: "Booking",
      startsAt: berlin(3, "11:00"),
      revision: 1,
    });
  });

  it("owners cancel until the cut-off; the clinic cancels any time with a reason", async () => {
    const clinic = await buildClinic(stack, { clinic: { cancelCutoffHours: 48 } });
    const vetId = clinic.vets[0]!.user.id;
    const { owner, petId } = await ownerWithPet(stack);
    const soon = await book(owner, petId, clinic, vetId, berlin(1, "12:00"));
    const late = await execute(
      stack.gateway.url,
      CancelBookingDocument,
      { input: { bookingId: soon.id } },
      owner.token,
    );
    expect(late.data?.cancelBooking).toMatchObject({ __typename: "CancellationWindowClosedError" });
    // Moving a booking is cancelling its time: the same cut-off for owners, none for the clinic.
    const alsoSoon = await book(owner, petId, clinic, vetId, berlin(1, "14:00"));
    const moveLate = await execute(
      stack.gateway.url,
      RescheduleBookingDocument,
      { input: { bookingId: alsoSoon.id, startsAt: berlin(6, "10:00") } },
      owner.token,
    );
    expect(moveLate.data?.rescheduleBooking).toMatchObject({
      __typename: "CancellationWindowClosedError",
      cutoff: expect.any(String),
    });
    const movedByClinic = await execute(
      stack.gateway.url,
      RescheduleBookingDocument,
      { input: { bookingId: alsoSoon.id, startsAt: berlin(1, "15:00") } },
      clinic.clinicAdmin.token,
    );
    expect(movedByClinic.data?.rescheduleBooking).toMatchObject({ __typename: "Booking", status: "CONFIRMED" });
    const noReason = await execute(
      stack.gateway.url,
      CancelBookingDocument,
      { input: { bookingId: soon.id } },
      clinic.clinicAdmin.token,
    );
    expect(onlyError(noReason).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.reason" });
    const byClinic = await execute(
      stack.gateway.url,
      CancelBookingDocument,
      { input: { bookingId: soon.id, reason: "Vet is ill" } },
      clinic.clinicAdmin.token,
    );
    expect(byClinic.data?.cancelBooking).toMatchObject({
      __typename: "Booking",
      status: "CANCELLED",
      cancelReason: "Vet is ill",
      revision: 1,
    });
    const later = await book(owner, petId, clinic, vetId, berlin(5, "12:00"));
    const ok = await execute(stack.gateway.url, CancelBookingDocument, { input: { bookingId: later.id } }, owner.token);
    expect(ok.data?.cancelBooking).toMatchObject({ __typename: "Booking", status: "CANCELLED" });
    // The freed time can be booked again.
    expect((await book(owner, petId, clinic, vetId, berlin(5, "12:00"))).status).toBe("CONFIRMED");
  });

  it("only the clinic's vets get working hours and offer slots, not its other staff", async () => {
    const clinic = await buildClinic(stack);
    const receptionist = await registerClinicMember(stack, clinic.clinicId, "CLINIC_STAFF");
    const setHours = await execute(
      stack.gateway.url,
      SetVetHoursDocument,
      { input: { clinicId: clinic.clinicId, vetId: receptionist.user.id, hours: [] } },
      clinic.clinicAdmin.token,
    );
    expect(onlyError(setHours).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.vetId" });
    // The clinic's admin is staff too, not a vet.
    const asAdmin = await execute(
      stack.gateway.url,
      SetVetHoursDocument,
      { input: { clinicId: clinic.clinicId, vetId: clinic.clinicAdmin.user.id, hours: [] } },
      clinic.clinicAdmin.token,
    );
    expect(onlyError(asAdmin).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.vetId" });
  });

  it("staff of clinic A cannot manage clinic B; owners book only their own pets", async () => {
    const a = await buildClinic(stack);
    const b = await buildClinic(stack);
    const bVet = b.vets[0]!.user.id;
    const setHours = await execute(
      stack.gateway.url,
      SetVetHoursDocument,
      { input: { clinicId: b.clinicId, vetId: bVet, hours: [] } },
      a.clinicAdmin.token,
    );
    expect(onlyError(setHours).extensions?.code).toBe("FORBIDDEN");
    const calendar = await execute(
      stack.gateway.url,
      ClinicCalendarDocument,
      { clinicId: b.clinicId, from: berlin(0, "00:00"), to: berlin(7, "00:00") },
      a.clinicAdmin.token,
    );
    expect(onlyError(calendar).extensions?.code).toBe("FORBIDDEN");
    const owner = await ownerWithPet(stack);
    const booking = await book(owner.owner, owner.petId, b, bVet, berlin(4, "09:00"));
    const cancelByA = await execute(
      stack.gateway.url,
      CancelBookingDocument,
      { input: { bookingId: booking.id, reason: "not ours" } },
      a.clinicAdmin.token,
    );
    expect(onlyError(cancelByA).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.bookingId" });

    // Verified: the carer share below opens only to a verified address.
    const stranger = await registerVerifiedUser(stack, "stranger");
    const hold = await execute(
      stack.gateway.url,
      HoldSlotDocument,
      { input: { clinicId: b.clinicId, serviceId: b.serviceId, vetId: bVet, startsAt: berlin(4, "14:00") } },
      stranger.token,
    );
    const holdId = hold.data!.holdSlot.__typename === "SlotHold" ? hold.data!.holdSlot.id : "";
    const notMine = await execute(
      stack.gateway.url,
      ConfirmBookingDocument,
      { input: { holdId, petId: owner.petId } },
      stranger.token,
    );
    expect(onlyError(notMine).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.petId" });
    await execute(
      stack.gateway.url,
      AddCarerDocument,
      { input: { petId: owner.petId, email: stranger.email } },
      owner.owner.token,
    );
    const asCarer = await execute(
      stack.gateway.url,
      ConfirmBookingDocument,
      { input: { holdId, petId: owner.petId } },
      stranger.token,
    );
    expect(onlyError(asCarer).extensions?.code).toBe("FORBIDDEN");
  });

  it("confirming the same hold again (a retry after a lost answer) returns the same booking", async () => {
    const clinic = await buildClinic(stack);
    const vetId = clinic.vets[0]!.user.id;
    const { owner, petId } = await ownerWithPet(stack);
    const hold = await execute(
      stack.gateway.url,
      HoldSlotDocument,
      { input: { clinicId: clinic.clinicId, serviceId: clinic.serviceId, vetId, startsAt: berlin(4, "11:00") } },
      owner.token,
    );
    const holdId = hold.data!.holdSlot.__typename === "SlotHold" ? hold.data!.holdSlot.id : "";
    const first = await execute(stack.gateway.url, ConfirmBookingDocument, { input: { holdId, petId } }, owner.token);
    const again = await execute(stack.gateway.url, ConfirmBookingDocument, { input: { holdId, petId } }, owner.token);
    expect(first.data?.confirmBooking).toMatchObject({ __typename: "Booking", id: holdId, status: "CONFIRMED" });
    expect(again).toEqual(first);
    const bookings = await execute(stack.gateway.url, PetBookingsDocument, { id: petId }, owner.token);
    expect(bookings.data?.pet!.bookings?.edges.map((e) => e.node.id)).toEqual([holdId]);
  });

  it("a pet that has died, or that its owner archived, cannot be booked", async () => {
    const clinic = await buildClinic(stack);
    const vetId = clinic.vets[0]!.user.id;
    const confirmFor = async (owner: Awaited<ReturnType<typeof ownerWithPet>>, time: string) => {
      const hold = await execute(
        stack.gateway.url,
        HoldSlotDocument,
        { input: { clinicId: clinic.clinicId, serviceId: clinic.serviceId, vetId, startsAt: berlin(3, time) } },
        owner.owner.token,
      );
      const holdId = hold.data!.holdSlot.__typename === "SlotHold" ? hold.data!.holdSlot.id : "";
      return execute(
        stack.gateway.url,
        ConfirmBookingDocument,
        { input: { holdId, petId: owner.petId } },
        owner.owner.token,
      );
    };
    const died = await ownerWithPet(stack);
    const yesterday = DateTime.now().minus({ days: 1 }).toISODate()!;
    expect(
      (
        await execute(
          stack.gateway.url,
          UpdatePetDocument,
          { input: { id: died.petId, deceasedOn: yesterday } },
          died.owner.token,
        )
      ).errors,
    ).toBeUndefined();
    expect(onlyError(await confirmFor(died, "09:00")).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.petId",
    });
    const archived = await ownerWithPet(stack);
    expect(
      (await execute(stack.gateway.url, ArchivePetDocument, { input: { id: archived.petId } }, archived.owner.token))
        .errors,
    ).toBeUndefined();
    expect(onlyError(await confirmFor(archived, "09:30")).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.petId",
    });
    // Nothing was booked for either.
    for (const owner of [died, archived]) {
      const bookings = await execute(stack.gateway.url, PetBookingsDocument, { id: owner.petId }, owner.owner.token);
      expect(bookings.data?.pet!.bookings?.edges ?? []).toEqual([]);
    }
  });

  it("species limits and TELEVET meeting links", async () => {
    const clinic = await buildClinic(stack, { service: { name: "Tele-vet call", kind: "TELEVET", species: ["CAT"] } });
    const vetId = clinic.vets[0]!.user.id;
    const dog = await ownerWithPet(stack, "DOG");
    const hold = await execute(
      stack.gateway.url,
      HoldSlotDocument,
      { input: { clinicId: clinic.clinicId, serviceId: clinic.serviceId, vetId, startsAt: berlin(2, "15:00") } },
      dog.owner.token,
    );
    const holdId = hold.data!.holdSlot.__typename === "SlotHold" ? hold.data!.holdSlot.id : "";
    const refused = await execute(
      stack.gateway.url,
      ConfirmBookingDocument,
      { input: { holdId, petId: dog.petId } },
      dog.owner.token,
    );
    expect(onlyError(refused).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.petId" });
    const cat = await ownerWithPet(stack, "CAT");
    const booked = await book(cat.owner, cat.petId, clinic, vetId, berlin(2, "16:00"));
    expect(booked.meetingUrl).toMatch(/^https:\/\/meet\.jit\.si\/pawgraph-/);
    const upcoming = await execute(stack.gateway.url, MyUpcomingBookingsDocument, {}, cat.owner.token);
    expect(upcoming.data?.me!.upcomingBookings?.edges.map((e) => e.node.id)).toEqual([booked.id]);
  });
});

describe("time off", () => {
  it("time off over a confirmed booking is refused, naming the bookings in the way; once they are moved or cancelled it is taken", async () => {
    const clinic = await buildClinic(stack);
    const vetId = clinic.vets[0]!.user.id;
    const { owner, petId } = await ownerWithPet(stack);
    const booking = await book(owner, petId, clinic, vetId, berlin(6, "10:00"));
    const date = DateTime.fromISO(berlin(6, "10:00")).setZone("Europe/Berlin").toISODate()!;
    const off = (input: { starts?: string; ends?: string }) =>
      execute(
        stack.gateway.url,
        AddScheduleOverrideDocument,
        { input: { clinicId: clinic.clinicId, vetId, date, kind: "OFF", ...input } },
        clinic.clinicAdmin.token,
      );
    // A whole day, and just the morning, both hold the 10:00 booking; the afternoon does not.
    for (const times of [{}, { starts: "09:00", ends: "12:00" }]) {
      expect((await off(times)).data?.addScheduleOverride).toEqual({
        __typename: "BookingsInTheWayError",
        message: expect.any(String),
        bookings: [{ id: booking.id, startsAt: booking.startsAt }],
      });
    }
    expect((await off({ starts: "14:00", ends: "16:00" })).data?.addScheduleOverride).toMatchObject({
      __typename: "ScheduleOverrideAdded",
      date,
      kind: "OFF",
    });
    // Nothing was written for the refused ones: the booking's time is still the vet's.
    const cancelled = await execute(
      stack.gateway.url,
      CancelBookingDocument,
      { input: { bookingId: booking.id, reason: "Vet away" } },
      clinic.clinicAdmin.token,
    );
    expect(cancelled.data?.cancelBooking.__typename).toBe("Booking");
    expect((await off({})).data?.addScheduleOverride).toMatchObject({ __typename: "ScheduleOverrideAdded" });
  });
});

describe("calendar feeds", () => {
  it("serve a parseable iCal feed with a stable UID and a SEQUENCE that grows on reschedule", async () => {
    const clinic = await buildClinic(stack);
    const vetId = clinic.vets[0]!.user.id;
    const { owner, petId } = await ownerWithPet(stack);
    const booking = await book(owner, petId, clinic, vetId, berlin(6, "09:00"));
    const url = (await execute(stack.gateway.url, MyCalendarFeedDocument, { kind: "OWNER" }, owner.token)).data!.me!
      .calendarFeedUrl!;
    // Served at the gateway's origin, which forwards /calendar/* to bookings (docs/decisions/0060).
    expect(url.startsWith(`${new URL(stack.gateway.url).origin}/calendar/`)).toBe(true);
    const fetchEvent = async () => {
      const response = await fetch(url);
      expect(response.headers.get("content-type")).toMatch(/^text\/calendar/);
      const parsed = ical.sync.parseICS(await response.text());
      const events = Object.values(parsed).filter((c): c is VEvent => c?.type === "VEVENT");
      expect(events).toHaveLength(1);
      return events[0]!;
    };
    const before = await fetchEvent();
    expect(before.uid).toBe(`${booking.id}@pawgraph`);
    expect(Number(before.sequence)).toBe(0);
    expect(new Date(before.start).toISOString()).toBe(berlin(6, "09:00"));
    await execute(
      stack.gateway.url,
      RescheduleBookingDocument,
      { input: { bookingId: booking.id, startsAt: berlin(6, "13:00") } },
      owner.token,
    );
    const after = await fetchEvent();
    expect(after.uid).toBe(before.uid);
    expect(Number(after.sequence)).toBe(1);
    expect(new Date(after.start).toISOString()).toBe(berlin(6, "13:00"));
    await execute(stack.gateway.url, CancelBookingDocument, { input: { bookingId: booking.id } }, owner.token);
    const cancelled = await fetchEvent();
    expect(Number(cancelled.sequence)).toBe(2);
    expect(cancelled.status).toBe("CANCELLED");
    expect((await fetch(url.replace(/[^/]+\.ics$/, "not-a-token.ics"))).status).toBe(404);
    const vetFeed = await execute(stack.gateway.url, MyCalendarFeedDocument, { kind: "VET" }, owner.token);
    expect(onlyError(vetFeed).extensions?.code).toBe("FORBIDDEN");
  });
});

describe("managing a clinic", () => {
  it("clinic admins change their clinic's details and rules; others cannot", async () => {
    const clinic = await buildClinic(stack);
    const other = await buildClinic(stack, { vets: 0 });
    const input = {
      clinicId: clinic.clinicId,
      phone: "+49 30 1234567",
      cancelCutoffHours: 12,
      openingHours: [{ weekday: 6, opens: "10:00", closes: "14:00" }],
    };
    const updated = await execute(stack.gateway.url, UpdateClinicDocument, { input }, clinic.clinicAdmin.token);
    expect(updated.data?.updateClinic).toMatchObject({
      phone: "+49 30 1234567",
      cancelCutoffHours: 12,
      openingHours: [{ weekday: 6, opens: "10:00", closes: "14:00" }],
    });
    const byOtherAdmin = await execute(stack.gateway.url, UpdateClinicDocument, { input }, other.clinicAdmin.token);
    expect(onlyError(byOtherAdmin).extensions?.code).toBe("FORBIDDEN");
    const byVet = await execute(stack.gateway.url, UpdateClinicDocument, { input }, clinic.vets[0]!.token);
    expect(onlyError(byVet).extensions?.code).toBe("FORBIDDEN");
    const bad = await execute(
      stack.gateway.url,
      UpdateClinicDocument,
      { input: { clinicId: clinic.clinicId, openingHours: [{ weekday: 1, opens: "18:00", closes: "08:00" }] } },
      clinic.clinicAdmin.token,
    );
    expect(onlyError(bad).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.openingHours.0.closes" });
  });

  it("a vet's feed lists their appointments", async () => {
    const clinic = await buildClinic(stack);
    const vet = clinic.vets[0]!;
    const { owner, petId } = await ownerWithPet(stack);
    const booking = await book(owner, petId, clinic, vet.user.id, berlin(8, "10:00"));
    const url = (await execute(stack.gateway.url, MyCalendarFeedDocument, { kind: "VET" }, vet.token)).data!.me!
      .calendarFeedUrl!;
    const events = Object.values(ical.sync.parseICS(await (await fetch(url)).text())).filter(
      (c): c is VEvent => c?.type === "VEVENT",
    );
    expect(events.map((e) => e.uid)).toEqual([`${booking.id}@pawgraph`]);
  });
});

describe("clinic approval", () => {
  it("makes the clinic's creator its CLINIC_ADMIN (identity consumes clinic.approved)", async () => {
    const creator = await registerUser(stack, "founder");
    const created = await execute(
      stack.gateway.url,
      CreateClinicDocument,
      {
        input: {
          name: "Founder's clinic",
          addressLine: "Road 1",
          city: "Hamburg",
          country: "DE",
          latitude: 53.55,
          longitude: 9.99,
          timeZone: "Europe/Berlin",
        },
      },
      creator.token,
    );
    const clinicId = created.data!.createClinic.id;
    expect(created.data!.createClinic.status).toBe("PENDING");
    await execute(
      stack.gateway.url,
      ReviewClinicDocument,
      { input: { clinicId, approve: true } },
      await adminToken(stack),
    );
    let refreshToken = creator.refreshToken;
    let memberships: { clinicId: string; role: string }[] = [];
    for (let attempt = 0; attempt < 50 && !memberships.some((m) => m.clinicId === clinicId); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const refreshed = await execute(stack.gateway.url, RefreshSessionDocument, { input: { refreshToken } });
      refreshToken = refreshed.data!.refreshSession.refreshToken;
      const me = await execute(stack.gateway.url, MeDocument, {}, refreshed.data!.refreshSession.accessToken);
      memberships = me.data!.me!.clinicMemberships;
    }
    expect(memberships).toEqual([{ clinicId, role: "CLINIC_ADMIN" }]);
  });

  it("withdrawing an approved clinic cancels its upcoming bookings with the reason, so their owners are told", async () => {
    const clinic = await buildClinic(stack);
    const vetId = clinic.vets[0]!.user.id;
    const { owner, petId } = await ownerWithPet(stack);
    const booking = await book(owner, petId, clinic, vetId, berlin(3, "10:00"));
    const withdrawn = await execute(
      stack.gateway.url,
      ReviewClinicDocument,
      { input: { clinicId: clinic.clinicId, approve: false } },
      await adminToken(stack),
    );
    expect(withdrawn.data?.reviewClinic.status).toBe("REJECTED");
    const bookings = await execute(stack.gateway.url, PetBookingsDocument, { id: petId }, owner.token);
    expect(bookings.data?.pet!.bookings?.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({
        id: booking.id,
        status: "CANCELLED",
        cancelReason: expect.stringMatching(/no longer available/),
      }),
    ]);
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM bookings.outbox WHERE type = 'booking.cancelled' AND aggregate_id = $1`,
      [booking.id],
    );
    expect(rows[0].n).toBe(1);
  });
});
