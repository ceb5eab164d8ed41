import type { IncomingHttpHeaders } from "node:http";
import { UnauthenticatedError, type AccessTokenVerifier, type Viewer } from "@pawgraph/subgraph-kit/src/edge";
import { API_KEY_PATTERN, type ApiKeyAccess } from "./api-keys/api-key-access";

/** Who a request comes from, as the gateway established it. */
export interface Authenticated {
  viewer: Viewer | null;
  /** What the subgraphs are sent in `Authorization`: the client's verified token, or the one minted for its API key. */
  authorization?: string;
  /** Set when the request came with an API key (docs/decisions/0046). */
  apiKey?: { id: string; scopes: string[] };
}

/**
 * The one way the gateway tells who is calling over HTTP, used by the trusted-documents check and the
 * request context alike: an access token in `Authorization: Bearer <jwt>`, or an API key in
 * `x-api-key: pk_...` or `Authorization: Bearer pk_...`. Both at once is refused: which one counts
 * would be a guess.
 */
export class RequestAuthenticator {
  constructor(
    private readonly verifier: AccessTokenVerifier,
    private readonly apiKeys?: ApiKeyAccess,
  ) {}

  async authenticate(headers: IncomingHttpHeaders): Promise<Authenticated> {
    const authorization = headers.authorization;
    const headerKey = single(headers["x-api-key"])?.trim();
    const bearer = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization.trim())?.[1] : undefined;
    const bearerKey = bearer?.startsWith("pk_") ? bearer : undefined;
    if (headerKey !== undefined && authorization)
      throw new UnauthenticatedError("Send either an API key (`x-api-key`) or `Authorization`, not both");
    const key = headerKey ?? bearerKey;
    if (key !== undefined) {
      if (!this.apiKeys) throw new UnauthenticatedError("API keys are not accepted here");
      if (!API_KEY_PATTERN.test(key)) throw new UnauthenticatedError("This API key is not valid");
      const identity = await this.apiKeys.authenticate(key);
      return { viewer: identity.viewer, authorization: identity.authorization, apiKey: identity.key };
    }
    const viewer = await this.verifier.fromAuthorizationHeader(authorization);
    return { viewer, authorization: viewer ? authorization : undefined };
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
