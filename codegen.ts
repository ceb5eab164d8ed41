// GraphQL Code Generator: clients/operations/**/*.graphql → typed documents for React/TypeScript.
// The same operations are the e2e suite's vocabulary, and their manifest is the gateway's list of trusted documents. Run `npm run codegen` after changing either side.
import type { CodegenConfig } from "@graphql-codegen/cli";
import { addTypenameSelectionDocumentTransform } from "@graphql-codegen/client-preset";

const out = process.env.CODEGEN_OUT ?? "clients/__generated__/";
const scalars = { DateTimeISO: "string", LocalDate: "string", JSONObject: "Record<string, unknown>" };

const config: CodegenConfig = {
  schema: "schema.graphql",
  documents: ["clients/operations/**/*.graphql"],
  ignoreNoDocuments: false,
  generates: {
    // CODEGEN_OUT lets the staleness test generate into a temporary folder and compare.
    [out]: {
      preset: "client",
      // persistedDocuments also writes persisted-documents.json ({ "sha256:<hex>": "<document>" }), the
      // manifest of trusted documents the gateway accepts by id (docs/decisions/0017), and puts each
      // document's id in its `__meta__.hash` so apps can send the id instead of the text.
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: "sha256" } },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars,
      },
    },
    // The same operations for clients/web, with `__typename` in every selection as Apollo Client's cache
    // needs it (it adds it itself, which would change the text and so the id). Their own manifest,
    // web/persisted-documents.json, is trusted by the gateway next to the other (docs/decisions/0061-react-web-app.md).
    [`${out}web/`]: {
      preset: "client",
      documentTransforms: [addTypenameSelectionDocumentTransform],
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: "sha256" } },
      config: { useTypeImports: true, enumsAsTypes: true, scalars },
    },
    // Apollo Client's InMemoryCache must know which types implement each interface and union, or it
    // drops the fields of a node read through an interface fragment (HealthRecordEntry on a Visit
    // comes back as `{ __typename: "Visit" }`). clients/web passes this to InMemoryCache.
    [`${out}possible-types.ts`]: {
      plugins: ["fragment-matcher"],
      config: { apolloClientVersion: 3, useExplicitTyping: true },
    },
  },
  hooks: {},
};

export default config;
