import { InMemoryCache } from "@apollo/client/cache";
import { parse, type FragmentDefinitionNode } from "graphql";
import { PetHealthTimelineDocument, type PetHealthTimelineQuery } from "../../__generated__/web/graphql";
import { createCache } from "./cache";

/* The web app's cache, with codegen's possibleTypes: a node read through an interface fragment keeps its fields. */

const visit = {
  __typename: "Visit" as const,
  id: "visit-1",
  kind: "VISIT" as const,
  occurredAt: "2026-11-30T10:00:00.000Z",
  clinic: { __typename: "Clinic" as const, id: "clinic-1" },
  recordedBy: { __typename: "User" as const, id: "vet-1", displayName: "Vera Vet" },
  reason: "Itchy ears",
  attendingVet: { __typename: "User" as const, id: "vet-1", displayName: "Vera Vet" },
  notes: {
    __typename: "SoapNotes" as const,
    subjective: "Scratching",
    objective: null,
    assessment: "Otitis externa",
    plan: "Drops for a week",
  },
  diagnoses: [{ __typename: "Diagnosis" as const, text: "Otitis externa", code: null, codeSystem: null }],
};

const timeline: PetHealthTimelineQuery = {
  __typename: "Query",
  pet: {
    __typename: "Pet",
    id: "pet-1",
    name: "Rex",
    healthTimeline: {
      __typename: "HealthRecordConnection",
      edges: [{ __typename: "HealthRecordEdge", cursor: "c1", node: visit }],
      pageInfo: { __typename: "PageInfo", hasNextPage: false, endCursor: "c1" },
    },
  },
};

function roundTrip(cache: InMemoryCache) {
  const variables = { id: "pet-1", first: 10 };
  cache.writeQuery({ query: PetHealthTimelineDocument, variables, data: timeline });
  return cache.readQuery({ query: PetHealthTimelineDocument, variables, returnPartialData: true });
}

describe("the web app's Apollo cache", () => {
  it("keeps a Visit's fields read through the HealthRecordEntry fragment on the HealthRecord interface", () => {
    const read = roundTrip(createCache());
    expect(read?.pet?.healthTimeline?.edges[0]?.node).toEqual(visit);
  });

  it("knows every HealthRecord kind from codegen's possible-types.ts", () => {
    const cache = createCache();
    const onHealthRecord = parse("fragment F on HealthRecord { id }").definitions[0] as FragmentDefinitionNode;
    expect(cache.policies.fragmentMatches(onHealthRecord, "Pet")).toBe(false);
    for (const kind of ["Visit", "Vaccination", "Medication", "Allergy", "LabResult", "ClinicalAlert", "HomeNote"])
      expect({ kind, matches: cache.policies.fragmentMatches(onHealthRecord, kind) }).toEqual({
        kind,
        matches: true,
      });
  });

  it("(without possibleTypes, as before, the node comes back without the fields of the fragment)", () => {
    const errors = jest.spyOn(console, "error").mockImplementation(() => undefined);
    const warnings = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const read = roundTrip(new InMemoryCache());
      expect(read?.pet?.healthTimeline?.edges[0]?.node).not.toHaveProperty("reason");
    } finally {
      errors.mockRestore();
      warnings.mockRestore();
    }
  });
});
