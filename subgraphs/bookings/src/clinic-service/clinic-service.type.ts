import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";

export enum ServiceKind {
  IN_PERSON = "IN_PERSON",
  TELEVET = "TELEVET",
}

registerEnumType(ServiceKind, {
  name: "ServiceKind",
  description: "Where an appointment happens.",
  valuesConfig: {
    IN_PERSON: { description: "At the clinic." },
    TELEVET: { description: "A video call; the booking gets a meeting link." },
  },
});

@ObjectType("ClinicService", {
  description: "Something a clinic offers to book, such as a consultation or a vaccination.",
})
export class ClinicServiceType {
  @Field(() => ID, { description: "Id of the service." })
  id!: string;

  @Field(() => String, { description: 'Name, e.g. "Vaccination".' })
  name!: string;

  @Field(() => Int, { description: "Length of the appointment in minutes." })
  durationMinutes!: number;

  @Field(() => Int, { description: "Price in the currency's minor unit (cents)." })
  priceCents!: number;

  @Field(() => String, { description: "ISO 4217 currency code." })
  currency!: string;

  @Field(() => [String], { description: "Species it is offered for (`Species` values); empty means all." })
  species!: string[];

  @Field(() => ServiceKind, { description: "In person or tele-vet." })
  kind!: ServiceKind;

  @Field(() => Int, { description: "Minutes kept free before the appointment (preparation)." })
  bufferBeforeMinutes!: number;

  @Field(() => Int, { description: "Minutes kept free after the appointment (cleaning, notes)." })
  bufferAfterMinutes!: number;
}
