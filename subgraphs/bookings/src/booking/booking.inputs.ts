import { IsOptional, MaxLength } from "class-validator";
import { Field, ID, InputType } from "type-graphql";

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

@InputType({ description: "Record that nobody came to a booking." })
export class MarkBookingNoShowInput {
  @Field(() => ID, { description: "The booking (confirmed, already started, at the viewer's clinic)." })
  bookingId!: string;
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
