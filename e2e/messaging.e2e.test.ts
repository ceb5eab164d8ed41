import { randomUUID } from "node:crypto";
import {
  ConversationMessagesDocument,
  DeleteMessageDocument,
  EditMessageDocument,
  FlaggedMessagesDocument,
  MarkConversationReadDocument,
  MyConversationsDocument,
  ReviewFlaggedMessageDocument,
  SendMessageDocument,
  StartConversationDocument,
} from "../clients/__generated__/graphql";
import { ownerWithPet } from "./bookings-fixtures";
import { execute, onlyError, registerClinicMember, registerUser, startStack, type Stack } from "./harness";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

/** An owner, their pet, a clinic's vet and admin, and a conversation the owner started. */
async function conversationSetup() {
  const { owner, petId, petName } = await ownerWithPet(stack);
  const clinicId = randomUUID();
  const vet = await registerClinicMember(stack, clinicId, "VET");
  const admin = await registerClinicMember(stack, clinicId, "CLINIC_ADMIN");
  const started = await execute(stack.gateway.url, StartConversationDocument, { input: { clinicId, petId, subject: "Limping", text: "Rex limps since yesterday." } }, owner.token);
  if (!started.data) throw new Error(JSON.stringify(started.errors));
  return { owner, vet, admin, clinicId, petId, petName, conversationId: started.data.startConversation.id };
}

describe("messaging (HTTP; realtime delivery comes with subscriptions)", () => {
  it("owner and clinic staff chat, with names from identity and the pet from pets; unread counts and read receipts", async () => {
    const { owner, vet, conversationId, petName } = await conversationSetup();
    const reply = await execute(stack.gateway.url, SendMessageDocument, { input: { conversationId, text: "Please come in tomorrow at 10." } }, vet.token);
    expect(reply.data?.sendMessage).toMatchObject({ text: "Please come in tomorrow at 10.", sender: { id: vet.user.id, displayName: vet.user.displayName } });

    const asOwner = await execute(stack.gateway.url, ConversationMessagesDocument, { id: conversationId }, owner.token);
    expect(asOwner.data?.conversation.unreadCount).toBe(1);
    expect(asOwner.data?.conversation.messages.edges.map((e) => e.node.text)).toEqual(["Please come in tomorrow at 10.", "Rex limps since yesterday."]);
    const list = await execute(stack.gateway.url, MyConversationsDocument, {}, owner.token);
    expect(list.data?.unreadMessages).toEqual({ messages: 1, conversations: 1 });
    const read = await execute(stack.gateway.url, MarkConversationReadDocument, { input: { conversationId } }, owner.token);
    expect(read.data?.markConversationRead.unreadCount).toBe(0);
    expect((await execute(stack.gateway.url, MyConversationsDocument, {}, owner.token)).data?.unreadMessages).toEqual({ messages: 0, conversations: 0 });
    // Replying counts as reading: the vet has nothing unread until the owner writes again.
    const asVet = await execute(stack.gateway.url, ConversationMessagesDocument, { id: conversationId }, vet.token);
    expect(asVet.data?.conversation).toMatchObject({ unreadCount: 0, owner: { id: owner.user.id, displayName: owner.user.displayName } });
    await execute(stack.gateway.url, SendMessageDocument, { input: { conversationId, text: "Thanks, we will be there." } }, owner.token);
    expect((await execute(stack.gateway.url, ConversationMessagesDocument, { id: conversationId }, vet.token)).data?.conversation.unreadCount).toBe(1);
    const started = await execute(stack.gateway.url, StartConversationDocument, { input: { clinicId: randomUUID(), petId: (await ownerWithPet(stack)).petId, subject: "x", text: "y" } }, owner.token);
    expect(onlyError(started).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.petId" });
    expect(petName).toBeTruthy();
  });

  it("someone outside the conversation gets NOT_FOUND; only the sender edits or deletes", async () => {
    const { owner, vet, conversationId } = await conversationSetup();
    const stranger = await registerUser(stack, "stranger");
    const otherClinicVet = await registerClinicMember(stack, randomUUID(), "VET");
    for (const outsider of [stranger, otherClinicVet]) {
      expect(onlyError(await execute(stack.gateway.url, ConversationMessagesDocument, { id: conversationId }, outsider.token)).extensions?.code).toBe("NOT_FOUND");
      const send = await execute(stack.gateway.url, SendMessageDocument, { input: { conversationId, text: "hi" } }, outsider.token);
      expect(onlyError(send).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.conversationId" });
    }
    const messageId = (await execute(stack.gateway.url, ConversationMessagesDocument, { id: conversationId }, owner.token)).data!.conversation.messages.edges[0]!.node.id;
    const vetEdit = await execute(stack.gateway.url, EditMessageDocument, { input: { messageId, text: "changed" } }, vet.token);
    expect(onlyError(vetEdit).extensions?.code).toBe("FORBIDDEN");
    const edited = await execute(stack.gateway.url, EditMessageDocument, { input: { messageId, text: "Rex limps on the left hind leg." } }, owner.token);
    expect(edited.data?.editMessage).toMatchObject({ text: "Rex limps on the left hind leg.", edited: true });
    const deleted = await execute(stack.gateway.url, DeleteMessageDocument, { input: { messageId } }, owner.token);
    expect(deleted.data?.deleteMessage).toMatchObject({ text: null, deleted: true });
    const empty = await execute(stack.gateway.url, SendMessageDocument, { input: { conversationId, text: "   " } }, owner.token);
    expect(onlyError(empty).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.text" });
  });

  it("masks card numbers before storing and queues abusive messages for the clinic's admins", async () => {
    const { owner, vet, admin, clinicId, conversationId } = await conversationSetup();
    const card = await execute(stack.gateway.url, SendMessageDocument, { input: { conversationId, text: "Pay with 4111 1111 1111 1111 please" } }, owner.token);
    expect(card.data?.sendMessage).toMatchObject({ text: "Pay with [card number ending 1111] please", masked: true });
    const rude = await execute(stack.gateway.url, SendMessageDocument, { input: { conversationId, text: "You are an idiot" } }, owner.token);
    const rudeId = rude.data!.sendMessage.id;
    expect(onlyError(await execute(stack.gateway.url, FlaggedMessagesDocument, { clinicId }, vet.token)).extensions?.code).toBe("FORBIDDEN");
    const queue = await execute(stack.gateway.url, FlaggedMessagesDocument, { clinicId }, admin.token);
    expect(queue.data?.flaggedMessages).toEqual([{ reasons: ['abusive language: "idiot"'], message: expect.objectContaining({ id: rudeId }) }]);
    const removed = await execute(stack.gateway.url, ReviewFlaggedMessageDocument, { input: { messageId: rudeId, action: "REMOVE" } }, admin.token);
    expect(removed.data?.reviewFlaggedMessage).toMatchObject({ text: null, deleted: true });
    expect((await execute(stack.gateway.url, FlaggedMessagesDocument, { clinicId }, admin.token)).data?.flaggedMessages).toEqual([]);
  });
});
