import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";
import type { PetInvitationKind, PetInvitationState } from "./pet-invitation.type";

/**
 * An owner's invitation, by email, to co-own a pet or to take it over (docs/decisions/0043). Like a
 * carer's share it matches the invitee by the verified `email` claim of their token.
 */
@Entity({ name: "pet_invitations" })
export class PetInvitationEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column("uuid", { name: "pet_id" })
  petId!: string;

  /** Lower case. */
  @Column("text")
  email!: string;

  @Column("text")
  kind!: PetInvitationKind;

  /** As stored: an expired invitation stays PENDING here; `toPetInvitation` reads it as EXPIRED. */
  @Column("text", { default: "PENDING" })
  status!: PetInvitationState;

  @Column("uuid", { name: "invited_by" })
  invitedBy!: string;

  @Column("timestamptz", { name: "expires_at" })
  expiresAt!: Date;

  @Column("timestamptz", { name: "answered_at", nullable: true })
  answeredAt!: Date | null;

  @Column("uuid", { name: "answered_by", nullable: true })
  answeredBy!: string | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
