// GraphQL Code Generator: clients/operations/**/*.graphql → typed documents for React/TypeScript.
// The same operations are the e2e suite's vocabulary. Run `npm run codegen` after changing either side.
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "schema.graphql",
  documents: ["clients/operations/**/*.graphql"],
  ignoreNoDocuments: false,
  generates: {
    // CODEGEN_OUT lets the staleness test generate into a temporary folder and compare.
    [process.env.CODEGEN_OUT ?? "clients/__generated__/"]: {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTimeISO: "string", LocalDate: "string", JSONObject: "Record<string, unknown>" },
      },
    },
  },
  hooks: {},
};

export default config;
