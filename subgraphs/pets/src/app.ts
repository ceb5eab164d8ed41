import {
  AccessTokenVerifier,
  RevocationList,
  revocationSettingsFromEnv,
  type RevocationSettings,
  startEventConsumers,
  startOutboxRelay,
  createLogger,
  envBool,
  envOptional,
  databaseUrlFor,
  envInt,
  envString,
  gatewaySecretFromEnv,
  startSubgraphServer,
  stopSubgraph,
  ResolverContainer,
  SubgraphClient,
  type SubgraphUrl,
  type GatewaySecretSettings,
  type Logger,
  type RunningSubgraph,
} from "@pawgraph/subgraph-kit";
// The schema first: it fixes the order resolver modules load in, which orders the emitted SDL.
import { buildPetsSchema } from "./schema";
import { consumeBookingEvents } from "./booking/booking-access.consumer";
import { BookingAccessRepository } from "./booking/booking-access.repository";
import { PetCarerResolver } from "./carer/pet-carer.resolver";
import { PetCarerRepository } from "./carer/pet-carer.repository";
import { PetCarerService } from "./carer/pet-carer.service";
import { ClinicRegistry } from "./clinic/clinic-registry";
import { consumeConversationEvents } from "./conversation/conversation-access.consumer";
import { ConversationAccessRepository } from "./conversation/conversation-access.repository";
import { createPetsContext } from "./context";
import { openPetsDatabase } from "./data-source";
import { RecordAccessGrantResolver } from "./grant/record-access-grant.resolver";
import { RecordAccessGrantRepository } from "./grant/record-access-grant.repository";
import { RecordAccessGrantService } from "./grant/record-access-grant.service";
import { PetInvitationRepository } from "./invitation/pet-invitation.repository";
import { PetInvitationResolver, PetPendingInvitationsResolver } from "./invitation/pet-invitation.resolver";
import { PetInvitationService } from "./invitation/pet-invitation.service";
import { PETS_SCHEMA } from "./events";
import { PERSONAL_DATA } from "./personal-data";
import { eraseSolePets } from "./privacy/erase-sole-pets";
import { PetAudienceResolver } from "./pet-audience/pet-audience.resolver";
import { PetAudienceService } from "./pet-audience/pet-audience.service";
import { PetRepository } from "./pet/pet.repository";
import { PetResolver } from "./pet/pet.resolver";
import { PetService } from "./pet/pet.service";
import { UserPetsResolver } from "./user/user-pets.resolver";
import { WeightRecordRepository } from "./weight/weight-record.repository";
import { WeightRecordResolver } from "./weight/weight-record.resolver";
import { WeightRecordService } from "./weight/weight-record.service";

export interface PetsConfig {
  port: number;
  /** Redis Streams for domain events when set; the Postgres bus otherwise. */
  redisUrl?: string;
  /** Publish the outbox (invitation events) from this process (on by default; any number of instances may). */
  relayEnabled: boolean;
  /** Consume bookings' events (clinic access through bookings); on by default. */
  consumeEvents: boolean;
  databaseUrl: string;
  jwksUrl: string;
  /** identity's revocation log, polled so revoked tokens stop within seconds (env `IDENTITY_URL`, `REVOCATION_POLL_MS`). */
  revocations: RevocationSettings;
  /** Shared with the gateway and the other subgraphs: required of incoming calls, sent on outgoing ones. */
  gatewaySecret: GatewaySecretSettings;
  /** bookings' GraphQL URL: pets asks it whether a clinic exists before granting it a pet's record (env `BOOKINGS_URL`). */
  bookingsUrl: SubgraphUrl;
  log: Logger;
}

export function petsConfigFromEnv(): PetsConfig {
  return {
    /** Listening port (env `PORT`, else `PETS_PORT`; 4002). */
    port: envInt("PORT", envInt("PETS_PORT", 4002)),
    /** Redis (env `REDIS_URL`) for the event streams and, where the subgraph has them, subscription fan-out and rate limits; unset, events go through Postgres. */
    redisUrl: envOptional("REDIS_URL"),
    relayEnabled: envBool("OUTBOX_RELAY_ENABLED", true),
    consumeEvents: envBool("EVENT_CONSUMERS_ENABLED", true),
    databaseUrl: databaseUrlFor("pets"),
    jwksUrl: envString("IDENTITY_JWKS_URL", "http://localhost:4001/.well-known/jwks.json"),
    revocations: revocationSettingsFromEnv(),
    gatewaySecret: gatewaySecretFromEnv(),
    bookingsUrl: envString("BOOKINGS_URL", "http://localhost:4004/graphql"),
    log: createLogger("pets"),
  };
}

/**
 * Composition root: config → database → repository → services → resolvers → server. The one place
 * that knows every class: each gets its collaborators here, by constructor (docs/decisions/0028).
 */
export async function startPets(config: PetsConfig): Promise<RunningSubgraph> {
  const { dataSource, sql } = await openPetsDatabase(config.databaseUrl, config.log);
  const repositories = {
    pets: new PetRepository(dataSource),
    carers: new PetCarerRepository(dataSource),
    grants: new RecordAccessGrantRepository(dataSource),
    weights: new WeightRecordRepository(dataSource),
    invitations: new PetInvitationRepository(dataSource),
  };
  const access = { bookings: new BookingAccessRepository(), conversations: new ConversationAccessRepository() };
  const pets = new PetService(dataSource, repositories.pets);
  const weights = new WeightRecordService(repositories.weights, pets);
  const clinics = new ClinicRegistry(new SubgraphClient("bookings", config.bookingsUrl, config.gatewaySecret.secret));
  const invitations = new PetInvitationService(dataSource, repositories.invitations, pets);
  const resolvers = new ResolverContainer([
    new PetResolver(pets, weights),
    new PetCarerResolver(new PetCarerService(repositories.carers, pets)),
    new WeightRecordResolver(weights),
    new RecordAccessGrantResolver(new RecordAccessGrantService(repositories.grants, pets, clinics)),
    new UserPetsResolver(pets),
    new PetAudienceResolver(new PetAudienceService(repositories.pets)),
    new PetInvitationResolver(invitations),
    new PetPendingInvitationsResolver(invitations),
  ]);
  const running = await startSubgraphServer(
    {
      name: "pets",
      schema: await buildPetsSchema(resolvers),
      log: config.log,
      verifier: AccessTokenVerifier.fromJwksUrl(
        config.jwksUrl,
        RevocationList.overHttp(config.revocations, config.log),
        config.log,
      ),
      gatewaySecret: config.gatewaySecret,
      createContext: (base) => createPetsContext(base, repositories),
      ready: async () => {
        await dataSource.query("SELECT 1");
      },
    },
    config.port,
  );
  const relay = await startOutboxRelay({
    dataSource,
    schema: PETS_SCHEMA,
    redisUrl: config.redisUrl,
    enabled: config.relayEnabled,
    log: config.log,
  });
  const consumers = await startEventConsumers({
    databaseUrl: config.databaseUrl,
    schema: "pets",
    redisUrl: config.redisUrl,
    enabled: config.consumeEvents,
    log: config.log,
    subscribe: (bus, events) =>
      Promise.all([
        consumeBookingEvents(bus, events, access.bookings),
        consumeConversationEvents(bus, events, access.conversations),
      ]),
    privacy: { registry: PERSONAL_DATA, beforeErasure: eraseSolePets },
  });
  return {
    ...running,
    name: "pets",
    sql,
    stop: () =>
      stopSubgraph(running, config.log, [
        ["event consumers", () => consumers.stop()],
        ["outbox relay", () => relay.stop()],
        ["database pool", () => dataSource.destroy()],
      ]),
  };
}
