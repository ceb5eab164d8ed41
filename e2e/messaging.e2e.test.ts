import {
  ConfirmBookingDocument,
  ConversationMessagesDocument,
  HoldSlotDocument,
  DeleteMessageDocument,
  EditMessageDocument,
  FlaggedMessagesDocument,
  MarkConversationReadDocument,
  MyConversationsDocument,
  PetHealthTimelineDocument,
  PetsByIdsDocument,
  RequestMessageAttachmentUploadDocument,
  ReviewFlaggedMessageDocument,
  SendMessageDocument,
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
  startStack,
  type Stack,
} from "./harness";
import { startedConversation } from "./messaging-fixtures";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

/** An owner, their pet, a clinic's vet and admin, and a conversation the owner started. */
async function conversationSetup() {
  const setup = await startedConversation(stack);
  const admin = await registerClinicMember(stack, setup.clinicId, "CLINIC_ADMIN");
  return { ...setup, admin };
}

describe("messaging over HTTP (live delivery: realtime.e2e.test.ts)", () => {
  it("owner and clinic staff chat, with names from identity and the pet from pets; unread counts and read receipts", async () => {
    const { owner, vet, clinicId, conversationId, petName } = await conversationSetup();
    const reply = await execute(
      stack.gateway.url,
      SendMessageDocument,
      { input: { conversationId, text: "Please come in tomorrow at 10." } },
      vet.token,
    );
    expect(reply.data?.sendMessage).toMatchObject({
      text: "Please come in tomorrow at 10.",
      sender: { id: vet.user.id, displayName: vet.user.displayName },
    });

    const asOwner = await execute(stack.gateway.url, ConversationMessagesDocument, { id: conversationId }, owner.token);
    expect(asOwner.data?.conversation!.unreadCount).toBe(1);
    expect(asOwner.data?.conversation!.messages.edges.map((e) => e.node.text)).toEqual([
      "Please come in tomorrow at 10.",
      "Rex limps since yesterday.",
    ]);
    const list = await execute(stack.gateway.url, MyConversationsDocument, {}, owner.token);
    expect(list.data?.unreadMessages).toEqual({ messages: 1, conversations: 1 });
    const read = await execute(
      stack.gateway.url,
      MarkConversationReadDocument,
      { input: { conversationId } },
      owner.token,
    );
    expect(read.data?.markConversationRead.unreadCount).toBe(0);
    expect((await execute(stack.gateway.url, MyConversationsDocument, {}, owner.token)).data?.unreadMessages).toEqual({
      messages: 0,
      conversations: 0,
    });
    // Replying counts as reading: the vet has nothing unread until the owner writes again.
    const asVet = await execute(stack.gateway.url, ConversationMessagesDocument, { id: conversationId }, vet.token);
    expect(asVet.data?.conversation).toMatchObject({
      unreadCount: 0,
      owner: { id: owner.user.id, displayName: owner.user.displayName },
    });
    await execute(
      stack.gateway.url,
      SendMessageDocument,
      { input: { conversationId, text: "Thanks, we will be there." } },
      owner.token,
    );
    expect(
      (await execute(stack.gateway.url, ConversationMessagesDocument, { id: conversationId }, vet.token)).data
        ?.conversation!.unreadCount,
    ).toBe(1);
    const started = await execute(
      stack.gateway.url,
      StartConversationDocument,
      { input: { clinicId, petId: (await ownerWithPet(stack)).petId, subject: "x", text: "y" } },
      owner.token,
    );
    expect(onlyError(started).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.petId" });
    expect(petName).toBeTruthy();
  });

  it("the clinic an owner writes to sees the pet it is about (name, species), not its health record; other clinics see nothing", async () => {
    const { vet, clinicId, petId, petName } = await conversationSetup();
    // pets learns of the conversation from messaging's conversation.started event.
    const seen = await eventually(
      () => execute(stack.gateway.url, PetsByIdsDocument, { ids: [petId] }, vet.token),
      (r) => r.data?.pets?.[0] != null,
    );
    expect(seen.data?.pets).toEqual([{ id: petId, name: petName, myRelationship: "CLINIC", myClinicAccess: [] }]);
    const list = await execute(stack.gateway.url, MyConversationsDocument, { clinicId }, vet.token);
    expect(list.errors).toBeUndefined();
    expect(list.data?.myConversations!.edges[0]?.node.pet).toEqual({ id: petId, name: petName, species: "DOG" });
    const record = await execute(stack.gateway.url, PetHealthTimelineDocument, { id: petId }, vet.token);
    expect(onlyError(record).extensions).toMatchObject({ code: "NOT_FOUND" });
    const otherVet = await registerClinicMember(stack, (await registerClinic(stack)).clinicId, "VET");
    expect((await execute(stack.gateway.url, PetsByIdsDocument, { ids: [petId] }, otherVet.token)).data?.pets).toEqual([
      null,
    ]);
  });

  it("someone outside the conversation gets NOT_FOUND; only the sender edits or deletes", async () => {
    const { owner, vet, conversationId } = await conversationSetup();
    const stranger = await registerUser(stack, "stranger");
    const otherClinicVet = await registerClinicMember(stack, (await registerClinic(stack)).clinicId, "VET");
    for (const outsider of [stranger, otherClinicVet]) {
      expect(
        onlyError(
          await execute(stack.gateway.url, ConversationMessagesDocument, { id: conversationId }, outsider.token),
        ).extensions?.code,
      ).toBe("NOT_FOUND");
      const send = await execute(
        stack.gateway.url,
        SendMessageDocument,
        { input: { conversationId, text: "hi" } },
        outsider.token,
      );
      expect(onlyError(send).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.conversationId" });
    }
    const messageId = (
      await execute(stack.gateway.url, ConversationMessagesDocument, { id: conversationId }, owner.token)
    ).data!.conversation!.messages.edges[0]!.node.id;
    const vetEdit = await execute(
      stack.gateway.url,
      EditMessageDocument,
      { input: { messageId, text: "changed" } },
      vet.token,
    );
    expect(onlyError(vetEdit).extensions?.code).toBe("FORBIDDEN");
    const edited = await execute(
      stack.gateway.url,
      EditMessageDocument,
      { input: { messageId, text: "Rex limps on the left hind leg." } },
      owner.token,
    );
    expect(edited.data?.editMessage).toMatchObject({ text: "Rex limps on the left hind leg.", edited: true });
    const deleted = await execute(stack.gateway.url, DeleteMessageDocument, { input: { messageId } }, owner.token);
    expect(deleted.data?.deleteMessage).toMatchObject({ text: null, deleted: true });
    const empty = await execute(
      stack.gateway.url,
      SendMessageDocument,
      { input: { conversationId, text: "   " } },
      owner.token,
    );
    expect(onlyError(empty).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.text" });
  });

  it("masks card numbers before storing and queues abusive messages for the clinic's admins", async () => {
    const { owner, vet, admin, clinicId, conversationId } = await conversationSetup();
    const card = await execute(
      stack.gateway.url,
      SendMessageDocument,
      { input: { conversationId, text: "Pay with 4111 1111 1111 1111 please" } },
      owner.token,
    );
    expect(card.data?.sendMessage).toMatchObject({ text: "Pay with [card number ending 1111] please", masked: true });
    const rude = await execute(
      stack.gateway.url,
      SendMessageDocument,
      { input: { conversationId, text: "You are an idiot" } },
      owner.token,
    );
    const rudeId = rude.data!.sendMessage.id;
    const clinical = await execute(
      stack.gateway.url,
      SendMessageDocument,
      { input: { conversationId, text: "My bitch is in heat; her anal glands are swollen" } },
      owner.token,
    );
    expect(clinical.data?.sendMessage).toMatchObject({
      text: "My bitch is in heat; her anal glands are swollen",
      masked: false,
    });
    expect(
      onlyError(await execute(stack.gateway.url, FlaggedMessagesDocument, { clinicId }, vet.token)).extensions?.code,
    ).toBe("FORBIDDEN");
    const queue = await execute(stack.gateway.url, FlaggedMessagesDocument, { clinicId }, admin.token);
    expect(queue.data?.flaggedMessages).toEqual([
      { reasons: ['abusive language: "idiot"'], message: expect.objectContaining({ id: rudeId }) },
    ]);
    // Edited to something polite while waiting, it stays in the queue with the reason it was flagged.
    await execute(
      stack.gateway.url,
      EditMessageDocument,
      { input: { messageId: rudeId, text: "Sorry, long day." } },
      owner.token,
    );
    const stillQueued = await execute(stack.gateway.url, FlaggedMessagesDocument, { clinicId }, admin.token);
    expect(stillQueued.data?.flaggedMessages).toEqual([
      {
        reasons: ['abusive language: "idiot"'],
        message: expect.objectContaining({ id: rudeId, text: "Sorry, long day." }),
      },
    ]);
    const removed = await execute(
      stack.gateway.url,
      ReviewFlaggedMessageDocument,
      { input: { messageId: rudeId, action: "REMOVE" } },
      admin.token,
    );
    expect(removed.data?.reviewFlaggedMessage).toMatchObject({ text: null, deleted: true });
    expect(
      (await execute(stack.gateway.url, FlaggedMessagesDocument, { clinicId }, admin.token)).data?.flaggedMessages,
    ).toEqual([]);
  });
});

describe("message attachments", () => {
  async function upload(
    token: string,
    conversationId: string,
    bytes: Buffer,
    contentType = "image/png",
    fileName = "x-ray.png",
  ) {
    const requested = await execute(
      stack.gateway.url,
      RequestMessageAttachmentUploadDocument,
      { input: { conversationId, fileName, contentType, sizeBytes: bytes.length } },
      token,
    );
    if (!requested.data) throw new Error(JSON.stringify(requested.errors));
    const target = requested.data.requestMessageAttachmentUpload;
    const put = await fetch(target.url, {
      method: target.method,
      headers: Object.fromEntries(target.headers.map((h) => [h.name, h.value])),
      body: bytes,
    });
    expect(put.status).toBe(200);
    return target.attachmentId;
  }

  it("a participant uploads a file and sends it without text; the other side downloads it", async () => {
    const { owner, vet, conversationId } = await conversationSetup();
    const bytes = Buffer.from("\x89PNG fake image bytes for the test");
    const attachmentId = await upload(owner.token, conversationId, bytes);
    const sent = await execute(
      stack.gateway.url,
      SendMessageDocument,
      { input: { conversationId, attachmentIds: [attachmentId] } },
      owner.token,
    );
    expect(sent.errors).toBeUndefined();
    expect(sent.data?.sendMessage).toMatchObject({
      text: null,
      attachments: [{ id: attachmentId, fileName: "x-ray.png", contentType: "image/png", sizeBytes: bytes.length }],
    });
    const asVet = await execute(stack.gateway.url, ConversationMessagesDocument, { id: conversationId }, vet.token);
    const url = asVet.data!.conversation!.messages.edges[0]!.node.attachments[0]!.downloadUrl!;
    // Links start at the gateway, which forwards them to messaging (docs/decisions/0060).
    expect(url.startsWith(`${new URL(stack.gateway.url).origin}/files/messaging/`)).toBe(true);
    const download = await fetch(url);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(bytes);
    // Sent once only; a deleted message shows no files.
    const again = await execute(
      stack.gateway.url,
      SendMessageDocument,
      { input: { conversationId, text: "again", attachmentIds: [attachmentId] } },
      owner.token,
    );
    expect(onlyError(again).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.attachmentIds.0" });
    const deleted = await execute(
      stack.gateway.url,
      DeleteMessageDocument,
      { input: { messageId: sent.data!.sendMessage.id } },
      owner.token,
    );
    expect(deleted.data?.deleteMessage.attachments).toEqual([]);
  });

  it("refuses strangers, files not uploaded or not yours, wrong types and empty messages, writing nothing", async () => {
    const { owner, vet, conversationId } = await conversationSetup();
    const stranger = await registerUser(stack, "stranger");
    const foreign = await execute(
      stack.gateway.url,
      RequestMessageAttachmentUploadDocument,
      { input: { conversationId, fileName: "a.png", contentType: "image/png", sizeBytes: 10 } },
      stranger.token,
    );
    expect(onlyError(foreign).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.conversationId" });
    const exe = await execute(
      stack.gateway.url,
      RequestMessageAttachmentUploadDocument,
      { input: { conversationId, fileName: "run.exe", contentType: "application/x-msdownload", sizeBytes: 10 } },
      owner.token,
    );
    expect(onlyError(exe).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.contentType" });
    const huge = await execute(
      stack.gateway.url,
      RequestMessageAttachmentUploadDocument,
      { input: { conversationId, fileName: "big.mp4", contentType: "video/mp4", sizeBytes: 500 * 1024 * 1024 } },
      owner.token,
    );
    expect(onlyError(huge).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.sizeBytes" });
    const requested = await execute(
      stack.gateway.url,
      RequestMessageAttachmentUploadDocument,
      { input: { conversationId, fileName: "later.pdf", contentType: "application/pdf", sizeBytes: 10 } },
      owner.token,
    );
    const notUploaded = await execute(
      stack.gateway.url,
      SendMessageDocument,
      {
        input: {
          conversationId,
          text: "see file",
          attachmentIds: [requested.data!.requestMessageAttachmentUpload.attachmentId],
        },
      },
      owner.token,
    );
    expect(onlyError(notUploaded).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.attachmentIds.0" });
    const ownersFile = await upload(
      owner.token,
      conversationId,
      Buffer.from("0123456789"),
      "application/pdf",
      "lab.pdf",
    );
    const vetSendsIt = await execute(
      stack.gateway.url,
      SendMessageDocument,
      { input: { conversationId, attachmentIds: [ownersFile] } },
      vet.token,
    );
    expect(onlyError(vetSendsIt).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.attachmentIds.0" });
    const empty = await execute(
      stack.gateway.url,
      SendMessageDocument,
      { input: { conversationId, text: "  " } },
      owner.token,
    );
    expect(onlyError(empty).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.text" });
    const messages = await execute(
      stack.gateway.url,
      ConversationMessagesDocument,
      { id: conversationId },
      owner.token,
    );
    expect(messages.data?.conversation!.messages.edges).toHaveLength(1);
  });
});

describe("conversations about a booking", () => {
  it("an owner starts one about their booking (its pet comes along); others' bookings or another clinic are NOT_FOUND", async () => {
    const clinic = await buildClinic(stack);
    const { owner, petId, petName } = await ownerWithPet(stack);
    const hold = await execute(
      stack.gateway.url,
      HoldSlotDocument,
      {
        input: {
          clinicId: clinic.clinicId,
          serviceId: clinic.serviceId,
          vetId: clinic.vets[0]!.user.id,
          startsAt: berlin(4, "12:00"),
        },
      },
      owner.token,
    );
    if (hold.data?.holdSlot.__typename !== "SlotHold") throw new Error(JSON.stringify(hold));
    const confirmed = await execute(
      stack.gateway.url,
      ConfirmBookingDocument,
      { input: { holdId: hold.data.holdSlot.id, petId } },
      owner.token,
    );
    if (confirmed.data?.confirmBooking.__typename !== "Booking") throw new Error(JSON.stringify(confirmed));
    const bookingId = confirmed.data.confirmBooking.id;
    const started = await execute(
      stack.gateway.url,
      StartConversationDocument,
      { input: { clinicId: clinic.clinicId, bookingId, subject: "Before the appointment", text: "Should Rex fast?" } },
      owner.token,
    );
    expect(started.errors).toBeUndefined();
    expect(started.data?.startConversation).toMatchObject({
      pet: { id: petId, name: petName },
      booking: { id: bookingId, status: "CONFIRMED" },
    });
    // The clinic's vet sees the booking on the conversation too.
    const asVet = await execute(
      stack.gateway.url,
      ConversationMessagesDocument,
      { id: started.data!.startConversation.id },
      clinic.vets[0]!.token,
    );
    expect(asVet.errors).toBeUndefined();
    const stranger = (await ownerWithPet(stack)).owner;
    const notTheirs = await execute(
      stack.gateway.url,
      StartConversationDocument,
      { input: { clinicId: clinic.clinicId, bookingId, subject: "x", text: "y" } },
      stranger.token,
    );
    expect(onlyError(notTheirs).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.bookingId" });
    const elsewhere = await execute(
      stack.gateway.url,
      StartConversationDocument,
      { input: { clinicId: (await registerClinic(stack)).clinicId, bookingId, subject: "x", text: "y" } },
      owner.token,
    );
    expect(onlyError(elsewhere).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.bookingId" });
  });
});
