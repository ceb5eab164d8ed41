import { ArrayMaxSize, ArrayNotEmpty, IsNotEmpty, IsOptional, IsUUID, MaxLength } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { ApiKeyScope } from "./api-key.type";

@InputType({ description: "A new API key for an app of yours." })
export class CreateApiKeyInput {
  @IsNotEmpty({ message: "must not be empty" })
  @MaxLength(100, { message: "must be at most 100 characters" })
  @Field(() => String, {
    description: "A name to recognise it by, e.g. the app that uses it (at most 100 characters).",
  })
  name!: string;

  @ArrayNotEmpty({ message: "must name at least one scope" })
  @ArrayMaxSize(4)
  @Field(() => [ApiKeyScope], { description: "What the key may do; at least one scope." })
  scopes!: ApiKeyScope[];

  @IsOptional()
  @Field(() => Date, {
    nullable: true,
    description:
      "When the key stops working: in the future, at most a year ahead. Omit for a key that works until revoked.",
  })
  expiresAt?: Date | null;
}

@InputType({ description: "The API key to revoke." })
export class RevokeApiKeyInput {
  @IsUUID()
  @Field(() => ID, { description: "The key's id (`ApiKey.id`), not the key itself." })
  id!: string;
}
