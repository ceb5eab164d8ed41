import { Directive, Field, ID, ObjectType } from "type-graphql";

// Types other subgraphs own, referred to by id; the gateway resolves their fields there.

/** catalog's Vendor: the shop a vendor order belongs to. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType({
  description:
    "A shop on Pawgraph's marketplace: a clinic's shop or an independent vendor. Approved vendors are public; others are visible to their applicant, their staff and platform admins.",
})
export class Vendor {
  @Field(() => ID, { description: "Stable unique id of the vendor." })
  id!: string;
}

/** catalog's ProductVariant: what a cart or order line is for. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType({ description: "A purchasable variant of a product (a size, a flavour): what a cart line holds." })
export class ProductVariant {
  @Field(() => ID, { description: "Stable unique id of the variant." })
  id!: string;
}

/** catalog's Product. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType({
  description:
    "A product in the shop: food, supplies or medicine. What is bought is one of its `variants`. Active products of approved vendors are public.",
})
export class Product {
  @Field(() => ID, { description: "Stable unique id of the product." })
  id!: string;
}

/** pets' Pet: the pet a prescription-only line is for. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType({
  description:
    "An animal cared for on Pawgraph. Visible to its owners, its current carers and clinics an owner granted access.",
})
export class Pet {
  @Field(() => ID, { description: "Stable unique id of the pet." })
  id!: string;
}

/** identity's User: an order's buyer. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType({ description: "A person with a Pawgraph account: a pet owner, a vet, clinic staff or an administrator." })
export class User {
  @Field(() => ID, { description: "Stable unique id of the user." })
  id!: string;
}

/** bookings' Clinic: where a local-pickup shipping method hands goods over. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType({ description: "A veterinary clinic." })
export class Clinic {
  @Field(() => ID, { description: "Stable unique id of the clinic." })
  id!: string;
}
