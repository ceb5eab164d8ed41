import { In, type DataSource } from "typeorm";
import { NotFoundError, parseId, type BaseContext } from "@pawgraph/subgraph-kit";
import { requireClinicRole } from "../access/clinic-roles";
import { ClinicEntity } from "../clinic/clinic.entity";
import { ClinicServiceEntity } from "./clinic-service.entity";
import type { AddClinicServiceInput } from "./clinic-service.inputs";

/** The services clinics offer (GraphQL `ClinicService`, hence the name); clinic admins manage them. */
export class ClinicServiceService {
  constructor(private readonly db: DataSource) {}

  async add(ctx: BaseContext, input: AddClinicServiceInput): Promise<ClinicServiceEntity> {
    const clinicId = parseId(input.clinicId, "input.clinicId");
    requireClinicRole(ctx.viewer, clinicId, ["CLINIC_ADMIN"]);
    if (!(await this.db.getRepository(ClinicEntity).existsBy({ id: clinicId }))) throw new NotFoundError("Clinic", "input.clinicId");
    const repository = this.db.getRepository(ClinicServiceEntity);
    const service = await repository.save(
      repository.create({
        clinicId,
        name: input.name.trim(),
        durationMinutes: input.durationMinutes,
        priceCents: input.priceCents,
        currency: input.currency ?? "EUR",
        species: input.species ?? [],
        kind: input.kind,
        bufferBeforeMinutes: input.bufferBeforeMinutes ?? 0,
        bufferAfterMinutes: input.bufferAfterMinutes ?? 0,
      }),
    );
    return repository.findOneByOrFail({ id: service.id });
  }

  ofClinics(clinicIds: readonly string[]): Promise<ClinicServiceEntity[]> {
    return this.db.getRepository(ClinicServiceEntity).find({ where: { clinicId: In([...clinicIds]), active: true }, order: { name: "ASC" } });
  }

  byIds(ids: readonly string[]): Promise<ClinicServiceEntity[]> {
    return this.db.getRepository(ClinicServiceEntity).findBy({ id: In([...ids]) });
  }

  /** The service, checked to belong to the clinic. */
  async get(clinicId: string, serviceId: string, field = "input.serviceId"): Promise<ClinicServiceEntity> {
    const service = await this.db.getRepository(ClinicServiceEntity).findOneBy({ id: parseId(serviceId, field), clinicId, active: true });
    if (!service) throw new NotFoundError("Service", field);
    return service;
  }
}
