/**
 * The origins a browser uploads files to and loads them from, when the subgraphs keep files in S3-compatible
 * storage (`S3_BUCKET`): presigned URLs name the bucket's own host (`S3_PUBLIC_ENDPOINT`, else `S3_ENDPOINT`,
 * else AWS's regional endpoint; path style or the bucket as a subdomain, `S3_FORCE_PATH_STYLE`), which the web
 * app's page policy must allow. The same settings the subgraphs read (kit's fileStoreSettingsFromEnv). None
 * with files on local disk: their links go through the gateway (docs/decisions/0060), the page's own origin.
 */
export function fileStoreOrigins(env: Readonly<Record<string, string | undefined>>): string[] {
  const bucket = env.S3_BUCKET?.trim();
  if (!bucket) return [];
  const pathStyle = ["1", "true", "yes", "on"].includes((env.S3_FORCE_PATH_STYLE ?? "").trim().toLowerCase());
  const endpoint = (env.S3_PUBLIC_ENDPOINT ?? env.S3_ENDPOINT)?.trim();
  const base = new URL(endpoint || `https://s3.${env.S3_REGION?.trim() || "us-east-1"}.amazonaws.com`);
  return [pathStyle ? base.origin : `${base.protocol}//${bucket}.${base.host}`];
}
