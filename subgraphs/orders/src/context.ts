import type DataLoader from "dataloader";
import { groupLoader, type BaseContext } from "@pawgraph/subgraph-kit";
import type { OrderRepository } from "./order/order.repository";
import type { OrderHistoryRow } from "./order/order.rows";

/** Per-request context of orders: the kit's base context and fresh DataLoaders (docs/decisions/0028). */
export interface OrdersContext extends BaseContext {
  loaders: {
    /** Each order's status changes: one statement for a page of orders asking for `history`. */
    history: DataLoader<string, OrderHistoryRow[]>;
  };
}

export function createOrdersContext(base: BaseContext, orders: OrderRepository): OrdersContext {
  return {
    ...base,
    loaders: {
      history: groupLoader(
        (ids) => orders.historyOf(ids),
        (row) => row.orderId,
      ),
    },
  };
}
