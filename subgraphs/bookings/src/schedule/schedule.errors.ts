import { createUnionType, Field, ObjectType } from "type-graphql";
import { Booking } from "../booking/booking.type";
import { ScheduleOverrideAdded } from "./schedule.type";

@ObjectType({
  description: "Confirmed bookings fall in the time off: move or cancel them first (nothing was changed).",
})
export class BookingsInTheWayError {
  @Field(() => String, { description: "Human-readable explanation." })
  message!: string;

  @Field(() => [Booking], { description: "The vet's confirmed bookings in that time." })
  bookings!: Booking[];
}

export const AddScheduleOverrideResult = createUnionType({
  name: "AddScheduleOverrideResult",
  description: "The override, or the bookings that keep the vet busy then.",
  types: () => [ScheduleOverrideAdded, BookingsInTheWayError] as const,
});
