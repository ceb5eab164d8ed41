import { Field, InputType } from "type-graphql";
import { CalendarFeedKind } from "./calendar-feed.type";

@InputType({ description: "Make a new secret address for a calendar feed; the old one stops working." })
export class ResetCalendarFeedInput {
  @Field(() => CalendarFeedKind, { description: "Which feed." })
  kind!: CalendarFeedKind;
}
