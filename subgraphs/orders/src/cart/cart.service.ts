import {
  BadUserInputError,
  DomainError,
  isUuid,
  isVendorMember,
  NotFoundError,
  type BaseContext,
} from "@pawgraph/subgraph-kit";
import type { DataSource, EntityManager } from "typeorm";
import type { CatalogClient } from "../catalog/catalog.client";
import type { PetOwnership } from "../shared/pet-ownership";
import { toAddressRow } from "../shared/address";
import type { ShippingAddressInput } from "../shared/address.type";
import type { SettingsRepository } from "../settings/settings.repository";
import { couponRefusal, quoteCart, type CartQuote } from "./cart-quote";
import type { CartRepository, CartRow } from "./cart.repository";
import { hashCartToken, newCartToken } from "./cart-token";

const CART_TOKEN_FIELD = "X-Cart-Token";

/** A cart token that names no usable cart (unknown, merged, ordered, or someone else's). */
export class CartNotFoundError extends DomainError {
  constructor() {
    super("NOT_FOUND", "Cart not found", CART_TOKEN_FIELD);
  }
}

export interface CartChange {
  quote: CartQuote;
  /** Set only when this call created a guest cart. */
  cartToken: string | null;
}

function quantityOf(field: string, quantity: number): number {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > 999)
    throw new BadUserInputError(field, "must be a whole number from 1 to 999");
  return quantity;
}

function uuidOf(field: string, id: string, what: string): string {
  if (!isUuid(id)) throw new NotFoundError(what, field);
  return id;
}

/**
 * The viewer's cart: a signed-in user's one active cart, or a guest's by its token. A signed-in
 * request carrying a guest cart's token merges that cart into the user's (docs/decisions/0036).
 */
export class CartService {
  constructor(
    private readonly db: DataSource,
    private readonly carts: CartRepository,
    private readonly settings: SettingsRepository,
    private readonly catalog: CatalogClient,
    private readonly pets: PetOwnership,
  ) {}

  /** A pet named on a line must be the signed-in viewer's own (NOT_FOUND on `field` otherwise). */
  private async ownPet(ctx: BaseContext, field: string, petId: string): Promise<string> {
    uuidOf(field, petId, "Pet");
    if (!ctx.viewer || !(await this.pets.owned(ctx, [petId])).has(petId)) throw new NotFoundError("Pet", field);
    return petId;
  }

  /** The viewer's cart priced, or null when they have none yet. */
  async current(ctx: BaseContext): Promise<CartQuote | null> {
    const cart = await this.find(ctx);
    return cart ? this.quote(cart, ctx) : null;
  }

  /** The cart a change applies to, locked; created (for a guest, with a new token) when there is none. */
  private async forChange(
    ctx: BaseContext,
    manager: EntityManager,
  ): Promise<{ cart: CartRow; cartToken: string | null }> {
    if (ctx.viewer) {
      const cart = await this.carts.ensureForUser(manager, ctx.viewer.userId);
      if (ctx.cartToken) await this.mergeGuest(manager, ctx.cartToken, cart, ctx.viewer.userId);
      return { cart: (await this.carts.lock(manager, cart.id))!, cartToken: null };
    }
    if (ctx.cartToken) {
      const found = await this.carts.byTokenHash(hashCartToken(ctx.cartToken), manager);
      if (!found || !found.guest || found.status !== "ACTIVE") throw new CartNotFoundError();
      return { cart: (await this.carts.lock(manager, found.id))!, cartToken: null };
    }
    const token = newCartToken();
    return { cart: await this.carts.createGuest(manager, hashCartToken(token)), cartToken: token };
  }

  private async find(ctx: BaseContext): Promise<CartRow | null> {
    if (ctx.viewer) {
      const userId = ctx.viewer.userId;
      if (ctx.cartToken) {
        const guest = await this.carts.byTokenHash(hashCartToken(ctx.cartToken));
        if (guest?.guest && guest.status === "ACTIVE")
          return this.db.transaction(async (manager) => {
            const cart = await this.carts.ensureForUser(manager, userId);
            await this.mergeGuest(manager, ctx.cartToken!, cart, userId);
            return (await this.carts.byId(cart.id, manager))!;
          });
        if (!guest || !(await this.carts.wasMergedInto(guest.id, userId))) throw new CartNotFoundError();
      }
      return this.carts.activeOfUser(userId);
    }
    if (!ctx.cartToken) return null;
    const cart = await this.carts.byTokenHash(hashCartToken(ctx.cartToken));
    if (!cart || !cart.guest || cart.status !== "ACTIVE") throw new CartNotFoundError();
    return cart;
  }

  /**
   * Merges the guest cart the token names into the user's cart, once. A token whose cart was already
   * merged into this user's cart is ignored (the client may keep sending it); any other token that
   * names no active guest cart is NOT_FOUND.
   */
  private async mergeGuest(manager: EntityManager, token: string, into: CartRow, userId: string): Promise<void> {
    const found = await this.carts.byTokenHash(hashCartToken(token), manager);
    const guest = found && (await this.carts.lock(manager, found.id));
    if (guest && found.guest && guest.status === "ACTIVE") {
      await this.carts.merge(manager, guest.id, into);
      await this.carts.touch(manager, into.id);
      return;
    }
    const mergedHere: { id: string }[] = guest
      ? await manager.query(
          `SELECT id FROM orders.carts WHERE id = $1 AND merged_into IN (SELECT id FROM orders.carts WHERE user_id = $2)`,
          [guest.id, userId],
        )
      : [];
    if (mergedHere.length === 0) throw new CartNotFoundError();
  }

  private async change(
    ctx: BaseContext,
    apply: (manager: EntityManager, cart: CartRow) => Promise<string | null | undefined | void>,
  ): Promise<CartChange> {
    const { cartId, cartToken } = await this.db.transaction(async (manager) => {
      const { cart, cartToken } = await this.forChange(ctx, manager);
      const currency = await apply(manager, cart);
      await this.carts.touch(manager, cart.id, currency === undefined ? undefined : currency);
      return { cartId: cart.id, cartToken };
    });
    return { quote: await this.quote((await this.carts.byId(cartId))!, ctx), cartToken };
  }

  async addLine(
    ctx: BaseContext,
    input: { variantId: string; quantity: number; petId?: string | null },
  ): Promise<CartChange> {
    const variantId = uuidOf("input.variantId", input.variantId, "Product variant");
    const quantity = quantityOf("input.quantity", input.quantity);
    const petId = input.petId == null ? null : await this.ownPet(ctx, "input.petId", input.petId);
    const variant = (await this.catalog.variants([variantId])).get(variantId);
    // A draft's (or a suspended vendor's) variant exists only for its vendor's people, as in catalog.
    const hidden =
      variant?.unavailableReason === "PRODUCT_NOT_ACTIVE" || variant?.unavailableReason === "VENDOR_NOT_APPROVED";
    if (!variant || (hidden && !isVendorMember(ctx.viewer, variant.vendorId)))
      throw new NotFoundError("Product variant", "input.variantId");
    if (!variant.purchasable)
      throw new DomainError(
        "VARIANT_UNAVAILABLE",
        `${variant.title} cannot be bought at the moment`,
        "input.variantId",
      );
    return this.change(ctx, async (manager, cart) => {
      const lines = await this.carts.lines(cart.id, manager);
      if (cart.currency && lines.length > 0 && cart.currency !== variant.currency)
        throw new BadUserInputError(
          "input.variantId",
          `This cart is in ${cart.currency}; ${variant.title} is priced in ${variant.currency}. Check out or empty the cart first.`,
        );
      await this.carts.addLine(manager, cart.id, { variantId, petId, quantity });
      return variant.currency;
    });
  }

  async updateLine(
    ctx: BaseContext,
    input: { lineId: string; quantity?: number | null; petId?: string | null },
  ): Promise<CartChange> {
    const lineId = uuidOf("input.lineId", input.lineId, "Cart line");
    const quantity = input.quantity == null ? null : quantityOf("input.quantity", input.quantity);
    const petId =
      input.petId === undefined
        ? undefined
        : input.petId === null
          ? null
          : await this.ownPet(ctx, "input.petId", input.petId);
    return this.change(ctx, async (manager, cart) => {
      const line = await this.carts.line(manager, cart.id, lineId);
      if (!line) throw new NotFoundError("Cart line", "input.lineId");
      if (quantity !== null) await this.carts.setQuantity(manager, lineId, quantity);
      if (petId !== undefined) await this.carts.setLinePet(manager, lineId, petId);
    });
  }

  async removeLine(ctx: BaseContext, lineId: string): Promise<CartChange> {
    uuidOf("lineId", lineId, "Cart line");
    return this.change(ctx, async (manager, cart) => {
      const line = await this.carts.line(manager, cart.id, lineId);
      if (!line) throw new NotFoundError("Cart line", "lineId");
      await this.carts.removeLine(manager, lineId);
      const left = await this.carts.lines(cart.id, manager);
      return left.length === 0 ? null : undefined;
    });
  }

  async applyCoupon(ctx: BaseContext, rawCode: string): Promise<CartChange> {
    const code = rawCode.trim().toUpperCase();
    if (!/^[A-Z0-9_-]{3,32}$/.test(code)) throw new NotFoundError("Coupon", "code");
    const coupon = await this.settings.couponByCode(code);
    if (!coupon || !coupon.active) throw new NotFoundError("Coupon", "code");
    return this.change(ctx, async (manager, cart) => {
      await this.carts.addCoupon(manager, cart.id, coupon.id);
    });
  }

  async removeCoupon(ctx: BaseContext, rawCode: string): Promise<CartChange> {
    const code = rawCode.trim().toUpperCase();
    const coupon = /^[A-Z0-9_-]{3,32}$/.test(code) ? await this.settings.couponByCode(code) : null;
    return this.change(ctx, async (manager, cart) => {
      if (!coupon || !(await this.carts.removeCoupon(manager, cart.id, coupon.id)))
        throw new NotFoundError("Coupon on this cart", "code");
    });
  }

  async setShippingAddress(ctx: BaseContext, input: ShippingAddressInput): Promise<CartChange> {
    const address = toAddressRow(input, "input");
    return this.change(ctx, async (manager, cart) => {
      await this.carts.setShippingAddress(manager, cart.id, address);
    });
  }

  async setShippingMethod(
    ctx: BaseContext,
    input: { vendorId: string; shippingMethodId: string },
  ): Promise<CartChange> {
    const methodId = uuidOf("input.shippingMethodId", input.shippingMethodId, "Shipping method");
    const method = await this.settings.shippingMethod(methodId);
    if (!method || !method.active || method.vendorId !== input.vendorId)
      throw new NotFoundError("Shipping method", "input.shippingMethodId");
    return this.change(ctx, async (manager, cart) => {
      await this.carts.chooseShipping(manager, cart.id, method.vendorId, method.id);
    });
  }

  /** Reads everything the cart's price depends on and prices it. */
  async quote(
    cart: CartRow,
    ctx: Pick<BaseContext, "viewer">,
    db: DataSource | EntityManager = this.db,
  ): Promise<CartQuote> {
    const [lines, choices, couponIds] = await Promise.all([
      this.carts.lines(cart.id, db),
      this.carts.shippingChoices(cart.id, db),
      this.carts.couponIds(cart.id, db),
    ]);
    const variants = await this.catalog.variants(lines.map((l) => l.variantId));
    const vendorIds = [...new Set([...variants.values()].map((v) => v.vendorId))];
    const currency = cart.currency ?? [...variants.values()][0]?.currency ?? null;
    const [settings, taxRates, methods, coupons] = await Promise.all([
      currency ? this.settings.currency(currency, db) : null,
      cart.shippingAddress ? this.settings.taxRates(cart.shippingAddress.country, db) : [],
      this.settings.shippingMethodsOf(vendorIds, db),
      this.settings.coupons(couponIds, db),
    ]);
    const used = ctx.viewer
      ? await this.settings.redemptionsBy(ctx.viewer.userId, couponIds, db)
      : new Map<string, number>();
    const now = new Date();
    const ordered = couponIds.flatMap((id) => coupons.filter((c) => c.id === id));
    const couponRefusals = new Map(
      ordered.flatMap((c) => {
        const refusal = couponRefusal(c, now, currency, used.get(c.id) ?? 0);
        return refusal ? [[c.id, refusal] as const] : [];
      }),
    );
    return quoteCart({ cart, lines, variants, settings, taxRates, methods, choices, coupons: ordered, couponRefusals });
  }
}
