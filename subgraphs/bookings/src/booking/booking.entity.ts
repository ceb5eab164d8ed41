import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

/**
 * A held or booked appointment: the row behind `Booking` and `SlotHold` (table `appointments`, named
 * before holds and bookings shared it). A hold becomes a booking on confirmation; the row keeps its id.
 */
@Entity({ name: "appointments" })
export class BookingEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column("uuid", { name: "clinic_id" })
  clinicId!: string;

  @Column("uuid", { name: "service_id" })
  serviceId!: string;

  @Column("uuid", { name: "vet_id" })
  vetId!: string;

  @Column("uuid", { name: "holder_id" })
  holderId!: string;

  @Column("uuid", { name: "pet_id", nullable: true })
  petId!: string | null;

  @Column("text")
  status!: "HELD" | "CONFIRMED" | "CANCELLED" | "EXPIRED";

  @Column("timestamptz", { name: "starts_at" })
  startsAt!: Date;

  @Column("timestamptz", { name: "ends_at" })
  endsAt!: Date;

  @Column("timestamptz", { name: "expires_at", nullable: true })
  expiresAt!: Date | null;

  @Column("text", { nullable: true })
  notes!: string | null;

  @Column("text", { name: "meeting_url", nullable: true })
  meetingUrl!: string | null;

  /** iCalendar SEQUENCE: grows with every reschedule and cancellation. */
  @Column("int", { default: 0 })
  sequence!: number;

  @Column("text", { name: "cancel_reason", nullable: true })
  cancelReason!: string | null;

  @Column("uuid", { name: "cancelled_by", nullable: true })
  cancelledBy!: string | null;

  @Column("timestamptz", { name: "no_show_at", nullable: true })
  noShowAt!: Date | null;

  @Column("uuid", { name: "no_show_marked_by", nullable: true })
  noShowMarkedBy!: string | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;
}
