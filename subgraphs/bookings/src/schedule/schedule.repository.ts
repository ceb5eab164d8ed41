import type { DataSource, DeepPartial } from "typeorm";
import { ScheduleOverrideEntity, VetHoursEntity } from "./schedule.entity";

/** Queries of vets' weekly hours (`vet_hours`) and their date overrides (`schedule_overrides`). */
export class ScheduleRepository {
  constructor(private readonly db: DataSource) {}

  /** Weekly hours at a clinic by weekday and start (of all vets when `vetIds` is empty). */
  hoursOf(clinicId: string, vetIds: string[]): Promise<VetHoursEntity[]> {
    const query = this.db
      .getRepository(VetHoursEntity)
      .createQueryBuilder("h")
      .where("h.clinic_id = :clinicId", { clinicId });
    if (vetIds.length) query.andWhere("h.vet_id = ANY(:vetIds)", { vetIds });
    return query.orderBy("h.weekday").addOrderBy("h.starts").getMany();
  }

  /** The vets' overrides at a clinic from `fromDate` to `toDate`, both included. */
  overridesOf(clinicId: string, vetIds: string[], fromDate: string, toDate: string): Promise<ScheduleOverrideEntity[]> {
    return this.db
      .getRepository(ScheduleOverrideEntity)
      .createQueryBuilder("o")
      .where("o.clinic_id = :clinicId AND o.vet_id = ANY(:vetIds) AND o.on_date BETWEEN :fromDate AND :toDate", {
        clinicId,
        vetIds,
        fromDate,
        toDate,
      })
      .getMany();
  }

  /** Writes an override and reads it back. */
  async addOverride(values: DeepPartial<ScheduleOverrideEntity>): Promise<ScheduleOverrideEntity> {
    const repository = this.db.getRepository(ScheduleOverrideEntity);
    const saved = await repository.save(repository.create(values));
    return repository.findOneByOrFail({ id: saved.id });
  }
}
