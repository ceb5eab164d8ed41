import { join } from "node:path";
import {
  AccessTokenVerifier,
  RevocationList,
  revocationSettingsFromEnv,
  type RevocationSettings,
  SubgraphClient,
  startEventConsumers,
  startOutboxRelay,
  createLogger,
  dataDir,
  databaseUrlFor,
  envBool,
  envInt,
  envOptional,
  publicUrlFor,
  envString,
  gatewaySecretFromEnv,
  localFileSecret,
  productionSecretFromEnv,
  startSubgraphServer,
  stopSubgraph,
  ResolverContainer,
  type GatewaySecretSettings,
  type Logger,
  type RunningSubgraph,
} from "@pawgraph/subgraph-kit";
// The schema first: it fixes the order resolver modules load in, which orders the emitted SDL.
import { buildBookingsSchema } from "./schema";
import { ClinicStaff } from "./access/clinic-staff";
import { AvailabilityService } from "./availability/availability.service";
import { BookingRepository } from "./booking/booking.repository";
import { BookingResolver, SlotHoldResolver } from "./booking/booking.resolver";
import { BookingService } from "./booking/booking.service";
import { JitsiMeetingProvider } from "./booking/meeting-provider";
import { CalendarFeedRepository } from "./calendar-feed/calendar-feed.repository";
import { CalendarFeedService } from "./calendar-feed/calendar-feed.service";
import { ClinicServiceRepository } from "./clinic-service/clinic-service.repository";
import { ClinicServiceResolver } from "./clinic-service/clinic-service.resolver";
import { ClinicServiceService } from "./clinic-service/clinic-service.service";
import { ClinicRepository } from "./clinic/clinic.repository";
import { ClinicResolver } from "./clinic/clinic.resolver";
import { ClinicService } from "./clinic/clinic.service";
import { createBookingsContext, type BookingsContext } from "./context";
import { openBookingsDatabase } from "./data-source";
import { KnownClinicResolver } from "./internal/known-clinic.resolver";
import { PERSONAL_DATA } from "./personal-data";
import { PetBookingsResolver } from "./pet/pet-bookings.resolver";
import { ScheduleRepository } from "./schedule/schedule.repository";
import { ScheduleResolver } from "./schedule/schedule.resolver";
import { ScheduleService } from "./schedule/schedule.service";
import { UserBookingsResolver } from "./user/user-bookings.resolver";

export interface BookingsConfig {
  port: number;
  databaseUrl: string;
  jwksUrl: string;
  /** identity's revocation log, polled so revoked tokens stop within seconds (env `IDENTITY_URL`, `REVOCATION_POLL_MS`). */
  revocations: RevocationSettings;
  petsUrl: string;
  /** identity's GraphQL URL: bookings asks it who works at a clinic (vets named in input). */
  identityUrl: string;
  /** Shared with the gateway and the other subgraphs: required of incoming calls, sent on outgoing ones. */
  gatewaySecret: GatewaySecretSettings;
  /**
   * The public origin calendar feed URLs start at: the gateway's, which forwards `/calendar/*` here
   * (`BOOKINGS_PUBLIC_URL`, else `PUBLIC_URL`, else http://localhost:4000). Unset: bookings' own address.
   */
  publicUrl?: string | (() => string);
  feedSecret?: string;
  feedSecretDir: string;
  meetingBaseUrl: string;
  slotStepMinutes: number;
  /** Live holds one person may have at once. */
  maxLiveHolds: number;
  redisUrl?: string;
  relayEnabled: boolean;
  /** Take part in identity's privacy requests (exports and erasures); on by default. */
  consumeEvents: boolean;
  log: Logger;
}

export function bookingsConfigFromEnv(): BookingsConfig {
  return {
    /** Listening port (env `PORT`, else `BOOKINGS_PORT`; 4004). */
    port: envInt("PORT", envInt("BOOKINGS_PORT", 4004)),
    databaseUrl: databaseUrlFor("bookings"),
    jwksUrl: envString("IDENTITY_JWKS_URL", "http://localhost:4001/.well-known/jwks.json"),
    revocations: revocationSettingsFromEnv(),
    petsUrl: envString("PETS_URL", "http://localhost:4002/graphql"),
    identityUrl: envString("IDENTITY_URL", "http://localhost:4001/graphql"),
    gatewaySecret: gatewaySecretFromEnv(),
    publicUrl: publicUrlFor("bookings"),
    /** HMAC key of calendar feed tokens. CALENDAR_FEED_SECRET is required in production (a new value breaks every subscribed calendar); elsewhere, unset, one is generated once under `.data/keys/calendar`. */
    feedSecret: productionSecretFromEnv("CALENDAR_FEED_SECRET", "it signs the calendar feed links users subscribe to"),
    feedSecretDir: join(dataDir(), "keys", "calendar"),
    /** Video-room server for TELEVET bookings. */
    meetingBaseUrl: envString("MEETING_BASE_URL", "https://meet.jit.si"),
    /** Spacing of offered appointment start times, in minutes. */
    slotStepMinutes: envInt("SLOT_STEP_MINUTES", 15),
    maxLiveHolds: envInt("MAX_LIVE_HOLDS_PER_USER", 2),
    /** Redis (env `REDIS_URL`) for the event streams and, where the subgraph has them, subscription fan-out and rate limits; unset, events go through Postgres. */
    redisUrl: envOptional("REDIS_URL"),
    relayEnabled: envBool("OUTBOX_RELAY_ENABLED", true),
    consumeEvents: envBool("EVENT_CONSUMERS_ENABLED", true),
    log: createLogger("bookings"),
  };
}

/**
 * Composition root: config → database → repositories → services → resolvers → server. The one place
 * that knows every class: each gets its collaborators here, by constructor (docs/decisions/0028).
 */
export async function startBookings(config: BookingsConfig): Promise<RunningSubgraph> {
  const { dataSource: db, sql } = await openBookingsDatabase(config.databaseUrl, config.log);
  let ownUrl = "";
  const { publicUrl } = config;
  const staff = new ClinicStaff(new SubgraphClient("identity", config.identityUrl, config.gatewaySecret.secret));
  const pets = new SubgraphClient("pets", config.petsUrl, config.gatewaySecret.secret);
  const repositories = {
    bookings: new BookingRepository(db),
    clinics: new ClinicRepository(db),
    catalog: new ClinicServiceRepository(db),
    schedules: new ScheduleRepository(db),
    feeds: new CalendarFeedRepository(db),
  };
  const clinics = new ClinicService(db, repositories.clinics, repositories.bookings);
  const catalog = new ClinicServiceService(repositories.catalog, repositories.clinics);
  const schedules = new ScheduleService(db, repositories.schedules, repositories.clinics, repositories.bookings, staff);
  const availability = new AvailabilityService(repositories.bookings, schedules, config.slotStepMinutes);
  const bookings = new BookingService(
    db,
    repositories.bookings,
    catalog,
    availability,
    new JitsiMeetingProvider(config.meetingBaseUrl),
    staff,
    config.maxLiveHolds,
  );
  const feedSecret = await localFileSecret(config.feedSecretDir, config.feedSecret);
  const feeds = new CalendarFeedService(
    repositories.feeds,
    repositories.bookings,
    repositories.clinics,
    repositories.catalog,
    feedSecret,
    () => (typeof publicUrl === "function" ? publicUrl() : (publicUrl ?? ownUrl)),
  );
  const resolvers = new ResolverContainer([
    new ClinicResolver(clinics, bookings),
    new ClinicServiceResolver(catalog),
    new ScheduleResolver(schedules),
    new BookingResolver(bookings, catalog, staff, availability, repositories.bookings),
    new SlotHoldResolver(),
    new PetBookingsResolver(bookings),
    new UserBookingsResolver(bookings, feeds),
    new KnownClinicResolver(repositories.clinics),
  ]);
  const running = await startSubgraphServer<BookingsContext>(
    {
      name: "bookings",
      schema: await buildBookingsSchema(resolvers),
      log: config.log,
      verifier: AccessTokenVerifier.fromJwksUrl(
        config.jwksUrl,
        RevocationList.overHttp(config.revocations, config.log),
        config.log,
      ),
      gatewaySecret: config.gatewaySecret,
      createContext: (base) =>
        createBookingsContext(base, {
          clinics: repositories.clinics,
          catalog: repositories.catalog,
          bookings: repositories.bookings,
          pets,
        }),
      ready: async () => {
        await db.query("SELECT 1");
      },
      routes: (app) => {
        // Calendar apps fetch feeds without a token of ours: the secret URL is the credential.
        app.get("/calendar/:token.ics", async (req, res) => {
          const body = await feeds.render(req.params.token);
          if (body === null) {
            res.status(404).type("text/plain").send("Unknown calendar feed");
            return;
          }
          res.type("text/calendar; charset=utf-8").setHeader("cache-control", "private, max-age=300").send(body);
        });
      },
    },
    config.port,
  );
  ownUrl = `http://localhost:${running.port}`;
  const relay = await startOutboxRelay({
    dataSource: db,
    schema: "bookings",
    redisUrl: config.redisUrl,
    enabled: config.relayEnabled,
    log: config.log,
  });
  const consumers = await startEventConsumers({
    databaseUrl: config.databaseUrl,
    schema: "bookings",
    redisUrl: config.redisUrl,
    enabled: config.consumeEvents,
    log: config.log,
    privacy: { registry: PERSONAL_DATA },
  });
  return {
    ...running,
    name: "bookings",
    sql,
    stop: () =>
      stopSubgraph(running, config.log, [
        ["event consumers", () => consumers.stop()],
        ["outbox relay", () => relay.stop()],
        ["database pool", () => db.destroy()],
      ]),
  };
}
