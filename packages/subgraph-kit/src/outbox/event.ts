/** A fact one subgraph announces to the others, as consumers receive it. */
export interface DomainEvent {
  /** Unique per event; consumers deduplicate on it (delivery is at-least-once). */
  id: string;
  /** Dotted name, `<aggregate>.<past-tense verb>`, e.g. `booking.confirmed`. */
  type: string;
  /** Id of the entity the event is about; events of one aggregate are published in the order written. */
  aggregateId: string;
  payload: Record<string, unknown>;
  occurredAt: Date;
  /** Postgres schema (= subgraph name) whose outbox the event came from. */
  source: string;
}

/** The event a subgraph writes; the outbox adds id, time and source. */
export interface NewDomainEvent {
  type: string;
  aggregateId: string;
  payload: Record<string, unknown>;
}

/** Processes one delivered event; a rejection means "not done", so the bus delivers it again later. */
export type EventHandler = (event: DomainEvent) => Promise<void>;

/** Where a consumer group that has never run starts reading. */
export type EventStartFrom = "beginning" | "latest";

export interface EventSubscribeOptions {
  /** Consumer group: instances sharing a group split the events; each group sees every event. */
  group: string;
  handler: EventHandler;
  /** For a new group: all retained events (default, so a consumer deployed with its producer misses nothing) or only new ones. */
  startFrom?: EventStartFrom;
  /** Events fetched per read (default 50). */
  batchSize?: number;
}

/** A running consumer loop; `stop` lets the events in hand finish (and be acknowledged), then returns. */
export interface EventSubscription {
  stop(): Promise<void>;
}

/** Carries domain events between subgraphs: Redis Streams when Redis is configured, Postgres otherwise. */
export interface EventBus {
  readonly kind: "redis-streams" | "postgres";
  /** Appends events in the given order; resolves once the bus has durably accepted all of them. */
  publish(events: readonly DomainEvent[]): Promise<void>;
  /** Creates the group if needed and starts delivering to `handler`, one event at a time, in bus order. */
  subscribe(options: EventSubscribeOptions): Promise<EventSubscription>;
  /** Stops every subscription and closes the bus's connections. */
  close(): Promise<void>;
}
