import { Directive, Field, ID, ObjectType } from "type-graphql";

/** The bookings subgraph's Booking; messaging only refers to it by id. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType({ description: "A booked appointment." })
export class Booking {
  @Field(() => ID, { description: "Id of the booking (also its iCalendar UID)." })
  id!: string;
}
