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

/** Who published a batch and when, so a bus that can lose what it accepted can say what it still holds. */
export interface PublishStamp {
  /** The publishing relay: its subgraph's schema. */
  publisher: string;
  /** The oldest and newest `published_at` of the batch's rows (equal for a fresh batch; a replay spans more). */
  oldest: Date;
  newest: Date;
}

/** What a bus that can forget still holds of one publisher's batches (see `EventBus.checkpoint`). */
export interface BusCheckpoint {
  /** The newest stamp among the publisher's batches the bus holds; null when it holds none (Redis restarted empty). */
  newest: Date | null;
  /**
   * The oldest stamp of the first batch this server's data received from the publisher: rows
   * published before it never reached this data (Redis restarted empty and took a batch, e.g. one
   * resent on reconnect, before the relay's check).
   */
  oldest: Date | null;
  /** The server restarted since the previous checkpoint: even with persistence it may have lost its last writes. */
  restarted: boolean;
}

/** Carries domain events between subgraphs: Redis Streams when Redis is configured, Postgres otherwise. */
export interface EventBus {
  readonly kind: "redis-streams" | "postgres";
  /**
   * Appends events in the given order; resolves once the bus has accepted all of them. With a
   * stamp, the bus remembers it together with the events (atomically), for `checkpoint`.
   */
  publish(events: readonly DomainEvent[], stamp?: PublishStamp): Promise<void>;
  /**
   * Only on a bus that can lose accepted events (Redis restarted without persistence, or with its
   * last second of writes lost): the newest stamp of `publisher` it still holds, so the relay can
   * publish again what was lost. Absent on the Postgres bus, which keeps what it committed.
   */
  checkpoint?(publisher: string): Promise<BusCheckpoint>;
  /** Calls `listener` each time the bus's connection is ready again after an outage (and when it first is). */
  onReconnect?(listener: () => void): void;
  /** Creates the group if needed and starts delivering to `handler`, one event at a time, in bus order. */
  subscribe(options: EventSubscribeOptions): Promise<EventSubscription>;
  /** Stops every subscription and closes the bus's connections. */
  close(): Promise<void>;
}
