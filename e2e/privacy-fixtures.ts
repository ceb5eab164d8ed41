import { PERSONAL_DATA as ai } from "@pawgraph/ai";
import { PERSONAL_DATA as bookings } from "@pawgraph/bookings";
import { PERSONAL_DATA as catalog } from "@pawgraph/catalog";
import { PERSONAL_DATA as ehr } from "@pawgraph/ehr";
import { PERSONAL_DATA as identity } from "@pawgraph/identity";
import { PERSONAL_DATA as messaging } from "@pawgraph/messaging";
import { PERSONAL_DATA as orders } from "@pawgraph/orders";
import { PERSONAL_DATA as pets } from "@pawgraph/pets";
import { PERSONAL_DATA as reports } from "@pawgraph/reports";
import { collectPersonalData, type PersonalDataRegistry } from "@pawgraph/subgraph-kit";
import type { Pool } from "pg";
import {
  AcceptPetInvitationDocument,
  AddHomeNoteDocument,
  AddToCartDocument,
  AskAssistantDocument,
  InviteCoOwnerDocument,
} from "../clients/__generated__/graphql";
import { berlin, bookSlot, buildClinic } from "./bookings-fixtures";
import { applyVendor } from "./catalog-fixtures";
import { createPet, registerVerifiedUser } from "./fixtures";
import { execute, type Stack } from "./harness";
import { shopWithStock } from "./orders-fixtures";

/** Every subgraph's list of where personal data lives (docs/decisions/0044). */
export const REGISTRIES: PersonalDataRegistry[] = [
  identity,
  pets,
  ehr,
  bookings,
  catalog,
  orders,
  messaging,
  ai,
  reports,
];

type Person = Awaited<ReturnType<typeof registerVerifiedUser>>;
type Clinic = Awaited<ReturnType<typeof buildClinic>>;
type Shop = Awaited<ReturnType<typeof shopWithStock>>;

/** What a person's data in every subgraph is built on: one clinic and one shop for the whole file. */
export async function privacyWorld(stack: Stack) {
  return { clinic: await buildClinic(stack), shop: await shopWithStock(stack, [{ priceMinor: 1299, stock: 100 }]) };
}

let nextHour = 9;

const must = <T>(response: { data?: T | null; errors?: unknown }, what: string): T => {
  if (!response.data) throw new Error(`${what} failed: ${JSON.stringify(response.errors)}`);
  return response.data;
};

/**
 * A verified person with data in every subgraph that takes requests from people: a pet of their
 * own with a home note (pets, ehr), a booking for it (bookings, messaging's notification, reports'
 * facts), a question to the assistant (ai), a vendor application (catalog) and a cart (orders).
 */
export async function personWithData(stack: Stack, world: { clinic: Clinic; shop: Shop }, label: string) {
  const url = stack.gateway.url;
  const person = await registerVerifiedUser(stack, label);
  const pet = await createPet(stack, person.token, { name: `${label} pet` });
  must(
    await execute(
      url,
      AddHomeNoteDocument,
      { input: { petId: pet.id, text: `${label} likes the lake` } },
      person.token,
    ),
    "addHomeNote",
  );
  const hour = nextHour++;
  const booking = await bookSlot(
    stack,
    person,
    pet.id,
    world.clinic,
    world.clinic.vets[0]!.user.id,
    berlin(4, `${hour}:00`),
  );
  must(
    await execute(
      url,
      AskAssistantDocument,
      { input: { question: "How often should a dog be walked?" } },
      person.token,
    ),
    "askAssistant",
  );
  await applyVendor(stack, person.token, { name: `${label} shop ${Date.now()}` });
  must(
    await execute(
      url,
      AddToCartDocument,
      { input: { variantId: world.shop.variantIds[0]!, quantity: 1 } },
      person.token,
    ),
    "addToCart",
  );
  return { ...person, pet, booking };
}

/** Makes `coOwner` an owner of `owner`'s pet (invited by email, accepted). */
export async function shareOwnership(stack: Stack, owner: Person, coOwner: Person, petId: string): Promise<void> {
  const url = stack.gateway.url;
  const invited = must(
    await execute(url, InviteCoOwnerDocument, { input: { petId, email: coOwner.email } }, owner.token),
    "inviteCoOwner",
  );
  must(
    await execute(
      url,
      AcceptPetInvitationDocument,
      { input: { invitationId: invited.inviteCoOwner.id } },
      coOwner.token,
    ),
    "acceptPetInvitation",
  );
}

/**
 * What every listed table still holds about the person, by `schema.table`: the rows an export would
 * carry. Tables whose rows lapse by themselves (`expire`) are left out.
 */
export async function remainingPersonalData(pool: Pool, subject: { userId: string; email: string }) {
  const left: Record<string, number> = {};
  for (const registry of REGISTRIES) {
    const tables = await collectPersonalData(pool, registry, subject);
    for (const [table, rows] of Object.entries(tables))
      if (rows.length > 0 && registry.tables[table]!.erasure !== "expire")
        left[`${registry.schema}.${table}`] = rows.length;
  }
  return left;
}
