import { z } from "zod";
import { defineEvent, privacyAnswersOf } from "@pawgraph/subgraph-kit";

/** The domain events pets publishes through its outbox: name, version, payload schema and type. */
export const PETS_SCHEMA = "pets";

const KINDS = ["CO_OWNER", "TRANSFER"] as const;
const kind = z
  .enum(KINDS)
  .describe("CO_OWNER: one more owner; TRANSFER: the invitee becomes the only owner (rehoming).");

const invitationCreated = z.strictObject({
  invitationId: z.string().describe("The invitation (PetInvitation.id)."),
  petId: z.string().describe("The pet."),
  petName: z.string().describe("The pet's name when the invitation was sent."),
  kind,
  email: z.string().describe("The address invited, in lower case; it may have no account yet."),
  invitedBy: z.string().describe("The owner who sent it (User.id)."),
  expiresAt: z.iso.datetime().describe("When it lapses unless answered."),
});

const invitationAccepted = z.strictObject({
  invitationId: z.string().describe("The invitation (PetInvitation.id)."),
  petId: z.string().describe("The pet."),
  petName: z.string().describe("The pet's name when the invitation was accepted."),
  kind,
  acceptedBy: z.string().describe("The invitee, now an owner (User.id)."),
  previousOwnerIds: z
    .array(z.string())
    .describe("The owners before (User ids); after a TRANSFER none of them but acceptedBy owns the pet any more."),
  ownerIds: z.array(z.string()).describe("The owners after (User ids)."),
});

const example = {
  invitationId: "7d3f5b1a-9c2e-4f6a-8b0d-1e3c5a7b9d11",
  petId: "5e7f9a1b-3c5d-4e7f-8a9b-1c3d5e7f9a55",
  petName: "Rex",
  kind: "CO_OWNER" as const,
};
const ownerId = "2c4e6a8b-0d2f-4b6d-8f1a-3c5e7a9b1d66";
const inviteeId = "4a6c8e0b-2d4f-4b6d-9e1a-5c7e9a1b3d77";

export const PET_INVITATION_CREATED = defineEvent({
  source: PETS_SCHEMA,
  name: "pet_invitation.created",
  description:
    "An owner invited an email address to co-own a pet or to take it over; the invitee can be told (they accept once signed in with that address, verified).",
  payload: invitationCreated,
  example: {
    ...example,
    email: "ben@example.com",
    invitedBy: ownerId,
    expiresAt: "2026-12-15T09:30:00.000Z",
  },
});

export const PET_INVITATION_ACCEPTED = defineEvent({
  source: PETS_SCHEMA,
  name: "pet_invitation.accepted",
  description:
    "An invitee accepted: they own the pet now; after a TRANSFER they are its only owner and the previous owners lost access.",
  payload: invitationAccepted,
  example: { ...example, acceptedBy: inviteeId, previousOwnerIds: [ownerId], ownerIds: [ownerId, inviteeId] },
});

/** Every event pets publishes; `npm run generate` writes each one's JSON Schema under events/pets/. */
export const PUBLISHED_EVENTS = [
  PET_INVITATION_CREATED,
  PET_INVITATION_ACCEPTED,
  // Its answers to identity's privacy requests (docs/decisions/0048).
  ...Object.values(privacyAnswersOf(PETS_SCHEMA)),
];
