import type { SubgraphClient } from "@pawgraph/subgraph-kit";

/** A variant as catalog's internal `orderableVariants` answers (docs/decisions/0032, catalog README). */
export interface OrderableVariant {
  variantId: string;
  productId: string;
  categoryId: string;
  vendorId: string;
  vendorName: string;
  /** The clinic whose shop the vendor is; null for independent vendors. */
  vendorClinicId: string | null;
  title: string;
  sku: string;
  priceMinor: number;
  currency: string;
  taxCategory: string;
  weightGrams: number | null;
  prescriptionOnly: boolean;
  medicationCodes: string[];
  purchasable: boolean;
  unavailableReason: string | null;
}

export interface StockLineInput {
  lineId: string;
  variantId: string;
  quantity: number;
}

export interface HeldStockLine {
  variantId: string;
  locationId: string;
  quantity: number;
}

export type ReserveAnswer =
  | { __typename: "StockReserved"; expiresAt: string }
  | { __typename: "StockShortfallError"; variantId: string; requested: number; available: number };

export type AllocateAnswer =
  | { __typename: "StockAllocated"; lines: HeldStockLine[] }
  | { __typename: "ReservationExpiredError"; variantId: string; requested: number; available: number };

const VARIANTS = `query ($ids: [ID!]!) { orderableVariants(ids: $ids) {
  variantId productId categoryId vendorId vendorName vendorClinicId title sku priceMinor currency taxCategory weightGrams
  prescriptionOnly medicationCodes purchasable unavailableReason } }`;
const RESERVE = `mutation ($input: ReserveStockInput!) { reserveStock(input: $input) { __typename
  ... on StockReserved { expiresAt } ... on StockShortfallError { variantId requested available } } }`;
const EXTEND = `mutation ($input: CartStockInput!) { extendStockReservation(input: $input) { __typename } }`;
const RELEASE = `mutation ($input: CartStockInput!) { releaseStock(input: $input) { __typename } }`;
const ALLOCATE = `mutation ($input: AllocateStockInput!) { allocateStock(input: $input) { __typename
  ... on StockAllocated { lines { variantId locationId quantity } }
  ... on ReservationExpiredError { variantId requested available } } }`;
const SHIP = `mutation ($input: CartStockInput!) { shipStock(input: $input) { __typename } }`;
const CANCEL = `mutation ($input: CartStockInput!) { cancelStockAllocation(input: $input) { __typename } }`;
const RESTOCK = `mutation ($input: RestockStockInput!) { restockStock(input: $input) { __typename } }`;

/**
 * orders' one door into catalog: live variant facts for pricing, and the stock API. Every stock call
 * is idempotent by its key (`<cartId>:<version>` for a checkout), so a retry after a timeout is safe.
 */
export class CatalogClient {
  constructor(private readonly catalog: SubgraphClient) {}

  async variants(ids: readonly string[]): Promise<Map<string, OrderableVariant>> {
    if (ids.length === 0) return new Map();
    const data = await this.catalog.serviceQuery<{ orderableVariants: OrderableVariant[] | null }>(VARIANTS, {
      ids: [...new Set(ids)],
    });
    return new Map((data.orderableVariants ?? []).map((v) => [v.variantId, v]));
  }

  async reserve(cartId: string, key: string, lines: StockLineInput[], ttlSeconds?: number): Promise<ReserveAnswer> {
    const data = await this.catalog.serviceQuery<{ reserveStock: ReserveAnswer }>(RESERVE, {
      input: { cartId, idempotencyKey: key, lines, ...(ttlSeconds ? { ttlSeconds } : {}) },
    });
    return data.reserveStock;
  }

  async extend(cartId: string, key: string): Promise<string> {
    const data = await this.catalog.serviceQuery<{ extendStockReservation: { __typename: string } }>(EXTEND, {
      input: { cartId, idempotencyKey: key },
    });
    return data.extendStockReservation.__typename;
  }

  async release(cartId: string, key: string): Promise<void> {
    await this.catalog.serviceQuery(RELEASE, { input: { cartId, idempotencyKey: key } });
  }

  async allocate(cartId: string, key: string, lines: StockLineInput[]): Promise<AllocateAnswer> {
    const data = await this.catalog.serviceQuery<{ allocateStock: AllocateAnswer }>(ALLOCATE, {
      input: { cartId, idempotencyKey: key, lines },
    });
    return data.allocateStock;
  }

  /** Settles the cart's allocation as sold (on hand and allocated down): the goods left the warehouse. */
  async ship(cartId: string, key: string): Promise<string> {
    const data = await this.catalog.serviceQuery<{ shipStock: { __typename: string } }>(SHIP, {
      input: { cartId, idempotencyKey: key },
    });
    return data.shipStock.__typename;
  }

  /** Gives an allocation back (cancelled before shipment): the units are available again. */
  async cancelAllocation(cartId: string, key: string): Promise<string> {
    const data = await this.catalog.serviceQuery<{ cancelStockAllocation: { __typename: string } }>(CANCEL, {
      input: { cartId, idempotencyKey: key },
    });
    return data.cancelStockAllocation.__typename;
  }

  /** Returned goods back on hand. */
  async restock(key: string, lines: HeldStockLine[], note: string): Promise<void> {
    await this.catalog.serviceQuery(RESTOCK, { input: { idempotencyKey: key, lines, note } });
  }
}
