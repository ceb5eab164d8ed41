import { randomBytes } from "node:crypto";

/** Creates video rooms for tele-vet bookings. */
export interface MeetingProvider {
  createRoom(bookingId: string): Promise<string>;
}

/**
 * Jitsi-style rooms: an unguessable room name on a Jitsi server (meet.jit.si by default, or a
 * self-hosted one via MEETING_BASE_URL). No API call is needed: the room exists when joined.
 */
export class JitsiMeetingProvider implements MeetingProvider {
  constructor(private readonly baseUrl: string) {}

  async createRoom(bookingId: string): Promise<string> {
    return `${this.baseUrl.replace(/\/$/, "")}/pawgraph-${bookingId.slice(0, 8)}-${randomBytes(12).toString("base64url")}`;
  }
}
