import { Arg, Mutation, Resolver } from "type-graphql";
import { Internal } from "@pawgraph/subgraph-kit";
import type { StockService } from "../stock/stock.service";
import { AllocateStockInput, CartStockInput, ReserveStockInput, RestockStockInput } from "./stock-internal.inputs";
import {
  toAllocateResult,
  toCancelResult,
  toExtendResult,
  toReleaseResult,
  toReserveResult,
  toRestockResult,
  toShipResult,
} from "./stock-internal.mapper";
import {
  AllocateStockResult,
  CancelStockAllocationResult,
  ExtendStockReservationResult,
  ReserveStockResult,
  ShipStockResult,
  StockReleased,
  StockRestocked,
} from "./stock-internal.types";

/**
 * The stock API of the orders subgraph (docs/decisions/0032): internal mutations, called at catalog
 * directly with the gateway secret. `@Internal()`: the gateway never serves them and a caller
 * without the secret is refused. Each is idempotent by the caller's `idempotencyKey`.
 */
@Resolver()
export class StockInternalResolver {
  constructor(private readonly stock: StockService) {}

  @Internal()
  @Mutation(() => ReserveStockResult, {
    nullable: true,
    description: "Internal (orders): reserve a cart's lines at checkout, replacing the cart's earlier reservations.",
  })
  async reserveStock(
    @Arg("input", () => ReserveStockInput, { description: "The cart, the key and the lines." })
    input: ReserveStockInput,
  ): Promise<typeof ReserveStockResult> {
    return toReserveResult(await this.stock.reserve(input));
  }

  @Internal()
  @Mutation(() => ExtendStockReservationResult, {
    nullable: true,
    description: "Internal (orders): extend the cart's reservations once, when payment starts.",
  })
  async extendStockReservation(
    @Arg("input", () => CartStockInput, { description: "The cart and the key." }) input: CartStockInput,
  ): Promise<typeof ExtendStockReservationResult> {
    return toExtendResult(await this.stock.extend(input.cartId, input.idempotencyKey));
  }

  @Internal()
  @Mutation(() => StockReleased, {
    nullable: true,
    description: "Internal (orders): release the cart's reservations (cart changed or abandoned).",
  })
  async releaseStock(
    @Arg("input", () => CartStockInput, { description: "The cart and the key." }) input: CartStockInput,
  ): Promise<StockReleased> {
    return toReleaseResult(await this.stock.release(input.cartId, input.idempotencyKey));
  }

  @Internal()
  @Mutation(() => AllocateStockResult, {
    nullable: true,
    description: "Internal (orders): the order is paid; its lines become allocated stock.",
  })
  async allocateStock(
    @Arg("input", () => AllocateStockInput, { description: "The cart, the key and the paid lines." })
    input: AllocateStockInput,
  ): Promise<typeof AllocateStockResult> {
    return toAllocateResult(await this.stock.allocate(input.cartId, input.idempotencyKey, input.lines));
  }

  @Internal()
  @Mutation(() => ShipStockResult, {
    nullable: true,
    description: "Internal (orders): the order shipped; its allocated units leave on hand.",
  })
  async shipStock(
    @Arg("input", () => CartStockInput, { description: "The cart the order was paid from, and the key." })
    input: CartStockInput,
  ): Promise<typeof ShipStockResult> {
    return toShipResult(await this.stock.ship(input.cartId, input.idempotencyKey));
  }

  @Internal()
  @Mutation(() => CancelStockAllocationResult, {
    nullable: true,
    description: "Internal (orders): the paid order was cancelled before shipping; its allocated units are free again.",
  })
  async cancelStockAllocation(
    @Arg("input", () => CartStockInput, { description: "The cart the order was paid from, and the key." })
    input: CartStockInput,
  ): Promise<typeof CancelStockAllocationResult> {
    return toCancelResult(await this.stock.cancelAllocation(input.cartId, input.idempotencyKey));
  }

  @Internal()
  @Mutation(() => StockRestocked, {
    nullable: true,
    description: "Internal (orders): returned or refunded units go back on hand.",
  })
  async restockStock(
    @Arg("input", () => RestockStockInput, { description: "The key, the units and a note." }) input: RestockStockInput,
  ): Promise<StockRestocked> {
    return toRestockResult(await this.stock.restock(input.idempotencyKey, input.lines, input.note ?? null));
  }
}
