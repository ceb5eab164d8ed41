import { createUnionType, Field, Int, ObjectType } from "type-graphql";
import { Booking, SlotHold } from "./booking.type";

@ObjectType({ description: "Someone else holds or booked this time: pick another slot." })
export class SlotTakenError {
  @Field(() => String, { description: "Human-readable explanation." })
  message = "This time has just been taken. Please choose another slot.";
}

@ObjectType({
  description: "The time is not offered: outside working hours, too soon, too far ahead, or not matching the service.",
})
export class SlotUnavailableError {
  @Field(() => String, { description: "Human-readable explanation." })
  message!: string;
}

@ObjectType({
  description:
    "You already hold as many slots as one person may at once: confirm or release one (`releaseHold`) first.",
})
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
