import { m, q, v, type SweepCase } from "./authorization-sweep.case";

// The rest of identity's, pets', ehr's, bookings' and messaging's cases (authorization-sweep.core-cases.ts has the first).
const visit = { reason: "Check-up" };
const upload = { fileName: "a.pdf", contentType: "application/pdf", sizeBytes: 100 };

export const MORE_CORE_CASES: Record<string, SweepCase> = {
  "Mutation.addHomeNote input.petId": m(
    "addHomeNote",
    "AddHomeNoteInput",
    (f) => ({ petId: f.a.petId, text: "Mine now" }),
    "NOT_FOUND",
    "id",
  ),
  "Mutation.completeReminder input.reminderId": m(
    "completeReminder",
    "CompleteReminderInput",
    (f) => ({ reminderId: f.a.reminderId }),
    "NOT_FOUND",
    "id",
  ),
  "Mutation.snoozeReminder input.reminderId": m(
    "snoozeReminder",
    "SnoozeReminderInput",
    (f) => ({ reminderId: f.a.reminderId, until: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10) }),
    "NOT_FOUND",
    "id",
  ),
  "Mutation.deleteRecallRule input.id": m(
    "deleteRecallRule",
    "DeleteRecallRuleInput",
    (f) => ({ id: f.a.recallRuleId }),
    "FORBIDDEN",
    "id",
  ),
  "Mutation.recordVaccination input.petId": m(
    "recordVaccination",
    "RecordVaccinationInput",
    (f) => ({ petId: f.a.petId, clinicId: f.b.clinicId, vaccination: { vaccine: "Rabies" } }),
    "NOT_FOUND",
    "id",
  ),
  "Mutation.recordVaccination input.clinicId": m(
    "recordVaccination",
    "RecordVaccinationInput",
    (f) => ({ petId: f.b.petId, clinicId: f.a.clinicId, vaccination: { vaccine: "Rabies" } }),
    "FORBIDDEN",
    "id",
  ),
  "Mutation.recordVisit input.petId": m(
    "recordVisit",
    "RecordVisitInput",
    (f) => ({ petId: f.a.petId, clinicId: f.b.clinicId, ...visit }),
    "NOT_FOUND",
    "id",
  ),
  "Mutation.recordVisit input.clinicId": m(
    "recordVisit",
    "RecordVisitInput",
    (f) => ({ petId: f.b.petId, clinicId: f.a.clinicId, ...visit }),
    "FORBIDDEN",
    "id",
  ),

  // identity: vendor staff are for the vendor's admins only
  "Mutation.addVendorStaff input.vendorId": m(
    "addVendorStaff",
    "AddVendorStaffInput",
    (f) => ({ vendorId: f.a.vendorId, email: "attacker@example.test", role: "VENDOR_ADMIN" }),
    "FORBIDDEN",
  ),
  "Mutation.removeVendorStaff input.vendorId": m(
    "removeVendorStaff",
    "RemoveVendorStaffInput",
    (f) => ({ vendorId: f.a.vendorId, userId: f.a.shopAdminId }),
    "FORBIDDEN",
  ),
  "Mutation.removeVendorStaff input.userId": v(
    m("removeVendorStaff", "RemoveVendorStaffInput", (f) => ({ vendorId: f.b.shopId, userId: f.a.shopAdminId })),
  ),

  // identity: roles are for platform admins only
  "Query.user id": q(
    `query($id: ID!) { user(id: $id) { id displayName email clinicMemberships { role } vendorMemberships { role } upcomingBookings { edges { node { id } } } calendarFeedUrl(kind: OWNER) pets { edges { node { name } } } } }`,
    (f) => ({ id: f.a.userId }),
    "PUBLIC_PROFILE",
  ),
  "Mutation.grantRole input.userId": m(
    "grantRole",
    "GrantRoleInput",
    (f) => ({ userId: f.a.userId, role: "VET", clinicId: f.b.clinicId }),
    "FORBIDDEN",
    "id",
  ),
  "Mutation.grantRole input.clinicId": m(
    "grantRole",
    "GrantRoleInput",
    (f) => ({ userId: f.b.userId, role: "CLINIC_ADMIN", clinicId: f.a.clinicId }),
    "FORBIDDEN",
    "id",
  ),
  "Mutation.revokeRole input.userId": m(
    "revokeRole",
    "RevokeRoleInput",
    (f) => ({ userId: f.a.userId, role: "VET", clinicId: f.b.clinicId }),
    "FORBIDDEN",
    "id",
  ),
  "Mutation.revokeRole input.clinicId": m(
    "revokeRole",
    "RevokeRoleInput",
    (f) => ({ userId: f.b.userId, role: "CLINIC_ADMIN", clinicId: f.a.clinicId }),
    "FORBIDDEN",
    "id",
  ),
  "Mutation.lockAccount input.userId": m(
    "lockAccount",
    "LockAccountInput",
    (f) => ({ userId: f.a.userId, reason: "sweep" }),
    "FORBIDDEN",
    "id",
  ),
  "Mutation.unlockAccount input.userId": m(
    "unlockAccount",
    "UnlockAccountInput",
    (f) => ({ userId: f.a.userId }),
    "FORBIDDEN",
    "id",
  ),

  // messaging
  "Query.conversation id": q(`query($id: ID!) { conversation(id: $id) { subject } }`, (f) => ({
    id: f.a.conversationId,
  })),
  "Query.myConversations filter.clinicId": q(
    `query($c: ID) { myConversations(filter: { clinicId: $c }) { edges { node { subject } } } }`,
    (f) => ({ c: f.a.clinicId }),
    "FORBIDDEN",
  ),
  "Query.flaggedMessages clinicId": q(
    `query($c: ID!) { flaggedMessages(clinicId: $c) { reasons } }`,
    (f) => ({ c: f.a.clinicId }),
    "FORBIDDEN",
  ),
  "Mutation.startConversation input.clinicId": m(
    "startConversation",
    "StartConversationInput",
    (f) => ({ clinicId: f.a.clinicId, subject: "Hi", text: "Hello" }),
    "ADDRESSEE",
    "id clinic { id }",
  ),
  "Mutation.startConversation input.petId": m(
    "startConversation",
    "StartConversationInput",
    (f) => ({ clinicId: f.b.clinicId, petId: f.a.petId, subject: "Hi", text: "Hello" }),
    "NOT_FOUND",
    "id",
  ),
  "Mutation.startConversation input.bookingId": m(
    "startConversation",
    "StartConversationInput",
    (f) => ({ clinicId: f.a.clinicId, bookingId: f.a.bookingId, subject: "Hi", text: "Hello" }),
    "NOT_FOUND",
    "id",
  ),
  "Mutation.sendMessage input.conversationId": m(
    "sendMessage",
    "SendMessageInput",
    (f) => ({ conversationId: f.a.conversationId, text: "Hello" }),
    "NOT_FOUND",
    "id",
  ),
  "Mutation.sendMessage input.attachmentIds": m(
    "sendMessage",
    "SendMessageInput",
    (f) => ({ conversationId: f.b.conversationId, attachmentIds: [f.a.messageAttachmentId] }),
    "NOT_FOUND",
    "id",
  ),
  "Mutation.editMessage input.messageId": m(
    "editMessage",
    "EditMessageInput",
    (f) => ({ messageId: f.a.messageId, text: "Edited" }),
    "NOT_FOUND",
    "id",
  ),
  "Mutation.deleteMessage input.messageId": m(
    "deleteMessage",
    "DeleteMessageInput",
    (f) => ({ messageId: f.a.messageId }),
    "NOT_FOUND",
    "id",
  ),
  "Mutation.markConversationRead input.conversationId": m(
    "markConversationRead",
    "MarkConversationReadInput",
    (f) => ({ conversationId: f.a.conversationId }),
    "NOT_FOUND",
    "id",
  ),
  "Mutation.reviewFlaggedMessage input.messageId": m(
    "reviewFlaggedMessage",
    "ReviewFlaggedMessageInput",
    (f) => ({ messageId: f.a.flaggedMessageId, action: "REMOVE" }),
    "NOT_FOUND",
    "id",
  ),
  "Mutation.requestMessageAttachmentUpload input.conversationId": m(
    "requestMessageAttachmentUpload",
    "RequestMessageAttachmentUploadInput",
    (f) => ({ conversationId: f.a.conversationId, ...upload }),
    "NOT_FOUND",
    "url",
  ),
  "Mutation.markNotificationsRead input.ids": m(
    "markNotificationsRead",
    "MarkNotificationsReadInput",
    (f) => ({ ids: [f.a.notificationId] }),
    "NOT_FOUND",
    "updated",
  ),
  "Mutation.removePushDevice input.deviceId": m(
    "removePushDevice",
    "RemovePushDeviceInput",
    (f) => ({ deviceId: f.a.deviceId }),
    "NOT_FOUND",
    "id",
  ),

  "Subscription.messageAdded conversationId": {
    ...q(`subscription($id: ID!) { messageAdded(conversationId: $id) { text } }`, (f) => ({ id: f.a.conversationId })),
    ws: true,
  },
  "Subscription.messageUpdated conversationId": {
    ...q(`subscription($id: ID!) { messageUpdated(conversationId: $id) { text } }`, (f) => ({
      id: f.a.conversationId,
    })),
    ws: true,
  },

  // pets
  "Query.pet id": q(`query($id: ID!) { pet(id: $id) { name } }`, (f) => ({ id: f.a.petId })),
  "Query.pets ids": q(
    `query($ids: [ID!]!) { pets(ids: $ids) { name } }`,
    (f) => ({ ids: [f.a.petId, f.a.petId] }),
    "NULL_ENTRIES",
  ),
  "Mutation.grantRecordAccess input.petId": m(
    "grantRecordAccess",
    "GrantRecordAccessInput",
    (f) => ({ petId: f.a.petId, clinicId: f.b.clinicId }),
    "NOT_FOUND",
    "id",
  ),
  "Mutation.grantRecordAccess input.clinicId": m(
    "grantRecordAccess",
    "GrantRecordAccessInput",
    (f) => ({ petId: f.b.petId, clinicId: f.a.clinicId }),
    "ADDRESSEE",
    "id clinic { id }",
  ),
  "Mutation.revokeRecordAccess input.petId": m(
    "revokeRecordAccess",
    "RevokeRecordAccessInput",
    (f) => ({ petId: f.a.petId, grantId: f.a.grantId }),
    "NOT_FOUND",
    "id",
  ),
  "Mutation.revokeRecordAccess input.grantId": m(
    "revokeRecordAccess",
    "RevokeRecordAccessInput",
    (f) => ({ petId: f.b.petId, grantId: f.a.grantId }),
    "NOT_FOUND",
    "id",
  ),
  "Mutation.updatePet input.id": m(
    "updatePet",
    "UpdatePetInput",
    (f) => ({ id: f.a.petId, name: "Stolen" }),
    "NOT_FOUND",
    "... on Pet { name }",
  ),
  "Mutation.archivePet input.id": m("archivePet", "ArchivePetInput", (f) => ({ id: f.a.petId }), "NOT_FOUND", "name"),
  "Mutation.recordWeight input.petId": m(
    "recordWeight",
    "RecordWeightInput",
    (f) => ({ petId: f.a.petId, weightKg: 10 }),
    "NOT_FOUND",
    "weightKg",
  ),
  "Mutation.addCarer input.petId": m(
    "addCarer",
    "AddCarerInput",
    (f) => ({ petId: f.a.petId, email: "attacker@example.test" }),
    "NOT_FOUND",
    "id",
  ),
  "Mutation.removeCarer input.petId": m(
    "removeCarer",
    "RemoveCarerInput",
    (f) => ({ petId: f.a.petId, carerId: f.a.carerId }),
    "NOT_FOUND",
    "name",
  ),
  "Mutation.removeCarer input.carerId": m(
    "removeCarer",
    "RemoveCarerInput",
    (f) => ({ petId: f.b.petId, carerId: f.a.carerId }),
    "NOT_FOUND",
    "name",
  ),
};
