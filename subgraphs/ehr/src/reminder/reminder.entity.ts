import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

/** How often a vaccine or treatment is due again, per species. Seeded with defaults; platform admins manage them. */
@Entity({ name: "recall_rules" })
export class RecallRuleEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column("text")
  species!: string;

  @Column("text")
  code!: string;

  @Column("text")
  kind!: string;

  @Column("text")
  name!: string;

  @Column("int", { name: "interval_days" })
  intervalDays!: number;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}

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
