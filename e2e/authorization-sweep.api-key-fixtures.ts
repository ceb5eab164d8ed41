import { CreateApiKeyDocument, RequestDataExportDocument } from "../clients/__generated__/graphql";
import { execute, registerVerifiedUser, type Stack } from "./harness";

/** A's API key (docs/decisions/0046): a verified developer's key with one scope; and A's data export (0048). */
export async function buildApiKeySweep(stack: Stack) {
  const developer = await registerVerifiedUser(stack, "sweep-developer-a");
  const created = await execute(
    stack.gateway.url,
    CreateApiKeyDocument,
    { input: { name: "A's integration", scopes: ["CATALOG_READ"] } },
    developer.token,
  );
  if (!created.data) throw new Error(`fixture failed: createApiKey: ${JSON.stringify(created.errors)}`);
  const exported = await execute(stack.gateway.url, RequestDataExportDocument, {}, developer.token);
  if (!exported.data) throw new Error(`fixture failed: requestDataExport: ${JSON.stringify(exported.errors)}`);
  return { a: { apiKeyId: created.data.createApiKey.apiKey.id, dataExportId: exported.data.requestDataExport.id } };
}
