import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { EhrContext } from "../context";
import { AddClinicalAlertInput, ResolveClinicalAlertInput } from "./clinical-alert.inputs";
import { toClinicalAlert } from "./clinical-alert.mapper";
import { ClinicalAlert } from "./clinical-alert.type";
import type { ClinicalAlertService } from "./clinical-alert.service";

/** Adds clinical alerts to a pet's record and resolves them. */
@Resolver(() => ClinicalAlert)
export class ClinicalAlertResolver {
  constructor(private readonly alerts: ClinicalAlertService) {}

  @Authorized()
  @Mutation(() => ClinicalAlert, { description: "Add a clinical alert (vets and staff of a clinic with access)." })
  async addClinicalAlert(
    @Arg("input", () => AddClinicalAlertInput, { description: "The alert." }) input: AddClinicalAlertInput,
    @Ctx() ctx: EhrContext,
  ): Promise<ClinicalAlert> {
    return toClinicalAlert(await this.alerts.add(ctx, input));
  }

  @Authorized()
  @Mutation(() => ClinicalAlert, {
    description: "Mark a clinical alert as no longer applying (vets and staff of a clinic with access).",
  })
  async resolveClinicalAlert(
    @Arg("input", () => ResolveClinicalAlertInput, { description: "The alert." }) input: ResolveClinicalAlertInput,
    @Ctx() ctx: EhrContext,
  ): Promise<ClinicalAlert> {
    return toClinicalAlert(await this.alerts.resolve(ctx, input.alertId));
  }
}
