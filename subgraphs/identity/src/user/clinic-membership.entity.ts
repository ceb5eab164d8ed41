import { CreateDateColumn, Entity, PrimaryColumn } from "typeorm";
import type { RoleName } from "@pawgraph/subgraph-kit";

/** A user's role at one clinic (clinics themselves are owned by the bookings subgraph). */
@Entity({ name: "clinic_memberships" })
export class ClinicMembershipEntity {
  @PrimaryColumn("uuid", { name: "user_id" })
  userId!: string;

  @PrimaryColumn("uuid", { name: "clinic_id" })
  clinicId!: string;

  @PrimaryColumn("text")
  role!: RoleName;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
