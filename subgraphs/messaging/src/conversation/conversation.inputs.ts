import { IsOptional, Matches, MaxLength } from "class-validator";
import { Field, ID, InputType } from "type-graphql";

@InputType({ description: "Start a conversation with a clinic (pet owners)." })
export class StartConversationInput {
  @Field(() => ID, { description: "The clinic." })
  clinicId!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      "A pet you own that it is about; its clinic then sees the pet's profile. Carers get FORBIDDEN: only owners open a pet to a clinic.",
  })
  petId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "A booking of yours at this clinic it is about; its pet is used when `petId` is left out.",
  })
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
