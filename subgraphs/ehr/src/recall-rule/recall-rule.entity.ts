import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";

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
