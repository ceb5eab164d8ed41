import { isUuid, NotFoundError, requireViewer, type BaseContext } from "@pawgraph/subgraph-kit";
import type { SettingsAdminRepository } from "./settings-admin.repository";
import type { CommissionRuleRow, CurrencySettingsRow, TaxRateRow } from "./settings.repository";
import { commissionRuleOf, countryOf, currencySettingsOf, taxRateOf } from "./settings.validation";

/**
 * What platform admins set for the whole marketplace: tax rates, currency settings, commission
 * rules. The resolver lets only platform admins in; each write records who made it.
 */
export class PlatformSettingsService {
  constructor(private readonly settings: SettingsAdminRepository) {}

  async setTaxRate(ctx: BaseContext, input: Parameters<typeof taxRateOf>[0]): Promise<TaxRateRow> {
    const viewer = requireViewer(ctx.viewer);
    return this.settings.setTaxRate(taxRateOf(input), viewer.userId);
  }

  async removeTaxRate(ctx: BaseContext, id: string): Promise<TaxRateRow> {
    requireViewer(ctx.viewer);
    const removed = isUuid(id) ? await this.settings.removeTaxRate(id) : null;
    if (!removed) throw new NotFoundError("Tax rate", "id");
    return removed;
  }

  async taxRates(country: string | null): Promise<TaxRateRow[]> {
    return this.settings.taxRates(country === null ? null : countryOf("country", country));
  }

  async setCurrency(ctx: BaseContext, input: Parameters<typeof currencySettingsOf>[0]): Promise<CurrencySettingsRow> {
    const viewer = requireViewer(ctx.viewer);
    return this.settings.setCurrency(currencySettingsOf(input), viewer.userId);
  }

  currencies(): Promise<CurrencySettingsRow[]> {
    return this.settings.currencies();
  }

  async setCommissionRule(ctx: BaseContext, input: Parameters<typeof commissionRuleOf>[0]): Promise<CommissionRuleRow> {
    const viewer = requireViewer(ctx.viewer);
    return this.settings.setCommissionRule(commissionRuleOf(input), viewer.userId);
  }

  async removeCommissionRule(ctx: BaseContext, id: string): Promise<CommissionRuleRow> {
    requireViewer(ctx.viewer);
    const removed = isUuid(id) ? await this.settings.removeCommissionRule(id) : null;
    if (!removed) throw new NotFoundError("Commission rule", "id");
    return removed;
  }

  commissionRules(): Promise<CommissionRuleRow[]> {
    return this.settings.commissionRules();
  }
}
