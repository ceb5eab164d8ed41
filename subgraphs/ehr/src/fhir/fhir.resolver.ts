import type { Bundle } from "fhir/r4";
import { GraphQLJSONObject } from "graphql-scalars";
import { Arg, Authorized, Ctx, ID, Query, Resolver } from "type-graphql";
import type { EhrContext } from "../context";
import type { FhirExportService } from "./fhir.service";

/** The FHIR R4 export of a pet's health record. */
@Resolver()
export class FhirExportResolver {
  constructor(private readonly fhir: FhirExportService) {}

  @Authorized()
  @Query(() => GraphQLJSONObject, {
    nullable: true,
    description:
      "The pet's whole health record as a FHIR R4 Bundle (type `collection`, JSON): a Patient with the patient-animal extension " +
      "(species, breed, gender status), body-weight and laboratory Observations, Encounters with their Conditions and SOAP notes " +
      "(ClinicalImpression), Immunizations, MedicationRequests (prescriptions) and MedicationStatements, AllergyIntolerances and " +
      "clinical Flags. Every entry's `fullUrl` is `urn:uuid:<id>` and references between resources use those URLs. Readable by the " +
      "pet's owners, its carers and clinics an owner granted access; reads by anyone but an owner appear in the record access log. " +
      "Any other pet answers NOT_FOUND.",
  })
  petHealthRecordFhir(
    @Arg("petId", () => ID, { description: "The pet whose record to export." }) petId: string,
    @Ctx() ctx: EhrContext,
  ): Promise<Bundle> {
    return this.fhir.export(ctx, petId);
  }
}
