import { Field, ID, ObjectType } from "type-graphql";
import { InternalType } from "@pawgraph/subgraph-kit";
import { ClinicStatus } from "../clinic/clinic.type";

@InternalType()
@ObjectType({
  description:
    "A clinic that exists, and where it is in approval (internal: for other subgraphs, not served by the gateway).",
})
export class KnownClinic {
  @Field(() => ID, { description: "The clinic." })
  id!: string;

  @Field(() => ClinicStatus, { description: "PENDING, APPROVED or REJECTED." })
  status!: ClinicStatus;
}
