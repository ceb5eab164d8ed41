import "reflect-metadata";
import { printSubgraphSchema } from "@apollo/subgraph";
import { graphql } from "graphql";
import { Field, ObjectType, Query, Resolver } from "type-graphql";
import { createInternalUnionType, Internal, InternalType } from "./internal";
import { buildFederatedSchema } from "./schema";

@InternalType()
@ObjectType()
class Held {
  @Field(() => String)
  id!: string;
}

@InternalType()
@ObjectType()
class NotEnough {
  @Field(() => String)
  message!: string;
}

const HoldResult = createInternalUnionType({ name: "HoldResult", types: () => [Held, NotEnough] as const });

@Resolver()
class HoldResolver {
  @Internal()
  @Query(() => HoldResult, { nullable: true })
  hold(): typeof HoldResult {
    return Object.assign(new Held(), { id: "h1" });
  }
}

describe("createInternalUnionType", () => {
  it("marks the union @inaccessible in the subgraph SDL, so composition keeps it out of the client schema", async () => {
    const schema = await buildFederatedSchema({ resolvers: [HoldResolver] });
    expect(printSubgraphSchema(schema)).toMatch(/union HoldResult\s+@inaccessible\s+= Held \| NotEnough/);
  });

  it("still resolves its members for trusted callers", async () => {
    const schema = await buildFederatedSchema({ resolvers: [HoldResolver] });
    const result = await graphql({
      schema,
      source: "{ hold { __typename ... on Held { id } } }",
      contextValue: { trustedCaller: true },
    });
    expect(result).toEqual({ data: { hold: { __typename: "Held", id: "h1" } } });
  });
});
