import { In, type DataSource, type DeepPartial } from "typeorm";
import { ClinicServiceEntity } from "./clinic-service.entity";

/** Queries of the `clinic_services` table: what clinics offer. */
export class ClinicServiceRepository {
  constructor(private readonly db: DataSource) {}

  byIds(ids: readonly string[]): Promise<ClinicServiceEntity[]> {
    return this.db.getRepository(ClinicServiceEntity).findBy({ id: In([...ids]) });
  }

  /** The active services of these clinics, by name. */
  ofClinics(clinicIds: readonly string[]): Promise<ClinicServiceEntity[]> {
    return this.db
      .getRepository(ClinicServiceEntity)
      .find({ where: { clinicId: In([...clinicIds]), active: true }, order: { name: "ASC" } });
  }

  /** The service `id` if it is an active one of the clinic. */
  activeOf(clinicId: string, id: string): Promise<ClinicServiceEntity | null> {
    return this.db.getRepository(ClinicServiceEntity).findOneBy({ id, clinicId, active: true });
  }

  /** Writes a new service and reads it back with the values the database filled in. */
  async insert(values: DeepPartial<ClinicServiceEntity>): Promise<ClinicServiceEntity> {
    const repository = this.db.getRepository(ClinicServiceEntity);
    const service = await repository.save(repository.create(values));
    return repository.findOneByOrFail({ id: service.id });
  }
}
