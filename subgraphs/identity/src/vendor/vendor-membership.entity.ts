import { CreateDateColumn, Entity, PrimaryColumn } from "typeorm";
import type { RoleName } from "@pawgraph/subgraph-kit";

/** A user's role at one vendor (vendors themselves are owned by the catalog subgraph). */
@Entity({ name: "vendor_memberships" })
export class VendorMembershipEntity {
  @PrimaryColumn("uuid", { name: "user_id" })
  userId!: string;

  @PrimaryColumn("uuid", { name: "vendor_id" })
  vendorId!: string;

  @PrimaryColumn("text")
  role!: RoleName;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
