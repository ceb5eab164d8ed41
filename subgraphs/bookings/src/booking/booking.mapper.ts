import type { BookingEntity } from "./booking.entity";
import { BookingStatus, type Booking, type SlotHold } from "./booking.type";

export function toBooking(row: BookingEntity): Booking {
  return {
    id: row.id,
    status: row.status === "CANCELLED" ? BookingStatus.CANCELLED : BookingStatus.CONFIRMED,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    clinic: { id: row.clinicId } as Booking["clinic"],
    vet: { id: row.vetId },
    pet: { id: row.petId! },
    owner: { id: row.holderId },
    notes: row.notes,
    meetingUrl: row.meetingUrl,
    cancelReason: row.cancelReason,
    noShowAt: row.noShowAt,
    revision: row.sequence,
    serviceId: row.serviceId,
  };
}

export function toHold(row: BookingEntity): SlotHold {
  return {
    id: row.id,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    expiresAt: row.expiresAt!,
    vet: { id: row.vetId },
    clinic: { id: row.clinicId } as SlotHold["clinic"],
    serviceId: row.serviceId,
  };
}
