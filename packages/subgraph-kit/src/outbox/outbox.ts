import type { EntityManager } from "typeorm";
import type { NewDomainEvent } from "./event";
import { quoteSchema } from "./sql";

/** NOTIFY channel the outbox uses; the payload is the schema, so each relay wakes only for its own outbox. */
export const OUTBOX_CHANNEL = "pawgraph_outbox";

/**
 * Records a domain event in `<schema>.outbox` inside the caller's transaction, so the event exists
 * if and only if the change commits; returns the event id.
 *
 * Write it after the statement that locks the changed aggregate row: two transactions on one
 * aggregate then take outbox sequence numbers in commit order, which is the order consumers see.
 */
export async function writeEvent(manager: EntityManager, schema: string, event: NewDomainEvent): Promise<string> {
  if (!manager.queryRunner?.isTransactionActive) {
    // Outside a transaction the event would commit on its own, before (or without) the change.
    throw new Error("writeEvent must run inside the transaction that makes the change (dataSource.transaction(...))");
  }
  // One round trip. pg_notify is transactional: it is delivered at commit and dropped on rollback,
  // and repeated notifications with the same payload in one transaction are folded into one.
  const rows: Array<{ id: string }> = await manager.query(
    `WITH inserted AS (
       INSERT INTO ${quoteSchema(schema)}.outbox (type, aggregate_id, payload) VALUES ($1, $2, $3::jsonb) RETURNING id
     )
     SELECT id, pg_notify('${OUTBOX_CHANNEL}', $4) FROM inserted`,
    [event.type, event.aggregateId, JSON.stringify(event.payload), schema],
  );
  const id = rows[0]?.id;
  if (!id) throw new Error(`Outbox insert into ${schema}.outbox returned no id`);
  return id;
}
