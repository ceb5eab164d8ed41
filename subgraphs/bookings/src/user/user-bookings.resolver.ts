import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import { ConnectionArgs, isUuid, type Connection } from "@pawgraph/subgraph-kit";
import type { BookingService } from "../booking/booking.service";
import { BookingConnection, type Booking } from "../booking/booking.type";
import { ResetCalendarFeedInput } from "../calendar-feed/calendar-feed.inputs";
import type { CalendarFeedService } from "../calendar-feed/calendar-feed.service";
import { CalendarFeedKind } from "../calendar-feed/calendar-feed.type";
import type { BookingsContext } from "../context";
import { User } from "./user.type";

@Resolver(() => User)
export class UserBookingsResolver {
  constructor(
    private readonly bookings: BookingService,
    private readonly feeds: CalendarFeedService,
  ) {}

  @FieldResolver(() => BookingConnection, {
    nullable: true,
    description: "Your confirmed bookings that have not ended, soonest first; null for other users.",
  })
  async upcomingBookings(
    @Root() user: User,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: BookingsContext,
  ): Promise<Connection<Booking> | null> {
    return this.bookings.upcoming(ctx, user.id, args);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "Secret iCalendar (.ics) address of your bookings (OWNER) or appointments (VET), for calendar apps; null for other users. Keep it private.",
  })
  async calendarFeedUrl(
    @Root() user: User,
    @Arg("kind", () => CalendarFeedKind, { description: "Which feed." }) kind: CalendarFeedKind,
    @Ctx() ctx: BookingsContext,
  ): Promise<string | null> {
    if (ctx.viewer?.userId !== user.id) return null;
    return this.feeds.urlFor(ctx, kind);
  }

  @Authorized()
  @Mutation(() => String, {
    description: "Replace your calendar feed's secret address (if it leaked); returns the new address.",
  })
  resetCalendarFeed(
    @Arg("input", () => ResetCalendarFeedInput, { description: "Which feed." }) input: ResetCalendarFeedInput,
    @Ctx() ctx: BookingsContext,
  ): Promise<string> {
    return this.feeds.urlFor(ctx, input.kind, true);
  }
}

export const userReference = {
  __resolveReference(reference: { id: string }): User | null {
    return isUuid(reference.id) ? { id: reference.id.toLowerCase() } : null;
  },
};
