// What the gateway reads of a subgraph's public data version: the path and the answer's shape, with
// nothing of the subgraph's machinery (the gateway imports it through `src/edge`; docs/decisions/0054).

/** Served by a subgraph whose anonymous answers may be cached at the gateway; gateway secret required. */
export const PUBLIC_DATA_VERSION_PATH = "/internal/public-data-version";

/** One answer of `GET /internal/public-data-version`. */
export interface PublicDataVersion {
  /**
   * Changes (grows by one) after every event that changed what anonymous callers may see; a
   * bigint, as a string. A cached answer is only ever served under the version it was computed at.
   */
  version: string;
  /** When it last changed (ISO 8601), or null when nothing has changed since the table was made. */
  changedAt: string | null;
}

/** The answer, checked (a subgraph of another version, or a proxy's error page, is no version at all). */
export function parsePublicDataVersion(body: unknown): PublicDataVersion | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const { version, changedAt } = body as Record<string, unknown>;
  if (typeof version !== "string" || !/^\d{1,19}$/.test(version)) return undefined;
  if (changedAt !== null && typeof changedAt !== "string") return undefined;
  return { version, changedAt };
}
