import { DateTime } from "luxon";
import { randomUUID } from "node:crypto";
import {
  AddClinicServiceDocument,
  ConfirmBookingDocument,
  HoldSlotDocument,
  GrantRoleDocument,
  RefreshSessionDocument,
  SetVetHoursDocument,
  type AddClinicServiceInput,
  type CreateClinicInput,
} from "../clients/__generated__/graphql";
import {
  adminToken,
  createPet,
  execute,
  registerClinic,
  registerClinicMember,
  registerUser,
  registerVerifiedUser,
  type Stack,
} from "./harness";

const EVERY_DAY_9_TO_17 = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, starts: "09:00", ends: "17:00" }));

/** Fixture builder: an approved clinic with an admin, `vets` vets working `hours`, and one service. */
export async function buildClinic(
  stack: Stack,
  options: {
    clinic?: Partial<CreateClinicInput>;
    service?: Partial<AddClinicServiceInput>;
    vets?: number;
    hours?: typeof EVERY_DAY_9_TO_17;
    approve?: boolean;
  } = {},
) {
  const { clinicId, creator } = await registerClinic(stack, {
    approve: options.approve,
    clinic: {
      minNoticeMinutes: 0,
      maxAdvanceDays: 365,
      openingHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: "08:00", closes: "18:00" })),
      ...options.clinic,
    },
  });
  const admin = await adminToken(stack);
  // The platform admin makes the creator the clinic's admin; the refreshed token carries the role.
  await execute(
    stack.gateway.url,
    GrantRoleDocument,
    { input: { userId: creator.user.id, role: "CLINIC_ADMIN", clinicId } },
    admin,
  );
  const refreshed = await execute(stack.gateway.url, RefreshSessionDocument, {
    input: { refreshToken: creator.refreshToken },
  });
  const clinicAdmin = { ...creator, token: refreshed.data!.refreshSession.accessToken };
  const service = await execute(
    stack.gateway.url,
    AddClinicServiceDocument,
    {
      input: {
        clinicId,
        name: "Consultation",
        durationMinutes: 30,
        priceCents: 4500,
        kind: "IN_PERSON",
        ...options.service,
      },
    },
    clinicAdmin.token,
  );
  if (!service.data) throw new Error(JSON.stringify(service.errors));
  const vets = [];
  for (let i = 0; i < (options.vets ?? 1); i++)
    vets.push(await addVet(stack, clinicId, clinicAdmin.token, options.hours));
  return { clinicId, clinicAdmin, serviceId: service.data.addClinicService.id, vets };
}

/** A new vet at the clinic working `hours` (every day 9–17 by default), set by the clinic's admin. */
export async function addVet(stack: Stack, clinicId: string, clinicAdminToken: string, hours = EVERY_DAY_9_TO_17) {
  const vet = await registerClinicMember(stack, clinicId, "VET");
  const set = await execute(
    stack.gateway.url,
    SetVetHoursDocument,
    { input: { clinicId, vetId: vet.user.id, hours } },
    clinicAdminToken,
  );
  if (set.errors) throw new Error(JSON.stringify(set.errors));
  return vet;
}

/** Holds and confirms a slot for `owner`'s pet: the booking, or an error naming the step that failed. */
export async function bookSlot(
  stack: Stack,
  owner: { token: string },
  petId: string,
  clinic: { clinicId: string; serviceId: string },
  vetId: string,
  startsAt: string,
) {
  const hold = await execute(
    stack.gateway.url,
    HoldSlotDocument,
    { input: { clinicId: clinic.clinicId, serviceId: clinic.serviceId, vetId, startsAt } },
    owner.token,
  );
  if (hold.data?.holdSlot.__typename !== "SlotHold") throw new Error(`hold failed: ${JSON.stringify(hold)}`);
  const confirmed = await execute(
    stack.gateway.url,
    ConfirmBookingDocument,
    { input: { holdId: hold.data.holdSlot.id, petId } },
    owner.token,
  );
  if (confirmed.data?.confirmBooking.__typename !== "Booking")
    throw new Error(`confirm failed: ${JSON.stringify(confirmed)}`);
  return confirmed.data.confirmBooking;
}

/** An owner with one pet; `verified`: the owner's address is verified (e.g. to receive health emails). */
export async function ownerWithPet(stack: Stack, species: "DOG" | "CAT" = "DOG", options: { verified?: boolean } = {}) {
  const owner = options.verified ? await registerVerifiedUser(stack, "owner") : await registerUser(stack, "owner");
  const pet = await createPet(stack, owner.token, { name: `Pet ${randomUUID().slice(0, 4)}`, species });
  return { owner, petId: pet.id, petName: pet.name };
}

/** `days` from today at HH:mm Berlin time, as an ISO instant. */
export function berlin(days: number, time: string): string {
  const [hour, minute] = time.split(":").map(Number);
  return DateTime.now()
    .setZone("Europe/Berlin")
    .plus({ days })
    .set({ hour, minute, second: 0, millisecond: 0 })
    .toUTC()
    .toISO()!;
}
