// Types for @asymmetrik/fhir-json-schema-validator, which ships none (used by tests only).
declare module "@asymmetrik/fhir-json-schema-validator" {
  /** One Ajv 6 error. */
  interface SchemaError {
    keyword: string;
    dataPath: string;
    message?: string;
    params: Record<string, unknown>;
  }

  /** Validates FHIR resources against the bundled official R4 JSON schema (fhir.schema.json, 4.0). */
  class JSONSchemaValidator {
    constructor(schema?: object, ajvSettings?: object);
    /** Errors, or an empty list when the resource is valid; `verbose` returns Ajv's full list. */
    validate(resource: object, verbose?: boolean): (SchemaError | string)[];
  }

  export = JSONSchemaValidator;
}
