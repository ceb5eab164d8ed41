import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

/** A vaccination or treatment that is due for a pet. One open reminder per pet and code. */
@Entity({ name: "reminders" })
export class ReminderEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column("uuid", { name: "pet_id" })
  petId!: string;

  @Column("text")
  code!: string;

  @Column("text")
  kind!: string;

  @Column("text")
  title!: string;

  @Column("date", { name: "due_on" })
  dueOn!: string;

  @Column("text", { default: "OPEN" })
  status!: string;

  @Column("date", { name: "snoozed_until", nullable: true })
  snoozedUntil!: string | null;

  @Column("uuid", { name: "source_vaccination_id", nullable: true })
  sourceVaccinationId!: string | null;

  @Column("timestamptz", { name: "due_event_at", nullable: true })
  dueEventAt!: Date | null;

  @Column("timestamptz", { name: "completed_at", nullable: true })
  completedAt!: Date | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;
}
