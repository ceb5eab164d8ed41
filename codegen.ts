// GraphQL Code Generator: clients/operations/**/*.graphql → typed documents for React/TypeScript.
// The same operations are the e2e suite's vocabulary, and their manifest is the gateway's list of trusted documents. Run `npm run codegen` after changing either side.
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "schema.graphql",
  documents: ["clients/operations/**/*.graphql"],
  ignoreNoDocuments: false,
  generates: {
    // CODEGEN_OUT lets the staleness test generate into a temporary folder and compare.
    [process.env.CODEGEN_OUT ?? "clients/__generated__/"]: {
      preset: "client",
      // persistedDocuments also writes persisted-documents.json ({ "sha256:<hex>": "<document>" }), the
      // manifest of trusted documents the gateway accepts by id (docs/decisions/0017), and puts each
      // document's id in its `__meta__.hash` so apps can send the id instead of the text.
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: "sha256" } },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTimeISO: "string", LocalDate: "string", JSONObject: "Record<string, unknown>" },
      },
    },
    // Apollo Client's InMemoryCache must know which types implement each interface and union, or it
    // drops the fields of a node read through an interface fragment (HealthRecordEntry on a Visit
    // comes back as `{ __typename: "Visit" }`). clients/web passes this to InMemoryCache.
    [`${process.env.CODEGEN_OUT ?? "clients/__generated__/"}possible-types.ts`]: {
      plugins: ["fragment-matcher"],
      config: { apolloClientVersion: 3, useExplicitTyping: true },
    },
  },
  hooks: {},
};

export default config;
