import { m, q, type SweepCase } from "./authorization-sweep.case";

// The cases of identity, pets, ehr, bookings and messaging; catalog, orders and ai keep theirs beside.
const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();
const today = () => new Date().toISOString().slice(0, 10);
const hours = [{ weekday: 1, starts: "09:00", ends: "12:00" }];
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

export const CORE_CASES: Record<string, SweepCase> = {
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
};
