import { z } from "zod";
import { ERASURE_DUE, EXPORT_REQUESTED, readEvent } from "@pawgraph/subgraph-kit";

/**
 * catalog's own copy of the events it reads from other subgraphs: only the fields it uses. The
 * contract tests check each against its producer's committed JSON Schema (events/<source>/).
 */

/** orders delivered a vendor order: its buyer may now review the products in it. */
export const ORDER_DELIVERED = readEvent({
  source: "orders",
  name: "order.delivered",
  payload: z.object({
    orderId: z.string(),
    buyerId: z.string(),
    deliveredAt: z.string(),
    productIds: z.array(z.string()),
  }),
});

export const CONSUMED_EVENTS = [ORDER_DELIVERED, EXPORT_REQUESTED, ERASURE_DUE];
