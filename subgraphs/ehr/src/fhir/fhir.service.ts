import type { Bundle } from "fhir/r4";
import type { EhrContext } from "../context";
import { toFhirBundle } from "./fhir-bundle.mapper";
import { fetchFhirPet } from "./fhir-pet.client";
import { FhirRecordRepository } from "./fhir.repository";

/**
 * Exports a pet's whole health record as a FHIR R4 Bundle. Reading it is reading the record: the
 * same access rule (owners, carers, granted clinics; NOT_FOUND otherwise) and the same access log.
 */
export class FhirExportService {
  async export(ctx: EhrContext, petId: string): Promise<Bundle> {
    const access = await ctx.services.policy.read(ctx, petId, "petId");
    const [pet, records] = await Promise.all([
      fetchFhirPet(ctx, ctx.services.pets, access.petId),
      new FhirRecordRepository(ctx.services.db).recordsOf(access.petId),
    ]);
    return toFhirBundle(pet, records, { now: new Date() });
  }
}
