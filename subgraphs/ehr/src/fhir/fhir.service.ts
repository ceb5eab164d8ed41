import type { Bundle } from "fhir/r4";
import type { SubgraphClient } from "@pawgraph/subgraph-kit";
import type { AccessPolicy } from "../access/access-policy";
import type { EhrContext } from "../context";
import { toFhirBundle } from "./fhir-bundle.mapper";
import { fetchFhirPet } from "./fhir-pet.client";
import type { FhirRecordRepository } from "./fhir.repository";

/**
 * Exports a pet's whole health record as a FHIR R4 Bundle. Reading it is reading the record: the
 * same access rule (owners, carers, granted clinics; NOT_FOUND otherwise) and the same access log.
 */
export class FhirExportService {
  constructor(
    private readonly policy: AccessPolicy,
    private readonly pets: SubgraphClient,
    private readonly records: FhirRecordRepository,
  ) {}

  async export(ctx: EhrContext, petId: string): Promise<Bundle> {
    const access = await this.policy.read(ctx, petId, "petId");
    const [pet, records] = await Promise.all([
      fetchFhirPet(ctx, this.pets, access.petId),
      this.records.recordsOf(access.petId),
    ]);
    return toFhirBundle(pet, records, { now: new Date() });
  }
}
