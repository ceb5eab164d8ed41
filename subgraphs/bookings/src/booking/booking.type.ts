import { Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { connectionType } from "@pawgraph/subgraph-kit";
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
    description:
      "The patient; null when the pets subgraph does not let you see it (yet: a clinic sees a booked pet moments after the booking).",
  })
  pet!: Pet | null;

  @Field(() => User, {
    nullable: true,
    description: "Who booked it (an owner of the pet); null when identity cannot be reached.",
  })
  owner!: User;

  @Field(() => String, { nullable: true, description: "The owner's notes for the clinic." })
  notes!: string | null;

  @Field(() => String, { nullable: true, description: "Video-call link, for TELEVET services." })
  meetingUrl!: string | null;

  @Field(() => String, { nullable: true, description: "Why it was cancelled." })
  cancelReason!: string | null;

  @Field(() => Date, {
    nullable: true,
    description: "When the clinic recorded that nobody came (markBookingNoShow); null otherwise.",
  })
  noShowAt!: Date | null;

  @Field(() => Int, { description: "How many times it changed (reschedules, cancellation): the iCalendar SEQUENCE." })
  revision!: number;

  /** Resolved by a field resolver. */
  serviceId!: string;
}

/** A page of bookings (`Pet.bookings`, `User.upcomingBookings`, `clinicCalendar`). */
export const BookingConnection = connectionType(Booking, "Booking", "booking");
