import { m, q, type SweepCase } from "./authorization-sweep.case";

/**
 * identity's API key fields: another person's key is NOT_FOUND, to revoke or to read its usage; and
 * another person's data export is NOT_FOUND.
 */
export const API_KEY_CASES: Record<string, SweepCase> = {
  "Query.apiKeyUsage keyId": q(
    `query($k: ID!) { apiKeyUsage(keyId: $k, from: "2026-01-01", to: "2026-01-31") { day requests } }`,
    (f) => ({ k: f.a.apiKeyId }),
  ),
  "Mutation.revokeApiKey input.id": m(
    "revokeApiKey",
    "RevokeApiKeyInput",
    (f) => ({ id: f.a.apiKeyId }),
    "NOT_FOUND",
    "apiKey { id revokedAt }",
  ),
  "Query.dataExport id": q(`query($e: ID!) { dataExport(id: $e) { id status } }`, (f) => ({ e: f.a.dataExportId })),
};
