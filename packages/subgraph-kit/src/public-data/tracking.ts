import type { Express } from "express";
import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import { isUnavailableError } from "../errors";
import { GATEWAY_SECRET_HEADER, isGatewaySecret } from "../gateway-secret";
import { consume } from "../outbox/consumer";
import type { EventBus, EventSubscription } from "../outbox/event";
import { OUTBOX_CHANNEL } from "../outbox/outbox";
import { quoteSchema } from "../outbox/sql";
import { PUBLIC_DATA_VERSION_PATH, type PublicDataVersion } from "./version";

/**
 * A subgraph's public data version (docs/decisions/0054): the gateway caches anonymous answers only
 * under the version it read before asking, so a change is invisible in its cache once the gateway
 * has seen the next version.
 *
 * Three parts, each on the path that can carry it:
 * 1. Row triggers on the tables anonymous callers read write one event per transaction to the
 *    outbox (whatever code path changed them: a mutation, an import, a sweeper, a future feature).
 *    The outbox insert commits or rolls back with the change and takes no shared lock, so writers
 *    never queue behind each other for it.
 * 2. The subgraph's own consumer of that event adds one to `<schema>.public_data_version`: the
 *    one-row counter is written by the consumers only, off every request's path.
 * 3. `GET /internal/public-data-version` answers the row; the gateway polls it.
 */
export interface PublicDataTracking {
  schema: string;
  /** The event the triggers write (its contract lives in the subgraph's events.ts). */
  eventType: string;
  /** The outbox aggregate the events share (kept in order, like any aggregate's events). */
  aggregateId: string;
  /** Tables in `schema` whose rows anonymous callers see, directly or through a derived answer. */
  tables: readonly string[];
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
const LITERAL = /^[a-z0-9_.\-]{1,100}$/;

/** The migration: the version row, the trigger function, and one trigger per table. */
export function publicDataTrackingMigrationSql(tracking: PublicDataTracking): { up: string[]; down: string[] } {
  const s = quoteSchema(tracking.schema);
  if (!LITERAL.test(tracking.eventType) || !LITERAL.test(tracking.aggregateId))
    throw new Error("public data tracking: event type and aggregate must be plain identifiers");
  for (const table of tracking.tables)
    if (!IDENTIFIER.test(table)) throw new Error(`public data tracking: invalid table name "${table}"`);
  // A transaction-local setting marks "already written": one event per transaction, however many
  // rows or statements it changes (a 50,000-product import writes one). It is reset at commit and
  // rollback, and by a rolled-back savepoint together with the event row it guarded.
  const flag = `pawgraph.${tracking.schema}_public_data_changed`;
  return {
    up: [
      `CREATE TABLE ${s}.public_data_version (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        version bigint NOT NULL DEFAULT 0,
        changed_at timestamptz
      )`,
      `INSERT INTO ${s}.public_data_version (id) VALUES (1)`,
      `CREATE FUNCTION ${s}.note_public_data_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
          IF coalesce(current_setting('${flag}', true), '') = '' THEN
            PERFORM set_config('${flag}', 'on', true);
            INSERT INTO ${s}.outbox (type, aggregate_id, payload)
              VALUES ('${tracking.eventType}', '${tracking.aggregateId}', jsonb_build_object('table', TG_TABLE_NAME));
            PERFORM pg_notify('${OUTBOX_CHANNEL}', '${tracking.schema}');
          END IF;
          RETURN NULL;
        END
      $fn$`,
      ...tracking.tables.map(
        (table) =>
          `CREATE TRIGGER ${table}_public_data_change AFTER INSERT OR UPDATE OR DELETE ON ${s}.${table}
             FOR EACH ROW EXECUTE FUNCTION ${s}.note_public_data_change()`,
      ),
    ],
    down: [
      ...tracking.tables.map((table) => `DROP TRIGGER ${table}_public_data_change ON ${s}.${table}`),
      `DROP FUNCTION ${s}.note_public_data_change()`,
      `DROP TABLE ${s}.public_data_version`,
    ],
  };
}

/** Part 2: the subgraph's consumer `<schema>.public-data-version` counts the tracking events. */
export function trackPublicDataVersion(
  bus: EventBus,
  dataSource: DataSource,
  tracking: Pick<PublicDataTracking, "schema" | "eventType">,
): Promise<EventSubscription> {
  const table = `${quoteSchema(tracking.schema)}.public_data_version`;
  return consume(bus, {
    dataSource,
    schema: tracking.schema,
    consumer: `${tracking.schema}.public-data-version`,
    types: [tracking.eventType],
    handle: async (_event, manager) => {
      await manager.query(`UPDATE ${table} SET version = version + 1, changed_at = now() WHERE id = 1`);
    },
  });
}

/** Part 3: `GET /internal/public-data-version`, for Pawgraph's own processes only. */
export function publicDataVersionRoute(
  app: Express,
  options: { dataSource: DataSource; schema: string; gatewaySecret: string; log: Logger },
): void {
  const table = `${quoteSchema(options.schema)}.public_data_version`;
  app.get(PUBLIC_DATA_VERSION_PATH, async (req, res) => {
    if (!isGatewaySecret(req.get(GATEWAY_SECRET_HEADER), options.gatewaySecret)) {
      res.status(403).json({ error: "Requests must come through the gateway" });
      return;
    }
    try {
      const rows: Array<{ version: string; changed_at: Date | null }> = await options.dataSource.query(
        `SELECT version::text AS version, changed_at FROM ${table} WHERE id = 1`,
      );
      const row = rows[0];
      if (!row) throw new Error(`${table} has no row`);
      const answer: PublicDataVersion = { version: row.version, changedAt: row.changed_at?.toISOString() ?? null };
      res.set("cache-control", "no-store").json(answer);
    } catch (error) {
      // Polled several times a second by every gateway: a database outage is a warning, not a stream of errors.
      options.log[isUnavailableError(error) ? "warn" : "error"]({ err: error }, "public data version unavailable");
      res.status(503).json({ error: "public data version unavailable" });
    }
  });
}
