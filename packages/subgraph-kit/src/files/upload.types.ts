import { Matches, Max, MaxLength, Min } from "class-validator";
import { Field, InputType, Int, ObjectType } from "type-graphql";
import { HttpHeader } from "./http-header.type";

/**
 * The fields of every presigned upload a subgraph hands out (`url`, `method`, `headers`,
 * `expiresAt`). Each subgraph's upload type extends it and adds what names the file there; it is
 * never returned itself, so type-graphql (which emits only types in use) leaves it out of schemas.
 */
@ObjectType({ description: "Fields of a presigned upload (base class; not in any schema)." })
export abstract class PresignedUploadFields {
  @Field(() => String, { description: "Presigned upload URL." })
  url!: string;

  @Field(() => String, { description: "HTTP method to use (PUT)." })
  method!: string;

  @Field(() => [HttpHeader], { description: "Headers to send; Content-Length must equal `sizeBytes`." })
  headers!: HttpHeader[];

  @Field(() => Date, { description: "When the URL stops working." })
  expiresAt!: Date;
}

/**
 * The file a client is about to upload, with the same validation everywhere: a plain file name of
 * at most 200 characters and an exact, positive size. Each subgraph's input extends it and adds
 * `contentType` (its own allow-list) and what the file belongs to.
 */
@InputType({ description: "A file about to be uploaded (base class; not in any schema)." })
export abstract class FileDeclarationInput {
  @Matches(/^[^/\\\u0000-\u001f]+$/, { message: "must be a plain file name" })
  @MaxLength(200, { message: "must be at most 200 characters" })
  @Field(() => String, { description: "File name, up to 200 characters, without folders." })
  fileName!: string;

  @Min(1, { message: "must be at least 1 byte" })
  @Max(2_147_483_647, { message: "is too large" })
  @Field(() => Int, {
    description: "Exact size of the file in bytes (at most the configured limit, 20 MB by default).",
  })
  sizeBytes!: number;
}
