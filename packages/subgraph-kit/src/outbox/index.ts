export { createEventBus, type EventBusOptions } from "./bus";
export { alreadyProcessed, consume, idempotentHandler, type ConsumeOptions } from "./consumer";
export type {
  BusCheckpoint,
  PublishStamp,
  DomainEvent,
  EventBus,
  EventHandler,
  NewDomainEvent,
  EventStartFrom,
  EventSubscribeOptions,
  EventSubscription,
} from "./event";
export { OUTBOX_CHANNEL, writeEvent } from "./outbox";
export { PgListener, pgConfigOf, type PgListenerOptions } from "./pg-listener";
export { PostgresEventBus, type PostgresBusSettings } from "./postgres-bus";
export { RedisStreamsEventBus } from "./redis-bus";
export type { RedisBusSettings } from "./redis-connection";
export { OutboxRelay, type OutboxRelayOptions } from "./relay";
export { outboxMigrationSql } from "./sql";
export { startEventConsumers, startOutboxRelay, type Stoppable } from "./wiring";
export {
  EventDecodeError,
  defineEvent,
  readEvent,
  skipUndecodable,
  wireType,
  type EventContract,
  type EventLike,
  type EventReader,
  type PayloadSchema,
} from "./contract";
