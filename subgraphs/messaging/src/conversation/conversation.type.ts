import { IsOptional, Matches, MaxLength } from "class-validator";
import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
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

  @Field(() => Clinic, { nullable: true, description: "The clinic; all its staff take part. Null when bookings (which serves clinics) cannot be reached or the clinic is no longer listed." })
  clinic!: Clinic;

  @Field(() => Pet, { nullable: true, description: "The pet it is about, if any." })
  pet!: Pet | null;

  @Field(() => Booking, { nullable: true, description: "The booking it is about, if any (null too when bookings does not let you see it)." })
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

@InputType({ description: "Start a conversation with a clinic (pet owners)." })
export class StartConversationInput {
  @Field(() => ID, { description: "The clinic." })
  clinicId!: string;

  @Field(() => ID, { nullable: true, description: "A pet you own that it is about; its clinic then sees the pet's profile. Carers get FORBIDDEN: only owners open a pet to a clinic." })
  petId?: string | null;

  @Field(() => ID, { nullable: true, description: "A booking of yours at this clinic it is about; its pet is used when `petId` is left out." })
  bookingId?: string | null;

  @Matches(/\S/, { message: "must not be empty" })
  @MaxLength(200, { message: "must be at most 200 characters" })
  @Field(() => String, { description: "Subject, up to 200 characters." })
  subject!: string;

  @Matches(/\S/, { message: "must not be empty" })
  @MaxLength(4000, { message: "must be at most 4000 characters" })
  @Field(() => String, { description: "The first message, up to 4000 characters." })
  text!: string;
}

@InputType({ description: "Mark a conversation read up to its latest message." })
export class MarkConversationReadInput {
  @Field(() => ID, { description: "The conversation." })
  conversationId!: string;
}

@InputType({ description: "Which conversations to list." })
export class ConversationFilter {
  @IsOptional()
  @Field(() => ID, { nullable: true, description: "Only this clinic's conversations (clinic staff)." })
  clinicId?: string | null;
}
