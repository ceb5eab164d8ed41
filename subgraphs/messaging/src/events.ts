import { z } from "zod";
import { defineEvent, privacyAnswersOf } from "@pawgraph/subgraph-kit";

/** The domain events messaging publishes through its outbox: name, version, payload schema and type. */
export const MESSAGING_SCHEMA = "messaging";

const CONVERSATION = "1b3d5f7a-9c1e-4b3d-8f5a-7c9e1b3d5faa";
const CLINIC = "0b9a4c2e-8d1f-4e6a-a7b3-5c2d9e8f1a22";
const OWNER = "2c4e6a8b-0d2f-4b6d-8f1a-3c5e7a9b1d66";

export const CONVERSATION_STARTED = defineEvent({
  source: MESSAGING_SCHEMA,
  name: "conversation.started",
  description:
    "An owner started a conversation with a clinic; about a pet, it lets the clinic's staff see that pet's profile.",
  payload: z.strictObject({
    conversationId: z.string().describe("The conversation."),
    ownerId: z.string().describe("The owner who started it."),
    clinicId: z.string().describe("The clinic written to."),
    petId: z.string().nullable().describe("The pet it is about, if any."),
    bookingId: z.string().nullable().describe("The booking it is about, if any."),
  }),
  example: {
    conversationId: CONVERSATION,
    ownerId: OWNER,
    clinicId: CLINIC,
    petId: "5e7f9a1b-3c5d-4e7f-8a9b-1c3d5e7f9a55",
    bookingId: null,
  },
});

export const MESSAGE_SENT = defineEvent({
  source: MESSAGING_SCHEMA,
  name: "message.sent",
  description: "A message was written in a conversation; messaging's notification consumer tells the other side.",
  payload: z.strictObject({
    messageId: z.string().describe("The message."),
    conversationId: z.string().describe("Its conversation."),
    clinicId: z.string().describe("The conversation's clinic."),
    ownerId: z.string().describe("The conversation's owner."),
    senderId: z.string().describe("Who wrote it."),
    senderSide: z.enum(["OWNER", "CLINIC"]).describe("Which side wrote it."),
    flagged: z.boolean().describe("Whether moderation held it for review."),
  }),
  example: {
    messageId: "3e5a7c9b-1d3f-4e5a-9c7b-1d3f5e7a9cbb",
    conversationId: CONVERSATION,
    clinicId: CLINIC,
    ownerId: OWNER,
    senderId: OWNER,
    senderSide: "OWNER",
    flagged: false,
  },
});

export type ConversationStartedPayload = z.infer<typeof CONVERSATION_STARTED.payload>;
export type MessageSentPayload = z.infer<typeof MESSAGE_SENT.payload>;

/** Every event messaging publishes; `npm run generate` writes each one's JSON Schema under events/messaging/. */
export const PUBLISHED_EVENTS = [
  CONVERSATION_STARTED,
  MESSAGE_SENT,
  // Its answers in privacy requests (the `privacy` option of startEventConsumers in app.ts), read by identity.
  ...Object.values(privacyAnswersOf(MESSAGING_SCHEMA)),
];
