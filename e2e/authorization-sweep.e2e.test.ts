import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isInputObjectType,
  type GraphQLInputType,
  type IntrospectionQuery,
} from "graphql";
import { buildSweepFixtures, type SweepFixtures } from "./authorization-sweep.fixtures";
import { post, startStack, type Stack } from "./harness";
import { openSocket, subscribe } from "./ws";

import { m, q, v, type SweepCase } from "./authorization-sweep.case";
import { CATALOG_CASES } from "./authorization-sweep.catalog-cases";
import { ORDERS_CASES } from "./authorization-sweep.orders-cases";
import { AI_CASES } from "./authorization-sweep.ai-cases";

const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();
const today = () => new Date().toISOString().slice(0, 10);
const hours = [{ weekday: 1, starts: "09:00", ends: "12:00" }];
const visit = { reason: "Check-up" };
const upload = { fileName: "a.pdf", contentType: "application/pdf", sizeBytes: 100 };
const medication = {
  kind: "PRESCRIPTION",
  drug: "Carprofen",
  dose: 50,
  doseUnit: "mg",
  route: "ORAL",
  frequency: "daily",
  startsOn: new Date().toISOString().slice(0, 10),
};

/** Every (root field, id path) of the client schema, with A's entity at that path. Keys: `Type.field path`. */
const CASES: Record<string, SweepCase> = {
  ...CATALOG_CASES,
  ...ORDERS_CASES,
  ...AI_CASES,
  // bookings
  "Query.clinic id": q(`query($id: ID!) { clinic(id: $id) { name } }`, (f) => ({ id: f.a.pendingClinicId })),
  "Query.booking id": q(`query($id: ID!) { booking(id: $id) { startsAt } }`, (f) => ({ id: f.a.bookingId })),
  "Query.availableSlots clinicId": q(
    `query($c: ID!, $s: ID!, $from: DateTimeISO!, $to: DateTimeISO!) { availableSlots(clinicId: $c, serviceId: $s, from: $from, to: $to) { startsAt } }`,
    (f) => ({
      c: f.a.pendingClinicId,
      s: f.a.pendingServiceId,
      from: new Date().toISOString(),
      to: inAWeek(),
    }),
  ),
  "Query.availableSlots serviceId": q(
    `query($c: ID!, $s: ID!, $from: DateTimeISO!, $to: DateTimeISO!) { availableSlots(clinicId: $c, serviceId: $s, from: $from, to: $to) { startsAt } }`,
    (f) => ({
      c: f.b.clinicId,
      s: f.a.pendingServiceId,
      from: new Date().toISOString(),
      to: inAWeek(),
    }),
  ),
  "Query.availableSlots vetId": q(
    `query($c: ID!, $s: ID!, $v: ID, $from: DateTimeISO!, $to: DateTimeISO!) { availableSlots(clinicId: $c, serviceId: $s, vetId: $v, from: $from, to: $to) { startsAt } }`,
    (f) => ({
      c: f.b.clinicId,
      s: f.b.serviceId,
      v: f.a.vetId,
      from: new Date().toISOString(),
      to: inAWeek(),
    }),
  ),
  "Query.vetDaySchedule clinicId": q(
    `query($c: ID!, $v: ID!, $d: LocalDate!) { vetDaySchedule(clinicId: $c, vetId: $v, date: $d) { id } }`,
    (f) => ({ c: f.a.clinicId, v: f.b.vetId, d: today() }),
    "FORBIDDEN",
  ),
  "Query.vetDaySchedule vetId": q(
    `query($c: ID!, $v: ID!, $d: LocalDate!) { vetDaySchedule(clinicId: $c, vetId: $v, date: $d) { id } }`,
    (f) => ({ c: f.b.clinicId, v: f.a.vetId, d: today() }),
  ),
  "Query.clinicCalendar clinicId": q(
    `query($c: ID!, $from: DateTimeISO!, $to: DateTimeISO!) { clinicCalendar(clinicId: $c, from: $from, to: $to) { edges { node { id } } } }`,
    (f) => ({ c: f.a.clinicId, from: new Date().toISOString(), to: inAWeek() }),
    "FORBIDDEN",
  ),
  "Mutation.updateClinic input.clinicId": m(
    "updateClinic",
    "UpdateClinicInput",
    (f) => ({ clinicId: f.a.clinicId, name: "Taken over" }),
    "FORBIDDEN",
    "id",
  ),
  "Mutation.reviewClinic input.clinicId": m(
    "reviewClinic",
    "ReviewClinicInput",
    (f) => ({ clinicId: f.a.pendingClinicId, approve: true }),
    "FORBIDDEN",
    "id",
  ),
  "Mutation.holdSlot input.clinicId": m("holdSlot", "HoldSlotInput", (f) => ({
    clinicId: f.a.pendingClinicId,
    serviceId: f.a.pendingServiceId,
    vetId: f.b.vetId,
    startsAt: inAWeek(),
  })),
  "Mutation.holdSlot input.serviceId": m("holdSlot", "HoldSlotInput", (f) => ({
    clinicId: f.b.clinicId,
    serviceId: f.a.pendingServiceId,
    vetId: f.b.vetId,
    startsAt: inAWeek(),
  })),
  "Mutation.holdSlot input.vetId": m("holdSlot", "HoldSlotInput", (f) => ({
    clinicId: f.b.clinicId,
    serviceId: f.b.serviceId,
    vetId: f.a.vetId,
    startsAt: inAWeek(),
  })),
  "Mutation.confirmBooking input.holdId": m("confirmBooking", "ConfirmBookingInput", (f) => ({
    holdId: f.a.holdId,
    petId: f.b.petId,
  })),
  "Mutation.confirmBooking input.petId": m("confirmBooking", "ConfirmBookingInput", (f) => ({
    holdId: f.b.holdId,
    petId: f.a.petId,
  })),
  "Mutation.releaseHold input.holdId": m(
    "releaseHold",
    "ReleaseHoldInput",
    (f) => ({ holdId: f.a.holdId }),
    "NOT_FOUND",
    "",
  ),
  "Mutation.cancelBooking input.bookingId": m("cancelBooking", "CancelBookingInput", (f) => ({
    bookingId: f.a.bookingId,
    reason: "Because",
  })),
  "Mutation.markBookingNoShow input.bookingId": m("markBookingNoShow", "MarkBookingNoShowInput", (f) => ({
    bookingId: f.a.bookingId,
  })),
  "Mutation.rescheduleBooking input.bookingId": m("rescheduleBooking", "RescheduleBookingInput", (f) => ({
    bookingId: f.a.bookingId,
    startsAt: inAWeek(),
  })),
  "Mutation.rescheduleBooking input.vetId": m("rescheduleBooking", "RescheduleBookingInput", (f) => ({
    bookingId: f.b.bookingId,
    startsAt: inAWeek(),
    vetId: f.a.vetId,
  })),
  "Mutation.setVetHours input.clinicId": m(
    "setVetHours",
    "SetVetHoursInput",
    (f) => ({ clinicId: f.a.clinicId, vetId: f.b.vetId, hours }),
    "FORBIDDEN",
  ),
  "Mutation.setVetHours input.vetId": m("setVetHours", "SetVetHoursInput", (f) => ({
    clinicId: f.b.clinicId,
    vetId: f.a.vetId,
    hours,
  })),
  "Mutation.addScheduleOverride input.clinicId": m(
    "addScheduleOverride",
    "AddScheduleOverrideInput",
    (f) => ({ clinicId: f.a.clinicId, vetId: f.b.vetId, date: today(), kind: "OFF" }),
    "FORBIDDEN",
    "__typename",
  ),
  "Mutation.addScheduleOverride input.vetId": m(
    "addScheduleOverride",
    "AddScheduleOverrideInput",
    (f) => ({ clinicId: f.b.clinicId, vetId: f.a.vetId, date: today(), kind: "OFF" }),
    "NOT_FOUND",
    "__typename",
  ),
  "Mutation.addClinicService input.clinicId": m(
    "addClinicService",
    "AddClinicServiceInput",
    (f) => ({ clinicId: f.a.clinicId, name: "Free", durationMinutes: 10, priceCents: 0, kind: "IN_PERSON" }),
    "FORBIDDEN",
    "id",
  ),

  // ehr
  "Query.petHealthRecordFhir petId": q(`query($id: ID!) { petHealthRecordFhir(petId: $id) }`, (f) => ({
    id: f.a.petId,
  })),
  "Mutation.requestAttachmentUpload input.petId": m(
    "requestAttachmentUpload",
    "RequestAttachmentUploadInput",
    (f) => ({ petId: f.a.petId, ...upload }),
    "NOT_FOUND",
    "url",
  ),
  "Mutation.requestAttachmentUpload input.recordId": m(
    "requestAttachmentUpload",
    "RequestAttachmentUploadInput",
    (f) => ({ petId: f.b.petId, recordId: f.a.visitId, ...upload }),
    "NOT_FOUND",
    "url",
  ),
  "Mutation.completeAttachmentUpload input.attachmentId": m(
    "completeAttachmentUpload",
    "CompleteAttachmentUploadInput",
    (f) => ({ attachmentId: f.a.attachmentId }),
    "NOT_FOUND",
    "id",
  ),
  "Mutation.recordMedication input.petId": m(
    "recordMedication",
    "RecordMedicationInput",
    (f) => ({ petId: f.a.petId, clinicId: f.b.clinicId, ...medication }),
    "NOT_FOUND",
    "id",
  ),
  "Mutation.recordMedication input.clinicId": m(
    "recordMedication",
    "RecordMedicationInput",
    (f) => ({ petId: f.b.petId, clinicId: f.a.clinicId, ...medication }),
    "FORBIDDEN",
    "id",
  ),
  "Mutation.recordAllergy input.petId": m(
    "recordAllergy",
    "RecordAllergyInput",
    (f) => ({ petId: f.a.petId, clinicId: f.b.clinicId, substance: "Dust", severity: "MILD" }),
    "NOT_FOUND",
    "id",
  ),
  "Mutation.recordAllergy input.clinicId": m(
    "recordAllergy",
    "RecordAllergyInput",
    (f) => ({ petId: f.b.petId, clinicId: f.a.clinicId, substance: "Dust", severity: "MILD" }),
    "FORBIDDEN",
    "id",
  ),
  "Mutation.recordLabResult input.petId": m(
    "recordLabResult",
    "RecordLabResultInput",
    (f) => ({ petId: f.a.petId, clinicId: f.b.clinicId, test: "ALT", value: "40" }),
    "NOT_FOUND",
    "id",
  ),
  "Mutation.recordLabResult input.clinicId": m(
    "recordLabResult",
    "RecordLabResultInput",
    (f) => ({ petId: f.b.petId, clinicId: f.a.clinicId, test: "ALT", value: "40" }),
    "FORBIDDEN",
    "id",
  ),
  "Mutation.addClinicalAlert input.petId": m(
    "addClinicalAlert",
    "AddClinicalAlertInput",
    (f) => ({ petId: f.a.petId, clinicId: f.b.clinicId, alert: "Bites" }),
    "NOT_FOUND",
    "id",
  ),
  "Mutation.addClinicalAlert input.clinicId": m(
    "addClinicalAlert",
    "AddClinicalAlertInput",
    (f) => ({ petId: f.b.petId, clinicId: f.a.clinicId, alert: "Bites" }),
    "FORBIDDEN",
    "id",
  ),
  "Mutation.resolveClinicalAlert input.alertId": m(
    "resolveClinicalAlert",
    "ResolveClinicalAlertInput",
    (f) => ({ alertId: f.a.alertId }),
    "NOT_FOUND",
    "id",
  ),
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

/** `input.attachmentIds` and friends: every path from a field's arguments down to a value of type ID. */
function idPaths(type: GraphQLInputType, path: string, seen: ReadonlySet<string> = new Set()): string[] {
  const named = getNamedType(type);
  if (named.name === "ID") return [path];
  if (!isInputObjectType(named) || seen.has(named.name)) return [];
  return Object.values(named.getFields()).flatMap((field) =>
    idPaths(field.type, `${path}.${field.name}`, new Set([...seen, named.name])),
  );
}

/** The value at a dotted path of the variables (`input.clinicId`); through a list, each item's (`input.lines.orderLineId`). */
function valueAt(variables: Record<string, unknown>, path: string): unknown {
  const step = (value: unknown, key: string): unknown =>
    Array.isArray(value) ? value.map((item) => step(item, key)) : (value as Record<string, unknown> | undefined)?.[key];
  return path.split(".").reduce<unknown>(step, variables);
}

/** Every leaf value of the variables. */
const leaves = (value: unknown): unknown[] =>
  value && typeof value === "object" ? Object.values(value).flatMap(leaves) : [value];

const CODES: SweepCase["expect"][] = ["NOT_FOUND", "FORBIDDEN"];

/** The whole answer B may get, per expectation: nothing at all, nulls, a name, or their own write to an approved clinic. */
function expectedData(expected: SweepCase["expect"], variables: Record<string, unknown>): unknown {
  switch (expected) {
    case "NULL_ENTRIES":
      return (variables.ids as unknown[]).map(() => null);
    case "PUBLIC_PROFILE":
      return {
        id: variables.id,
        displayName: expect.any(String),
        email: null,
        clinicMemberships: [],
        vendorMemberships: [],
        upcomingBookings: null,
        calendarFeedUrl: null,
        pets: { edges: [] },
      };
    case "ADDRESSEE":
      return { id: expect.any(String), clinic: { id: (variables.input as { clinicId: string }).clinicId } };
    case "PUBLIC_CATEGORY":
      return { id: expect.any(String), category: { id: (variables.input as { categoryId: string }).categoryId } };
    case "PUBLIC_SEARCH":
      return { totalCount: 1, edges: [{ node: { id: fixtures.a.publishedProductId, status: "ACTIVE" } }] };
    case "PUBLIC_OFFER":
      // `shippingMethods(vendorId)` lists A's active method only; `setShippingMethod` answers B's own cart.
      return variables.input
        ? { cart: { id: expect.any(String) } }
        : [{ id: fixtures.a.shippingMethodId, name: "Standard" }];
    default:
      return null;
  }
}

/** B's first result of a subscription, shaped like an HTTP answer (a refused subscription has no HTTP status; 200 stands in). */
async function overWebSocket(query: string, variables: Record<string, unknown>) {
  const client = openSocket(stack.gateway.wsUrl, fixtures.b.token);
  try {
    const first = await subscribe<Record<string, unknown>, Record<string, unknown>>(client, query, variables).nth(1);
    return { status: 200, data: first.data, errors: first.errors };
  } finally {
    await client.dispose();
  }
}

let stack: Stack;
let fixtures: SweepFixtures;
let discovered: string[];
beforeAll(async () => {
  // Its own database and events, with messaging consuming them: A's booking must reach A's notifications.
  stack = await startStack({ ownDatabase: true, messaging: { consumeEvents: true } });
  const introspection = await post<IntrospectionQuery>(stack.gateway.url, { query: getIntrospectionQuery() });
  const schema = buildClientSchema(introspection.data!);
  discovered = [schema.getQueryType()!, schema.getMutationType()!, schema.getSubscriptionType()!].flatMap((root) =>
    Object.values(root.getFields()).flatMap((field) =>
      field.args.flatMap((arg) => idPaths(arg.type, arg.name)).map((path) => `${root.name}.${field.name} ${path}`),
    ),
  );
  fixtures = await buildSweepFixtures(stack);
}, 120_000);
afterAll(() => stack.stop());

describe("authorization sweep: every id argument, as another user, on the first user's entity", () => {
  it("covers every root field with an id argument in the composed schema, and nothing else", () => {
    expect(discovered.length).toBeGreaterThan(50);
    expect([...discovered].sort()).toEqual(Object.keys(CASES).sort());
  });

  it.each(Object.keys(CASES).sort())("%s", async (key) => {
    const sweepCase = CASES[key]!;
    const [fieldKey, path] = key.split(" ") as [string, string];
    const field = fieldKey.split(".")[1]!;
    const variables = sweepCase.variables(fixtures);
    // The case is about A's entity: one of A's ids is at the path under test (for `input` paths) or
    // among the variables (arguments are named shortly in the documents), so the assertion can fail.
    const aIds = new Set(Object.values(fixtures.a));
    const atPath = path.startsWith("input.") ? leaves(valueAt(variables, path)) : leaves(variables);
    expect({ key, targetsA: atPath.some((value) => aIds.has(value as string)) }).toEqual({ key, targetsA: true });

    const result = sweepCase.ws
      ? await overWebSocket(sweepCase.query, variables)
      : await post<Record<string, unknown>>(
          stack.gateway.url,
          { query: sweepCase.query, variables },
          sweepCase.as === "vendor" ? fixtures.b.shopToken : fixtures.b.token,
        );
    const answer = {
      key,
      data: result.data?.[field] ?? null,
      codes: result.errors?.map((e) => e.extensions?.code),
      status: result.status,
    };
    expect(answer).toEqual({
      key,
      data: expectedData(sweepCase.expect, variables),
      codes: CODES.includes(sweepCase.expect) ? [sweepCase.expect] : undefined,
      status: 200,
    });
    // A NOT_FOUND that names a field names the one under test (`input.ids.0` for `input.ids`,
    // `input.lines.0.orderLineId` for `input.lines.orderLineId`), not B's own input.
    const named = result.errors?.[0]?.extensions?.field as string | undefined;
    if (named) expect({ key, field: named.replace(/\.\d+(?=\.|$)|\[\d+\]/g, "") }).toEqual({ key, field: path });
    for (const secret of fixtures.secrets) expect(JSON.stringify(result)).not.toContain(secret);
  });
});
