const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Checks a Postgres schema name before it is spliced into SQL (identifiers cannot be bound parameters). */
export function quoteSchema(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(`Invalid Postgres schema name "${schema}": use lower-case letters, digits and _`);
  }
  return `"${schema}"`;
}

/**
 * The statements that create `<schema>.outbox` and `<schema>.processed_events`; a subgraph runs
 * `up` from one of its own TypeORM migrations (and `down` from its `down`).
 */
export function outboxMigrationSql(schema: string): { up: string[]; down: string[] } {
  const s = quoteSchema(schema);
  return {
    up: [
      `CREATE TABLE ${s}.outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL UNIQUE,
        type text NOT NULL,
        aggregate_id text NOT NULL,
        payload jsonb NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      )`,
      // The relay's claim query scans only what is still waiting, in write order...
      `CREATE INDEX outbox_unpublished_seq_idx ON ${s}.outbox (seq) WHERE published_at IS NULL`,
      // ...and asks "does this aggregate have an earlier row still waiting?" to keep per-aggregate order.
      `CREATE INDEX outbox_unpublished_aggregate_idx ON ${s}.outbox (aggregate_id, seq) WHERE published_at IS NULL`,
      `CREATE TABLE ${s}.processed_events (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`,
      `CREATE INDEX processed_events_processed_at_idx ON ${s}.processed_events (processed_at)`,
    ],
    down: [`DROP TABLE ${s}.processed_events`, `DROP TABLE ${s}.outbox`],
  };
}
