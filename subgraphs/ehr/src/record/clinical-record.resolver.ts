import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import { AddClinicalAlertInput, ResolveClinicalAlertInput } from "../alert/clinical-alert.inputs";
import { ClinicalAlert, toClinicalAlert } from "../alert/clinical-alert.type";
import { RecordAllergyInput } from "../allergy/allergy.inputs";
import { Allergy, toAllergy } from "../allergy/allergy.type";
import type { EhrContext } from "../context";
import { RecordLabResultInput } from "../lab-result/lab-result.inputs";
import { LabResult, toLabResult } from "../lab-result/lab-result.type";
import { RecordMedicationInput } from "../medication/medication.inputs";
import { Medication, toMedication } from "../medication/medication.type";
import { AddHomeNoteInput } from "../note/home-note.inputs";
import { HomeNote, toHomeNote } from "../note/home-note.type";

/** Mutations for the record kinds that are a single row. */
@Resolver()
export class ClinicalRecordResolver {
  @Authorized()
  @Mutation(() => Medication, { description: "Record a medication or write a prescription (vets and staff of a clinic with access)." })
  async recordMedication(@Arg("input", () => RecordMedicationInput, { description: "The medication." }) input: RecordMedicationInput, @Ctx() ctx: EhrContext): Promise<Medication> {
    return toMedication(await ctx.services.medications.record(ctx, input));
  }

  @Authorized()
  @Mutation(() => Allergy, { description: "Record an allergy (vets and staff of a clinic with access)." })
  async recordAllergy(@Arg("input", () => RecordAllergyInput, { description: "The allergy." }) input: RecordAllergyInput, @Ctx() ctx: EhrContext): Promise<Allergy> {
    return toAllergy(await ctx.services.allergies.record(ctx, input));
  }

  @Authorized()
  @Mutation(() => LabResult, { description: "Record a lab result (vets and staff of a clinic with access)." })
  async recordLabResult(@Arg("input", () => RecordLabResultInput, { description: "The result." }) input: RecordLabResultInput, @Ctx() ctx: EhrContext): Promise<LabResult> {
    return toLabResult(await ctx.services.labResults.record(ctx, input));
  }

  @Authorized()
  @Mutation(() => ClinicalAlert, { description: "Add a clinical alert (vets and staff of a clinic with access)." })
  async addClinicalAlert(@Arg("input", () => AddClinicalAlertInput, { description: "The alert." }) input: AddClinicalAlertInput, @Ctx() ctx: EhrContext): Promise<ClinicalAlert> {
    return toClinicalAlert(await ctx.services.alerts.add(ctx, input));
  }

  @Authorized()
  @Mutation(() => ClinicalAlert, { description: "Mark a clinical alert as no longer applying (vets and staff of a clinic with access)." })
  async resolveClinicalAlert(@Arg("input", () => ResolveClinicalAlertInput, { description: "The alert." }) input: ResolveClinicalAlertInput, @Ctx() ctx: EhrContext): Promise<ClinicalAlert> {
    return toClinicalAlert(await ctx.services.alerts.resolve(ctx, input.alertId));
  }

  @Authorized()
  @Mutation(() => HomeNote, { description: "Add a note of your own to your pet's record (owners only)." })
  async addHomeNote(@Arg("input", () => AddHomeNoteInput, { description: "The note." }) input: AddHomeNoteInput, @Ctx() ctx: EhrContext): Promise<HomeNote> {
    return toHomeNote(await ctx.services.notes.add(ctx, input));
  }
}
