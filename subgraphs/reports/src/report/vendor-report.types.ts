import { DateTimeISOResolver, LocalDateResolver } from "graphql-scalars";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { Money } from "@pawgraph/subgraph-kit";
import { ReportRangeEcho } from "./report.types";
import type { ReportRange } from "./report-range";

@ObjectType({ description: "A vendor's report over a range: ask only for the sections you need." })
export class VendorReport {
  @Field(() => ID, { description: "The vendor (Vendor.id)." })
  vendorId!: string;

  @Field(() => ReportRangeEcho, { description: "The range the report covers." })
  range!: ReportRange;
}

@ObjectType({ description: "Sales of one product in one period (of payment) and currency." })
export class VendorProductRow {
  @Field(() => LocalDateResolver, { description: "The period's first day." })
  period!: string;

  @Field(() => ID, { description: "The product (Product.id)." })
  productId!: string;

  @Field(() => String, { description: "The product's title as ordered." })
  title!: string;

  @Field(() => Int, { description: "Units sold." })
  units!: number;

  @Field(() => Money, { description: "What buyers paid for them (after discounts, with tax)." })
  sales!: Money;
}

@ObjectType({ description: "Payout ledger entries of one period and currency." })
export class VendorPayoutRow {
  @Field(() => LocalDateResolver, { description: "The period's first day." })
  period!: string;

  @Field(() => Int, { description: "Ledger entries recorded." })
  entries!: number;

  @Field(() => Money, { description: "Credited to the vendor (its share of fulfilled orders)." })
  credits!: Money;

  @Field(() => Money, { description: "Debited (reversed shares of refunds)." })
  debits!: Money;

  @Field(() => Money, { description: "Credits minus debits." })
  net!: Money;

  @Field(() => Money, { description: "Commission kept by the platform on the credited orders, net of reversals." })
  commission!: Money;

  @Field(() => Money, { description: "Of the credits, those settled manually (no connected Stripe account)." })
  manual!: Money;
}

@ObjectType({ description: "A variant whose stock at a location fell to or below the vendor's low-stock level." })
export class LowStockItem {
  @Field(() => ID, { description: "The product (Product.id)." })
  productId!: string;

  @Field(() => String, { description: "The product's title." })
  productTitle!: string;

  @Field(() => ID, { description: "The variant (ProductVariant.id)." })
  variantId!: string;

  @Field(() => String, { description: "The variant's SKU." })
  sku!: string;

  @Field(() => ID, { description: "The stock location." })
  locationId!: string;

  @Field(() => Int, { description: "Units available when last reported." })
  available!: number;

  @Field(() => Int, { description: "The low-stock level it fell to or below." })
  lowLevel!: number;

  @Field(() => DateTimeISOResolver, { description: "When it was last reported low." })
  reportedAt!: Date;
}
