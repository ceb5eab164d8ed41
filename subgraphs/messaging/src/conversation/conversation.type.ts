import { Field, ID, Int, ObjectType } from "type-graphql";
import { connectionType } from "@pawgraph/subgraph-kit";
import { Booking } from "../booking/booking.type";
import { Clinic } from "../clinic/clinic.type";
import { Pet } from "../pet/pet.type";
import { User } from "../user/user.type";

@ObjectType({ description: "A conversation between a pet owner and a clinic, optionally about one pet." })
export class Conversation {
  @Field(() => ID, { description: "Id of the conversation." })
  id!: string;

  @Field(() => User, { nullable: true, description: "The pet owner; null when identity cannot be reached." })
  owner!: User;

  @Field(() => Clinic, {
    nullable: true,
    description:
      "The clinic; all its staff take part. Null when bookings (which serves clinics) cannot be reached or the clinic is no longer listed.",
  })
  clinic!: Clinic;

  @Field(() => Pet, { nullable: true, description: "The pet it is about, if any." })
  pet!: Pet | null;

  @Field(() => Booking, {
    nullable: true,
    description: "The booking it is about, if any (null too when bookings does not let you see it).",
  })
  booking!: Booking | null;

  @Field(() => String, { description: "Subject line." })
  subject!: string;

  @Field(() => Date, { description: "When the last message was sent." })
  lastMessageAt!: Date;

  @Field(() => Date, { description: "When the conversation started." })
  createdAt!: Date;
}

export const ConversationConnection = connectionType(Conversation, "Conversation", "conversation");

@ObjectType({ description: "How many messages you have not read." })
export class UnreadSummary {
  @Field(() => Int, { description: "Unread messages across your conversations." })
  messages!: number;

  @Field(() => Int, { description: "Conversations with unread messages." })
  conversations!: number;
}
