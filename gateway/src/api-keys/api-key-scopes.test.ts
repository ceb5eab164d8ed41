import { buildSchema, parse, type OperationDefinitionNode } from "graphql";
import { firstForbiddenField, rootFieldsOf, scopeAllows } from "./api-key-scopes";

const schema = buildSchema(`
  type Query { me: User, categories: [Category!]!, myPets: PetConnection, clinics: [Clinic!]! }
  type Mutation { holdSlot: String, createApiKey: String, changePassword: String }
  type Subscription { bookingChanged: String }
  type User { id: ID!, pets: PetConnection, calendarFeedUrl: String }
  type Category { id: ID!, name: String! }
  type Clinic { id: ID! }
  type PetConnection { edges: [PetEdge!]! }
  type PetEdge { node: Pet! }
  type Pet { id: ID! }
`);

function check(scopes: string[], source: string): string | undefined {
  const document = parse(source);
  const operation = document.definitions.find((d) => d.kind === "OperationDefinition") as OperationDefinitionNode;
  return firstForbiddenField(scopes, operation, document, schema);
}

describe("API key scopes", () => {
  it("open the root fields listed for them, and `me` to every key", () => {
    expect(check(["CATALOG_READ"], `{ categories { id } me { id } __typename }`)).toBeUndefined();
    expect(check(["CATALOG_READ"], `{ categories { id } myPets { edges { node { id } } } }`)).toBe("myPets");
    expect(check(["BOOKINGS_WRITE"], `mutation { holdSlot }`)).toBeUndefined();
    expect(check(["CATALOG_READ"], `mutation { holdSlot }`)).toBe("holdSlot");
  });

  it("close every field no scope lists: account, security and key management, subscriptions", () => {
    const all = ["CATALOG_READ", "CLINICS_READ", "PETS_READ", "BOOKINGS_WRITE"];
    expect(check(all, `mutation { createApiKey }`)).toBe("createApiKey");
    expect(check(all, `mutation { changePassword }`)).toBe("changePassword");
    expect(scopeAllows(all, "subscription", "bookingChanged")).toBe(false);
  });

  it("see root fields behind fragments", () => {
    const source = `query { ...Both } fragment Both on Query { categories { id } ... on Query { myPets { edges { node { id } } } } }`;
    const document = parse(source);
    expect(rootFieldsOf(document.definitions[0] as OperationDefinitionNode, document)).toEqual([
      "categories",
      "myPets",
    ]);
    expect(check(["CATALOG_READ"], source)).toBe("myPets");
  });

  it("guard pets and bookings anywhere in the operation, not only at its root", () => {
    expect(check(["CATALOG_READ"], `{ me { pets { edges { node { id } } } } }`)).toBe("User.pets");
    expect(check(["PETS_READ"], `{ me { pets { edges { node { id } } } } }`)).toBeUndefined();
    expect(check(["CATALOG_READ"], `{ me { calendarFeedUrl } }`)).toBe("User.calendarFeedUrl");
    expect(check(["CATALOG_READ"], `{ me { ...P } } fragment P on User { pets { edges { node { id } } } }`)).toBe(
      "User.pets",
    );
  });
});
