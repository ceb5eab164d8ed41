import {
  PREVIEW_LENGTH,
  defaultEnabled,
  planMessageNotifications,
  planNotifications,
  vendorAudienceOf,
} from "./notification.content";

const booking = {
  bookingId: "b1",
  clinicId: "c1",
  serviceId: "s1",
  vetId: "v1",
  ownerId: "o1",
  petId: "p1",
  startsAt: "2026-12-01T09:30:00.000Z",
  endsAt: "2026-12-01T10:00:00.000Z",
  sequence: 0,
};
const pets = new Map([["p1", { name: "Rex", ownerIds: ["o1", "o2"] }]]);

describe("planNotifications", () => {
  it("a confirmed booking tells the owner and the vet, naming the pet and the time", () => {
    const plan = planNotifications({ type: "booking.confirmed", payload: booking }, pets);
    expect(plan).toEqual([
      {
        userId: "o1",
        type: "BOOKING_CONFIRMED",
        title: "Appointment confirmed",
        body: "Rex's appointment on Tue, 1 Dec 2026, 09:30 UTC is confirmed.",
        petId: "p1",
        bookingId: "b1",
        clinicId: "c1",
      },
      {
        userId: "v1",
        type: "BOOKING_CONFIRMED",
        title: "New appointment",
        body: "Rex is booked with you on Tue, 1 Dec 2026, 09:30 UTC.",
        petId: "p1",
        bookingId: "b1",
        clinicId: "c1",
      },
    ]);
  });

  it("says the clinic's name and the time in the clinic's time zone when the event carries them", () => {
    const berlin = { ...booking, clinicName: "Tierarztpraxis Mitte", clinicTimeZone: "Europe/Berlin" };
    expect(planNotifications({ type: "booking.confirmed", payload: berlin }, pets).map((p) => p.body)).toEqual([
      "Rex's appointment at Tierarztpraxis Mitte on Tue, 1 Dec 2026, 10:30 CET is confirmed.",
      "Rex is booked with you on Tue, 1 Dec 2026, 10:30 CET.",
    ]);
    const unknownZone = { ...booking, clinicTimeZone: "Mars/Olympus_Mons" };
    expect(planNotifications({ type: "booking.rescheduled", payload: unknownZone }, new Map())[0]?.body).toBe(
      "Your appointment moved to Tue, 1 Dec 2026, 09:30 UTC.",
    );
  });

  it("cancelled and rescheduled bookings have their own type and words", () => {
    expect(planNotifications({ type: "booking.cancelled", payload: booking }, pets)[0]).toMatchObject({
      type: "BOOKING_CANCELLED",
      body: "Rex's appointment on Tue, 1 Dec 2026, 09:30 UTC was cancelled.",
    });
    expect(planNotifications({ type: "booking.rescheduled", payload: booking }, new Map())[0]).toMatchObject({
      type: "BOOKING_RESCHEDULED",
      body: "Your appointment moved to Tue, 1 Dec 2026, 09:30 UTC.",
    });
  });

  it("reminders and vaccinations go to every owner of the pet", () => {
    const due = planNotifications(
      {
        type: "reminder.due",
        payload: { reminderId: "r1", petId: "p1", code: "RABIES", title: "Rabies booster", dueOn: "2026-12-10" },
      },
      pets,
    );
    expect(due.map((n) => [n.userId, n.body])).toEqual([
      ["o1", "Rex is due for Rabies booster on 10 Dec 2026."],
      ["o2", "Rex is due for Rabies booster on 10 Dec 2026."],
    ]);
    const recorded = planNotifications(
      {
        type: "vaccination.recorded",
        payload: {
          vaccinationId: "x",
          petId: "p1",
          clinicId: "c1",
          vaccine: "Rabies",
          vaccineCode: null,
          givenAt: "2026-11-20T10:00:00Z",
          nextDueOn: "2027-11-20",
        },
      },
      pets,
    );
    expect(recorded[0]).toMatchObject({
      type: "VACCINATION_RECORDED",
      body: "Rabies for Rex was recorded on 20 Nov 2026. Next due on 20 Nov 2027.",
    });
  });

  it("plans nothing for unknown events or pets it was not told about", () => {
    expect(planNotifications({ type: "message.sent", payload: {} }, pets)).toEqual([]);
    expect(
      planNotifications({ type: "reminder.due", payload: { petId: "unknown", title: "x", dueOn: "2026-12-10" } }, pets),
    ).toEqual([]);
  });

  it("email is on by default except for vaccination records and chat messages; in-app and push always", () => {
    expect(defaultEnabled("BOOKING_CONFIRMED", "EMAIL")).toBe(true);
    expect(defaultEnabled("VACCINATION_RECORDED", "EMAIL")).toBe(false);
    expect(defaultEnabled("MESSAGE_RECEIVED", "EMAIL")).toBe(false);
    expect(defaultEnabled("VACCINATION_RECORDED", "IN_APP")).toBe(true);
  });
});

describe("planMessageNotifications", () => {
  const notice = {
    conversationId: "k1",
    messageId: "m1",
    clinicId: "c1",
    petId: "p1",
    subject: "Limping",
    senderName: "Dr. Vera Vet",
    text: "Bring  him\nat 10.",
    attachmentCount: 0,
    recipientIds: ["o1"],
  };

  it("tells each recipient who wrote, about what, and the start of the message on one line", () => {
    expect(planMessageNotifications(notice)).toEqual([
      {
        userId: "o1",
        type: "MESSAGE_RECEIVED",
        title: "New message from Dr. Vera Vet",
        body: "Limping: Bring him at 10.",
        petId: "p1",
        bookingId: null,
        clinicId: "c1",
        conversationId: "k1",
        messageId: "m1",
      },
    ]);
    expect(defaultEnabled("MESSAGE_RECEIVED", "PUSH")).toBe(true);
  });

  it("cuts long messages to a preview and names files sent without text", () => {
    const [long] = planMessageNotifications({ ...notice, text: "word ".repeat(100) });
    expect(long!.body.length).toBe("Limping: ".length + PREVIEW_LENGTH);
    expect(long!.body.endsWith("…")).toBe(true);
    expect(planMessageNotifications({ ...notice, text: null, attachmentCount: 1 })[0]!.body).toBe(
      "Limping: sent a file",
    );
    expect(planMessageNotifications({ ...notice, text: null, attachmentCount: 3 })[0]!.body).toBe(
      "Limping: sent 3 files",
    );
    expect(planMessageNotifications({ ...notice, recipientIds: [] })).toEqual([]);
  });
});

describe("planNotifications: catalog's vendor and stock events", () => {
  const applicant = "0b9c6a3e-2f4d-4d7e-9a53-8c1f2e3d4a5b";
  const vendor = { vendorId: "v1", name: "Paws & Co", appliedBy: applicant };

  it("an approved vendor tells its applicant", () => {
    expect(planNotifications({ type: "vendor.approved", payload: { ...vendor, reviewedBy: "a1" } }, new Map())).toEqual(
      [
        {
          userId: applicant,
          type: "VENDOR_APPROVED",
          title: "Vendor approved",
          body: "Paws & Co is approved: you can now list products and manage stock. Sign in again to see it.",
          petId: null,
          bookingId: null,
          clinicId: null,
        },
      ],
    );
  });

  it("a rejected vendor tells its applicant why", () => {
    const plan = planNotifications(
      { type: "vendor.rejected", payload: { ...vendor, reason: "No trade licence" } },
      new Map(),
    );
    expect(plan).toMatchObject([
      { userId: applicant, type: "VENDOR_REJECTED", body: "Paws & Co was not approved. Reason: No trade licence" },
    ]);
  });

  it("an applicant id that is no account of ours plans nothing", () => {
    expect(planNotifications({ type: "vendor.approved", payload: { ...vendor, appliedBy: "x" } }, new Map())).toEqual(
      [],
    );
  });

  const low = {
    vendorId: "v1",
    vendorName: "Paws & Co",
    productId: "p1",
    productTitle: "Salmon kibble 2 kg",
    variantId: "pv1",
    sku: "SAL-2",
    locationId: "l1",
    available: 3,
    lowLevel: 5,
  };

  const admins = (ids: string[]) => new Map([["v1", ids]]);

  it("low stock tells each of the vendor's admins, and says when it is out", () => {
    const plan = planNotifications({ type: "stock.low", payload: low }, new Map(), admins(["a1", "a2"]));
    expect(plan.map((p) => [p.userId, p.type, p.title, p.body])).toEqual([
      [
        "a1",
        "STOCK_LOW",
        "Low stock: Salmon kibble 2 kg",
        "Salmon kibble 2 kg (SKU SAL-2) at Paws & Co is down to 3 (low level 5).",
      ],
      [
        "a2",
        "STOCK_LOW",
        "Low stock: Salmon kibble 2 kg",
        "Salmon kibble 2 kg (SKU SAL-2) at Paws & Co is down to 3 (low level 5).",
      ],
    ]);
    expect(
      planNotifications({ type: "stock.low", payload: { ...low, available: 0 } }, new Map(), admins(["a1"]))[0]?.body,
    ).toBe("Salmon kibble 2 kg (SKU SAL-2) at Paws & Co is out of stock.");
    expect(planNotifications({ type: "stock.low", payload: low }, new Map())).toEqual([]);
  });

  it("low stock needs the vendor's admins; vendor events need no vendor's people", () => {
    expect(vendorAudienceOf({ type: "stock.low", payload: low })).toEqual({ vendorIds: ["v1"], adminsOnly: true });
    expect(vendorAudienceOf({ type: "vendor.approved", payload: vendor })).toEqual({
      vendorIds: [],
      adminsOnly: false,
    });
  });
});
