import { Field, ID, ObjectType } from "type-graphql";
import { Clinic } from "../clinic/clinic.type";

@ObjectType({
  description: "An owner's permission for a clinic's vets and staff to see and add to a pet's health record.",
})
export class RecordAccessGrant {
  @Field(() => ID, { description: "Id of this grant." })
  id!: string;

  @Field(() => Clinic, {
    nullable: true,
    description:
      "The clinic that may see the record; null when bookings (which serves clinics) cannot be reached or the clinic is no longer listed.",
  })
  clinic!: Clinic;

  @Field(() => Date, { nullable: true, description: "When the grant ends; null means until an owner revokes it." })
  until!: Date | null;

  @Field(() => Date, { nullable: true, description: "When an owner revoked the grant, if they did." })
  revokedAt!: Date | null;

  @Field(() => Boolean, { description: "Whether the grant is in force now." })
  active!: boolean;

  @Field(() => Date, { description: "When the grant was given." })
  createdAt!: Date;
}
