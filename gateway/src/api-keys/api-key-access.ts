import { createHash } from "node:crypto";
import {
  GATEWAY_SECRET_HEADER,
  ServiceUnavailableError,
  UnauthenticatedError,
  type AccessTokenVerifier,
  type Logger,
  type Viewer,
} from "@pawgraph/subgraph-kit/src/edge";
import type { ApiKeySettings } from "./api-key-settings";

/** What identity answers for a working key (subgraphs/identity/src/api-key/api-key.service.ts). */
interface AccessAnswer {
  keyId: string;
  userId: string;
  scopes: string[];
  accessToken: string;
}

type Refusal = "INVALID" | "EXPIRED" | "REVOKED";

/** A request authenticated by an API key: its owner, as their minted token says, and the key. */
export interface ApiKeyIdentity {
  viewer: Viewer;
  /** `Bearer <minted token>`: what the subgraphs are sent, so they verify an ordinary JWT. */
  authorization: string;
  key: { id: string; scopes: string[] };
}

/** Answers remembered at once; the oldest goes first past this. */
const CACHE_SIZE = 10_000;

const REFUSALS: Record<Refusal, string> = {
  INVALID: "This API key is not valid",
  EXPIRED: "This API key has expired",
  REVOKED: "This API key has been revoked",
};

/** `pk_` then the key's characters: an API key, not an access token. */
export const API_KEY_PATTERN = /^pk_[A-Za-z0-9_-]{1,96}$/;

/**
 * Turns an API key into its owner's identity (docs/decisions/0046): identity checks the key and mints
 * a short-lived access token of the owner carrying the key's scopes (`scp`) and the key's id as its
 * session (`sid`). Answers (refusals included) are reused for at most 5 s; each use still verifies
 * the token, so a revoked key also stops as soon as the revocation log says so (within a second).
 * Concurrent requests with one key share one call to identity.
 */
export class ApiKeyAccess {
  private readonly cache = new Map<string, { answer: AccessAnswer | Refusal; until: number }>();
  private readonly inFlight = new Map<string, Promise<AccessAnswer | Refusal>>();

  constructor(
    private readonly settings: ApiKeySettings,
    private readonly verifier: AccessTokenVerifier,
    private readonly log: Logger,
  ) {}

  async authenticate(key: string): Promise<ApiKeyIdentity> {
    if (!API_KEY_PATTERN.test(key)) throw new UnauthenticatedError(REFUSALS.INVALID);
    // The map holds hashes, not keys: a heap dump does not hand out working keys.
    const id = createHash("sha256").update(key).digest("base64url");
    const answer = await this.answerFor(id, key);
    if (typeof answer === "string") throw new UnauthenticatedError(REFUSALS[answer]);
    let viewer: Viewer;
    try {
      viewer = await this.verifier.verify(answer.accessToken);
    } catch (error) {
      // Revoked since (the log) or the token ran out: ask identity again next time.
      this.cache.delete(id);
      if (error instanceof UnauthenticatedError) throw new UnauthenticatedError("This API key no longer works");
      throw error;
    }
    return {
      viewer,
      authorization: `Bearer ${answer.accessToken}`,
      key: { id: answer.keyId, scopes: answer.scopes },
    };
  }

  private async answerFor(id: string, key: string): Promise<AccessAnswer | Refusal> {
    const cached = this.cache.get(id);
    if (cached && cached.until > Date.now()) return cached.answer;
    const pending = this.inFlight.get(id);
    if (pending) return pending;
    const asked = this.ask(key)
      .then((answer) => {
        this.cache.delete(id);
        if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
        this.cache.set(id, { answer, until: Date.now() + this.settings.cacheMs });
        return answer;
      })
      .finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, asked);
    return asked;
  }

  private async ask(key: string): Promise<AccessAnswer | Refusal> {
    let response: Response;
    try {
      response = await fetch(this.settings.accessUrl, {
        method: "POST",
        headers: { "content-type": "application/json", [GATEWAY_SECRET_HEADER]: this.settings.gatewaySecret },
        body: JSON.stringify({ key }),
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
    } catch (error) {
      this.log.warn({ err: error }, "cannot reach identity to check an API key");
      throw new ServiceUnavailableError();
    }
    if (!response.ok) {
      this.log.warn({ status: response.status }, "identity did not check an API key");
      throw new ServiceUnavailableError();
    }
    const body = (await response.json()) as Partial<AccessAnswer> & { refused?: Refusal };
    if (body.refused) return REFUSALS[body.refused] ? body.refused : "INVALID";
    if (typeof body.accessToken !== "string" || typeof body.keyId !== "string" || !Array.isArray(body.scopes))
      throw new ServiceUnavailableError();
    return { keyId: body.keyId, userId: body.userId!, scopes: body.scopes, accessToken: body.accessToken };
  }
}
