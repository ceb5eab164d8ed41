import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from "typeorm";

/** One block of a vet's weekly working hours at a clinic. */
@Entity({ name: "vet_hours" })
export class VetHoursEntity {
  @PrimaryColumn("uuid", { name: "clinic_id" })
  clinicId!: string;

  @PrimaryColumn("uuid", { name: "vet_id" })
  vetId!: string;

  @PrimaryColumn("int")
  weekday!: number;

  @PrimaryColumn("time")
  starts!: string;

  @Column("time")
  ends!: string;
}

/** A date-specific change to a vet's hours: a day or hours off, or extra hours. */
@Entity({ name: "schedule_overrides" })
export class ScheduleOverrideEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column("uuid", { name: "clinic_id" })
  clinicId!: string;

  @Column("uuid", { name: "vet_id" })
  vetId!: string;

  @Column("date", { name: "on_date" })
  onDate!: string;

  @Column("text")
  kind!: string;

  @Column("time", { nullable: true })
  starts!: string | null;

  @Column("time", { nullable: true })
  ends!: string | null;
}
