import { IsOptional, MaxLength } from "class-validator";
import { createUnionType, Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { Clinic } from "../clinic/clinic.type";
import { Pet } from "../pet/pet.type";
import { User } from "../user/user.type";

export enum BookingStatus {
  CONFIRMED = "CONFIRMED",
  CANCELLED = "CANCELLED",
}

registerEnumType(BookingStatus, {
  name: "BookingStatus",
  description: "Whether a booking still stands.",
  valuesConfig: {
    CONFIRMED: { description: "Booked." },
    CANCELLED: { description: "Cancelled by the owner or the clinic." },
  },
});

@ObjectType({ description: "A free appointment time." })
export class Slot {
  @Field(() => Date, { description: "Start." })
  startsAt!: Date;

  @Field(() => Date, { description: "End." })
  endsAt!: Date;

  @Field(() => User, { nullable: true, description: "The vet it is with; null when identity cannot be reached." })
  vet!: User;
}

@ObjectType({ description: "A slot reserved for a few minutes while the owner confirms the booking." })
export class SlotHold {
  @Field(() => ID, { description: "Id of the hold; pass it to `confirmBooking`." })
  id!: string;

  @Field(() => Date, { description: "Start of the held slot." })
  startsAt!: Date;

  @Field(() => Date, { description: "End of the held slot." })
  endsAt!: Date;

  @Field(() => Date, { description: "When the hold lapses and the slot is free again." })
  expiresAt!: Date;

  @Field(() => User, { nullable: true, description: "The vet; null when identity cannot be reached." })
  vet!: User;

  @Field(() => Clinic, { description: "The clinic." })
  clinic!: Clinic;

  /** Resolved by a field resolver. */
  serviceId!: string;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: "A booked appointment." })
export class Booking {
  @Field(() => ID, { description: "Id of the booking (also its iCalendar UID)." })
  id!: string;

  @Field(() => BookingStatus, { description: "Whether it still stands." })
  status!: BookingStatus;

  @Field(() => Date, { description: "Start." })
  startsAt!: Date;

  @Field(() => Date, { description: "End." })
  endsAt!: Date;

  @Field(() => Clinic, { description: "The clinic." })
  clinic!: Clinic;

  @Field(() => User, { nullable: true, description: "The vet; null when identity cannot be reached." })
  vet!: User;

  @Field(() => Pet, {
    nullable: true,
    description: "The patient; null when the pets subgraph does not let you see it (yet: a clinic sees a booked pet moments after the booking).",
  })
  pet!: Pet | null;

  @Field(() => User, { nullable: true, description: "Who booked it (an owner of the pet); null when identity cannot be reached." })
  owner!: User;

  @Field(() => String, { nullable: true, description: "The owner's notes for the clinic." })
  notes!: string | null;

  @Field(() => String, { nullable: true, description: "Video-call link, for TELEVET services." })
  meetingUrl!: string | null;

  @Field(() => String, { nullable: true, description: "Why it was cancelled." })
  cancelReason!: string | null;

  @Field(() => Int, { description: "How many times it changed (reschedules, cancellation): the iCalendar SEQUENCE." })
  revision!: number;

  /** Resolved by a field resolver. */
  serviceId!: string;
}

@ObjectType({ description: "Someone else holds or booked this time: pick another slot." })
export class SlotTakenError {
  @Field(() => String, { description: "Human-readable explanation." })
  message = "This time has just been taken. Please choose another slot.";
}

@ObjectType({ description: "The time is not offered: outside working hours, too soon, too far ahead, or not matching the service." })
export class SlotUnavailableError {
  @Field(() => String, { description: "Human-readable explanation." })
  message!: string;
}

@ObjectType({ description: "You already hold as many slots as one person may at once: confirm or release one (`releaseHold`) first." })
export class TooManyHoldsError {
  @Field(() => String, { description: "Human-readable explanation." })
  message!: string;

  @Field(() => Int, { description: "How many live holds one person may have." })
  limit!: number;
}

@ObjectType({ description: "The hold lapsed before it was confirmed; the slot may be gone." })
export class HoldExpiredError {
  @Field(() => String, { description: "Human-readable explanation." })
  message = "The hold has expired. Please choose a slot again.";
}

@ObjectType({ description: "Owners can no longer cancel or move a booking this close to the start; call the clinic." })
export class CancellationWindowClosedError {
  @Field(() => String, { description: "Human-readable explanation." })
  message!: string;

  @Field(() => Date, { description: "The last moment an owner could cancel or move the booking." })
  cutoff!: Date;
}

export const HoldSlotResult = createUnionType({
  name: "HoldSlotResult",
  description: "The hold, or why the slot cannot be held.",
  types: () => [SlotHold, SlotTakenError, SlotUnavailableError, TooManyHoldsError] as const,
});

export const ConfirmBookingResult = createUnionType({
  name: "ConfirmBookingResult",
  description: "The booking, or why the hold could not be confirmed.",
  types: () => [Booking, HoldExpiredError, SlotTakenError] as const,
});

export const CancelBookingResult = createUnionType({
  name: "CancelBookingResult",
  description: "The cancelled booking, or why it cannot be cancelled now.",
  types: () => [Booking, CancellationWindowClosedError] as const,
});

export const RescheduleBookingResult = createUnionType({
  name: "RescheduleBookingResult",
  description: "The moved booking, or why it could not move (the original stays as it was).",
  types: () => [Booking, SlotTakenError, SlotUnavailableError, CancellationWindowClosedError] as const,
});

@InputType({ description: "Hold a slot while the owner confirms." })
export class HoldSlotInput {
  @Field(() => ID, { description: "The clinic." })
  clinicId!: string;

  @Field(() => ID, { description: "The service." })
  serviceId!: string;

  @Field(() => ID, { description: "The vet (from `availableSlots`)." })
  vetId!: string;

  @Field(() => Date, { description: "Start of the slot (from `availableSlots`)." })
  startsAt!: Date;
}

@InputType({ description: "Give up a hold you no longer want, so the slot is free for others at once." })
export class ReleaseHoldInput {
  @Field(() => ID, { description: "Your hold." })
  holdId!: string;
}

@InputType({ description: "Turn a hold into a booking for one of your pets." })
export class ConfirmBookingInput {
  @Field(() => ID, { description: "The hold." })
  holdId!: string;

  @Field(() => ID, { description: "The pet (you must own it)." })
  petId!: string;

  @IsOptional()
  @MaxLength(2000, { message: "must be at most 2000 characters" })
  @Field(() => String, { nullable: true, description: "Notes for the clinic, up to 2000 characters." })
  notes?: string | null;
}

@InputType({ description: "Cancel a booking." })
export class CancelBookingInput {
  @Field(() => ID, { description: "The booking." })
  bookingId!: string;

  @IsOptional()
  @MaxLength(500, { message: "must be at most 500 characters" })
  @Field(() => String, { nullable: true, description: "Why (required for clinics, optional for owners)." })
  reason?: string | null;
}

@InputType({ description: "Move a booking to another time, atomically or not at all." })
export class RescheduleBookingInput {
  @Field(() => ID, { description: "The booking." })
  bookingId!: string;

  @Field(() => Date, { description: "New start (from `availableSlots`)." })
  startsAt!: Date;

  @Field(() => ID, { nullable: true, description: "New vet; the same vet when omitted." })
  vetId?: string | null;
}
