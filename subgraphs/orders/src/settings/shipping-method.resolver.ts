import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import type { BaseContext } from "@pawgraph/subgraph-kit";
import type { ShippingMethodService } from "./shipping-method.service";
import { toShippingMethod } from "./shipping-method.mapper";
import { ShippingMethod } from "./shipping-method.type";
import { CreateShippingMethodInput, UpdateShippingMethodInput } from "./settings.inputs";

/** Vendors' shipping methods: public to read, managed by the vendor's VENDOR_ADMINs and platform admins. */
@Resolver(() => ShippingMethod)
export class ShippingMethodResolver {
  constructor(private readonly methods: ShippingMethodService) {}

  @Query(() => [ShippingMethod], {
    nullable: true,
    description: "A vendor's active shipping methods, oldest first. Public.",
  })
  async shippingMethods(
    @Arg("vendorId", () => ID, { description: "The vendor." }) vendorId: string,
  ): Promise<ShippingMethod[]> {
    return (await this.methods.active(vendorId)).map(toShippingMethod);
  }

  @Authorized()
  @Mutation(() => ShippingMethod, {
    description: "Adds a shipping method to a vendor (its VENDOR_ADMINs or platform admins); carts offer it at once.",
  })
  async createShippingMethod(
    @Arg("input", () => CreateShippingMethodInput, { description: "The vendor, name, kind, price and currency." })
    input: CreateShippingMethodInput,
    @Ctx() ctx: BaseContext,
  ): Promise<ShippingMethod> {
    return toShippingMethod(await this.methods.create(ctx, input));
  }

  @Authorized()
  @Mutation(() => ShippingMethod, {
    description:
      "Changes a shipping method's name, price, bands or whether it is offered (the vendor's VENDOR_ADMINs).",
  })
  async updateShippingMethod(
    @Arg("input", () => UpdateShippingMethodInput, { description: "The method and what changes." })
    input: UpdateShippingMethodInput,
    @Ctx() ctx: BaseContext,
  ): Promise<ShippingMethod> {
    return toShippingMethod(await this.methods.update(ctx, input));
  }

  @Authorized()
  @Mutation(() => ShippingMethod, {
    description:
      "Stops offering a shipping method (it is kept: orders refer to it); updateShippingMethod reactivates it.",
  })
  async deactivateShippingMethod(
    @Arg("id", () => ID, { description: "The shipping method." }) id: string,
    @Ctx() ctx: BaseContext,
  ): Promise<ShippingMethod> {
    return toShippingMethod(await this.methods.deactivate(ctx, id));
  }
}
