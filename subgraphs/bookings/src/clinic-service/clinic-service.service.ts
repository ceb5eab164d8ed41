import { NotFoundError, parseId, type BaseContext } from "@pawgraph/subgraph-kit";
import { requireClinicRole } from "../access/clinic-roles";
import type { ClinicRepository } from "../clinic/clinic.repository";
import type { ClinicServiceEntity } from "./clinic-service.entity";
import type { AddClinicServiceInput } from "./clinic-service.inputs";
import type { ClinicServiceRepository } from "./clinic-service.repository";

/** The services clinics offer (GraphQL `ClinicService`, hence the name); clinic admins manage them. */
export class ClinicServiceService {
  constructor(
    private readonly services: ClinicServiceRepository,
    private readonly clinics: ClinicRepository,
  ) {}

  async add(ctx: BaseContext, input: AddClinicServiceInput): Promise<ClinicServiceEntity> {
    const clinicId = parseId(input.clinicId, "input.clinicId");
    requireClinicRole(ctx.viewer, clinicId, ["CLINIC_ADMIN"]);
    if (!(await this.clinics.exists(clinicId))) throw new NotFoundError("Clinic", "input.clinicId");
    return this.services.insert({
      clinicId,
      name: input.name.trim(),
      durationMinutes: input.durationMinutes,
      priceCents: input.priceCents,
      currency: input.currency ?? "EUR",
      species: input.species ?? [],
      kind: input.kind,
      bufferBeforeMinutes: input.bufferBeforeMinutes ?? 0,
      bufferAfterMinutes: input.bufferAfterMinutes ?? 0,
    });
  }

  /** The service, checked to belong to the clinic. */
  async get(clinicId: string, serviceId: string, field = "input.serviceId"): Promise<ClinicServiceEntity> {
    const service = await this.services.activeOf(clinicId, parseId(serviceId, field));
    if (!service) throw new NotFoundError("Service", field);
    return service;
  }
}
