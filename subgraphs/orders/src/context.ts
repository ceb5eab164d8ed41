import type DataLoader from "dataloader";
import { groupLoader, rowLoader, type BaseContext } from "@pawgraph/subgraph-kit";
import type { OrderRepository } from "./order/order.repository";
import type { OrderHistoryRow } from "./order/order.rows";
import type { CoverageRow, CreditUse, WellnessCoverageRepository } from "./wellness/wellness-coverage.repository";
import type { WellnessOfferRepository, WellnessOfferRow } from "./wellness/wellness-offer.repository";

/** Per-request context of orders: the kit's base context and fresh DataLoaders (docs/decisions/0028). */
export interface OrdersContext extends BaseContext {
  loaders: {
    /** Each order's status changes: one statement for a page of orders asking for `history`. */
    history: DataLoader<string, OrderHistoryRow[]>;
    /** Wellness offers by id, for a page of WELLNESS care plans. */
    wellnessOffer: DataLoader<string, WellnessOfferRow | null>;
    /** Credits each plan used this plan year, per service. */
    creditUse: DataLoader<string, CreditUse[]>;
    /** Each booking's wellness coverage, for a page of bookings. */
    wellnessCoverage: DataLoader<string, CoverageRow | null>;
  };
}

/** What the per-request loaders read from. */
export interface ContextSources {
  orders: OrderRepository;
  wellnessOffers: WellnessOfferRepository;
  coverage: WellnessCoverageRepository;
  /** Today (YYYY-MM-DD, UTC) by orders' clock: which plan year credits count in. */
  today: () => string;
}

export function createOrdersContext(base: BaseContext, sources: ContextSources): OrdersContext {
  const { orders } = sources;
  return {
    ...base,
    loaders: {
      history: groupLoader(
        (ids) => orders.historyOf(ids),
        (row) => row.orderId,
      ),
      wellnessOffer: rowLoader(
        (ids) => sources.wellnessOffers.byIds(ids),
        (row) => row.id,
      ),
      creditUse: groupLoader(
        (ids) => sources.coverage.usedThisYear(ids, sources.today()),
        (row) => row.planId,
      ),
      wellnessCoverage: rowLoader(
        (ids) => sources.coverage.ofBookings(ids),
        (row) => row.bookingId,
      ),
    },
  };
}
