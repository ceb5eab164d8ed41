import "reflect-metadata";
import { graphql } from "graphql";
import { Query, Resolver } from "type-graphql";
import { ResolverContainer } from "./resolver-container";
import { buildFederatedSchema } from "./schema";

/** A collaborator a resolver receives in its constructor, as services do. */
class Greeter {
  constructor(private readonly name: string) {}
  greet(): string {
    return `hello ${this.name}`;
  }
}

@Resolver()
class GreetingResolver {
  constructor(private readonly greeter: Greeter) {}

  @Query(() => String)
  greeting(): string {
    return this.greeter.greet();
  }
}

describe("ResolverContainer", () => {
  it("gives type-graphql the instance built with its collaborators", async () => {
    const schema = await buildFederatedSchema({
      resolvers: [GreetingResolver],
      container: new ResolverContainer([new GreetingResolver(new Greeter("pawgraph"))]),
    });
    expect(await graphql({ schema, source: "{ greeting }", contextValue: {} })).toEqual({
      data: { greeting: "hello pawgraph" },
    });
  });

  it("builds a schema with no instances (emit-schema), and a resolve then names the class nobody registered", async () => {
    const schema = await buildFederatedSchema({ resolvers: [GreetingResolver], container: new ResolverContainer() });
    const result = await graphql({ schema, source: "{ greeting }", contextValue: {} });
    expect(result.data).toBeNull();
    expect(result.errors?.map((error) => error.message)).toEqual([
      "ResolverContainer: no instance of GreetingResolver was registered; construct it in the composition root (app.ts) and pass it to the schema",
    ]);
  });

  it("refuses the same class twice: one instance per resolver class", () => {
    const greeter = new Greeter("twice");
    expect(() => new ResolverContainer([new GreetingResolver(greeter), new GreetingResolver(greeter)])).toThrow(
      "GreetingResolver was registered twice",
    );
  });
});
