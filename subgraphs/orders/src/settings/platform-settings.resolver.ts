import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import type { BaseContext } from "@pawgraph/subgraph-kit";
import type { PlatformSettingsService } from "./platform-settings.service";
import { SetCommissionRuleInput, SetCurrencySettingsInput, SetTaxRateInput } from "./settings.inputs";
import { toCommissionRule, toCurrencySettings, toTaxRate } from "./settings.mapper";
import { CommissionRule, CurrencySettings, TaxRate } from "./settings.types";

/** The marketplace's own settings: tax rates, currencies, commission rules (platform admins write them). */
@Resolver()
export class PlatformSettingsResolver {
  constructor(private readonly settings: PlatformSettingsService) {}

  @Query(() => [CurrencySettings], {
    nullable: true,
    description:
      "Each currency's settings: whether prices include tax and the free-shipping threshold. Public; a currency not listed has prices without tax and no free shipping.",
  })
  async currencySettings(): Promise<CurrencySettings[]> {
    return (await this.settings.currencies()).map(toCurrencySettings);
  }

  @Authorized("PLATFORM_ADMIN")
  @Query(() => [TaxRate], {
    nullable: true,
    description: "The tax table, by country, region and category (platform admins).",
  })
  async taxRates(
    @Arg("country", () => String, { nullable: true, description: "Only this country's rates (ISO 3166-1 alpha-2)." })
    country: string | null | undefined,
  ): Promise<TaxRate[]> {
    return (await this.settings.taxRates(country ?? null)).map(toTaxRate);
  }

  @Authorized("PLATFORM_ADMIN")
  @Query(() => [CommissionRule], {
    nullable: true,
    description: "Every commission rule, by scope and target (platform admins).",
  })
  async commissionRules(): Promise<CommissionRule[]> {
    return (await this.settings.commissionRules()).map(toCommissionRule);
  }

  @Authorized("PLATFORM_ADMIN")
  @Mutation(() => TaxRate, {
    description:
      "Sets the rate of a tax category in a country or region, replacing the one there (platform admins). Carts are priced with it at once.",
  })
  async setTaxRate(
    @Arg("input", () => SetTaxRateInput, { description: "The country, region, category and rate." })
    input: SetTaxRateInput,
    @Ctx() ctx: BaseContext,
  ): Promise<TaxRate> {
    return toTaxRate(await this.settings.setTaxRate(ctx, input));
  }

  @Authorized("PLATFORM_ADMIN")
  @Mutation(() => TaxRate, { description: "Removes a tax rate (platform admins); answers the rate removed." })
  async removeTaxRate(
    @Arg("id", () => ID, { description: "The tax rate." }) id: string,
    @Ctx() ctx: BaseContext,
  ): Promise<TaxRate> {
    return toTaxRate(await this.settings.removeTaxRate(ctx, id));
  }

  @Authorized("PLATFORM_ADMIN")
  @Mutation(() => CurrencySettings, {
    description: "Sets a currency's settings (platform admins); carts in it are priced with them at once.",
  })
  async setCurrencySettings(
    @Arg("input", () => SetCurrencySettingsInput, { description: "The currency and its settings." })
    input: SetCurrencySettingsInput,
    @Ctx() ctx: BaseContext,
  ): Promise<CurrencySettings> {
    return toCurrencySettings(await this.settings.setCurrency(ctx, input));
  }

  @Authorized("PLATFORM_ADMIN")
  @Mutation(() => CommissionRule, {
    description:
      "Sets the commission rule of a product, category or vendor, replacing the one there (platform admins). Applies to orders placed from then on.",
  })
  async setCommissionRule(
    @Arg("input", () => SetCommissionRuleInput, {
      description: "The scope, target and how the commission is computed.",
    })
    input: SetCommissionRuleInput,
    @Ctx() ctx: BaseContext,
  ): Promise<CommissionRule> {
    return toCommissionRule(await this.settings.setCommissionRule(ctx, input));
  }

  @Authorized("PLATFORM_ADMIN")
  @Mutation(() => CommissionRule, {
    description: "Removes a commission rule (platform admins); answers the rule removed.",
  })
  async removeCommissionRule(
    @Arg("id", () => ID, { description: "The commission rule." }) id: string,
    @Ctx() ctx: BaseContext,
  ): Promise<CommissionRule> {
    return toCommissionRule(await this.settings.removeCommissionRule(ctx, id));
  }
}
