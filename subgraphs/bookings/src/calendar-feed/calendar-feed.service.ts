import ical, { ICalEventStatus } from "ical-generator";
import { createHash, createHmac, randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import { ForbiddenError, requireViewer, type BaseContext } from "@pawgraph/subgraph-kit";
import type { BookingEntity } from "../booking/booking.entity";
import type { BookingRepository } from "../booking/booking.repository";
import type { ClinicEntity } from "../clinic/clinic.entity";
import type { ClinicRepository } from "../clinic/clinic.repository";
import type { ClinicServiceEntity } from "../clinic-service/clinic-service.entity";
import type { ClinicServiceRepository } from "../clinic-service/clinic-service.repository";
import type { CalendarFeedRepository, FeedKind } from "./calendar-feed.repository";

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

/**
 * iCalendar feeds at secret URLs, one per user and kind (their bookings as an owner, their
 * appointments as a vet). The token is an HMAC of the feed's id, so the URL can be shown again
 * without storing it; only its hash is kept. Each booking is one VEVENT whose UID never changes
 * and whose SEQUENCE grows with every reschedule or cancellation, so calendar apps update it.
 */
export class CalendarFeedService {
  constructor(
    private readonly feeds: CalendarFeedRepository,
    private readonly bookings: BookingRepository,
    private readonly clinics: ClinicRepository,
    private readonly catalog: ClinicServiceRepository,
    private readonly secret: string,
    private readonly publicUrl: () => string,
  ) {}

  private tokenOf(feedId: string): string {
    return createHmac("sha256", this.secret).update(feedId).digest("base64url");
  }

  /** The viewer's feed URL of this kind, created on first ask. */
  async urlFor(ctx: BaseContext, kind: FeedKind, reset = false): Promise<string> {
    const viewer = requireViewer(ctx.viewer);
    if (kind === "VET" && !viewer.roles.includes("VET")) throw new ForbiddenError("Only vets have an appointment feed");
    if (reset) await this.feeds.remove(viewer.userId, kind);
    const id = randomUUID();
    const feedId = await this.feeds.ensure(id, viewer.userId, kind, sha256(this.tokenOf(id)));
    return `${this.publicUrl()}/calendar/${this.tokenOf(feedId)}.ics`;
  }

  /** The feed's iCalendar text, or null for an unknown token. */
  async render(token: string): Promise<string | null> {
    const feed = await this.feeds.byTokenHash(sha256(token));
    if (!feed) return null;
    const bookings = await this.bookings.forFeed(feed.kind, feed.userId);
    const clinics = new Map((await this.clinics.byIds(bookings.map((b) => b.clinicId))).map((c) => [c.id, c]));
    const services = new Map((await this.catalog.byIds(bookings.map((b) => b.serviceId))).map((s) => [s.id, s]));
    const calendar = ical({
      name: feed.kind === "OWNER" ? "Pawgraph: my pets' appointments" : "Pawgraph: my appointments",
      prodId: { company: "Pawgraph", product: "bookings" },
    });
    for (const booking of bookings)
      this.addEvent(calendar, booking, clinics.get(booking.clinicId), services.get(booking.serviceId));
    return calendar.toString();
  }

  private addEvent(
    calendar: ReturnType<typeof ical>,
    booking: BookingEntity,
    clinic?: ClinicEntity,
    service?: ClinicServiceEntity,
  ): void {
    calendar.createEvent({
      id: `${booking.id}@pawgraph`,
      sequence: booking.sequence,
      start: DateTime.fromJSDate(booking.startsAt).toUTC().toJSDate(),
      end: booking.endsAt,
      stamp: booking.updatedAt,
      summary: `${service?.name ?? "Appointment"} at ${clinic?.name ?? "the clinic"}`,
      location: clinic
        ? `${clinic.addressLine}, ${clinic.postalCode ?? ""} ${clinic.city}`.replace(/\s+/g, " ").trim()
        : null,
      description: booking.meetingUrl ? `Video call: ${booking.meetingUrl}` : (booking.notes ?? null),
      url: booking.meetingUrl ?? null,
      status: booking.status === "CANCELLED" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
}
