import JSONSchemaValidator from "@asymmetrik/fhir-json-schema-validator";
import type { Bundle } from "fhir/r4";

// Test support only (the validator is a devDependency): the unit and e2e tests share these checks.

/**
 * One validator per process: compiling the 3 MB R4 schema takes about a second, and the library
 * narrows its shared schema object while explaining a failure, so fresh instances after a failure
 * would validate against the wrong schema.
 */
let validator: JSONSchemaValidator | undefined;

/**
 * Validates a bundle against the official FHIR R4 JSON schema, as it travels (JSON round trip).
 * Returns readable errors, empty when valid: a failing bundle is explained entry by entry, because
 * the schema's error list for a whole bundle repeats every error once per resource type.
 */
export function r4SchemaErrors(bundle: unknown): string[] {
  validator ??= new JSONSchemaValidator();
  const json = JSON.parse(JSON.stringify(bundle)) as Bundle;
  if (validator.validate(json).length === 0) return [];
  const errors: string[] = [];
  const entries = json.entry ?? [];
  for (const [i, entry] of entries.entries()) {
    if (!entry.resource) continue;
    for (const error of validator.validate(entry.resource)) {
      if (typeof error === "string") errors.push(`entry[${i}] ${error}`);
      else if (error.keyword !== "oneOf")
        errors.push(
          `entry[${i}] ${entry.resource.resourceType}${error.dataPath}: ${error.message} ${JSON.stringify(error.params)}`,
        );
    }
  }
  if (errors.length) return errors;
  // The resources are valid, so the bundle's own fields are at fault: check it without them.
  const shell = { ...json, entry: entries.map(({ resource: _resource, ...rest }) => rest) };
  const own = validator.validate(shell).map((e) => (typeof e === "string" ? e : `Bundle${e.dataPath}: ${e.message}`));
  return own.length ? own : ["Bundle fails the R4 schema"];
}

/** Every `reference` anywhere in the bundle that does not name an entry's `fullUrl`. */
export function unresolvedReferences(bundle: Bundle): string[] {
  const fullUrls = new Set((bundle.entry ?? []).map((e) => e.fullUrl));
  const missing: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === "object") {
      for (const [key, child] of Object.entries(value)) {
        if (key === "reference" && typeof child === "string" && !fullUrls.has(child)) missing.push(child);
        else visit(child);
      }
    }
  };
  visit(bundle.entry?.map((e) => e.resource));
  return missing;
}

/** Every `reference` in the bundle, for asserting that references exist at all. */
export function allReferences(bundle: Bundle): string[] {
  return (
    JSON.stringify(bundle)
      .match(/"reference":"[^"]*"/g)
      ?.map((r) => r.slice(13, -1)) ?? []
  );
}
