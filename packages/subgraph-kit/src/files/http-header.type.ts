import { Directive, Field, ObjectType } from "type-graphql";

/** A header an upload must carry; shared by every subgraph that hands out upload URLs (same shape everywhere). */
@Directive("@shareable")
@ObjectType({ description: "An HTTP header a client must send with its upload." })
export class HttpHeader {
  @Field(() => String, { description: "Header name." })
  name!: string;

  @Field(() => String, { description: "Header value." })
  value!: string;
}

export function toHttpHeaders(headers: Record<string, string>): HttpHeader[] {
  return Object.entries(headers).map(([name, value]) => ({ name, value }));
}
