import { composeServices } from "@apollo/composition";
import { parse } from "graphql";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describeViolation, partialResultsViolations } from "./partial-results";
import { ROOT } from "./supergraph";

const committed = () => readFileSync(resolve(ROOT, "supergraph.graphql"), "utf8");

describe("the committed supergraph (docs/decisions/0024)", () => {
  it("has no field position that another subgraph's outage would null beyond its own fields", () => {
    // Each line names the subgraph, the position and the foreign non-null fields that would null it.
    expect(partialResultsViolations(committed()).map(describeViolation)).toEqual([]);
  });

  it("is read correctly: making Pet.healthTimeline non-null again is caught", () => {
    const reverted = committed().replace(
      "): HealthRecordConnection @join__field(graph: EHR)",
      "): HealthRecordConnection! @join__field(graph: EHR)",
    );
    expect(reverted).not.toBe(committed());
    const found = partialResultsViolations(reverted).filter((v) =>
      v.foreignNonNull.some((field) => field.startsWith("Pet.healthTimeline:")),
    );
    // Every pets position holding a Pet (pet, myPets' edges, createPet, ...) would be nulled by ehr.
    expect(found.map((v) => `${v.subgraph} ${v.position}`)).toEqual(
      expect.arrayContaining(["PETS Query.pet", "PETS PetEdge.node", "PETS Mutation.createPet"]),
    );
    // bookings holds Pet as a reference at a nullable position and resolves only nullable fields of it.
    expect(found.find((v) => v.position === "Booking.pet")).toBeUndefined();
  });

  it("is read correctly: making Query.me non-null again is caught", () => {
    const reverted = committed().replace(
      "me: User @join__field(graph: IDENTITY)",
      "me: User! @join__field(graph: IDENTITY)",
    );
    expect(reverted).not.toBe(committed());
    expect(partialResultsViolations(reverted).map((v) => `${v.subgraph} ${v.position}: ${v.type}`)).toEqual([
      "IDENTITY Query.me: User!",
    ]);
  });
});

/** A supergraph composed from small hand-written subgraphs, as `npm run compose` does. */
function supergraph(subgraphs: Record<string, string>): string {
  const link = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])\n`;
  const result = composeServices(
    Object.entries(subgraphs).map(([name, sdl]) => ({
      name,
      url: `http://${name}.test/graphql`,
      typeDefs: parse(link + sdl),
    })),
  );
  if (result.errors) throw new Error(result.errors.map((error) => error.message).join("\n"));
  return result.supergraphSdl;
}

const identity = `
  type User @key(fields: "id") { id: ID! displayName: String! }
  type Query { me: User }
`;

describe("partialResultsViolations", () => {
  it("flags a non-null field added to another subgraph's entity, at every position of its owner", () => {
    const sdl = supergraph({
      identity,
      pets: `
        type User @key(fields: "id") { id: ID! pets: [Pet!]! }
        type Pet @key(fields: "id") { id: ID! name: String! }
        type Query { pet(id: ID!): Pet }
      `,
    });
    expect(partialResultsViolations(sdl)).toEqual([
      {
        subgraph: "IDENTITY",
        position: "Query.me",
        type: "User",
        entity: "User",
        foreignNonNull: ["User.pets: [Pet!]!"],
        reason: "IDENTITY also resolves non-null User.displayName: make the foreign fields nullable",
      },
    ]);
  });

  it("flags a non-null reference to another subgraph's entity, and a list of them with non-null items", () => {
    const sdl = supergraph({
      identity,
      pets: `
        type User @key(fields: "id", resolvable: false) { id: ID! }
        type Pet @key(fields: "id") { id: ID! name: String! createdBy: User! owners: [User!]! }
        type Query { pet(id: ID!): Pet }
      `,
    });
    expect(partialResultsViolations(sdl).map(describeViolation)).toEqual([
      "PETS Pet.createdBy: User! -> User.displayName: String! (a reference at a non-null position: make it nullable, or a list's items)",
      "PETS Pet.owners: [User!]! -> User.displayName: String! (a reference at a non-null position: make it nullable, or a list's items)",
    ]);
  });

  it("flags a reference held by a subgraph that also adds a non-null field to the entity", () => {
    const sdl = supergraph({
      identity,
      pets: `
        type User @key(fields: "id") { id: ID! petCount: Int! }
        type Pet @key(fields: "id") { id: ID! name: String! createdBy: User }
        type Query { pet(id: ID!): Pet }
      `,
    });
    // Identity down would null createdBy even though pets could answer petCount; identity's own positions
    // are flagged for petCount too.
    expect(
      partialResultsViolations(sdl).map((v) => `${v.subgraph} ${v.position}: ${v.foreignNonNull.join(", ")}`),
    ).toEqual(["IDENTITY Query.me: User.petCount: Int!", "PETS Pet.createdBy: User.displayName: String!"]);
  });

  it("flags an entity reached through a union member", () => {
    const sdl = supergraph({
      pets: `
        type Pet @key(fields: "id") { id: ID! name: String! }
        type NameTakenError { message: String! }
        union CreatePetResult = Pet | NameTakenError
        type Query { pets: [Pet] }
        type Mutation { createPet(name: String!): CreatePetResult! }
      `,
      ehr: `
        type Pet @key(fields: "id") { id: ID! timeline: [String!]! }
        type Query { ehrVersion: String }
      `,
    });
    expect(partialResultsViolations(sdl).map((v) => `${v.subgraph} ${v.position}: ${v.entity}`)).toEqual([
      "PETS Mutation.createPet: Pet",
      "PETS Query.pets: Pet",
    ]);
  });

  it("flags a non-null root Query field, whatever it returns, and leaves mutation and subscription fields alone", () => {
    const sdl = supergraph({
      identity: `
        type User @key(fields: "id") { id: ID! displayName: String! }
        type Query { me: User! }
      `,
      pets: `
        type Pet @key(fields: "id") { id: ID! name: String! }
        type PetConnection { nodes: [Pet!]! }
        type Query { myPets: PetConnection! petCount: Int! pets(ids: [ID!]!): [Pet]! }
        type Mutation { createPet(name: String!): Pet! }
        type Subscription { petUpdated: Pet! }
      `,
    });
    // With identity down, `{ me { displayName } myPets { nodes { name } } }` would lose pets' answer too.
    expect(partialResultsViolations(sdl).map(describeViolation)).toEqual([
      "IDENTITY Query.me: User! -> data: null (a non-null root Query field: IDENTITY failing it nulls data, and every other subgraph's root fields with it; make it nullable)",
      "PETS Query.myPets: PetConnection! -> data: null (a non-null root Query field: PETS failing it nulls data, and every other subgraph's root fields with it; make it nullable)",
      "PETS Query.petCount: Int! -> data: null (a non-null root Query field: PETS failing it nulls data, and every other subgraph's root fields with it; make it nullable)",
      "PETS Query.pets: [Pet]! -> data: null (a non-null root Query field: PETS failing it nulls data, and every other subgraph's root fields with it; make it nullable)",
    ]);
  });

  it("passes nullable contributed fields and nullable references (lists: nullable items)", () => {
    const sdl = supergraph({
      identity,
      pets: `
        type User @key(fields: "id") { id: ID! pets: [Pet!] petCount: Int }
        type Pet @key(fields: "id") { id: ID! name: String! createdBy: User owners: [User]! }
        type Query { pet(id: ID!): Pet myPets: [Pet!] }
        type Mutation { createPet(name: String!): Pet! }
        type Subscription { petUpdated: Pet! }
      `,
      ehr: `
        type Pet @key(fields: "id") { id: ID! timeline: [String!] recordedBy: User }
        type User @key(fields: "id", resolvable: false) { id: ID! }
        type Query { ehrVersion: String }
      `,
    });
    expect(partialResultsViolations(sdl)).toEqual([]);
  });
});
